//! Running a parsed query: one pass over the entries' words, then BM25F scores.
//!
//! There is no index to build first: each field's words are read once (split when splw was built,
//! for the built-in brief; else as they are read), and only the words that start like a query
//! word are stemmed or compared for typos, each distinct word once.
//! That keeps a search of the built-in brief about as fast as reading it, and linear in the size
//! of a large one.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::field::{Field, fields};
use super::query::{Concept, Parsed, Role, Term, TextMatch};
use super::words::{self, Token};
use super::{Hit, Reason, Split, stems};
use crate::catalogue::{Catalogue, Entry};

/// BM25's k1: how soon more of the same word stops adding to a score.
const K1: f64 = 1.2;

/// A work must match at least this share of what the query asks for (each word weighted by how
/// rare it is), or it is not about the query: "social prescribing for dementia" finds nothing
/// where no work mentions dementia, although every work is about social prescribing.
const LEAST_SHARE: f64 = 0.34;

/// How near to the rarest word of a query another of its words must be to be marked in the
/// snippet that shows it.
const NEAR_CHARS: u32 = 60;

/// Where a term matched: which field of the entry (its index in `fields`), which word, which
/// chars, and whether only as a typo.
#[derive(Debug, Clone)]
struct Occurrence {
    term: usize,
    field: usize,
    position: u32,
    chars: Range<u32>,
    typo: bool,
}

/// An entry with something that matched.
struct Scanned<'a> {
    entry: &'a Entry,
    kinds: Vec<Field>,
    lengths: [u32; 9],
    occurrences: Vec<Occurrence>,
}

/// A concept's match in one field: the field's index, and the chars it covered.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Match {
    field: usize,
    chars: Range<u32>,
}

pub fn run<'a>(
    parsed: &Parsed,
    catalogue: &Catalogue,
    split: Option<&Split>,
    entries: impl Iterator<Item = &'a Entry>,
) -> Vec<Hit<'a>> {
    let mut scanner = Scanner::new(&parsed.terms);
    let mut scanned: Vec<Scanned<'a>> = Vec::new();
    let mut total_lengths = [0u64; 9];
    let mut having = [0u64; 9];
    let mut count = 0usize;
    for entry in entries {
        count += 1;
        let found = scanner.scan(catalogue, split, entry);
        for (i, length) in found.lengths.iter().enumerate() {
            total_lengths[i] += u64::from(*length);
            having[i] += u64::from(*length > 0);
        }
        if !found.occurrences.is_empty() {
            scanned.push(found);
        }
    }
    let averages: Vec<f64> = (0..9)
        .map(|i| total_lengths[i] as f64 / having[i].max(1) as f64)
        .collect();
    // A typo counts only for a word that no field has as typed.
    let mut exact = vec![false; parsed.terms.len()];
    for occurrence in scanned.iter().flat_map(|s| &s.occurrences) {
        exact[occurrence.term] |= !occurrence.typo;
    }
    for s in &mut scanned {
        s.occurrences.retain(|o| !o.typo || !exact[o.term]);
    }
    let matched: Vec<Vec<Vec<Match>>> = scanned
        .iter()
        .map(|s| {
            parsed
                .concepts
                .iter()
                .map(|c| matches(c, &s.occurrences))
                .collect()
        })
        .collect();
    let mut df = vec![0usize; parsed.concepts.len()];
    for per_concept in &matched {
        for (i, found) in per_concept.iter().enumerate() {
            df[i] += usize::from(!found.is_empty());
        }
    }
    let n = count as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&df| (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln())
        .collect();
    let asked: f64 = parsed
        .concepts
        .iter()
        .zip(&idf)
        .filter(|(c, _)| matches!(c.role, Role::Ranked | Role::Required))
        .map(|(_, idf)| idf)
        .sum();
    let mut hits: Vec<(usize, Hit<'a>)> = Vec::new();
    for (order, (s, per_concept)) in scanned.iter().zip(&matched).enumerate() {
        if let Some(hit) = score(parsed, s, per_concept, &idf, asked, &averages, catalogue) {
            hits.push((order, hit));
        }
    }
    hits.sort_by(|(a_order, a), (b_order, b)| {
        b.score.total_cmp(&a.score).then(a_order.cmp(b_order))
    });
    hits.into_iter().map(|(_, hit)| hit).collect()
}

