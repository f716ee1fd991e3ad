//! BibTeX, for LaTeX with BibTeX or biber (and for reference managers that import .bib).

use crate::catalogue::{Author, Entry, Kind};

/// The entries as a .bib file, one record each, keyed by splw's ids.
pub fn export(entries: &[&Entry]) -> String {
    entries
        .iter()
        .map(|e| record(e))
        .collect::<Vec<_>>()
        .join("\n")
}

fn record(entry: &Entry) -> String {
    let entry_type = match super::csl_json::item_type(entry.kind) {
        "article-journal" => "article",
        "report" => "techreport",
        _ => "misc",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut names: Vec<String> = entry.authors.iter().map(name).collect();
    if entry.et_al {
        names.push("others".into());
    }
    if !names.is_empty() {
        fields.push(("author", names.join(" and ")));
    }
    // Double braces keep the brief's capitalisation: styles may not lowercase these titles.
    fields.push(("title", format!("{{{}}}", escape(&entry.title))));
    if let Some(journal) = &entry.journal {
        fields.push(("journal", escape(journal)));
    }
    if let Some(source) = &entry.source {
        let field = match entry_type {
            "techreport" => "institution",
            _ => "howpublished",
        };
        fields.push((field, escape(source)));
    }
    if let Some(year) = entry.year {
        fields.push(("year", year.to_string()));
    }
    // BibTeX's month macros (jan … dec), unbraced, which every style knows.
    if let Some(month) = entry.month.and_then(crate::text::month_name) {
        fields.push(("month", month[..3].to_lowercase()));
    }
    for (field, value) in [("volume", &entry.volume), ("number", &entry.issue)] {
        if let Some(value) = value {
            fields.push((field, escape(value)));
        }
    }
    if let Some(pages) = &entry.pages {
        fields.push(("pages", escape(&pages.replacen('-', "--", 1))));
    }
    if let Some(doi) = &entry.doi {
        // DOIs are verbatim fields in biber; escaping would change them.
        fields.push(("doi", doi.clone()));
    }
    if let Some(text) = &entry.abstract_text {
        fields.push(("abstract", escape(text)));
    }
    if let Some(note) = super::et_al_note(entry) {
        fields.push(("note", escape(&note)));
    }
    if entry.kind != Kind::JournalArticle {
        fields.push(("type", entry.kind.as_str().to_string()));
    }
    let body: Vec<String> = fields
        .iter()
        .map(|(field, value)| match *field {
            "month" => format!("  {field} = {value},"),
            _ => format!("  {field} = {{{value}}},"),
        })
        .collect();
    format!("@{entry_type}{{{},\n{}\n}}\n", entry.id, body.join("\n"))
}

/// "Kiely, Bridget"; names of more than one word, and organisations, are braced so that BibTeX
/// does not split them ("{Moreira da Souza}, Tatiana").
fn name(author: &Author) -> String {
    match author {
        Author::Person { family, given } => {
            let family = if family.contains(' ') {
                format!("{{{}}}", escape(family))
            } else {
                escape(family)
            };
            match given {
                Some(given) => format!("{family}, {}", escape(given)),
                None => family,
            }
        }
        Author::Organisation { literal } => format!("{{{}}}", escape(literal)),
    }
}

/// Escapes LaTeX's special characters; anything else, accents included, stays UTF-8.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}
