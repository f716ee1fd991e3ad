//! The filters of `list`, `find` and `cite`: parsed from the command line, resolved against the
//! catalogue once, then tested against each entry.

use std::fmt;
use std::str::FromStr;

use crate::catalogue::{Access, Author, Catalogue, Design, Entry, Kind, Topic};
use crate::error::Failure;
use crate::text;

/// What a person asked for, as given: topics as typed, names and journals as typed. Different
/// criteria must all hold; several values of one accept any of them.
#[derive(Debug, Clone, Default)]
pub struct Criteria {
    pub topics: Vec<String>,
    /// Sections as typed: only the entries the brief lists there, not those tagged.
    pub sections: Vec<String>,
    pub years: Vec<YearRange>,
    pub kinds: Vec<Kind>,
    pub authors: Vec<String>,
    pub journals: Vec<String>,
    pub access: Vec<Access>,
    pub designs: Vec<Design>,
    pub countries: Vec<String>,
}

impl Criteria {
    /// The criteria as options on a command line: `--topic loneliness --year 2020..`.
    pub fn arguments(&self) -> String {
        let mut arguments: Vec<String> = Vec::new();
        let mut add = |option: &str, values: Vec<String>| {
            for value in values {
                let value = if value.contains(' ') {
                    format!("\"{value}\"")
                } else {
                    value
                };
                arguments.push(format!("--{option} {value}"));
            }
        };
        let shown = |values: &[String]| -> Vec<String> {
            values
                .iter()
                .map(|v| text::escape_line(v).into_owned())
                .collect()
        };
        add("topic", shown(&self.topics));
        add("section", shown(&self.sections));
        add("year", self.years.iter().map(ToString::to_string).collect());
        add("kind", self.kinds.iter().map(ToString::to_string).collect());
        add("author", shown(&self.authors));
        add("journal", shown(&self.journals));
        add(
            "access",
            self.access.iter().map(ToString::to_string).collect(),
        );
        add(
            "design",
            self.designs.iter().map(ToString::to_string).collect(),
        );
        add("country", shown(&self.countries));
        arguments.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.sections.is_empty()
            && self.years.is_empty()
            && self.kinds.is_empty()
            && self.authors.is_empty()
            && self.journals.is_empty()
            && self.access.is_empty()
            && self.designs.is_empty()
            && self.countries.is_empty()
    }
}

/// `2022`, `2019..2022`, `2020..` or `..2015`: both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|from| year >= from) && self.to.is_none_or(|to| year <= to)
    }
}

impl FromStr for YearRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let year = |part: &str| -> Result<Option<i32>, String> {
            if part.is_empty() {
                return Ok(None);
            }
            match part.parse::<i32>() {
                Ok(y) if text::YEARS.contains(&y) && part.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(y))
                }
                _ => Err(format!(
                    "`{part}` is not a year: give a year from {} to {}, \
                     such as 2022, 2019..2022, 2020.. or ..2015",
                    text::YEARS.start(),
                    text::YEARS.end()
                )),
            }
        };
        if let Some(meant) = range_meant(text) {
            return Err(format!(
                "`{}` is not a year range; did you mean `--year {meant}`?",
                text::quoted(text)
            ));
        }
        let range = match text.split_once("..") {
            None => {
                let y = year(text)?;
                if y.is_none() {
                    return Err("give a year, such as 2022, 2019..2022, 2020.. or ..2015".into());
                }
                YearRange { from: y, to: y }
            }
            Some((from, to)) => {
                let range = YearRange {
                    from: year(from)?,
                    to: year(to)?,
                };
                if range.from.is_none() && range.to.is_none() {
                    return Err("give at least one end of the range: 2020.. or ..2015".into());
                }
                range
            }
        };
        if let (Some(from), Some(to)) = (range.from, range.to) {
            if from > to {
                return Err(format!(
                    "the range {from}..{to} runs backwards: write {to}..{from}"
                ));
            }
        }
        Ok(range)
    }
}

