//! Stage 3: raw shapes checked and converted into the catalogue's types, a file at a time.
//! Every problem is noted and the work goes on, so that `splw check` can list them all.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use super::coding;
use super::model::{Access, Author, Brief, Enriched, Entry, Kind, SeenAt};
use super::parse::{self, RawAuthor, RawBrief, RawEntry, RawFile, RawSection};
use super::problem::{Located, Problem, Severity};
use super::values::{
    checked_address, checked_block, checked_doi, checked_line, checked_month, checked_year, closed,
    trimmed, unknown_value,
};
use crate::text;

/// A section of the brief as declared in its file.
pub struct Section {
    pub id: String,
    pub label: String,
    pub group: Option<String>,
    pub page: Option<u32>,
}

/// An entry as one section file gives it, with where, for merging placements.
pub struct Placement<'a> {
    pub entry: Entry,
    pub file: &'a Located<'a>,
    pub id_span: Range<usize>,
    /// The file's section, shared by all its placements.
    pub section: Arc<str>,
}

/// One file, read: what it declares, and its entries, checked as far as they can be before
/// every file's sections are known (their topics wait, in `entries`).
pub struct Read<'a> {
    pub here: &'a Located<'a>,
    section: Option<Spanned<RawSection>>,
    pub brief: Option<Spanned<RawBrief>>,
    /// Where the file's first entry is, for a front matter file that has entries.
    first_entry: Option<Range<usize>>,
    placements: Vec<Placement<'a>>,
    /// Each placement's topics as the file names them, until every file's sections are known and
    /// they are checked into its `entry.topics`.
    named_topics: Vec<Spanned<Vec<Spanned<String>>>>,
    problems: Vec<Problem>,
}

/// Parses a file and converts its entries, a piece of the file at a time (`parse::pieces`), so
/// that the parsed form of only one piece is held; a file that does not parse is a problem.
pub fn read<'a>(here: &'a Located<'a>) -> Result<Read<'a>, Problem> {
    let mut read = Read {
        here,
        section: None,
        brief: None,
        first_entry: None,
        placements: Vec::new(),
        named_topics: Vec::new(),
        problems: Vec::new(),
    };
    // The section of the file, as its first piece declares it: later pieces hold only entries.
    let mut section: Option<Arc<str>> = None;
    let parsed = parse::pieces(&here.file.text, &mut |piece: RawFile, first: bool| {
        if first {
            section = piece
                .section
                .as_ref()
                .and_then(|s| s.get_ref().id.as_ref())
                .map(|id| trimmed(id.get_ref().clone()).into());
            read.section = piece.section;
            read.brief = piece.brief;
            read.first_entry = piece.entry.first().map(Spanned::span);
            read.placements.clear();
            read.named_topics.clear();
            read.problems.clear();
        }
        if let Some(section) = &section {
            for (placement, named) in file_entries(here, piece.entry, section, &mut read.problems) {
                read.placements.push(placement);
                read.named_topics.push(named);
            }
        }
    });
    parsed.map_err(|error| parse::parse_problem(here, &error))?;
    Ok(read)
}

/// What the files declare: the front matter and the sections, in file order.
pub fn declarations<'a>(
    parsed: &[Read<'a>],
    problems: &mut Vec<Problem>,
) -> (Option<Brief>, Vec<Section>) {
    let mut brief: Option<(Brief, &str)> = None;
    let mut sections: Vec<Section> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for read in parsed {
        let here = read.here;
        match (&read.section, &read.brief) {
            (Some(section), None) => {
                if let Some((section, id_span)) = convert_section(here, section, problems) {
                    if !seen.insert(section.id.clone()) {
                        problems.push(here.problem(
                            id_span,
                            format!("section `{}` is declared in another file too", section.id),
                        ));
                    }
                    sections.push(section);
                }
            }
            (None, Some(front)) => {
                if let Some((_, first)) = &brief {
                    problems.push(here.problem(
                        front.span(),
                        format!("a second [brief] table: the front matter is already in {first}"),
                    ));
                } else if let Some(checked) = convert_brief(here, front, problems) {
                    brief = Some((checked, here.name()));
                }
                if let Some(entry) = &read.first_entry {
                    problems.push(here.problem(
                        entry.clone(),
                        "entries belong in a section file, not in the front matter file",
                    ));
                }
            }
            (Some(_), Some(front)) => problems.push(here.problem(
                front.span(),
                "a file holds either a [section] or the [brief] front matter, not both",
            )),
            (None, None) => problems.push(Problem::new(
                here.name(),
                Some((1, 1)),
                "this file has neither a [section] table nor a [brief] table",
            )),
        }
    }
    (brief.map(|(brief, _)| brief), sections)
}

