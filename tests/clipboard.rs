//! `cite --copy`, with a real X server (Xvfb) and a real clipboard reader (xclip), as Word or
//! LibreOffice would read it; through a terminal's OSC 52 where there is no display; and the
//! one-line error where there is neither. Tests whose tools are missing print a skip line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;

#[path = "support/mute_display.rs"]
mod mute_display;
use mute_display::MuteDisplay;
use support::installed;

/// splw with only the display given (or none): no inherited DISPLAY, WAYLAND_DISPLAY or colour.
fn splw(args: &[&str], display: Option<&str>) -> Output {
    let mut command = Command::new(cargo_bin("splw"));
    command
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    if let Some(display) = display {
        command.env("DISPLAY", display);
    }
    command.output().unwrap()
}

/// An X server of its own, on the first free display, until dropped.
struct Xvfb {
    server: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        // -displayfd: Xvfb picks a free display and writes its number once it is ready.
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "640x480x24",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut number = String::new();
        BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut number)
            .unwrap();
        Xvfb {
            server,
            display: format!(":{}", number.trim()),
        }
    }

    /// The clipboard's contents in one of its forms, as xclip reads them.
    fn clipboard(&self, target: &str) -> String {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard", "-t", target])
            .env("DISPLAY", &self.display)
            .output()
            .unwrap();
        assert!(out.status.success(), "xclip -t {target}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // The background process serving the copy ends with the display.
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

#[test]
fn a_copied_citation_has_an_html_flavour_for_word_and_a_plain_one() {
    if !installed("Xvfb") || !installed("xclip") {
        support::skip("Xvfb or xclip not installed");
        return;
    }
    let x = Xvfb::start();
    let out = splw(
        &["cite", "kiely-2022", "nhse-2023a", "--copy"],
        Some(&x.display),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Copied to the clipboard (HTML and plain text).\n"
    );
    // The reference list as printed, and as HTML with its italics and links, without the final
    // line break.
    assert_eq!(x.clipboard("UTF8_STRING"), printed.trim_end());
    assert_eq!(
        x.clipboard("text/html"),
        "<p>Kiely, B. <i>et al.</i> (2022) ‘Effect of social prescribing link workers on health outcomes and costs for adults in primary care and community settings: a systematic review’, <i>BMJ Open</i>, 12(10). Available at: <a href=\"https://doi.org/10.1136/bmjopen-2022-062951\">https://doi.org/10.1136/bmjopen-2022-062951</a>.</p>\n<p>NHS England (2023b) <i>Workforce development framework: social prescribing link workers</i>. Available at: <a href=\"https://www.england.nhs.uk/long-read/workforce-development-framework-social-prescribing-link-workers/\">https://www.england.nhs.uk/long-read/workforce-development-framework-social-prescribing-link-workers/</a>.</p>"
    );
    // A citation in the text is pasted inline, and a second copy takes the clipboard over.
    let out = splw(
        &[
            "cite",
            "sandhu-2022",
            "--in-text",
            "--style",
            "apa",
            "--copy",
        ],
        Some(&x.display),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(x.clipboard("text/html"), "(Sandhu et al., 2022)");
    assert_eq!(x.clipboard("UTF8_STRING"), "(Sandhu et al., 2022)");
    // An export is copied as the file it is.
    let out = splw(
        &["cite", "kiely-2022", "--format", "ris", "--copy"],
        Some(&x.display),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Copied to the clipboard (plain text).\n"
    );
    let ris = String::from_utf8(out.stdout).unwrap();
    assert_eq!(x.clipboard("UTF8_STRING"), ris);
}

#[test]
fn with_no_display_a_terminal_gets_the_copy_through_osc_52() {
    if !installed("script") {
        support::skip("script (util-linux) not installed, so no terminal to run splw in");
        return;
    }
    let splw = cargo_bin("splw");
    // script runs splw on a pseudo-terminal, as a terminal emulator or SSH would.
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("{} cite sandhu-2022 --in-text --copy", splw.display()),
        ])
        .arg("/dev/null")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // "(Sandhu et al., 2022)" in base64, between OSC 52's opening and its BEL.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "\u{1b}]52;c;KFNhbmRodSBldCBhbC4sIDIwMjIp\u{7}Copied through the terminal (OSC 52), as plain text.\r\n(Sandhu et al., 2022)\r\n"
    );
}

#[test]
fn with_no_display_and_no_terminal_copy_is_a_one_line_error() {
    let out = splw(&["cite", "sandhu-2022", "--in-text", "--copy"], None);
    assert_eq!(out.status.code(), Some(4));
    // What was asked for is still printed.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "(Sandhu et al., 2022)\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no clipboard to copy to (no display: neither DISPLAY nor WAYLAND_DISPLAY is set), and no terminal to pass the text to\n"
    );
}

/// What the clipboard offers, as xclip reads its TARGETS.
fn targets(x: &Xvfb) -> Vec<String> {
    let mut targets: Vec<String> = x.clipboard("TARGETS").lines().map(str::to_string).collect();
    targets.sort();
    targets
}

