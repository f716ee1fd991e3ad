//! Running a query: the words of the index it matches, where they stand, then BM25F scores.
//!
//! The index is the split of the entries searched: the built-in brief's, made when splw was
//! built, or a `--brief` folder's, made here without stems, which are worked out only for the
//! words that may share one with the query's. Each term is looked up among the distinct words,
//! which are sorted, so that only the words that start as it does are compared.
//!
//! `page.js` ranks in the same way, step for step, over the page's split: a change here is a
//! change there (tests/page.rs runs every judged query through both).

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::field::{COUNT, Field, fields};
use super::query::{Alternative, Concept, Known, Parsed, Role, Syntax, Term, TextMatch, Via};
use super::sentences::sentences;
use super::{Hit, Reason, Results, Shown, Split, split_entries, stems};
use crate::catalogue::{Catalogue, Entry};

/// BM25's k1: how soon more of the same word stops adding to a score.
pub(super) const K1: f64 = 2.0;

/// A work must match at least this share of what the query asks for (each part weighted by how
/// rare it is), or it is not about the query.
pub(super) const LEAST_SHARE: f64 = 0.25;

/// How many words apart two concepts of the query may stand and still count as near.
pub(super) const NEAR_WORDS: u32 = 5;

/// How much two concepts standing near each other count, against the rarer of them alone.
pub(super) const NEARNESS: f64 = 0.5;

/// Where a term matched: which field of the entry (its index among the entry's fields), which
/// word, which chars, and whether only as a typo.
#[derive(Debug, Clone)]
struct Occurrence {
    term: usize,
    field: usize,
    position: u32,
    chars: Range<u32>,
    typo: bool,
}

/// A concept's match in one field: the field's index, the words and chars it covers, how much
/// it counts, and which alternative it is of.
#[derive(Debug, Clone)]
struct Match {
    field: usize,
    first: u32,
    last: u32,
    chars: Range<u32>,
    weight: f64,
    alternative: usize,
    typo: bool,
}

/// An entry searched, with what matched in it.
struct Scanned<'a> {
    entry: &'a Entry,
    /// Its place among the entries searched, which breaks ties, and among the split's.
    order: usize,
    at: usize,
    /// Which each of its fields is, and each field's length in words.
    kinds: Vec<(Field, u32)>,
    lengths: [u32; COUNT],
    /// Where its words matched terms, in the order of field and position.
    occurrences: Vec<Occurrence>,
    /// The places in `occurrences` in the order of their terms (each term's in text order).
    by_term: Vec<u32>,
}

/// The split of the entries searched, with their places in it.
struct Index<'s> {
    split: Cow<'s, Split<'static>>,
    /// For each of the split's entries, its place among the entries searched.
    searched: Vec<Option<usize>>,
    /// The stems of a split made without them, as worked out.
    stems: FxHashMap<usize, String>,
}

impl Index<'_> {
    /// The stem of the distinct word with this number.
    fn stem(&mut self, id: usize) -> &str {
        if self.split.is_stemmed() {
            return self.split.distinct(id).1;
        }
        let split = &self.split;
        self.stems
            .entry(id)
            .or_insert_with(|| stems::stem(split.distinct(id).0))
    }

    /// Whether the distinct word with this number stands in an entry searched.
    fn searched_has(&self, id: usize) -> bool {
        self.split
            .places(id)
            .any(|p| self.searched[p.entry].is_some())
    }

    /// The distinct words, standing in an entry searched, whose stem is `stem`: looked up by
    /// halving in a split with stems, else compared among the words that start as a word with
    /// that stem may (`stems::starts_of`).
    fn with_stem(&mut self, stem: &str) -> Vec<usize> {
        if self.split.is_stemmed() {
            let ids = self.split.with_stem(stem).iter().map(|&id| id as usize);
            return ids.filter(|&id| self.searched_has(id)).collect();
        }
        let prefixes = stems::starts_of(stem);
        let mut found = Vec::new();
        for prefix in prefixes {
            for id in self.split.starting(&prefix) {
                let word = self.split.distinct(id).0;
                if stems::may_share_stem(word, stem)
                    && self.stem(id) == stem
                    && self.searched_has(id)
                    && !found.contains(&id)
                {
                    found.push(id);
                }
            }
        }
        found
    }

    /// The distinct words, standing in an entry searched, up to `typos` typos from `typed` and
    /// starting with its letter, nearest first.
    fn within_typos(&self, typed: &str, typos: usize) -> Vec<usize> {
        let Some(first) = typed.get(..1) else {
            return Vec::new();
        };
        let mut found: Vec<(usize, usize)> = self
            .split
            .starting(first)
            .filter(|&id| stems::within_typos(self.split.distinct(id).0, typed, typos))
            .filter(|&id| self.searched_has(id))
            .map(|id| (strsim::osa_distance(self.split.distinct(id).0, typed), id))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, id)| id).collect()
    }
}

