//! `--copy`: what a command prints, put on the system clipboard with an HTML flavour (so that
//! Word and Google Docs keep the italics and links) beside the plain text. Where there is no
//! clipboard to reach (an SSH session), the terminal's own clipboard escape (OSC 52) carries the
//! plain text, over SSH and through tmux.
//!
//! On Linux and the BSDs a clipboard's contents belong to a running process, so a copy of splw
//! stays in the background to hand them out, as `xclip` and `wl-copy` do: on X11 through splw's
//! own selection owner (`x11.rs`), which offers exactly the formats it serves; on Wayland alone,
//! through arboard. Nothing waits for ever: the background copy has five seconds to take the
//! clipboard or it is ended, and it ends itself when something else is copied, when the display
//! stops answering or goes, and after twelve hours. On macOS and Windows, arboard sets the
//! system's clipboard, which keeps the copy itself.

#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
mod x11;

use std::io::{self, IsTerminal, Read, Write};
use std::time::Duration;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::error::Failure;

/// What is copied: the plain text, and the same as HTML where there is such a form.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Copy {
    pub text: String,
    pub html: Option<String>,
}

/// Where a copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The system clipboard, with both flavours.
    System,
    /// The terminal's clipboard (OSC 52), as plain text.
    Terminal,
}

/// The first argument that starts splw as the background process serving a copy.
pub const SERVE: &str = "__serve-clipboard";

/// What the serving process says once the clipboard is its own.
#[cfg(not(any(windows, target_os = "macos")))]
const READY: &str = "ready";

/// How long the background copy has to take the clipboard, and the display to answer it.
pub const TAKES_AT_MOST: Duration = Duration::from_secs(5);

/// How long a copy is served at most, if nothing else is copied meanwhile.
#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
const SERVED_AT_MOST: Duration = Duration::from_secs(12 * 60 * 60);

/// The longest OSC 52 sequence written, as its base64 payload: about what terminals and tmux take
/// (xterm, kitty and tmux drop longer ones, silently).
pub const TERMINAL_AT_MOST: usize = 100_000;

/// Puts `copy` on the system clipboard, or else on the terminal's.
pub fn copy(copy: &Copy) -> Result<Copied, Failure> {
    match to_system(copy) {
        Ok(()) => Ok(Copied::System),
        Err(why) => {
            if !io::stderr().is_terminal() {
                return Err(Failure::Unavailable(format!(
                    "no clipboard to copy to ({why}), and no terminal to pass the text to"
                )));
            }
            through_the_terminal(&copy.text).map_err(|e| {
                Failure::Unavailable(format!("no clipboard to copy to ({why}), and {e}"))
            })?;
            Ok(Copied::Terminal)
        }
    }
}

/// Puts `copy` on the system clipboard, within `TAKES_AT_MOST`; or says why it cannot.
pub fn to_system(copy: &Copy) -> Result<(), String> {
    #[cfg(any(windows, target_os = "macos"))]
    {
        let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
        match &copy.html {
            Some(html) => clipboard.set_html(html.as_str(), Some(copy.text.as_str())),
            None => clipboard.set_text(copy.text.as_str()),
        }
        .map_err(|e| e.to_string())
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    served_in_background(copy)
}

/// Why `text` cannot go through the terminal, or the escape that carries it there.
fn osc_52(text: &str) -> Result<String, String> {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    if payload.len() > TERMINAL_AT_MOST {
        return Err(format!(
            "the text is too long to pass through the terminal ({} bytes of OSC 52, where terminals take about {})",
            crate::text::thousands(payload.len()),
            crate::text::thousands(TERMINAL_AT_MOST)
        ));
    }
    Ok(format!("\x1b]52;c;{payload}\x07"))
}

/// `text` to the clipboard of the screen the user is at, through OSC 52 on stderr, which
/// terminals, tmux and SSH pass on. It carries plain text only, and at most `TERMINAL_AT_MOST`.
pub fn through_the_terminal(text: &str) -> Result<(), String> {
    let escape = osc_52(text)?;
    let mut terminal = io::stderr();
    write!(terminal, "{escape}")
        .and_then(|()| terminal.flush())
        .map_err(|e| {
            format!(
                "the terminal could not be written to: {}",
                crate::text::io_error(&e)
            )
        })
}

/// Starts splw again in the background to own the clipboard, hands it the copy, and waits at most
/// `TAKES_AT_MOST` until it says the clipboard is its own (or why it cannot be); one that has not
/// said so by then is ended. Its end is waited for on a thread, so that it leaves no zombie.
#[cfg(not(any(windows, target_os = "macos")))]
fn served_in_background(copy: &Copy) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let set = |name| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Err("no display: neither DISPLAY nor WAYLAND_DISPLAY is set".into());
    }
    let program = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(program);
    command
        .arg(SERVE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .current_dir(std::env::temp_dir());
    // Its own process group, so that Ctrl-C in the shell does not end it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut server = command.spawn().map_err(|e| e.to_string())?;
    let json = serde_json::to_string(copy).map_err(|e| e.to_string())?;
    let stdin = server.stdin.take();
    let stdout = server.stdout.take();
    // The copy goes in, and the answer comes out, on a thread of their own: either could wait.
    let (said, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        if let (Some(mut stdin), Some(stdout)) = (stdin, stdout) {
            let _ = stdin.write_all(json.as_bytes());
            drop(stdin);
            let _ = io::BufRead::read_line(&mut io::BufReader::new(stdout), &mut line);
        }
        let _ = said.send(line);
    });
    let answer = answer.recv_timeout(TAKES_AT_MOST);
    let outcome = match answer.as_deref().map(str::trim_end) {
        Ok(READY) => Ok(()),
        Ok("") => Err("the clipboard process ended".into()),
        Ok(why) => Err(why.to_string()),
        Err(_) => {
            let _ = server.kill();
            Err(format!(
                "the display did not answer within {} seconds",
                TAKES_AT_MOST.as_secs()
            ))
        }
    };
    crate::child::reap(server);
    outcome
}

