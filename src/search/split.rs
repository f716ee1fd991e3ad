//! The index search reads: every field of the entries searched, split into words, and each
//! distinct word with its stem and the places it stands. build.rs makes the built-in brief's and
//! bakes it into the binary (see `embedded`), so that a search there looks up the words a query
//! matches instead of splitting 90 KB of text at every run; a `--brief` folder's is made as it
//! is searched, without stems, which are worked out only for the words that may need them; and
//! `splw page` gives its script the page's, so that the page ranks as `find` does.

use std::borrow::Cow;
use std::collections::HashMap;

use databake::Bake;
use serde::Serialize;

use super::field::{Field, fields};
use super::stems;
use super::words;
use crate::catalogue::{Catalogue, Entry};

/// The words of every entry's fields. Each list is flat, and says where each of its items ends
/// in the next list: an entry's fields, a field's words. The distinct words are sorted, so
/// that those that start alike stand together; each is stored once with its stem (none in a
/// split made without), and the places where it stands. Nothing below the lists is a pointer,
/// which the binary would have to relocate at every start.
#[derive(Debug, Clone, PartialEq, Eq, Bake, Serialize)]
#[databake(path = crate::search)]
pub struct Split<'a> {
    /// Each entry's id, and where its fields end in `fields`.
    pub entries: Cow<'a, [(Cow<'a, str>, u32)]>,
    /// Each field, in the order `fields` gives an entry's: which it is, where its words end in
    /// `words`, and its length in words (joined pairs of a compound not counted).
    pub fields: Cow<'a, [(Field, u32, u32)]>,
    pub words: Cow<'a, [Word]>,
    /// Each distinct word, in sorted order: where it ends in `text`, where its stem ends in
    /// `stems`, and where its places end in `places`.
    pub distinct: Cow<'a, [(u32, u32, u32)]>,
    /// For each distinct word in turn, the places in `words` where it stands, in order.
    pub places: Cow<'a, [u32]>,
    /// The distinct words, folded, one after another.
    pub text: Cow<'a, str>,
    /// Their stems, one after another; empty in a split made without them.
    pub stems: Cow<'a, str>,
    /// The distinct words' numbers in the order of their stems (then numbers), to look a stem
    /// up by halving; empty in a split made without stems.
    pub by_stem: Cow<'a, [u32]>,
}

/// A word of a field, as `words::tokens` gives it: where it stands (a joined pair of a compound
/// at its first part's place), and the chars it covers.
#[derive(Debug, Clone, PartialEq, Eq, Bake, Serialize)]
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
    pub word: &'a Word,
}

/// The built-in brief's split: every entry, sorted by id, its words stemmed.
pub fn split(catalogue: &Catalogue) -> Split<'static> {
    let mut entries: Vec<&Entry> = catalogue.entries.iter().collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    split_entries(catalogue, &entries, true)
}

/// Every word of `entries`' fields, in order, as the number of its distinct word.
pub(super) struct Numbered {
    /// The distinct words, folded, sorted.
    pub distinct: Vec<String>,
    /// Each word's distinct word: its place in `distinct`.
    pub words: Vec<u32>,
    /// Where each field's words end in `words`, entry by entry, in the order `fields` gives.
    pub field_ends: Vec<u32>,
}

/// Numbers every word of `entries`' fields, in their order, by its distinct word among them
/// all, sorted. `each` sees each word as it is read.
pub(super) fn numbered(
    catalogue: &Catalogue,
    entries: &[&Entry],
    mut each: impl FnMut(&words::Token),
) -> Numbered {
    // Numbered as first seen, then renumbered in place by the distinct words' sorted order.
    let mut which: Vec<u32> = Vec::new();
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut field_ends = Vec::new();
    for entry in entries {
        for (_, field_text) in fields(catalogue, entry) {
            words::tokens(
                &field_text,
                |_| true,
                |token| {
                    let next = numbers.len() as u32;
                    let id = match numbers.get(token.word) {
                        Some(&id) => id,
                        None => *numbers.entry(token.word.to_string()).or_insert(next),
                    };
                    which.push(id);
                    each(&token);
                },
            );
            field_ends.push(which.len() as u32);
        }
    }
    let mut sorted: Vec<(String, u32)> = numbers.into_iter().collect();
    sorted.sort_unstable();
    let mut rank = vec![0u32; sorted.len()];
    for (new, (_, old)) in (0u32..).zip(&sorted) {
        rank[*old as usize] = new;
    }
    for id in &mut which {
        *id = rank[*id as usize];
    }
    Numbered {
        distinct: sorted.into_iter().map(|(word, _)| word).collect(),
        words: which,
        field_ends,
    }
}