impl Known for Index<'_> {
    fn has_stem(&mut self, stem: &str) -> bool {
        !self.with_stem(stem).is_empty()
    }

    fn typo_stems(&mut self, typed: &str, typos: usize) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for id in self.within_typos(typed, typos) {
            let stem = self.stem(id).to_string();
            if !found.contains(&stem) {
                found.push(stem);
            }
        }
        found
    }
}

pub fn run<'a>(
    syntax: &Syntax,
    catalogue: &Catalogue,
    split: Option<&Split<'static>>,
    entries: impl Iterator<Item = &'a Entry>,
) -> Results<'a> {
    let entries: Vec<&'a Entry> = entries.collect();
    let mut index = index(catalogue, split, &entries);
    let parsed = syntax.read(crate::embedded::lexicon(), &mut index);
    let (mut scanned, terms) = scan(&parsed, catalogue, &mut index, &entries);
    let n = entries.len();
    let mut total_lengths = [0u64; COUNT];
    let mut having = [0u64; COUNT];
    for s in &scanned {
        for (i, length) in s.lengths.iter().enumerate() {
            total_lengths[i] += u64::from(*length);
            having[i] += u64::from(*length > 0);
        }
    }
    let averages: Vec<f64> = (0..COUNT)
        .map(|i| total_lengths[i] as f64 / having[i].max(1) as f64)
        .collect();
    scanned.retain(|s| !s.occurrences.is_empty());
    let matched: Vec<Vec<Vec<Match>>> = scanned
        .iter()
        .map(|s| {
            parsed
                .concepts
                .iter()
                .zip(&terms.anchors)
                .map(|(c, anchors)| matches(c, anchors, s, &index.split, &terms))
                .collect()
        })
        .collect();
    // How many entries each concept matches; and as what it means (the words typed, and the
    // terms that mean the same), which says how rare it is: near terms widen what a concept
    // finds, not what it is.
    let mut df = vec![0usize; parsed.concepts.len()];
    let mut df_meant = vec![0usize; parsed.concepts.len()];
    for per_concept in &matched {
        for (i, concept) in parsed.concepts.iter().enumerate() {
            let found = match concept.role {
                Role::Near(a, b) => !near_pairs(&per_concept[a], &per_concept[b]).is_empty(),
                _ => !per_concept[i].is_empty(),
            };
            df[i] += usize::from(found);
            df_meant[i] += usize::from(per_concept[i].iter().any(|m| m.weight >= 1.0));
        }
    }
    let idf: Vec<f64> = df
        .iter()
        .zip(&df_meant)
        .map(|(&df, &meant)| idf(n, if meant > 0 { meant } else { df }))
        .collect();
    let wanted = |c: &Concept| matches!(c.role, Role::Ranked | Role::Required);
    // What the query asks for that no entry searched has. Where that is a thing the field has
    // a name for ("dementia"), or most of what the query asks, or the rest is what nearly every
    // entry is about, nothing is about the query; else the rest ranks.
    let missing: Vec<&Concept> = parsed
        .concepts
        .iter()
        .zip(&df)
        .filter(|(c, df)| c.role == Role::Ranked && **df == 0)
        .map(|(c, _)| c)
        .collect();
    let unknown: Vec<String> = missing.iter().map(|c| c.typed.clone()).collect();
    let known: Vec<usize> = (0..parsed.concepts.len())
        .filter(|&i| wanted(&parsed.concepts[i]) && df[i] > 0)
        .collect();
    let background = |i: &usize| 2 * df[*i] > n;
    let about_nothing = !missing.is_empty()
        && (known.is_empty()
            || known.iter().all(background)
            || missing.len() > known.len()
            || missing.iter().any(|c| c.named));
    let asked: f64 = known.iter().map(|&i| idf[i]).sum();
    let mut hits: Vec<(usize, Hit<'a>)> = Vec::new();
    if !about_nothing {
        let weights = Weights {
            idf: &idf,
            asked,
            averages: &averages,
        };
        for (s, per_concept) in scanned.into_iter().zip(matched) {
            let order = s.order;
            if let Some(hit) = score(&parsed, s, per_concept, &weights) {
                hits.push((order, hit));
            }
        }
    }
    hits.sort_by(|(a_order, a), (b_order, b)| {
        rank(b.score).cmp(&rank(a.score)).then(a_order.cmp(b_order))
    });
    let read = parsed
        .concepts
        .iter()
        .filter(|c| !matches!(c.role, Role::Near(..)))
        .map(|c| {
            let reached = c
                .alternatives
                .iter()
                .filter(|a| a.via != Via::Typed)
                .count();
            (c.typed.clone(), reached)
        })
        .collect();
    Results {
        hits: hits.into_iter().map(|(_, hit)| hit).collect(),
        unknown,
        dropped: parsed.dropped.clone(),
        read,
        parsed,
        idf,
    }
}