/// The section, and where its id is written.
fn convert_section(
    here: &Located,
    raw: &Spanned<RawSection>,
    problems: &mut Vec<Problem>,
) -> Option<(Section, Range<usize>)> {
    let section = raw.get_ref();
    let missing = missing(&[
        ("id", section.id.is_some()),
        ("title", section.title.is_some()),
    ]);
    if let Some(message) = missing {
        problems.push(here.problem(raw.span(), message));
    }
    // A section with no title still declares its id, so that its entries are not all reported
    // as naming an unknown topic on top of the one problem.
    let id = section.id.clone()?;
    let id_span = id.span();
    let id = trimmed(id.into_inner());
    let title = section
        .title
        .clone()
        .unwrap_or_else(|| Spanned::new(id_span.clone(), id.clone()));
    if !text::is_slug(&id) {
        problems.push(here.problem(
            id_span.clone(),
            format!(
                "section id `{}` should be lowercase letters, digits and `-`",
                text::escape_line(&id)
            ),
        ));
    }
    let section = Section {
        id,
        label: checked_line(here, title, "title", problems),
        group: section
            .group
            .clone()
            .map(|g| checked_line(here, g, "group", problems)),
        page: section.page,
    };
    Some((section, id_span))
}

fn convert_brief(
    here: &Located,
    raw: &Spanned<RawBrief>,
    problems: &mut Vec<Problem>,
) -> Option<Brief> {
    let brief = raw.get_ref();
    let Some(title) = brief.title.clone() else {
        problems.push(here.problem(raw.span(), "missing field `title`"));
        return None;
    };
    let line = |value: &Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>| {
        value.clone().map(|v| checked_line(here, v, name, problems))
    };
    let block = |value: &Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>| {
        value
            .clone()
            .map(|v| checked_block(here, v, name, problems))
    };
    Some(Brief {
        title: checked_line(here, title, "title", problems),
        author: line(&brief.author, "author", problems),
        year: brief
            .year
            .as_ref()
            .and_then(|y| checked_year(here, y, problems)),
        month: brief
            .month
            .as_ref()
            .and_then(|m| checked_month(here, m, problems)),
        publisher: line(&brief.publisher, "publisher", problems),
        place: line(&brief.place, "place", problems),
        produced_by: line(&brief.produced_by, "produced_by", problems),
        purpose: block(&brief.purpose, "purpose", problems),
        acknowledgement: line(&brief.acknowledgement, "acknowledgement", problems),
        updates: block(&brief.updates, "updates", problems),
        access_help: block(&brief.access_help, "access_help", problems),
        contact: line(&brief.contact, "contact", problems),
    })
}

/// The topics an entry may name, and whether they are all known: a file that did not parse
/// declares a section no one can see, and its topic is then not reported as unknown in every
/// other file, on top of the file's own problem.
pub struct Topics<'a> {
    pub ids: HashSet<&'a str>,
    pub in_order: Vec<&'a str>,
    pub all_known: bool,
}

/// Each file's entries, their topics now checked, file by file in the brief's order, with every
/// file's problems (`all`), or those that stop the brief loading.
pub fn entries<'a>(
    parsed: Vec<Read<'a>>,
    topics: &Topics,
    all: bool,
    problems: &mut Vec<Problem>,
) -> Vec<Vec<Placement<'a>>> {
    // Each file on its own, on every core (rayon keeps the files' order); merged by id after.
    let per_file: Vec<(Vec<Placement>, Vec<Problem>)> = parsed
        .into_par_iter()
        .map(|mut read| {
            for (placement, named) in read.placements.iter_mut().zip(read.named_topics) {
                let owner = (placement.entry.id.as_str(), &*placement.section);
                placement.entry.topics =
                    checked_topics(read.here, named, owner, topics, &mut read.problems);
            }
            (read.placements, read.problems)
        })
        .collect();
    let mut placements = Vec::with_capacity(per_file.len());
    for (file_placements, file_problems) in per_file {
        placements.push(file_placements);
        problems.extend(file_problems.into_iter().filter(|p| all || p.is_blocking()));
    }
    placements
}

