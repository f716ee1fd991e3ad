//! Where a query's terms stand in the entries searched, and where each concept matched.

use super::index::Index;
use super::{Match, Occurrence, Scanned};
use crate::catalogue::{Catalogue, Entry};
use crate::search::field::{COUNT, fields};
use crate::search::query::{Concept, Known, Parsed, Term, TextMatch};
use crate::search::{Split, Word};

/// Every entry searched, in order, with where the query's terms stand in it.
pub(super) fn scan<'a>(
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
pub(super) struct Terms {
    words: Vec<Vec<(u32, bool)>>,
    pub(super) anchors: Vec<Vec<usize>>,
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
pub(super) fn matches(
    concept: &Concept,
    anchors: &[usize],
    scanned: &Scanned,
    split: &Split,
    terms: &Terms,
) -> Vec<Match> {
    let occurrences = &scanned.occurrences;
    // The word of term `term` at `position` of `field`, if one stands there, and whether it is
    // the term only as a typo.
    let stands = |term: usize, field: usize, position: u32| -> Option<(&Word, bool)> {
        let words = &terms.words[term];
        split
            .words_at(scanned.at, field, position)
            .find_map(|(place, word)| {
                let &(_, typo) = words.iter().find(|&&(id, _)| split.stands_at(id, place))?;
                Some((word, typo))
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