/// An entry's hit, if it is about the query: every strict form satisfied, no `!word` present,
/// and enough of the query matched.
fn score<'a>(
    parsed: &Parsed,
    scanned: &Scanned<'a>,
    per_concept: &[Vec<Match>],
    idf: &[f64],
    asked: f64,
    averages: &[f64],
    catalogue: &Catalogue,
) -> Option<Hit<'a>> {
    // Whether the entry is about the query, before the costlier work of saying why.
    let mut share = 0.0;
    for ((concept, found), idf) in parsed.concepts.iter().zip(per_concept).zip(idf) {
        match (concept.role, found.is_empty()) {
            (Role::Excluded, false) | (Role::Required, true) => return None,
            (Role::Ranked | Role::Required, false) => share += idf,
            _ => {}
        }
    }
    let share = if asked > 0.0 { share / asked } else { 1.0 };
    if share < LEAST_SHARE {
        return None;
    }
    let texts = fields(catalogue, scanned.entry);
    let mut total = 0.0;
    let mut reasons = Vec::new();
    for ((concept, found), idf) in parsed.concepts.iter().zip(per_concept).zip(idf) {
        if concept.role == Role::Excluded || found.is_empty() {
            continue;
        }
        let mut counts = [0u32; 9];
        for m in found {
            counts[scanned.kinds[m.field].index()] += 1;
        }
        let mut weighted = 0.0;
        for field in Field::ALL {
            let (weight, b) = field.weight();
            let tf = f64::from(counts[field.index()]);
            if tf > 0.0 {
                let length = f64::from(scanned.lengths[field.index()]);
                let norm = 1.0 - b + b * length / averages[field.index()].max(1.0);
                weighted += weight * tf / norm;
            }
        }
        let part = idf * weighted * (K1 + 1.0) / (K1 + weighted);
        total += part;
        let mut words: Vec<String> = found
            .iter()
            .map(|m| crate::text::fold(char_range(&texts[m.field].1, &m.chars)))
            .collect();
        words.sort();
        words.dedup();
        reasons.push(Reason {
            typed: concept.typed.clone(),
            role: concept.role,
            score: part,
            fields: Field::ALL
                .iter()
                .filter(|f| counts[f.index()] > 0)
                .map(|f| (*f, counts[f.index()]))
                .collect(),
            words,
        });
    }
    let all: Vec<&Match> = per_concept.iter().flatten().collect();
    let marks = |field: usize| -> Vec<u32> {
        let mut marks: Vec<u32> = all
            .iter()
            .filter(|m| m.field == field)
            .flat_map(|m| m.chars.clone())
            .collect();
        marks.sort_unstable();
        marks.dedup();
        marks
    };
    let title = scanned.kinds.iter().position(|k| *k == Field::Title);
    let title_marks = title.map(&marks).unwrap_or_default();
    // The rarest part of the query that the title and id do not show, where it matched best,
    // with what else of the query matched near it there.
    let shown = |m: &Match| matches!(scanned.kinds[m.field], Field::Title | Field::Id);
    let rarest = per_concept
        .iter()
        .zip(&parsed.concepts)
        .zip(idf)
        .filter(|((found, c), _)| c.role != Role::Excluded && !found.iter().any(shown))
        .filter_map(|((found, _), idf)| Some((found.first()?, found, idf)))
        .max_by(|(_, _, a), (_, _, b)| a.total_cmp(b));
    let elsewhere = rarest.map(|(first, found, _)| {
        let weight = |m: &Match| scanned.kinds[m.field].weight().0;
        let best = found
            .iter()
            .max_by(|a, b| weight(a).total_cmp(&weight(b)).then(b.field.cmp(&a.field)))
            .unwrap_or(first);
        let near = |m: &&&Match| {
            m.field == best.field && m.chars.start.abs_diff(best.chars.start) <= NEAR_CHARS
        };
        let mut marks: Vec<u32> = all
            .iter()
            .filter(near)
            .flat_map(|m| m.chars.clone())
            .collect();
        marks.sort_unstable();
        marks.dedup();
        let (field, text) = &texts[best.field];
        (*field, text.to_string(), marks)
    });
    Some(Hit {
        entry: scanned.entry,
        score: total * (0.5 + 0.5 * share),
        share,
        title_marks,
        elsewhere,
        reasons,
    })
}

/// The chars of `text` in `range`.
fn char_range<'t>(text: &'t str, range: &Range<u32>) -> &'t str {
    let skip = |text: &'t str, n: u32| {
        let mut chars = text.chars();
        if n > 0 {
            chars.nth(n as usize - 1);
        }
        chars.as_str()
    };
    let from = skip(text, range.start);
    &from[..from.len() - skip(from, range.end - range.start).len()]
}

