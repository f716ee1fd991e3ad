//! A query as typed, read into what to look for.
//!
//! Free words rank works by how much of the query they match. A run of them is read for the
//! terms of the thesaurus and the gazetteer (`lexicon`), longest first, so that "children and
//! young people" or "North East England" is one thing asked for, found by its terms in a row
//! and, counting less, by its near terms and the places around it. Question and filler words
//! ("what", "is there") never decide; a word no entry has is forgiven a typo or two; a word of
//! letters and digits ("kiely22") is read as an id. fzf's strict forms (`'exact`, `^prefix`,
//! `suffix$`, `!not`, `"a phrase"`, `a | b`) are kept for those who want them: every result
//! must satisfy them, and they are never expanded.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::lexicon::{Lexicon, Use};
use super::{Field, stems, words};

/// How much a term that is near to the one typed counts, against the typed word's 1: a
/// thesaurus's near term, or a place that the typed one lies in or is next to.
pub const NEAR: f64 = 0.5;
/// How much a place inside the typed one counts: a work set in Sheffield is set in Yorkshire.
pub const INSIDE: f64 = 0.8;
/// How much the country or nation around the typed place counts (England for Leeds), and the
/// one around that (the United Kingdom): a work set elsewhere in it is not set there, but may
/// speak to it.
pub const COUNTRY: f64 = 0.3;
pub const OUTER_COUNTRY: f64 = 0.2;
/// The most words a term of the lexicon has.
pub(super) const LONGEST_TERM: usize = 8;

/// How a strict atom compares with a field's folded text, as in fzf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextMatch {
    Contains,
    Prefix,
    Suffix,
    Whole,
}

/// Something a field can hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// A word, matched by its stem, or (where no entry searched has the stem) by the stems of
    /// the words up to `typos` typos from it.
    Word {
        typed: String,
        stem: String,
        typos: usize,
    },
    /// A year that ends with these digits: "22" of "kiely22" is 2022 (and a word such as
    /// "2022a" of an id).
    Year(String),
    /// Text, folded, matched as fzf matches it.
    Text { how: TextMatch, needle: String },
}

/// What a concept does to a work that matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A free word: adds to the score; works that miss it may still be found.
    Ranked,
    /// A strict form: works that miss it are left out.
    Required,
    /// `!word`: works that have it are left out.
    Excluded,
    /// Two concepts typed one after the other (by their places in `concepts`): adds to the score
    /// of works where they stand near each other, the more the nearer, and is no loss to others.
    Near(usize, usize),
}

/// Which fields an alternative may match in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fields {
    /// Every field: the words typed.
    All,
    /// The fields that say what a work is about (`Field::is_content`).
    Content,
    /// The fields that say where a work was done (`Field::sets_place`).
    Places,
    /// Ids and aliases.
    Ids,
    /// The whole of a coded field.
    Code(Field),
}

impl Fields {
    pub fn admit(self, field: Field) -> bool {
        match self {
            Fields::All => !field.is_code(),
            Fields::Content => field.is_content() && !field.is_code(),
            Fields::Places => field.sets_place(),
            Fields::Ids => matches!(field, Field::Id | Field::Alias),
            Fields::Code(code) => field == code,
        }
    }
}

/// Why an alternative is one, for `--explain` (which words it only when it shows it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Via {
    /// The words typed, or a compound typed with a hyphen written as one.
    Typed,
    /// A term of the thesaurus, and whether it means the same as the one typed.
    Thesaurus { same: bool },
    /// A place of the gazetteer, and how it stands to the one typed.
    Place(Placed),
    /// splw's coding of where works were done, reached through a place.
    Coded(Placed),
    /// splw's coding of a design or kind, reached through the thesaurus.
    Code,
    /// An id-like word's letters and year ("kiely22": kiely, 2022).
    Id,
}

