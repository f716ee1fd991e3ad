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

use super::lexicon::Lexicon;
use super::{Field, stems, words};

mod reach;
mod read;

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
    /// lexicon (of filler words too: "what works", "out of work"), or a strict form other than
    /// `!not`.
    pub fn asks(&self, lexicon: &'static Lexicon<'static>) -> bool {
        let mut run: Vec<&[(String, bool, String)]> = Vec::new();
        for group in &self.groups {
            match group.as_slice() {
                [Item::Plain(parts)] => {
                    if parts.iter().any(|(w, _, _)| !words::is_filler(w)) {
                        return true;
                    }
                    run.push(parts);
                }
                [Item::Strict(atom)] if atom.starts_with('!') => {
                    if names_a_term(&run, lexicon) {
                        return true;
                    }
                    run.clear();
                }
                _ => return true,
            }
        }
        names_a_term(&run, lexicon)
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

impl Parsed {
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

/// Whether a run of filler words holds a term of the lexicon: a word, or words in a row that
/// neither start nor end inside a compound, as `Parsed::read_run` reads them.
fn names_a_term(run: &[&[(String, bool, String)]], lexicon: &'static Lexicon<'static>) -> bool {
    let flat: Vec<(&String, bool, usize)> = run
        .iter()
        .enumerate()
        .flat_map(|(item, parts)| parts.iter().map(move |(w, c, _)| (w, *c, item)))
        .collect();
    (0..flat.len()).any(|at| {
        (1..=LONGEST_TERM.min(flat.len() - at)).any(|length| {
            let to = at + length;
            let whole_items = (at == 0 || flat[at - 1].2 != flat[at].2)
                && (to == flat.len() || flat[to].2 != flat[to - 1].2);
            if length > 1 && !whole_items {
                return false;
            }
            let words: Vec<&String> = flat[at..to].iter().map(|(w, _, _)| *w).collect();
            let capitals = flat[at..to].iter().all(|(_, c, _)| *c);
            lexicon.find_term(&stems_of(&words), capitals).is_some()
        })
    })
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
        let lexicon = crate::search::built_in_lexicon();
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
        let lexicon = crate::search::built_in_lexicon();
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
        let lexicon = crate::search::built_in_lexicon();
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
        let lexicon = crate::search::built_in_lexicon();
        assert!(Syntax::new("US").asks(lexicon));
        assert!(!Syntax::new("is it us").asks(lexicon));
    }

    #[test]
    fn a_term_of_filler_words_is_asked_for() {
        let lexicon = crate::search::built_in_lexicon();
        assert!(Syntax::new("what works").asks(lexicon));
        assert!(Syntax::new("out of work").asks(lexicon));
        assert!(!Syntax::new("what is it").asks(lexicon));
        assert!(!Syntax::new("what !covid works").asks(lexicon));
    }
}
