//! The search as `splw page` gives it to its script (page.js), which ranks as `find` does: the
//! page's works split into words and stemmed, each field's text, the lexicon, and the numbers
//! and lists that rank.

use std::borrow::Cow;

use serde::Serialize;

use super::field::{Field, fields};
use super::split::numbered;
use super::{Lexicon, query, rank, stems, words};
use crate::catalogue::{Catalogue, Entry};

#[derive(Serialize)]
pub struct Index<'a> {
    /// For each work, each of its fields in the order `find` reads them: which it is (its place
    /// in `rules.fields`), its text (for fzf's strict forms, which match text), and its words,
    /// each the number of a distinct word; a word that joins a compound's two parts
    /// ("wellbeing" of "well-being") is written as -1 less its number.
    works: Vec<Vec<PageField<'a>>>,
    /// The distinct words, sorted.
    words: Vec<String>,
    /// Each one's stem: a number where the stem is the word less that many letters at its end,
    /// else the stem itself.
    stems: Vec<Stem>,
    lexicon: PageLexicon,
    rules: Rules,
}

/// The lexicon, written short: each term as its stems, after `design:`, `kind:` or `country:`
/// for a code and `!` for one kept to capitals; each concept as its same and near terms; each
/// place as its names, the place it lies in and its country's code term (or -1); what each
/// term is a term of, and the blockers, as numbers one after another.
#[derive(Serialize)]
struct PageLexicon {
    terms: Vec<String>,
    concepts: Vec<(Vec<u16>, Vec<u16>)>,
    places: Vec<(Vec<u16>, i32, i32)>,
    /// Term, concept or place, and how: 0 the same, 1 near, 2 a place's name.
    uses: Vec<u16>,
    blockers: Vec<u16>,
}

fn page_lexicon(lexicon: &Lexicon) -> PageLexicon {
    let number = |n: Option<u16>| n.map_or(-1, i32::from);
    PageLexicon {
        terms: (0..lexicon.term_count() as u16)
            .map(|t| {
                let term = lexicon.term(t);
                let code = match term.code {
                    Some(Field::Design) => "design:",
                    Some(Field::Kind) => "kind:",
                    Some(_) => "country:",
                    None if term.capitals => "!",
                    None => "",
                };
                format!("{code}{}", term.stems)
            })
            .collect(),
        concepts: (0..lexicon.concepts.len() as u16)
            .map(|c| {
                let concept = lexicon.concept(c);
                (concept.same.to_vec(), concept.near.to_vec())
            })
            .collect(),
        places: (0..lexicon.place_count() as u16)
            .map(|p| {
                let place = lexicon.place(p);
                (
                    place.names.to_vec(),
                    number(place.within),
                    number(place.country),
                )
            })
            .collect(),
        uses: lexicon
            .uses
            .iter()
            .flat_map(|&(term, owner, how)| [term, owner, how as u16])
            .collect(),
        blockers: lexicon.blockers.iter().flat_map(|&(a, b)| [a, b]).collect(),
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Stem {
    Cut(usize),
    Other(String),
}

/// A field of a work: which it is, its text and its words.
type PageField<'a> = (usize, Cow<'a, str>, Vec<i32>);

/// The numbers and lists that rank.
#[derive(Serialize)]
struct Rules {
    k1: f64,
    least_share: f64,
    near_words: u32,
    nearness: f64,
    near: f64,
    inside: f64,
    country: f64,
    outer_country: f64,
    longest_term: usize,
    fields: Vec<FieldRule>,
    filler: &'static [&'static str],
    /// How many typos a word may carry, by its length in letters (the last holds for longer).
    typos: Vec<usize>,
}

/// How a field counts, and which terms may match in it.
#[derive(Serialize)]
struct FieldRule {
    name: Field,
    weight: f64,
    b: f64,
    code: bool,
    content: bool,
    place: bool,
    id: bool,
}

/// The index of `entries`, in their order, as page.js reads it.
pub fn index<'a>(catalogue: &'a Catalogue, entries: &[&'a Entry]) -> Index<'a> {
    // Each word's number, and whether it joins a compound's parts: no split is made, since the
    // page needs neither where each word stands nor each distinct word's places.
    let mut joined = Vec::new();
    let numbered = numbered(catalogue, entries, |token| joined.push(token.joined));
    let number = |place: usize| {
        let id = numbered.words[place] as i32;
        if joined[place] { -1 - id } else { id }
    };
    let mut ends = numbered.field_ends.iter().map(|&end| end as usize);
    let mut from = 0;
    let works = entries
        .iter()
        .map(|entry| {
            fields(catalogue, entry)
                .into_iter()
                .map(|(field, text)| {
                    let to = ends.next().unwrap_or(from);
                    let stream = (from..to).map(number).collect();
                    from = to;
                    (field.index(), text, stream)
                })
                .collect()
        })
        .collect();
    let stems = numbered
        .distinct
        .iter()
        .map(|word| {
            let stem = stems::stem(word);
            match word.strip_prefix(stem.as_str()) {
                Some(cut) => Stem::Cut(cut.len()),
                None => Stem::Other(stem),
            }
        })
        .collect();
    let words = numbered.distinct;
    Index {
        works,
        words,
        stems,
        lexicon: page_lexicon(crate::search::built_in_lexicon()),
        rules: Rules {
            k1: rank::K1,
            least_share: rank::LEAST_SHARE,
            near_words: rank::NEAR_WORDS,
            nearness: rank::NEARNESS,
            near: query::NEAR,
            inside: query::INSIDE,
            country: query::COUNTRY,
            outer_country: query::OUTER_COUNTRY,
            longest_term: query::LONGEST_TERM,
            fields: Field::ALL
                .iter()
                .map(|&field| {
                    let (weight, b) = field.weight();
                    FieldRule {
                        name: field,
                        weight,
                        b,
                        code: field.is_code(),
                        content: field.is_content(),
                        place: field.sets_place(),
                        id: matches!(field, Field::Id | Field::Alias),
                    }
                })
                .collect(),
            filler: words::FILLER_WORDS,
            typos: (0..10).map(stems::typos_allowed).collect(),
        },
    }
}
