//! Hostile input: briefs and arguments that try to crash, hang or take over the terminal, and
//! outputs that fail. Each test checks the exact error or the exact bytes written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

fn splw() -> Command {
    let mut command = Command::new(cargo_bin("splw"));
    command
        .env_remove("SPLW_BRIEF")
        .env_remove("SPLW_LAYOUT")
        .env("NO_COLOR", "1");
    command
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("splw runs");
    Run {
        code: output
            .status
            .code()
            .expect("splw exits, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn splw_run(args: &[&str]) -> Run {
    run(splw().args(args))
}

/// A brief folder holding a copy of the valid fixture plus `extra` files.
fn brief_with(extra: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for item in fs::read_dir("tests/fixtures/valid").unwrap() {
        let path = item.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    for (name, bytes) in extra {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

const EVIL: &str = "tests/fixtures/control-characters";

#[test]
fn control_characters_are_shown_escaped_in_every_layout() {
    for args in [
        &["list", "--layout", "plain"][..],
        &["list", "--layout", "table"],
        &["show", "evil-2020"],
        &["find", "clipboard", "--layout", "table"],
        &["find", "clipboard", "--layout", "plain"],
        &["map", "--cols", "country"],
        &["stats"],
    ] {
        let out = run(splw()
            .arg("--brief")
            .arg(EVIL)
            .args(args)
            .arg("--color=always"));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let raw_controls: Vec<char> = out
            .stdout
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\u{1b}'))
            .collect();
        assert!(raw_controls.is_empty(), "{args:?} wrote {raw_controls:?}");
        // With colour on, the only escapes are splw's own SGR colour codes, never the brief's.
        assert!(
            !out.stdout.contains("\u{1b}]52"),
            "{args:?} wrote an OSC 52 sequence"
        );
        assert!(
            !out.stdout.contains("\u{1b}[2J"),
            "{args:?} wrote a screen clear"
        );
        assert!(
            out.stdout.contains("\\e]52;c;cm0gLXJmIH4="),
            "{args:?}:\n{}",
            out.stdout
        );
    }
    let show = splw_run(&["--brief", EVIL, "show", "evil-2020"]);
    assert!(
        show.stdout.contains("  Authors   Evil, Eve\\e[31m\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("  Ring \\u{7} the bell and \\u{9b} C1 too.\n")
    );
}

#[test]
fn json_escapes_control_characters() {
    let out = splw_run(&["--brief", EVIL, "show", "evil-2020", "--json"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains(
        r#""title": "Clipboard \u001b]52;c;cm0gLXJmIH4=\u0007 and clear \u001b[2J here""#
    ));
    assert!(!out.stdout.contains('\u{1b}'));
    // JSON may carry C1 controls raw; splw escapes them, as U+009B starts a sequence too.
    assert!(
        out.stdout
            .contains(r#""abstract": "Line one.\nRing \u0007 the bell and \u009b C1 too.""#)
    );
    assert!(!out.stdout.contains('\u{9b}'));
}

#[test]
fn suggestions_quote_the_brief_escaped() {
    // "evil-2021" is close to the evil entry's id, so the error suggests it with its title.
    let out = splw_run(&["--brief", EVIL, "show", "evil-2021"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: no entry `evil-2021`; did you mean evil-2020 (Clipboard \\e]52;c;cm0gLXJmIH4=\\u{7} and \
         clear…)?\n"
    );
    // The user's own words are escaped too.
    let out = splw_run(&["show", "x\u{1b}[2J"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: no entry `x\\e[2J`"),
        "{}",
        out.stderr
    );
}

// /dev/full, which fails every write with ENOSPC, is Linux's: macOS and Windows have none.
#[cfg(target_os = "linux")]
#[test]
fn a_stderr_that_cannot_be_written_is_no_panic() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(splw().args(["show", "no-such-entry"]).stderr(full));
    assert_eq!(out.code, 2);
}

#[test]
fn check_reports_control_characters_exactly() {
    let out = splw_run(&["check", "--brief", EVIL]);
    assert_eq!(out.code, 3);
    // splw joins the folder and the file name with the platform's separator.
    let file = Path::new(EVIL).join("01-alpha.toml");
    let file = file.display();
    assert_eq!(
        out.stdout,
        format!(
            "{file}:9:9: `title` has a control character: \
             Clipboard \\e]52;c;cm0gLXJmIH4=\\u{{7}} and clear \\e[2J here\n\
             {file}:10:12: an author's name has a control character: Eve\\e[31m\n\
             {file}:13:12: `abstract` has a control \
             character: Line one.\\nRing \\u{{7}} the bell and \\u{{9b}} C1 too.\n\
             {file}:14:12: `country` has a control character: \
             Clipboard \\e]52;c;cm0gLXJmIH4=\\u{{7}} land\n\
             {file}:15:72: `evidence` has a control character: \
             Clipboard \\e]52;c;cm0gLXJmIH4=\\u{{7}} and\n"
        )
    );
    assert_eq!(out.stderr, "error: the brief has 5 problems\n");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(splw().arg("list").stdout(full));
    assert_eq!(out.code, 4);
    assert_eq!(
        out.stderr,
        "error: writing to stdout: No space left on device\n"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["list", "--json"][..],
        &["show", "kiely-2022", "moffatt-2023", "--json"],
        &["man"],
    ] {
        let mut child = splw()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up: more than a pipe's buffer is still to come.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn tables_fit_narrow_and_wide_terminals() {
    for (columns, limit) in [
        ("20", 20),
        ("40", 40),
        ("80", 80),
        ("120", 120),
        ("200", 200),
        ("1000", 1000),
    ] {
        for args in [
            &["list"][..],
            &["topics"],
            &["find", "loneliness"],
            &["show", "foster-2021"],
            &["about"],
        ] {
            let out = run(splw()
                .args(args)
                .args(["--layout", "table"])
                .env("COLUMNS", columns));
            assert_eq!(out.code, 0, "{args:?} at {columns}: {}", out.stderr);
            for line in out.stdout.lines() {
                let width = unicode_width(line);
                // A word (a name, an id, an address) is never broken: one longer than the room
                // left on its line may run over, and only it.
                let before_last_word = line.trim_end().rsplit_once(char::is_whitespace);
                let one_word_over = before_last_word
                    .is_none_or(|(before, _)| unicode_width(before.trim_end()) < limit);
                assert!(
                    width <= limit || one_word_over,
                    "{args:?} at {columns}: {width} columns: {line}"
                );
            }
        }
    }
    // Narrow: each title whole, on lines of its own under its id, year and authors.
    let narrow = run(splw()
        .args(["list", "--layout", "table"])
        .env("COLUMNS", "40"));
    let first: Vec<&str> = narrow.stdout.lines().take(5).collect();
    assert_eq!(
        first,
        [
            "nasp-2024 · 2024 · National Academy for…",
            "  Social Prescribing Link Workers for",
            "  Young People: a guide to support",
            "  primary care networks",
            "",
        ]
    );
    // At 80 columns, every title's first 60 characters at least.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at_80 = words(
        &run(splw()
            .args(["list", "--layout", "table"])
            .env("COLUMNS", "80"))
        .stdout,
    );
    let titles = run(splw().args(["list", "--layout", "plain"])).stdout;
    for title in titles.lines().map(|line| line.split('\t').nth(3).unwrap()) {
        let start: String = title.chars().take(60).collect();
        assert!(at_80.contains(&words(&start)), "{title}");
    }
    // Wide: a table, with topics where each row's fit whole and the title keeps 60 columns; at
    // 200 columns a topic's few entries have theirs, all of them, and the whole brief gives the
    // room to its titles instead.
    for (args, columns, topics) in [
        (&["list"][..], "1000", true),
        (&["list", "--topic", "loneliness"], "200", true),
        (&["list"], "200", false),
    ] {
        let wide = run(splw()
            .args(args)
            .args(["--layout", "table"])
            .env("COLUMNS", columns));
        let header = wide.stdout.lines().next().unwrap();
        assert!(header.contains("Id") && header.contains("Title"));
        assert_eq!(header.contains("Topics"), topics, "{args:?} at {columns}");
        // A cut list of topics ends so: "key-publications,…".
        assert!(!wide.stdout.contains(",…"), "{args:?} at {columns}");
    }
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn bad_years_are_usage_errors() {
    for (year, message) in [
        (
            "99999",
            "error: invalid value '99999' for '--year <YEARS>': `99999` is not a year: give a year from 1900 to 2100, such as 2022, 2019..2022, 2020.. or ..2015",
        ),
        (
            "-1",
            "error: invalid value '-1' for '--year <YEARS>': `-1` is not a year: give a year from 1900 to 2100, such as 2022, 2019..2022, 2020.. or ..2015",
        ),
        (
            "2022..2019",
            "error: invalid value '2022..2019' for '--year <YEARS>': the range 2022..2019 runs backwards: write 2019..2022",
        ),
    ] {
        let out = splw_run(&["list", "--year", year]);
        assert_eq!(out.code, 2, "{year}");
        assert_eq!(out.stderr.lines().next(), Some(message), "{year}");
        assert_eq!(out.stdout, "");
    }
}

#[test]
fn bad_queries_are_usage_errors() {
    let empty = splw_run(&["find", ""]);
    assert_eq!(empty.code, 2);
    assert_eq!(
        empty.stderr,
        "error: the query is empty: give a word to look for, such as `splw find loneliness`\n"
    );
    let long = "a".repeat(10_000);
    let out = splw_run(&["find", &long]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: the query is 10000 characters long; the longest splw takes is 500\n"
    );
    let negative = splw_run(&["find", "!covid"]);
    assert_eq!(negative.code, 2);
    assert_eq!(
        negative.stderr,
        "error: the query has nothing to look for: give at least one word that is not `!word`\n"
    );
    let common = splw_run(&["find", "the", "of", "-"]);
    assert_eq!(common.code, 2);
    assert_eq!(
        common.stderr,
        "error: `the of -` has only question and filler words, which never decide what is found: \
         say what you are looking for, as in `what helps with loneliness`\n"
    );
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"lone\xffliness");
    for args in [["find"], ["show"]] {
        let out = run(splw().args(args).arg(bad));
        assert_eq!(out.code, 2);
        assert!(
            out.stderr
                .starts_with("error: invalid UTF-8 was detected in one or more arguments"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn an_oversized_file_is_refused_unread() {
    let dir = brief_with(&[]);
    let big = fs::File::create(dir.path().join("99-big.toml")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap(); // sparse: nothing is written or read
    let out = splw_run(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stdout,
        format!(
            "{}: is 17825792 bytes, over the limit of 16777216 bytes (16 MiB) for a section file\n",
            dir.path().join("99-big.toml").display()
        )
    );
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_folders_and_pipes_are_reported_without_hanging() {
    let dir = brief_with(&[]);
    std::os::unix::fs::symlink("b.toml", dir.path().join("a.toml")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("b.toml")).unwrap();
    fs::create_dir(dir.path().join("c.toml")).unwrap();
    let fifo = dir.path().join("d.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = splw_run(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 3);
    let d = dir.path().display();
    assert_eq!(
        out.stdout,
        format!(
            "{d}/a.toml: cannot read: Too many levels of symbolic links\n\
             {d}/b.toml: cannot read: Too many levels of symbolic links\n\
             {d}/c.toml: is a folder, not a section file\n\
             {d}/d.toml: is not a regular file (a pipe or device?)\n"
        )
    );
}

#[test]
fn files_that_are_not_toml_are_ignored() {
    let dir = brief_with(&[
        ("notes.md", b"# not data"),
        ("02-beta.toml~", b"\xff\xfe junk"),
        (".02-beta.toml.swp", b"\xff\xfe junk"),
        (".hidden.toml", b"not = [toml"),
    ]);
    // Emacs locks a file it edits with a link to nowhere named `.#file.toml`. (Making a link on
    // Windows takes a privilege; the rest of the test holds there without it.)
    #[cfg(unix)]
    std::os::unix::fs::symlink("user@host.1234", dir.path().join(".#02-beta.toml")).unwrap();
    let out = splw_run(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        out.stdout,
        "ok: 2 entries, 3 placements, 2 sections, 1 abstract, 0 DOIs (3 files)\n"
    );
}

#[test]
fn the_brief_can_come_from_the_environment() {
    let out = run(splw()
        .args(["list", "--layout", "plain"])
        .env("SPLW_BRIEF", "tests/fixtures/valid"));
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        "smith-2020\t2020\tSmith et al.\tA study of alpha\norg-nd\t\tTest Organisation\tA guide with no date\n"
    );
}

#[test]
fn a_broken_brief_stops_other_commands_with_its_first_problem() {
    let out = splw_run(&["list", "--brief", "tests/fixtures/bad-values"]);
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}:7:6: id `Smith_2020` should be lowercase letters, digits and `-`\n\
             (9 more problems: `splw check`, with the same --brief, lists them all)\n",
            Path::new("tests/fixtures/bad-values")
                .join("01-alpha.toml")
                .display()
        )
    );
}

#[test]
fn check_never_writes_to_the_brief() {
    let dir = brief_with(&[]);
    let before: Vec<(String, Vec<u8>)> = snapshot(dir.path());
    splw_run(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(snapshot(dir.path()), before);
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (path.display().to_string(), fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

// Unix permissions, and as root `setpriv` (util-linux) to drop them.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = brief_with(&[(
        "02-gamma.toml",
        b"[section]\nid = \"gamma\"\ntitle = \"G\"\n",
    )]);
    // Readable by all but the one file, so that another user can run splw on the folder.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    for item in fs::read_dir(dir.path()).unwrap() {
        fs::set_permissions(item.unwrap().path(), fs::Permissions::from_mode(0o644)).unwrap();
    }
    let locked = dir.path().join("02-gamma.toml");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file, so as root (as in CI) splw runs as the unprivileged user nobody. The
    // folder this process made is owned by its effective user.
    let root = std::os::unix::fs::MetadataExt::uid(&fs::metadata(dir.path()).unwrap()) == 0;
    // nobody may not reach the build folder (a clone under /root), so it runs a copy.
    let bin_dir = TempDir::new().unwrap();
    let bin = bin_dir.path().join("splw");
    fs::copy(cargo_bin("splw"), &bin).unwrap();
    fs::set_permissions(bin_dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = if root {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        command
    } else {
        Command::new(cargo_bin("splw"))
    };
    command.env_remove("SPLW_BRIEF").env("NO_COLOR", "1").args([
        "check",
        "--brief",
        dir.path().to_str().unwrap(),
    ]);
    let out = run(&mut command);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("{}: cannot read: Permission denied\n", locked.display())
    );
}

#[test]
fn a_repeated_alias_is_a_problem_not_a_panic() {
    let dir = brief_with(&[(
        "03-gamma.toml",
        b"[section]\nid = \"gamma\"\ntitle = \"G\"\n\n[[entry]]\nid = \"org-2021\"\naliases = [\"dup\", \"dup\", \"b \", \" b\"]\nkind = \"report\"\ntitle = \"T\"\nyear = 2021\ntopics = [\"gamma\"]\n",
    )]);
    let file = dir.path().join("03-gamma.toml");
    let out = splw_run(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "{0}:7:19: alias `dup` is listed twice\n{0}:7:32: alias `b` is listed twice\n",
            file.display()
        )
    );
    let listed = splw_run(&["list", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(listed.code, 3);
}

#[test]
fn windows_line_endings_give_the_same_catalogue() {
    let section = "[section]\nid = \"gamma\"\ntitle = \"G\"\n\n[[entry]]\nid = \"org-2021\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2021\ntopics = [\"gamma\"]\nabstract = \"\"\"\nOne paragraph.\n\nAnother.\n\"\"\"\n";
    let unix = brief_with(&[("03-gamma.toml", section.as_bytes())]);
    let windows = brief_with(&[("03-gamma.toml", section.replace('\n', "\r\n").as_bytes())]);
    for args in [
        &["show", "org-2021", "--json"][..],
        &["check"],
        &["cite", "--all", "--format", "bibtex"],
    ] {
        let [unix, windows] = [&unix, &windows]
            .map(|dir| splw_run(&[args, &["--brief", dir.path().to_str().unwrap()]].concat()));
        assert_eq!(
            (windows.code, &windows.stdout),
            (unix.code, &unix.stdout),
            "{args:?}"
        );
        assert!(
            !windows.stdout.contains(['\r']) && !windows.stdout.contains("\\r"),
            "{args:?}"
        );
    }
}

/// Addresses that a browser (or an opener) would read otherwise than they are shown: each is a
/// `check` error at its file, line and column, and the brief does not load.
#[test]
fn an_address_a_browser_reads_otherwise_is_a_check_error_where_it_stands() {
    let addresses = [
        "https://x|/../../etc/passwd",
        "https://doi.org@evil.example/10.1136/x",
        "https://user:pass@example.org/",
        "https://example.org/a/../../b",
        "https://EXAMPLE.org/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://example.org/\u{202e}gpj.exe",
    ];
    let mut section = String::from("[section]\nid = \"gamma\"\ntitle = \"Gamma\"\n");
    for (n, address) in addresses.iter().enumerate() {
        section.push_str(&format!(
            "\n[[entry]]\nid = \"web-{n}\"\nkind = \"web-page\"\ntitle = \"Page {n}\"\nsource = \"Web\"\nurl = {}\ntopics = [\"gamma\"]\n",
            toml_edit::Value::from(*address)
        ));
    }
    section.push_str(
        "\n[[entry]]\nid = \"doi-2020\"\nkind = \"report\"\ntitle = \"Dots\"\nsource = \"Web\"\nyear = 2020\ndoi = \"10.1000/../../etc/passwd\"\ntopics = [\"gamma\"]\n",
    );
    let dir = brief_with(&[("03-gamma.toml", section.as_bytes())]);
    let file = dir.path().join("03-gamma.toml").display().to_string();
    let out = splw_run(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let at = |line: usize| format!("{file}:{line}:7: `url` ");
    let expected = [
        format!(
            "{}`https://x|/../../etc/passwd` is not an address a browser can read (invalid international domain name)",
            at(10)
        ),
        format!(
            "{}`https://doi.org@evil.example/10.1136/x` has a user name before its host, so it goes to evil.example, not where it seems to",
            at(18)
        ),
        format!(
            "{}`https://user:pass@example.org/` has a user name before its host, so it goes to example.org, not where it seems to",
            at(26)
        ),
        format!(
            "{}`https://example.org/a/../../b` is not written as a browser reads it: give it as `https://example.org/b`",
            at(34)
        ),
        format!(
            "{}`https://EXAMPLE.org/` is not written as a browser reads it: give it as `https://example.org/`",
            at(42)
        ),
        format!(
            "{}`javascript:alert(1)` should be an https:// or http:// address",
            at(50)
        ),
        format!(
            "{}`file:///etc/passwd` should be an https:// or http:// address",
            at(58)
        ),
        format!(
            "{file}:66:7: `url` has a control character: https://example.org/\\u{{202e}}gpj.exe"
        ),
        format!(
            "{}`https://example.org/\\u{{202e}}gpj.exe` has a control character (\\u{{202e}}), which no address may hold",
            at(66)
        ),
        format!(
            "{file}:75:7: DOI `10.1000/../../etc/passwd` cannot stand in a link: its link is not written as a browser reads it: give it as `https://doi.org/etc/passwd`"
        ),
    ];
    // (The ids' warnings aside: they follow no id rule.)
    let errors: Vec<&str> = out
        .stdout
        .lines()
        .filter(|line| !line.contains(": warning: "))
        .collect();
    assert_eq!(errors, expected);
    // The brief does not load for any other command either.
    let out = splw_run(&["open", "web-0", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 3, "{}", out.stderr);
}
