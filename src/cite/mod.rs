//! Citations: the four reference styles, each in its own file behind `Style`, and the three
//! export formats. Each style behaves as its official CSL style does under a CSL processor
//! (`tests/cite.rs` compares every entry with pandoc's output).

mod apa;
pub mod bibtex;
mod cited;
pub mod csl_json;
mod format;
mod harvard;
mod hee;
mod names;
mod rich;
pub mod ris;
mod vancouver;

pub use cited::{as_cited, brief_entry, et_al_note};
pub use rich::{Markup, Rich};

use format::{page_label, pages_en_dash, pages_expanded, pages_minimal, title_case};

use std::borrow::Cow;
use std::collections::HashMap;

use crate::catalogue::{Author, Catalogue, Entry, Kind};
use crate::text;

/// A reference style.
pub trait Style {
    /// The entry as the reference list gives it, at `place` in the list.
    fn reference(&self, entry: &Entry, place: Place) -> Rich;
    /// Who and when, as a citation in the text names the entry at `place`: ("Kiely et al.",
    /// "2022"); a numbered style names no one, and its "when" is the number.
    fn cited(&self, entry: &Entry, place: Place) -> (Rich, String);
    /// What stands between who and when: ", " or " ".
    fn who_when(&self) -> &'static str {
        ", "
    }
    /// The citation in the text of the entry alone: "(Kiely et al., 2022)", or "(3)".
    fn in_text(&self, entry: &Entry, place: Place) -> Rich {
        in_text_together(self, &[(entry, place)])
    }
    /// What separates works cited together in one pair of brackets (the CSL layout's delimiter).
    fn delimiter(&self) -> &'static str {
        "; "
    }
    /// How works cited together are ordered (the CSL citation's sort).
    fn citation_order(&self) -> CitationOrder {
        CitationOrder::Number
    }
    /// Whether the list is numbered in the order given, rather than sorted by author and year.
    fn numbered(&self) -> bool {
        false
    }
    /// What an author–date list sorts on first, as the style's CSL does: the names as the
    /// reference gives them, or what stands in for them where there are none.
    fn sort_names(&self, entry: &Entry) -> String {
        entry.title.clone()
    }
    /// What works cited together sort on, where the style sorts them by author: as a rule the
    /// names the reference list sorts on.
    fn citation_sort_names(&self, entry: &Entry) -> String {
        self.sort_names(entry)
    }
    /// Whether the list sorts works of the same names and date by title, as the CSL of Cite
    /// Them Right and APA do; HEE's keeps them in the order given.
    fn sorts_by_title(&self) -> bool {
        false
    }
    /// Whether works with no date come before dated ones, as APA's CSL puts them.
    fn undated_first(&self) -> bool {
        false
    }
    /// Whether the list sorts on the month as well as the year: only where the style's CSL
    /// sorts on the whole date (APA). Otherwise works of one year keep the order given.
    fn sorts_by_month(&self) -> bool {
        false
    }
}

/// The styles `--style` offers (described in `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleName {
    Harvard,
    Apa,
    Vancouver,
    Hee,
}

impl StyleName {
    /// The style's name as a heading gives it.
    pub fn label(self) -> &'static str {
        match self {
            StyleName::Harvard => "Harvard",
            StyleName::Apa => "APA",
            StyleName::Vancouver => "Vancouver",
            StyleName::Hee => "HEE Harvard",
        }
    }

    pub fn style(self) -> &'static dyn Style {
        match self {
            StyleName::Harvard => &harvard::Harvard,
            StyleName::Apa => &apa::Apa,
            StyleName::Vancouver => &vancouver::Vancouver,
            StyleName::Hee => &hee::Hee,
        }
    }
}

/// What `--format` writes: styled citations, or a file for a reference manager (described in
/// `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Bibtex,
    Biblatex,
    Ris,
    CslJson,
}

impl Format {
    pub fn markup(self) -> Option<Markup> {
        match self {
            Format::Text => Some(Markup::Text),
            Format::Markdown => Some(Markup::Markdown),
            Format::Html => Some(Markup::Html),
            Format::Bibtex | Format::Biblatex | Format::Ris | Format::CslJson => None,
        }
    }
}