/// How a place of the gazetteer stands to the one typed (places by their numbers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placed {
    /// Another name of the place typed.
    Named(u16),
    /// A place inside it: (inner, typed).
    Inside(u16, u16),
    /// A place it lies in: (typed, outer).
    Around(u16, u16),
    /// A place beside it in its region: (other, typed, region).
    Beside(u16, u16, u16),
}

impl Placed {
    /// As `--explain` says it: "Cardiff is in Wales".
    pub fn said(self, lexicon: &'static Lexicon<'static>) -> String {
        let name = |p: u16| lexicon.place_name(p);
        match self {
            Placed::Named(p) => format!("another name of {}", name(p)),
            Placed::Inside(inner, p) => format!("{} is in {}", name(inner), name(p)),
            Placed::Around(p, outer) => format!("{} is in {}", name(p), name(outer)),
            Placed::Beside(other, p, region) => {
                format!("{} is, as {} is, in {}", name(other), name(p), name(region))
            }
        }
    }
}

/// One way to match a concept: terms that must stand in a row, in the fields named, and how
/// much a match of it counts.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub terms: Vec<usize>,
    pub fields: Fields,
    pub weight: f64,
    pub via: Via,
    /// The term as the lexicon or the query writes it, for `--explain`.
    pub shown: Cow<'static, str>,
    /// Longer names that hold the terms, with where in them the terms stand, and where they
    /// stand so, do not count: "Wales" in "New South Wales".
    pub blockers: Vec<(Vec<usize>, u32)>,
}

/// One thing the query asks for, in one or more ways.
#[derive(Debug)]
pub struct Concept {
    pub typed: String,
    pub role: Role,
    pub alternatives: Vec<Alternative>,
    /// Whether the thesaurus or the gazetteer names it: a thing the field has a name for.
    pub named: bool,
}

/// A parsed query: its terms, each once, and its concepts, which refer to them.
#[derive(Debug, Default)]
pub struct Parsed {
    pub terms: Vec<Term>,
    pub concepts: Vec<Concept>,
    /// The question and filler words left out.
    pub dropped: Vec<String>,
    /// Where each term is in `terms`.
    numbers: FxHashMap<Term, usize>,
}

/// What a query's reading needs to know of the words of the entries searched.
pub trait Known {
    /// Whether a word with this stem stands in an entry searched.
    fn has_stem(&mut self, stem: &str) -> bool;
    /// The stems of the words, standing in an entry searched, that are up to `typos` typos from
    /// `typed` and start with its letter, best first.
    fn typo_stems(&mut self, typed: &str, typos: usize) -> Vec<String>;
}

/// An item of the query as typed: a word or hyphenated compound, a quoted phrase, a strict atom
/// or `|`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// Free words: one, or the parts of a hyphenated compound, each folded, with whether it
    /// was typed in capitals, and as it was typed.
    Plain(Vec<(String, bool, String)>),
    Quoted(String),
    Strict(String),
    Or,
}

/// The query's items, grouped: items joined by `|` make one group.
#[derive(Debug)]
pub struct Syntax {
    groups: Vec<Vec<Item>>,
}

impl Syntax {
    pub fn new(text: &str) -> Syntax {
        let mut groups: Vec<Vec<Item>> = Vec::new();
        let mut join_next = false;
        for raw in items(text) {
            let item = classify(&raw);
            if item == Item::Or {
                join_next = !groups.is_empty();
                continue;
            }
            if let Item::Plain(parts) = &item {
                if parts.is_empty() {
                    continue;
                }
            }
            match groups.last_mut() {
                Some(group) if join_next => group.push(item),
                _ => groups.push(vec![item]),
            }
            join_next = false;
        }
        Syntax { groups }
    }

    /// Whether the query asks for something: a word that is not filler, a term of the
    /// lexicon, or a strict form other than `!not`.
    pub fn asks(&self, lexicon: &'static Lexicon<'static>) -> bool {
        self.groups.iter().any(|group| match group.as_slice() {
            [Item::Plain(parts)] => parts.iter().any(|(w, capitals, _)| {
                !words::is_filler(w) || lexicon.find_term(&stems_of(&[w]), *capitals).is_some()
            }),
            [Item::Strict(atom)] => !atom.starts_with('!'),
            _ => true,
        })
    }

