//! The fields of an entry that search looks in, and how much each counts.

use std::borrow::Cow;

use databake::Bake;
use serde::Serialize;

use crate::catalogue::{Author, Catalogue, Entry};

/// The fields search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Bake, Serialize)]
#[databake(path = crate::search)]
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
    Year,
    /// splw's coding of the entry: its kind, study designs and countries (brief/README.md),
    /// matched whole, and only by a term of the thesaurus or gazetteer that names the code.
    Kind,
    Design,
    Country,
}

impl Field {
    pub const ALL: [Field; COUNT] = [
        Field::Id,
        Field::Alias,
        Field::Title,
        Field::Section,
        Field::Topic,
        Field::Author,
        Field::Journal,
        Field::Source,
        Field::Abstract,
        Field::Year,
        Field::Kind,
        Field::Design,
        Field::Country,
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
            Field::Year => "year",
            Field::Kind => "kind",
            Field::Design => "coded design",
            Field::Country => "coded country",
        }
    }

    /// Whether the field holds one of splw's codes, matched whole and only by a code term.
    pub fn is_code(self) -> bool {
        matches!(self, Field::Kind | Field::Design | Field::Country)
    }

    /// Whether the field says what a work is about, where a term the query did not type (a
    /// thesaurus's near-synonym, a place the typed one lies in) may match: not its id, authors,
    /// journal or year.
    pub fn is_content(self) -> bool {
        matches!(
            self,
            Field::Title | Field::Section | Field::Topic | Field::Abstract
        ) || self.is_code()
    }

    /// Whether a place's name in the field says where a work was done: a journal's name
    /// ("Public Health Research (Southampton, England)") or an author's does not.
    pub fn sets_place(self) -> bool {
        matches!(self, Field::Title | Field::Abstract | Field::Source)
    }

    /// How much a match here counts against one in an abstract, and how far a long field
    /// weakens it (BM25's b): a title is short and says what a work is about.
    pub(super) fn weight(self) -> (f64, f64) {
        match self {
            Field::Id | Field::Alias => (3.0, 0.0),
            Field::Title => (3.0, 0.5),
            Field::Section => (2.5, 0.0),
            Field::Topic => (1.5, 0.0),
            Field::Author => (2.0, 0.3),
            Field::Journal | Field::Source => (1.0, 0.3),
            Field::Abstract => (1.0, 0.75),
            Field::Year => (2.0, 0.0),
            Field::Kind | Field::Design | Field::Country => (1.5, 0.0),
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// How many fields there are.
pub const COUNT: usize = 13;

/// The fields of an entry that search looks in, in the order that breaks ties.
pub(super) fn fields<'a>(catalogue: &'a Catalogue, entry: &'a Entry) -> Vec<(Field, Cow<'a, str>)> {
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
    fields.extend(entry.year.map(|y| (Field::Year, Cow::from(y.to_string()))));
    fields.push((Field::Kind, Cow::from(entry.kind.as_str())));
    fields.extend(
        entry
            .design
            .iter()
            .map(|d| (Field::Design, Cow::from(d.as_str()))),
    );
    fields.extend(entry.country.iter().map(|c| (Field::Country, Cow::from(c))));
    fields
}
