//! The fields of an entry that search looks in, and how much each counts.

use std::borrow::Cow;

use databake::Bake;

use crate::catalogue::{Author, Catalogue, Entry};

/// The fields search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Bake)]
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
}

impl Field {
    pub(super) const ALL: [Field; 9] = [
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
    pub(super) fn weight(self) -> (f64, f64) {
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

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

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
    fields
}