    /// Whether every strict form is `!not`, so that nothing is asked for.
    pub fn only_excludes(&self) -> bool {
        self.groups
            .iter()
            .all(|g| matches!(g.as_slice(), [Item::Strict(atom)] if atom.starts_with('!')))
    }

    /// The query read against the lexicon and the words of the entries searched.
    pub fn read(&self, lexicon: &'static Lexicon<'static>, known: &mut impl Known) -> Parsed {
        let mut parsed = Parsed::default();
        let mut run: Vec<&[(String, bool, String)]> = Vec::new();
        for group in &self.groups {
            match group.as_slice() {
                [Item::Plain(parts)] => run.push(parts),
                _ => {
                    parsed.read_run(&run, lexicon, known);
                    run.clear();
                    parsed.add_strict(group);
                }
            }
        }
        parsed.read_run(&run, lexicon, known);
        parsed
    }
}

/// A run of free words read into units: a term of the lexicon, a compound typed with a hyphen,
/// or a word.
enum Unit {
    Term {
        term: u16,
        from: usize,
        to: usize,
        corrected: bool,
    },
    Compound {
        item: usize,
    },
    Word {
        at: usize,
    },
}

impl Parsed {
    /// Reads a run of free items (each a word or a compound's parts) into concepts.
    fn read_run(
        &mut self,
        run: &[&[(String, bool, String)]],
        lexicon: &'static Lexicon<'static>,
        known: &mut impl Known,
    ) {
        if run.is_empty() {
            return;
        }
        // The run's words, each with its item, and the stems it may stand for: its own, or
        // where no entry has that, those of the words a typo away.
        let mut flat: Vec<(&str, bool, usize)> = Vec::new();
        for (item, parts) in run.iter().enumerate() {
            flat.extend(parts.iter().map(|(w, c, _)| (w.as_str(), *c, item)));
        }
        // Each word as typed, for what `--explain` shows.
        let written: Vec<&str> = run
            .iter()
            .flat_map(|parts| parts.iter().map(|(_, _, w)| w.as_str()))
            .collect();
        let readings: Vec<Vec<String>> = flat
            .iter()
            .map(|(word, _, _)| {
                let own = stems::stem(word);
                let typos = stems::typos_allowed(word.len());
                if typos == 0 || words::is_filler(word) || known.has_stem(&own) {
                    return vec![own];
                }
                let mut all = vec![own];
                all.extend(known.typo_stems(word, typos));
                all
            })
            .collect();
        let item_starts = |at: usize| at == 0 || flat[at - 1].2 != flat[at].2;
        let item_ends = |at: usize| at + 1 == flat.len() || flat[at + 1].2 != flat[at].2;
        let mut units = Vec::new();
        let mut at = 0;
        while at < flat.len() {
            let longest = (1..=LONGEST_TERM.min(flat.len() - at))
                .rev()
                .find_map(|length| {
                    let to = at + length;
                    // A term may not cut a compound: "well-being" is one or the other's part.
                    if !item_starts(at) || !item_ends(to - 1) {
                        return None;
                    }
                    let capitals = flat[at..to].iter().all(|(_, c, _)| *c);
                    term_of(&readings[at..to], lexicon, capitals)
                        .map(|(term, corrected)| (term, corrected, to))
                });
            match longest {
                Some((term, corrected, to)) => {
                    units.push(Unit::Term {
                        term,
                        from: at,
                        to,
                        corrected,
                    });
                    at = to;
                }
                None if run[flat[at].2].len() > 1 => {
                    let item = flat[at].2;
                    units.push(Unit::Compound { item });
                    while at < flat.len() && flat[at].2 == item {
                        at += 1;
                    }
                }
                None => {
                    units.push(Unit::Word { at });
                    at += 1;
                }
            }
        }
        let mut previous: Option<usize> = None;
        for unit in units {
            let (mut concept, shown) = match unit {
                Unit::Term {
                    term,
                    from,
                    to,
                    corrected,
                } => {
                    let typed: Vec<&str> = flat[from..to].iter().map(|(w, _, _)| *w).collect();
                    let concept = self.lexicon_concept(typed.join(" "), term, corrected, lexicon);
                    (concept, written[from..to].join(" "))
                }
                Unit::Compound { item } => {
                    let parts: Vec<&str> = run[item].iter().map(|(w, _, _)| w.as_str()).collect();
                    let shown: Vec<&str> = run[item].iter().map(|(_, _, w)| w.as_str()).collect();
                    (self.compound(&parts), shown.join("-"))
                }
                Unit::Word { at } => {
                    let word = flat[at].0;
                    if words::is_filler(word) {
                        self.dropped.push(written[at].to_string());
                        continue;
                    }
                    (self.word_concept(word), written[at].to_string())
                }
            };
            concept.typed = shown;
            let index = self.concepts.len();
            self.concepts.push(concept);
            if let Some(before) = previous {
                let typed = format!(
                    "{} … {}",
                    self.concepts[before].typed, self.concepts[index].typed
                );
                self.concepts.push(Concept {
                    typed,
                    role: Role::Near(before, index),
                    alternatives: Vec::new(),
                    named: false,
                });
            }
            previous = Some(index);
        }
    }