/// Entries of one section file (or of a piece of it), converted, each beside its topics as named,
/// not yet checked.
fn file_entries<'a>(
    here: &'a Located<'a>,
    raw: Vec<Spanned<RawEntry>>,
    section: &Arc<str>,
    problems: &mut Vec<Problem>,
) -> Vec<(Placement<'a>, Spanned<Vec<Spanned<String>>>)> {
    let mut placements = Vec::with_capacity(raw.len());
    for raw_entry in raw {
        let span = raw_entry.span();
        let raw_entry = raw_entry.into_inner();
        let required = [
            ("id", raw_entry.id.is_some()),
            ("kind", raw_entry.kind.is_some()),
            ("title", raw_entry.title.is_some()),
            ("topics", raw_entry.topics.is_some()),
        ];
        if let Some(message) = missing(&required) {
            problems.push(here.problem(span, message));
            continue;
        }
        let id_span = raw_entry.id.as_ref().map_or(span, Spanned::span);
        if let Some((entry, named_topics)) = convert_entry(here, raw_entry, problems) {
            let placement = Placement {
                entry,
                file: here,
                id_span,
                section: Arc::clone(section),
            };
            placements.push((placement, named_topics));
        }
    }
    placements
}

/// "missing field `title`", or "missing fields `kind`, `title`", for the fields not present.
fn missing(fields: &[(&str, bool)]) -> Option<String> {
    let absent: Vec<String> = fields
        .iter()
        .filter(|(_, present)| !present)
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    match absent.len() {
        0 => None,
        1 => Some(format!("missing field {}", absent.join(""))),
        _ => Some(format!("missing fields {}", absent.join(", "))),
    }
}

/// An entry converted, but for its topics, which are given back as named, to be checked once
/// every file's sections are known.
fn convert_entry(
    here: &Located,
    mut raw: RawEntry,
    problems: &mut Vec<Problem>,
) -> Option<(Entry, Spanned<Vec<Spanned<String>>>)> {
    let coded = coding::Raw::take(&mut raw);
    let id = raw.id?;
    let id_span = id.span();
    let id = trimmed(id.into_inner());
    if !text::is_slug(&id) {
        problems.push(here.problem(
            id_span.clone(),
            format!(
                "id `{}` should be lowercase letters, digits and `-`",
                text::quoted(&id)
            ),
        ));
    }
    let length = id.chars().count();
    if length > MAX_ID_CHARS {
        problems.push(here.problem(
            id_span,
            format!(
                "id `{}` is {length} characters long; an id is typed, so at most {MAX_ID_CHARS}",
                text::quoted(&id)
            ),
        ));
    }
    let title = raw.title?;
    let title_span = title.span();
    let title = checked_line(here, title, "title", problems);
    if title.is_empty() {
        problems.push(here.problem(
            title_span,
            format!("`{}` has an empty title", text::escape_line(&id)),
        ));
    }
    let kind =
        closed(here, &raw.kind?, "kind", Kind::parse, Kind::ALL, problems).unwrap_or(Kind::WebPage);
    let access = raw
        .access
        .as_ref()
        .and_then(|a| closed(here, a, "access", Access::parse, Access::ALL, problems));
    let enriched = raw
        .enriched
        .iter()
        .filter_map(|f| {
            closed(
                here,
                f,
                "enriched field",
                Enriched::parse,
                Enriched::ALL,
                problems,
            )
        })
        .collect();
    let authors = raw
        .authors
        .into_iter()
        .filter_map(|author| convert_author(here, author, problems))
        .collect();
    let year = raw
        .year
        .as_ref()
        .and_then(|y| checked_year(here, y, problems));
    let month = raw
        .month
        .as_ref()
        .and_then(|m| checked_month(here, m, problems));
    if let (Some(month), None) = (&raw.month, &raw.year) {
        problems.push(here.problem(month.span(), "a month is given but no year"));
    }
    let line = |value: Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>| {
        value.map(|v| checked_line(here, v, name, problems))
    };
    let block = |value: Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>| {
        value.map(|v| checked_block(here, v, name, problems))
    };
    let doi = raw.doi.and_then(|doi| checked_doi(here, doi, problems));
    let url = raw
        .url
        .map(|url| checked_address(here, url, "url", problems));
    let seen_at = raw
        .seen_at
        .into_iter()
        .filter_map(|(field, record)| {
            let field = match Enriched::parse(field.trim()) {
                Some(field) => field,
                None => {
                    let names = Enriched::ALL.iter().map(|e| e.as_str());
                    let message = unknown_value("seen_at field", &field, names, true);
                    problems.push(here.problem(record.span(), message));
                    return None;
                }
            };
            let record = checked_address(here, record, "seen_at", problems);
            Some(SeenAt { field, record })
        })
        .collect();
    let abstract_text = block(raw.abstract_text, "abstract", problems);
    let words = [title.as_str(), abstract_text.as_deref().unwrap_or_default()];
    let coding = coding::checked(here, coded, &words, problems);
    let named_topics = raw.topics?;
    let aliases = checked_aliases(here, &raw.aliases, problems);
    if let Some(own) = raw.aliases.iter().find(|a| a.get_ref().trim() == id) {
        problems.push(here.problem(
            own.span(),
            format!("alias `{id}` is the entry's own id: leave it out"),
        ));
    }
    let entry = Entry {
        id,
        aliases,
        title,
        kind,
        authors,
        et_al: raw.et_al.unwrap_or(false),
        year,
        month,
        source: line(raw.source, "source", problems),
        journal: line(raw.journal, "journal", problems),
        volume: line(raw.volume, "volume", problems),
        issue: line(raw.issue, "issue", problems),
        pages: line(raw.pages, "pages", problems),
        doi,
        url,
        // Checked in `entries`, once every file's sections are known.
        topics: Vec::new(),
        access,
        abstract_text,
        notes: block(raw.notes, "notes", problems),
        enriched,
        seen_at,
        design: coding.design,
        evidence: coding.evidence,
        country: coding.country,
        country_evidence: coding.country_evidence,
    };
    Some((entry, named_topics))
}

