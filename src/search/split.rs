//! Every entry's fields split into words before any query runs. build.rs splits the built-in
//! brief's and bakes them into the binary (see `embedded`), so that a search there reads them
//! instead of splitting 90 KB of text at every run, which was most of `find`'s work. A `--brief`
//! folder's fields are split as they are searched, by the same `words::tokens`.

use std::borrow::Cow;

use databake::Bake;

use super::field::{Field, fields};
use super::words::{self, Token};
use crate::catalogue::{Catalogue, Entry};

/// The words of every entry's fields, entries sorted by id. Each list is flat, and says where
/// each of its items ends in the next list: an entry's fields, a field's words, a word's text.
/// Nothing below the lists is a pointer, which the binary would have to relocate at every start.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search)]
pub struct Split<'a> {
    /// Each entry's id, and where its fields end in `fields`.
    pub entries: Cow<'a, [(Cow<'a, str>, u32)]>,
    /// Each field, in the order `fields` gives an entry's: which it is, and where its words end
    /// in `words`.
    pub fields: Cow<'a, [(Field, u32)]>,
    pub words: Cow<'a, [Word]>,
    /// The words, folded, one after another.
    pub text: Cow<'a, str>,
}

/// A word of a field, as `words::tokens` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search)]
pub struct Word {
    /// Where the word ends in `text`.
    pub end: u32,
    pub position: u32,
    /// The chars it covers in the field.
    pub chars: (u32, u32),
    pub joined: bool,
}

/// Splits every field of every entry of `catalogue`, each word folded.
pub fn split(catalogue: &Catalogue) -> Split<'static> {
    let mut entries: Vec<&Entry> = catalogue.entries.iter().collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let (mut ids, mut kinds, mut words, mut text) =
        (Vec::new(), Vec::new(), Vec::new(), String::new());
    for entry in entries {
        for (field, field_text) in fields(catalogue, entry) {
            words::tokens(
                &field_text,
                |_| true,
                |token| {
                    text.push_str(token.word);
                    words.push(Word {
                        end: text.len() as u32,
                        position: token.position,
                        chars: (token.chars.start, token.chars.end),
                        joined: token.joined,
                    });
                },
            );
            kinds.push((field, words.len() as u32));
        }
        ids.push((Cow::Owned(entry.id.clone()), kinds.len() as u32));
    }
    Split {
        entries: Cow::Owned(ids),
        fields: Cow::Owned(kinds),
        words: Cow::Owned(words),
        text: Cow::Owned(text),
    }
}

impl Split<'_> {
    /// The fields of the entry with this id, each with its words, in the order `fields` gives
    /// them; `None` if no entry has the id.
    pub(super) fn entry(
        &self,
        id: &str,
    ) -> Option<impl Iterator<Item = (Field, impl Iterator<Item = Token<'_>>)>> {
        let at = self
            .entries
            .binary_search_by(|(other, _)| other.as_ref().cmp(id))
            .ok()?;
        let fields = start(&self.entries, at)..self.entries[at].1 as usize;
        Some(fields.map(move |at| {
            let (field, end) = self.fields[at];
            let words = start(&self.fields, at)..end as usize;
            (field, words.map(move |at| self.token(at)))
        }))
    }

    fn token(&self, at: usize) -> Token<'_> {
        let word = &self.words[at];
        let from = at
            .checked_sub(1)
            .map_or(0, |before| self.words[before].end as usize);
        Token {
            word: &self.text[from..word.end as usize],
            position: word.position,
            chars: word.chars.0..word.chars.1,
            joined: word.joined,
        }
    }
}

/// Where item `at` of a flat list starts in the next list: where the item before it ends.
fn start<T>(list: &[(T, u32)], at: usize) -> usize {
    at.checked_sub(1)
        .map_or(0, |before| list[before].1 as usize)
}
