//! `splw page`: the brief, or a selection of it, as one self-contained HTML file. Every work is
//! on the page without JavaScript; a small inline script (page.js) adds search, filters,
//! copy buttons and downloads from data splw embeds. Built with maud, which escapes every value
//! it is given, so no text of the brief can become markup.

mod coins;
mod contents;
mod data;
mod map;
mod tools;
mod work;

use std::collections::HashMap;

use base64::Engine as _;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

use crate::catalogue::{Catalogue, Entry, Topic};
use crate::cite::{Register, StyleName};
use crate::text::{escape_block, escape_line};

/// The style and script, real files so that they can be read and linted on their own: the
/// script is the search (search.js, which ranks as `find` does), then the page's own.
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = concat!(include_str!("search.js"), include_str!("page.js"));

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

/// More works than this, and those off screen, and the map, are laid out only as they come near,
/// and the contents stands folded (page.css).
const LONG: usize = 500;

/// The value of a filter that selects the works with no value: no design, no country.
const NONE: &str = "none";

/// What the page holds: the works chosen, and if they are a selection, the command that chose
/// them ("--topic loneliness").
pub struct Selection<'a> {
    pub entries: Vec<&'a Entry>,
    pub chosen_by: Option<String>,
}

/// The whole page, written to `out` a part at a time: each work's article, and each work's data
/// and records, as they are made, so that what splw holds is one work's markup, not the page (a
/// brief of 10,000 works makes a page of 100 MB). The brief's text goes through `escape_line` and
/// `escape_block` here as everywhere: a control character (which a brief may hold) is a parse
/// error in HTML, and is shown escaped instead, as the terminal shows it.
pub fn render(
    catalogue: &Catalogue,
    selection: &Selection,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let brief = &catalogue.brief;
    let listing = Listing::new(catalogue);
    let sections = sections(catalogue, &listing, &selection.entries);
    let long = selection.entries.len() > LONG;
    // Each style's places for the whole brief: a work's citation has the brief's year letter.
    let registers = STYLES.map(|(name, _)| Register::new(name, catalogue));
    let title = match &selection.chosen_by {
        Some(_) => format!("Reading list from the {}", escape_line(&brief.title)),
        None => escape_line(&brief.title).into_owned(),
    };
    let head = html! {
        (DOCTYPE)
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta http-equiv="Content-Security-Policy" content=(policy());
            meta name="generator" content=(concat!("splw ", env!("CARGO_PKG_VERSION")));
            meta name="color-scheme" content="light dark";
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
    };
    let top = html! {
        a.skip.js-only href="#page_q" hidden { "Skip to the search" }
        a.skip href="#page_works" { "Skip to the works" }
        (masthead(catalogue, selection, &title))
    };
    let before_works = html! {
        (tools::tools(catalogue, &selection.entries))
        (contents::contents(catalogue, &sections, !long))
    };
    let after_works = html! {
        (map::evidence_map(catalogue, &selection.entries))
        (front_matter(catalogue))
    };
    let footer = html! {
        footer.site {
            div.wrap {
                p {
                    "Made with splw " (env!("CARGO_PKG_VERSION"))
                    " from the text of the brief. Titles, authors, dates, sources and \
                     abstracts are the brief's. Topic tags and the coding of study \
                     designs and countries are splw's, each shown with the brief's own \
                     words as evidence; DOIs, addresses, full author lists, volumes and \
                     pages marked as from a checked record are not the brief's."
                }
            }
        }
    };
    // maud writes `<!DOCTYPE html>` first; the document element wraps what follows.
    let head = head.into_string();
    let (doctype, head) = head.split_at(head.find("<head>").unwrap_or(0));
    write!(out, "{doctype}<html lang=\"en-GB\">{head}<body>")?;
    out.write_all(top.into_string().as_bytes())?;
    let main = html! { main #page_main.long[long] {} }.into_string();
    out.write_all(main.trim_end_matches("</main>").as_bytes())?;
    out.write_all(before_works.into_string().as_bytes())?;
    works(catalogue, &listing, &registers, &sections, out)?;
    out.write_all(after_works.into_string().as_bytes())?;
    out.write_all(b"</main>")?;
    out.write_all(footer.into_string().as_bytes())?;
    out.write_all(b"<script id=\"splw_data\" type=\"application/json\">")?;
    data::write_data(catalogue, &listing, &registers, &selection.entries, out)?;
    out.write_all(b"</script><script id=\"splw_records\" type=\"application/json\">")?;
    data::write_records(&selection.entries, out)?;
    write!(out, "</script><script>{SCRIPT}</script></body></html>")
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
        "default-src 'none'; script-src {}; style-src {}; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'",
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

/// The brief's own front matter: what it is, how to acknowledge it, where to get help. The PDF's
/// links in it (self-registration, the lists of briefs) are not in this copy: each is marked
/// where it stood, with whom to ask instead, as `splw about` says.
fn front_matter(catalogue: &Catalogue) -> Markup {
    let brief = &catalogue.brief;
    let contact = brief.contact.as_deref();
    html! {
        section #page_about.about aria-labelledby="page_about_h" {
            h2 #page_about_h { "About this brief" }
            @if let Some(purpose) = &brief.purpose {
                (paragraphs(purpose))
            }
            @if let Some(acknowledgement) = &brief.acknowledgement {
                h3 { "How to acknowledge this brief" }
                blockquote { p { (escape_line(acknowledgement)) } }
            }
            @if let Some(help) = &brief.access_help {
                h3 #page_help { "Help accessing articles or papers" }
                (front_paragraphs(help, contact))
            }
            @if let Some(updates) = &brief.updates {
                h3 { "Updates" }
                (front_paragraphs(updates, contact))
            }
            @if brief.access_help.is_some() || brief.updates.is_some() {
                p.splw {
                    "Note from splw: the links the PDF gave are not in this copy of the brief. \
                     Each work on this page links to its DOI or page where one is known"
                    @if let Some(contact) = contact {
                        "; for the rest, ask " (mail(contact))
                    }
                    "."
                }
            }
        }
    }
}

/// Where the brief's words stood for a link of the PDF: a sentence that ends "… here." or a list
/// item that names a link ("Complete Evidence Brief list – link for External staff").
fn lost_link(text: &str, item: bool) -> bool {
    let text = text.trim_end().to_lowercase();
    text.ends_with(" here.") || text.ends_with(" here") || (item && text.contains("link"))
}

/// What stands after the words of a lost link: that the link is not here, and whom to ask.
fn lost_note(contact: Option<&str>) -> Markup {
    html! {
        " " span.lost.splw-note {
            "(splw: the PDF linked these words; this copy has no link"
            @if let Some(contact) = contact { ". Ask " (mail(contact)) " for it" }
            ")"
        }
    }
}

/// Front matter as paragraphs and lists, each lost link marked.
fn front_paragraphs(text: &str, contact: Option<&str>) -> Markup {
    blocks_with(text, |words, item| {
        lost_link(words, item).then(|| lost_note(contact))
    })
}

/// A block of the brief's text: a paragraph, or a list (lines that start "- ").
enum Block<'a> {
    Paragraph(&'a str),
    List(Vec<&'a str>),
}

/// The brief's text split at blank lines into paragraphs and lists.
fn blocks(text: &str) -> impl Iterator<Item = Block<'_>> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|block| {
            let items: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix("- ")).collect();
            if !items.is_empty() && items.len() == block.lines().count() {
                Block::List(items)
            } else {
                Block::Paragraph(block)
            }
        })
}

