use crate::catalogue::{Access, Author, Catalogue, Enriched, Entry, Kind, Topic, tagged};
use crate::cite::{Markup, Register, StyleName};
use crate::error::Failure;
use crate::output::{self, Output};
use crate::search::Query;
use crate::text::{escape_block, escape_line};

/// Where a field's value starts: after two spaces and a nine-column label.
const FIELD_INDENT: &str = "            ";

/// What `show` is asked for.
pub struct Options {
    pub ids: Vec<String>,
    /// The style of the citation at the end.
    pub style: StyleName,
    pub json: bool,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = names(catalogue, &args.ids)
        .iter()
        .map(|id| resolve(catalogue, id))
        .collect::<Result<Vec<_>, _>>()?;
    if args.json {
        return out.json(&crate::cmd::list::json_entries(catalogue, &entries));
    }
    let register = Register::new(args.style, catalogue);
    for (n, entry) in entries.iter().enumerate() {
        if n > 0 {
            // A rule between entries: box drawing on a terminal, plain hyphens in a pipe.
            let rule = if out.pretty { "─" } else { "-" };
            out.line("")?;
            out.line(output::dim(&rule.repeat(out.width.min(80))))?;
            out.line("")?;
        }
        write_entry(catalogue, entry, &register, out)?;
    }
    Ok(())
}

/// The names given, with a year that follows a name that is no id joined to it, as in `splw show
/// Kiely 2022`.
pub fn names(catalogue: &Catalogue, given: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in given {
        let year = name.len() >= 4
            && name.bytes().take(4).all(|b| b.is_ascii_digit())
            && catalogue.get(name).is_none();
        match names.last_mut() {
            Some(last) if year && catalogue.get(last).is_none() => {
                last.push(' ');
                last.push_str(name);
            }
            _ => names.push(name.clone()),
        }
    }
    names
}

/// The entry with this id or alias, or an error that suggests the nearest ids and titles.
pub fn resolve<'a>(catalogue: &'a Catalogue, id: &str) -> Result<&'a Entry, Failure> {
    if let Some(entry) = catalogue.get(id) {
        return Ok(entry);
    }
    let wanted = id.trim();
    // "Kiely 2022", as a writer cites it: the id it stands for, or the ids it could mean.
    let slug: Vec<String> = wanted
        .split_whitespace()
        .map(crate::text::ascii_slug)
        .collect();
    if slug.len() > 1 {
        let slug = slug.join("-");
        if let Some(entry) = catalogue.get(&slug) {
            return Ok(entry);
        }
        let lettered: Vec<&Entry> = catalogue
            .entries
            .iter()
            .filter(|e| {
                e.id.strip_prefix(slug.as_str()).is_some_and(|letter| {
                    letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_lowercase())
                })
            })
            .collect();
        match lettered.as_slice() {
            [one] => return Ok(one),
            [] => {}
            many => {
                let ids: Vec<&str> = many.iter().map(|e| e.id.as_str()).collect();
                return Err(Failure::Usage(format!(
                    "`{}` could be any of: {}",
                    crate::text::quoted(wanted),
                    ids.join(", ")
                )));
            }
        }
    }
    // Text longer than any id is no typo of one: suggesting costs nothing then.
    let typo = wanted.chars().nth(crate::search::MAX_QUERY_CHARS).is_none();
    let shown = crate::text::quoted(wanted);
    if typo {
        // The ids (and aliases) it could be a slip for, nearest first.
        let lower = wanted.to_lowercase();
        let mut near: Vec<(f64, &Entry)> = catalogue
            .entries
            .iter()
            .flat_map(|e| {
                std::iter::once(&e.id)
                    .chain(&e.aliases)
                    .map(move |n| (n, e))
            })
            .map(|(name, e)| (strsim::jaro_winkler(&lower, name), e))
            .filter(|(score, _)| *score >= 0.85)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut seen = std::collections::HashSet::new();
        let near: Vec<String> = near
            .into_iter()
            .filter(|(_, e)| seen.insert(e.id.as_str()))
            .take(3)
            .map(|(_, e)| format!("{} ({})", e.id, escape_line(&output::shorten(&e.title, 40))))
            .collect();
        if !near.is_empty() {
            return Err(Failure::Usage(format!(
                "no entry `{shown}`; did you mean {}?",
                near.join(", ")
            )));
        }
        // Not an id, but words that works are about: a search, not a slip.
        if let Ok(query) = Query::new(wanted) {
            let found = query
                .run(catalogue, None, catalogue.entries.iter())
                .hits
                .len();
            if found > 0 {
                return Err(Failure::Usage(format!(
                    "no entry `{shown}`\n`splw find {shown}` searches for it: {}",
                    crate::text::count(found, "work matches", "works match")
                )));
            }
        }
    }
    Err(Failure::Usage(format!(
        "no entry `{shown}`\n`splw list` lists every id; `splw find WORDS` searches titles and abstracts"
    )))
}

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
    if entry.kind == Kind::Signpost {
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
