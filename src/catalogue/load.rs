//! Section files in, a checked `Catalogue` out, with every problem found on the way.
//!
//! Files are parsed into raw serde structs (unknown fields are errors), by `plain_toml` where
//! they are plain and by `toml` otherwise, then converted into the checked types of `model`,
//! merging an entry that stands in two sections. A large brief is read, parsed and converted on
//! every core, a file at a time.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;

use super::model::{Access, Author, Brief, Catalogue, Enriched, Entry, Kind, Topic};
use super::plain_toml;
use crate::{parallel, text};

/// Files larger than this are refused unread: the whole brief is under 100 KiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One section file's name (as shown in messages) and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Something wrong with a brief, and where: `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line and column, where the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    pub message: String,
    /// Whether the brief cannot be used until it is fixed. Control characters are not blocking:
    /// `check` reports them, while the other commands show them escaped.
    pub blocking: bool,
}

impl Problem {
    fn new(file: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            at,
            message: message.into(),
            blocking: true,
        }
    }

    fn advisory(self) -> Problem {
        Problem {
            blocking: false,
            ..self
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Reads the `.toml` files of a brief folder, in name order. Other files, and hidden ones
/// (whose names start with `.`), are ignored.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Vec<Problem>> {
    let shown = dir.display().to_string();
    let folder_problem = |message: String| vec![Problem::new(&shown, None, message)];
    let metadata = fs::metadata(dir).map_err(|e| {
        folder_problem(format!(
            "cannot open the brief folder: {}",
            text::io_error(&e)
        ))
    })?;
    if !metadata.is_dir() {
        return Err(folder_problem(
            "is a file, not a folder: give the folder that holds the section files".into(),
        ));
    }
    let listing = fs::read_dir(dir).map_err(|e| {
        folder_problem(format!(
            "cannot list the brief folder: {}",
            text::io_error(&e)
        ))
    })?;
    // Each path with its size, to share the reading out evenly.
    let mut paths: Vec<(std::path::PathBuf, usize)> = Vec::new();
    for item in listing {
        let item = item.map_err(|e| {
            folder_problem(format!(
                "cannot list the brief folder: {}",
                text::io_error(&e)
            ))
        })?;
        let path = item.path();
        // Hidden files are an editor's, not the curator's: Emacs locks a file it edits as
        // `.#name.toml`, a link to nowhere, and vim and others leave hidden backups.
        let hidden = item.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.extension().is_some_and(|ext| ext == "toml") {
            // Only a weight for sharing out the reading: a link's own size will do.
            let size = item.metadata().map_or(0, |m| m.len());
            paths.push((path, usize::try_from(size).unwrap_or(usize::MAX)));
        }
    }
    if paths.is_empty() {
        return Err(folder_problem(
            "no section files in this folder (a brief folder holds .toml files: see brief/README.md)"
                .into(),
        ));
    }
    paths.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for result in parallel::each(paths, |(_, size)| *size, |(path, _)| read_file(&path)) {
        match result {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

fn read_file(path: &Path) -> Result<SourceFile, Problem> {
    let name = path.display().to_string();
    let problem = |message: String| Problem::new(&name, None, message);
    let cannot_read = |e: std::io::Error| problem(format!("cannot read: {}", text::io_error(&e)));
    // Look before opening: opening a named pipe would wait for a writer for ever.
    let metadata = fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(problem("is a folder, not a section file".into()));
    }
    if !metadata.is_file() {
        return Err(problem("is not a regular file (a pipe or device?)".into()));
    }
    let file = fs::File::open(path).map_err(cannot_read)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is {} bytes, over the limit of {MAX_FILE_BYTES} bytes (16 MiB) for a section file",
            metadata.len()
        )));
    }
    // Read at most one byte past the limit, in case the file grows while we read it. Sized
    // up front: `Take` hides the file's size from `read_to_end`, which would grow by doubling.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).map_or(0, |n| n + 1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is over the limit of {MAX_FILE_BYTES} bytes (16 MiB) for a section file"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        problem(format!(
            "is not valid UTF-8 text: invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(SourceFile { name, text })
}