/// Splits every field of `entries`, in their order, each word folded, and with `stemmed`, its
/// stem worked out.
pub fn split_entries(catalogue: &Catalogue, entries: &[&Entry], stemmed: bool) -> Split<'static> {
    // Two passes over the fields: the first numbers each word, and from those numbers each
    // distinct word's places are counted out into one list; the second, once the numbers are
    // freed, gives the words themselves. Every list of all the words counts (at 10,000 entries
    // two million words, 9 MB a list of numbers), and the words, numbers and places are never
    // held at once.
    let Numbered {
        distinct: sorted,
        words: word_ids,
        ..
    } = numbered(catalogue, entries, |_| {});
    let mut ends = vec![0u32; sorted.len()];
    for &id in &word_ids {
        ends[id as usize] += 1;
    }
    let mut total = 0;
    for end in &mut ends {
        total += *end;
        *end = total;
    }
    let mut places = vec![0u32; word_ids.len()];
    let mut next: Vec<u32> = std::iter::once(0).chain(ends.iter().copied()).collect();
    for (place, &id) in (0u32..).zip(&word_ids) {
        let slot = &mut next[id as usize];
        places[*slot as usize] = place;
        *slot += 1;
    }
    drop((next, word_ids));
    let (mut ids, mut kinds, mut words) = (Vec::new(), Vec::new(), Vec::new());
    for entry in entries {
        for (field, field_text) in fields(catalogue, entry) {
            let mut length = 0;
            words::tokens(
                &field_text,
                |_| true,
                |token| {
                    length += u32::from(!token.joined);
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
    let (mut text, mut stems) = (String::new(), String::new());
    let mut stem_list: Vec<(String, u32)> = Vec::new();
    let distinct = sorted
        .iter()
        .zip(ends)
        .map(|(word, end)| {
            text.push_str(word);
            if stemmed && !word.is_empty() {
                let stem = stems::stem(word);
                stems.push_str(&stem);
                stem_list.push((stem, stem_list.len() as u32));
            } else if stemmed {
                stem_list.push((String::new(), stem_list.len() as u32));
            }
            (text.len() as u32, stems.len() as u32, end)
        })
        .collect();
    stem_list.sort_unstable();
    Split {
        by_stem: Cow::Owned(stem_list.into_iter().map(|(_, id)| id).collect()),
        entries: Cow::Owned(ids),
        fields: Cow::Owned(kinds),
        words: Cow::Owned(words),
        distinct: Cow::Owned(distinct),
        places: Cow::Owned(places),
        text: Cow::Owned(text),
        stems: Cow::Owned(stems),
    }
}

impl Split<'_> {
    /// The place of the entry with this id among the split's entries, if they are sorted by id
    /// (the built-in brief's).
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

    /// How many places the distinct word with this number stands in.
    pub(super) fn place_count(&self, id: usize) -> usize {
        self.place_list(id).len()
    }

    /// The words that stand at `position` of field `field` of the entry at `entry`: the word,
    /// and a compound's two parts joined, which takes its first part's position and stands
    /// after the second. Each with its place in `words`.
    pub(super) fn words_at(
        &self,
        entry: usize,
        field: usize,
        position: u32,
    ) -> impl Iterator<Item = (u32, &Word)> + '_ {
        let field = start(&self.entries, entry) + field;
        let from = field
            .checked_sub(1)
            .map_or(0, |before| self.fields[before].1) as usize;
        let end = self.fields[field].1 as usize;
        let joined = |at: usize| at > from && self.words[at].position < self.words[at - 1].position;
        // Each joined pair before it moves a word one place on from its position.
        let mut at = from + position as usize;
        while at < end && (self.words[at].position != position || joined(at)) {
            at += 1;
        }
        [at, at + 2]
            .into_iter()
            .filter(move |&at| at < end && self.words[at].position == position)
            .map(move |at| (at as u32, &self.words[at]))
    }

    /// How many distinct words there are.
    pub(super) fn distinct_words(&self) -> usize {
        self.distinct.len()
    }

    /// Whether the split holds its words' stems.
    pub(super) fn is_stemmed(&self) -> bool {
        !self.stems.is_empty() || self.text.is_empty()
    }

    /// The distinct word with this number, folded, and its stem (empty if not stemmed ahead).
    pub(super) fn distinct(&self, id: usize) -> (&str, &str) {
        let (from, stem_from, _) = id
            .checked_sub(1)
            .map_or((0, 0, 0), |before| self.distinct[before]);
        let (end, stem_end, _) = self.distinct[id];
        (
            &self.text[from as usize..end as usize],
            self.stems
                .get(stem_from as usize..stem_end as usize)
                .unwrap_or_default(),
        )
    }

    /// The numbers of the distinct words whose stem is `stem`, in order; none in a split made
    /// without stems.
    pub(super) fn with_stem(&self, stem: &str) -> &[u32] {
        let from = self
            .by_stem
            .partition_point(|&id| self.distinct(id as usize).1 < stem);
        let to =
            from + self.by_stem[from..].partition_point(|&id| self.distinct(id as usize).1 == stem);
        &self.by_stem[from..to]
    }

    /// The numbers of the distinct words that start with `prefix`.
    pub(super) fn starting(&self, prefix: &str) -> std::ops::Range<usize> {
        let below = |id: usize| self.distinct(id).0 < prefix;
        let from = partition(self.distinct.len(), below);
        let to = partition(self.distinct.len(), |id| {
            let word = self.distinct(id).0;
            word < prefix || word.starts_with(prefix)
        });
        from..to.max(from)
    }

    /// The places in `words` of the distinct word with this number, in order.
    pub(super) fn place_list(&self, id: usize) -> &[u32] {
        let from = id
            .checked_sub(1)
            .map_or(0, |before| self.distinct[before].2);
        &self.places[from as usize..self.distinct[id].2 as usize]
    }

    /// Whether the distinct word with this number stands at `place` in `words`.
    pub(super) fn stands_at(&self, id: u32, place: u32) -> bool {
        self.place_list(id as usize).binary_search(&place).is_ok()
    }

    /// Where the distinct word with this number stands, in order.
    pub(super) fn places(&self, id: usize) -> impl Iterator<Item = Place<'_>> + '_ {
        let places = self.place_list(id);
        // A word's places are in order: each field and entry is looked for from the last one
        // found, first where it was (a word often stands twice in a field), then by halving.
        let (mut field, mut entry) = (0usize, 0usize);
        places.iter().map(move |&place| {
            if self.fields[field].1 <= place {
                field += self.fields[field..].partition_point(|&(_, end, _)| end <= place);
            }
            if self.entries[entry].1 as usize <= field {
                entry += self.entries[entry..].partition_point(|&(_, end)| end as usize <= field);
            }
            Place {
                entry,
                field: field - start(&self.entries, entry),
                word: &self.words[place as usize],
            }
        })
    }
}

/// The first of `0..len` for which `before` is false, where it is true for all before it.
fn partition(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// Where item `at` of a flat list starts in the next list: where the item before it ends.
fn start<T>(list: &[(T, u32)], at: usize) -> usize {
    at.checked_sub(1)
        .map_or(0, |before| list[before].1 as usize)
}
