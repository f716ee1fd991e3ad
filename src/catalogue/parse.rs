//! Stage 2: each file's TOML parsed into raw shapes: exactly what a file may say, with where it
//! says it. Unknown fields are errors; required fields are checked in the next stage, so that
//! all that are missing are reported at once.

use std::collections::BTreeMap;

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

/// A file of more than this many bytes is parsed a piece at a time (see `pieces`).
const PIECE_BYTES: usize = 1 << 20;

/// What a line that starts an entry reads.
const ENTRY_HEADER: &str = "\n[[entry]]";

/// Parses a file's text, handing each parsed piece to `each` as soon as it is parsed, so that
/// only one piece's parsed form is held at once: the TOML parser holds a few dozen bytes of tokens
/// and events for each byte of a piece, which for a whole large file would be hundreds of
/// megabytes.
///
/// A file over `PIECE_BYTES` is cut where a line starts with `[[entry]]`, every megabyte or so,
/// and each piece parsed on its own, after as many spaces as the text before it has bytes (one
/// token), so that every span is the file's own. A piece that does not parse (a cut inside a
/// multi-line string leaves the piece before it unclosed) takes in the next piece and is parsed
/// again; a later piece that holds anything but entries, or a piece that still does not parse at
/// the end of the file, and the whole file is parsed at once instead, exactly as a small file is:
/// the same values and the same errors. `each` is told `true` with the first piece of every
/// attempt, to drop what it had.
pub fn pieces(text: &str, each: &mut dyn FnMut(RawFile, bool)) -> Result<(), toml::de::Error> {
    pieces_of(text, PIECE_BYTES, each)
}

fn pieces_of(
    text: &str,
    piece_bytes: usize,
    each: &mut dyn FnMut(RawFile, bool),
) -> Result<(), toml::de::Error> {
    if text.len() > piece_bytes && piecewise(text, piece_bytes, each) {
        return Ok(());
    }
    each(toml::from_str(text)?, true);
    Ok(())
}

/// Parses `text` in pieces of about `piece_bytes`; whether that held.
fn piecewise(text: &str, piece_bytes: usize, each: &mut dyn FnMut(RawFile, bool)) -> bool {
    // Where each piece may end: an entry's header, the first after each megabyte; and the end.
    let mut cuts = Vec::new();
    let mut from = piece_bytes;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find(ENTRY_HEADER)) {
        cuts.push(from + at + 1);
        from += at + 1 + piece_bytes;
    }
    cuts.push(text.len());
    let mut start = 0;
    let mut padded = String::new();
    for (n, &end) in cuts.iter().enumerate() {
        padded.clear();
        padded.extend(std::iter::repeat_n(' ', start));
        padded.push_str(&text[start..end]);
        match toml::from_str::<RawFile>(&padded) {
            Ok(piece) if start > 0 && (piece.section.is_some() || piece.brief.is_some()) => {
                return false;
            }
            Ok(piece) => {
                each(piece, start == 0);
                start = end;
            }
            // Taken in with the next piece, if there is one.
            Err(_) if n + 1 < cuts.len() => {}
            Err(_) => return false,
        }
    }
    true
}

/// A syntax, type or unknown-field error from the TOML parser, with the nearest field suggested.
pub fn parse_problem(located: &Located, error: &toml::de::Error) -> Problem {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The file as `pieces_of` gives it, in pieces of about `bytes`, put back together; or the
    /// error's message and span.
    type Parsed = Result<String, (String, Option<std::ops::Range<usize>>)>;

    /// Also how many pieces the last attempt took.
    fn in_pieces(text: &str, bytes: usize) -> (Parsed, usize) {
        let mut whole: Option<RawFile> = None;
        let mut count = 0;
        let parsed = pieces_of(text, bytes, &mut |piece, first| {
            count = if first { 1 } else { count + 1 };
            match (&mut whole, first) {
                (Some(whole), false) => whole.entry.extend(piece.entry),
                _ => whole = Some(piece),
            }
        });
        let parsed = parsed.map_err(|e| (e.message().to_string(), e.span()));
        (parsed.map(|()| format!("{whole:?}")), count)
    }

    fn at_once(text: &str) -> Parsed {
        toml::from_str::<RawFile>(text)
            .map(|raw| format!("{:?}", Some(raw)))
            .map_err(|e| (e.message().to_string(), e.span()))
    }

    fn entries(n: usize) -> String {
        let mut text = String::from("[section]\nid = \"s\"\ntitle = \"S\"\n");
        for i in 0..n {
            text.push_str(&format!(
                "\n[[entry]]\nid = \"e{i}-2020\"\nkind = \"report\"\ntitle = \"T{i} é\"\ntopics = [\"s\"]\n[entry.seen_at]\nurl = \"https://example.org/{i}\"\n"
            ));
        }
        text
    }

    #[test]
    fn a_file_in_pieces_is_the_file_at_once_spans_and_all() {
        let text = entries(40);
        assert!(text.len() > 1_000);
        for bytes in [1, 50, 300, 1_000, text.len()] {
            let (parsed, count) = in_pieces(&text, bytes);
            assert!(
                parsed == at_once(&text),
                "pieces of {bytes}: not as at once"
            );
            assert_eq!(count > 1, bytes < text.len(), "pieces of {bytes}: {count}");
        }
    }

    #[test]
    fn a_cut_inside_a_multi_line_string_is_mended() {
        // An abstract that holds lines reading as entries' headers.
        let mut text = entries(5);
        text.push_str("\n[[entry]]\nid = \"x-2020\"\nkind = \"report\"\ntitle = \"X\"\ntopics = [\"s\"]\nabstract = \"\"\"\n");
        for _ in 0..20 {
            text.push_str("[[entry]]\nid = \"not-an-entry\"\n");
        }
        text.push_str("\"\"\"\n");
        text.push_str(&entries(5).replace("[section]\nid = \"s\"\ntitle = \"S\"\n", ""));
        for bytes in [1, 40, 200, 700] {
            let (parsed, count) = in_pieces(&text, bytes);
            assert!(
                parsed == at_once(&text),
                "pieces of {bytes}: not as at once"
            );
            assert!(count > 1, "pieces of {bytes}: parsed at once");
        }
    }

    #[test]
    fn what_is_not_only_entries_after_the_first_piece_is_parsed_at_once() {
        // A [section] after the entries, a second one, and an error near the end: as at once.
        let late = format!(
            "{}[section]\nid = \"late\"\n",
            entries(10).replace("[section]\nid = \"s\"\ntitle = \"S\"\n", "")
        );
        let twice = format!("{}[section]\nid = \"again\"\n", entries(10));
        let broken = format!("{}\n[[entry]]\nid = \"oops\n", entries(10));
        let unknown = format!(
            "{}\n[[entry]]\nid = \"u-2020\"\ncolour = \"red\"\n",
            entries(10)
        );
        for text in [late, twice, broken, unknown] {
            for bytes in [1, 100, 500] {
                let (parsed, _) = in_pieces(&text, bytes);
                assert!(
                    parsed == at_once(&text),
                    "pieces of {bytes}: not as at once: {parsed:?}"
                );
            }
        }
    }
}