/// What a year range written another way means: `2019-2022`, `2019 to 2022`, `2020+`, `since
/// 2020`, `before 2015` (in splw's syntax, `2019..2022`, `2020..`, `..2015`).
fn range_meant(text: &str) -> Option<String> {
    let year = |part: &str| {
        let part = part.trim();
        (part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.to_string())
    };
    let lower = text.trim().to_lowercase();
    for separator in ["-", "–", "—", " to ", "/"] {
        if let Some((from, to)) = lower.split_once(separator) {
            if let (Some(from), Some(to)) = (year(from), year(to)) {
                return Some(format!("{from}..{to}"));
            }
        }
    }
    if let Some(from) = lower.strip_suffix('+').and_then(year) {
        return Some(format!("{from}.."));
    }
    for (word, open_end) in [
        ("since ", true),
        ("from ", true),
        ("after ", true),
        ("before ", false),
        ("until ", false),
    ] {
        if let Some(y) = lower.strip_prefix(word).and_then(year) {
            return Some(if open_end {
                format!("{y}..")
            } else {
                format!("..{y}")
            });
        }
    }
    None
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

/// The filters of one command, with topics resolved to ids and names folded for matching.
#[derive(Debug, Default)]
pub struct Filter {
    topics: Vec<String>,
    /// For each section asked for, the ids of the entries the brief lists there, to look up.
    sections: Vec<std::collections::HashSet<String>>,
    years: Vec<YearRange>,
    kinds: Vec<Kind>,
    authors: Vec<String>,
    journals: Vec<String>,
    access: Vec<Access>,
    designs: Vec<Design>,
    /// As the catalogue spells them.
    countries: Vec<String>,
}

impl Filter {
    pub fn new(criteria: &Criteria, catalogue: &Catalogue) -> Result<Filter, Failure> {
        let topics = criteria
            .topics
            .iter()
            .map(|t| resolve_topic(t, &catalogue.topics).map(|topic| topic.id.clone()))
            .collect::<Result<_, _>>()?;
        let sections = criteria
            .sections
            .iter()
            .map(|t| {
                resolve_topic(t, &catalogue.topics)
                    .map(|topic| topic.listed.iter().cloned().collect())
            })
            .collect::<Result<_, _>>()?;
        let folded = |values: &[String],
                      fold: fn(&str) -> String|
         -> Result<Vec<String>, Failure> {
            values
                .iter()
                .map(|v| {
                    let v = fold(v.trim());
                    if v.is_empty() {
                        Err(Failure::Usage(
                            "an empty --author or --journal matches nothing: give some text".into(),
                        ))
                    } else {
                        Ok(v)
                    }
                })
                .collect()
        };
        Ok(Filter {
            topics,
            sections,
            years: criteria.years.clone(),
            kinds: criteria.kinds.clone(),
            // Names match on letters alone: "o'shea" finds O'Shea and O Shea.
            authors: folded(&criteria.authors, text::ascii_slug)?,
            journals: folded(&criteria.journals, text::fold)?,
            access: criteria.access.clone(),
            designs: criteria.designs.clone(),
            countries: criteria
                .countries
                .iter()
                .map(|c| resolve_country(c, catalogue))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Whether the brief lists the entry under one of the topics asked for (`Some(false)`: only
    /// splw's rules tag it), or `None` where no topic was asked for.
    pub fn listed(&self, catalogue: &Catalogue, entry: &Entry) -> Option<bool> {
        if self.topics.is_empty() {
            return None;
        }
        let mut topics = self.topics.iter().filter_map(|t| catalogue.topic(t));
        Some(topics.any(|topic| topic.lists(&entry.id)))
    }

    pub fn matches(&self, entry: &Entry) -> bool {
        fn any<T>(wanted: &[T], test: impl Fn(&T) -> bool) -> bool {
            wanted.is_empty() || wanted.iter().any(test)
        }
        any(&self.topics, |t| entry.topics.contains(t))
            && any(&self.sections, |listed| listed.contains(&entry.id))
            && any(&self.years, |r| entry.year.is_some_and(|y| r.contains(y)))
            && any(&self.kinds, |k| entry.kind == *k)
            && any(&self.authors, |a| {
                entry.credited().iter().any(|author| match author {
                    Author::Person { family, .. } => text::ascii_slug(family).starts_with(a),
                    // An organisation by any of its words: "nhs" and "england" find NHS England.
                    Author::Organisation { literal } => {
                        text::ascii_slug(literal).starts_with(a)
                            || literal
                                .split_whitespace()
                                .any(|word| text::ascii_slug(word).starts_with(a))
                    }
                })
            })
            && any(&self.journals, |j| {
                entry
                    .journal
                    .as_deref()
                    .is_some_and(|journal| text::fold(journal).contains(j.as_str()))
            })
            && any(&self.access, |a| entry.access == Some(*a))
            && any(&self.designs, |d| entry.design.contains(d))
            && any(&self.countries, |c| entry.country.contains(c))
    }
}

/// The countries the catalogue's works are coded with, in the order they first appear.
pub fn countries(catalogue: &Catalogue) -> Vec<&str> {
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let all = catalogue.entries.iter().flat_map(|e| &e.country);
    all.map(String::as_str)
        .filter(|country| seen.insert(country))
        .collect()
}

/// A country as the catalogue spells it, from what a person typed in any case ("england").
fn resolve_country(wanted: &str, catalogue: &Catalogue) -> Result<String, Failure> {
    let known = countries(catalogue);
    let folded = text::fold(wanted.trim());
    if let Some(country) = known.iter().find(|c| text::fold(c) == folded) {
        return Ok(country.to_string());
    }
    let near = text::closest(wanted.trim(), known.iter().copied())
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    // A brief may code thousands: the first few, then how many more.
    const LISTED: usize = 12;
    let mut listed: Vec<String> = known.iter().take(LISTED).map(|c| text::quoted(c)).collect();
    if known.len() > LISTED {
        let more = text::thousands(known.len() - LISTED);
        listed.push(format!("and {more} more (`splw stats` lists them all)"));
    }
    Err(Failure::Usage(format!(
        "no work is coded with country `{}`{near}
the countries are: {}",
        text::quoted(wanted.trim()),
        listed.join(", ")
    )))
}

/// A topic from what a person typed: its id or label in any case and with any punctuation
/// ("loneliness", "Mental Health", "Covid-19", "long term conditions"), or words that stand in a
/// row among the words of exactly one id or label, the last word perhaps cut short ("covid",
/// "identity", "palliat").
pub fn resolve_topic<'a>(wanted: &str, topics: &'a [Topic]) -> Result<&'a Topic, Failure> {
    if let Some((first, _)) = wanted.split_once(',') {
        return Err(Failure::Usage(format!(
            "give `--topic` once per topic: `--topic {} --topic …`",
            text::quoted(first.trim())
        )));
    }
    let folded = text::fold(wanted.trim());
    let slug = to_slug(&folded);
    if slug.is_empty() {
        return Err(Failure::Usage(
            "an empty --topic matches nothing: `splw topics` lists the topics".into(),
        ));
    }
    let label = |t: &Topic| to_slug(&text::fold(&t.label));
    if let Some(topic) = topics.iter().find(|t| t.id == slug || label(t) == slug) {
        return Ok(topic);
    }
    let words: Vec<&str> = slug.split('-').collect();
    let found: Vec<&Topic> = topics
        .iter()
        .filter(|t| in_row(&words, &t.id) || in_row(&words, &label(t)))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let near = text::closest(&slug, topics.iter().map(|t| t.id.as_str()));
            Err(Failure::Usage(format!(
                "unknown topic `{}`{}\n`splw topics` lists them all",
                text::quoted(wanted.trim()),
                near.map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default()
            )))
        }
        many => {
            let ids: Vec<&str> = many.iter().map(|t| t.id.as_str()).collect();
            Err(Failure::Usage(format!(
                "topic `{}` could be more than one: did you mean {}?\n`splw topics` lists them all",
                text::quoted(wanted.trim()),
                text::series(&ids, "or")
            )))
        }
    }
}

/// Whether `words` stand in a row among the words of `slug`, the last perhaps cut short.
fn in_row(words: &[&str], slug: &str) -> bool {
    let theirs: Vec<&str> = slug.split('-').collect();
    let Some((last, whole)) = words.split_last() else {
        return false;
    };
    theirs
        .windows(words.len())
        .any(|run| run[..whole.len()] == *whole && run[whole.len()].starts_with(last))
}

/// "Mental Health" → "mental-health".
fn to_slug(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> Result<YearRange, String> {
        text.parse()
    }

    #[test]
    fn year_ranges() {
        assert_eq!(
            range("2022"),
            Ok(YearRange {
                from: Some(2022),
                to: Some(2022)
            })
        );
        assert_eq!(
            range("2019..2022"),
            Ok(YearRange {
                from: Some(2019),
                to: Some(2022)
            })
        );
        assert_eq!(
            range("2020.."),
            Ok(YearRange {
                from: Some(2020),
                to: None
            })
        );
        assert_eq!(
            range("..2015"),
            Ok(YearRange {
                from: None,
                to: Some(2015)
            })
        );
        assert_eq!(
            range("2022..2019").unwrap_err(),
            "the range 2022..2019 runs backwards: write 2019..2022"
        );
        assert!(
            range("99999")
                .unwrap_err()
                .starts_with("`99999` is not a year")
        );
        assert!(range("-1").unwrap_err().starts_with("`-1` is not a year"));
        assert!(range("+2020").is_err());
        assert!(range("..").is_err());
        assert!(range("").is_err());
        for text in ["2022", "2019..2022", "2020..", "..2015"] {
            assert_eq!(range(text).unwrap().to_string(), text);
        }
    }
}
