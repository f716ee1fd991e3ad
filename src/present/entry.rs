//! One entry in full, as `show` prints it and browse previews it: every field, labelled, its
//! topics (the brief's sections apart from splw's tags), its link and its citation.

use crate::catalogue::{Access, Author, Catalogue, Enriched, Entry, Kind, Topic, tagged};
use crate::cite::{Markup, Register};
use crate::error::Failure;
use crate::output::{self, Output};
use crate::text::{escape_block, escape_line};

/// Where a field's value starts: after two spaces and a nine-column label.
const FIELD_INDENT: &str = "            ";

/// The sections the brief lists the entry under, and apart from them, the topics that splw's
/// rules tag it with.
fn write_topics(
    catalogue: &Catalogue,
    entry: &Entry,
    wrap: &dyn Fn(&str, &str) -> String,
    out: &mut dyn Page,
) -> Result<(), Failure> {
    let (sections, tags): (Vec<&Topic>, Vec<&Topic>) = entry
        .topics
        .iter()
        .filter_map(|id| catalogue.topic(id))
        .partition(|topic| topic.lists(&entry.id));
    if sections.is_empty() && tags.is_empty() {
        return Ok(());
    }
    out.put("", false)?;
    out.put("Topics", true)?;
    let sections: Vec<String> = sections.iter().map(|t| t.with_page()).collect();
    if !sections.is_empty() {
        let line = format!("Listed under: {}", sections.join("; "));
        out.plain(wrap(&escape_line(&line), "  "))?;
    }
    if !tags.is_empty() {
        // Each with the rule that added it: the word of the topic that the entry has.
        let tags: Vec<String> = tags.iter().map(|t| tagged(entry, t)).collect();
        let line = format!(
            "Also about: {}; tags from splw's rules, not the brief",
            tags.join(", ")
        );
        out.plain(wrap(&escape_line(&line), "  "))?;
    }
    Ok(())
}

/// Where `show` writes an entry, a line (or a wrapped paragraph) at a time: stdout, or the
/// preview pane of `browse`, which draws the same page.
pub trait Page {
    /// The width to wrap to.
    fn wrap_width(&self) -> usize;
    /// Writes `text` (one or more lines); `strong` for titles and headings.
    fn put(&mut self, text: &str, strong: bool) -> Result<(), Failure>;

    fn plain(&mut self, text: String) -> Result<(), Failure> {
        self.put(&text, false)
    }

    /// A checked address as the page shows a link: as it is, unless the page can do better.
    fn link(&self, address: &str) -> String {
        address.to_string()
    }
}

impl Page for Output {
    /// Wrapped for reading, on a terminal and in a pipe alike, so that `less` and `more` read it
    /// well: to the terminal (at most 100 columns), or to `COLUMNS`, or 80.
    fn wrap_width(&self) -> usize {
        if self.pretty {
            self.width.min(100)
        } else {
            self.width
        }
    }

    fn put(&mut self, text: &str, strong: bool) -> Result<(), Failure> {
        if strong {
            self.line(output::strong(text))
        } else {
            self.line(text)
        }
    }

    fn link(&self, address: &str) -> String {
        output::link(address, self.hyperlinks)
    }
}