// ---- Raw shapes: exactly what a file may say. ----

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    section: Option<Spanned<RawSection>>,
    brief: Option<Spanned<RawBrief>>,
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    title: Spanned<String>,
    group: Option<Spanned<String>>,
    page: Option<u32>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
struct RawBrief {
    title: Spanned<String>,
    author: Spanned<String>,
    year: Spanned<i64>,
    month: Spanned<i64>,
    publisher: Spanned<String>,
    place: Spanned<String>,
    produced_by: Spanned<String>,
    purpose: Spanned<String>,
    acknowledgement: Spanned<String>,
    updates: Spanned<String>,
    access_help: Spanned<String>,
    contact: Spanned<String>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    authors: Vec<Spanned<RawAuthor>>,
    et_al: Option<bool>,
    year: Option<Spanned<i64>>,
    month: Option<Spanned<i64>>,
    source: Option<Spanned<String>>,
    journal: Option<Spanned<String>>,
    volume: Option<Spanned<String>>,
    issue: Option<Spanned<String>>,
    pages: Option<Spanned<String>>,
    doi: Option<Spanned<String>>,
    access: Option<Spanned<String>>,
    topics: Spanned<Vec<Spanned<String>>>,
    #[serde(rename = "abstract")]
    abstract_text: Option<Spanned<String>>,
    notes: Option<Spanned<String>>,
    #[serde(default)]
    enriched: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    family: Option<String>,
    given: Option<String>,
    literal: Option<String>,
}

// ---- Building the catalogue. ----

/// What checking a brief found: the catalogue, and every problem (none means it loaded cleanly).
pub struct Report {
    pub catalogue: Catalogue,
    pub problems: Vec<Problem>,
}

/// A file's text with the means to turn byte offsets into line and column.
struct Located<'a> {
    file: &'a SourceFile,
    /// Where each line starts: found only once a problem needs a line number.
    line_starts: OnceLock<Vec<usize>>,
}

impl<'a> Located<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Located {
            file,
            line_starts: OnceLock::new(),
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let line_starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.file.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = line_starts.partition_point(|&start| start <= offset).max(1);
        // `line` is at least 1, and at most the number of line starts.
        let start = line_starts[line - 1];
        let column = self
            .file
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        (line, column)
    }

    fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem::new(&self.file.name, Some(self.position(span.start)), message)
    }
}

struct Section {
    id: String,
    label: String,
    group: Option<String>,
    page: Option<u32>,
}

/// Where an entry was first written, for messages about it once merged.
struct Origin<'a> {
    file: &'a Located<'a>,
    /// The byte offset of its id.
    offset: usize,
    section: String,
}

