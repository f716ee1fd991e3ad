//! Which entries a command is given: the works the filters select, and the entries named by id,
//! alias or as a writer cites them ("Kiely 2022"). Every command that takes filters or ids selects
//! through here.

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output;
use crate::search::Query;
use crate::text;

/// The works that the filters select, in the brief's order: none is a "no match" (exit 1).
pub fn works<'a>(catalogue: &'a Catalogue, filters: &Criteria) -> Result<Vec<&'a Entry>, Failure> {
    let entries = matching(catalogue, &Filter::new(filters, catalogue)?);
    if entries.is_empty() {
        return Err(none_match());
    }
    Ok(entries)
}

/// The entries `filter` lets through, in the brief's order.
pub fn matching<'a>(catalogue: &'a Catalogue, filter: &Filter) -> Vec<&'a Entry> {
    catalogue
        .entries
        .iter()
        .filter(|e| filter.matches(e))
        .collect()
}

/// What a selection that holds nothing says.
pub fn none_match() -> Failure {
    Failure::NoMatch("No entries match those filters.".into())
}

/// The entries named, each by id, alias or as a writer cites it, in the order given.
pub fn named<'a>(catalogue: &'a Catalogue, given: &[String]) -> Result<Vec<&'a Entry>, Failure> {
    names(catalogue, given)
        .iter()
        .map(|name| resolve(catalogue, name))
        .collect()
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
    let slug: Vec<String> = wanted.split_whitespace().map(text::ascii_slug).collect();
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
                    text::quoted(wanted),
                    ids.join(", ")
                )));
            }
        }
    }
    Err(not_found(catalogue, wanted))
}

/// Why no entry is called `wanted`: the ids it could be a slip for, or the search it could be,
/// or how to find one.
fn not_found(catalogue: &Catalogue, wanted: &str) -> Failure {
    // Text longer than any id is no typo of one: suggesting costs nothing then.
    let typo = wanted.chars().nth(crate::search::MAX_QUERY_CHARS).is_none();
    let shown = text::quoted(wanted);
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
            .map(|(_, e)| {
                format!(
                    "{} ({})",
                    e.id,
                    text::escape_line(&output::shorten(&e.title, 40))
                )
            })
            .collect();
        if !near.is_empty() {
            return Failure::Usage(format!(
                "no entry `{shown}`; did you mean {}?",
                near.join(", ")
            ));
        }
        // Not an id, but words that works are about: a search, not a slip.
        if let Ok(query) = Query::new(wanted) {
            let found = query
                .run(catalogue, None, catalogue.entries.iter())
                .hits
                .len();
            if found > 0 {
                return Failure::Usage(format!(
                    "no entry `{shown}`\n`splw find {shown}` searches for it: {}",
                    text::count(found, "work matches", "works match")
                ));
            }
        }
    }
    Failure::Usage(format!(
        "no entry `{shown}`\n`splw list` lists every id; `splw find WORDS` searches titles and abstracts"
    ))
}