/// What a citation treats a work as, whatever the brief calls it: the kinds of brief/README.md
/// map onto the three types that styles and exports tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkType {
    Article,
    /// A document an organisation publishes: a report, guide, toolkit, plan or framework.
    Report,
    WebPage,
}

impl WorkType {
    pub fn of(kind: Kind) -> WorkType {
        match kind {
            Kind::JournalArticle => WorkType::Article,
            Kind::Report
            | Kind::Guide
            | Kind::Toolkit
            | Kind::Plan
            | Kind::Framework
            | Kind::Standards
            | Kind::CaseStudy => WorkType::Report,
            Kind::WebPage | Kind::Elearning | Kind::Network | Kind::Signpost => WorkType::WebPage,
        }
    }
}

/// Where an entry stands among those cited together: its number in a numbered list, and how an
/// author–date style tells it apart from works it would otherwise cite alike: by more of its
/// authors' names ("Wildman, Moffatt, Penn, et al., 2019"), or where names cannot, by a year
/// suffix ("NHS England, 2023a").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// From 1, in the style's order.
    pub number: usize,
    /// 0 for `a`, 1 for `b`, … 26 for `aa`, as CSL counts them.
    pub year_suffix: Option<usize>,
    /// How many names come before "et al." at least (CSL's `disambiguate-add-names`).
    pub names_shown: Option<usize>,
}

impl Place {
    /// An entry cited on its own.
    pub const ALONE: Place = Place {
        number: 1,
        year_suffix: None,
        names_shown: None,
    };
}

/// How a style orders works cited together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationOrder {
    /// By the number in the list (Vancouver).
    Number,
    /// By year, then as the writer gave them (Cite Them Right).
    Year,
    /// By year, then author (HEE).
    YearAuthor,
    /// By author, then year (APA).
    AuthorYear,
}

/// One citation in the text for works cited together, given in the order the writer gave them,
/// as the style's CSL gives it: sorted by the style's keys (ties keep the writer's order), one
/// name for works of the same names ("Wildman et al., 2019a, 2019b"), and for a numbered style a
/// run of three or more numbers as a range ("(1,2)", "(1–3,5)").
pub fn in_text_together<S: Style + ?Sized>(style: &S, placed: &[(&Entry, Place)]) -> Rich {
    let mut cited: Vec<(&Entry, Place, Rich, String)> = placed
        .iter()
        .map(|(entry, place)| {
            let (who, when) = style.cited(entry, *place);
            (*entry, *place, who, when)
        })
        .collect();
    // Works of one year keep the order given, whatever their suffixes ("NHS England, 2023b,
    // 2023a"), as pandoc and citeproc-js keep them in Cite Them Right and APA; in HEE both put
    // the suffixes in order.
    let year = |e: &Entry| date_key(style, e);
    match style.citation_order() {
        CitationOrder::Number => cited.sort_by_key(|(_, place, ..)| place.number),
        CitationOrder::Year => cited.sort_by_key(|(e, ..)| year(e)),
        CitationOrder::YearAuthor => {
            cited.sort_by_cached_key(|(e, p, ..)| {
                (
                    year(e),
                    sort_text(&style.citation_sort_names(e)),
                    p.year_suffix,
                )
            });
        }
        CitationOrder::AuthorYear => {
            cited.sort_by_cached_key(|(e, ..)| (sort_text(&style.citation_sort_names(e)), year(e)));
        }
    }
    let mut parts: Vec<Rich> = Vec::new();
    if style.citation_order() == CitationOrder::Number {
        let numbers: Vec<usize> = cited.iter().map(|(_, place, ..)| place.number).collect();
        parts.extend(
            number_runs(&numbers)
                .into_iter()
                .map(|run| Rich::new().plain(&run)),
        );
    } else {
        // collapse="year": works of the same names are one group, where its first stands, however
        // far apart the sort put them. Only names group, as citeproc-js groups them: a title or
        // "Anon." standing in for names stands alone, even beside the same words.
        let mut groups: Vec<(Rich, Vec<String>)> = Vec::new();
        let mut by_names: HashMap<Rich, usize> = HashMap::new();
        for (entry, _, who, when) in cited {
            let group = if entry.authors.is_empty() {
                None
            } else {
                by_names.get(&who).copied()
            };
            match group {
                Some(group) => groups[group].1.push(when),
                None => {
                    if !entry.authors.is_empty() {
                        by_names.insert(who.clone(), groups.len());
                    }
                    groups.push((who, vec![when]));
                }
            }
        }
        for (who, whens) in groups {
            parts.push(who.plain(&format!("{}{}", style.who_when(), whens.join(", "))));
        }
    }
    let mut together = Rich::new().plain("(");
    for (n, part) in parts.into_iter().enumerate() {
        if n > 0 {
            together = together.plain(style.delimiter());
        }
        together = together.append(part);
    }
    together.plain(")")
}