/// A score as hits are ordered by it: to nine places, so that the last bit of a logarithm,
/// which page.js (JavaScript's) and Rust's may round apart, never reorders works.
fn rank(score: f64) -> i64 {
    (score * 1e9).round() as i64
}

/// BM25's idf, always positive (Lucene's): rarer terms count for more.
fn idf(n: usize, df: usize) -> f64 {
    let (n, df) = (n as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The index of the entries searched: the split made ahead, if it has them all, else one made
/// now.
fn index<'s>(
    catalogue: &Catalogue,
    split: Option<&'s Split<'static>>,
    entries: &[&Entry],
) -> Index<'s> {
    if let Some(split) = split {
        let mut searched = vec![None; split.entries.len()];
        let all = entries.iter().enumerate().all(|(place, entry)| {
            split
                .entry(&entry.id)
                .map(|at| searched[at] = Some(place))
                .is_some()
        });
        if all {
            return Index {
                split: Cow::Borrowed(split),
                searched,
                stems: FxHashMap::default(),
            };
        }
    }
    Index {
        split: Cow::Owned(split_entries(catalogue, entries, false)),
        searched: (0..entries.len()).map(Some).collect(),
        stems: FxHashMap::default(),
    }
}

/// Every entry searched, in order, with where the query's terms stand in it.
fn scan<'a>(
    parsed: &Parsed,
    catalogue: &Catalogue,
    index: &mut Index,
    entries: &[&'a Entry],
) -> (Vec<Scanned<'a>>, Terms) {
    let mut scanned: Vec<Scanned<'a>> = entries
        .iter()
        .enumerate()
        .map(|(order, entry)| Scanned {
            entry,
            order,
            at: 0,
            kinds: Vec::new(),
            lengths: [0; COUNT],
            occurrences: Vec::new(),
            by_term: Vec::new(),
        })
        .collect();
    for (at, place) in index.searched.iter().enumerate() {
        if let Some(place) = *place {
            let s = &mut scanned[place];
            s.at = at;
            for (field, length) in index.split.fields_of(at) {
                s.kinds.push((field, length));
                s.lengths[field.index()] += length;
            }
        }
    }
    let mut terms = Terms {
        words: Vec::new(),
        anchors: Vec::new(),
    };
    for wanted in &parsed.terms {
        let words: Vec<(usize, bool)> = match wanted {
            Term::Word { typed, stem, typos } => {
                let exact = index.with_stem(stem);
                if exact.is_empty() && *typos > 0 {
                    // The word as typed is nowhere: the words a typo away, and their kin by stem
                    // ("lonliness": loneliness, and lonely).
                    let mut kin = Vec::new();
                    for stem in index.typo_stems(typed, *typos) {
                        kin.extend(index.with_stem(&stem).into_iter().map(|id| (id, true)));
                    }
                    kin
                } else {
                    exact.into_iter().map(|id| (id, false)).collect()
                }
            }
            Term::Year(digits) => (0..index.split.distinct_words())
                .take_while(|&id| index.split.distinct(id).0 < "a")
                .filter(|&id| is_year_ending(index.split.distinct(id).0, digits))
                .map(|id| (id, false))
                .collect(),
            Term::Text { .. } => Vec::new(),
        };
        let mut words: Vec<(u32, bool)> = words.into_iter().map(|(id, t)| (id as u32, t)).collect();
        words.sort_unstable();
        terms.words.push(words);
    }
    // Each alternative is found from its rarest term, whose occurrences are gathered; its other
    // terms are looked for beside them, so that "on their own" never gathers every "on".
    let rarity = |term: usize| -> usize {
        let words = &terms.words[term];
        words
            .iter()
            .map(|&(id, _)| index.split.place_count(id as usize))
            .sum()
    };
    let mut gathered = vec![false; parsed.terms.len()];
    for concept in &parsed.concepts {
        let anchors: Vec<usize> = concept
            .alternatives
            .iter()
            .map(|alternative| {
                let at = (0..alternative.terms.len())
                    .min_by_key(|&i| rarity(alternative.terms[i]))
                    .unwrap_or(0);
                if let Some(&term) = alternative.terms.get(at) {
                    gathered[term] = true;
                }
                at
            })
            .collect();
        terms.anchors.push(anchors);
    }
    for (term, words) in terms.words.iter().enumerate() {
        if !gathered[term] {
            continue;
        }
        for &(id, typo) in words {
            for at in index.split.places(id as usize) {
                if let Some(place) = index.searched[at.entry] {
                    scanned[place].occurrences.push(Occurrence {
                        term,
                        field: at.field,
                        position: at.word.position,
                        chars: at.word.chars.0..at.word.chars.1,
                        typo,
                    });
                }
            }
        }
    }
    if parsed.terms.iter().any(|t| matches!(t, Term::Text { .. })) {
        for s in &mut scanned {
            for (index, (_, text)) in fields(catalogue, s.entry).iter().enumerate() {
                scan_text(&parsed.terms, text, index, &mut s.occurrences);
            }
        }
    }
    for s in &mut scanned {
        // Each occurrence's key is its own: no two share field, place, char and term.
        s.occurrences
            .sort_unstable_by_key(|o| (o.field, o.position, o.chars.start, o.term));
        s.by_term = (0..s.occurrences.len() as u32).collect();
        s.by_term
            .sort_unstable_by_key(|&i| (s.occurrences[i as usize].term, i));
    }
    (scanned, terms)
}