/// Parses, checks and merges the files of a brief. Problems do not stop the work, so that
/// `splw check` can report all of them.
pub fn build(files: &[SourceFile]) -> Report {
    let mut problems = Vec::new();
    let located: Vec<Located> = files.iter().map(Located::new).collect();
    // The plain reader takes what brief files are usually written in, several times faster;
    // `toml` reads the rest, and words every error.
    let parse = |here: &Located| {
        let text = &here.file.text;
        plain_toml::from_str::<RawFile>(text).map_or_else(|| toml::from_str(text), Ok)
    };
    let results = parallel::each(located.iter().collect(), |here| here.file.text.len(), parse);
    let mut parsed: Vec<(&Located, RawFile)> = Vec::new();
    for (here, result) in located.iter().zip(results) {
        match result {
            Ok(raw) => parsed.push((here, raw)),
            Err(error) => problems.push(parse_problem(here, &error)),
        }
    }

    // First pass: the sections, since any entry may name any section as a topic.
    let mut sections: Vec<Section> = Vec::new();
    let mut brief: Option<Brief> = None;
    let mut brief_file: Option<String> = None;
    for (located, raw) in &parsed {
        match (&raw.section, &raw.brief) {
            (Some(section), None) => {
                let raw_section = section.get_ref();
                let id = raw_section.id.get_ref().trim().to_string();
                if !text::is_slug(&id) {
                    problems.push(located.problem(
                        raw_section.id.span(),
                        format!("section id `{id}` should be lowercase letters, digits and `-`"),
                    ));
                }
                if sections.iter().any(|s| s.id == id) {
                    problems.push(located.problem(
                        raw_section.id.span(),
                        format!("section `{id}` is declared in another file too"),
                    ));
                }
                let label =
                    checked_line(located, raw_section.title.clone(), "title", &mut problems);
                let group = raw_section
                    .group
                    .clone()
                    .map(|g| checked_line(located, g, "group", &mut problems));
                sections.push(Section {
                    id,
                    label,
                    group,
                    page: raw_section.page,
                });
            }
            (None, Some(front)) => {
                if let Some(first) = &brief_file {
                    problems.push(located.problem(
                        front.span(),
                        format!("a second [brief] table: the front matter is already in {first}"),
                    ));
                } else {
                    brief = Some(convert_brief(located, front.get_ref(), &mut problems));
                    brief_file = Some(located.file.name.clone());
                }
                if let Some(entry) = raw.entry.first() {
                    problems.push(located.problem(
                        entry.span(),
                        "entries belong in a section file, not in the front matter file",
                    ));
                }
            }
            (Some(_), Some(front)) => problems.push(located.problem(
                front.span(),
                "a file holds either a [section] or the [brief] front matter, not both",
            )),
            (None, None) => problems.push(Problem::new(
                &located.file.name,
                Some((1, 1)),
                "this file has neither a [section] table nor a [brief] table",
            )),
        }
    }
    if let (None, Some(first)) = (&brief, files.first()) {
        problems.push(Problem::new(
            &first.name,
            None,
            "no front matter: none of the brief's files has a [brief] table",
        ));
    }

    // Second pass: the entries, in the brief's order, merged by id.
    let topic_ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
    // A file that did not parse declares a section no one can see: its topic is then not
    // reported as unknown in every other file, on top of the file's own problem.
    let sections_known = parsed.len() == files.len();
    let mut entries: Vec<Entry> = Vec::new();
    let mut origins: Vec<Origin> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut placements = 0;
    // Each file's entries are converted on their own, on every core for a large brief; then
    // merged by id, in the brief's order.
    let sectioned: Vec<_> = parsed
        .into_iter()
        .filter_map(|(located, raw)| {
            let id = raw.section?.into_inner().id.into_inner();
            Some((located, id.trim().to_string(), raw.entry))
        })
        .collect();
    let topic_ids = &topic_ids[..];
    let converted = parallel::each(
        sectioned,
        |(located, ..)| located.file.text.len(),
        |(located, section_id, raw_entries)| {
            let mut problems = Vec::new();
            let entries: Vec<(Entry, Range<usize>)> = raw_entries
                .into_iter()
                .map(|raw| {
                    let id_span = raw.get_ref().id.span();
                    let checking = (topic_ids, sections_known);
                    let entry = convert_entry(
                        located,
                        raw.into_inner(),
                        &section_id,
                        checking,
                        &mut problems,
                    );
                    (entry, id_span)
                })
                .collect();
            (located, section_id, entries, problems)
        },
    );
    for (located, section_id, file_entries, file_problems) in converted {
        problems.extend(file_problems);
        let mut ids_here: HashMap<String, usize> = HashMap::new();
        for (entry, id_span) in file_entries {
            placements += 1;
            if let Some(first) = ids_here.insert(entry.id.clone(), id_span.start) {
                problems.push(located.problem(
                    id_span,
                    format!(
                        "duplicate id `{}`: it is already used at line {} of this file",
                        entry.id,
                        located.position(first).0
                    ),
                ));
                continue;
            }
            // Indexing is safe here: `by_name` only holds positions of `entries` (and of
            // `origins`, which grows with it).
            match by_name.get(&entry.id) {
                Some(&index) if entries[index].id == entry.id => {
                    let first_file = &origins[index].file.file.name;
                    if let Some(message) = merge(&mut entries[index], entry, first_file) {
                        problems.push(located.problem(id_span, message));
                    }
                }
                Some(&index) => problems.push(located.problem(
                    id_span,
                    format!(
                        "id `{}` is already an alias of `{}` ({})",
                        entry.id, entries[index].id, origins[index].file.file.name
                    ),
                )),
                None => {
                    let index = entries.len();
                    for alias in &entry.aliases {
                        if let Some(&other) = by_name.get(alias) {
                            problems.push(located.problem(
                                id_span.clone(),
                                format!(
                                    "alias `{alias}` of `{}` is already the name of `{}` ({})",
                                    entry.id, entries[other].id, origins[other].file.file.name
                                ),
                            ));
                        } else {
                            by_name.insert(alias.clone(), index);
                        }
                    }
                    by_name.insert(entry.id.clone(), index);
                    origins.push(Origin {
                        file: located,
                        offset: id_span.start,
                        section: section_id.to_string(),
                    });
                    entries.push(entry);
                }
            }
        }
    }

    // The id rule looks at the merged entry: a second placement may leave fields out.
    for (entry, origin) in entries.iter().zip(&origins) {
        if let Some(message) = id_rule_problem(entry, &origin.section) {
            problems.push(origin.file.problem(origin.offset..origin.offset, message));
        }
    }
    problems.sort_by(|a, b| (&a.file, a.at).cmp(&(&b.file, b.at)));
    let topics = sections
        .into_iter()
        .map(|s| Topic {
            count: entries.iter().filter(|e| e.topics.contains(&s.id)).count(),
            id: s.id,
            label: s.label,
            group: s.group,
            page: s.page,
        })
        .collect();
    Report {
        catalogue: Catalogue {
            brief: brief.unwrap_or_else(Brief::empty),
            topics,
            entries,
            placements,
        },
        problems,
    }
}

