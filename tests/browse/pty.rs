//! `splw browse` on a real pseudo-terminal (util-linux's `script`, or one of the test's own): keys
//! typed, the ids printed, the exit codes, the clipboard's OSC 52 and the terminal put back, panic
//! included. A module of tests/browse.rs.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use base64::Engine;

/// `splw browse ARGS` on a pseudo-terminal (of 80×24 unless told), its stdout into a file of
/// its own.
struct Session {
    child: std::process::Child,
    keys: std::process::ChildStdin,
    screen: Arc<Mutex<Vec<u8>>>,
    stdout: std::path::PathBuf,
    size: (u16, u16),
    _dir: tempfile::TempDir,
}

impl Session {
    fn start(args: &str, env: &[(&str, &str)]) -> Option<Session> {
        Session::run("exec {splw} browse ARGS > {stdout}", args, env, (80, 24))
    }

    /// A shell `line` run on a pseudo-terminal of `size`, its `{splw}` the built binary, its
    /// ARGS `args` and its `{stdout}` the file `end` reads.
    fn run(line: &str, args: &str, env: &[(&str, &str)], size: (u16, u16)) -> Option<Session> {
        let dir = tempfile::tempdir().unwrap();
        let stdout = dir.path().join("stdout");
        let line = line
            .replace("{splw}", &format!("'{}'", cargo_bin("splw").display()))
            .replace("ARGS", args)
            .replace("{stdout}", &format!("'{}'", stdout.display()));
        // script gives the pseudo-terminal no size when its own input is a pipe: stty does.
        let run = format!("stty cols {} rows {}; {line}", size.0, size.1);
        let mut command = Command::new("script");
        command
            .args(["-qec", &run, "/dev/null"])
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = match command.spawn() {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                crate::support::skip(
                    "script (util-linux) not installed, so no terminal to run splw in",
                );
                return None;
            }
            Err(e) => panic!("script: {e}"),
        };
        let keys = child.stdin.take().unwrap();
        let mut from = child.stdout.take().unwrap();
        let screen = Arc::new(Mutex::new(Vec::new()));
        let into = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut chunk = [0; 4096];
            while let Ok(n @ 1..) = from.read(&mut chunk) {
                into.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        Some(Session {
            child,
            keys,
            screen,
            stdout,
            size,
            _dir: dir,
        })
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().unwrap()).into_owned()
    }

    /// What the terminal shows now, read by vt100 from all it was sent.
    fn shown(&self) -> String {
        let mut terminal = vt100::Parser::new(self.size.1, self.size.0, 0);
        terminal.process(&self.screen.lock().unwrap());
        terminal.screen().contents()
    }

    /// Waits until the screen shows `text`, at most 20 seconds.
    fn wait_for(&self, text: &str) {
        self.wait_until(text, |screen| screen.contains(text));
    }

    /// Waits until the screen no longer shows `text`, at most 20 seconds.
    fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("no {text}"), |screen| !screen.contains(text));
    }

    fn wait_until(&self, text: &str, shows: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !shows(&self.shown()) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "`{text}` never shown; the screen:\n{}\nthe terminal got:\n{:?}",
                self.shown(),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }

    /// Waits for splw to end (at most 20 seconds): its exit code, stdout, and all the
    /// terminal was sent.
    fn end(mut self) -> (Option<i32>, String, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!(
                    "splw browse did not end; the terminal got:\n{:?}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        std::thread::sleep(Duration::from_millis(100));
        let stdout = std::fs::read_to_string(&self.stdout).unwrap_or_default();
        (status.code(), stdout, self.screen())
    }
}

/// The terminal was put back: the alternate screen left after it was last entered, and
/// mouse reports turned off.
fn restored(screen: &str) {
    let entered = screen
        .rfind("\u{1b}[?1049h")
        .expect("the alternate screen is used");
    let left = screen
        .rfind("\u{1b}[?1049l")
        .expect("the alternate screen is left");
    assert!(
        left > entered,
        "left before it was last entered: {screen:?}"
    );
    assert!(
        screen[entered..].contains("\u{1b}[?1000l"),
        "mouse reports still on"
    );
}

