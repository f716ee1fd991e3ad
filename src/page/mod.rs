//! `splw page`: the brief, or a selection of it, as one self-contained HTML file. Every work is
//! on the page without JavaScript; a small inline script (page.js) adds search, filters,
//! copy buttons and downloads from data splw embeds. Built with maud, which escapes every value
//! it is given, so no text of the brief can become markup.

mod data;
mod work;

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use crate::catalogue::{Catalogue, Design, Entry, Topic};
use crate::cite::StyleName;
use crate::facet::Facet;
use crate::text::{escape_block, escape_line};

/// The style and script, real files so that they can be read and linted on their own.
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The style a work's citation is shown in before a reader picks another.
pub const DEFAULT_STYLE: StyleName = StyleName::Harvard;

/// The styles the page offers, in the order of its menu: ids as `--style` takes them.
pub const STYLES: [(StyleName, &str); 4] = [
    (StyleName::Harvard, "harvard"),
    (StyleName::Apa, "apa"),
    (StyleName::Vancouver, "vancouver"),
    (StyleName::Hee, "hee"),
];

/// The sections the brief lists each work in, looked up once: `Topic::lists` reads through a
/// section's list, which done for every work of a large brief takes time quadratic in its size.
pub struct Listing<'a> {
    sections: HashMap<&'a str, Vec<&'a Topic>>,
}

impl<'a> Listing<'a> {
    fn new(catalogue: &'a Catalogue) -> Listing<'a> {
        let mut sections: HashMap<&str, Vec<&Topic>> = HashMap::new();
        for topic in &catalogue.topics {
            for id in &topic.listed {
                sections.entry(id.as_str()).or_default().push(topic);
            }
        }
        Listing { sections }
    }

    /// The sections that list the work with this id, in the brief's order.
    pub fn sections(&self, id: &str) -> &[&'a Topic] {
        self.sections.get(id).map_or(&[], Vec::as_slice)
    }
}

/// More works than this, and those off screen are laid out only as they come near (page.css).
const LONG: usize = 500;

/// The value of a filter that selects the works with no value: no design, no country.
const NONE: &str = "none";

/// What the page holds: the works chosen, and if they are a selection, the command that chose
/// them ("--topic loneliness").
pub struct Selection<'a> {
    pub entries: Vec<&'a Entry>,
    pub chosen_by: Option<String>,
}

/// The whole page.
pub fn render(catalogue: &Catalogue, selection: &Selection) -> String {
    let brief = &catalogue.brief;
    let listing = Listing::new(catalogue);
    let title = match &selection.chosen_by {
        Some(_) => format!("Reading list from the {}", escape_line(&brief.title)),
        None => escape_line(&brief.title).into_owned(),
    };
    let page = html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(policy());
                meta name="generator" content=(concat!("splw ", env!("CARGO_PKG_VERSION")));
                meta name="color-scheme" content="light dark";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                a.skip.js-only href="#q" hidden { "Skip to the search" }
                a.skip href="#works" { "Skip to the works" }
                (masthead(catalogue, selection, &title))
                main #main {
                    (front_matter(catalogue))
                    (evidence_map(catalogue, &selection.entries))
                    (tools(catalogue, &selection.entries))
                    (works(catalogue, &listing, &selection.entries))
                }
                footer.site {
                    div.wrap {
                        p {
                            "Made with splw " (env!("CARGO_PKG_VERSION"))
                            " from the text of the brief. Titles, authors, dates, sources and \
                             abstracts are the brief's. Topic tags and the coding of study \
                             designs and countries are splw's, each shown with the brief's own \
                             words as evidence; DOIs, addresses and full author lists marked as \
                             from a checked record are not the brief's."
                        }
                    }
                }
                script #splw-data type="application/json" {
                    (PreEscaped(crate::json::in_html(&data::Data::new(catalogue, &listing, &selection.entries))))
                }
                script #splw-records type="application/json" {
                    (PreEscaped(crate::json::in_html(&data::records(&selection.entries))))
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    page.into_string()
}