#[test]
fn the_clipboard_offers_exactly_the_targets_it_serves() {
    if !installed("Xvfb") || !installed("xclip") {
        support::skip("Xvfb or xclip not installed");
        return;
    }
    let x = Xvfb::start();
    let out = splw(&["cite", "kiely-2022", "--copy"], Some(&x.display));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        targets(&x),
        [
            "TARGETS",
            "TIMESTAMP",
            "UTF8_STRING",
            "text/html",
            "text/plain;charset=utf-8"
        ]
    );
    // Each one read back: the text as printed, in both text formats; the HTML; xclip shows the
    // timestamp as a number, and TARGETS as above.
    for target in ["UTF8_STRING", "text/plain;charset=utf-8"] {
        assert_eq!(x.clipboard(target), printed.trim_end(), "{target}");
    }
    assert!(
        x.clipboard("text/html")
            .starts_with("<p>Kiely, B. <i>et al.</i> (2022)")
    );
    assert!(!x.clipboard("TIMESTAMP").is_empty());
    // What is not offered is refused, as xclip says.
    let refused = Command::new("xclip")
        .args(["-o", "-selection", "clipboard", "-t", "STRING"])
        .env("DISPLAY", &x.display)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    // A copy with no HTML flavour offers none.
    let out = splw(
        &["cite", "kiely-2022", "--format", "ris", "--copy"],
        Some(&x.display),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        targets(&x),
        [
            "TARGETS",
            "TIMESTAMP",
            "UTF8_STRING",
            "text/plain;charset=utf-8"
        ]
    );
}

/// A brief of one report whose abstract is `bytes` long (and whose title is `title`).
fn one_long_work(title: &str, bytes: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("00-front.toml"),
        "[brief]\ntitle = \"Long\"\n",
    )
    .unwrap();
    let words = "long words ".repeat(bytes / 11);
    std::fs::write(
        dir.path().join("01-long.toml"),
        format!(
            "[section]\nid = \"long\"\ntitle = \"Long\"\n\n[[entry]]\nid = \"long-2020\"\nkind = \"report\"\ntitle = \"{title}\"\nsource = \"Long\"\nyear = 2020\ntopics = [\"long\"]\nabstract = \"{words}\"\n"
        ),
    )
    .unwrap();
    dir
}

#[test]
fn a_copy_larger_than_the_server_takes_at_once_goes_in_pieces() {
    if !installed("Xvfb") || !installed("xclip") {
        support::skip("Xvfb or xclip not installed");
        return;
    }
    let x = Xvfb::start();
    // CSL-JSON holds the abstract: 12 MB, over the 8 MB a piece.
    let brief = one_long_work("Long", 12_000_000);
    let out = splw(
        &[
            "cite",
            "long-2020",
            "--format",
            "csl-json",
            "--copy",
            "--brief",
            brief.path().to_str().unwrap(),
        ],
        Some(&x.display),
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", out.status);
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed.len() > 12_000_000);
    let copied = x.clipboard("UTF8_STRING");
    assert!(
        copied == printed,
        "{} bytes copied of {}",
        copied.len(),
        printed.len()
    );
}

#[test]
fn a_display_that_never_answers_is_given_up_and_leaves_no_process() {
    let mute = MuteDisplay::start();
    let mut command = Command::new(cargo_bin("splw"));
    command
        .args(["cite", "sandhu-2022", "--in-text", "--copy"])
        .env_remove("WAYLAND_DISPLAY")
        .env("DISPLAY", &mute.display)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().unwrap();
    // It must end; twenty seconds is a bound on a hang, not a measure of speed.
    let (done, ended) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let out = ended
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("cite --copy never returned with a display that does not answer")
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "(Sandhu et al., 2022)\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no clipboard to copy to (the display did not answer within 5 seconds), and no terminal to pass the text to\n"
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        mute.servers(),
        Vec::<String>::new(),
        "a clipboard process was left"
    );
}

#[test]
fn a_copy_too_long_for_the_terminal_is_refused_with_a_message() {
    if !installed("script") {
        support::skip("script (util-linux) not installed, so no terminal to run splw in");
        return;
    }
    let title = "t".repeat(200_000);
    let brief = one_long_work(&title, 10);
    let line = format!(
        "{} cite long-2020 --copy --brief '{}' > /dev/null",
        cargo_bin("splw").display(),
        brief.path().display()
    );
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(!shown.contains("\u{1b}]52;"), "an OSC 52 was written");
    // The message, as wrapped to the terminal, unwrapped.
    assert_eq!(
        shown.replace("\r\n  ", " "),
        "error: no clipboard to copy to (no display: neither DISPLAY nor WAYLAND_DISPLAY is set), and the text is too long to pass through the terminal (266,684 bytes of OSC 52, where terminals take about 100,000)\r\n"
    );
}
