use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use splw::{cli, clipboard, cmd, error};

fn main() -> ExitCode {
    splw::memory::map_large_buffers_alone();
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
