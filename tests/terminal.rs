//! splw on a terminal (a pseudo-terminal made by `script`): the pager, as git has one, where
//! output taller than the screen goes through `$SPLW_PAGER` (here a shell command that keeps what
//! it is given) and shorter output, a pipe and `--no-pager` are not paged; and messages wrapped at
//! spaces to the terminal's width, never inside an id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod support;

use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

/// splw with `args` (shell words), on a pseudo-terminal made by `script` where `terminal`, else
/// with its output into a pipe.
fn splw_on(args: &str, terminal: bool) -> Command {
    let splw = format!("{} {args}", cargo_bin("splw").display());
    let mut command = Command::new(if terminal { "script" } else { "sh" });
    if terminal {
        command.args(["-qec", &splw, "/dev/null"]);
    } else {
        command.args(["-c", &splw]);
    }
    command
}

/// Runs splw with `args`, on a terminal of `lines` lines and `columns` columns where `terminal`,
/// else into a pipe; gives what reached the screen (or pipe) and what the pager was given, if it
/// ran. Where it must succeed, it must.
fn run(
    args: &str,
    lines: usize,
    columns: usize,
    terminal: bool,
) -> Option<(String, Option<String>)> {
    if terminal
        && !Command::new("script")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    {
        support::skip("script (util-linux) not installed, so no terminal to run splw in");
        return None;
    }
    let dir = TempDir::new().unwrap();
    let paged = dir.path().join("paged");
    let mut command = splw_on(args, terminal);
    let out = command
        .env("SPLW_PAGER", format!("cat > '{}'", paged.display()))
        .env("LINES", lines.to_string())
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let screen = String::from_utf8(out.stdout).unwrap();
    Some((screen, std::fs::read_to_string(paged).ok()))
}

#[test]
fn taller_than_the_terminal_goes_through_the_pager() {
    let Some((screen, paged)) = run("show kiely-2022", 24, 80, true) else {
        return;
    };
    let paged = paged.expect("the pager ran");
    assert!(
        paged.starts_with("Effect of social prescribing link workers"),
        "{paged}"
    );
    assert!(paged.lines().count() > 24);
    // All of it went to the pager, none to the screen.
    assert_eq!(screen, "");
}

#[test]
fn what_fits_a_pipe_and_no_pager_are_not_paged() {
    for (args, lines, terminal) in [
        ("show kiely-2022", 200, true),
        ("show kiely-2022 --no-pager", 24, true),
        ("show kiely-2022", 24, false),
        // Citations are copied, not read on screen.
        ("cite --all", 24, true),
    ] {
        let Some((screen, paged)) = run(args, lines, 80, terminal) else {
            return;
        };
        assert_eq!(paged, None, "{args} on {lines} lines");
        assert!(screen.lines().count() > 1, "{args}: {screen}");
    }
}

/// What a terminal of 24 lines shows of `args`, run with `pager` as `SPLW_PAGER` (unset where
/// `None`, with `PAGER` unset too) and a `PATH` of only `path`, where no `less` can be: as
/// Windows, which has none.
fn screen_without_less(args: &str, pager: Option<&str>, path: &str) -> Option<String> {
    let (_, _) = run("--version", 24, 80, true)?;
    // The PATH given is the child's, which Command also searches for the program itself.
    let script = std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("script"))
        .find(|path| path.is_file())?;
    let splw = format!("{} {args}", cargo_bin("splw").display());
    let mut command = Command::new(script);
    command.args(["-qec", &splw, "/dev/null"]);
    command.env_remove("PAGER").env_remove("SPLW_PAGER");
    if let Some(pager) = pager {
        command.env("SPLW_PAGER", pager);
    }
    let out = command
        // script starts its command with $SHELL, which must not need PATH.
        .env("SHELL", "/bin/sh")
        .env("PATH", path)
        .env("LINES", "24")
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{args}: {out:?}");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// `show kiely-2022` as a pipe gets it, with a terminal's line ends.
fn whole_show() -> String {
    let (piped, _) = run("show kiely-2022", 24, 80, false).unwrap();
    assert!(piped.lines().count() > 24, "{piped}");
    piped.replace('\n', "\r\n")
}

/// With no pager set and no `less` to run, tall output is printed whole, as on Windows.
#[test]
fn with_no_less_tall_output_is_printed_whole() {
    let Some(screen) = screen_without_less("show kiely-2022", None, "/nonexistent") else {
        return;
    };
    assert_eq!(screen, whole_show());
}

