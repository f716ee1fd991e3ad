//! `splw open`, with BROWSER set to a script that records what it is asked to open, as git's and
//! Python's convention lets a user choose the browser; and with no BROWSER, through an `xdg-open`
//! of the test's own on the PATH. Each gets the address as one argument, exactly as printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

/// Runs `splw open` with a recording browser; gives what splw said and the `opens` addresses the
/// browser got (waiting for them: each browser is started without waiting for the one before).
fn open(ids: &[&str], opens: usize) -> (Output, String) {
    let dir = TempDir::new().unwrap();
    let record = dir.path().join("opened");
    let browser = dir.path().join("browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new(cargo_bin("splw"))
        .arg("open")
        .args(ids)
        .env("BROWSER", &browser)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let opened = || std::fs::read_to_string(&record).unwrap_or_default();
    for _ in 0..100 {
        if opened().lines().count() >= opens {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (out, opened())
}

#[test]
fn a_work_with_a_doi_opens_at_doi_org() {
    let (out, opened) = open(&["kiely-2022"], 1);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(opened, "https://doi.org/10.1136/bmjopen-2022-062951\n");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Opened its page in the browser: https://doi.org/10.1136/bmjopen-2022-062951\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_work_with_no_address_opens_a_search_said_to_be_one() {
    let (out, opened) = open(&["nasp-2023a", "Baird", "2022"], 2);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let search = "https://duckduckgo.com/?q=%22Social%20Prescribing%20Link%20Worker%20Induction%20Guide%22%20National%20Academy%20for%20Social%20Prescribing";
    let page = "https://www.kingsfund.org.uk/insight-and-analysis/reports/integrating-additional-roles-into-primary-care-networks";
    // Each browser is started without waiting for the one before, so they may write in either
    // order.
    let mut opened: Vec<&str> = opened.lines().collect();
    opened.sort_unstable();
    assert_eq!(opened, [search, page]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "No address is known for `nasp-2023a`: a web search for its title instead.\n\
             Opened a search in the browser: {search}\n\
             Opened its page in the browser: {page}\n"
        )
    );
}

#[test]
fn an_unknown_id_opens_nothing() {
    let (out, opened) = open(&["kiely-2023"], 0);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(opened, "");
}

/// A folder holding `name`, a script that records its arguments (their count, then each on a
/// line) and exits with `code`.
fn recorder(name: &str, code: i32) -> (TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let record = dir.path().join("arguments");
    let program = dir.path().join(name);
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\n{{ echo $#; printf '%s\\n' \"$@\"; }} >> '{}'\nexit {code}\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    (dir, program, record)
}

// splw starts the opener itself on Linux and the BSDs; macOS has the system's own call.
#[cfg(not(target_os = "macos"))]
#[test]
fn with_no_browser_set_xdg_open_gets_exactly_the_address_printed_as_one_argument() {
    let (dir, _, record) = recorder("xdg-open", 0);
    // The work's folder holds a path that reads like the address: an opener that took the
    // address for a path would open it.
    let work = TempDir::new().unwrap();
    std::fs::create_dir_all(work.path().join("https:/doi.org/10.1136")).unwrap();
    std::fs::write(
        work.path()
            .join("https:/doi.org/10.1136/bmjopen-2022-062951"),
        "a local file",
    )
    .unwrap();
    let printed = Command::new(cargo_bin("splw"))
        .args(["open", "kiely-2022", "nasp-2023a", "--print"])
        .output()
        .unwrap();
    let printed = String::from_utf8(printed.stdout).unwrap();
    let out = Command::new(cargo_bin("splw"))
        .args(["open", "kiely-2022", "nasp-2023a"])
        .current_dir(work.path())
        .env_remove("BROWSER")
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let got = std::fs::read_to_string(&record).unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(got, format!("1\n{}\n1\n{}\n", lines[0], lines[1]));
    assert_eq!(lines[0], "https://doi.org/10.1136/bmjopen-2022-062951");
    assert!(lines[1].starts_with("https://duckduckgo.com/?q=%22Social%20Prescribing"));
}

// splw starts the opener itself on Linux and the BSDs; macOS has the system's own call.
#[cfg(not(target_os = "macos"))]
#[test]
fn a_browser_that_fails_is_an_error_with_exit_4() {
    let (_dir, browser, _) = recorder("browser", 3);
    let out = Command::new(cargo_bin("splw"))
        .args(["open", "kiely-2022"])
        .env("BROWSER", &browser)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: could not open a browser for `kiely-2022` (`{}` failed (exit status: 3)); the address is https://doi.org/10.1136/bmjopen-2022-062951\n",
            browser.display()
        )
    );
}

// splw starts the opener itself on Linux and the BSDs; macOS has the system's own call.
#[cfg(not(target_os = "macos"))]
#[test]
fn with_no_opener_at_all_open_says_so_with_exit_4() {
    let empty = TempDir::new().unwrap();
    let out = Command::new(cargo_bin("splw"))
        .args(["open", "kiely-2022"])
        .env_remove("BROWSER")
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: could not open a browser for `kiely-2022` (`xdg-open` not found: install xdg-utils, or name a browser in BROWSER); the address is https://doi.org/10.1136/bmjopen-2022-062951\n"
    );
}

#[test]
fn an_address_too_long_for_the_platform_is_a_short_error() {
    let dir = TempDir::new().unwrap();
    for item in std::fs::read_dir("tests/fixtures/valid").unwrap() {
        let path = item.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let address = format!("https://example.org/{}", "a".repeat(200_000));
    std::fs::write(
        dir.path().join("03-long.toml"),
        format!(
            "[section]\nid = \"long\"\ntitle = \"Long\"\n\n[[entry]]\nid = \"long-2020\"\nkind = \"web-page\"\ntitle = \"Long\"\nsource = \"Long\"\nyear = 2020\nurl = \"{address}\"\ntopics = [\"long\"]\n"
        ),
    )
    .unwrap();
    let (_browser_dir, browser, record) = recorder("browser", 0);
    let out = Command::new(cargo_bin("splw"))
        .args(["open", "long-2020", "--brief"])
        .arg(dir.path())
        .env("BROWSER", &browser)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: could not open a browser for `long-2020`: the address is 200,020 bytes long, more than a browser can be given here (at most 131,071)\n"
    );
    assert!(!record.exists(), "a browser was started");
    // --print still gives it, whole.
    let out = Command::new(cargo_bin("splw"))
        .args(["open", "long-2020", "--print", "--brief"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{address}\n")
    );
}
