//! The checks of single values, shared by every stage that converts a field: one-line texts
//! and paragraphs, addresses and DOIs, years and months, and the values of the model's closed
//! sets. Each notes its problem at the value's place and gives what can still be used.

use toml::Spanned;

use super::problem::{Located, Problem, Severity};
use crate::text;

/// A value of one of the model's closed sets (a kind, an access mark, an enriched field).
pub fn closed<T: Copy + std::fmt::Display>(
    here: &Located,
    value: &Spanned<String>,
    what: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let parsed = parse(value.get_ref().trim());
    if parsed.is_none() {
        let names: Vec<String> = all.iter().map(ToString::to_string).collect();
        problems.push(here.problem(
            value.span(),
            unknown_value(
                what,
                value.get_ref(),
                names.iter().map(String::as_str),
                true,
            ),
        ));
    }
    parsed
}

/// A web address, held to the one rule for addresses (`address::check`).
pub fn checked_address(
    here: &Located,
    address: Spanned<String>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> String {
    let span = address.span();
    let address = checked_line(here, address, name, problems);
    if let Err(why) = crate::address::check(&address) {
        let shown = text::quoted(&address);
        problems.push(here.problem(span, format!("`{name}` `{shown}` {why}")));
    }
    address
}

pub fn checked_doi(
    here: &Located,
    doi: Spanned<String>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let span = doi.span();
    let doi = checked_line(here, doi, "doi", problems);
    let shown = text::escape_line(&doi);
    if !(doi.starts_with("10.") && doi.contains('/')) {
        problems.push(here.problem(
            span,
            format!("DOI `{shown}` should start with `10.` and contain a `/`"),
        ));
    } else if doi.contains(|c: char| {
        c.is_whitespace() || text::is_unsafe(c, false) || matches!(c, '{' | '}' | '\\' | '"')
    }) {
        // A DOI is written verbatim into exports and links: none of these can stand in one.
        problems.push(here.problem(
            span,
            format!("DOI `{shown}` has a space, control character, brace, backslash or quote, which no DOI has"),
        ));
    } else if let Err(why) = crate::address::check(&crate::address::doi(&doi)) {
        // Its link, as every command shows and opens it, is held to the rule for addresses.
        problems.push(here.problem(
            span,
            format!("DOI `{shown}` cannot stand in a link: its link {why}"),
        ));
    }
    Some(doi)
}

/// Known values listed in a message at most: past this, the message points elsewhere.
const LISTED_AT_MOST: usize = 20;

/// "unknown kind `x`", with the nearest known value where `suggest`, or the known values when
/// they are few.
pub fn unknown_value<'a>(
    what: &str,
    value: &str,
    known: impl Iterator<Item = &'a str> + Clone,
    suggest: bool,
) -> String {
    let value = text::quoted(value.trim());
    if let Some(near) = suggest
        .then(|| text::closest(&value, known.clone()))
        .flatten()
    {
        return format!("unknown {what} `{value}`; did you mean `{near}`?");
    }
    let listed: Vec<&str> = known.clone().take(LISTED_AT_MOST + 1).collect();
    if listed.len() > LISTED_AT_MOST {
        return format!("unknown {what} `{value}`; `splw topics` lists the sections of a brief");
    }
    format!(
        "unknown {what} `{value}`; it should be one of: {}",
        listed.join(", ")
    )
}

/// A one-line text: trimmed, with no control characters (newlines included).
pub fn checked_line(
    here: &Located,
    value: Spanned<String>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> String {
    checked_text(here, value, name, false, problems)
}

/// A text of paragraphs: trimmed, with newlines but no other control characters.
pub fn checked_block(
    here: &Located,
    value: Spanned<String>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> String {
    checked_text(here, value, name, true, problems)
}

pub fn checked_text(
    here: &Located,
    value: Spanned<String>,
    name: &str,
    newlines: bool,
    problems: &mut Vec<Problem>,
) -> String {
    let span = value.span();
    let text = trimmed(value.into_inner());
    if text::has_control(&text, newlines) {
        problems.push(
            here.problem(
                span,
                format!("`{name}` has a control character: {}", text::quoted(&text)),
            )
            .with(Severity::Escaped),
        );
    }
    text
}

/// `text` without white space at either end, in the same allocation: the loader moves every
/// text of a brief into the catalogue rather than copying it.
pub fn trimmed(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

pub fn checked_year(
    here: &Located,
    year: &Spanned<i64>,
    problems: &mut Vec<Problem>,
) -> Option<i32> {
    let value = *year.get_ref();
    let checked = i32::try_from(value)
        .ok()
        .filter(|y| text::YEARS.contains(y));
    if checked.is_none() {
        problems.push(here.problem(
            year.span(),
            format!(
                "year {value} is outside {} to {}",
                text::YEARS.start(),
                text::YEARS.end()
            ),
        ));
    }
    checked
}

pub fn checked_month(
    here: &Located,
    month: &Spanned<i64>,
    problems: &mut Vec<Problem>,
) -> Option<u8> {
    let value = *month.get_ref();
    match u8::try_from(value) {
        Ok(m @ 1..=12) => Some(m),
        _ => {
            problems.push(here.problem(month.span(), format!("month {value} is outside 1 to 12")));
            None
        }
    }
}
