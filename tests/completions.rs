//! `splw completions SHELL`, tested by validity rather than pinned byte for byte: clap_complete
//! writes the scripts, and a new version of it may reword them freely. Each script registers splw
//! and calls it back (`COMPLETE=<shell> splw -- …`) to complete a line; bash, zsh and fish must
//! parse each of theirs, and bash must complete commands, ids, aliases and topics with its, from
//! the built-in brief and from `--brief DIR`; zsh and fish must describe a hostile brief's ids and
//! topics with its text escaped, and no shell may be given an unsafe character. A shell that is not
//! installed is skipped with a `skip:` line on stderr (CI installs bash, zsh and fish).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

/// The script `splw completions SHELL` prints, checked to exit 0 with nothing on stderr.
fn script(shell: &str) -> String {
    let output = Command::new(cargo_bin("splw"))
        .args(["completions", shell])
        .env_remove("SPLW_BRIEF")
        .env_remove("SPLW_LAYOUT")
        .env("NO_COLOR", "1")
        .output()
        .expect("splw runs");
    assert!(
        output.status.success(),
        "splw completions {shell}: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{shell}");
    String::from_utf8(output.stdout).expect("the script is UTF-8")
}

/// The script for `shell`, written to a file in a new temporary folder (kept while it is alive).
fn script_file(shell: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(format!("splw.{shell}"));
    std::fs::write(&path, script(shell)).unwrap();
    (dir, path)
}

/// Runs `program` with `args`, or returns `None` after saying `skip:` when it is not installed.
/// The line goes to stderr directly: libtest swallows `eprintln!` from a test that passes.
fn run_shell(program: &str, args: &[&str], file: &Path) -> Option<Output> {
    match Command::new(program)
        .args(args)
        .arg(file)
        .env_remove("BASH_ENV")
        .env_remove("ENV")
        .output()
    {
        Ok(output) => Some(output),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let _ = writeln!(io::stderr(), "skip: {program} not installed");
            None
        }
        Err(e) => panic!("cannot run {program}: {e}"),
    }
}