/// The brief's text as paragraphs and lists, its email addresses links.
fn paragraphs(text: &str) -> Markup {
    blocks_with(text, |_, _| None)
}

/// The brief's text as paragraphs and lists, each followed by what `after` gives for its words
/// (and whether they are a list's item).
fn blocks_with(text: &str, after: impl Fn(&str, bool) -> Option<Markup>) -> Markup {
    let text = escape_block(text);
    html! {
        @for block in blocks(&text) {
            @match block {
                Block::List(items) => ul {
                    @for item in items { li { (linked(item)) (after(item, true).unwrap_or_default()) } }
                },
                Block::Paragraph(text) => p { (linked(text)) (after(text, false).unwrap_or_default()) },
            }
        }
    }
}

/// An email address as a link that writes to it.
pub fn mail(address: &str) -> Markup {
    let address = escape_line(address);
    html! { a href=(format!("mailto:{address}")) { (address) } }
}

/// Text with each email address in it a `mailto:` link.
pub fn linked(text: &str) -> Markup {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some((start, end)) = email_in(rest) {
        parts.push((&rest[..start], Some(&rest[start..end])));
        rest = &rest[end..];
    }
    parts.push((rest, None));
    html! {
        @for (before, address) in parts {
            (before)
            @if let Some(address) = address { (mail(address)) }
        }
    }
}

