//! A run of free words read into concepts: each a term of the lexicon (longest first), a
//! compound typed with a hyphen, or a word, with concepts typed one after the other near; and
//! the strict forms, each as typed.

use std::borrow::Cow;

use super::{
    Alternative, Concept, Fields, Item, Known, LONGEST_TERM, Parsed, Role, Term, TextMatch, Via,
    id_like,
};
use crate::search::lexicon::Lexicon;
use crate::search::{stems, words};

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
    pub(super) fn read_run(
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

    /// A strict group: `"a phrase"`, `'exact`, `^prefix`, `suffix$`, `!not`, or `a | b`.
    pub(super) fn add_strict(&mut self, group: &[Item]) {
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
