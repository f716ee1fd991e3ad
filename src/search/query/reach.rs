//! What a term of the lexicon reaches: the terms of each concept it is a term of, and for a
//! place, the places inside it, around it and beside it, and splw's coding of them.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{
    Alternative, COUNTRY, Concept, Fields, INSIDE, NEAR, OUTER_COUNTRY, Parsed, Placed, Role, Term,
    Via,
};
use crate::search::Field;
use crate::search::lexicon::{Lexicon, Use};
use crate::search::{stems, words};

impl Parsed {
    /// A term of the lexicon, with the terms it reaches: the rest of each concept it is a term
    /// of, and for a place, the places inside it and around it, and their coding.
    ///
    /// `corrected` says the words typed were read as the term only once forgiven a typo: they
    /// are kept as typed, forgiven it; a term read as typed is not forgiven one ("leeds" is
    /// no typo of "leads").
    pub(super) fn lexicon_concept(
        &mut self,
        typed: String,
        term: u16,
        corrected: bool,
        lexicon: &'static Lexicon<'static>,
    ) -> Concept {
        let mut alternatives = Alternatives::default();
        let typos = |word: &str| {
            if corrected {
                stems::typos_allowed(word.len())
            } else {
                0
            }
        };
        let typed_terms = words::parts(&typed)
            .iter()
            .map(|p| self.word(p, typos(p)))
            .collect();
        let blockers = self.blockers(lexicon, term);
        alternatives.add(Alternative {
            terms: typed_terms,
            fields: Fields::All,
            weight: 1.0,
            via: Via::Typed,
            shown: Cow::Owned(typed.clone()),
            blockers,
        });
        let mut reach = |this: &mut Parsed, other: u16, fields: Fields, weight: f64, via: Via| {
            let alternative = this.lexicon_term(lexicon, other, fields, weight, via);
            alternatives.add(alternative);
        };
        // A term reaches the concepts it means the same as, or where it means the same as none,
        // those it is near: "RCT" reaches the randomised trials, not all that is near a trial.
        let uses = lexicon.uses(term);
        let means = uses.iter().any(|u| u.2 == Use::Same);
        for &(_, owner, how) in uses.iter().filter(|u| !means || u.2 != Use::Near) {
            match how {
                Use::Same | Use::Near => {
                    let concept = lexicon.concept(owner);
                    let same = how == Use::Same;
                    for &other in concept.same.iter() {
                        let weight = if same { 1.0 } else { NEAR };
                        let fields = if same { Fields::All } else { Fields::Content };
                        let via = thesaurus_via(lexicon, other, same);
                        reach(self, other, fields, weight, via);
                    }
                    for &other in concept.near.iter() {
                        let via = thesaurus_via(lexicon, other, false);
                        reach(self, other, Fields::Content, NEAR, via);
                    }
                }
                Use::Name => {
                    let place = lexicon.place(owner);
                    let named = Placed::Named(owner);
                    for &other in place.names.iter() {
                        reach(self, other, Fields::Places, 1.0, Via::Place(named));
                    }
                    if let Some(code) = place.country {
                        let coded = Via::Coded(named);
                        reach(self, code, Fields::Code(Field::Country), 1.0, coded);
                    }
                    for inner in lexicon.within(owner) {
                        let inner_place = lexicon.place(inner);
                        let inside = Placed::Inside(inner, owner);
                        for &other in inner_place.names.iter() {
                            reach(self, other, Fields::Places, INSIDE, Via::Place(inside));
                        }
                        if let Some(code) = inner_place.country {
                            let coded = Via::Coded(inside);
                            reach(self, code, Fields::Code(Field::Country), INSIDE, coded);
                        }
                    }
                    let mut countries = 0;
                    for (step, outer) in lexicon.around(owner).into_iter().enumerate() {
                        let outer_place = lexicon.place(outer);
                        let around = Placed::Around(owner, outer);
                        // A region around the place counts as near; a country, less.
                        let weight = match (outer_place.country, countries) {
                            (None, _) if step == 0 => NEAR,
                            (None, 0) => NEAR * NEAR,
                            (Some(_), 0) => COUNTRY,
                            _ => OUTER_COUNTRY,
                        };
                        countries += usize::from(outer_place.country.is_some());
                        // A country around it counts by splw's coding of where works were
                        // done, not by its name, which a text gives for much else ("NHS
                        // England"); a region, by its name.
                        if let Some(code) = outer_place.country {
                            let coded = Via::Coded(around);
                            reach(self, code, Fields::Code(Field::Country), weight, coded);
                            continue;
                        }
                        for &other in outer_place.names.iter() {
                            reach(self, other, Fields::Places, weight, Via::Place(around));
                        }
                        if step == 0 {
                            // The places next to it in its region: Sheffield for Leeds.
                            for inner in lexicon.within(outer) {
                                let beside = Via::Place(Placed::Beside(inner, owner, outer));
                                for &other in lexicon.place(inner).names.iter() {
                                    reach(self, other, Fields::Places, weight, beside);
                                }
                            }
                        }
                    }
                }
            }
        }
        Concept {
            typed,
            role: Role::Ranked,
            alternatives: alternatives.list,
            named: true,
        }
    }

