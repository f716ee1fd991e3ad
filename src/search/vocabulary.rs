//! The words of a set of entries, each with its stem, and the entries each stem stands in: the
//! index that `splw page` gives its script, so that the page forgives what `find` forgives
//! (stems, British and American spellings, compounds) without a stemmer of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use super::field::fields;
use super::{stems, words};
use crate::catalogue::{Catalogue, Entry};

#[derive(Debug, Serialize)]
pub struct Vocabulary {
    /// Every word, folded as `find` folds it, beside the place of its stem in `stems`.
    pub words: BTreeMap<String, u32>,
    pub stems: Vec<String>,
    /// For each stem, the places (in the entries given) of the entries whose fields hold it.
    pub postings: Vec<Vec<u32>>,
    /// Words that never decide a match.
    pub stop_words: &'static [&'static str],
    /// How many typos a word may carry, by its length in letters (the last holds for longer).
    pub typos: Vec<usize>,
}

/// The vocabulary of `entries`, over the fields `find` searches.
pub fn vocabulary(catalogue: &Catalogue, entries: &[&Entry]) -> Vocabulary {
    let mut stem_of: BTreeMap<String, u32> = BTreeMap::new();
    let mut stems: Vec<String> = Vec::new();
    let mut places: BTreeMap<String, u32> = BTreeMap::new();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    for (place, entry) in (0u32..).zip(entries) {
        for (_, text) in fields(catalogue, entry) {
            words::tokens(
                &text,
                |_| true,
                |token| {
                    if token.word.is_empty() {
                        return;
                    }
                    let index = match stem_of.get(token.word) {
                        Some(&index) => index,
                        None => {
                            let stem = stems::stem(token.word);
                            let next = places.len() as u32;
                            let index = *places.entry(stem.clone()).or_insert(next);
                            if index == next {
                                stems.push(stem);
                                postings.push(Vec::new());
                            }
                            stem_of.insert(token.word.to_string(), index);
                            index
                        }
                    };
                    post(&mut postings[index as usize], place);
                },
            );
        }
    }
    Vocabulary {
        words: stem_of,
        stems,
        postings,
        stop_words: words::STOP_WORDS,
        typos: (0..10).map(stems::typos_allowed).collect(),
    }
}

/// Adds an entry's place to a stem's list once: entries come in order, so a repeat is the last.
fn post(list: &mut Vec<u32>, place: u32) {
    if list.last() != Some(&place) {
        list.push(place);
    }
}