fn assert_success(what: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{what}: {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Whether `word` appears in `text` as a whole word (between characters that are not letters or
/// digits), so that `list` in `splw__subcmd__list` or `'list'` counts, but not in `listing`.
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == word)
}

#[test]
fn every_shell_gets_a_script_that_calls_splw_back() {
    for shell in SHELLS {
        let script = script(shell);
        assert!(has_word(&script, "splw"), "{shell}: no `splw`:\n{script}");
        assert!(
            has_word(&script, "COMPLETE"),
            "{shell}: no call back:\n{script}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = Command::new(cargo_bin("splw"))
        .args(["completions", "nope"])
        .output()
        .expect("splw runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, b"");
}

#[test]
fn bash_parses_the_bash_script_or_skips_without_bash() {
    let (_dir, file) = script_file("bash");
    if let Some(output) = run_shell("bash", &["-n"], &file) {
        assert_success("bash -n", &output);
    }
}

#[test]
fn zsh_parses_the_zsh_script_or_skips_without_zsh() {
    let (_dir, file) = script_file("zsh");
    // -f: no startup files but /etc/zshenv, so that a user's own cannot break the check.
    if let Some(output) = run_shell("zsh", &["-f", "-n"], &file) {
        assert_success("zsh -n", &output);
    }
}

#[test]
fn fish_parses_the_fish_script_or_skips_without_fish() {
    let (_dir, file) = script_file("fish");
    if let Some(output) = run_shell("fish", &["--no-execute"], &file) {
        assert_success("fish --no-execute", &output);
    }
}

/// Sources the script and calls the function it registers for splw, as bash does on Tab after
/// the words given as arguments (the last one being completed), and prints what it offers.
const COMPLETE_LINE: &str = r#"
script=$1
shift
source "$script" || exit 10
spec=$(complete -p splw) || exit 11
fn=${spec##*-F }
fn=${fn%% *}
[ -n "$fn" ] && [ "$fn" != "$spec" ] || exit 12
COMP_WORDS=("$@")
COMP_CWORD=$(( $# - 1 ))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" splw "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;

/// What bash offers on Tab after `words`, with this build of splw first on the PATH (the script
/// calls `splw` back); `None` where bash is not installed.
fn bash_offers(words: &[&str]) -> Option<Vec<String>> {
    let (_dir, file) = script_file("bash");
    let bin = cargo_bin("splw");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = match Command::new("bash")
        .args(["-c", COMPLETE_LINE, "bash"])
        .arg(&file)
        .args(words)
        .env("PATH", path)
        .env_remove("SPLW_BRIEF")
        .env_remove("BASH_ENV")
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let _ = writeln!(io::stderr(), "skip: bash not installed");
            return None;
        }
        Err(e) => panic!("cannot run bash: {e}"),
    };
    assert_success(&format!("bash completing {words:?}"), &output);
    let stdout = String::from_utf8(output.stdout).unwrap();
    Some(stdout.lines().map(str::to_string).collect())
}

#[test]
fn bash_completes_commands_ids_aliases_and_topics() {
    for (words, offered) in [
        (&["splw", "sh"][..], &["show"][..]),
        (&["splw", "show", "kiel"], &["kiely-2022", "kiely-2021"]),
        (&["splw", "cite", "link"], &["linkmm"]),
        (
            &["splw", "list", "--topic", "lon"],
            &["loneliness", "long-term-conditions"],
        ),
    ] {
        let Some(got) = bash_offers(words) else {
            return;
        };
        assert_eq!(got, offered, "{words:?}");
    }
}

#[test]
fn bash_completes_ids_from_the_brief_the_line_names() {
    let fixture = format!("{}/tests/fixtures/other-brief", env!("CARGO_MANIFEST_DIR"));
    let Some(got) = bash_offers(&["splw", "--brief", &fixture, "show", "o"]) else {
        return;
    };
    assert_eq!(got, ["okafor-2021"]);
}

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-browse");

/// What a real zsh hands `_describe` (which draws the menu) on Tab after `words`: the script's own
/// function runs, with `_describe` replaced by one that prints its candidates, `value:description`,
/// each read as `_describe` reads it (`\\` is one backslash).
fn zsh_offers(words: &[&str]) -> Option<Vec<String>> {
    let (_dir, file) = script_file("zsh");
    let line = r#"
compdef() { :; }
_describe() { print -rl -- "${(@P)${@[-1]}}" }
source "$1" || exit 10
shift
words=("$@")
CURRENT=$#
_clap_dynamic_completer_splw
"#;
    let offers = shell_offers("zsh", &["-f", "-c", line, "zsh"], &file, words)?;
    Some(offers.iter().map(|l| l.replace(r"\\", r"\")).collect())
}

/// What a real fish offers on Tab after `words` (`complete --do-complete`), `value\tdescription`.
fn fish_offers(words: &[&str]) -> Option<Vec<String>> {
    let (_dir, file) = script_file("fish");
    let line = r#"source $argv[1]; or exit 10; complete --do-complete "$argv[2..-1]""#;
    shell_offers("fish", &["-c", line], &file, words)
}

fn shell_offers(shell: &str, args: &[&str], file: &Path, words: &[&str]) -> Option<Vec<String>> {
    let bin = cargo_bin("splw");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = match Command::new(shell)
        .args(args)
        .arg(file)
        .args(words)
        .env("PATH", path)
        .env_remove("SPLW_BRIEF")
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let _ = writeln!(io::stderr(), "skip: {shell} not installed");
            return None;
        }
        Err(e) => panic!("cannot run {shell}: {e}"),
    };
    assert_success(&format!("{shell} completing {words:?}"), &output);
    let stdout = String::from_utf8(output.stdout).unwrap();
    Some(stdout.lines().map(str::to_string).collect())
}

/// The hostile fixture's title and section name, as every shell is given them for a description:
/// each unsafe character shown escaped, as splw shows it everywhere on a terminal.
const TITLE_SHOWN: &str = r"Title \e]52;c;cHduZWQ=\u{7}\e[2J\e]8;;https://evil.example/\e\link\e]8;;\e\ \u{9b}31m\u{e0070}\u{e0077}\u{600}\u{202e} end";
const SECTION_SHOWN: &str = r"Pwned \e]52;c;cHduZWQ=\u{7}\e[2J\e]8;;https://evil.example/\e\link\e]8;;\e\ \u{9b}31m\u{e0070}\u{e0077}\u{600}\u{202e} end";

#[test]
fn zsh_describes_a_hostile_briefs_ids_and_topics_escaped() {
    let Some(ids) = zsh_offers(&["splw", "--brief", HOSTILE, "show", "e"]) else {
        return;
    };
    assert_eq!(ids, [format!("evil-2024:{TITLE_SHOWN}")]);
    let topics = zsh_offers(&["splw", "--brief", HOSTILE, "list", "--topic", "h"]).unwrap();
    assert_eq!(topics, [format!("hostile:{SECTION_SHOWN}")]);
}

#[test]
fn fish_describes_a_hostile_briefs_ids_and_topics_escaped() {
    let Some(ids) = fish_offers(&["splw", "--brief", HOSTILE, "show", "e"]) else {
        return;
    };
    assert_eq!(ids, [format!("evil-2024\t{TITLE_SHOWN}")]);
    let topics = fish_offers(&["splw", "--brief", HOSTILE, "list", "--topic", "h"]).unwrap();
    assert_eq!(topics, [format!("hostile\t{SECTION_SHOWN}")]);
}

/// Every shell's candidates, as splw writes them for the script to read: no unsafe character in
/// any, whatever the shell (bash, elvish and PowerShell included).
#[test]
fn no_shell_is_given_an_unsafe_character() {
    for shell in SHELLS {
        for words in [
            &["splw", "--brief", HOSTILE, "show", ""][..],
            &["splw", "--brief", HOSTILE, "list", "--topic", ""],
        ] {
            let output = Command::new(cargo_bin("splw"))
                .env("COMPLETE", shell)
                .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
                .env("_CLAP_IFS", "\n")
                .arg("--")
                .args(words)
                .output()
                .unwrap();
            let text = String::from_utf8(output.stdout).unwrap();
            assert!(
                text.contains("evil-2024") || text.contains("hostile"),
                "{shell}: {text:?}"
            );
            assert!(
                !splw::text::has_control(&text.replace(['\n', '\t'], " "), false),
                "{shell}: an unsafe character in {text:?}"
            );
        }
    }
}
