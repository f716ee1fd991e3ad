//! Writes a brief of N entries into a folder, for measuring splw at scale:
//!
//! ```sh
//! cargo run --release --example gen_brief -- 10000 /tmp/brief-10k
//! splw check --brief /tmp/brief-10k
//! splw list --brief /tmp/brief-10k
//! ```
//!
//! The brief is the real one (brief/) repeated under new ids, with one file per section of each
//! copy, or with `--one-entry-per-file` one section file per entry. The same arguments always give
//! the same files (see `benches/support/synthetic.rs`).
//!
//! `--shape NAME` writes instead a brief shaped to make a cost grow faster than its size
//! (`benches/support/shapes.rs`), N being how many of the thing that grows: `countries` (N works,
//! each with a country of its own), `one-entry-everywhere` (one entry in N files, each with all N
//! topics) or `tiny` (N entries of the fewest fields).

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/shapes.rs"]
mod shapes;
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use synthetic::Layout;

const USAGE: &str = "usage: cargo run --release --example gen_brief -- N OUT_DIR [--one-entry-per-file | --shape countries|one-entry-everywhere|tiny]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let layout = match args.iter().position(|arg| arg == "--one-entry-per-file") {
        Some(at) => {
            args.remove(at);
            Layout::OneEntryPerFile
        }
        None => Layout::Sections,
    };
    let shape = match args.iter().position(|arg| arg == "--shape") {
        Some(at) if at + 1 < args.len() => {
            let name = args.remove(at + 1);
            args.remove(at);
            Some(name)
        }
        Some(_) => {
            eprintln!("error: --shape needs a name\n{USAGE}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let [count, dir] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(count) = count.replace('_', "").parse::<usize>() else {
        eprintln!("error: `{count}` is not a number of entries\n{USAGE}");
        return ExitCode::from(2);
    };
    if count == 0 {
        eprintln!("error: give at least one entry\n{USAGE}");
        return ExitCode::from(2);
    }
    let dir = PathBuf::from(dir);
    // Files left from another brief would be read with these: refuse to mix them.
    let stale = std::fs::read_dir(&dir).ok().is_some_and(|listing| {
        listing
            .filter_map(Result::ok)
            .any(|item| item.path().extension().is_some_and(|ext| ext == "toml"))
    });
    if stale {
        eprintln!(
            "error: {} already holds .toml files: give an empty or new folder",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let written = match &shape {
        Some(name) => match shapes::parse(name, count) {
            Some(shape) => shapes::write(shape, &dir),
            None => {
                eprintln!("error: no shape `{name}`\n{USAGE}");
                return ExitCode::from(2);
            }
        },
        None => synthetic::write(count, layout, &dir),
    };
    match written {
        Ok(()) => {
            match &shape {
                Some(name) => println!(
                    "wrote a brief of shape {name} ({count}) to {}",
                    dir.display()
                ),
                None => println!("wrote a brief of {count} entries to {}", dir.display()),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "error: cannot write the brief to {}: {error}",
                dir.display()
            );
            ExitCode::from(4)
        }
    }
}
