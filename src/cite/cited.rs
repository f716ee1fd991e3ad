//! Entries as they are cited: the names and credits a citation needs (a group author, a lone
//! initial's full stop, a list cut short), the brief itself as a work, and the note that says a
//! list was cut short.

use std::borrow::Cow;

use crate::catalogue::{Author, BRIEF_ID, Brief, Entry, Kind};

/// The entry as citations and exports give it, each in the way that its styles and its readers
/// (citeproc, pandoc, biber, BibTeX, Zotero) print right. The catalogue keeps the brief's wording.
/// - A work the brief credits to no person is cited by the organisation it gives as the source,
///   as a group author, and an organisation that is the author is not repeated as the publisher:
///   "NHS England (2023) *Workforce development framework…*", as APA 7, Cite Them Right and
///   Vancouver cite such a work, where CSL processors would otherwise cite it by its title or as
///   "Anon.".
/// - A network is the work of the body it is: "National Association of Link Workers (no date)
///   *National Association of Link Workers*".
/// - An author list the brief cuts short is one name, as the brief words it: "Baird et al.".
///   Every reader prints a name written as it stands as it is given, where BibTeX's "and others"
///   (CSL's name "others") reads as an author named "others" in pandoc's APA and HEE and in
///   Zotero.
/// - A lone initial takes its full stop ("Hunter, A."), which styles that print given names in
///   full would otherwise leave off.
pub fn as_cited(entry: &Entry) -> Cow<'_, Entry> {
    let credited = entry.credited();
    let publisher_is_author = matches!(&*credited, [Author::Organisation { literal }]
        if entry.source.as_ref() == Some(literal));
    let network = entry.kind == Kind::Network && credited.is_empty();
    let cut_short = entry.et_al && !entry.authors.is_empty();
    let bare_initials = entry.authors.iter().any(|author| {
        matches!(author, Author::Person { given: Some(given), .. } if with_stops(given) != *given)
    });
    if !(publisher_is_author || network || cut_short || bare_initials) {
        return Cow::Borrowed(entry);
    }
    let mut cited = entry.clone();
    if publisher_is_author {
        cited.authors = credited.into_owned();
        cited.source = None;
    }
    if network {
        cited.authors = vec![Author::Organisation {
            literal: entry.title.clone(),
        }];
    }
    for author in &mut cited.authors {
        if let Author::Person {
            given: Some(given), ..
        } = author
        {
            *given = with_stops(given);
        }
    }
    if let (true, Some(first)) = (cut_short, entry.authors.first()) {
        cited.authors = vec![Author::Organisation {
            literal: format!("{} et al.", first.family()),
        }];
    }
    Cow::Owned(cited)
}

/// Given names with a full stop after each lone initial: "Susan M" gives "Susan M.", "A" "A.".
fn with_stops(given: &str) -> String {
    let words: Vec<String> = given
        .split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            match (chars.next(), chars.next()) {
                (Some(initial), None) if initial.is_uppercase() => format!("{initial}."),
                _ => word.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// The brief itself, cited as a report in a style.
pub fn brief_entry(brief: &Brief) -> Entry {
    Entry {
        id: BRIEF_ID.into(),
        aliases: Vec::new(),
        title: brief.title.clone(),
        kind: Kind::Report,
        authors: brief.author.iter().map(|author| byline(author)).collect(),
        et_al: false,
        year: brief.year,
        month: brief.month,
        source: brief.publisher.clone(),
        journal: None,
        volume: None,
        issue: None,
        pages: None,
        doi: None,
        url: None,
        topics: Vec::new(),
        access: None,
        abstract_text: None,
        notes: None,
        enriched: Vec::new(),
        seen_at: Vec::new(),
        design: Vec::new(),
        evidence: Default::default(),
        country: Vec::new(),
        country_evidence: Default::default(),
    }
}

/// A brief's byline as an author: "Katie Nicholas", two to four capitalised words, is a person,
/// given names first; anything else ("NHS England", "Knowledge Management Team, NHS England") is
/// an organisation, cited by its whole name.
fn byline(author: &str) -> Author {
    let words: Vec<&str> = author.split_whitespace().collect();
    let name_word = |word: &&str| {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    match words.split_last() {
        Some((family, given)) if (1..=3).contains(&given.len()) && words.iter().all(name_word) => {
            Author::Person {
                family: (*family).to_string(),
                given: Some(given.join(" ")),
            }
        }
        _ => Author::Organisation {
            literal: author.to_string(),
        },
    }
}

/// For an author list the brief cuts short, a note saying so, for the reader of an export that
/// keeps notes apart from what styles print (RIS's `N1`, which Zotero imports as a note). `entry`
/// is as cited: its one name is the brief's "Baird et al.".
pub fn et_al_note(entry: &Entry) -> Option<String> {
    let first = entry.authors.first()?;
    entry.et_al.then(|| {
        format!(
            "The brief lists the authors as \"{}\"; the full author list is not known.",
            first.family()
        )
    })
}
