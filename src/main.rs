use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use splw::{cli, clipboard, cmd, error};

fn main() -> ExitCode {
    hand_back_large_buffers();
    // A shell asking for completions (COMPLETE=bash splw -- …): answered, then exit.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command)
        .var(cmd::completions::VAR)
        .complete();
    // `--copy` on Linux starts splw again to own the clipboard: see clipboard.rs.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == clipboard::SERVE)
    {
        return clipboard::serve();
    }
    let outcome = match cli::Cli::try_parse() {
        Ok(cli) => cli
            .into_run()
            .map_err(anyhow::Error::from)
            .and_then(cmd::run),
        Err(error) => cli::command_line(&error),
    };
    let code = match outcome {
        Ok(()) => splw::exit_codes::ExitCode::Success.code(),
        Err(failure) => {
            let (code, message) = error::report(&failure);
            if let Some(message) = message {
                // Wrapped at spaces on a terminal, never inside an id or a path; an error's
                // lines hang under its first, a note's (nothing matched) read as prose.
                let hang = if message.starts_with("error:") {
                    "  "
                } else {
                    ""
                };
                let message = match splw::output::message_width() {
                    Some(width) => splw::output::wrap(&message, width, "", hang),
                    None => message,
                };
                // Not eprintln!, which panics when stderr is closed or full.
                let _ = writeln!(std::io::stderr(), "{message}");
            }
            code
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// glibc's allocator maps a large buffer on its own only up to a threshold that rises each time
/// one is freed; past it, the buffers a large brief's parsing makes and drops (the TOML parser's
/// tokens, a megabyte's piece at a time) are carved from the heap, among the strings that stay,
/// and the pages they leave are never handed back: a brief of small entries peaked at 20 times
/// its size. A fixed threshold keeps every buffer over 256 KiB mapped alone, and unmapped when
/// freed (BENCHMARKS.md, "Memory").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn hand_back_large_buffers() {
    // SAFETY: mallopt only sets one of glibc's allocation parameters, before any thread starts;
    // a refused setting (it returns 0) leaves the default, which is correct too.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn hand_back_large_buffers() {}