    /// A word: itself, forgiven typos; or a word of letters and a year's digits, an id's.
    fn word_concept(&mut self, word: &str) -> Concept {
        let term = self.word(word, stems::typos_allowed(word.len()));
        let mut alternatives = vec![Alternative {
            terms: vec![term],
            fields: Fields::All,
            weight: 1.0,
            via: Via::Typed,
            shown: Cow::Owned(word.to_string()),
            blockers: Vec::new(),
        }];
        if let Some((letters, digits)) = id_like(word) {
            let letters_term = self.word(letters, 0);
            let year = self.term(Term::Year(digits.to_string()));
            alternatives.push(Alternative {
                terms: vec![letters_term, year],
                fields: Fields::Ids,
                weight: 1.0,
                via: Via::Id,
                shown: Cow::Owned(format!("{letters} {digits}")),
                blockers: Vec::new(),
            });
        }
        Concept {
            typed: word.to_string(),
            role: Role::Ranked,
            alternatives,
            named: false,
        }
    }

    /// A compound typed with hyphens that the lexicon does not have: its parts in a row, or
    /// written as one word ("researcher-in-residence", "researcherinresidence").
    fn compound(&mut self, parts: &[&str]) -> Concept {
        let terms = parts.iter().map(|p| self.word(p, 0)).collect();
        let joined = parts.concat();
        let whole = self.word(&joined, stems::typos_allowed(joined.len()));
        let typed = parts.join("-");
        Concept {
            typed: typed.clone(),
            role: Role::Ranked,
            alternatives: vec![
                Alternative {
                    terms,
                    fields: Fields::All,
                    weight: 1.0,
                    via: Via::Typed,
                    shown: Cow::Owned(typed),
                    blockers: Vec::new(),
                },
                Alternative {
                    terms: vec![whole],
                    fields: Fields::All,
                    weight: 1.0,
                    via: Via::Typed,
                    shown: Cow::Owned(joined),
                    blockers: Vec::new(),
                },
            ],
            named: false,
        }
    }