#[test]
fn a_misspelled_word_narrows_the_list_and_enter_prints_the_id() {
    let Some(mut session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("lonliness");
    session.wait_for("6 of 57");
    // The list narrowed to the right work, and the preview shows it in full.
    let shown = session.shown();
    assert!(shown.contains("foster-2021") && shown.contains("2021 Foster et al."));
    assert!(
        session
            .shown()
            .contains("Impact of social prescribing to address loneliness")
    );
    session.send("\r");
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(0), "{screen:?}");
    assert_eq!(stdout, "foster-2021\n");
    restored(&screen);
}

#[test]
fn marked_entries_are_printed_in_the_order_marked() {
    let Some(mut session) = Session::start("--topic loneliness", &[]) else {
        return;
    };
    session.wait_for("4 of 4");
    // Mark the second, then the first (Tab moves down; ↑ is ESC [ A).
    session.send("\u{1b}[B\t");
    session.wait_for("1 marked");
    session.send("\u{1b}[A\u{1b}[A\t");
    session.wait_for("2 marked");
    session.send("\r");
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(0), "{screen:?}");
    assert_eq!(stdout, "wildman-2019a\nfoster-2021\n");
    restored(&screen);
}

#[test]
fn when_the_command_line_s_filter_empties_the_list_the_hint_names_it() {
    let Some(mut session) = Session::start("--topic loneliness", &[]) else {
        return;
    };
    session.wait_for("4 of 4");
    session.send("green");
    session.wait_for("> green");
    session.wait_for("browse again without it.");
    let shown = session.shown();
    let words = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Nothing here matches; 4 entries do without --topic loneliness: leave (Esc) and \
             browse again without it."
        ),
        "{shown}"
    );
    session.send("\u{1b}");
    assert_eq!(session.end().0, Some(1));
}

#[test]
fn a_click_in_the_picker_picks_the_row_under_it() {
    let Some(mut session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("\u{14}");
    session.wait_for("Topic or year");
    // The screen's row (from 1) the picker shows Loneliness on, clicked as xterm reports a
    // click (SGR: button 0 pressed, then released, at column 21).
    let row = session
        .shown()
        .lines()
        .position(|line| line.contains("Loneliness"));
    let row = row.unwrap() + 1;
    session.send(&format!("\u{1b}[<0;21;{row}M\u{1b}[<0;21;{row}m"));
    session.wait_for("topic: Loneliness");
    session.wait_for("4 of 57");
    session.send("\u{1b}");
    assert_eq!(session.end().0, Some(1));
}

#[test]
fn esc_leaves_with_1_and_prints_nothing() {
    let Some(mut session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("green");
    session.wait_for("> green");
    session.send("\u{1b}");
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(1), "{screen:?}");
    assert_eq!(stdout, "");
    restored(&screen);
}

#[test]
fn esc_prints_nothing_even_with_entries_marked_and_the_picker_was_left_with_esc() {
    let Some(mut session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("\t\t");
    session.wait_for("2 marked");
    // Esc in the picker closes it; the browse goes on.
    session.send("\u{14}");
    session.wait_for("Topic or year");
    session.send("\u{1b}");
    session.wait_gone("Topic or year");
    session.wait_for("2 marked");
    session.send("\u{1b}");
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(1), "{screen:?}");
    assert_eq!(stdout, "");
    restored(&screen);
}

#[test]
fn esc_gives_splw_cite_dollar_browse_an_empty_list() {
    // As `splw cite $(splw browse)` runs it: the ids are the command substitution's output.
    let line = "ids=$({splw} browse); echo \"ids=[$ids] exit=$?\" > {stdout}";
    let Some(mut session) = Session::run(line, "", &[], (80, 24)) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("\t");
    session.wait_for("1 marked");
    session.send("\u{1b}");
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(0), "{screen:?}");
    assert_eq!(stdout, "ids=[] exit=1\n");
}

#[test]
fn at_40_by_12_the_ctrl_y_message_is_shown_whole() {
    let Some(mut session) = Session::run("exec {splw} browse > {stdout}", "", &[], (40, 12)) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("lonliness");
    session.wait_for("6 of 57");
    session.send("\u{19}");
    session.wait_for("(OSC 52)");
    let shown = session.shown();
    let rows: Vec<&str> = shown.lines().map(str::trim_end).collect();
    assert!(rows.iter().all(|row| row.chars().count() <= 40));
    let status = rows[rows.len() - 3..].join(" ");
    assert!(
        status.contains("Copied the citation (Harvard) through the terminal (OSC 52)"),
        "{shown}"
    );
    session.send("\u{1b}");
    let (code, _, _) = session.end();
    assert_eq!(code, Some(1));
}

