//! `--copy`: what a command prints, put on the system clipboard through arboard, with an HTML
//! flavour (so that Word and Google Docs keep the italics and links) beside the plain text. On
//! Linux a clipboard's contents belong to a running process, so a copy of splw stays in the
//! background to hand them out until something else is copied, as `xclip` and `wl-copy` do.
//! Where there is no clipboard to reach (an SSH session), the terminal's own clipboard escape
//! (OSC 52) carries the plain text, over SSH and through tmux.

use std::io::{self, BufRead, IsTerminal, Read, Write};

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::error::Failure;

/// What is copied: the plain text, and the same as HTML where there is such a form.
#[derive(Debug, Serialize, Deserialize)]
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
const READY: &str = "ready";

/// Puts `copy` on the system clipboard, or else on the terminal's.
pub fn copy(copy: &Copy) -> Result<Copied, Failure> {
    let system = if cfg!(any(windows, target_os = "macos")) {
        clipboard().and_then(|mut clipboard| set(&mut clipboard, copy, false))
    } else {
        served_in_background(copy)
    };
    match system {
        Ok(()) => Ok(Copied::System),
        Err(why) => {
            if !io::stderr().is_terminal() {
                return Err(Failure::Unavailable(format!(
                    "no clipboard to copy to ({why}), and no terminal to pass the text to"
                )));
            }
            through_the_terminal(&copy.text).map_err(|e| {
                Failure::Unavailable(format!("could not write to the terminal: {e}"))
            })?;
            Ok(Copied::Terminal)
        }
    }
}

/// `text` to the clipboard of the screen the user is at, through OSC 52 on stderr, which
/// terminals, tmux and SSH pass on. It carries plain text only.
pub fn through_the_terminal(text: &str) -> io::Result<()> {
    let text = base64::engine::general_purpose::STANDARD.encode(text);
    let mut terminal = io::stderr();
    write!(terminal, "\x1b]52;c;{text}\x07").and_then(|()| terminal.flush())
}

/// Sets the clipboard from this process; with `serve`, keeps handing its contents out until
/// something else is copied (Linux).
fn set(clipboard: &mut arboard::Clipboard, copy: &Copy, serve: bool) -> Result<(), String> {
    #[allow(unused_mut)] // only Linux's builder has more to set
    let mut set = clipboard.set();
    #[cfg(all(unix, not(any(target_os = "macos", target_os = "android"))))]
    if serve {
        use arboard::SetExtLinux;
        set = set.wait();
    }
    #[cfg(not(all(unix, not(any(target_os = "macos", target_os = "android")))))]
    let _ = serve;
    match &copy.html {
        Some(html) => set.html(html.as_str(), Some(copy.text.as_str())),
        None => set.text(copy.text.as_str()),
    }
    .map_err(|e| e.to_string())
}

fn clipboard() -> Result<arboard::Clipboard, String> {
    arboard::Clipboard::new().map_err(|e| e.to_string())
}

/// Starts splw again in the background to own the clipboard, hands it the copy, and waits until
/// it says the clipboard is its own (or why it cannot be).
fn served_in_background(copy: &Copy) -> Result<(), String> {
    let set = |name| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Err("no display: neither DISPLAY nor WAYLAND_DISPLAY is set".into());
    }
    let program = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = std::process::Command::new(program);
    command
        .arg(SERVE)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .current_dir(std::env::temp_dir());
    // Its own process group, so that Ctrl-C in the shell does not end it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut server = command.spawn().map_err(|e| e.to_string())?;
    let json = serde_json::to_string(copy).map_err(|e| e.to_string())?;
    let mut stdin = server
        .stdin
        .take()
        .ok_or("no pipe to the clipboard process")?;
    stdin
        .write_all(json.as_bytes())
        .map_err(|e| e.to_string())?;
    drop(stdin);
    let stdout = server
        .stdout
        .take()
        .ok_or("no pipe from the clipboard process")?;
    let mut said = String::new();
    io::BufReader::new(stdout)
        .read_line(&mut said)
        .map_err(|e| e.to_string())?;
    match said.trim_end() {
        READY => Ok(()),
        "" => Err("the clipboard process ended".into()),
        why => Err(why.to_string()),
    }
}

/// The background process: reads the copy, takes the clipboard, says so, and serves it until
/// something else is copied (or the display goes away).
pub fn serve() -> std::process::ExitCode {
    let mut json = String::new();
    let copy: Result<Copy, String> = io::stdin()
        .read_to_string(&mut json)
        .map_err(|e| e.to_string())
        .and_then(|_| serde_json::from_str(&json).map_err(|e| e.to_string()));
    let mut stdout = io::stdout();
    // Taken, said so, then served until something else is copied: one clipboard throughout, so
    // that it is never let go between the two.
    let taken = copy.and_then(|copy| {
        let mut clipboard = clipboard()?;
        set(&mut clipboard, &copy, false)?;
        Ok((clipboard, copy))
    });
    match taken {
        Ok((mut clipboard, copy)) => {
            let _ = writeln!(stdout, "{READY}").and_then(|()| stdout.flush());
            // arboard's wait does not end if the display itself goes away (the X server ends
            // with the session, or a test's Xvfb): asking the display once a second who owns the
            // clipboard notices, and ends this process with it.
            std::thread::spawn(|| {
                let Ok(mut watch) = arboard::Clipboard::new() else {
                    std::process::exit(0);
                };
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    if let Err(arboard::Error::Unknown { .. }) = watch.get().text() {
                        std::process::exit(0);
                    }
                }
            });
            match set(&mut clipboard, &copy, true) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(_) => std::process::ExitCode::FAILURE,
            }
        }
        Err(why) => {
            let _ = writeln!(stdout, "{}", why.replace('\n', " "));
            std::process::ExitCode::FAILURE
        }
    }
}
