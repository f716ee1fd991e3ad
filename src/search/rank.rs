//! Running a query: the words of the index it matches, where they stand, then BM25F scores.
//!
//! The index is the split of the entries searched: the built-in brief's, made when splw was
//! built, or a `--brief` folder's, made here without stems, which are worked out only for the
//! words that may share one with the query's. Each term is looked up among the distinct words,
//! which are sorted, so that only the words that start as it does are compared.
//!
//! `page.js` ranks in the same way, step for step, over the page's split: a change here is a
//! change there (tests/page.rs runs every judged query through both).

use std::ops::Range;

use super::field::{COUNT, Field};
use super::query::{Concept, Parsed, Role, Syntax, Via};
use super::{Hit, Reason, Results, Split};
use crate::catalogue::{Catalogue, Entry};

mod describe;
mod index;
mod scan;

pub(super) use describe::describe;
use describe::marks;
use index::index;
use scan::{matches, scan};

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

pub fn run<'a>(
    syntax: &Syntax,
    catalogue: &Catalogue,
    split: Option<&Split<'static>>,
    entries: impl Iterator<Item = &'a Entry>,
) -> Results<'a> {
    let entries: Vec<&'a Entry> = entries.collect();
    let mut index = index(catalogue, split, &entries);
    let parsed = syntax.read(crate::search::built_in_lexicon(), &mut index);
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
