//! Search that ranks works by how much they are about the query: BM25F over the fields of an
//! entry, on whole words compared by their stems, with typos forgiven where no work has the word
//! as typed, and fzf's strict forms for those who want them (see `query`).

mod field;
mod query;
mod rank;
mod split;
mod stems;
mod vocabulary;
mod words;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;

pub use field::Field;
pub use query::Role;
pub use split::{Split, Word, split};
pub use vocabulary::{Vocabulary, vocabulary};

/// Longer queries are refused: no title in the brief is half as long.
pub const MAX_QUERY_CHARS: usize = 500;

/// An entry that matched, with why.
#[derive(Debug)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    pub score: f64,
    /// How much of what the query asks for the entry matched, from 0 to 1, each word weighted
    /// by how rare it is; the score is the reasons' sum times (1 + share) / 2.
    pub share: f64,
    /// The char positions in the title that the query matched, for highlighting.
    pub title_marks: Vec<u32>,
    /// Where the query matched outside the title and id, if something matched only there: the
    /// field, its text and the char positions that matched.
    pub elsewhere: Option<(Field, String, Vec<u32>)>,
    /// What each part of the query added to the score, for `find --explain`.
    pub reasons: Vec<Reason>,
}

/// What one part of the query matched in a hit, and what it added.
#[derive(Debug)]
pub struct Reason {
    pub typed: String,
    pub role: Role,
    pub score: f64,
    /// The fields it matched in, with how many times.
    pub fields: Vec<(Field, u32)>,
    /// The words of the entry that matched it, as folded.
    pub words: Vec<String>,
}

/// A parsed query, ready to run against entries.
pub struct Query {
    parsed: query::Parsed,
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
        let parsed = query::Parsed::new(words);
        let wanted = |c: &query::Concept| matches!(c.role, Role::Ranked | Role::Required);
        if !parsed.concepts.iter().any(wanted) {
            let negative = parsed.concepts.iter().any(|c| c.role == Role::Excluded);
            return Err(Failure::Usage(if negative {
                "the query has nothing to look for: give at least one word that is not `!word`"
                    .into()
            } else {
                format!(
                    "`{}` has no word to search for (common words such as `the` never decide): \
                     give one that says what you are looking for",
                    crate::text::quoted(words.trim())
                )
            }));
        }
        Ok(Query { parsed })
    }

    /// The entries that are about the query, best first; ties keep the brief's order. `split`
    /// holds the catalogue's words split ahead, if they were (the built-in brief's).
    pub fn run<'a>(
        &self,
        catalogue: &Catalogue,
        split: Option<&Split>,
        entries: impl Iterator<Item = &'a Entry>,
    ) -> Vec<Hit<'a>> {
        rank::run(&self.parsed, catalogue, split, entries)
    }
}
