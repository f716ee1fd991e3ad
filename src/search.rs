//! Fuzzy search over the catalogue with nucleo-matcher, in fzf's query syntax.
//!
//! Every word of the query must match somewhere in an entry (each in its best field), and no
//! `!word` may match anywhere. A word's score is weighted by the field it matched, so a match in
//! a title outranks the same match deep in an abstract.

use std::borrow::Cow;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::catalogue::Entry;
use crate::error::Failure;
use crate::text;

/// Longer queries are refused: no title in the brief is half as long.
pub const MAX_QUERY_CHARS: usize = 500;

/// A fuzzy match may spread over at most this many more characters than the word typed, so
/// that "lonliness" finds "loneliness" but not nine letters scattered through an abstract.
fn max_fuzzy_span(needle_chars: usize) -> usize {
    needle_chars + 2.max(needle_chars / 4)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Alias,
    Title,
    Author,
    Journal,
    Source,
    Abstract,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Alias => "alias",
            Field::Title => "title",
            Field::Author => "authors",
            Field::Journal => "journal",
            Field::Source => "source",
            Field::Abstract => "abstract",
        }
    }

    fn weight(self) -> u32 {
        match self {
            Field::Id | Field::Alias | Field::Title => 4,
            Field::Author => 3,
            Field::Journal | Field::Source => 2,
            Field::Abstract => 1,
        }
    }
}

/// An entry that matched, with the field that matched best and where.
#[derive(Debug)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    pub score: u32,
    /// The char positions in the title that the query matched, for highlighting.
    pub title_marks: Vec<u32>,
    /// Where a word matched best outside the title and id, if it did: the field, its text and
    /// the char positions that matched.
    pub elsewhere: Option<(Field, String, Vec<u32>)>,
}

/// A parsed query, ready to run against entries.
pub struct Query {
    pattern: Pattern,
    matcher: Matcher,
    /// Scratch space reused across matches.
    chars: Vec<char>,
    indices: Vec<u32>,
}

impl Query {
    pub fn new(words: &str) -> Result<Query, Failure> {
        let length = words.chars().count();
        if words.trim().is_empty() {
            return Err(Failure::Usage(
                "the query is empty: give a word to look for, such as `splw find loneliness`"
                    .into(),
            ));
        }
        if length > MAX_QUERY_CHARS {
            return Err(Failure::Usage(format!(
                "the query is {length} characters long; the longest splw takes is {MAX_QUERY_CHARS}"
            )));
        }
        // Folded to ASCII first: nucleo stops ignoring accents in the text as soon as the query
        // has one, so "Linčevičiūtė" would miss "Linceviciute". fzf's syntax is ASCII and stays.
        let pattern = Pattern::parse(
            &text::fold(words),
            CaseMatching::Ignore,
            Normalization::Smart,
        );
        if pattern.atoms.is_empty() || pattern.atoms.iter().all(|a| a.negative) {
            return Err(Failure::Usage(
                "the query has nothing to look for: give at least one word that is not `!word`"
                    .into(),
            ));
        }
        Ok(Query::matching(pattern))
    }

    fn matching(pattern: Pattern) -> Query {
        Query {
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
            indices: Vec::new(),
        }
    }

