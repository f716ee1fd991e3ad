//! Harvard, as *Cite Them Right* (12th edition) sets it out: the UK universities' standard.

use crate::catalogue::{Entry, Kind};
use crate::cite::names::family_initials;

/// The reference-list entry, as plain text.
pub fn reference(entry: &Entry) -> String {
    let year = entry
        .year
        .map_or_else(|| "no date".to_string(), |y| y.to_string());
    let mut out = match authors(entry) {
        Some(names) => format!("{names} ({year}) "),
        None => format!("{} ({year}) ", entry.title),
    };
    let has_author = !entry.authors.is_empty() || entry.source.is_some();
    if entry.kind == Kind::JournalArticle {
        out.push_str(&format!("‘{}’", entry.title));
        if let Some(journal) = &entry.journal {
            out.push_str(&format!(", {journal}"));
        }
        match (&entry.volume, &entry.issue) {
            (Some(v), Some(i)) => out.push_str(&format!(", {v}({i})")),
            (Some(v), None) => out.push_str(&format!(", {v}")),
            (None, Some(i)) => out.push_str(&format!(", ({i})")),
            (None, None) => {}
        }
        if let Some(pages) = &entry.pages {
            let pp = if pages.contains('-') || pages.contains('–') {
                "pp."
            } else {
                "p."
            };
            out.push_str(&format!(", {pp} {}", pages.replace('-', "–")));
        }
        out.push('.');
    } else if has_author {
        out.push_str(&entry.title);
        out.push('.');
    }
    if let Some(doi) = &entry.doi {
        out.push_str(&format!(" Available at: https://doi.org/{doi}."));
    }
    out.trim_end().to_string()
}

/// "Kiely, B. et al.", "Rhodes and Bell", "Corline, A. et al.", or the publishing organisation.
fn authors(entry: &Entry) -> Option<String> {
    let names: Vec<String> = entry.authors.iter().map(family_initials).collect();
    match (names.as_slice(), entry.et_al) {
        ([], _) => entry.source.clone(),
        ([first, ..], true) | ([first, _, _, _, ..], false) => Some(format!("{first} et al.")),
        ([one], false) => Some(one.clone()),
        ([first, second], false) => Some(format!("{first} and {second}")),
        ([first, second, third], false) => Some(format!("{first}, {second} and {third}")),
    }
}