    /// A term of the lexicon, with the terms it reaches: the rest of each concept it is a term
    /// of, and for a place, the places inside it and around it, and their coding.
    ///
    /// `corrected` says the words typed were read as the term only once forgiven a typo: they
    /// are kept as typed, forgiven it; a term read as typed is not forgiven one ("leeds" is
    /// no typo of "leads").
    fn lexicon_concept(
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
        let terms = entry
            .stems
            .split_whitespace()
            .map(|stem| {
                self.term(Term::Word {
                    typed: stem.to_string(),
                    stem: stem.to_string(),
                    typos: 0,
                })
            })
            .collect();
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
            let row: Vec<usize> = stems
                .iter()
                .map(|stem| {
                    self.term(Term::Word {
                        typed: stem.to_string(),
                        stem: stem.to_string(),
                        typos: 0,
                    })
                })
                .collect();
            // Where the term's words stand in the longer name.
            let at = (0..=stems.len().saturating_sub(own.len()))
                .find(|&at| stems[at..at + own.len()] == *own)
                .unwrap_or(0);
            found.push((row, at as u32));
        }
        found
    }

    /// A strict group: `"a phrase"`, `'exact`, `^prefix`, `suffix$`, `!not`, or `a | b`.
    fn add_strict(&mut self, group: &[Item]) {
        let mut alternatives = Vec::new();
        let mut typed = Vec::new();
        let mut role = Role::Required;
        for item in group {
            match item {
                Item::Quoted(phrase) => {
                    let terms: Vec<usize> = words::parts(phrase)
                        .iter()
                        .map(|part| self.word(part, 0))
                        .collect();
                    if !terms.is_empty() {
                        alternatives.push(strict(terms, format!("\"{phrase}\"")));
                    }
                    typed.push(format!("\"{phrase}\""));
                }
                Item::Strict(atom) if group.len() == 1 && atom.starts_with('!') => {
                    role = Role::Excluded;
                    if let Some(term) = self.text_term(&atom[1..]) {
                        alternatives.push(strict(vec![term], atom.clone()));
                    }
                    typed.push(atom.clone());
                }
                Item::Strict(atom) => {
                    if let Some(term) = self.text_term(atom) {
                        alternatives.push(strict(vec![term], atom.clone()));
                    }
                    typed.push(atom.clone());
                }
                Item::Plain(parts) => {
                    // A word of `a | b`: its typos forgiven; a compound's parts in a row.
                    let terms: Vec<usize> = match parts.as_slice() {
                        [(word, _, _)] => vec![self.word(word, stems::typos_allowed(word.len()))],
                        parts => parts.iter().map(|(p, _, _)| self.word(p, 0)).collect(),
                    };
                    let shown: Vec<&str> = parts.iter().map(|(_, _, w)| w.as_str()).collect();
                    alternatives.push(strict(terms, shown.join("-")));
                    typed.push(shown.join("-"));
                }
                Item::Or => {}
            }
        }
        if !alternatives.is_empty() {
            self.concepts.push(Concept {
                typed: typed.join(" | "),
                role,
                alternatives,
                named: false,
            });
        }
    }

    /// A strict atom's term: `'exact`, `^prefix`, `suffix$`, `^whole$`, or plain text, which
    /// fzf's `!text` matches anywhere.
    fn text_term(&mut self, atom: &str) -> Option<usize> {
        let (atom, exact) = match atom.strip_prefix('\'') {
            Some(rest) => (rest, true),
            None => (atom, false),
        };
        let (atom, prefix) = match atom.strip_prefix('^') {
            Some(rest) if !exact => (rest, true),
            _ => (atom, false),
        };
        let (atom, suffix) = match atom.strip_suffix('$') {
            Some(rest) if !exact && !rest.is_empty() => (rest, true),
            _ => (atom, false),
        };
        let needle = crate::text::fold(atom);
        if needle.is_empty() {
            return None;
        }
        let how = match (prefix, suffix) {
            (true, true) => TextMatch::Whole,
            (true, false) => TextMatch::Prefix,
            (false, true) => TextMatch::Suffix,
            (false, false) => TextMatch::Contains,
        };
        Some(self.term(Term::Text { how, needle }))
    }

    fn word(&mut self, word: &str, typos: usize) -> usize {
        self.term(Term::Word {
            typed: word.to_string(),
            stem: stems::stem(word),
            typos,
        })
    }

    fn term(&mut self, term: Term) -> usize {
        if let Some(&number) = self.numbers.get(&term) {
            return number;
        }
        self.terms.push(term.clone());
        self.numbers.insert(term, self.terms.len() - 1);
        self.terms.len() - 1
    }
}