/// What the terms of a query matched: each term's distinct words (by number, sorted, each with
/// whether only as a typo), and for each concept's alternatives, which of its terms is the one
/// whose occurrences were gathered.
struct Terms {
    words: Vec<Vec<(u32, bool)>>,
    anchors: Vec<Vec<usize>>,
}

/// Whether a word is a year (perhaps with a letter, as "2019a" of an id) that ends with
/// `digits`.
fn is_year_ending(word: &str, digits: &str) -> bool {
    let year = word.trim_end_matches(|c: char| c.is_ascii_lowercase());
    year.len() == 4
        && word.len() <= 5
        && year.bytes().all(|b| b.is_ascii_digit())
        && year.ends_with(digits)
}

/// Where the query's strict text atoms match a field, compared as fzf does: folded, and as
/// text rather than words.
fn scan_text(terms: &[Term], text: &str, field: usize, occurrences: &mut Vec<Occurrence>) {
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
    for (term, wanted) in terms.iter().enumerate() {
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

/// Where a concept matched in an entry, once per place, each at the weight of its weightiest
/// alternative there: each alternative's terms in a row, in the fields it admits (a code's,
/// whole), found from its rarest term's occurrences and the words that stand beside them.
fn matches(
    concept: &Concept,
    anchors: &[usize],
    scanned: &Scanned,
    split: &Split,
    terms: &Terms,
) -> Vec<Match> {
    let occurrences = &scanned.occurrences;
    // The word of term `term` at `position` of `field`, if one stands there, and whether it is
    // the term only as a typo.
    let stands = |term: usize, field: usize, position: u32| -> Option<(&super::Word, bool)> {
        let words = &terms.words[term];
        split
            .words_at(scanned.at, field, position)
            .find_map(|(id, word)| {
                let at = words.binary_search_by_key(&id, |&(id, _)| id).ok()?;
                Some((word, words[at].1))
            })
    };
    let mut found: Vec<Match> = Vec::new();
    for ((number, alternative), &anchor) in concept.alternatives.iter().enumerate().zip(anchors) {
        let Some(&anchor_term) = alternative.terms.get(anchor) else {
            continue;
        };
        let by_term = &scanned.by_term;
        let from = by_term.partition_point(|&i| occurrences[i as usize].term < anchor_term);
        let starts = by_term[from..]
            .iter()
            .map(|&i| &occurrences[i as usize])
            .take_while(|o| o.term == anchor_term);
        for occurrence in starts {
            let (kind, length) = scanned.kinds[occurrence.field];
            if !alternative.fields.admit(kind) {
                continue;
            }
            let field = occurrence.field;
            // The alternative's words in a row, around the one found.
            let (mut chars, mut typo, mut in_row) =
                (occurrence.chars.clone(), occurrence.typo, true);
            let first = occurrence.position.wrapping_sub(anchor as u32);
            if alternative.terms.len() > 1 {
                if (occurrence.position as usize) < anchor || occurrence.position == u32::MAX {
                    continue;
                }
                for (i, &term) in alternative.terms.iter().enumerate() {
                    if i == anchor {
                        continue;
                    }
                    match stands(term, field, first + i as u32) {
                        Some((word, as_typo)) => {
                            typo |= as_typo;
                            if i == 0 {
                                chars.start = word.chars.0;
                            }
                            if i + 1 == alternative.terms.len() {
                                chars.end = word.chars.1;
                            }
                        }
                        None => in_row = false,
                    }
                }
            }
            let last = first.wrapping_add(alternative.terms.len() as u32 - 1);
            let whole = !kind.is_code() || (first == 0 && last + 1 == length);
            // Part of a longer name of another place: "Wales" in "New South Wales".
            let blocked = alternative.blockers.iter().any(|(row, at)| {
                first >= *at
                    && (0u32..)
                        .zip(row)
                        .all(|(i, &term)| stands(term, field, first - at + i).is_some())
            });
            if !in_row || !whole || blocked {
                continue;
            }
            let candidate = Match {
                field,
                first,
                last,
                chars,
                weight: alternative.weight,
                alternative: number,
                typo,
            };
            let place = |m: &&mut Match| m.field == field && m.chars.start == candidate.chars.start;
            match found.iter_mut().find(place) {
                Some(there) if there.weight < candidate.weight => *there = candidate,
                Some(_) => {}
                None => found.push(candidate),
            }
        }
    }
    found
}

/// For two concepts typed one after the other, each match of the first with how near a match
/// of the second stands to it in the same field: 1 side by side and in order, less the further
/// apart, half as much the other way round, nothing beyond `NEAR_WORDS`.
fn near_pairs(a: &[Match], b: &[Match]) -> Vec<(usize, f64)> {
    let mut found = Vec::new();
    for m in a {
        let best = b
            .iter()
            .filter(|o| o.field == m.field && m.first != u32::MAX && o.first != u32::MAX)
            .filter_map(|o| {
                let (gap, in_order) = if o.first > m.last {
                    (o.first - m.last, true)
                } else if m.first > o.last {
                    (m.first - o.last, false)
                } else {
                    return None;
                };
                let nearness = if in_order { 1.0 } else { 0.5 } / f64::from(gap);
                (gap <= NEAR_WORDS).then_some(nearness * m.weight.min(o.weight))
            })
            .fold(0.0, f64::max);
        if best > 0.0 {
            found.push((m.field, best));
        }
    }
    found
}

/// What scoring needs of the whole search.
struct Weights<'w> {
    idf: &'w [f64],
    /// The idf of every concept asked for that some entry has.
    asked: f64,
    averages: &'w [f64],
}

/// BM25F's score of weighted counts per field: each field's count weighted by how much the
/// field counts and normalised by its length, summed, then saturated.
fn bm25f(counts: &[f64; COUNT], scanned: &Scanned, averages: &[f64]) -> f64 {
    let mut weighted = 0.0;
    for field in Field::ALL {
        let tf = counts[field.index()];
        if tf > 0.0 {
            let (weight, b) = field.weight();
            let length = f64::from(scanned.lengths[field.index()]);
            let norm = 1.0 - b + b * length / averages[field.index()].max(1.0);
            weighted += weight * tf / norm;
        }
    }
    weighted * (K1 + 1.0) / (K1 + weighted)
}

/// An entry's hit, if it is about the query: every strict form satisfied, no `!word` present,
/// and enough of the query matched.
fn score<'a>(
    parsed: &Parsed,
    scanned: Scanned<'a>,
    per_concept: Vec<Vec<Match>>,
    weights: &Weights,
) -> Option<Hit<'a>> {
    // Whether the entry is about the query, before the costlier work of saying why.
    let mut share = 0.0;
    for ((concept, found), idf) in parsed.concepts.iter().zip(&per_concept).zip(weights.idf) {
        match (concept.role, found.is_empty()) {
            (Role::Excluded, false) | (Role::Required, true) => return None,
            (Role::Ranked | Role::Required, false) => share += idf,
            _ => {}
        }
    }
    let share = if weights.asked > 0.0 {
        share / weights.asked
    } else {
        1.0
    };
    if share < LEAST_SHARE {
        return None;
    }
    let mut total = 0.0;
    let mut reasons = Vec::new();
    for (i, concept) in parsed.concepts.iter().enumerate() {
        let mut times = [0u32; COUNT];
        // Counts per field, for each weight the concept's matches have: what is typed and what
        // means the same count together; each kind of near term apart, less.
        let mut groups: Vec<(f64, [f64; COUNT])> = Vec::new();
        let mut count = |weight: f64, field: usize, by: f64, times: &mut [u32; COUNT]| {
            let kind = scanned.kinds[field].0.index();
            let at = match groups.iter().position(|(w, _)| *w == weight) {
                Some(at) => at,
                None => {
                    groups.push((weight, [0.0; COUNT]));
                    groups.len() - 1
                }
            };
            groups[at].1[kind] += by;
            times[kind] += 1;
        };
        match concept.role {
            Role::Excluded => continue,
            Role::Near(a, b) => {
                for (field, nearness) in near_pairs(&per_concept[a], &per_concept[b]) {
                    count(1.0, field, nearness, &mut times);
                }
            }
            Role::Ranked | Role::Required => {
                for m in &per_concept[i] {
                    count(m.weight, m.field, 1.0, &mut times);
                }
            }
        }
        if groups.is_empty() {
            continue;
        }
        // Nearness counts as the rarer of its two concepts would, in part.
        let idf = match concept.role {
            Role::Near(a, b) => NEARNESS * weights.idf[i].min(weights.idf[a].max(weights.idf[b])),
            _ => weights.idf[i],
        };
        let best = groups
            .iter()
            .map(|(weight, counts)| weight * bm25f(counts, &scanned, weights.averages))
            .fold(0.0, f64::max);
        let part = idf * best;
        total += part;
        reasons.push(Reason {
            typed: concept.typed.clone(),
            role: concept.role,
            score: part,
            fields: Field::ALL
                .iter()
                .filter(|f| times[f.index()] > 0)
                .map(|f| (*f, times[f.index()]))
                .collect(),
            words: Vec::new(),
            concept: i,
        });
    }
    let title = scanned.kinds.iter().position(|(k, _)| *k == Field::Title);
    let title_marks = title
        .map(|t| marks(parsed, &per_concept, t, &(0..u32::MAX)))
        .unwrap_or_default();
    Some(Hit {
        entry: scanned.entry,
        score: total * (0.5 + 0.5 * share),
        share,
        title_marks,
        elsewhere: None,
        reasons,
        detail: Detail {
            kinds: scanned.kinds,
            matched: per_concept,
        },
    })
}

