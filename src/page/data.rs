//! What the page's script works from, embedded as JSON: each work's facets for the filters, its
//! citations in plain text (the rich ones are on the page), its records for the downloads, and
//! the search index. The script formats nothing itself.

use serde::Serialize;

use super::STYLES;
use crate::catalogue::{Catalogue, Entry, Kind};
use crate::cite::{self, Markup, Place, bibtex, csl_json, ris};
use crate::search::{Vocabulary, vocabulary};
use crate::text::escape_line;

#[derive(Serialize)]
pub struct Data<'a> {
    /// The style ids, in the order of each work's `cite` lists.
    styles: Vec<&'static str>,
    works: Vec<Work<'a>>,
    index: Vocabulary,
}

#[derive(Serialize)]
struct Work<'a> {
    id: &'a str,
    year: Option<i32>,
    kind: &'static str,
    design: Vec<&'static str>,
    country: &'a [String],
    access: Option<&'static str>,
    /// Every topic the work carries, and of them, those whose sections the brief lists it in.
    topics: &'a [String],
    listed: Vec<&'a str>,
    /// None for a signpost, which is not a work to cite.
    cite: Option<Cited>,
}

#[derive(Serialize)]
struct Cited {
    /// For each style, the reference and the citation in the text, as plain text.
    text: Vec<[String; 2]>,
    bibtex: String,
    ris: String,
    csl: csl_json::Item,
}

impl<'a> Data<'a> {
    pub fn new(catalogue: &'a Catalogue, entries: &[&'a Entry]) -> Data<'a> {
        let works = entries
            .iter()
            .map(|entry| Work {
                id: &entry.id,
                year: entry.year,
                kind: entry.kind.as_str(),
                design: entry.design.iter().map(|d| d.as_str()).collect(),
                country: &entry.country,
                access: entry.access.map(|a| a.as_str()),
                topics: &entry.topics,
                listed: entry
                    .topics
                    .iter()
                    .filter(|id| catalogue.topic(id).is_some_and(|t| t.lists(&entry.id)))
                    .map(String::as_str)
                    .collect(),
                cite: (entry.kind != Kind::Signpost).then(|| cited(entry)),
            })
            .collect();
        Data {
            styles: STYLES.iter().map(|(_, id)| *id).collect(),
            works,
            index: vocabulary(catalogue, entries),
        }
    }
}

/// The work as `cite` gives it alone, in each style and each export.
fn cited(entry: &Entry) -> Cited {
    let cited = cite::as_cited(entry);
    let text = STYLES
        .iter()
        .map(|(style, _)| {
            let style = style.style();
            [
                escape_line(&style.reference(&cited, Place::ALONE).render(Markup::Text)).into(),
                escape_line(&style.in_text(&cited, Place::ALONE).render(Markup::Text)).into(),
            ]
        })
        .collect();
    Cited {
        text,
        bibtex: bibtex::export(&[&cited], bibtex::Dialect::Bibtex),
        ris: ris::export(&[&cited]),
        csl: csl_json::item(&cited),
    }
}
