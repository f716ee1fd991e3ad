//! `splw open`, with BROWSER set to a script that records what it is asked to open, as git's and
//! the webbrowser crate's convention lets a user choose the browser.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

/// Runs `splw open` with a recording browser; gives what splw said and the `opens` addresses the
/// browser got (waiting for them: the webbrowser crate starts the browser and does not wait).
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
