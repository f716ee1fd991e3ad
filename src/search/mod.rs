//! Search that ranks works by how much they are about the query: BM25F over the fields of an
//! entry, on whole words compared by their stems, with the thesaurus's and the gazetteer's terms
//! counting less than the words typed, words that stand near each other counting more, typos
//! forgiven where no work has the word as typed, and fzf's strict forms for those who want them
//! (see `query`).

mod export;
mod field;
pub mod lexicon;
#[cfg(test)]
mod lexicon_read;
mod query;
mod rank;
mod sentences;
mod split;
mod stems;
mod words;

// databake writes `alloc::borrow::Cow` in the baked lexicon.
extern crate alloc;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;

pub use export::{Index as PageIndex, index as page_index};
pub use field::Field;
pub use lexicon::Lexicon;
pub use query::{NEAR, Role};
pub use split::{Split, Word, split, split_entries};

#[cfg(test)]
pub use lexicon_read::read as read_lexicon;

/// Search's thesaurus and gazetteer, every term stemmed when splw was built.
pub static LEXICON: Lexicon<'static> = include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

pub fn built_in_lexicon() -> &'static Lexicon<'static> {
    &LEXICON
}

/// Longer queries are refused: no title in the brief is half as long.
pub const MAX_QUERY_CHARS: usize = 500;

/// What a search found, and what it could not.
#[derive(Debug)]
pub struct Results<'a> {
    /// The entries about the query, best first; ties keep the order they were given in.
    pub hits: Vec<Hit<'a>>,
    /// The words asked for that no entry searched has: the rest were ranked without them, or
    /// where they were most of what was asked, nothing was found.
    pub unknown: Vec<String>,
    /// The question and filler words left out.
    pub dropped: Vec<String>,
    /// How the query was read: each thing asked for, as typed, with how many other terms it
    /// reaches (thesaurus terms, places, codes).
    pub read: Vec<(String, usize)>,
    parsed: query::Parsed,
    idf: Vec<f64>,
}

impl Results<'_> {
    /// Says why the first `count` hits matched (their reasons' words, and what `find` shows
    /// under each title): the costly part, left for the hits that are shown.
    pub fn describe(&mut self, count: usize, catalogue: &Catalogue) {
        let count = count.min(self.hits.len());
        rank::describe(&self.parsed, &self.idf, &mut self.hits[..count], catalogue);
    }
}

/// An entry that matched, with why.
#[derive(Debug)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    pub score: f64,
    /// How much of what the query asks for the entry matched, from 0 to 1, each part weighted
    /// by how rare it is; the score is the reasons' sum times (1 + share) / 2.
    pub share: f64,
    /// The char positions in the title that the query matched, for highlighting.
    pub title_marks: Vec<u32>,
    /// What shows why the entry answers, where the title does not: the sentence of its abstract
    /// that best matches, whole; or the field outside the title that matched (a topic, an
    /// author), with the char positions that matched (once `Results::describe` has said).
    pub elsewhere: Option<Shown>,
    /// What each part of the query added to the score, for `find --explain`.
    pub reasons: Vec<Reason>,
    detail: rank::Detail,
}

/// Text shown for a hit, outside its title: the field it is from, the text, and the char
/// positions in it that the query matched.
pub type Shown = (Field, String, Vec<u32>);

/// What one part of the query matched in a hit, and what it added.
#[derive(Debug)]
pub struct Reason {
    pub typed: String,
    pub role: Role,
    pub score: f64,
    /// The fields it matched in, with how many times.
    pub fields: Vec<(Field, u32)>,
    /// What of the entry matched it, as folded, each with how it matched where that is not as
    /// typed: `young people → children (thesaurus, ×0.5)` (once `Results::describe` has said).
    pub words: Vec<String>,
    /// Which concept of the query it is.
    concept: usize,
}

/// A query, checked, ready to run against entries.
pub struct Query {
    syntax: query::Syntax,
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
        let syntax = query::Syntax::new(words);
        if !syntax.asks(crate::search::built_in_lexicon()) {
            return Err(Failure::Usage(if syntax.only_excludes() {
                "the query has nothing to look for: give at least one word that is not `!word`"
                    .into()
            } else {
                format!(
                    "`{}` has only question and filler words, which never decide what is found: \
                     say what you are looking for, as in `what helps with loneliness`",
                    crate::text::quoted(words.trim())
                )
            }));
        }
        Ok(Query { syntax })
    }

    /// Searches `entries`. `split` holds the catalogue's words split ahead, if they were (the
    /// built-in brief's).
    pub fn run<'a>(
        &self,
        catalogue: &Catalogue,
        split: Option<&Split<'static>>,
        entries: impl Iterator<Item = &'a Entry>,
    ) -> Results<'a> {
        rank::run(&self.syntax, catalogue, split, entries)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_baked_lexicon_is_the_files_read_now() {
        let read = super::read_lexicon(include_str!("thesaurus.toml"), include_str!("places.toml"));
        assert_eq!(read.as_ref(), Ok(&super::LEXICON));
    }
}