/// Numbers in order, each once, with a run of three or more as a range: "1", "2", "4–6".
fn number_runs(numbers: &[usize]) -> Vec<String> {
    let mut numbers = numbers.to_vec();
    numbers.sort_unstable();
    numbers.dedup();
    let mut runs = Vec::new();
    let mut rest = numbers.as_slice();
    while let [first, ..] = rest {
        let run = rest
            .iter()
            .zip(*first..)
            .take_while(|(n, want)| **n == *want)
            .count();
        let last = first + run - 1;
        match run {
            1 => runs.push(first.to_string()),
            2 => runs.extend([first.to_string(), last.to_string()]),
            _ => runs.push(format!("{first}–{last}")),
        }
        rest = &rest[run..];
    }
    runs
}

/// The entries in the style's order, each with its place among them. Works that the style would
/// cite alike (the same names, or what stands in for them, and the same year) are told apart as
/// the three author–date styles' CSL does (`disambiguate-add-names`, then `-add-year-suffix`):
/// first by giving as many more authors' names as it takes, then, where the names are the same,
/// by year suffixes in the order of the list, as the CSL specification assigns them. (pandoc
/// 2.17's citeproc follows the order of the items' ids instead.) A work's citation depends on
/// what it is placed among: `Register` places every work among the whole brief.
pub fn placed<'a>(style: &dyn Style, entries: &[&'a Entry]) -> Vec<(&'a Entry, Place)> {
    let place = |number| Place {
        number,
        ..Place::ALONE
    };
    if style.numbered() {
        return entries
            .iter()
            .enumerate()
            .map(|(i, entry)| (*entry, place(i + 1)))
            .collect();
    }
    // Each entry's names rendered once: the order and the year suffixes both go by them.
    let mut named: Vec<(&Entry, String)> = entries
        .iter()
        .map(|entry| (*entry, style.sort_names(entry)))
        .collect();
    // Works whose shortened names and year agree are ordered by their whole author lists, as
    // citeproc orders them once it has added names to tell them apart.
    named.sort_by_cached_key(|(entry, names)| {
        let all: Vec<String> = entry.authors.iter().map(|a| a.inverted()).collect();
        (
            sort_text(names),
            date_key(style, entry),
            sort_text(&all.join(", ")),
            style.sorts_by_title().then(|| sort_text(&entry.title)),
        )
    });
    // The works each citation in the text stands for ("Wildman et al., 2019"), in the order
    // of the list.
    let mut alike: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (entry, _)) in named.iter().enumerate() {
        let (who, when) = style.cited(entry, Place::ALONE);
        let cited = format!("{}{}{when}", who.render(Markup::Text), style.who_when());
        alike.entry(cited).or_default().push(i);
    }
    let mut places: Vec<Place> = (1..=named.len()).map(place).collect();
    for group in alike.values().filter(|group| group.len() > 1) {
        let families: Vec<Vec<&str>> = group
            .iter()
            .map(|&i| named[i].0.authors.iter().map(Author::family).collect())
            .collect();
        let mut letters = 0;
        for (&i, shown) in group.iter().zip(names_that_differ(&families)) {
            match shown {
                Some(shown) => places[i].names_shown = Some(shown),
                None => {
                    places[i].year_suffix = Some(letters);
                    letters += 1;
                }
            }
        }
    }
    named
        .iter()
        .zip(places)
        .map(|((entry, _), place)| (*entry, place))
        .collect()
}

/// Every work's place in the whole brief's reference list in a style: its year letter and the
/// names added to tell it apart, as the brief's list gives them. A work therefore always has one
/// citation, whatever it is cited with: in `cite` of one work or many, `--in-text`, `--copy`,
/// `show`, browse and the page. (The exports carry no letters: pandoc, biber and Zotero work out
/// their own among the works a document cites.)
pub struct Register {
    name: StyleName,
    /// By id: the work's rank in the brief's list, and its place there.
    places: HashMap<String, (usize, Place)>,
}