/// One entry in full, as `show` prints it and `browse` previews it.
pub fn write_entry(
    catalogue: &Catalogue,
    entry: &Entry,
    register: &Register,
    out: &mut dyn Page,
) -> Result<(), Failure> {
    let width = out.wrap_width();
    // Paragraphs wrapped to the width, the first line of each after `first`, the rest after `rest`.
    let hang = |text: &str, first: &str, rest: &str| output::wrap(text, width, first, rest);
    let wrap = |text: &str, indent: &str| hang(text, indent, indent);

    out.put(&wrap(&escape_line(&entry.title), ""), true)?;
    out.put("", false)?;
    let field = |label: &str, value: &str| hang(&format!("{label:<9} {value}"), "  ", FIELD_INDENT);
    let enriched = |f: Enriched| entry.is_enriched(f);
    if !entry.authors.is_empty() {
        let names: Vec<String> = entry.authors.iter().map(Author::inverted).collect();
        // "Spencer et al.": the brief names one author and says there are more.
        let et_al = if entry.et_al { " et al." } else { "" };
        out.plain(field(
            "Authors",
            &escape_line(&format!("{}{et_al}", names.join("; "))),
        ))?;
        if enriched(Enriched::Authors) {
            out.plain(hang(
                "(the full list is from a checked record of the article, not the brief)",
                FIELD_INDENT,
                FIELD_INDENT,
            ))?;
        }
    }
    if let Some(date) = entry.date() {
        out.plain(field("Date", &date))?;
    }
    if let Some(journal) = entry.journal_details() {
        out.plain(field("Journal", &escape_line(&journal)))?;
        let checked = entry.enriched_journal_parts();
        if !checked.is_empty() {
            out.plain(hang(
                &format!(
                    "(the {} from a checked record of the article, not the brief)",
                    checked.join(" and ")
                ),
                FIELD_INDENT,
                FIELD_INDENT,
            ))?;
        }
    }
    if let Some(source) = &entry.source {
        out.plain(field("Source", &escape_line(source)))?;
    }
    out.plain(field("Kind", entry.kind.as_str()))?;
    if let Some(doi) = entry.doi_link() {
        let note = if enriched(Enriched::Doi) {
            " (from a checked record of the article, not the brief)"
        } else {
            ""
        };
        // As a link a reader can follow: https://doi.org/… opens the work.
        out.plain(field(
            "DOI",
            &format!("{}{note}", out.link(&escape_line(&doi))),
        ))?;
    }
    if let Some(url) = &entry.url {
        let note = entry
            .url_note()
            .map(|note| format!(" {}", escape_line(&note)))
            .unwrap_or_default();
        out.plain(field(
            "URL",
            &format!("{}{note}", out.link(&escape_line(url))),
        ))?;
    }
    let aliases = if entry.aliases.is_empty() {
        String::new()
    } else {
        format!(" (also: {})", entry.aliases.join(", "))
    };
    out.plain(field("Id", &format!("{}{aliases}", entry.id)))?;
    write_topics(catalogue, entry, &wrap, out)?;

    // splw's coding, not the brief's: said so, with the brief's own words as evidence.
    let coded = |value: &str, evidence: Option<&String>| match evidence {
        Some(phrase) => format!("{value} — “{phrase}”"),
        None => value.to_string(),
    };
    let designs: Vec<String> = entry
        .design
        .iter()
        .map(|d| coded(d.as_str(), entry.evidence.get(d)))
        .collect();
    let countries: Vec<String> = entry
        .country
        .iter()
        .map(|c| coded(c, entry.country_evidence.get(c)))
        .collect();
    for (label, values) in [("Study design", designs), ("Country", countries)] {
        if !values.is_empty() {
            out.put("", false)?;
            let heading = format!("{label} (coded from the title and abstract)");
            out.put(&wrap(&heading, ""), true)?;
            for value in values {
                out.plain(hang(&escape_line(&value), "  ", "    "))?;
            }
        }
    }

    let mut access = Vec::new();
    if entry.access == Some(Access::AbstractOnly) {
        access.push(
            "The brief marks this \"Abstract only\": only the abstract is available.".to_string(),
        );
    }
    // The brief's own contact, where it gives one: another brief has another, or none.
    if let (Some(contact), true) = (
        &catalogue.brief.contact,
        entry.access.is_some() || entry.kind == Kind::JournalArticle,
    ) {
        access.push(format!(
            "If you need help accessing it, contact {}",
            escape_line(contact)
        ));
    }
    if !access.is_empty() {
        out.put("", false)?;
        out.put("Access", true)?;
        for line in access {
            out.plain(wrap(&line, "  "))?;
        }
    }
    for (heading, text) in [("Abstract", &entry.abstract_text), ("Notes", &entry.notes)] {
        if let Some(text) = text {
            out.put("", false)?;
            out.put(heading, true)?;
            out.plain(wrap(&escape_block(text), "  "))?;
        }
    }
    // A signpost points to further resources; it is not a work, and has no citation.
    if !entry.is_citable() {
        return Ok(());
    }
    out.put("", false)?;
    out.put(&format!("Cite ({})", register.name().label()), true)?;
    // With the letter the brief's list gives it ("NHS England (2023a)"), as `cite` gives it.
    let cited = crate::cite::as_cited(entry);
    let citation = register
        .style()
        .reference(&cited, register.place(&cited))
        .render(Markup::Text);
    out.plain(wrap(&escape_line(&citation), "  "))?;
    Ok(())
}
