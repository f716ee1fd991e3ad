//! Large briefs made by repeating the real one (benches/support/synthetic.rs): the entries come
//! out in the brief's order, problems in several files are each reported exactly and in file
//! order, 10,000 one-entry section files load, and a long BibTeX file is its records in order.
//! How long they take is measured in benches/, not here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use splw::catalogue::{self, Entry, SourceFile};
use splw::cite::bibtex;
use tempfile::TempDir;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use synthetic::Layout;

fn splw(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(cargo_bin("splw"))
        .args(args)
        .env_remove("SPLW_BRIEF")
        .env_remove("SPLW_LAYOUT")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The ids of the brief's entries in its order: each where it is first placed.
fn ids_in_order(files: &[(String, String)]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (_, text) in files {
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line == "[[entry]]" {
                let id = lines.next().unwrap().strip_prefix("id = \"").unwrap();
                let id = id.trim_end_matches('"').to_string();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
    }
    ids
}

#[test]
fn a_large_brief_lists_its_entries_in_the_briefs_order() {
    let dir = TempDir::new().unwrap();
    let files = synthetic::files(1_000, Layout::Sections);
    for (name, text) in &files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let brief = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = splw(&["list", "--brief", brief, "--layout", "plain"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let listed: Vec<&str> = stdout
        .lines()
        .map(|line| line.split('\t').next().unwrap())
        .collect();
    let expected = ids_in_order(&files);
    assert_eq!(listed, expected);
}

#[test]
fn problems_in_several_files_of_a_large_brief_are_each_reported_in_file_order() {
    let dir = TempDir::new().unwrap();
    let mut files = synthetic::files(1_000, Layout::Sections);
    let mut lines_before = std::collections::HashMap::new();
    let mut duplicate = String::new();
    for (name, text) in &mut files {
        // The first line of what is added below.
        lines_before.insert(name.clone(), text.lines().count() + 1);
        match name.as_str() {
            // The checks find the empty title.
            "03-the-star.toml" => text.push_str(
                "[[entry]]\nid = \"starling-nd\"\nkind = \"toolkit\"\ntitle = \"\"\n\
                 topics = [\"the-star\"]\n",
            ),
            // A literal string, and a field no entry has.
            "07-children-and-young-people.toml" => text.push_str(
                "[[entry]]\nid = 'young-2020'\nkind = \"toolkit\"\ntitle = \"Young\"\n\
                 topics = [\"children-and-young-people\"]\ncolour = \"red\"\n",
            ),
            // The same id twice in one file.
            "12-long-term-conditions.toml" => {
                let first = text.split("[[entry]]\n").nth(1).unwrap();
                let id_line = first.lines().next().unwrap().to_string();
                duplicate = id_line
                    .trim_start_matches("id = \"")
                    .trim_end_matches('"')
                    .to_string();
                text.push_str(&format!(
                    "[[entry]]\n{id_line}\nkind = \"toolkit\"\ntitle = \"Again\"\n\
                     topics = [\"long-term-conditions\"]\n"
                ));
            }
            _ => {}
        }
        fs::write(dir.path().join(&*name), &*text).unwrap();
    }
    let brief = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = splw(&["check", "--brief", brief]);
    let at = |name: &str, offset: usize| {
        format!(
            "{}:{}",
            dir.path().join(name).display(),
            lines_before[name] + offset
        )
    };
    let twelve = "12-long-term-conditions.toml";
    let first_line_in_twelve = files
        .iter()
        .find(|(name, _)| name == twelve)
        .map(|(_, text)| text.lines().position(|l| l == "[[entry]]").unwrap() + 2)
        .unwrap();
    let expected = format!(
        "{}:9: `starling-nd` has an empty title\n\
         {}:1: unknown field `colour`; the fields are id, aliases, kind, title, authors, et_al, year, month, source, journal, volume, issue, pages, doi, url, seen_at, access, topics, abstract, notes, enriched, design, evidence, country, country_evidence\n\
         {}:6: duplicate id `{duplicate}`: it is already used at line {first_line_in_twelve} of this file\n",
        at("03-the-star.toml", 3),
        at("07-children-and-young-people.toml", 5),
        at(twelve, 1),
    );
    assert_eq!(
        (code, stdout, stderr.as_str()),
        (3, expected, "error: the brief has 3 problems\n")
    );
}

#[test]
fn ten_thousand_one_entry_section_files_load() {
    let dir = TempDir::new().unwrap();
    synthetic::write(10_000, Layout::OneEntryPerFile, dir.path()).unwrap();
    let brief = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = splw(&["check", "--brief", brief]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "ok: 10000 entries, 10000 placements, 10000 sections, 9648 abstracts, 3855 DOIs (10001 files)\n",
            ""
        )
    );
}

#[test]
fn a_long_bibtex_file_is_its_records_in_order() {
    let files: Vec<SourceFile> = synthetic::files(2_500, Layout::Sections)
        .into_iter()
        .map(|(name, text)| SourceFile::new(name, text))
        .collect();
    let report = catalogue::build(&files);
    assert!(report.problems.is_empty());
    let entries: Vec<&Entry> = report.catalogue.entries.iter().collect();
    for dialect in [bibtex::Dialect::Bibtex, bibtex::Dialect::Biblatex] {
        let one_by_one: Vec<String> = entries
            .iter()
            .map(|e| bibtex::export(&[e], dialect))
            .collect();
        assert_eq!(bibtex::export(&entries, dialect), one_by_one.join("\n"));
    }
}
