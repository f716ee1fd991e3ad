//! Briefs shaped to make a cost grow faster than their size, as a hostile brief would: for the
//! tests that check the result at a size where a quadratic cost would show (tests/scale.rs), the
//! benchmarks (benches/shapes.sh) and `examples/gen_brief.rs --shape`. Every brief loads, with
//! no problem and no warning. Deterministic. Included with `#[path]`.
#![allow(dead_code)] // each includer uses part of it

use std::fmt::Write as _;
use std::{fs, io, path::Path};

/// A shape, and how many of the thing that grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `n` works, each coded with a country of its own: the countries facet of `stats`, `map`,
    /// `page` and `list --country` grows with them.
    Countries(usize),
    /// One entry placed in `n` section files, each placement carrying all `n` topics: merging
    /// its placements grows with `n` × `n`.
    OneEntryEverywhere(usize),
    /// `n` entries with the fewest fields an entry may have: the memory an entry costs, against
    /// the bytes it takes.
    Tiny(usize),
}

const FRONT: &str = "[brief]\ntitle = \"A brief of a hostile shape\"\nauthor = \"splw's benchmarks\"\nyear = 2026\n";

/// Largest section file written, well under the loader's 16 MiB a file.
const FILE_BYTES: usize = 4 * 1024 * 1024;

/// The brief's files, as (file name, TOML text) pairs, front matter first.
pub fn files(shape: Shape) -> Vec<(String, String)> {
    let mut files = vec![("00-front.toml".to_string(), FRONT.to_string())];
    match shape {
        Shape::Countries(n) => {
            let entry = |i: usize, out: &mut String| {
                let _ = write!(
                    out,
                    "\n[[entry]]\nid = \"atlas{i}-2020\"\nkind = \"report\"\ntitle = \"A study in Land {i}\"\nsource = \"Atlas\"\nyear = 2020\ntopics = [\"{{section}}\"]\ncountry = [\"Land {i}\"]\ncountry_evidence = {{ \"Land {i}\" = \"Land {i}\" }}\n"
                );
            };
            files.extend(sections("lands", n, entry));
        }
        Shape::OneEntryEverywhere(n) => {
            for k in 0..n {
                let mut text = format!("[section]\nid = \"s{k}\"\ntitle = \"Section {k}\"\n");
                let topics: Vec<String> = std::iter::once(k)
                    .chain((0..n).filter(|&t| t != k))
                    .map(|t| format!("\"s{t}\""))
                    .collect();
                let _ = write!(
                    text,
                    "\n[[entry]]\nid = \"everywhere-2020\"\nkind = \"report\"\ntitle = \"One work in every section\"\nsource = \"Everywhere\"\nyear = 2020\ntopics = [{}]\n",
                    topics.join(", ")
                );
                files.push((format!("{:06}-s{k}.toml", k + 1), text));
            }
        }
        Shape::Tiny(n) => {
            let entry = |i: usize, out: &mut String| {
                let _ = write!(
                    out,
                    "\n[[entry]]\nid = \"t{i}-2020\"\nkind = \"report\"\ntitle = \"T{i}\"\nsource = \"T\"\nyear = 2020\ntopics = [\"{{section}}\"]\n"
                );
            };
            files.extend(sections("tiny", n, entry));
        }
    }
    files
}

/// `n` entries written by `entry`, in as many section files as keep each under `FILE_BYTES`;
/// `{section}` in an entry is its file's section.
fn sections(name: &str, n: usize, entry: impl Fn(usize, &mut String)) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut text = String::new();
    let mut one = String::new();
    for i in 0..n {
        if text.is_empty() {
            let k = files.len();
            text = format!("[section]\nid = \"{name}-{k}\"\ntitle = \"{name} {k}\"\n");
        }
        one.clear();
        entry(i, &mut one);
        text.push_str(&one.replace("{section}", &format!("{name}-{}", files.len())));
        if text.len() > FILE_BYTES || i + 1 == n {
            files.push((
                format!("{:06}-{name}.toml", files.len() + 1),
                std::mem::take(&mut text),
            ));
        }
    }
    files
}

/// Writes [`files`] into `dir`, creating it if need be.
pub fn write(shape: Shape, dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, text) in files(shape) {
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// A shape from its name and size, as `gen_brief --shape NAME` takes it.
pub fn parse(name: &str, n: usize) -> Option<Shape> {
    match name {
        "countries" => Some(Shape::Countries(n)),
        "one-entry-everywhere" => Some(Shape::OneEntryEverywhere(n)),
        "tiny" => Some(Shape::Tiny(n)),
        _ => None,
    }
}
