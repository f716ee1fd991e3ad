//! Stage 4: placements merged into one entry per id, in the brief's order, and the catalogue made.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::check::{Placement, Section};
use super::model::{Author, BRIEF_ID, Brief, Catalogue, Entry, Kind, SeenAt, Topic};
use super::problem::{Problem, Severity};
use crate::text;

/// The catalogue from the checked parts, noting ids that clash or that break the id rule.
pub fn catalogue(
    brief: Brief,
    sections: Vec<Section>,
    placements: Vec<Vec<Placement>>,
    warnings: bool,
    problems: &mut Vec<Problem>,
) -> Catalogue {
    let placed = placements.iter().map(Vec::len).sum();
    let mut listed: HashMap<Arc<str>, Vec<String>> = HashMap::new();
    for placement in placements.iter().flatten() {
        let ids = listed.entry(Arc::clone(&placement.section)).or_default();
        ids.push(placement.entry.id.clone());
    }
    let merged = by_id(placements, placed, problems);
    // The id rule looks at the merged entry: a second placement may leave fields out. The brief's
    // own id is refused below.
    let warnings: Vec<Problem> = match warnings {
        false => Vec::new(),
        true => merged
            .par_iter()
            .filter(|first| first.entry.id != BRIEF_ID)
            .filter_map(|first| {
                let message = id_rule(&first.entry, &first.section)?;
                let problem = first.file.problem(first.id_span.clone(), message);
                Some(problem.with(Severity::Warning))
            })
            .collect(),
    };
    problems.extend(warnings);
    for first in &merged {
        let entry = &first.entry;
        if entry.id == BRIEF_ID || entry.aliases.iter().any(|alias| alias == BRIEF_ID) {
            problems.push(first.file.problem(
                first.id_span.clone(),
                format!(
                    "the id `{BRIEF_ID}` stands for the brief itself, where works are cited (`splw cite {BRIEF_ID}`): give this entry another"
                ),
            ));
        }
    }
    let entries: Vec<Entry> = merged.into_iter().map(|p| p.entry).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for topic in entries.iter().flat_map(|e| &e.topics) {
        *counts.entry(topic).or_default() += 1;
    }
    let topics = sections
        .into_iter()
        .map(|s| {
            let listed = listed.remove(s.id.as_str()).unwrap_or_default();
            Topic {
                count: counts.get(s.id.as_str()).copied().unwrap_or(0),
                listed_by_id: Topic::by_id(&listed),
                listed,
                id: s.id,
                label: s.label,
                group: s.group,
                page: s.page,
            }
        })
        .collect();
    Catalogue {
        brief,
        topics,
        entries,
        placements: placed,
    }
}

/// What an entry placed more than once already has of the lists that placements add to: a lookup,
/// so that merging a placement costs its own size, not that of all the placements before it (one
/// entry may stand in thousands of files, with thousands of topics).
struct Held {
    topics: HashSet<String>,
    seen_at: HashSet<SeenAt>,
}

impl Held {
    fn of(entry: &Entry) -> Held {
        Held {
            topics: entry.topics.iter().cloned().collect(),
            seen_at: entry.seen_at.iter().cloned().collect(),
        }
    }
}

/// One placement per id, the first, with any later ones merged into it. The placements come a
/// file at a time, and each file's are let go once merged: `placed` of them in all.
fn by_id<'a>(
    placements: Vec<Vec<Placement<'a>>>,
    placed: usize,
    problems: &mut Vec<Problem>,
) -> Vec<Placement<'a>> {
    let mut merged: Vec<Placement> = Vec::with_capacity(placed);
    // For each entry placed more than once, by its place in `merged`.
    let mut held: HashMap<usize, Held> = HashMap::new();
    // Every id and alias, to the position in `merged` of the entry it names.
    let mut names: HashMap<String, usize> = HashMap::new();
    // Ids already placed in this file (placements come a file at a time), to tell a duplicate in
    // one file from a second placement.
    let mut in_file: HashMap<String, usize> = HashMap::new();
    let mut file = "";
    for placement in placements.into_iter().flatten() {
        let here = placement.file;
        if here.name() != file {
            file = here.name();
            in_file.clear();
        }
        let id = placement.entry.id.clone();
        if let Some(first) = in_file.insert(id.clone(), placement.id_span.start) {
            problems.push(here.problem(
                placement.id_span,
                format!(
                    "duplicate id `{id}`: it is already used at line {} of this file",
                    here.position(first).0
                ),
            ));
            continue;
        }
        let at = names.get(&id).copied();
        match at.and_then(|i| merged.get_mut(i)) {
            Some(first) if first.entry.id == id => {
                let held = held
                    .entry(at.unwrap_or_default())
                    .or_insert_with(|| Held::of(&first.entry));
                let file = first.file.name();
                if let Some(message) = merge(&mut first.entry, placement.entry, file, held) {
                    problems.push(here.problem(placement.id_span, message));
                }
            }
            Some(other) => problems.push(here.problem(
                placement.id_span,
                format!(
                    "id `{id}` is already an alias of `{}` ({})",
                    other.entry.id,
                    other.file.name()
                ),
            )),
            None => {
                for alias in &placement.entry.aliases {
                    match names.get(alias).and_then(|&i| merged.get(i)) {
                        Some(other) => problems.push(here.problem(
                            placement.id_span.clone(),
                            format!(
                                "alias `{alias}` of `{id}` is already the name of `{}` ({})",
                                other.entry.id,
                                other.file.name()
                            ),
                        )),
                        None => {
                            names.insert(alias.clone(), merged.len());
                        }
                    }
                }
                names.insert(id, merged.len());
                merged.push(placement);
            }
        }
    }
    merged
}