    /// The alternative of a lexicon term: its words in a row, by their stems.
    fn lexicon_term(
        &mut self,
        lexicon: &'static Lexicon<'static>,
        term: u16,
        fields: Fields,
        weight: f64,
        via: Via,
    ) -> Alternative {
        let entry = lexicon.term(term);
        let terms = self.stem_terms(entry.stems.split_whitespace());
        let fields = match entry.code {
            Some(code) => Fields::Code(code),
            None => fields,
        };
        let blockers = self.blockers(lexicon, term);
        Alternative {
            terms,
            fields,
            weight,
            via,
            shown: Cow::Borrowed(entry.text),
            blockers,
        }
    }

    /// A lexicon term's stems, each as a word of the query looked up as it stands (no typos).
    fn stem_terms<'s>(&mut self, stems: impl Iterator<Item = &'s str>) -> Vec<usize> {
        stems
            .map(|stem| {
                self.term(Term::Word {
                    typed: stem.to_string(),
                    stem: stem.to_string(),
                    typos: 0,
                })
            })
            .collect()
    }

    /// The longer place names that hold the term, as terms in a row, with where in them the
    /// term's words stand.
    fn blockers(
        &mut self,
        lexicon: &'static Lexicon<'static>,
        term: u16,
    ) -> Vec<(Vec<usize>, u32)> {
        let mut found = Vec::new();
        let own: Vec<&str> = lexicon.term(term).stems.split_whitespace().collect();
        for long in lexicon.blockers(term) {
            let stems: Vec<&str> = lexicon.term(long).stems.split_whitespace().collect();
            let row = self.stem_terms(stems.iter().copied());
            // Where the term's words stand in the longer name.
            let at = (0..=stems.len().saturating_sub(own.len()))
                .find(|&at| stems[at..at + own.len()] == *own)
                .unwrap_or(0);
            found.push((row, at as u32));
        }
        found
    }
}

/// A concept's alternatives, each once by its terms and fields.
#[derive(Default)]
struct Alternatives {
    list: Vec<Alternative>,
    places: FxHashMap<(Vec<usize>, Fields), usize>,
}

impl Alternatives {
    /// Adds an alternative, or where one with the same terms and fields is there, keeps the
    /// weightier.
    fn add(&mut self, alternative: Alternative) {
        let key = (alternative.terms.clone(), alternative.fields);
        match self.places.get(&key) {
            Some(&at) if self.list[at].weight < alternative.weight => self.list[at] = alternative,
            Some(_) => {}
            None => {
                self.places.insert(key, self.list.len());
                self.list.push(alternative);
            }
        }
    }
}

/// Why a term of the thesaurus is reached: as a term, or as splw's coding.
fn thesaurus_via(lexicon: &'static Lexicon<'static>, term: u16, same: bool) -> Via {
    match lexicon.term(term).code {
        Some(_) => Via::Code,
        None => Via::Thesaurus { same },
    }
}
