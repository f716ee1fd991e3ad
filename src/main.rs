use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use splw::{cli, cmd, error};

fn main() -> ExitCode {
    tune_allocator();
    let outcome = match cli::Cli::try_parse() {
        Ok(cli) => cmd::run(cli),
        Err(error) => cmd::command_line(&error),
    };
    let code = match outcome {
        Ok(()) => error::exit::SUCCESS,
        Err(failure) => {
            let (code, message) = error::report(&failure);
            if let Some(message) = message {
                // Not eprintln!, which panics when stderr is closed or full.
                let _ = writeln!(std::io::stderr(), "{message}");
            }
            code
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// splw runs for milliseconds, yet a large brief makes millions of small allocations: glibc's
/// habit of handing memory back (trimming the heap, mapping large buffers separately) then costs
/// more than the work, as each page is faulted in again. Keep what the heap gets.
fn tune_allocator() {
    // SAFETY: mallopt only sets glibc's allocation parameters; it is called before any thread
    // starts, and a refused setting (return 0) leaves the defaults, which are correct too.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 30);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}
