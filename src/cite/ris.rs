//! RIS, the tagged format EndNote, Zotero and Mendeley import.

use super::WorkType;
use crate::catalogue::Entry;

/// The entries as RIS records, each from `TY` to `ER`.
pub fn export(entries: &[&Entry]) -> String {
    entries.iter().map(|e| record(e)).collect()
}

fn record(entry: &Entry) -> String {
    let mut lines: Vec<(&str, String)> = Vec::new();
    let ris_type = match WorkType::of(entry.kind) {
        WorkType::Article => "JOUR",
        WorkType::Report => "RPRT",
        WorkType::WebPage => "ELEC",
    };
    lines.push(("TY", ris_type.into()));
    lines.push(("ID", entry.id.clone()));
    for author in &entry.authors {
        lines.push(("AU", author.inverted()));
    }
    lines.push(("TI", entry.title.clone()));
    if let Some(journal) = &entry.journal {
        lines.push(("T2", journal.clone()));
    }
    if let Some(year) = entry.year {
        lines.push(("PY", year.to_string()));
        let month = entry.month.map(|m| format!("{m:02}")).unwrap_or_default();
        lines.push(("DA", format!("{year}/{month}//")));
    }
    for (tag, value) in [("VL", &entry.volume), ("IS", &entry.issue)] {
        if let Some(value) = value {
            lines.push((tag, value.clone()));
        }
    }
    if let Some(pages) = &entry.pages {
        match pages.split_once('-') {
            Some((start, end)) => {
                lines.push(("SP", start.into()));
                lines.push(("EP", end.into()));
            }
            None => lines.push(("SP", pages.clone())),
        }
    }
    if let Some(source) = &entry.source {
        lines.push(("PB", source.clone()));
    }
    if let Some(doi) = &entry.doi {
        lines.push(("DO", doi.clone()));
    }
    if let Some(url) = &entry.url {
        lines.push(("UR", url.clone()));
    }
    if let Some(text) = &entry.abstract_text {
        lines.push(("AB", text.clone()));
    }
    if let Some(note) = super::et_al_note(entry) {
        lines.push(("N1", note));
    }
    for topic in &entry.topics {
        lines.push(("KW", topic.clone()));
    }
    // One line per tag, whatever a value holds: a line break in a title must not start a tag.
    let mut out: String = lines
        .iter()
        .map(|(tag, value)| format!("{tag}  - {}\n", one_line(value)))
        .collect();
    out.push_str("ER  - \n\n");
    out
}

/// RIS fields are one line each: paragraphs and any other line breaks are joined with a space,
/// and characters no reader should see are dropped.
fn one_line(text: &str) -> String {
    // Newlines kept at first, for the quick scan that finds a paragraph clean; then every run of
    // white space, them included, becomes one space.
    crate::text::one_line(&crate::text::without_unsafe(text, true))
}

/// The tags this writer uses: a strict reader accepts these and no others.
pub const TAGS: &[&str] = &[
    "TY", "ID", "AU", "TI", "T2", "PY", "DA", "VL", "IS", "SP", "EP", "PB", "DO", "UR", "AB", "N1",
    "KW", "ER",
];