#[test]
fn ctrl_c_leaves_with_130_and_prints_nothing() {
    let Some(mut session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("\u{3}");
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(130), "{screen:?}");
    assert_eq!(stdout, "");
    restored(&screen);
}

#[test]
fn sigterm_puts_the_terminal_back() {
    signal_puts_the_terminal_back("-TERM", 143);
}

#[test]
fn a_panic_puts_the_terminal_back_before_its_message() {
    let env = [("SPLW_BROWSE_TEST_PANIC", "1")];
    let Some(session) = Session::start("", &env) else {
        return;
    };
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(101), "{screen:?}");
    assert_eq!(stdout, "");
    restored(&screen);
    // The first time it is left: the panic hook's (unwinding restores once more after).
    let entered = screen.rfind("\u{1b}[?1049h").unwrap();
    let left = entered + screen[entered..].find("\u{1b}[?1049l").unwrap();
    let message = screen
        .find("a panic asked for by SPLW_BROWSE_TEST_PANIC")
        .unwrap();
    assert!(
        message > left,
        "the message was printed on the alternate screen"
    );
}

#[test]
fn ctrl_y_with_a_display_copies_to_the_clipboard_and_through_osc_52_too() {
    use std::io::BufRead;
    let xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut xvfb) = xvfb else {
        crate::support::skip("Xvfb not installed");
        return;
    };
    let mut number = String::new();
    std::io::BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut number)
        .unwrap();
    let display = format!(":{}", number.trim());
    let session = Session::start("", &[("DISPLAY", &display)]);
    if let Some(mut session) = session {
        session.wait_for("57 of 57");
        session.send("lonliness");
        session.wait_for("6 of 57");
        session.send("\u{19}");
        session.wait_for("Copied the citation");
        session.send("\u{1b}");
        let (code, _, screen) = session.end();
        assert_eq!(code, Some(1));
        // Over SSH or in tmux, the terminal's clipboard may be the one the user is at.
        assert!(screen.contains("\u{1b}]52;c;"), "no OSC 52 in {screen:?}");
    }
    let _ = xvfb.kill();
    let _ = xvfb.wait();
}