/// Where a concept matched, once per place: each alternative's single term, or its terms in a
/// row.
fn matches(concept: &Concept, occurrences: &[Occurrence]) -> Vec<Match> {
    let mut found: Vec<Match> = Vec::new();
    for alternative in &concept.alternatives {
        let Some((&first, rest)) = alternative.split_first() else {
            continue;
        };
        for start in occurrences.iter().filter(|o| o.term == first) {
            let mut end = start.chars.end;
            let in_row = rest.iter().enumerate().all(|(i, &term)| {
                let next = occurrences.iter().find(|o| {
                    o.term == term
                        && o.field == start.field
                        && o.position == start.position + 1 + i as u32
                });
                next.inspect(|o| end = o.chars.end).is_some()
            });
            let place = |m: &Match| m.field == start.field && m.chars.start == start.chars.start;
            if in_row && !found.iter().any(place) {
                found.push(Match {
                    field: start.field,
                    chars: start.chars.start..end,
                });
            }
        }
    }
    found
}

/// Reads entries' fields word by word, noting where query terms match.
struct Scanner<'q> {
    terms: &'q [Term],
    /// First letters of the query's words: only words that start with one can match.
    letters: [bool; 128],
    /// Each distinct word seen that starts with one of them, with where in `matched` the terms
    /// it matches are (each with whether as a typo).
    seen: FxHashMap<String, usize>,
    matched: Vec<Vec<(usize, bool)>>,
    /// For a split, each entry's occurrences (by its place among the split's entries), found
    /// once from the split's index at the first entry scanned.
    indexed: Option<Vec<Vec<Occurrence>>>,
}