/// A strict alternative: the terms in a row, anywhere, as typed.
fn strict(terms: Vec<usize>, shown: String) -> Alternative {
    let shown = Cow::Owned(shown);
    Alternative {
        terms,
        fields: Fields::All,
        weight: 1.0,
        via: Via::Typed,
        shown,
        blockers: Vec::new(),
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

/// The lexicon term a run of words is, trying each word's readings (its own stem first), and
/// whether a word was read as a typo's correction.
fn term_of(
    readings: &[Vec<String>],
    lexicon: &'static Lexicon<'static>,
    capitals: bool,
) -> Option<(u16, bool)> {
    fn walk(
        readings: &[Vec<String>],
        so_far: &mut String,
        corrected: bool,
        lexicon: &'static Lexicon<'static>,
        capitals: bool,
    ) -> Option<(u16, bool)> {
        let Some((first, rest)) = readings.split_first() else {
            return lexicon
                .find_term(so_far, capitals)
                .map(|term| (term, corrected));
        };
        for (reading, stem) in first.iter().enumerate() {
            let before = so_far.len();
            so_far.push_str(stem);
            so_far.push(' ');
            let found = if lexicon.begins_term(so_far) {
                walk(rest, so_far, corrected || reading > 0, lexicon, capitals)
            } else {
                None
            };
            so_far.truncate(before);
            if found.is_some() {
                return found;
            }
        }
        None
    }
    walk(readings, &mut String::new(), false, lexicon, capitals)
}

/// The stems of some words, each followed by a space, as the lexicon keys its terms.
fn stems_of(words: &[&String]) -> String {
    words
        .iter()
        .map(|w| format!("{} ", stems::stem(w)))
        .collect()
}

/// A word of letters and then a year's last two or four digits, as an id is written without
/// its hyphen ("kiely22", "wildman2019"): the letters and the digits.
fn id_like(word: &str) -> Option<(&str, &str)> {
    let split = word.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = word.split_at(split);
    let letters_only = !letters.is_empty() && letters.bytes().all(|b| b.is_ascii_lowercase());
    let year = matches!(digits.len(), 2 | 4) && digits.bytes().all(|b| b.is_ascii_digit());
    (letters_only && year).then_some((letters, digits))
}

/// What an item of the query is.
fn classify(item: &str) -> Item {
    if item == "|" {
        return Item::Or;
    }
    if let Some(phrase) = unquoted(item) {
        return Item::Quoted(phrase.to_string());
    }
    if item.starts_with(['!', '\'', '^']) || item.ends_with('$') {
        return Item::Strict(item.to_string());
    }
    // A word's capitals are kept for the lexicon's "US"; its words are folded.
    let mut parts = Vec::new();
    words::tokens(
        item,
        |_| true,
        |token| {
            if !token.joined && !token.word.is_empty() {
                let written = char_slice(item, token.chars.clone());
                let capitals = written.chars().any(char::is_alphabetic)
                    && written.chars().all(|c| !c.is_lowercase());
                parts.push((token.word.to_string(), capitals, written));
            }
        },
    );
    Item::Plain(parts)
}

/// The chars of `text` in `range`.
fn char_slice(text: &str, range: std::ops::Range<u32>) -> String {
    text.chars()
        .skip(range.start as usize)
        .take((range.end - range.start) as usize)
        .collect()
}

/// The query split at spaces, a quoted phrase ("…" or “…”) kept whole with its quotes, and `|`
/// an item of its own.
fn items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '“') if item.is_empty() => {
                quote = Some(if c == '“' { '”' } else { '"' });
                item.push('"');
            }
            (Some(close), c) if c == close => {
                quote = None;
                item.push('"');
                items.push(std::mem::take(&mut item));
            }
            (None, c) if c.is_whitespace() => {
                if !item.is_empty() {
                    items.push(std::mem::take(&mut item));
                }
            }
            (_, c) => item.push(c),
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    items
}

