//! `cite --copy`, with a real X server (Xvfb) and a real clipboard reader (xclip), as Word or
//! LibreOffice would read it; through a terminal's OSC 52 where there is no display; and the
//! one-line error where there is neither. Tests whose tools are missing print a skip line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;
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
        eprintln!("skip: Xvfb or xclip not installed");
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
        "<p>Kiely, B. <i>et al.</i> (2022) ‘Effect of social prescribing link workers on health outcomes and costs for adults in primary care and community settings: a systematic review’, <i>BMJ Open</i>, 12(10). Available at: <a href=\"https://doi.org/10.1136/bmjopen-2022-062951\">https://doi.org/10.1136/bmjopen-2022-062951</a>.</p>\n<p>NHS England (2023) <i>Workforce development framework: social prescribing link workers</i>. Available at: <a href=\"https://www.england.nhs.uk/long-read/workforce-development-framework-social-prescribing-link-workers/\">https://www.england.nhs.uk/long-read/workforce-development-framework-social-prescribing-link-workers/</a>.</p>"
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
        eprintln!("skip: script (util-linux) not installed, so no terminal to run splw in");
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
