use std::process::ExitCode;

use clap::Parser;
use splw::{cli, cmd, error};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let code = match cmd::run(cli) {
        Ok(()) => error::exit::SUCCESS,
        Err(failure) => {
            let (code, message) = error::report(&failure);
            if let Some(message) = message {
                eprintln!("{message}");
            }
            code
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
