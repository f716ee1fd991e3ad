//! One work on the page, as `show` gives it: what the brief says, then what splw adds (said to
//! be splw's), then its citation in each style, rendered by splw.

use maud::{Markup, PreEscaped, html};

use super::{DEFAULT_STYLE, Listing, STYLES, coins, label, mail, paragraphs};
use crate::catalogue::{Access, Author, Catalogue, Enriched, Entry, Kind, Topic, tagged};
use crate::cite::{self, Markup as CiteMarkup, Register};
use crate::text::escape_line;

/// The work in full: `place` is its place among the page's works, which the script's data keeps;
/// `registers` hold the places of the brief's works in each of `STYLES`.
pub fn article(
    catalogue: &Catalogue,
    listing: &Listing,
    registers: &[Register],
    entry: &Entry,
    place: usize,
) -> Markup {
    let title_id = format!("t_{}", entry.id);
    let enriched = |field: Enriched| entry.is_enriched(field);
    html! {
        article.work #(entry.id) data-place=(place) aria-labelledby=(title_id) {
            h4 #(title_id) { (escape_line(&entry.title)) }
            @if !entry.authors.is_empty() {
                p.authors {
                    (escape_line(&entry.authors.iter().map(Author::inverted).collect::<Vec<_>>().join("; ")))
                    @if entry.et_al { " et al." }
                    @if enriched(Enriched::Authors) {
                        " " span.note { "(the full list is from a checked record of the article, not the brief)" }
                    }
                }
            }
            p.meta {
                @let parts = meta(entry);
                @for (n, part) in parts.iter().enumerate() {
                    @if n > 0 { " · " }
                    (part)
                }
            }
            (links(entry))
            (access(catalogue, entry))
            @if let Some(text) = &entry.abstract_text {
                details.abstract {
                    summary { "Abstract" span.visually-hidden { ": " (escape_line(&entry.title)) } }
                    (paragraphs(text))
                }
            }
            @if let Some(notes) = &entry.notes {
                details.notes {
                    summary { "Notes" }
                    (paragraphs(notes))
                }
            }
            (topics(catalogue, listing, entry))
            (coding(entry))
            @if entry.is_citable() {
                (citations(registers, entry, &title_id))
                (coins::span(entry))
            }
        }
    }
}

/// A work shown in full in an earlier section, pointed to from a later one.
pub fn pointer(entry: &Entry, place: usize) -> Markup {
    html! {
        p.pointer data-place=(place) {
            "Also listed here: "
            a href=(format!("#{}", entry.id)) { (escape_line(&entry.title)) }
        }
    }
}

/// Date, journal or source, and kind, as far as the brief gives them.
fn meta(entry: &Entry) -> Vec<Markup> {
    let mut parts = Vec::new();
    if let Some(date) = entry.date() {
        parts.push(html! { (date) });
    }
    if let Some(journal) = entry.journal_details() {
        let checked = entry.enriched_journal_parts();
        parts.push(html! {
            (escape_line(&journal))
            @if !checked.is_empty() {
                " " span.note { "(" (checked.join(" and ")) " from a checked record, not the brief)" }
            }
        });
    }
    if let Some(source) = &entry.source {
        parts.push(html! { (escape_line(source)) });
    }
    parts.push(html! { span.kind { (label(entry.kind.as_str())) } });
    parts
}

/// The DOI and the address, as links, each saying where it comes from when not from the brief.
fn links(entry: &Entry) -> Markup {
    let url_note = entry.url_note();
    html! {
        @if let Some(doi) = entry.doi_link() {
            p.link {
                "DOI: " a href=(doi) { (escape_line(&doi)) }
                @if entry.is_enriched(Enriched::Doi) {
                    " " span.note { "(from a checked record of the article, not the brief)" }
                }
            }
        }
        @if let Some(url) = &entry.url {
            p.link {
                "Link: " a href=(url) { (escape_line(url)) }
                @if let Some(note) = url_note { " " span.note { (escape_line(&note)) } }
            }
        }
    }
}

/// What the brief says about reading the work, and its contact for help.
fn access(catalogue: &Catalogue, entry: &Entry) -> Markup {
    let contact = catalogue
        .brief
        .contact
        .as_ref()
        .filter(|_| entry.access.is_some() || entry.kind == Kind::JournalArticle);
    html! {
        @if entry.access == Some(Access::AbstractOnly) {
            p.access { strong { "Abstract only:" } " the brief marks this work \"Abstract only\"." }
        }
        @if let Some(contact) = contact {
            p.help { "If you need help accessing it, contact " (mail(contact)) }
        }
    }
}

/// The sections the brief lists the work under, and apart from them, splw's tags with the rule
/// that added each.
fn topics(catalogue: &Catalogue, listing: &Listing, entry: &Entry) -> Markup {
    let sections = listing.sections(&entry.id);
    let tags: Vec<&Topic> = entry
        .topics
        .iter()
        .filter_map(|id| catalogue.topic(id))
        .filter(|topic| !sections.iter().any(|s| s.id == topic.id))
        .collect();
    let sections: Vec<String> = sections
        .iter()
        .map(|t| escape_line(&t.with_page()).into_owned())
        .collect();
    let tags: Vec<String> = tags
        .iter()
        .map(|t| escape_line(&tagged(entry, t)).into_owned())
        .collect();
    html! {
        @if !sections.is_empty() {
            p.listed { "Listed under: " (sections.join("; ")) }
        }
        @if !tags.is_empty() {
            p.tags.splw { "Also about: " (tags.join(", ")) "; tags from splw's rules, not the brief" }
        }
    }
}

/// splw's coding of design and country, with the brief's words that state each.
fn coding(entry: &Entry) -> Markup {
    let designs: Vec<(String, Option<&String>)> = entry
        .design
        .iter()
        .map(|d| (label(d.as_str()), entry.evidence.get(d)))
        .collect();
    let countries: Vec<(String, Option<&String>)> = entry
        .country
        .iter()
        .map(|c| (escape_line(c).into_owned(), entry.country_evidence.get(c)))
        .collect();
    if designs.is_empty() && countries.is_empty() {
        return html! {};
    }
    html! {
        div.coding.splw {
            p.coding-h { "splw's coding, from the title and abstract (not the brief's)" }
            dl {
                @for (label, values) in [("Study design", &designs), ("Country", &countries)] {
                    @if !values.is_empty() {
                        dt { (label) }
                        @for (value, evidence) in values {
                            dd {
                                (value)
                                @if let Some(evidence) = evidence {
                                    " — " q { (escape_line(evidence)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The citation in each style, as `cite` renders it for the work alone: the default style is
/// shown, the rest are hidden until a reader picks one. The copy buttons need the script.
fn citations(registers: &[Register], entry: &Entry, title_id: &str) -> Markup {
    let cited = cite::as_cited(entry);
    html! {
        div.cite {
            p.cite-h { "Cite (" span.style-name { (DEFAULT_STYLE.label()) } ")" }
            @for ((style, id), register) in STYLES.iter().zip(registers) {
                @let reference = register.style().reference(&cited, register.place(&cited)).render(CiteMarkup::Html);
                // Rendered by cite's HTML markup, which escapes the brief's text.
                p.reference data-style=(id) hidden[*style != DEFAULT_STYLE] {
                    (PreEscaped(escape_line(&reference)))
                }
            }
            p.copy hidden {
                button type="button" data-copy="reference" aria-describedby=(title_id) { "Copy reference" }
                " "
                button type="button" data-copy="in-text" aria-describedby=(title_id) { "Copy in-text citation" }
            }
        }
    }
}