/// A pager that is set but not there, or not runnable, costs the reader nothing: the shell says
/// what it could not run, and the text follows whole.
#[test]
fn a_pager_that_cannot_start_leaves_the_text_whole() {
    let dir = TempDir::new().unwrap();
    let not_runnable = dir.path().join("pager");
    std::fs::write(&not_runnable, "not a program").unwrap();
    for pager in [
        "no-such-pager".to_string(),
        "no-such-pager -R".to_string(),
        not_runnable.display().to_string(),
    ] {
        let Some(screen) = screen_without_less("show kiely-2022", Some(&pager), "/usr/bin:/bin")
        else {
            return;
        };
        let (said, text) = screen.split_once("\r\n").unwrap();
        let program = pager.split(' ').next().unwrap();
        assert!(said.contains(program), "{pager}: {said}");
        assert_eq!(text, whole_show(), "{pager}");
    }
}

/// An error with a hint, whole, as a terminal of each width shows it: wrapped at spaces, never
/// inside an id, and (as in `widths.md`) no line wider than the terminal; in a pipe, one line.
#[test]
fn messages_wrap_at_spaces_to_the_terminal_and_not_in_a_pipe() {
    for (columns, expected) in [
        (
            40,
            concat!(
                "error: no entry `wildman-2020`; did you\r\n",
                "  mean wildman-2019a (Service-users'\r\n",
                "  perspectives of link…), wildman-2019b\r\n",
                "  (Link workers' perspectives on\r\n",
                "  factors…), wilding-2024 (Geographic\r\n",
                "  inequalities in need and…)?\r\n",
            ),
        ),
        (
            80,
            concat!(
                "error: no entry `wildman-2020`; did you mean wildman-2019a (Service-users'\r\n",
                "  perspectives of link…), wildman-2019b (Link workers' perspectives on\r\n",
                "  factors…), wilding-2024 (Geographic inequalities in need and…)?\r\n",
            ),
        ),
        (
            120,
            concat!(
                "error: no entry `wildman-2020`; did you mean wildman-2019a (Service-users' perspectives of link…), wildman-2019b (Link\r\n",
                "  workers' perspectives on factors…), wilding-2024 (Geographic inequalities in need and…)?\r\n",
            ),
        ),
        (
            200,
            concat!(
                "error: no entry `wildman-2020`; did you mean wildman-2019a (Service-users' perspectives of link…), wildman-2019b (Link workers' perspectives on factors…), wilding-2024 (Geographic inequalities in\r\n",
                "  need and…)?\r\n",
            ),
        ),
    ] {
        let Some((screen, _)) = run("show wildman-2020", 24, columns, true) else {
            return;
        };
        assert_eq!(screen, expected, "at {columns} columns");
        for line in screen.lines() {
            assert!(line.trim_end().chars().count() <= columns, "{line}");
        }
    }
    let Some((piped, _)) = run("show wildman-2020 2>&1", 24, 80, false) else {
        return;
    };
    assert_eq!(piped.lines().count(), 1, "{piped}");
}

/// The line of what splw prints with `args` that holds kiely-2022's DOI, on a pseudo-terminal
/// (where `terminal`) or into a pipe, with `TERM_PROGRAM` as given; no other terminal is claimed.
fn doi_line(args: &str, term_program: Option<&str>, terminal: bool) -> Option<String> {
    let mut command = splw_on(&format!("{args} --no-pager"), terminal);
    for claim in [
        "FORCE_HYPERLINK",
        "DOMTERM",
        "VTE_VERSION",
        "TERM_PROGRAM",
        "WT_SESSION",
        "KONSOLE_VERSION",
        "COLORTERM",
    ] {
        command.env_remove(claim);
    }
    if let Some(program) = term_program {
        command.env("TERM_PROGRAM", program);
    }
    let out = command
        .env("TERM", "xterm")
        .env("COLUMNS", "200")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let screen = String::from_utf8(out.stdout).unwrap();
    screen
        .lines()
        .find(|line| line.contains(DOI))
        .map(|line| line.trim_end_matches('\r').to_string())
}

const DOI: &str = "https://doi.org/10.1136/bmjopen-2022-062951";