/// What a hit needs kept, to say later why it matched.
#[derive(Debug)]
pub(super) struct Detail {
    kinds: Vec<(Field, u32)>,
    matched: Vec<Vec<Match>>,
}

/// The char positions, in the field `field` and within `within` (counted from its start),
/// that the concepts asked for matched.
fn marks(
    parsed: &Parsed,
    per_concept: &[Vec<Match>],
    field: usize,
    within: &Range<u32>,
) -> Vec<u32> {
    let mut marks: Vec<u32> = parsed
        .concepts
        .iter()
        .zip(per_concept)
        .filter(|(c, _)| matches!(c.role, Role::Ranked | Role::Required))
        .flat_map(|(_, found)| found)
        .filter(|m| m.field == field && within.contains(&m.chars.start))
        .flat_map(|m| m.chars.clone())
        .filter(|c| within.contains(c))
        .map(|c| c - within.start)
        .collect();
    marks.sort_unstable();
    marks.dedup();
    marks
}

/// Says why each of the first `count` hits matched: what of it matched each part of the
/// query, and how (for `--explain`), and the sentence of its abstract, or the field, that
/// shows why it answers.
pub(super) fn describe(parsed: &Parsed, idf: &[f64], hits: &mut [Hit], catalogue: &Catalogue) {
    for hit in hits {
        let texts = fields(catalogue, hit.entry);
        let detail = &hit.detail;
        for reason in &mut hit.reasons {
            let concept = &parsed.concepts[reason.concept];
            let mut words: Vec<String> = Vec::new();
            if !matches!(concept.role, Role::Near(..)) {
                for m in &detail.matched[reason.concept] {
                    let text = crate::text::fold(char_range(&texts[m.field].1, &m.chars));
                    let label = label(concept, &concept.alternatives[m.alternative], m, &text);
                    if !words.contains(&label) {
                        words.push(label);
                    }
                }
            }
            words.sort();
            reason.words = words;
        }
        hit.elsewhere = shown(
            parsed,
            &detail.kinds,
            &detail.matched,
            idf,
            &texts,
            &hit.title_marks,
        );
    }
}

