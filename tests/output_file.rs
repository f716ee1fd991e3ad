//! `-o FILE`: every command whose output a program reads writes the file itself, so that no shell
//! can re-encode it (Windows PowerShell 5.1's `>` writes UTF-16 with a BOM, which BibTeX and
//! biber cannot read). The file holds exactly what a pipe gets, byte for byte, as UTF-8 with no
//! BOM, even from a terminal; a failed command leaves an existing file as it was; a file that
//! cannot be written is one line and exit 4.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;

fn splw(args: &[&str]) -> Command {
    let mut command = Command::new(cargo_bin("splw"));
    command
        .args(args)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    command
}

fn run(args: &[&str], file: Option<&Path>) -> Output {
    let mut command = splw(args);
    if let Some(file) = file {
        command.arg("-o").arg(file);
    }
    command.output().unwrap()
}

/// Runs `args` into a pipe and with `-o FILE`: the file must be what the pipe got, with the same
/// exit and the same notes on stderr, and nothing on stdout.
fn same_as_the_pipe(args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out");
    let piped = run(args, None);
    let written = run(args, Some(&file));
    assert!(piped.status.success(), "{args:?}: {piped:?}");
    assert_eq!(written.status.code(), piped.status.code(), "{args:?}");
    assert_eq!(written.stdout, b"", "{args:?}");
    assert_eq!(
        String::from_utf8(written.stderr).unwrap(),
        String::from_utf8(piped.stderr).unwrap(),
        "{args:?}"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.is_empty(), "{args:?}");
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"), "{args:?}: a BOM");
    assert!(std::str::from_utf8(&bytes).is_ok(), "{args:?}: not UTF-8");
    assert!(
        bytes == piped.stdout,
        "{args:?}: the file is not what the pipe got"
    );
}

#[test]
fn every_citation_format_to_a_file_is_what_a_pipe_gets() {
    for format in [
        "text", "markdown", "html", "bibtex", "biblatex", "ris", "csl-json",
    ] {
        same_as_the_pipe(&["cite", "--all", "--format", format]);
    }
    same_as_the_pipe(&["cite", "kiely-2022", "wildman-2019a", "--style", "apa"]);
    same_as_the_pipe(&["cite", "--topic", "loneliness", "--in-text"]);
    same_as_the_pipe(&["cite", "brief"]);
}

#[test]
fn every_command_that_takes_it_writes_what_a_pipe_gets() {
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["find", "loneliness"],
        &["find", "loneliness", "--json"],
        &["show", "kiely-2022", "foster-2021"],
        &["show", "kiely-2022", "--json"],
        &["topics"],
        &["topics", "--json"],
        &["about"],
        &["map"],
        &["map", "--json"],
        &["stats", "--json"],
        &["page", "--topic", "loneliness"],
        &["completions", "powershell"],
        &["man", "cite"],
    ] {
        same_as_the_pipe(args);
    }
}

#[test]
fn an_existing_file_is_replaced_and_a_failed_command_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("refs.bib");
    std::fs::write(&file, "an older, longer file that must go entirely").unwrap();
    let out = run(&["cite", "kiely-2022", "--format", "bibtex"], Some(&file));
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        run(&["cite", "kiely-2022", "--format", "bibtex"], None).stdout
    );

    std::fs::write(&file, "kept").unwrap();
    for (args, code) in [
        (&["cite", "no-such-work", "--format", "bibtex"][..], 2),
        (&["find", "xyzzy"], 1),
        (&["list", "--brief", "no-such-folder"], 3),
    ] {
        let out = run(args, Some(&file));
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "kept", "{args:?}");
    }
    let absent = dir.path().join("absent.txt");
    assert_eq!(
        run(&["find", "xyzzy"], Some(&absent)).status.code(),
        Some(1)
    );
    assert!(!absent.exists());
}

#[test]
fn a_file_that_cannot_be_written_is_one_line_and_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("refs.bib");
    for (path, why) in [
        (missing.as_path(), "No such file or directory"),
        (dir.path(), "Is a directory"),
    ] {
        let out = run(&["cite", "--all", "--format", "bibtex"], Some(path));
        assert_eq!(out.status.code(), Some(4), "{path:?}");
        assert_eq!(out.stdout, b"");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "3 signposts left out: pointers to further resources, not works to cite\n\
                 error: cannot write `{}`: {why}\n",
                path.display()
            )
        );
    }
}

/// From a terminal too, the file gets what a pipe gets: no colour, no table, no pager, no
/// hyperlinks; the terminal gets only the notes.
#[test]
fn from_a_terminal_the_file_is_still_what_a_pipe_gets() {
    if !Command::new("script")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        support::skip("script (util-linux) not installed, so no terminal to run splw in");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for args in [
        "list --topic loneliness",
        "show kiely-2022",
        "cite --all --format ris",
        "page --topic loneliness",
    ] {
        let file = dir.path().join("out");
        let line = format!(
            "{} {args} --hyperlinks always -o '{}'",
            cargo_bin("splw").display(),
            file.display()
        );
        let out = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env("COLUMNS", "100")
            .env("LINES", "10")
            .env_remove("NO_COLOR")
            .env("SPLW_PAGER", "false")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args}: {out:?}");
        let words: Vec<&str> = args.split(' ').collect();
        let mut piped = splw(&words);
        let piped = piped.args(["--hyperlinks", "always"]).output().unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(piped.stderr)
                .unwrap()
                .replace('\n', "\r\n"),
            "{args}"
        );
        assert!(std::fs::read(&file).unwrap() == piped.stdout, "{args}");
    }
}