/// A syntax, type or unknown-field error from the TOML parser, with the nearest field suggested.
fn parse_problem(located: &Located, error: &toml::de::Error) -> Problem {
    let message = error.message().trim();
    let message = match unknown_field_hint(message) {
        Some(hint) => hint,
        None => plain_types(&message.replace('\n', " ")),
    };
    match error.span() {
        Some(span) => located.problem(span, message),
        None => Problem::new(&located.file.name, None, message),
    }
}

/// serde's type names in words a person editing a file knows.
fn plain_types(message: &str) -> String {
    [
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected a string", "expected text in quotes"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list in [ ]"),
        ("invalid type: string", "wrong type: text"),
        ("invalid type: integer", "wrong type: number"),
        ("invalid type: sequence", "wrong type: list"),
        ("invalid type: map", "wrong type: table"),
        ("invalid type: boolean", "wrong type: boolean"),
    ]
    .iter()
    .fold(message.to_string(), |text, (from, to)| {
        text.replace(from, to)
    })
}

/// Turns serde's "unknown field `yaer`, expected one of `id`, …" into a suggestion.
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    Some(match text::closest(field, known.iter().copied()) {
        Some(near) => format!("unknown field `{field}`; did you mean `{near}`?"),
        None => format!(
            "unknown field `{field}`; the fields are {}",
            known.join(", ")
        ),
    })
}

fn convert_brief(located: &Located, raw: &RawBrief, problems: &mut Vec<Problem>) -> Brief {
    let line = |value: &Spanned<String>, name: &str, problems: &mut Vec<Problem>| {
        checked_line(located, value.clone(), name, problems)
    };
    let block = |value: &Spanned<String>, name: &str, problems: &mut Vec<Problem>| {
        checked_block(located, value.clone(), name, problems)
    };
    let year = checked_year(located, &raw.year, problems).unwrap_or_default();
    let month = checked_month(located, &raw.month, problems).unwrap_or_default();
    Brief {
        title: line(&raw.title, "title", problems),
        author: line(&raw.author, "author", problems),
        year,
        month,
        publisher: line(&raw.publisher, "publisher", problems),
        place: line(&raw.place, "place", problems),
        produced_by: line(&raw.produced_by, "produced_by", problems),
        purpose: block(&raw.purpose, "purpose", problems),
        acknowledgement: line(&raw.acknowledgement, "acknowledgement", problems),
        updates: block(&raw.updates, "updates", problems),
        access_help: block(&raw.access_help, "access_help", problems),
        contact: line(&raw.contact, "contact", problems),
    }
}

