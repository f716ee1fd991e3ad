//! The thesaurus (`thesaurus.toml`) and the gazetteer (`places.toml`) as search uses them: every
//! term stemmed, read when splw is built (build.rs, through `lexicon_read`) and baked into the binary, so
//! that a query looks its words up without parsing or stemming the files at every run.

use std::borrow::Cow;

use databake::Bake;

use super::Field;

/// Every term of the thesaurus and the gazetteer, each once, and what each is a term of.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search::lexicon)]
pub struct Lexicon<'a> {
    /// Sorted by their stems, so that a run of a query's words is looked up by halving.
    pub terms: Cow<'a, [Term<'a>]>,
    pub concepts: Cow<'a, [Concept<'a>]>,
    pub places: Cow<'a, [Place<'a>]>,
    /// What each term is a term of, sorted by term: (term, concept or place, how).
    pub uses: Cow<'a, [(u16, u16, Use)]>,
    /// For a place's name, the longer names of other places that hold it, sorted: "Wales" is
    /// not Wales in "New South Wales".
    pub blockers: Cow<'a, [(u16, u16)]>,
}

/// A term: words that must stand in a row, compared by their stems, or a code of splw's.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search::lexicon)]
pub struct Term<'a> {
    /// As the data file writes it, for `--explain`.
    pub text: Cow<'a, str>,
    /// Its words' stems in order, each followed by a space.
    pub stems: Cow<'a, str>,
    /// The coded field whose whole value the term is (`design:qualitative`), if it is a code.
    pub code: Option<Field>,
    /// Whether a query's word is the term only written in capitals: "US", not "us".
    pub capitals: bool,
}

/// A concept of the thesaurus: the terms that mean the same, and those that are near.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search::lexicon)]
pub struct Concept<'a> {
    pub same: Cow<'a, [u16]>,
    pub near: Cow<'a, [u16]>,
    /// Where the field uses the words so.
    pub usage: Cow<'a, str>,
}

/// A place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search::lexicon)]
pub struct Place<'a> {
    /// Its names as terms; the first is how `--explain` names it.
    pub names: Cow<'a, [u16]>,
    /// The place it lies in.
    pub within: Option<u16>,
    /// For a country or nation, the code term of splw's `country` coding of it.
    pub country: Option<u16>,
}

/// How a term belongs to what it is a term of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Bake)]
#[databake(path = crate::search::lexicon)]
pub enum Use {
    /// A concept's term that means the same as it.
    Same,
    /// A concept's near term.
    Near,
    /// A place's name.
    Name,
}

impl Lexicon<'_> {
    /// The term of the query's words whose stems are exactly `stems` (each followed by a
    /// space): not a code, and one kept for capitals only where the words are in capitals.
    pub fn term(&self, stems: &str, capitals: bool) -> Option<u16> {
        let from = self.terms.partition_point(|t| t.stems.as_ref() < stems);
        let at = self.terms[from..]
            .iter()
            .take_while(|t| t.stems == stems)
            .position(|t| t.code.is_none() && (capitals || !t.capitals))?;
        u16::try_from(from + at).ok()
    }

    /// Whether some term's stems start with `stems`: a longer run of the query's words may
    /// still be one.
    pub fn begins_term(&self, stems: &str) -> bool {
        let at = self.terms.partition_point(|t| t.stems.as_ref() < stems);
        self.terms
            .get(at)
            .is_some_and(|t| t.stems.starts_with(stems))
    }

    /// What the term is a term of.
    pub fn uses(&self, term: u16) -> &[(u16, u16, Use)] {
        let from = self.uses.partition_point(|u| u.0 < term);
        let to = self.uses.partition_point(|u| u.0 <= term);
        &self.uses[from..to]
    }

    /// The longer names of other places that hold the name `term`.
    pub fn blockers(&self, term: u16) -> impl Iterator<Item = u16> + '_ {
        let from = self.blockers.partition_point(|b| b.0 < term);
        self.blockers[from..]
            .iter()
            .take_while(move |b| b.0 == term)
            .map(|b| b.1)
    }

    /// The places that lie in `place`, however deep.
    pub fn within(&self, place: u16) -> Vec<u16> {
        let mut found = Vec::new();
        let mut frontier = vec![place];
        while let Some(outer) = frontier.pop() {
            for (inner, p) in (0u16..).zip(self.places.iter()) {
                if p.within == Some(outer) {
                    found.push(inner);
                    frontier.push(inner);
                }
            }
        }
        found
    }

    /// The places `place` lies in, nearest first.
    pub fn around(&self, place: u16) -> Vec<u16> {
        let mut found = Vec::new();
        let mut at = self.places[usize::from(place)].within;
        while let Some(outer) = at {
            // A cycle would be refused when the gazetteer is read; this only guards the loop.
            if found.contains(&outer) {
                break;
            }
            found.push(outer);
            at = self.places[usize::from(outer)].within;
        }
        found
    }

    /// How `--explain` names a place.
    pub fn place_name(&self, place: u16) -> &str {
        let first = self.places[usize::from(place)].names[0];
        &self.terms[usize::from(first)].text
    }
}