/// Where the first email address in `text` starts and ends: a name and a domain with a dot, as
/// "england.knowledgemanagement@nhs.net", a full stop after it left out.
fn email_in(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|at| at + from) {
        let mut start = at;
        while start > 0 && local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && b".-".contains(&bytes[end - 1]) {
            end -= 1;
        }
        let host = &text[at + 1..end];
        if start < at && host.contains('.') && !host.starts_with('.') {
            return Some((start, end));
        }
        from = at + 1;
    }
    None
}

/// A section of the page: the brief's section (none for works it lists nowhere), where its
/// heading is (`anchor`), and its works.
pub struct Section<'a> {
    pub topic: Option<&'a Topic>,
    pub anchor: String,
    works: Vec<Listed<'a>>,
}

/// A work in a section: its place among the page's works, and whether it is shown in full here
/// (the first section that lists it) or pointed to.
struct Listed<'a> {
    place: usize,
    entry: &'a Entry,
    first: bool,
}

/// The page's sections, in the brief's order, each with the works on the page it lists; a work
/// the brief lists twice is shown in full the first time, and pointed to the second. A section's
/// heading has the topic's id (`#loneliness`), unless a work on the page has that id (a signpost
/// takes its section's), when it is `s_` and the id; works the brief lists nowhere come last.
fn sections<'a>(
    catalogue: &'a Catalogue,
    listing: &Listing<'a>,
    entries: &[&'a Entry],
) -> Vec<Section<'a>> {
    let places: HashMap<&str, usize> = (0..entries.len())
        .map(|place| (entries[place].id.as_str(), place))
        .collect();
    let mut sections: Vec<Section<'a>> = Vec::new();
    let mut shown = vec![false; entries.len()];
    let mut add = |topic: Option<&'a Topic>, listed: Vec<usize>| {
        let works: Vec<Listed<'a>> = listed
            .into_iter()
            .map(|place| Listed {
                place,
                entry: entries[place],
                first: !std::mem::replace(&mut shown[place], true),
            })
            .collect();
        // Ids the page makes have an underscore, which no id of a brief has.
        let anchor = match topic {
            Some(topic) if places.contains_key(topic.id.as_str()) => format!("s_{}", topic.id),
            Some(topic) => topic.id.clone(),
            None => "unlisted_".to_string(),
        };
        if !works.is_empty() {
            sections.push(Section {
                topic,
                anchor,
                works,
            });
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
    sections
}

/// Every work under the sections the brief lists it in, each heading a link back to its line in
/// the contents, written to `out` an article at a time.
fn works(
    catalogue: &Catalogue,
    listing: &Listing,
    registers: &[Register],
    sections: &[Section],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let opening = html! {
        h2 #page_works_h { "The works" }
        p #page_back.visually-hidden { "Back to the contents" }
    };
    write!(
        out,
        "<section class=\"works\" id=\"page_works\" aria-labelledby=\"page_works_h\">{}",
        opening.into_string()
    )?;
    for section in sections {
        let heading = html! {
            h3 #(section.anchor) {
                a.back href=(format!("#c_{}", section.anchor)) aria-describedby="page_back" {
                    @match section.topic {
                        Some(topic) => {
                            (escape_line(&topic.label))
                            @if let Some(page) = topic.page { " " span.page { "(p. " (page) ")" } }
                        }
                        None => "Not listed in a section",
                    }
                }
            }
        };
        write!(out, "<section class=\"group\">{}", heading.into_string())?;
        for work in &section.works {
            let markup = match work.first {
                true => work::article(catalogue, listing, registers, work.entry, work.place),
                false => work::pointer(work.entry, work.place),
            };
            out.write_all(markup.into_string().as_bytes())?;
        }
        out.write_all(b"</section>")?;
    }
    // Where the script lists the works in another order than the brief's.
    let sorted = html! { div #page_sorted.sorted hidden {} };
    out.write_all(sorted.into_string().as_bytes())?;
    out.write_all(b"</section>")
}

/// A kind, design or access mark as the page shows it: "journal article".
pub fn label(value: &str) -> String {
    value.replace('-', " ")
}