/// The background process: reads the copy, takes the clipboard, says so (or why not), and serves
/// it until something else is copied, the display goes or stops answering, or `SERVED_AT_MOST`.
pub fn serve() -> std::process::ExitCode {
    let mut json = String::new();
    let copy: Result<Copy, String> = io::stdin()
        .read_to_string(&mut json)
        .map_err(|e| e.to_string())
        .and_then(|_| serde_json::from_str(&json).map_err(|e| e.to_string()));
    let say = |what: &str| {
        let mut stdout = io::stdout();
        let _ = writeln!(stdout, "{}", what.replace('\n', " ")).and_then(|()| stdout.flush());
    };
    let served = copy.and_then(|copy| serve_copy(copy, &say));
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            say(&why);
            std::process::ExitCode::FAILURE
        }
    }
}

/// Takes the clipboard with `copy`, calls `ready` once it is taken, and serves it.
#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
fn serve_copy(copy: Copy, ready: &dyn Fn(&str)) -> Result<(), String> {
    // Whatever it waits for, the process never outlives this: the display has TAKES_AT_MOST to
    // take the copy, and the copy is served SERVED_AT_MOST.
    let watchdog = Watchdog::start(TAKES_AT_MOST, SERVED_AT_MOST);
    let x11 = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty());
    if x11 {
        return x11::serve(&copy, &watchdog, || ready(READY));
    }
    // Wayland alone: arboard, through the compositor's data-control protocol.
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    set_on_wayland(&mut clipboard, &copy, None)?;
    ready(READY);
    watchdog.taken();
    let until = std::time::Instant::now() + SERVED_AT_MOST;
    set_on_wayland(&mut clipboard, &copy, Some(until))
}

/// Sets the Wayland clipboard; with `until`, keeps serving it until then or until something else
/// is copied.
#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
fn set_on_wayland(
    clipboard: &mut arboard::Clipboard,
    copy: &Copy,
    until: Option<std::time::Instant>,
) -> Result<(), String> {
    use arboard::SetExtLinux;
    let mut set = clipboard.set();
    if let Some(until) = until {
        set = set.wait_until(until);
    }
    match &copy.html {
        Some(html) => set.html(html.as_str(), Some(copy.text.as_str())),
        None => set.text(copy.text.as_str()),
    }
    .map_err(|e| e.to_string())
}

/// Ends the background process, whatever it is waiting for, at a deadline: `taking` from its
/// start until the clipboard is taken; then, while it serves, a minute after the display last
/// answered (`answered`), and never later than `serving` from its start.
#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
struct Watchdog {
    start: std::time::Instant,
    serving: Duration,
    /// Milliseconds from `start`.
    deadline: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
impl Watchdog {
    /// How long the display may stay silent while the copy is served.
    const SILENT_AT_MOST: Duration = Duration::from_secs(60);

    fn start(taking: Duration, serving: Duration) -> Watchdog {
        use std::sync::atomic::Ordering;
        let start = std::time::Instant::now();
        let deadline = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(millis(taking)));
        let watched = std::sync::Arc::clone(&deadline);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(200));
                if millis(start.elapsed()) > watched.load(Ordering::Relaxed) {
                    std::process::exit(0);
                }
            }
        });
        Watchdog {
            start,
            serving,
            deadline,
        }
    }

    /// The clipboard is taken: it is served until `serving` from the start, at most.
    fn taken(&self) {
        self.deadline
            .store(millis(self.serving), std::sync::atomic::Ordering::Relaxed);
    }

    /// The display answered: it has `SILENT_AT_MOST` to answer again.
    fn answered(&self) {
        let next = (self.start.elapsed() + Self::SILENT_AT_MOST).min(self.serving);
        self.deadline
            .store(millis(next), std::sync::atomic::Ordering::Relaxed);
    }
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(not(all(unix, not(any(target_os = "macos", target_os = "android")))))]
fn serve_copy(_: Copy, _: &dyn Fn(&str)) -> Result<(), String> {
    Err("the system keeps the clipboard here: nothing to serve".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc_52_carries_about_100_kb_at_most() {
        assert_eq!(osc_52("hi").unwrap(), "\x1b]52;c;aGk=\x07");
        // 75,000 bytes are 100,000 of base64: the most; one more byte is four more.
        assert!(osc_52(&"a".repeat(75_000)).is_ok());
        assert_eq!(
            osc_52(&"a".repeat(75_001)).unwrap_err(),
            "the text is too long to pass through the terminal (100,004 bytes of OSC 52, where terminals take about 100,000)"
        );
        assert_eq!(
            osc_52(&"a".repeat(5_000_000)).unwrap_err(),
            "the text is too long to pass through the terminal (6,666,668 bytes of OSC 52, where terminals take about 100,000)"
        );
    }
}