/// The entry's topics: known, once each, the file's own section first.
fn checked_topics(
    here: &Located,
    raw: Spanned<Vec<Spanned<String>>>,
    (id, section): (&str, &str),
    known: &Topics,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let span = raw.span();
    let raw = raw.into_inner();
    let mut topics: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for topic in &raw {
        let name = topic.get_ref().trim();
        if !known.ids.contains(name) {
            if known.all_known {
                // Past a thousand problems in a file, no more suggestions: each compares the
                // value with every section, and a hostile file can hold millions of values.
                let suggest = problems.len() < SUGGESTIONS_PER_FILE;
                let known_ids = known.in_order.iter().copied();
                let message = unknown_value("topic", name, known_ids, suggest);
                problems.push(here.problem(topic.span(), message));
            }
        } else if !seen.insert(name) {
            problems.push(here.problem(topic.span(), format!("topic `{name}` is listed twice")));
        } else {
            topics.push(name.to_string());
        }
    }
    match raw.first() {
        None => problems.push(here.problem(
            span,
            format!(
                "`{}` has no topics: the first should be this file's section, `{section}`",
                text::escape_line(id)
            ),
        )),
        Some(first)
            if first.get_ref().trim() != section && known.ids.contains(first.get_ref().trim()) =>
        {
            problems.push(here.problem(
                first.span(),
                format!("the first topic should be this file's section, `{section}`"),
            ));
        }
        Some(_) => {}
    }
    topics
}

fn checked_aliases(
    here: &Located,
    raw: &[Spanned<String>],
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for alias in raw {
        let name = alias.get_ref().trim().to_string();
        if !text::is_slug(&name) {
            problems.push(here.problem(
                alias.span(),
                format!(
                    "alias `{}` should be lowercase letters, digits and `-`",
                    text::escape_line(&name)
                ),
            ));
        } else if !seen.insert(alias.get_ref().trim()) {
            problems.push(here.problem(alias.span(), format!("alias `{name}` is listed twice")));
        } else {
            aliases.push(name);
        }
    }
    aliases
}

fn convert_author(
    here: &Located,
    author: Spanned<RawAuthor>,
    problems: &mut Vec<Problem>,
) -> Option<Author> {
    let span = author.span();
    let raw = author.into_inner();
    let (family, given, literal) = (
        raw.family.map(trimmed),
        raw.given.map(trimmed),
        raw.literal.map(trimmed),
    );
    if let Some(bad) = [&family, &given, &literal]
        .into_iter()
        .flatten()
        .find(|t| text::has_control(t, false))
    {
        problems.push(
            here.problem(
                span.clone(),
                format!(
                    "an author's name has a control character: {}",
                    text::quoted(bad)
                ),
            )
            .with(Severity::Escaped),
        );
    }
    match (family, given, literal) {
        (Some(family), given, None) if !family.is_empty() => Some(Author::Person { family, given }),
        (None, None, Some(literal)) if !literal.is_empty() => {
            Some(Author::Organisation { literal })
        }
        _ => {
            problems.push(here.problem(
                span,
                "an author is either { family = \"…\", given = \"…\" } or { literal = \"…\" }",
            ));
            None
        }
    }
}

/// The longest id: ids are typed and shown in every list.
const MAX_ID_CHARS: usize = 100;

/// Problems in one file after which an unknown topic gets no "did you mean".
const SUGGESTIONS_PER_FILE: usize = 1_000;
