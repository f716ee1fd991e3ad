//! The thesaurus (`thesaurus.toml`) and the gazetteer (`places.toml`) as search uses them: every
//! term stemmed, read when splw is built (build.rs, through `lexicon_read`) and baked into the
//! binary, so that a query looks its words up without parsing or stemming the files at every run.
//! As the split is, it is flat lists that say where each item ends in the next: nothing below
//! them is a pointer, which the binary would have to relocate at every start of every command.

use std::borrow::Cow;

use databake::Bake;

use super::Field;

/// Every term of the thesaurus and the gazetteer, each once, and what each is a term of.
#[derive(Debug, Clone, PartialEq, Eq, Bake)]
#[databake(path = crate::search::lexicon)]
pub struct Lexicon<'a> {
    /// The terms' stems, one after another: each term's words' stems, each followed by a space.
    pub stems: Cow<'a, str>,
    /// The terms as the data files write them, one after another, for `--explain`.
    pub texts: Cow<'a, str>,
    /// Each term, sorted by its stems (so that a run of a query's words is looked up by
    /// halving): where its stems end in `stems` and its text in `texts`, the coded field whose
    /// whole value it is (`design:qualitative`) if it is a code, and whether a query's word is
    /// it only written in capitals ("US", not "us").
    pub terms: Cow<'a, [TermEnds]>,
    /// Each concept of the thesaurus: where its terms that mean the same end in `members`, then
    /// where its near terms end.
    pub concepts: Cow<'a, [(u32, u32)]>,
    pub members: Cow<'a, [u16]>,
    /// Each place of the gazetteer: where its names end in `names` (the first is how `--explain`
    /// names it), the place it lies in, and for a country or nation, the code term of splw's
    /// `country` coding of it.
    pub places: Cow<'a, [PlaceEnds]>,
    pub names: Cow<'a, [u16]>,
    /// What each term is a term of, sorted by term: (term, concept or place, how).
    pub uses: Cow<'a, [(u16, u16, Use)]>,
    /// For a place's name, the longer names of other places that hold it, sorted: "Wales" is
    /// not Wales in "New South Wales".
    pub blockers: Cow<'a, [(u16, u16)]>,
}

/// A term in the lists: where its stems and text end, its code's field, whether in capitals.
pub type TermEnds = (u32, u32, Option<Field>, bool);

/// A place in the lists: where its names end, the place it lies in, its country's code term.
pub type PlaceEnds = (u32, Option<u16>, Option<u16>);

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

/// A term, read out of the lists.
#[derive(Debug, Clone, Copy)]
pub struct Term<'l> {
    pub text: &'l str,
    pub stems: &'l str,
    pub code: Option<Field>,
    pub capitals: bool,
}

/// A concept, read out of the lists.
#[derive(Debug, Clone, Copy)]
pub struct Concept<'l> {
    pub same: &'l [u16],
    pub near: &'l [u16],
}

/// A place, read out of the lists.
#[derive(Debug, Clone, Copy)]
pub struct Place<'l> {
    pub names: &'l [u16],
    pub within: Option<u16>,
    pub country: Option<u16>,
}

impl Lexicon<'_> {
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub fn term(&self, term: u16) -> Term<'_> {
        let at = usize::from(term);
        let (stems_from, text_from) = at.checked_sub(1).map_or((0, 0), |before| {
            (self.terms[before].0, self.terms[before].1)
        });
        let (stems_end, text_end, code, capitals) = self.terms[at];
        Term {
            text: &self.texts[text_from as usize..text_end as usize],
            stems: &self.stems[stems_from as usize..stems_end as usize],
            code,
            capitals,
        }
    }

    pub fn concept(&self, concept: u16) -> Concept<'_> {
        let at = usize::from(concept);
        let from = at
            .checked_sub(1)
            .map_or(0, |before| self.concepts[before].1);
        let (same_end, near_end) = self.concepts[at];
        Concept {
            same: &self.members[from as usize..same_end as usize],
            near: &self.members[same_end as usize..near_end as usize],
        }
    }

    pub fn place_count(&self) -> usize {
        self.places.len()
    }

    pub fn place(&self, place: u16) -> Place<'_> {
        let at = usize::from(place);
        let from = at.checked_sub(1).map_or(0, |before| self.places[before].0);
        let (end, within, country) = self.places[at];
        Place {
            names: &self.names[from as usize..end as usize],
            within,
            country,
        }
    }

    /// The term of the query's words whose stems are exactly `stems` (each followed by a
    /// space): not a code, and one kept for capitals only where the words are in capitals.
    pub fn find_term(&self, stems: &str, capitals: bool) -> Option<u16> {
        let count = self.term_count();
        let from = partition(count, |t| self.term(t).stems < stems);
        (from..count)
            .map(|t| (t, self.term(t as u16)))
            .take_while(|(_, term)| term.stems == stems)
            .find(|(_, term)| term.code.is_none() && (capitals || !term.capitals))
            .and_then(|(t, _)| u16::try_from(t).ok())
    }

    /// Whether some term's stems start with `stems`: a longer run of the query's words may
    /// still be one.
    pub fn begins_term(&self, stems: &str) -> bool {
        let count = self.term_count();
        let at = partition(count, |t| self.term(t).stems < stems);
        at < count && self.term(at as u16).stems.starts_with(stems)
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
            for (inner, &(_, within, _)) in (0u16..).zip(self.places.iter()) {
                if within == Some(outer) {
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
        let mut at = self.place(place).within;
        while let Some(outer) = at {
            // A cycle would be refused when the gazetteer is read; this only guards the loop.
            if found.contains(&outer) {
                break;
            }
            found.push(outer);
            at = self.place(outer).within;
        }
        found
    }

    /// How `--explain` names a place.
    pub fn place_name(&self, place: u16) -> &str {
        self.term(self.place(place).names[0]).text
    }
}

/// The first of `0..len` for which `before` is false, where it is true for all before it.
fn partition(len: usize, before: impl Fn(u16) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle as u16) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}