/// How a match came about, for `--explain`: the words as typed, or how the query reached them.
fn label(concept: &Concept, alternative: &Alternative, m: &Match, text: &str) -> String {
    let typed = &concept.typed;
    let weight = if alternative.weight < 1.0 {
        format!(
            ", ×{}",
            alternative.weight.to_string().trim_end_matches('0')
        )
    } else {
        String::new()
    };
    let lexicon = crate::embedded::lexicon();
    let why = match alternative.via {
        Via::Typed if m.typo => "typo".to_string(),
        Via::Typed => return text.to_string(),
        Via::Thesaurus { .. } => "thesaurus".to_string(),
        Via::Place(placed) => format!("places: {}", placed.said(lexicon)),
        Via::Coded(placed) => format!(
            "{}, and splw codes works set there so",
            placed.said(lexicon)
        ),
        Via::Code => format!(
            "thesaurus: splw's coding of the study design or kind {}",
            alternative.shown
        ),
        Via::Id => "read as an id".to_string(),
    };
    let shown = if matches!(alternative.via, Via::Code | Via::Coded(_)) {
        alternative.shown.as_ref()
    } else {
        text
    };
    format!("{typed} → {shown} ({why}{weight})")
}

/// What `find` shows of a hit under its title, where the title does not show why the entry
/// answers: the sentence of the abstract that best matches, or the field outside the title that
/// matched, with its marks.
fn shown(
    parsed: &Parsed,
    kinds: &[(Field, u32)],
    per_concept: &[Vec<Match>],
    idf: &[f64],
    texts: &[(Field, Cow<str>)],
    title_marks: &[u32],
) -> Option<Shown> {
    let wanted: Vec<(usize, &Match)> = parsed
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, Role::Ranked | Role::Required))
        .flat_map(|(i, _)| per_concept[i].iter().map(move |m| (i, m)))
        .collect();
    // How well a stretch of a field answers: each concept it matches, by its idf and weight.
    let worth = |field: usize, within: &Range<u32>| -> f64 {
        let mut best = vec![0.0f64; parsed.concepts.len()];
        for (i, m) in &wanted {
            if m.field == field && within.contains(&m.chars.start) {
                best[*i] = best[*i].max(idf[*i] * m.weight);
            }
        }
        best.iter().sum()
    };
    let everything = 0..u32::MAX;
    let title = kinds.iter().position(|(k, _)| *k == Field::Title);
    let title_worth = title.map_or(0.0, |t| worth(t, &everything));
    let abstract_field = kinds.iter().position(|(k, _)| *k == Field::Abstract);
    let best_sentence = abstract_field.and_then(|a| {
        sentences(&texts[a].1)
            .into_iter()
            .map(|range| (worth(a, &range), range))
            .filter(|(w, _)| *w > 0.0)
            .fold(
                None,
                |best: Option<(f64, Range<u32>)>, (w, range)| match best {
                    Some((bw, _)) if bw >= w => best,
                    _ => Some((w, range)),
                },
            )
            .map(|(w, range)| (w, a, range))
    });
    if let Some((w, a, range)) = best_sentence {
        if w > title_worth {
            let sentence = char_range(&texts[a].1, &range).to_string();
            return Some((
                Field::Abstract,
                sentence,
                marks(parsed, per_concept, a, &range),
            ));
        }
    }
    if !title_marks.is_empty() {
        return None;
    }
    // Nothing in the title or abstract: the weightiest other field that matched, whole.
    let other = wanted
        .iter()
        .map(|(_, m)| m.field)
        .filter(|&f| !matches!(kinds[f].0, Field::Id | Field::Title | Field::Abstract))
        .max_by(|a, b| {
            let weight = |f: usize| kinds[f].0.weight().0;
            weight(*a).total_cmp(&weight(*b)).then(b.cmp(a))
        });
    other.map(|f| {
        let (field, text) = &texts[f];
        (
            *field,
            text.to_string(),
            marks(parsed, per_concept, f, &everything),
        )
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