#[test]
fn ctrl_y_with_no_display_copies_the_citation_through_osc_52() {
    let Some(mut session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("lonliness");
    session.wait_for("6 of 57");
    session.send("\u{19}");
    session.wait_for("through the terminal (OSC 52)");
    session.send("\u{1b}");
    let (code, _, screen) = session.end();
    assert_eq!(code, Some(1));
    // The citation exactly as `splw cite` prints it, in base64 between OSC 52 and BEL.
    let cited = Command::new(cargo_bin("splw"))
        .args(["cite", "foster-2021"])
        .output()
        .unwrap();
    let citation = String::from_utf8(cited.stdout).unwrap();
    let encoded = base64::engine::general_purpose::STANDARD.encode(citation.trim_end_matches('\n'));
    assert!(
        screen.contains(&format!("\u{1b}]52;c;{encoded}\u{7}")),
        "no OSC 52 with {citation:?} in {screen:?}"
    );
}

#[path = "own_terminal.rs"]
mod own_terminal;

#[test]
fn a_hostile_topic_reaches_the_terminal_escaped_in_the_picker_and_once_picked() {
    let brief = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-browse");
    let Some(mut session) = Session::start(&format!("--brief '{brief}'"), &[]) else {
        return;
    };
    session.wait_for("1 of 1");
    // The picker, then its hostile topic picked (↓, Enter).
    session.send("\u{14}");
    session.wait_for("Topic or year");
    session.send("\u{1b}[B\r");
    session.wait_for(r"topic: Pwned \e]52;c;cHduZWQ=\u{7}\e[2J");
    session.send("\u{1b}");
    let (code, _, screen) = session.end();
    assert_eq!(code, Some(1));
    for raw in [
        "\u{1b}]52;",
        "\u{1b}]8;",
        "\u{1b}[2J",
        "\u{9b}",
        "\u{202e}",
        "\u{e0070}",
    ] {
        assert!(
            !screen.contains(raw),
            "{raw:?} reached the terminal: {screen:?}"
        );
    }
}

/// splw's own process in a session (script's child, through exec), if /proc tells.
fn splw_pid(session: &Session) -> Option<String> {
    let script = session.child.id();
    let children = format!("/proc/{script}/task/{script}/children");
    let children = std::fs::read_to_string(&children).ok()?;
    children.split_whitespace().next().map(str::to_string)
}

/// The states (R, S, Z…) of a process's children, from /proc.
fn children_states(pid: &str) -> Vec<String> {
    let mut states = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .flatten()
    {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        for child in children.split_whitespace() {
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            // The state follows the command's name, in parentheses.
            if let Some((_, after)) = stat.rsplit_once(") ") {
                states.push(after.chars().take(1).collect());
            }
        }
    }
    states
}

#[test]
fn during_a_copy_browse_answers_keys_and_sigterm_ends_it_at_once() {
    // A display that never answers: the copy waits on it.
    let mute = super::mute_display::MuteDisplay::start();
    let Some(mut session) = Session::start("", &[("DISPLAY", &mute.display)]) else {
        return;
    };
    session.wait_for("57 of 57");
    session.send("\u{19}");
    session.wait_for("Copying the citation");
    // Keys are still answered while the copy waits.
    session.send("lonel");
    session.wait_for("> lonel");
    let Some(splw) = splw_pid(&session) else {
        crate::support::skip("/proc does not tell splw's process");
        return;
    };
    let killed = Command::new("kill").args(["-TERM", &splw]).status();
    assert!(killed.unwrap().success());
    let (code, stdout, screen) = session.end();
    assert_eq!(code, Some(143), "{screen:?}");
    assert_eq!(stdout, "");
    restored(&screen);
}

#[test]
fn opening_and_copying_leave_no_zombie() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let browser = dir.path().join("browser");
    std::fs::write(&browser, "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut xvfb) = xvfb else {
        crate::support::skip("Xvfb not installed");
        return;
    };
    let mut number = String::new();
    std::io::BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut number)
        .unwrap();
    let display = format!(":{}", number.trim());
    let env = [
        ("DISPLAY", display.as_str()),
        ("BROWSER", browser.to_str().unwrap()),
    ];
    if let Some(mut session) = Session::start("", &env) {
        session.wait_for("57 of 57");
        session.send("kiely");
        session.wait_for("kiely-2022");
        // Two browsers, and two copies: the first copy's process ends when the second takes
        // the clipboard. Each waited for by its message, which differs from the one before.
        session.send("\u{19}");
        session.wait_for("Copied the citation");
        session.send("\u{f}");
        session.wait_for("Opened its page");
        session.send("\u{2}");
        session.wait_for("Copied BibTeX");
        session.send("\u{f}");
        session.wait_for("Opened its page");
        std::thread::sleep(Duration::from_millis(500));
        if let Some(splw) = splw_pid(&session) {
            let states = children_states(&splw);
            assert!(
                !states.iter().any(|s| s == "Z"),
                "zombies among splw's children: {states:?}"
            );
        } else {
            crate::support::skip("/proc does not tell splw's process");
        }
        session.send("\u{1b}");
        let (code, _, _) = session.end();
        assert_eq!(code, Some(1));
    }
    let _ = xvfb.kill();
    let _ = xvfb.wait();
}

#[test]
fn sighup_puts_the_terminal_back_and_exits_129() {
    signal_puts_the_terminal_back("-HUP", 129);
}

/// `kill SIGNAL` to splw, browsing: it ends with `code`, printing nothing, and leaves the
/// terminal as it found it.
fn signal_puts_the_terminal_back(signal: &str, code: i32) {
    let Some(session) = Session::start("", &[]) else {
        return;
    };
    session.wait_for("57 of 57");
    // splw is script's child, through exec: signal it, not script.
    let Some(splw) = splw_pid(&session) else {
        crate::support::skip("/proc does not tell splw's process");
        return;
    };
    let killed = Command::new("kill").args([signal, &splw]).status();
    assert!(killed.unwrap().success());
    let (ended, stdout, screen) = session.end();
    assert_eq!(ended, Some(code), "{screen:?}");
    assert_eq!(stdout, "");
    restored(&screen);
}
