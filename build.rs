//! Builds the brief into the binary, checked and already parsed.
//!
//! The build runs the same loader as `splw check` (src/catalogue, compiled in here) over
//! `brief/*.toml`, fails on any problem, and writes:
//! - `files.rs`: each file's name and text, for `splw check` on the built-in brief;
//! - `catalogue.rs`: the loaded `Catalogue` as a Rust expression, baked by databake from the
//!   model's own types, so that `splw` starts without parsing TOML;
//! - `split.rs`: the words of its entries' fields, split and stemmed by search's own code
//!   (src/search), so that `find` does not split or stem them at every run;
//! - `lexicon.rs`: search's thesaurus and gazetteer (src/search/thesaurus.toml, places.toml),
//!   every term stemmed, so that a query looks its words up without reading the files.

// The loader's parts that only the binary uses are compiled here too.
#![allow(dead_code, unused_imports)]

#[path = "src/address.rs"]
mod address;
#[path = "src/catalogue/mod.rs"]
mod catalogue;
#[path = "src/text.rs"]
mod text;
/// The part of search that splits fields into words and stems them.
#[path = "src/search"]
mod search {
    mod field;
    pub mod lexicon;
    pub mod lexicon_read;
    mod split;
    mod stems;
    mod words;

    pub use field::Field;
    pub use split::{Split, Word, split};
}

use std::path::Path;
use std::{env, fs};

use databake::{Bake, CrateEnv};

fn main() {
    println!("cargo::rerun-if-changed=brief");
    println!("cargo::rerun-if-changed=src/catalogue");
    println!("cargo::rerun-if-changed=src/text.rs");
    println!("cargo::rerun-if-changed=src/address.rs");
    for file in [
        "field.rs",
        "lexicon.rs",
        "lexicon_read.rs",
        "split.rs",
        "stems.rs",
        "words.rs",
        "thesaurus.toml",
        "places.toml",
    ] {
        println!("cargo::rerun-if-changed=src/search/{file}");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("brief");
    let files = match catalogue::read_dir(&dir) {
        Ok(files) => files,
        Err(problems) => fail(&problems),
    };
    let report = catalogue::build(&files);
    let problems: Vec<_> = report.problems.into_iter().collect();
    if !problems.is_empty() {
        fail(&problems);
    }
    let listed: Vec<String> = files
        .iter()
        .map(|file| {
            let name = Path::new(&file.name)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("(\"brief/{name}\", include_str!({:?}))", dir.join(&name))
        })
        .collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_default()).to_path_buf();
    let baked = report.catalogue.bake(&CrateEnv::default());
    let split = search::split(&report.catalogue).bake(&CrateEnv::default());
    let search_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/search");
    let read = |name: &str| fs::read_to_string(search_dir.join(name)).unwrap_or_default();
    let lexicon = match search::lexicon_read::read(&read("thesaurus.toml"), &read("places.toml")) {
        Ok(lexicon) => lexicon.bake(&CrateEnv::default()),
        Err(problem) => {
            println!("cargo::error={problem}");
            std::process::exit(1);
        }
    };
    for (name, code) in [
        ("files.rs", format!("&[{}]", listed.join(",\n"))),
        ("catalogue.rs", baked.to_string()),
        ("split.rs", split.to_string()),
        ("lexicon.rs", lexicon.to_string()),
    ] {
        if let Err(error) = fs::write(out.join(name), code) {
            println!("cargo::error=cannot write {name}: {error}");
            std::process::exit(1);
        }
    }
}

/// The built-in brief must be clean: warnings included, since it is the example curators copy.
fn fail(problems: &[catalogue::Problem]) -> ! {
    println!("cargo::error=the built-in brief has problems:");
    for problem in problems {
        println!("cargo::error={problem}");
    }
    std::process::exit(1);
}
