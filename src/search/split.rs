//! Every entry's fields split into words, and the words stemmed and indexed, before any query
//! runs. build.rs splits the built-in brief's and bakes them into the binary (see `embedded`), so
//! that a search there looks up the words a query matches instead of splitting 90 KB of text at
//! every run, which was most of `find`'s work. A `--brief` folder's fields are split as they are
//! searched, by the same `words::tokens`.

use std::borrow::Cow;
use std::collections::HashMap;

use databake::Bake;

use super::field::{Field, fields};
use super::stems;
use super::words;
use crate::catalogue::{Catalogue, Entry};

/// The words of every entry's fields, entries sorted by id. Each list is flat, and says where
/// each of its items ends in the next list: an entry's fields, a field's words. Each word is one
/// of the distinct words, stored once with its stem, so that a search looks up and stems each
/// distinct word at most once, by its number. Nothing below the lists is a pointer, which the
/// binary would have to relocate at every start.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search)]
pub struct Split<'a> {
    /// Each entry's id, and where its fields end in `fields`.
    pub entries: Cow<'a, [(Cow<'a, str>, u32)]>,
    /// Each field, in the order `fields` gives an entry's: which it is, where its words end in
    /// `words`, and its length in words (joined pairs of a compound not counted).
    pub fields: Cow<'a, [(Field, u32, u32)]>,
    pub words: Cow<'a, [Word]>,
    /// Each distinct word: where it ends in `text`, where its stem ends in `stems`, and where
    /// its places end in `places`.
    pub distinct: Cow<'a, [(u32, u32, u32)]>,
    /// For each distinct word in turn, the places in `words` where it stands, in order.
    pub places: Cow<'a, [u32]>,
    /// The distinct words, folded, one after another.
    pub text: Cow<'a, str>,
    /// Their stems, one after another.
    pub stems: Cow<'a, str>,
}

/// A word of a field, as `words::tokens` gives it: where it stands (a joined pair of a compound
/// at its first part's place), and the chars it covers.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search)]
pub struct Word {
    pub position: u32,
    pub chars: (u32, u32),
}

/// Where a word stands in a split.
pub(super) struct Place<'a> {
    /// The entry's place among the split's entries.
    pub entry: usize,
    /// The field's index among the entry's fields.
    pub field: usize,
    /// The word's place in `words`, which orders words as the text does.
    pub place: u32,
    pub word: &'a Word,
}

/// Splits every field of every entry of `catalogue`, each word folded and stemmed.
pub fn split(catalogue: &Catalogue) -> Split<'static> {
    let mut entries: Vec<&Entry> = catalogue.entries.iter().collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let (mut ids, mut kinds, mut words) = (Vec::new(), Vec::new(), Vec::new());
    // Which distinct word each word is.
    let mut which: Vec<u32> = Vec::new();
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let (mut spelt, mut text, mut stems) = (Vec::new(), String::new(), String::new());
    for entry in entries {
        for (field, field_text) in fields(catalogue, entry) {
            let mut length = 0;
            words::tokens(
                &field_text,
                |_| true,
                |token| {
                    let next = numbers.len() as u32;
                    let id = *numbers.entry(token.word.to_string()).or_insert_with(|| {
                        text.push_str(token.word);
                        stems.push_str(&stem_of(token.word));
                        spelt.push((text.len() as u32, stems.len() as u32));
                        next
                    });
                    length += u32::from(!token.joined);
                    which.push(id);
                    words.push(Word {
                        position: token.position,
                        chars: (token.chars.start, token.chars.end),
                    });
                },
            );
            kinds.push((field, words.len() as u32, length));
        }
        ids.push((Cow::Owned(entry.id.clone()), kinds.len() as u32));
    }
    // Each distinct word's places, in order.
    let mut places_of: Vec<Vec<u32>> = vec![Vec::new(); spelt.len()];
    for (place, id) in (0u32..).zip(which) {
        places_of[id as usize].push(place);
    }
    let mut places = Vec::with_capacity(words.len());
    let distinct = spelt
        .iter()
        .zip(places_of)
        .map(|(&(text_end, stem_end), these)| {
            places.extend(these);
            (text_end, stem_end, places.len() as u32)
        })
        .collect();
    Split {
        entries: Cow::Owned(ids),
        fields: Cow::Owned(kinds),
        words: Cow::Owned(words),
        distinct: Cow::Owned(distinct),
        places: Cow::Owned(places),
        text: Cow::Owned(text),
        stems: Cow::Owned(stems),
    }
}

/// A word's stem, or none for an empty word (one that only joins).
fn stem_of(word: &str) -> String {
    if word.is_empty() {
        String::new()
    } else {
        stems::stem(word)
    }
}

impl Split<'_> {
    /// The place of the entry with this id among the split's entries.
    pub(super) fn entry(&self, id: &str) -> Option<usize> {
        self.entries
            .binary_search_by(|(other, _)| other.as_ref().cmp(id))
            .ok()
    }

    /// The fields of the entry at `entry`, in the order `fields` gives them: which each is, and
    /// its length in words.
    pub(super) fn fields_of(&self, entry: usize) -> impl Iterator<Item = (Field, u32)> + '_ {
        let fields = start(&self.entries, entry)..self.entries[entry].1 as usize;
        self.fields[fields]
            .iter()
            .map(|&(field, _, length)| (field, length))
    }

    /// How many distinct words there are.
    pub(super) fn distinct_words(&self) -> usize {
        self.distinct.len()
    }

    /// The first letter of the distinct word with this number (none for an empty one), read
    /// without taking the word out.
    pub(super) fn first_letter(&self, id: usize) -> Option<u8> {
        let from = id
            .checked_sub(1)
            .map_or(0, |before| self.distinct[before].0);
        (from < self.distinct[id].0).then(|| self.text.as_bytes()[from as usize])
    }

    /// The distinct word with this number, folded, and its stem.
    pub(super) fn distinct(&self, id: usize) -> (&str, &str) {
        let (from, stem_from, _) = id
            .checked_sub(1)
            .map_or((0, 0, 0), |before| self.distinct[before]);
        let (end, stem_end, _) = self.distinct[id];
        (
            &self.text[from as usize..end as usize],
            &self.stems[stem_from as usize..stem_end as usize],
        )
    }

    /// Where the distinct word with this number stands, in order.
    pub(super) fn places(&self, id: usize) -> impl Iterator<Item = Place<'_>> + '_ {
        let from = id
            .checked_sub(1)
            .map_or(0, |before| self.distinct[before].2);
        let places = &self.places[from as usize..self.distinct[id].2 as usize];
        places.iter().map(move |&place| {
            let field = self.fields.partition_point(|&(_, end, _)| end <= place);
            let entry = self
                .entries
                .partition_point(|&(_, end)| end as usize <= field);
            Place {
                entry,
                field: field - start(&self.entries, entry),
                place,
                word: &self.words[place as usize],
            }
        })
    }
}

/// Where item `at` of a flat list starts in the next list: where the item before it ends.
fn start<T>(list: &[(T, u32)], at: usize) -> usize {
    at.checked_sub(1)
        .map_or(0, |before| list[before].1 as usize)
}