/// The Content-Security-Policy: nothing from anywhere, but the page's own style and script,
/// named by their hashes. A brief's text that got past the escaping could still run nothing.
fn policy() -> String {
    let hash = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        hash(SCRIPT),
        hash(STYLE)
    )
}

fn masthead(catalogue: &Catalogue, selection: &Selection, title: &str) -> Markup {
    let brief = &catalogue.brief;
    let date = brief
        .year
        .map(|year| match brief.month.and_then(crate::text::month_name) {
            Some(month) => format!("{month} {year}"),
            None => year.to_string(),
        });
    let byline: Vec<String> = [brief.author.clone(), date, brief.produced_by.clone()]
        .into_iter()
        .flatten()
        .map(|part| escape_line(&part).into_owned())
        .collect();
    html! {
        header.masthead {
            div.wrap {
                @if let Some(publisher) = &brief.publisher {
                    p.kicker { (escape_line(publisher)) }
                }
                h1 { (title) }
                @if !byline.is_empty() {
                    p.byline { (byline.join(" · ")) }
                }
                @if let Some(chosen_by) = &selection.chosen_by {
                    p.selection {
                        (crate::text::count(selection.entries.len(), "work", "works"))
                        " of the brief's " (catalogue.entries.len()) ", chosen with "
                        code { "splw page " (chosen_by) }
                    }
                }
            }
        }
    }
}

/// The brief's own front matter: what it is, how to acknowledge it, where to get help.
fn front_matter(catalogue: &Catalogue) -> Markup {
    let brief = &catalogue.brief;
    html! {
        section.about aria-labelledby="about-h" {
            h2 #about-h { "About this brief" }
            @if let Some(purpose) = &brief.purpose {
                (paragraphs(purpose))
            }
            @if let Some(acknowledgement) = &brief.acknowledgement {
                h3 { "How to acknowledge this brief" }
                blockquote { p { (escape_line(acknowledgement)) } }
            }
            @if let Some(help) = &brief.access_help {
                h3 { "Help accessing articles or papers" }
                (paragraphs(help))
            }
            @if let Some(updates) = &brief.updates {
                h3 { "Updates" }
                (paragraphs(updates))
            }
            @if brief.access_help.is_some() || brief.updates.is_some() {
                p.splw {
                    "Note from splw: the links the PDF gave are not in this copy of the brief. \
                     Each work below links to its DOI or page where one is known"
                    @if let Some(contact) = &brief.contact {
                        "; for the rest, ask " (escape_line(contact))
                    }
                    "."
                }
            }
        }
    }
}

/// The brief's text as paragraphs (split at blank lines) and lists (lines that start "- ").
fn paragraphs(text: &str) -> Markup {
    let text = escape_block(text);
    html! {
        @for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
            @let items: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix("- ")).collect();
            @if !items.is_empty() && items.len() == block.lines().count() {
                ul { @for item in items { li { (item) } } }
            } @else {
                p { (block) }
            }
        }
    }
}

