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

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use synthetic::Layout;

const USAGE: &str =
    "usage: cargo run --release --example gen_brief -- N OUT_DIR [--one-entry-per-file]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let layout = match args.iter().position(|arg| arg == "--one-entry-per-file") {
        Some(at) => {
            args.remove(at);
            Layout::OneEntryPerFile
        }
        None => Layout::Sections,
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
    match synthetic::write(count, layout, &dir) {
        Ok(()) => {
            println!("wrote a brief of {count} entries to {}", dir.display());
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