fn convert_entry(
    located: &Located,
    raw: RawEntry,
    section_id: &str,
    (topic_ids, sections_known): (&[&str], bool),
    problems: &mut Vec<Problem>,
) -> Entry {
    let id = trimmed(raw.id.into_inner());
    let title_span = raw.title.span();
    let title = checked_line(located, raw.title, "title", problems);
    if title.is_empty() {
        problems.push(located.problem(title_span, format!("`{id}` has an empty title")));
    }
    let kind = match Kind::parse(raw.kind.get_ref().trim()) {
        Some(kind) => kind,
        None => {
            problems.push(located.problem(
                raw.kind.span(),
                unknown_value(
                    "kind",
                    raw.kind.get_ref(),
                    Kind::ALL.iter().map(|k| k.as_str()),
                ),
            ));
            Kind::WebPage
        }
    };
    let access = raw.access.as_ref().and_then(|access| {
        let parsed = Access::parse(access.get_ref().trim());
        if parsed.is_none() {
            problems.push(located.problem(
                access.span(),
                unknown_value(
                    "access",
                    access.get_ref(),
                    Access::ALL.iter().map(|a| a.as_str()),
                ),
            ));
        }
        parsed
    });
    let enriched = raw
        .enriched
        .iter()
        .filter_map(|field| {
            let parsed = Enriched::parse(field.get_ref().trim());
            if parsed.is_none() {
                problems.push(located.problem(
                    field.span(),
                    unknown_value(
                        "enriched field",
                        field.get_ref(),
                        Enriched::ALL.iter().map(|e| e.as_str()),
                    ),
                ));
            }
            parsed
        })
        .collect();

    let authors = raw
        .authors
        .into_iter()
        .filter_map(|author| convert_author(located, author, problems))
        .collect();
    let year = raw
        .year
        .as_ref()
        .and_then(|y| checked_year(located, y, problems));
    let month = raw
        .month
        .as_ref()
        .and_then(|m| checked_month(located, m, problems));
    if let (Some(month), None) = (&raw.month, &raw.year) {
        problems.push(located.problem(month.span(), "a month is given but no year"));
    }

    let optional_line =
        |value: Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>| {
            value.map(|v| checked_line(located, v, name, problems))
        };
    let optional_block =
        |value: Option<Spanned<String>>, name: &str, problems: &mut Vec<Problem>| {
            value.map(|v| checked_block(located, v, name, problems))
        };
    let doi_span = raw.doi.as_ref().map(Spanned::span);
    let doi = optional_line(raw.doi, "doi", problems);
    if let (Some(doi), Some(doi_span)) = (&doi, doi_span) {
        if !(doi.starts_with("10.") && doi.contains('/')) {
            problems.push(located.problem(
                doi_span,
                format!("DOI `{doi}` should start with `10.` and contain a `/`"),
            ));
        }
    }

    let mut topics: Vec<String> = Vec::new();
    for topic in raw.topics.get_ref() {
        let name = topic.get_ref().trim().to_string();
        if !topic_ids.contains(&name.as_str()) {
            if sections_known {
                problems.push(located.problem(
                    topic.span(),
                    unknown_value("topic", &name, topic_ids.iter().copied()),
                ));
            }
        } else if topics.contains(&name) {
            problems.push(located.problem(topic.span(), format!("topic `{name}` is listed twice")));
        } else {
            topics.push(name);
        }
    }
    match raw.topics.get_ref().first() {
        None => problems.push(located.problem(
            raw.topics.span(),
            format!(
                "`{id}` has no topics: the first should be this file's section, `{section_id}`"
            ),
        )),
        Some(first)
            if first.get_ref().trim() != section_id
                && topic_ids.contains(&first.get_ref().trim()) =>
        {
            problems.push(located.problem(
                first.span(),
                format!("the first topic should be this file's section, `{section_id}`"),
            ))
        }
        Some(_) => {}
    }

    let mut aliases = Vec::new();
    for alias in &raw.aliases {
        let name = alias.get_ref().trim().to_string();
        if !text::is_slug(&name) {
            problems.push(located.problem(
                alias.span(),
                format!("alias `{name}` should be lowercase letters, digits and `-`"),
            ));
        }
        aliases.push(name);
    }

    Entry {
        id,
        aliases,
        title,
        kind,
        authors,
        et_al: raw.et_al.unwrap_or(false),
        year,
        month,
        source: optional_line(raw.source, "source", problems),
        journal: optional_line(raw.journal, "journal", problems),
        volume: optional_line(raw.volume, "volume", problems),
        issue: optional_line(raw.issue, "issue", problems),
        pages: optional_line(raw.pages, "pages", problems),
        doi,
        topics,
        access,
        abstract_text: optional_block(raw.abstract_text, "abstract", problems),
        notes: optional_block(raw.notes, "notes", problems),
        enriched,
    }
}

