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
    files.push(SourceFile {
        name: "01-fuzzed.toml".into(),
        text: text.to_string(),
    });
    let report = catalogue::build(&files);
    for problem in &report.problems {
        let _ = problem.to_string();
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
    let _ = cite::bibtex::export(&entries);
    let _ = cite::ris::export(&entries);
    let _ = cite::csl_json::export(&entries);
});