/// The text of a quoted phrase, without its quotes (a phrase left open runs to the end).
fn unquoted(item: &str) -> Option<&str> {
    let rest = item.strip_prefix('"')?;
    Some(rest.strip_suffix('"').unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Knows every word but those of `unknown`, and corrects none.
    struct Words(&'static [&'static str]);

    impl Known for Words {
        fn has_stem(&mut self, stem: &str) -> bool {
            !self.0.iter().any(|w| stems::stem(w) == stem)
        }
        fn typo_stems(&mut self, _: &str, _: usize) -> Vec<String> {
            Vec::new()
        }
    }

    fn shape(text: &str) -> Vec<(String, Role)> {
        let lexicon = crate::embedded::lexicon();
        Syntax::new(text)
            .read(lexicon, &mut Words(&[]))
            .concepts
            .iter()
            .map(|c| (c.typed.clone(), c.role))
            .collect()
    }

    #[test]
    fn filler_words_are_dropped_and_strict_forms_kept() {
        assert_eq!(
            shape("what is there on loneliness \"older people\" !covid"),
            [
                ("loneliness".into(), Role::Ranked),
                ("\"older people\"".into(), Role::Required),
                ("!covid".into(), Role::Excluded),
            ]
        );
        assert_eq!(
            shape("green | nature"),
            [("green | nature".into(), Role::Required)]
        );
    }

    #[test]
    fn a_terms_words_are_one_concept_and_concepts_side_by_side_are_near() {
        assert_eq!(
            shape("young people mental health"),
            [
                ("young people".into(), Role::Ranked),
                ("mental health".into(), Role::Ranked),
                ("young people … mental health".into(), Role::Near(0, 1)),
            ]
        );
        let lexicon = crate::embedded::lexicon();
        let parsed = Syntax::new("RCT").read(lexicon, &mut Words(&[]));
        let shown: Vec<&str> = parsed.concepts[0]
            .alternatives
            .iter()
            .map(|a| a.shown.as_ref())
            .collect();
        assert!(shown.contains(&"randomised controlled trial"), "{shown:?}");
        assert!(shown.contains(&"randomised-trial"), "{shown:?}");
    }

    #[test]
    fn a_place_reaches_what_it_lies_in_and_its_coding() {
        let lexicon = crate::embedded::lexicon();
        let parsed = Syntax::new("Cardiff").read(lexicon, &mut Words(&[]));
        let reached: Vec<(&str, f64)> = parsed.concepts[0]
            .alternatives
            .iter()
            .map(|a| (a.shown.as_ref(), a.weight))
            .collect();
        for (name, weight) in [("Cardiff", 1.0), ("South Wales", NEAR), ("Swansea", NEAR)] {
            assert!(reached.contains(&(name, weight)), "{name}: {reached:?}");
        }
        let coded = parsed.concepts[0]
            .alternatives
            .iter()
            .filter(|a| a.fields == Fields::Code(Field::Country))
            .count();
        assert_eq!(coded, 2, "Wales and the United Kingdom");
    }

    #[test]
    fn an_id_like_word_is_its_letters_and_year() {
        assert_eq!(id_like("kiely22"), Some(("kiely", "22")));
        assert_eq!(id_like("wildman2019"), Some(("wildman", "2019")));
        assert_eq!(id_like("covid19"), Some(("covid", "19")));
        assert_eq!(id_like("2019"), None);
        assert_eq!(id_like("eq5d"), None);
    }

    #[test]
    fn us_is_a_place_only_in_capitals() {
        let lexicon = crate::embedded::lexicon();
        assert!(Syntax::new("US").asks(lexicon));
        assert!(!Syntax::new("is it us").asks(lexicon));
    }
}
