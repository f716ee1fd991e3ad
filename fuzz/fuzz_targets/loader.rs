//! Bytes → a section file → the checked catalogue → every style and export.
//!
//! The fuzzed file stands beside the built-in front matter, so that a file that loads goes on
//! to be rendered; a file that does not load must give problems, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use splw::catalogue::{self, SourceFile};
use splw::cite::{self, Markup, StyleName};

fuzz_target!(|data: &[u8]| {
    // The loader refuses text that is not UTF-8 before parsing it (tested in tests/hostile.rs).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files: Vec<SourceFile> = splw::embedded::files()
        .into_iter()
        .filter(|file| file.name.ends_with("00-front-matter.toml"))
        .collect();
    files.push(SourceFile::new("01-fuzzed.toml", text.to_string()));
    let report = catalogue::build(&files);
    for problem in &report.problems {
        let _ = problem.to_string();
    }
    // A brief with a blocking problem is refused, as splw refuses it: only a brief that loads is
    // rendered. (Control characters do not block: they are rendered, escaped.)
    if report.blocking().next().is_some() {
        return;
    }
    let entries: Vec<_> = report.catalogue.entries.iter().collect();
    for name in [StyleName::Harvard, StyleName::Apa, StyleName::Vancouver, StyleName::Hee] {
        let style = name.style();
        for (entry, place) in cite::placed(style, &entries) {
            for markup in [Markup::Text, Markup::Markdown, Markup::Html] {
                let _ = style.reference(entry, place).render(markup);
                let _ = style.in_text(entry, place).render(markup);
            }
        }
    }
    // No field can change an export's structure: every BibTeX record's braces balance (each
    // escape is balanced), and every RIS line is one of the writer's tags.
    for (entry, dialect) in entries.iter().flat_map(|e| {
        [cite::bibtex::Dialect::Bibtex, cite::bibtex::Dialect::Biblatex].map(|d| (e, d))
    }) {
        let record = cite::bibtex::export(&[entry], dialect);
        let depth = record.chars().fold(0i64, |depth, c| match c {
            '{' => depth + 1,
            '}' => depth - 1,
            _ => depth,
        });
        assert_eq!(depth, 0, "{record}");
    }
    for line in cite::ris::export(&entries).lines().filter(|l| !l.is_empty()) {
        assert!(cite::ris::TAGS.iter().any(|tag| line.starts_with(&format!("{tag}  - "))), "{line:?}");
    }
    let _ = cite::csl_json::export(&entries);
    for entry in &entries {
        let shown = splw::text::escape_line(&entry.title);
        assert!(!splw::text::has_control(&shown, false), "{shown:?}");
    }
});