fn convert_author(
    located: &Located,
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
    let fields = [&family, &given, &literal];
    if let Some(bad) = fields
        .iter()
        .copied()
        .flatten()
        .find(|t| text::has_control(t, false))
    {
        problems.push(
            located
                .problem(
                    span.clone(),
                    format!(
                        "an author's name has a control character: {}",
                        text::escape_line(bad)
                    ),
                )
                .advisory(),
        );
    }
    match (family, given, literal) {
        (Some(family), given, None) if !family.is_empty() => Some(Author::Person { family, given }),
        (None, None, Some(literal)) if !literal.is_empty() => {
            Some(Author::Organisation { literal })
        }
        _ => {
            problems.push(located.problem(
                span,
                "an author is either { family = \"…\", given = \"…\" } or { literal = \"…\" }",
            ));
            None
        }
    }
}

/// The id rule of brief/README.md, or what the id should look like instead.
fn id_rule_problem(entry: &Entry, section_id: &str) -> Option<String> {
    let id = &entry.id;
    if !text::is_slug(id) {
        return Some(format!(
            "id `{id}` should be lowercase letters, digits and `-`"
        ));
    }
    if entry.kind == Kind::Signpost && entry.year.is_none() && entry.authors.is_empty() {
        return (id != section_id)
            .then(|| format!("a signpost's id is its section's id: `{section_id}`, not `{id}`"));
    }
    let year = entry
        .year
        .map_or_else(|| "nd".to_string(), |y| y.to_string());
    let (prefix, tail) = id.rsplit_once('-').unwrap_or(("", id));
    let suffix_ok = tail.strip_prefix(year.as_str()).is_some_and(|s| {
        s.is_empty() || (s.len() == 1 && s.bytes().all(|b| b.is_ascii_lowercase()))
    });
    if !suffix_ok || prefix.is_empty() {
        return Some(format!(
            "id `{id}` should end in `-{year}` (the entry's year{}), with `a`, `b`, … only where ids collide",
            if entry.year.is_none() {
                ", `nd` for none"
            } else {
                ""
            }
        ));
    }
    if let Some(Author::Person { family, .. }) = entry.authors.first() {
        let expected = text::ascii_slug(family);
        if prefix != expected {
            return Some(format!(
                "id `{id}` should start with `{expected}`, the first author's family name"
            ));
        }
    }
    None
}