impl Register {
    /// The places of the catalogue's works (every entry but the signposts, which are not works
    /// to cite) and of the brief itself, as cited.
    pub fn new(name: StyleName, catalogue: &Catalogue) -> Register {
        let brief = brief_entry(&catalogue.brief);
        let cited: Vec<Cow<Entry>> = catalogue
            .entries
            .iter()
            .filter(|entry| entry.is_citable())
            .map(as_cited)
            .chain(std::iter::once(Cow::Owned(brief)))
            .collect();
        let works: Vec<&Entry> = cited.iter().map(AsRef::as_ref).collect();
        let places = placed(name.style(), &works)
            .into_iter()
            .enumerate()
            .map(|(rank, (entry, place))| (entry.id.clone(), (rank, place)))
            .collect();
        Register { name, places }
    }

    pub fn name(&self) -> StyleName {
        self.name
    }

    pub fn style(&self) -> &'static dyn Style {
        self.name.style()
    }

    /// The work's place as cited alone: first in a list of its own, with the brief's letter.
    pub fn place(&self, entry: &Entry) -> Place {
        self.places
            .get(&entry.id)
            .map_or(Place::ALONE, |(_, place)| Place {
                number: 1,
                ..*place
            })
    }

    /// The reference list of these works: numbered in the order given in a numbered style, else
    /// in the order of the brief's list, each with its place there.
    pub fn list<'a>(&self, entries: &[&'a Entry]) -> Vec<(&'a Entry, Place)> {
        let mut listed: Vec<(&Entry, Place)> = entries
            .iter()
            .map(|entry| (*entry, self.place(entry)))
            .collect();
        if !self.style().numbered() {
            listed.sort_by_key(|(entry, _)| self.places.get(&entry.id).map(|(rank, _)| *rank));
        }
        for (number, (_, place)) in (1..).zip(&mut listed) {
            place.number = number;
        }
        listed
    }

    /// The one citation in the text for these works cited together, given in the order the
    /// writer named them: each with its number in their list, or its letter in the brief's.
    pub fn in_text(&self, entries: &[&Entry]) -> Rich {
        let numbers: HashMap<&str, Place> = self
            .list(entries)
            .into_iter()
            .map(|(entry, place)| (entry.id.as_str(), place))
            .collect();
        let named: Vec<(&Entry, Place)> = entries
            .iter()
            .map(|entry| (*entry, numbers[entry.id.as_str()]))
            .collect();
        in_text_together(self.style(), &named)
    }
}

/// The date a style sorts on: the year, and the month where its CSL sorts on the whole date
/// (APA); works with no date last, or in APA first.
fn date_key<S: Style + ?Sized>(style: &S, entry: &Entry) -> (bool, Option<i32>, Option<u8>) {
    let put_after = entry.year.is_none() != style.undated_first();
    let month = entry.month.filter(|_| style.sorts_by_month());
    (put_after, entry.year, month)
}

/// For works cited alike, given by their authors' family names: how many of each one's first
/// names it takes to tell it from every other, as family names compare in the text; `None` where
/// no number of names can, because another work's names are the same as its first ones or begin
/// with all of its own. In the order given, in O(n log n) for n works: in sorted order, the
/// longest run of names a work shares with any other it shares with a neighbour, and the works
/// whose names begin another's are a chain, kept on a stack.
fn names_that_differ(families: &[Vec<&str>]) -> Vec<Option<usize>> {
    let shared = |a: &[&str], b: &[&str]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let begins = |start: &[&str], names: &[&str]| names.starts_with(start);
    let mut order: Vec<usize> = (0..families.len()).collect();
    order.sort_by(|&a, &b| families[a].cmp(&families[b]));
    let mut shown = vec![None; families.len()];
    // The works before this one in sorted order whose names begin each other's, shortest first.
    let mut chain: Vec<usize> = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        let names = &families[i];
        while chain
            .last()
            .is_some_and(|&before| !begins(&families[before], names))
        {
            chain.pop();
        }
        let next = order.get(at + 1).map(|&j| families[j].as_slice());
        let begun = !chain.is_empty() || next.is_some_and(|next| begins(names, next));
        chain.push(i);
        if begun {
            continue;
        }
        let before = at
            .checked_sub(1)
            .map(|b| shared(names, &families[order[b]]));
        let after = next.map(|next| shared(names, next));
        let most = before.into_iter().chain(after).max().unwrap_or(0);
        shown[i] = Some(most + 1);
    }
    shown
}

