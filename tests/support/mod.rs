//! What the citation tests share: the four styles, and pandoc's renderings of every work in them
//! (`tests/goldens/`, made by `tests/goldens/regenerate.sh`).

// Each test file that includes this module uses a part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;

/// What splw prints, exactly, where it must succeed.
pub fn splw_raw(args: &[&str]) -> String {
    let out = Command::new(cargo_bin("splw"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "splw {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What splw prints, without the final newline.
pub fn splw(args: &[&str]) -> String {
    splw_raw(args).trim_end().to_string()
}

/// splw's name of each style, and the official CSL style's file name.
pub const STYLES: [(&str, &str); 4] = [
    ("harvard", "harvard-cite-them-right"),
    ("apa", "apa"),
    ("vancouver", "vancouver"),
    ("hee", "health-education-england-harvard"),
];

/// One work as pandoc's citeproc renders it from splw's CSL-JSON.
pub struct Golden {
    /// The reference, as plain text.
    pub text: String,
    /// The reference as pandoc's HTML gives it.
    pub html: String,
    /// The citation in the text.
    pub in_text: String,
}

/// A style's goldens, by entry id.
pub fn goldens(file: &str) -> HashMap<String, Golden> {
    let path = format!("{}/tests/goldens/{file}.tsv", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{path}: {line}");
            let golden = Golden {
                text: fields[1].to_string(),
                html: fields[2].to_string(),
                in_text: fields[3].to_string(),
            };
            (fields[0].to_string(), golden)
        })
        .collect()
}

/// The fenced blocks of one `### ` section of the README, as (language, text).
pub fn readme_blocks(heading: &str) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR")));
    let readme = readme.unwrap();
    let start = readme.find(&format!("### {heading}\n")).unwrap();
    let end = start + 1 + readme[start + 1..].find("\n### ").unwrap();
    let mut blocks = Vec::new();
    let mut lines = readme[start..end].lines();
    while let Some(line) = lines.next() {
        if let Some(language) = line.strip_prefix("```").filter(|l| !l.is_empty()) {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push((language.to_string(), body.join("\n") + "\n"));
        }
    }
    blocks
}

/// PATH with the splw under test first, for scripts that run `splw`.
pub fn path_with_splw() -> String {
    format!(
        "{}:{}",
        cargo_bin("splw").parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Whether node can load each of these packages (from its NODE_PATH).
pub fn node_has(packages: &[&str]) -> bool {
    let script: String = packages
        .iter()
        .map(|package| format!("require('{package}');"))
        .collect();
    Command::new("node")
        .args(["-e", &script])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Whether `tool` is on the PATH.
pub fn installed(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs a tool in `dir`: its standard output and error together, and whether it succeeded.
pub fn run_ok(dir: &std::path::Path, program: &str, args: &[&str]) -> (String, bool) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.success())
}

/// Runs a tool in `dir`: its standard output and error together.
pub fn run(dir: &std::path::Path, program: &str, args: &[&str]) -> String {
    run_ok(dir, program, args).0
}

/// The lines of a LaTeX log or a tool's output that report a problem.
pub fn problems(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            line.starts_with('!')
                || line.contains("Warning")
                || line.contains("WARN")
                || line.contains("ERROR")
        })
        .collect()
}

/// Says that a test skipped what it could not run, and why. Written to stderr itself, not with
/// `eprintln!`, which the test harness captures (and shows only for a failing test): a skip must
/// show in every run's output.
pub fn skip(reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skip: {reason}");
}