/// Merges a second placement of an entry into the first: topics join; other fields must agree.
fn merge(first: &mut Entry, second: Entry, first_file: &str, held: &mut Held) -> Option<String> {
    let differs = |field: &str| {
        Some(format!(
            "`{}` is also in {first_file}, with a different `{field}`: the two must agree",
            first.id
        ))
    };
    if first.title != second.title {
        return differs("title");
    }
    if first.kind != second.kind {
        return differs("kind");
    }
    // Authors, like the fields below, may be given in one file and left out in the other.
    if first.authors.is_empty() {
        first.authors = second.authors;
        first.et_al = second.et_al;
    } else if !second.authors.is_empty()
        && (first.authors != second.authors || first.et_al != second.et_al)
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
    macro_rules! fill {
        ($($field:ident: $name:literal),+) => {
            $(match (&first.$field, second.$field) {
                (Some(a), Some(b)) if *a != b => return differs($name),
                (None, Some(b)) => first.$field = Some(b),
                _ => {}
            })+
        };
    }
    fill!(year: "year", month: "month", source: "source", journal: "journal", volume: "volume",
        issue: "issue", pages: "pages", doi: "doi", url: "url", access: "access",
        abstract_text: "abstract", notes: "notes");
    // The coding is given in one file, or alike in both: the evidence goes with its values.
    if !coding_agrees(
        (&mut first.design, &mut first.evidence),
        (second.design, second.evidence),
    ) {
        return differs("design");
    }
    if !coding_agrees(
        (&mut first.country, &mut first.country_evidence),
        (second.country, second.country_evidence),
    ) {
        return differs("country");
    }
    for seen in second.seen_at {
        if held.seen_at.insert(seen.clone()) {
            first.seen_at.push(seen);
        }
    }
    for topic in second.topics {
        if held.topics.insert(topic.clone()) {
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

/// Takes the second placement's coding (values and their evidence) where the first has none;
/// whether the two agree where both give one.
fn coding_agrees<V: PartialEq, E: PartialEq>(
    first: (&mut Vec<V>, &mut E),
    second: (Vec<V>, E),
) -> bool {
    if first.0.is_empty() {
        (*first.0, *first.1) = second;
        return true;
    }
    second.0.is_empty() || (*first.0 == second.0 && *first.1 == second.1)
}

/// Whether an entry's id breaks the id rule of brief/README.md: what is wrong, and the id the
/// rule would give. Characters outside `a-z0-9-` are an error; the rest is a convention.
fn id_rule(entry: &Entry, section: &str) -> Option<String> {
    let id = &entry.id;
    let shown = text::escape_line(id);
    if !text::is_slug(id) {
        return None;
    }
    if entry.kind == Kind::Signpost && entry.year.is_none() && entry.authors.is_empty() {
        return (id != section).then(|| {
            format!("id `{shown}` does not follow the id rule: a signpost's id is its section's, `{section}`")
        });
    }
    let year = entry
        .year
        .map_or_else(|| "nd".to_string(), |y| y.to_string());
    let (prefix, tail) = id.rsplit_once('-').unwrap_or(("", id));
    let letter = tail
        .strip_prefix(year.as_str())
        .filter(|s| s.len() <= 1 && s.bytes().all(|b| b.is_ascii_lowercase()));
    let person = match entry.authors.first() {
        Some(Author::Person { family, .. }) => Some(text::ascii_slug(family)),
        _ => None,
    };
    let expected_prefix = match &person {
        Some(family) if !family.is_empty() => family.as_str(),
        _ if !prefix.is_empty() => prefix,
        _ => "anon",
    };
    if letter.is_some() && prefix == expected_prefix {
        return None;
    }
    let rule = match &person {
        Some(_) => "the first author's family name and the year",
        None => "a short name of the source and the year",
    };
    Some(format!(
        "id `{shown}` does not follow the id rule ({rule}): it would be `{expected_prefix}-{year}{}`",
        letter.unwrap_or_default()
    ))
}
