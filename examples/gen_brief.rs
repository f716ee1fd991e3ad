//! Writes a synthetic brief of N entries into a folder, for measuring splw at scale:
//!
//! ```sh
//! cargo run --release --example gen_brief -- 10000 /tmp/brief-10k
//! splw check --brief /tmp/brief-10k
//! splw list --brief /tmp/brief-10k
//! ```
//!
//! The brief has a front-matter file and one section file for each of the real brief's 21
//! sections, with realistic field sizes; the same N always gives the same files
//! (see `benches/support/synthetic.rs`). N is at most 110,000, so that no section file passes
//! splw's 16 MiB limit.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

const USAGE: &str = "usage: cargo run --release --example gen_brief -- N OUT_DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
    // Section files left from another size would be read with these: refuse to mix them.
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
    if count > synthetic::MAX_ENTRIES {
        eprintln!(
            "error: at most {} entries: more would make section files larger than splw reads",
            synthetic::MAX_ENTRIES
        );
        return ExitCode::from(2);
    }
    match synthetic::write(count, &dir) {
        Ok(()) => {
            println!("wrote a brief of {count} entries to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write to {}: {error}", dir.display());
            ExitCode::from(4)
        }
    }
}
