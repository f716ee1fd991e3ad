//! splw's coding of each entry: its study design and country, with the words of the entry's own
//! title or abstract that state them (brief/README.md gives the vocabulary and the rules). The
//! checks here hold a curator to those rules: a known design, at most two, evidence for each
//! coded value, and every phrase word for word in the title or abstract.

use std::collections::{BTreeMap, HashSet};

use toml::Spanned;

use super::model::Design;
use super::parse::RawEntry;
use super::problem::{Located, Problem};
use super::values::{checked_line, closed, unknown_value};
use crate::text;

/// Designs an entry may be coded with: the two that best describe the study's own method.
const MAX_DESIGNS: usize = 2;

/// The most countries a work is coded with: each one's evidence is looked for in the whole title
/// and abstract, so that a work of 250,000 countries and an abstract of 8 MB would take hours.
const MAX_COUNTRIES: usize = 50;

/// An entry's coding as its file gives it.
pub struct Raw {
    pub design: Vec<Spanned<String>>,
    pub evidence: BTreeMap<String, Spanned<String>>,
    pub country: Vec<Spanned<String>>,
    pub country_evidence: BTreeMap<String, Spanned<String>>,
}

impl Raw {
    /// The coding of a raw entry, taken out of it.
    pub fn take(entry: &mut RawEntry) -> Raw {
        Raw {
            design: std::mem::take(&mut entry.design),
            evidence: std::mem::take(&mut entry.evidence),
            country: std::mem::take(&mut entry.country),
            country_evidence: std::mem::take(&mut entry.country_evidence),
        }
    }
}

/// An entry's coding, checked.
pub struct Coding {
    pub design: Vec<Design>,
    pub evidence: BTreeMap<Design, String>,
    pub country: Vec<String>,
    pub country_evidence: BTreeMap<String, String>,
}

/// The coding, checked against the vocabulary and against `words`: the entry's title and
/// abstract as this file gives them.
pub fn checked(here: &Located, raw: Raw, words: &[&str], problems: &mut Vec<Problem>) -> Coding {
    let mut design = Vec::new();
    for value in &raw.design {
        let Some(parsed) = closed(here, value, "design", Design::parse, Design::ALL, problems)
        else {
            continue;
        };
        if design.contains(&parsed) {
            problems.push(here.problem(value.span(), format!("design `{parsed}` is listed twice")));
            continue;
        }
        if design.len() == MAX_DESIGNS {
            problems.push(here.problem(
                value.span(),
                format!(
                    "more than {MAX_DESIGNS} designs: code the {MAX_DESIGNS} that best describe the study's own method"
                ),
            ));
        }
        if parsed != Design::NotResearch && !raw.evidence.contains_key(parsed.as_str()) {
            let message = no_evidence("design", "evidence", parsed.as_str());
            problems.push(here.problem(value.span(), message));
        }
        design.push(parsed);
    }
    let mut evidence = BTreeMap::new();
    for (name, phrase) in raw.evidence {
        let Some(value) = Design::parse(name.trim()) else {
            let names = Design::ALL.iter().map(|d| d.as_str());
            let message = unknown_value("design in `evidence`", &name, names, true);
            problems.push(here.problem(phrase.span(), message));
            continue;
        };
        if !design.contains(&value) {
            problems.push(here.problem(phrase.span(), not_coded("design", &name)));
        }
        evidence.insert(value, verbatim(here, phrase, &name, words, problems));
    }
    let mut country: Vec<String> = Vec::new();
    let named: HashSet<&str> = raw.country.iter().map(|c| c.get_ref().trim()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for value in &raw.country {
        let span = value.span();
        let name = checked_line(here, value.clone(), "country", problems);
        if name.is_empty() {
            problems.push(here.problem(span, "an empty country: name it, or leave it out"));
        } else if !seen.insert(value.get_ref().trim()) {
            problems.push(here.problem(
                span,
                format!("country `{}` is listed twice", text::quoted(&name)),
            ));
        } else if country.len() == MAX_COUNTRIES {
            problems.push(here.problem(
                span,
                format!(
                    "more than {MAX_COUNTRIES} countries: code the countries the work itself studies"
                ),
            ));
        } else {
            if !raw.country_evidence.contains_key(&name) {
                problems
                    .push(here.problem(span, no_evidence("country", "country_evidence", &name)));
            }
            country.push(name);
        }
    }
    let coded: HashSet<&str> = country.iter().map(String::as_str).collect();
    let mut country_evidence = BTreeMap::new();
    for (name, phrase) in raw.country_evidence {
        if !named.contains(name.as_str()) {
            problems.push(here.problem(phrase.span(), not_coded("country", &name)));
        }
        // Looked for only where its country is coded: no more than MAX_COUNTRIES searches.
        let phrase = match coded.contains(name.trim()) {
            true => verbatim(here, phrase, &name, words, problems),
            false => checked_line(here, phrase, "evidence", problems),
        };
        country_evidence.insert(name, phrase);
    }
    Coding {
        design,
        evidence,
        country,
        country_evidence,
    }
}

/// "design `survey` has no evidence: …", with the line that would give it.
fn no_evidence(what: &str, table: &str, value: &str) -> String {
    let bare = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let key = if bare {
        value.to_string()
    } else {
        format!("\"{value}\"")
    };
    format!(
        "{what} `{}` has no evidence: give the words of the title or abstract that state it, as `{table} = {{ {} = \"…\" }}`",
        text::quoted(value),
        text::quoted(&key)
    )
}

fn not_coded(what: &str, value: &str) -> String {
    format!(
        "evidence for {what} `{}`, which is not in `{what}`",
        text::quoted(value)
    )
}

/// An evidence phrase, which must stand word for word in the title or abstract.
fn verbatim(
    here: &Located,
    phrase: Spanned<String>,
    value: &str,
    words: &[&str],
    problems: &mut Vec<Problem>,
) -> String {
    let span = phrase.span();
    let phrase = checked_line(here, phrase, "evidence", problems);
    let value = text::quoted(value);
    if phrase.is_empty() {
        problems.push(here.problem(span, format!("the evidence for `{value}` is empty")));
    } else if !words.iter().any(|w| w.contains(phrase.as_str())) {
        problems.push(here.problem(
            span,
            format!(
                "the evidence for `{value}` is not in the title or abstract, word for word: \"{}\"",
                text::quoted(&phrase)
            ),
        ));
    }
    phrase
}