impl<'q> Scanner<'q> {
    fn new(terms: &'q [Term]) -> Scanner<'q> {
        let mut letters = [false; 128];
        for term in terms {
            if let Term::Word { typed, stem, .. } = term {
                for word in [typed, stem] {
                    if let Some(&b) = word.as_bytes().first() {
                        letters[usize::from(b & 0x7f)] = true;
                    }
                }
            }
        }
        Scanner {
            terms,
            letters,
            seen: FxHashMap::default(),
            matched: Vec::new(),
            indexed: None,
        }
    }

    /// Where the query's terms match the entry's fields: in words split ahead (`split`, the
    /// built-in brief's), or split here.
    fn scan<'a>(
        &mut self,
        catalogue: &Catalogue,
        split: Option<&Split>,
        entry: &'a Entry,
    ) -> Scanned<'a> {
        let mut scanned = Scanned {
            entry,
            kinds: Vec::new(),
            lengths: [0; 9],
            occurrences: Vec::new(),
        };
        match split.and_then(|split| Some((split, split.entry(&entry.id)?))) {
            Some((split, at)) => {
                for (field, length) in split.fields_of(at) {
                    scanned.kinds.push(field);
                    scanned.lengths[field.index()] += length;
                }
                if self.indexed.is_none() {
                    self.indexed = Some(self.index(split));
                }
                if let Some(indexed) = &mut self.indexed {
                    scanned.occurrences = std::mem::take(&mut indexed[at]);
                }
            }
            None => {
                let letters = self.letters;
                let wanted = |first: u8| letters[usize::from(first & 0x7f)];
                for (index, (field, text)) in fields(catalogue, entry).iter().enumerate() {
                    scanned.kinds.push(*field);
                    words::tokens(text, wanted, |token| self.note(token, index, &mut scanned));
                }
            }
        }
        if self.terms.iter().any(|t| matches!(t, Term::Text { .. })) {
            for (index, (_, text)) in fields(catalogue, entry).iter().enumerate() {
                self.scan_text(text, index, &mut scanned.occurrences);
            }
        }
        scanned
    }

    /// Counts a word of field `index` towards the field's length, and notes the terms it
    /// matches.
    fn note(&mut self, token: Token<'_>, index: usize, scanned: &mut Scanned<'_>) {
        if !token.joined {
            scanned.lengths[scanned.kinds[index].index()] += 1;
        }
        match token.word.as_bytes().first() {
            Some(&first) if self.letters[usize::from(first & 0x7f)] => {}
            _ => return,
        }
        let matched = self.word_matches(token.word);
        self.occur(matched, index, token.position, token.chars, scanned);
    }

    /// Notes an occurrence of each term that `matched` (a place in `matched`) lists.
    fn occur(
        &self,
        matched: usize,
        index: usize,
        position: u32,
        chars: Range<u32>,
        scanned: &mut Scanned<'_>,
    ) {
        for &(term, typo) in &self.matched[matched] {
            scanned.occurrences.push(Occurrence {
                term,
                field: index,
                position,
                chars: chars.clone(),
                typo,
            });
        }
    }

    /// Every entry's occurrences of the terms, from a split's index: the terms each distinct word
    /// matches, worked out once from the word and stem the split keeps, then the places where
    /// the word stands. They come out in the order a scan of the text gives them.
    fn index(&self, split: &Split) -> Vec<Vec<Occurrence>> {
        let mut found: Vec<Vec<(u32, Occurrence)>> = vec![Vec::new(); split.entries.len()];
        for id in 0..split.distinct_words() {
            match split.first_letter(id) {
                Some(first) if self.letters[usize::from(first & 0x7f)] => {}
                _ => continue,
            }
            let (word, stem) = split.distinct(id);
            let terms = self.work_out(word, Some(stem));
            if terms.is_empty() {
                continue;
            }
            for at in split.places(id) {
                for &(term, typo) in &terms {
                    let occurrence = Occurrence {
                        term,
                        field: at.field,
                        position: at.word.position,
                        chars: at.word.chars.0..at.word.chars.1,
                        typo,
                    };
                    found[at.entry].push((at.place, occurrence));
                }
            }
        }
        found
            .into_iter()
            .map(|mut occurrences| {
                occurrences.sort_by_key(|(place, o)| (*place, o.term));
                occurrences.into_iter().map(|(_, o)| o).collect()
            })
            .collect()
    }

    /// Where in `matched` the terms a folded word matches are, worked out once per distinct word.
    fn word_matches(&mut self, word: &str) -> usize {
        match self.seen.get(word) {
            Some(&index) => index,
            None => {
                let found = self.work_out(word, None);
                self.matched.push(found);
                self.seen.insert(word.to_string(), self.matched.len() - 1);
                self.matched.len() - 1
            }
        }
    }

    /// The terms `word` matches by its stem, or as a typo of the word typed.
    fn work_out(&self, word: &str, known_stem: Option<&str>) -> Vec<(usize, bool)> {
        let mut found = Vec::new();
        let mut stem: Option<String> = None;
        for (index, term) in self.terms.iter().enumerate() {
            let Term::Word {
                typed,
                stem: wanted,
                typos,
            } = term
            else {
                continue;
            };
            let first = word.as_bytes().first();
            // Stemming is the costly part: only a word that starts as the stem does can have it.
            let same_stem = match known_stem {
                Some(known) => known == wanted,
                None => {
                    stems::may_share_stem(word, wanted)
                        && *stem.get_or_insert_with(|| stems::stem(word)) == *wanted
                }
            };
            if same_stem {
                found.push((index, false));
            } else if *typos > 0
                && first == typed.as_bytes().first()
                && stems::within_typos(word, typed, *typos)
            {
                found.push((index, true));
            }
        }
        found
    }

    /// Where the query's strict text atoms match a field, compared as fzf does: folded, and as
    /// text rather than words.
    fn scan_text(&self, text: &str, field: usize, occurrences: &mut Vec<Occurrence>) {
        // The folded text, and for each of its bytes the char of `text` it came from.
        let mut folded = String::with_capacity(text.len());
        let mut from: Vec<u32> = Vec::with_capacity(text.len());
        for (i, c) in text.chars().enumerate() {
            let before = folded.len();
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
            } else {
                folded.push_str(&crate::text::fold(c.encode_utf8(&mut [0; 4])));
            }
            from.extend(std::iter::repeat_n(i as u32, folded.len() - before));
        }
        for (term, wanted) in self.terms.iter().enumerate() {
            let Term::Text { how, needle } = wanted else {
                continue;
            };
            let at = match how {
                TextMatch::Contains => folded.find(needle.as_str()),
                TextMatch::Prefix => folded.starts_with(needle.as_str()).then_some(0),
                TextMatch::Suffix => folded
                    .ends_with(needle.as_str())
                    .then(|| folded.len() - needle.len()),
                TextMatch::Whole => (folded == *needle).then_some(0),
            };
            if let Some(at) = at {
                let end = at + needle.len();
                let chars = from[at]..from[end - 1] + 1;
                occurrences.push(Occurrence {
                    term,
                    field,
                    position: u32::MAX,
                    chars,
                    typo: false,
                });
            }
        }
    }
}
