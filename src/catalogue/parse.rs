//! Stage 2: each file's TOML parsed into raw shapes: exactly what a file may say, with where it
//! says it. Unknown fields are errors; required fields are checked in the next stage, so that
//! all that are missing are reported at once.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use super::problem::{Located, Problem};
use crate::text;

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub section: Option<Spanned<RawSection>>,
    pub brief: Option<Spanned<RawBrief>>,
    #[serde(default)]
    pub entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub group: Option<Spanned<String>>,
    pub page: Option<u32>,
}

/// The front matter: only the title is required, so that a brief started from scratch loads.
#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
pub struct RawBrief {
    pub title: Option<Spanned<String>>,
    pub author: Option<Spanned<String>>,
    pub year: Option<Spanned<i64>>,
    pub month: Option<Spanned<i64>>,
    pub publisher: Option<Spanned<String>>,
    pub place: Option<Spanned<String>>,
    pub produced_by: Option<Spanned<String>>,
    pub purpose: Option<Spanned<String>>,
    pub acknowledgement: Option<Spanned<String>>,
    pub updates: Option<Spanned<String>>,
    pub access_help: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    #[serde(default)]
    pub authors: Vec<Spanned<RawAuthor>>,
    pub et_al: Option<bool>,
    pub year: Option<Spanned<i64>>,
    pub month: Option<Spanned<i64>>,
    pub source: Option<Spanned<String>>,
    pub journal: Option<Spanned<String>>,
    pub volume: Option<Spanned<String>>,
    pub issue: Option<Spanned<String>>,
    pub pages: Option<Spanned<String>>,
    pub doi: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    /// Each enriched field's record: `{ url = "https://…" }`.
    #[serde(default)]
    pub seen_at: BTreeMap<String, Spanned<String>>,
    pub access: Option<Spanned<String>>,
    pub topics: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(rename = "abstract")]
    pub abstract_text: Option<Spanned<String>>,
    pub notes: Option<Spanned<String>>,
    #[serde(default)]
    pub enriched: Vec<Spanned<String>>,
    /// splw's coding (see `coding`): `design = ["qualitative"]`, and the words that state it,
    /// `evidence = { qualitative = "…" }`; the same for `country`.
    #[serde(default)]
    pub design: Vec<Spanned<String>>,
    #[serde(default)]
    pub evidence: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub country: Vec<Spanned<String>>,
    #[serde(default)]
    pub country_evidence: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[cfg_attr(any(test, fuzzing), derive(Debug))]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    pub family: Option<String>,
    pub given: Option<String>,
    pub literal: Option<String>,
}

/// Each file parsed, beside its place for messages; a file that does not parse is a problem.
pub fn files<'a>(
    located: &'a [Located<'a>],
    problems: &mut Vec<Problem>,
) -> Vec<(&'a Located<'a>, RawFile)> {
    // Parsing is most of loading a large brief: rayon shares the files among the cores, in order.
    let results: Vec<_> = located
        .par_iter()
        .map(|here| (here, toml::from_str::<RawFile>(&here.file.text)))
        .collect();
    let mut parsed = Vec::new();
    for (here, result) in results {
        match result {
            Ok(raw) => parsed.push((here, raw)),
            Err(error) => problems.push(parse_problem(here, &error)),
        }
    }
    parsed
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
        None => Problem::new(located.name(), None, message),
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
    let field = text::escape_line(field);
    Some(match text::closest(&field, known.iter().copied()) {
        Some(near) => format!("unknown field `{field}`; did you mean `{near}`?"),
        None => format!(
            "unknown field `{field}`; the fields are {}",
            known.join(", ")
        ),
    })
}