/// Merges a second placement of an entry into the first: topics join; other fields must agree.
fn merge(first: &mut Entry, second: Entry, first_file: &str) -> Option<String> {
    macro_rules! agree {
        ($($field:ident: $name:literal),+) => {
            $(
                if first.$field != second.$field {
                    return Some(format!(
                        "`{}` is also in {first_file}, with a different `{}`: the two must agree",
                        first.id, $name
                    ));
                }
            )+
        };
    }
    macro_rules! fill {
        ($($field:ident: $name:literal),+) => {
            $(
                match (&first.$field, second.$field) {
                    (Some(a), Some(b)) if *a != b => {
                        return Some(format!(
                            "`{}` is also in {first_file}, with a different `{}`: the two must agree",
                            first.id, $name
                        ));
                    }
                    (None, Some(b)) => first.$field = Some(b),
                    _ => {}
                }
            )+
        };
    }
    agree!(title: "title", kind: "kind");
    if (!second.authors.is_empty() && first.authors != second.authors)
        || second.et_al != first.et_al
    {
        return Some(format!(
            "`{}` is also in {first_file}, with different `authors`: the two must agree",
            first.id
        ));
    }
    if !second.aliases.is_empty() && first.aliases != second.aliases {
        return Some(format!(
            "`{}` is also in {first_file}, with different `aliases`: give them in one file only",
            first.id
        ));
    }
    fill!(year: "year", month: "month", source: "source", journal: "journal", volume: "volume",
        issue: "issue", pages: "pages", doi: "doi", access: "access", abstract_text: "abstract",
        notes: "notes");
    for topic in second.topics {
        if !first.topics.contains(&topic) {
            first.topics.push(topic);
        }
    }
    for field in second.enriched {
        if !first.enriched.contains(&field) {
            first.enriched.push(field);
        }
    }
    None
}

fn unknown_value<'a>(
    what: &str,
    value: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let value = value.trim();
    match text::closest(value, known.clone()) {
        Some(near) => format!("unknown {what} `{value}`; did you mean `{near}`?"),
        None => format!(
            "unknown {what} `{value}`; it should be one of: {}",
            known.collect::<Vec<_>>().join(", ")
        ),
    }
}

/// A one-line text: trimmed, with no control characters (newlines included).
fn checked_line(
    located: &Located,
    value: Spanned<String>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> String {
    checked_text(located, value, name, false, problems)
}

/// A text of paragraphs: trimmed, with newlines but no other control characters.
fn checked_block(
    located: &Located,
    value: Spanned<String>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> String {
    checked_text(located, value, name, true, problems)
}

fn checked_text(
    located: &Located,
    value: Spanned<String>,
    name: &str,
    newlines: bool,
    problems: &mut Vec<Problem>,
) -> String {
    let span = value.span();
    let text = trimmed(value.into_inner());
    if text::has_control(&text, newlines) {
        problems.push(
            located
                .problem(
                    span,
                    format!(
                        "`{name}` has a control character: {}",
                        text::escape_line(&text)
                    ),
                )
                .advisory(),
        );
    }
    text
}

/// `text` without white space at either end, in the same allocation: the loader moves every
/// text of a brief into the catalogue rather than copying it.
fn trimmed(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

fn checked_year(
    located: &Located,
    year: &Spanned<i64>,
    problems: &mut Vec<Problem>,
) -> Option<i32> {
    let latest = i64::from(text::current_year()) + 1;
    let value = *year.get_ref();
    if (1900..=latest).contains(&value) {
        i32::try_from(value).ok()
    } else {
        problems.push(located.problem(
            year.span(),
            format!("year {value} is outside 1900 to {latest}"),
        ));
        None
    }
}

fn checked_month(
    located: &Located,
    month: &Spanned<i64>,
    problems: &mut Vec<Problem>,
) -> Option<u8> {
    let value = *month.get_ref();
    match u8::try_from(value) {
        Ok(m @ 1..=12) => Some(m),
        _ => {
            problems
                .push(located.problem(month.span(), format!("month {value} is outside 1 to 12")));
            None
        }
    }
}

impl Brief {
    fn empty() -> Brief {
        Brief {
            title: String::new(),
            author: String::new(),
            year: 0,
            month: 0,
            publisher: String::new(),
            place: String::new(),
            produced_by: String::new(),
            purpose: String::new(),
            acknowledgement: String::new(),
            updates: String::new(),
            access_help: String::new(),
            contact: String::new(),
        }
    }
}
