//! A pager for output taller than the terminal, as git has one: `$SPLW_PAGER`, else `$PAGER`,
//! else `less` (with `-FRX`: it quits at once where the text fits, keeps colour, and leaves the
//! text on the screen). Only ever on a terminal; `--no-pager`, or an empty or `cat` pager, turns
//! it off. A pager that cannot be started never costs the reader the text: it is printed as it
//! is instead. Windows has no `less`, so there nothing is paged unless a pager is set.

use std::io::{self, Write};
use std::process::{Command, ExitStatus, Stdio};

/// The pager to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pager {
    /// `less`, where it is installed; nothing is paged where it is not.
    Less,
    /// A command line from `SPLW_PAGER` or `PAGER`, run by the shell as git runs it, so that
    /// `less -R` or `more` work.
    Shell(String),
}

/// The pager to run, from the environment; `None` where paging is turned off.
pub fn command() -> Option<Pager> {
    match ["SPLW_PAGER", "PAGER"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
    {
        None => Some(Pager::Less),
        Some(chosen) => {
            let chosen = chosen.trim();
            (!chosen.is_empty() && chosen != "cat").then(|| Pager::Shell(chosen.to_string()))
        }
    }
}

/// The terminal's height: `LINES` if set, else the terminal's own.
pub fn terminal_height() -> Option<usize> {
    std::env::var("LINES")
        .ok()
        .and_then(|lines| lines.trim().parse::<usize>().ok())
        .filter(|&lines| lines > 0)
        .or_else(|| terminal_size::terminal_size().map(|(_, h)| usize::from(h.0)))
}

/// Whether `text` was shown through `pager`, which has been waited for. `false` where the pager
/// could not be started (not installed, not found by the shell, not runnable): then nothing of
/// `text` reached the screen, and it is the caller's to write.
pub fn show(pager: &Pager, text: &[u8]) -> Result<bool, io::Error> {
    let mut command = match pager {
        Pager::Less => Command::new("less"),
        Pager::Shell(line) => shell(line),
    };
    // As git sets them: less quits where the text fits on one screen, keeps colour, and does not
    // clear the screen; lv keeps colour.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        command.env("LV", "-c");
    }
    let mut child = match command.stdin(Stdio::piped()).spawn() {
        Ok(child) => child,
        // `less` is not installed (Windows), or no shell could be run.
        Err(_) => return Ok(false),
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A reader who quits early closes the pipe: that is no error. A shell that found no
        // such command closes it too, before reading anything.
        match stdin.write_all(text) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
    }
    let status = child.wait()?;
    Ok(!(matches!(pager, Pager::Shell(_)) && not_started(status)))
}

/// The pager's command line, run by the shell.
fn shell(line: &str) -> Command {
    if cfg!(windows) {
        let mut command = Command::new("cmd");
        command.args(["/C", line]);
        command
    } else {
        let mut command = Command::new("sh");
        command.args(["-c", line]);
        command
    }
}

/// Whether the shell's exit says it could not start the command: POSIX shells exit 127 for a
/// command not found and 126 for one that cannot be run; cmd.exe exits 9009 for one not found.
fn not_started(status: ExitStatus) -> bool {
    match status.code() {
        Some(code) if cfg!(windows) => code == 9009,
        Some(code) => code == 126 || code == 127,
        None => false,
    }
}