/// The search box, filters, style menu and downloads: they work only with the script, which
/// shows them; without it they stay hidden, and every work is listed.
fn tools(catalogue: &Catalogue, entries: &[&Entry]) -> Markup {
    let mut years: Vec<i32> = entries.iter().filter_map(|e| e.year).collect();
    years.sort_unstable();
    years.dedup();
    let carried: HashSet<&str> = entries
        .iter()
        .flat_map(|e| e.topics.iter().map(String::as_str))
        .collect();
    let topics: Vec<&Topic> = catalogue
        .topics
        .iter()
        .filter(|t| carried.contains(t.id.as_str()))
        .collect();
    // Each value of a facet that a work on the page has, as (value, label); works with none
    // are "none".
    let facet = |facet: Facet| -> Vec<(String, String)> {
        facet
            .values(catalogue)
            .into_iter()
            .filter(|value| entries.iter().any(|e| facet.holds(e, value.as_deref())))
            .map(|value| match value {
                Some(value) => (value.clone(), value.replace('-', " ")),
                None => (NONE.to_string(), facet.none().to_string()),
            })
            .collect()
    };
    let select = |id: &str, label: &str, any: &str, values: &[(String, String)]| {
        html! {
            div.field {
                label for=(id) { (label) }
                select #(id) name=(id.trim_start_matches("f-")) {
                    option value="" { (any) }
                    @for (value, label) in values {
                        option value=(value) { (escape_line(label)) }
                    }
                }
            }
        }
    };
    let year_values: Vec<(String, String)> = years
        .iter()
        .map(|year| (year.to_string(), year.to_string()))
        .collect();
    html! {
        section #tools.tools aria-labelledby="tools-h" hidden {
            h2 #tools-h { "Search and filter" }
            form #filters role="search" aria-label="Works" {
                div.field.search {
                    label for="q" { "Search titles, authors, sources and abstracts" }
                    div.search-row {
                        input #q name="q" type="search" autocomplete="off" spellcheck="false";
                        button type="submit" { "Search" }
                    }
                }
                details #more.more {
                    summary { "Filters" }
                    div.fields {
                    div.field {
                        label for="f-topic" { "Topic" }
                        select #f-topic name="topic" {
                            option value="" { "Any topic" }
                            @for topic in &topics {
                                option value=(topic.id) { (escape_line(&topic.label)) }
                            }
                        }
                    }
                    (select("f-from", "From year", "Any year", &year_values))
                    (select("f-to", "To year", "Any year", &year_values))
                    (select("f-kind", "Kind", "Any kind", &facet(Facet::Kind)))
                    (select("f-design", "Study design (splw's coding)", "Any design", &facet(Facet::Design)))
                    (select("f-country", "Country (splw's coding)", "Any country", &facet(Facet::Country)))
                    (select("f-access", "Access", "Any access", &facet(Facet::Access)))
                }
                    div.field.check {
                        input #f-listed name="listed" type="checkbox" value="1";
                        label for="f-listed" { "Only works the brief lists under the topic, not splw's tags" }
                    }
                }
                p.actions {
                    button #clear type="reset" { "Clear search and filters" }
                }
            }
            p #count role="status" { (crate::text::count(entries.len(), "work", "works")) }
            p #copied role="status" {}
            div.fields.after {
                div.field {
                    label for="style" { "Citation style" }
                    select #style {
                        @for (style, id) in STYLES {
                            option value=(id) selected[style == DEFAULT_STYLE] { (style.label()) }
                        }
                    }
                }
                p.downloads {
                    "Download what is shown: "
                    a #dl-bibtex href="#" download="splw.bib" { "BibTeX" } " · "
                    a #dl-ris href="#" download="splw.ris" { "RIS" } " · "
                    a #dl-csl href="#" download="splw.json" { "CSL-JSON" }
                }
            }
        }
    }
}

