//! Search that ranks works by how much they are about the query: BM25F over the fields of an
//! entry, on whole words compared by their stems, with typos forgiven where no work has the word
//! as typed, and fzf's strict forms for those who want them (see `query`).

mod query;
mod rank;
mod vocabulary;
mod words;

use std::borrow::Cow;

use crate::catalogue::{Author, Catalogue, Entry};
use crate::error::Failure;

pub use query::Role;
pub use vocabulary::{Vocabulary, vocabulary};

/// Longer queries are refused: no title in the brief is half as long.
pub const MAX_QUERY_CHARS: usize = 500;

/// The fields search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Alias,
    Title,
    /// The title of a section the brief lists the entry under.
    Section,
    /// A topic that splw's rules tag the entry with.
    Topic,
    Author,
    Journal,
    Source,
    Abstract,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::Id,
        Field::Alias,
        Field::Title,
        Field::Section,
        Field::Topic,
        Field::Author,
        Field::Journal,
        Field::Source,
        Field::Abstract,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Alias => "alias",
            Field::Title => "title",
            Field::Section => "listed under",
            Field::Topic => "tagged",
            Field::Author => "authors",
            Field::Journal => "journal",
            Field::Source => "source",
            Field::Abstract => "abstract",
        }
    }

    /// How much a match here counts against one in an abstract, and how far a long field
    /// weakens it (BM25's b): a title is short and says what a work is about.
    fn weight(self) -> (f64, f64) {
        match self {
            Field::Id | Field::Alias => (3.0, 0.0),
            Field::Title => (3.0, 0.5),
            Field::Section => (2.5, 0.0),
            Field::Topic => (1.5, 0.0),
            Field::Author => (2.0, 0.3),
            Field::Journal | Field::Source => (1.0, 0.3),
            Field::Abstract => (1.0, 0.75),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

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

    /// The entries that are about the query, best first; ties keep the brief's order.
    pub fn run<'a>(
        &self,
        catalogue: &Catalogue,
        entries: impl Iterator<Item = &'a Entry>,
    ) -> Vec<Hit<'a>> {
        rank::run(&self.parsed, catalogue, entries)
    }
}

/// The fields of an entry that search looks in, in the order that breaks ties.
fn fields<'a>(catalogue: &'a Catalogue, entry: &'a Entry) -> Vec<(Field, Cow<'a, str>)> {
    let mut fields = vec![(Field::Id, Cow::from(&entry.id))];
    fields.extend(entry.aliases.iter().map(|a| (Field::Alias, Cow::from(a))));
    fields.push((Field::Title, Cow::from(&entry.title)));
    for topic in entry.topics.iter().filter_map(|id| catalogue.topic(id)) {
        let field = if topic.lists(&entry.id) {
            Field::Section
        } else {
            Field::Topic
        };
        fields.push((field, Cow::from(&topic.label)));
    }
    if !entry.authors.is_empty() {
        let names: Vec<String> = entry
            .authors
            .iter()
            .map(|a| match a {
                Author::Person {
                    family,
                    given: Some(given),
                } => format!("{family} {given}"),
                other => other.family().to_string(),
            })
            .collect();
        fields.push((Field::Author, Cow::from(names.join("; "))));
    }
    fields.extend(entry.journal.iter().map(|j| (Field::Journal, Cow::from(j))));
    fields.extend(entry.source.iter().map(|s| (Field::Source, Cow::from(s))));
    fields.extend(
        entry
            .abstract_text
            .iter()
            .map(|a| (Field::Abstract, Cow::from(a))),
    );
    fields
}