/// `show` and `find` give DOIs as links, as OSC 8 hyperlinks where the terminal shows them.
#[test]
fn dois_are_hyperlinks_on_a_terminal_that_shows_them_and_never_in_a_pipe() {
    let hyperlink = format!("\u{1b}]8;;{DOI}\u{1b}\\{DOI}\u{1b}]8;;\u{1b}\\");
    for (args, lead) in [
        ("show kiely-2022", "  DOI       "),
        // A table, as on a terminal, even in a pipe.
        ("find kiely --layout table", "  "),
    ] {
        let linked = format!("{lead}{hyperlink}");
        let plain = format!("{lead}{DOI}");
        // Asked for: always, even in a pipe; never, even on a terminal that shows them.
        let always = doi_line(&format!("{args} --hyperlinks always"), None, false).unwrap();
        assert!(always.starts_with(&linked), "{always:?}");
        let never = doi_line(&format!("{args} --hyperlinks never"), Some("WezTerm"), true);
        let Some(never) = never else {
            support::skip("script (util-linux) not installed, so no terminal to run splw in");
            return;
        };
        assert!(never.starts_with(&plain), "{never:?}");
        // Left to splw: on a terminal that shows them, and not on one that may not, nor in a
        // pipe.
        let shown = doi_line(args, Some("WezTerm"), true).unwrap();
        assert!(shown.starts_with(&linked), "{args}: {shown:?}");
        for (program, terminal) in [(None, true), (Some("WezTerm"), false)] {
            let line = doi_line(args, program, terminal).unwrap();
            assert!(
                line.starts_with(&plain),
                "{args} {program:?} {terminal}: {line:?}"
            );
        }
    }
}

/// The screen of a tmux session, as text.
fn tmux_screen(socket: &std::path::Path) -> String {
    let out = Command::new("tmux")
        .arg("-S")
        .arg(socket)
        .args(["capture-pane", "-p", "-t", "splw"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Waits (up to a few seconds, polling) until the tmux session's screen holds `text`.
fn tmux_wait_for(socket: &std::path::Path, text: &str) -> String {
    for _ in 0..100 {
        let screen = tmux_screen(socket);
        if screen.contains(text) {
            return screen;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("never saw {text:?}:\n{}", tmux_screen(socket));
}

/// With no pager set, tall output goes through less, whose last line says how to leave it, and
/// `q` does.
#[test]
fn less_says_how_to_leave_it() {
    let has = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has("tmux") || !has("less") {
        support::skip("tmux or less not installed");
        return;
    }
    let dir = TempDir::new().unwrap();
    let socket = dir.path().join("tmux");
    let line = format!(
        "env -u PAGER -u SPLW_PAGER -u LESS -u LINES -u COLUMNS NO_COLOR=1 {} show kiely-2022; \
         echo exited $?; sleep 30",
        cargo_bin("splw").display()
    );
    let started = Command::new("tmux")
        .arg("-S")
        .arg(&socket)
        .args(["-f", "/dev/null", "new-session", "-d", "-s", "splw"])
        .args(["-x", "80", "-y", "12", &line])
        .status()
        .unwrap();
    assert!(started.success());
    let screen = tmux_wait_for(&socket, "q quits");
    let last = screen.trim_end().lines().last().unwrap();
    assert_eq!(last, " q quits, space shows more, / searches", "{screen}");
    assert!(
        screen.starts_with("Effect of social prescribing link workers"),
        "{screen}"
    );
    Command::new("tmux")
        .arg("-S")
        .arg(&socket)
        .args(["send-keys", "-t", "splw", "q"])
        .status()
        .unwrap();
    tmux_wait_for(&socket, "exited 0");
    let _ = Command::new("tmux")
        .arg("-S")
        .arg(&socket)
        .arg("kill-server")
        .status();
}

/// At a terminal `find` shows 10 results and says how many more there are; the same search into
/// a pipe (or a file) gives every match, so a script built on it loses none.
#[test]
fn find_shows_ten_at_a_terminal_and_says_so_and_all_in_a_pipe() {
    let Some((screen, paged)) = run("find mental health", 24, 80, true) else {
        return;
    };
    let shown = paged.unwrap_or(screen).replace('\r', "");
    let heads: Vec<&str> = shown
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert_eq!(heads.len(), 11, "10 results and the footer:\n{shown}");
    assert_eq!(
        heads[10],
        "10 of 13 matches shown · --limit 13 shows them all"
    );
    let Some((piped, _)) = run("find mental health", 24, 80, false) else {
        return;
    };
    assert_eq!(piped.lines().count(), 13, "{piped}");
    assert!(!piped.contains("matches shown"), "{piped}");
}