/// Topics against study designs, as `splw map` draws them: how many works stand in each cell.
/// The script makes each count a button that filters the list.
fn evidence_map(catalogue: &Catalogue, entries: &[&Entry]) -> Markup {
    let facet = Facet::Design;
    let columns: Vec<Option<String>> = facet
        .values(catalogue)
        .into_iter()
        .filter(|value| entries.iter().any(|e| facet.holds(e, value.as_deref())))
        .collect();
    // Counted in one pass over the works: a large brief has thousands of topics.
    let mut counts: HashMap<(&str, usize), usize> = HashMap::new();
    for entry in entries {
        for (column, value) in columns.iter().enumerate() {
            if facet.holds(entry, value.as_deref()) {
                for topic in &entry.topics {
                    *counts.entry((topic.as_str(), column)).or_default() += 1;
                }
            }
        }
    }
    let rows: Vec<(&Topic, Vec<usize>)> = catalogue
        .topics
        .iter()
        .map(|topic| {
            let cells = (0..columns.len())
                .map(|column| {
                    counts
                        .get(&(topic.id.as_str(), column))
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            (topic, cells)
        })
        .filter(|(_, cells): &(&Topic, Vec<usize>)| cells.iter().any(|&n| n > 0))
        .collect();
    let most = rows
        .iter()
        .flat_map(|(_, cells)| cells)
        .copied()
        .max()
        .unwrap_or(0);
    let label = |value: &Option<String>| match value {
        Some(value) => value.replace('-', " "),
        None => facet.none().to_string(),
    };
    html! {
        section.map aria-labelledby="map-h" {
            h2 #map-h { "Evidence map" }
            p {
                "How many works on each topic are of each study design. The designs are splw's \
                 coding from each work's title and abstract, not the brief's; a work counts \
                 under every topic it carries and every design it is coded with."
                span.js-only hidden { " Choose a number to list those works." }
            }
            // Focusable, so that a keyboard can scroll a map wider than the screen.
            div.scroll tabindex="0" {
                table {
                    caption.visually-hidden { "Works by topic and study design" }
                    thead {
                        tr {
                            th scope="col" { "Topic" }
                            @for value in &columns { th scope="col" { span { (label(value)) } } }
                        }
                    }
                    tbody {
                        @for (topic, cells) in &rows {
                            tr {
                                th scope="row" { (escape_line(&topic.label)) }
                                @for (value, &n) in columns.iter().zip(cells) {
                                    td class=(format!("shade{}", shade(n, most)))
                                        data-topic=(topic.id)
                                        data-design=(value.as_deref().unwrap_or(NONE))
                                        data-count=(n) {
                                        // A gap reads as a dot, and to a screen reader as 0.
                                        @if n == 0 {
                                            span aria-hidden="true" { "·" }
                                            span.visually-hidden { "0" }
                                        } @else {
                                            (n)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How full a cell is, 0 (none) to 4, against the fullest cell.
fn shade(count: usize, most: usize) -> usize {
    if count == 0 {
        0
    } else {
        (4 * count).div_ceil(most.max(1)).min(4)
    }
}

/// A section of the page: the brief's section (none for works it lists nowhere), and its works.
struct Group<'a> {
    topic: Option<&'a Topic>,
    works: Vec<Listed<'a>>,
}

/// A work in a section: its place among the page's works, and whether it is shown in full here
/// (the first section that lists it) or pointed to.
struct Listed<'a> {
    place: usize,
    entry: &'a Entry,
    first: bool,
}

/// Every work, under the sections the brief lists it in, in the brief's order. A work the
/// brief lists twice is shown in full the first time, and pointed to the second.
fn works<'a>(catalogue: &'a Catalogue, listing: &Listing<'a>, entries: &[&'a Entry]) -> Markup {
    let places: HashMap<&str, usize> = (0..entries.len())
        .map(|place| (entries[place].id.as_str(), place))
        .collect();
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut shown = vec![false; entries.len()];
    let mut add = |topic: Option<&'a Topic>, places: Vec<usize>| {
        let works: Vec<Listed<'a>> = places
            .into_iter()
            .map(|place| Listed {
                place,
                entry: entries[place],
                first: !std::mem::replace(&mut shown[place], true),
            })
            .collect();
        if !works.is_empty() {
            groups.push(Group { topic, works });
        }
    };
    for topic in &catalogue.topics {
        let listed = topic
            .listed
            .iter()
            .filter_map(|id| places.get(id.as_str()).copied())
            .collect();
        add(Some(topic), listed);
    }
    let unlisted = (0..entries.len())
        .filter(|&place| listing.sections(&entries[place].id).is_empty())
        .collect();
    add(None, unlisted);
    html! {
        section #works.works.long[entries.len() > LONG] aria-labelledby="works-h" {
            h2 #works-h { "The works" }
            @for group in &groups {
                @let heading = format!("s-{}", group.topic.map_or("other", |t| t.id.as_str()));
                section.group aria-labelledby=(heading) {
                    h3 #(heading) {
                        @match group.topic {
                            Some(topic) => {
                                (escape_line(&topic.label))
                                @if let Some(page) = topic.page { " " span.page { "(p. " (page) ")" } }
                            }
                            None => "Not listed in a section",
                        }
                    }
                    @for work in &group.works {
                        @if work.first {
                            (work::article(catalogue, listing, work.entry, work.place))
                        } @else {
                            (work::pointer(work.entry, work.place))
                        }
                    }
                }
            }
        }
    }
}

/// A design's name as the page shows it.
pub fn design_label(design: Design) -> String {
    design.as_str().replace('-', " ")
}
