//! What the page's script works from, embedded as JSON in two blocks. The first, read as the
//! page loads: each work's facets for the filters, its in-text citations (its references are on
//! the page, rendered), the orders of the sort menu and the search index. The second, read only
//! when a reader downloads: each work's records. The script formats nothing itself.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::tools::ORDERS;
use super::{Listing, STYLES};
use crate::catalogue::{Catalogue, Entry};
use crate::cite::{self, Markup, Register, bibtex, csl_json, ris};
use crate::json::write_in_html;
use crate::search::page_index;
use crate::sort::sort;
use crate::text::escape_line;

/// A work as the first block holds it: see `write_data`.
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
    /// For each style, the citation in the text, as plain text; none for a signpost, which is
    /// not a work to cite.
    in_text: Option<Vec<String>>,
}

impl<'a> Work<'a> {
    fn new(listing: &Listing<'a>, registers: &[Register], entry: &'a Entry) -> Work<'a> {
        Work {
            id: &entry.id,
            year: entry.year,
            kind: entry.kind.as_str(),
            design: entry.design.iter().map(|d| d.as_str()).collect(),
            country: &entry.country,
            access: entry.access.map(|a| a.as_str()),
            topics: &entry.topics,
            listed: listing
                .sections(&entry.id)
                .iter()
                .map(|topic| topic.id.as_str())
                .collect(),
            in_text: citable(entry).then(|| {
                let cited = cite::as_cited(entry);
                registers
                    .iter()
                    .map(|register| {
                        let citation = register.in_text(&[&cited]);
                        escape_line(&citation.render(Markup::Text)).into_owned()
                    })
                    .collect()
            }),
        }
    }
}

/// For each order of the sort menu but the brief's, the works' places in that order.
fn orders(entries: &[&Entry]) -> BTreeMap<&'static str, Vec<usize>> {
    let places: HashMap<&str, usize> = (0..entries.len())
        .map(|place| (entries[place].id.as_str(), place))
        .collect();
    ORDERS
        .iter()
        .filter_map(|order| {
            let (by, reverse) = order.sort?;
            let mut sorted = entries.to_vec();
            sort(&mut sorted, by, reverse);
            Some((
                order.id,
                sorted.iter().map(|e| places[e.id.as_str()]).collect(),
            ))
        })
        .collect()
}

/// The first block, `{"styles": […], "works": […], "orders": {…}, "search": {…}}`
/// (`json::write_in_html`), a work at a time: the style ids, in the order of each work's
/// `in_text`; each work's facets; the orders of the sort menu; the works as `find` searches them,
/// for the page to rank as it does.
pub fn write_data<'a>(
    catalogue: &'a Catalogue,
    listing: &Listing<'a>,
    registers: &[Register],
    entries: &[&'a Entry],
    out: &mut dyn Write,
) -> io::Result<()> {
    let styles: Vec<&str> = STYLES.iter().map(|(_, id)| *id).collect();
    out.write_all(b"{\"styles\":")?;
    write_in_html(out, &styles)?;
    out.write_all(b",\"works\":[")?;
    for (n, entry) in entries.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        write_in_html(out, &Work::new(listing, registers, entry))?;
    }
    out.write_all(b"],\"orders\":")?;
    write_in_html(out, &orders(entries))?;
    out.write_all(b",\"search\":")?;
    write_in_html(out, &page_index(catalogue, entries))?;
    out.write_all(b"}")
}

/// A work's records, as `cite --format` writes each alone; none for a signpost.
#[derive(Serialize)]
pub struct Records {
    bibtex: String,
    ris: String,
    csl: csl_json::Item,
}

/// The records of each work, in the page's order, as a JSON array for the page, a work at a time.
pub fn write_records(entries: &[&Entry], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (n, entry) in entries.iter().enumerate() {
        let records = citable(entry).then(|| {
            let cited = cite::as_cited(entry);
            Records {
                bibtex: bibtex::export(&[&cited], bibtex::Dialect::Bibtex),
                ris: ris::export(&[&cited]),
                csl: csl_json::item(&cited),
            }
        });
        if n > 0 {
            out.write_all(b",")?;
        }
        write_in_html(out, &records)?;
    }
    out.write_all(b"]")
}

/// Whether a work is cited: a signpost points to further resources, and is not a work.
fn citable(entry: &Entry) -> bool {
    entry.is_citable()
}