    /// All entries that match, best first; ties keep the brief's order.
    pub fn run<'a>(&mut self, entries: impl Iterator<Item = &'a Entry>) -> Vec<Hit<'a>> {
        let mut hits: Vec<Hit<'a>> = entries.filter_map(|e| self.score(e)).collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }

    fn score<'a>(&mut self, entry: &'a Entry) -> Option<Hit<'a>> {
        let fields = fields(entry);
        let mut total = 0;
        // Every word must match (and Query::new saw to it that there is one); this keeps the
        // best match outside the title and id.
        let mut elsewhere: Option<(u32, usize)> = None;
        // For each word (negative ones aside), the field where it matched best.
        let mut best_fields: Vec<usize> = Vec::new();
        for atom in &self.pattern.atoms {
            if atom.negative {
                for (_, text) in &fields {
                    let haystack = utf32(text, &mut self.chars);
                    atom.score(haystack, &mut self.matcher)?;
                }
                continue;
            }
            let mut atom_best: Option<(u32, usize)> = None;
            for (i, (field, text)) in fields.iter().enumerate() {
                let haystack = utf32(text, &mut self.chars);
                let raw = matched(atom, *field, haystack, &mut self.matcher, &mut self.indices);
                if let Some(raw) = raw {
                    let score = u32::from(raw) * field.weight();
                    if atom_best.is_none_or(|(s, _)| score > s) {
                        atom_best = Some((score, i));
                    }
                }
            }
            let (score, index) = atom_best?;
            total += score;
            best_fields.push(index);
            let shown_apart = !matches!(fields[index].0, Field::Title | Field::Id);
            if shown_apart && elsewhere.is_none_or(|(s, _)| score > s) {
                elsewhere = Some((score, index));
            }
        }
        let title_marks = self.marks(Field::Title, &entry.title, |_| true);
        let elsewhere = elsewhere.map(|(_, index)| {
            let (field, text) = &fields[index]; // `index` came from enumerating `fields`
            // Mark the words that matched best here, so the snippet shows them.
            let marks = self.marks(*field, text, |word| best_fields.get(word) == Some(&index));
            (*field, text.to_string(), marks)
        });
        Some(Hit {
            entry,
            score: total,
            title_marks,
            elsewhere,
        })
    }

    /// Where the query's words (those `wanted`, counting negative words out) match `text`, sorted.
    fn marks(&mut self, field: Field, text: &str, wanted: impl Fn(usize) -> bool) -> Vec<u32> {
        let mut marks = Vec::new();
        let words = self.pattern.atoms.iter().filter(|a| !a.negative);
        for (_, atom) in words.enumerate().filter(|(i, _)| wanted(*i)) {
            let haystack = utf32(text, &mut self.chars);
            if matched(atom, field, haystack, &mut self.matcher, &mut self.indices).is_some() {
                marks.extend_from_slice(&self.indices);
            }
        }
        marks.sort_unstable();
        marks.dedup();
        marks
    }
}

/// How `atom` matches a field, if it does, with where in `indices`. A fuzzy word must match
/// compactly; in an abstract it must appear as typed, since a typo matched across a long text
/// finds noise more often than the word (and costs the most time).
fn matched(
    atom: &Atom,
    field: Field,
    haystack: Utf32Str<'_>,
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Option<u16> {
    indices.clear();
    match atom.kind {
        AtomKind::Fuzzy if field == Field::Abstract => {
            // The query was parsed to ignore case and normalise accents.
            matcher.config.ignore_case = true;
            matcher.config.normalize = true;
            matcher.substring_indices(haystack, atom.needle_text(), indices)
        }
        AtomKind::Fuzzy => compact_fuzzy(atom, haystack, matcher, indices),
        _ => atom.indices(haystack, matcher, indices),
    }
}

/// A fuzzy atom's score, if its best match is compact enough to be the word typed; `indices`
/// holds where it matched.
fn compact_fuzzy(
    atom: &Atom,
    haystack: Utf32Str<'_>,
    matcher: &mut Matcher,
    indices: &mut Vec<u32>,
) -> Option<u16> {
    indices.clear();
    let score = atom.indices(haystack, matcher, indices)?;
    let span = match (indices.first(), indices.last()) {
        (Some(&first), Some(&last)) => (last - first) as usize + 1,
        _ => 0,
    };
    (span <= max_fuzzy_span(atom.needle_text().len())).then_some(score)
}

/// The fields search looks in, in the order that breaks ties between equal scores.
fn fields(entry: &Entry) -> Vec<(Field, Cow<'_, str>)> {
    let mut fields = vec![(Field::Id, Cow::from(&entry.id))];
    fields.extend(entry.aliases.iter().map(|a| (Field::Alias, Cow::from(a))));
    fields.push((Field::Title, Cow::from(&entry.title)));
    if !entry.authors.is_empty() {
        let names: Vec<String> = entry
            .authors
            .iter()
            .map(|a| match a {
                crate::catalogue::Author::Person {
                    family,
                    given: Some(given),
                } => {
                    format!("{family} {given}")
                }
                other => other.family().to_string(),
            })
            .collect();
        fields.push((Field::Author, Cow::from(names.join("; "))));
    }
    fields.extend(entry.journal.iter().map(|j| (Field::Journal, Cow::from(j))));
    fields.extend(entry.source.iter().map(|s| (Field::Source, Cow::from(s))));
    fields.extend(
        entry
            .abstract_text
            .iter()
            .map(|a| (Field::Abstract, Cow::from(a))),
    );
    fields
}

/// `text` as nucleo matches it, a char at a time. nucleo's own `Utf32Str::new` splits any text
/// with a non-ASCII character into graphemes, and nearly every abstract has a curly quote or a
/// dash: that splitting was most of the time a search took. By chars, a combining accent is a
/// char of its own, which matching (folding accents) and highlighting (by char) both allow.
fn utf32<'a>(text: &'a str, chars: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        chars.clear();
        chars.extend(text.chars());
        Utf32Str::Unicode(chars)
    }
}