/// An author–date style's `sort_names`: the names as its reference list gives them, or
/// `fallback` where there are none.
fn names_or(names: &names::NameStyle, entry: &Entry, fallback: &str) -> String {
    names
        .list(entry, Place::ALONE)
        .map_or_else(|| fallback.to_string(), |names| names.render(Markup::Text))
}

/// A year suffix as CSL writes it: a to z, then aa, ab, …
fn suffix_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// The entries in the style's order: numbered styles keep the order given; author–date styles
/// sort as their CSL does, by the names (or what stands in for them), then by date, undated
/// works last; ties keep the order given.
pub fn in_style_order<'a>(style: &dyn Style, entries: &[&'a Entry]) -> Vec<&'a Entry> {
    placed(style, entries)
        .into_iter()
        .map(|(entry, _)| entry)
        .collect()
}

/// Text as citeproc's collation sorts it: case and accents aside, and spaces before
/// punctuation before digits before letters, so that "Social Prescribing Self-Assessment"
/// comes before "Social prescribing: case studies".
fn sort_text(text: &str) -> Vec<(u8, char)> {
    text::fold(text)
        .chars()
        .map(|c| match c {
            c if c.is_whitespace() => (0, ' '),
            c if c.is_ascii_digit() => (2, c),
            c if c.is_alphanumeric() => (3, c),
            c => (1, c),
        })
        .collect()
}

/// The year with its suffix ("2022a"), or the style's words for no date, followed by the suffix
/// after `(words, joiner)`: "no date a" in Harvard, "n.d.-a" in APA. With no joiner, the words
/// take no suffix: HEE's CSL writes "n.d." as a term, not a date, and CSL appends an implicit
/// year suffix to a date only, so its undated works are "n.d." alike (as citeproc-js gives them).
fn year_or(entry: &Entry, place: Place, (no_date, joiner): (&str, Option<&str>)) -> String {
    let suffix = place.year_suffix.map(suffix_letters);
    match (entry.year, suffix, joiner) {
        (Some(year), suffix, _) => format!("{year}{}", suffix.unwrap_or_default()),
        (None, Some(suffix), Some(joiner)) => format!("{no_date}{joiner}{suffix}"),
        (None, _, _) => no_date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Brief;

    #[test]
    fn year_suffixes_run_as_csl_counts_them() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(suffix_letters)
            .collect();
        assert_eq!(
            letters,
            ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]
        );
    }

    /// A work by no one, cited by its title (or as "Anon."), stands apart in a citation, even
    /// beside works whose names read the same, as citeproc-js cites it.
    #[test]
    fn only_names_group_in_a_citation() {
        let work = |id: &str, authors: Vec<Author>, year: Option<i32>| Entry {
            id: id.into(),
            title: "National Association of Link Workers".into(),
            kind: Kind::WebPage,
            authors,
            year,
            ..brief_entry(&Brief::default())
        };
        let org = || {
            vec![Author::Organisation {
                literal: "National Association of Link Workers".into(),
            }]
        };
        let by_org = [work("a", org(), Some(2020)), work("b", org(), Some(2022))];
        let by_no_one = [work("c", Vec::new(), None), work("d", Vec::new(), None)];
        let cited = |name: StyleName, works: &[&Entry]| {
            let places: Vec<(&Entry, Place)> =
                works.iter().map(|work| (*work, Place::ALONE)).collect();
            in_text_together(name.style(), &places).render(Markup::Html)
        };
        assert_eq!(
            cited(StyleName::Harvard, &[&by_org[0], &by_org[1], &by_no_one[0]]),
            "(National Association of Link Workers, 2020, 2022; <i>National Association of Link Workers</i>, no date)"
        );
        assert_eq!(
            cited(StyleName::Hee, &[&by_no_one[0], &by_no_one[1]]),
            "(Anon. n.d., Anon. n.d.)"
        );
    }
}
