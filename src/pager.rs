//! A pager for output taller than the terminal, as git has one: `$SPLW_PAGER`, else `$PAGER`,
//! else `less -FRX` (which quits at once where the text fits, keeps colour, and leaves the text on
//! the screen). Only ever on a terminal; `--no-pager`, or an empty or `cat` pager, turns it off.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager to run, from the environment; `None` where paging is turned off.
pub fn command() -> Option<String> {
    let chosen = ["SPLW_PAGER", "PAGER"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
        .unwrap_or_else(|| "less".into());
    let chosen = chosen.trim();
    (!chosen.is_empty() && chosen != "cat").then(|| chosen.to_string())
}

/// The terminal's height: `LINES` if set, else the terminal's own.
pub fn terminal_height() -> Option<usize> {
    std::env::var("LINES")
        .ok()
        .and_then(|lines| lines.trim().parse::<usize>().ok())
        .filter(|&lines| lines > 0)
        .or_else(|| terminal_size::terminal_size().map(|(_, h)| usize::from(h.0)))
}

/// Shows `text` through `pager`, waiting for the reader to quit it. Where the pager cannot be
/// started, `text` is given back to be written as it is.
pub fn show(pager: &str, text: &[u8]) -> Result<(), io::Error> {
    let mut command = shell(pager);
    // As git sets them: less quits where the text fits on one screen, keeps colour, and does not
    // clear the screen; lv keeps colour.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        command.env("LV", "-c");
    }
    let mut child = command.stdin(Stdio::piped()).spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A reader who quits early closes the pipe: that is no error.
        match stdin.write_all(text) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
            _ => {}
        }
    }
    child.wait()?;
    Ok(())
}

/// The pager's command line, run by the shell as git runs it, so that `less -R` or `more` work.
fn shell(pager: &str) -> Command {
    if cfg!(windows) {
        let mut command = Command::new("cmd");
        command.args(["/C", pager]);
        command
    } else {
        let mut command = Command::new("sh");
        command.args(["-c", pager]);
        command
    }
}
