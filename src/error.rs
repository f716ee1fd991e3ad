//! How a run ends: the documented exit codes, and the one-line message for each failure.

use std::fmt;
use std::io;

use crate::catalogue::Problem;
use crate::exit_codes::ExitCode;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// Nothing matched: a friendly note, not an error.
    NoMatch(String),
    /// A mistake on the command line, with a hint where there is one.
    Usage(String),
    /// The brief's files are missing or wrong.
    Brief(Vec<Problem>),
    /// `check` found errors, and has already listed them and any warnings.
    Checked { errors: usize, warnings: usize },
    /// No command was given: the help, on stderr as a usage error.
    Help(String),
    /// Writing to stdout failed.
    Write(io::Error),
    /// Something outside splw it needed is not there: a clipboard for `--copy`, a browser for
    /// `open`.
    Unavailable(String),
    /// `browse` was left without a choice (Esc, Ctrl-C, a signal): this exit code, no message.
    Left(i32),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::NoMatch(_) => ExitCode::NoMatch.code(),
            Failure::Usage(_) | Failure::Help(_) => ExitCode::Usage.code(),
            Failure::Brief(_) | Failure::Checked { .. } => ExitCode::Brief.code(),
            Failure::Write(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::Success.code(),
            Failure::Write(_) | Failure::Unavailable(_) => ExitCode::Other.code(),
            Failure::Left(code) => *code,
        }
    }

    /// What to print on stderr; `None` for a closed pipe, which ends the run quietly. Messages
    /// quote the brief's titles and the user's words, so control characters in them are shown
    /// escaped here, where every message passes, and cannot reach the terminal.
    pub fn message(&self) -> Option<String> {
        let message = match self {
            Failure::Write(e) if e.kind() == io::ErrorKind::BrokenPipe => return None,
            Failure::Left(_) => return None,
            Failure::NoMatch(note) | Failure::Help(note) => note.clone(),
            other => format!("error: {other}"),
        };
        Some(crate::text::escape_block(&message).into_owned())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NoMatch(note)
            | Failure::Usage(note)
            | Failure::Help(note)
            | Failure::Unavailable(note) => f.write_str(note),
            // A problem quotes file names and the brief's text: one line each, escaped.
            Failure::Brief(problems) => match problems.as_slice() {
                [] => f.write_str("the brief could not be loaded"),
                [one] => f.write_str(&crate::text::escape_line(&one.to_string())),
                [first, rest @ ..] => write!(
                    f,
                    "{}\n({}: `splw check`, with the same --brief, lists them all)",
                    crate::text::escape_line(&first.to_string()),
                    crate::text::count(rest.len(), "more problem", "more problems")
                ),
            },
            Failure::Checked { errors, warnings } => {
                let count = crate::text::count;
                write!(f, "the brief has {}", count(*errors, "problem", "problems"))?;
                if *warnings > 0 {
                    write!(f, " and {}", count(*warnings, "warning", "warnings"))?;
                }
                Ok(())
            }
            Failure::Write(e) => write!(f, "writing to stdout: {}", crate::text::io_error(e)),
            Failure::Left(code) => write!(f, "left with exit code {code}"),
        }
    }
}

impl std::error::Error for Failure {}

/// The exit code and message for any error a command returns: a `Failure` speaks for itself;
/// anything else is unexpected and reported with its chain of causes.
pub fn report(error: &anyhow::Error) -> (i32, Option<String>) {
    match error.downcast_ref::<Failure>() {
        Some(failure) => (failure.exit_code(), failure.message()),
        None => (
            ExitCode::Other.code(),
            Some(crate::text::escape_block(&format!("error: {error:#}")).into_owned()),
        ),
    }
}
