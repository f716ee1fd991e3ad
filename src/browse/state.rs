//! What `browse` shows and how a key changes it: a plain state machine, with no terminal, so that
//! every key is tested as data (see the tests below). The event loop (`terminal.rs`) turns what
//! the terminal sends into `Key`s, and carries out the `Action`s that reach outside: the
//! clipboard, the browser, leaving.

use std::borrow::Cow;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::input::{self, Cursor};
use super::picker::{Filters, Picked, Picker};
use crate::browser;
use crate::catalogue::{Catalogue, Entry, Topic};
use crate::cite::{Markup, Register, StyleName, bibtex};
use crate::clipboard;
use crate::exit_codes::ExitCode;

pub use super::input::Key;

/// What a key asks of the world outside the state.
#[derive(Debug)]
pub enum Action {
    None,
    /// Put this on the clipboard; `what` says what it is, for the status line.
    Copy {
        copy: clipboard::Copy,
        what: String,
    },
    /// Open this link in the browser: `what` it is, for the status line.
    Open {
        link: String,
        what: &'static str,
    },
    /// Leave, printing these ids.
    Accept(Vec<String>),
    /// Leave, printing nothing, with this exit code.
    Cancel(i32),
}

/// Exit codes for leaving without a choice, as fzf has them.
pub const ESC_CODE: i32 = ExitCode::NoMatch.code();
pub const CTRL_C_CODE: i32 = ExitCode::Interrupted.code();

/// The citation styles Ctrl-S cycles through, in order.
pub const STYLES: [StyleName; 4] = [
    StyleName::Harvard,
    StyleName::Apa,
    StyleName::Vancouver,
    StyleName::Hee,
];

/// An entry in the list, with where the query matched its title.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    pub entry: &'a Entry,
    /// Char positions in the title to highlight.
    pub marks: Vec<u32>,
}

/// The whole state of a browse.
pub struct State<'a> {
    pub catalogue: &'a Catalogue,
    /// The entries the command line's filters let through, in the brief's order.
    base: Vec<&'a Entry>,
    /// The command line's filters, as typed (`--topic loneliness`), for the hint when they are
    /// why nothing matches.
    pub started_with: Option<String>,
    /// The topics the picker offers: those of `base`'s entries, in the brief's order.
    topics: Vec<&'a Topic>,
    /// The topic and year chosen with the picker.
    pub filters: Filters<'a>,
    /// The picker, while it is open.
    pub picker: Option<Picker<'a>>,
    pub query: String,
    /// The list shown: `base`, less `filters`, searched with `query`, best first.
    pub shown: Vec<Found<'a>>,
    /// Why the list is empty, and what to do about it, when it is.
    pub hint: Option<String>,
    pub list: Cursor,
    /// Marked ids, in the order marked.
    pub marked: Vec<String>,
    /// The citation style, with each work's place in the brief's list in it.
    pub register: Register,
    /// The key help is shown over the list.
    pub help: bool,
    /// How many lines of the help are scrolled off its top, where it does not fit.
    pub help_scroll: u16,
    /// A note for the status line, until the next key.
    pub message: Option<String>,
    /// How many lines of the preview are scrolled off its top.
    pub preview_scroll: u16,
}

/// How many points of fzf's score a fuzzy match needs for each char typed.
const FUZZY_POINTS_PER_CHAR: u32 = 20;

/// The list for a query: the works `find` ranks for it, in its order, then the works whose id,
/// authors, year and title the query matches as fzf matches a line (its words as subsequences,
/// in any order, smart case), best first. An empty query lists every entry. The one place
/// `browse` calls the search engine, as `find` does.
fn search<'a>(
    query: &str,
    catalogue: &Catalogue,
    entries: &[&'a Entry],
) -> Result<Vec<Found<'a>>, String> {
    if query.trim().is_empty() {
        let all = entries.iter().map(|&entry| Found {
            entry,
            marks: Vec::new(),
        });
        return Ok(all.collect());
    }
    let ranked = crate::search::Query::new(query)
        .map(|q| q.run(catalogue, None, entries.iter().copied()).hits);
    let mut found: Vec<Found<'a>> = match &ranked {
        Ok(hits) => hits
            .iter()
            .map(|hit| Found {
                entry: hit.entry,
                marks: hit.title_marks.clone(),
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    // fzf's scores give a char in a run of matched chars about 16 to 28 points, and one
    // matched alone, far from the last, much less: letters scattered through a long line are
    // no match a reader meant ("lonliness" in any title with those letters in order).
    let typed = query
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '^' | '$' | '!'))
        .count();
    let least = FUZZY_POINTS_PER_CHAR * typed as u32;
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut fuzzy: Vec<(u32, Found<'a>)> = Vec::new();
    let mut buffer = Vec::new();
    for &entry in entries {
        if found.iter().any(|f| std::ptr::eq(f.entry, entry)) {
            continue;
        }
        // The line fzf would match: id, authors, year, then the title, whose marks are kept.
        let authors: Vec<&str> = entry.authors.iter().map(|a| a.family()).collect();
        let year = entry.year.map(|y| y.to_string()).unwrap_or_default();
        let before = format!("{} {} {year} ", entry.id, authors.join(" "));
        let line = format!("{before}{}", entry.title);
        let mut indices = Vec::new();
        let haystack = Utf32Str::new(&line, &mut buffer);
        let score = pattern.indices(haystack, &mut matcher, &mut indices);
        if let Some(score) = score.filter(|&score| score >= least) {
            let offset = before.chars().count() as u32;
            let mut marks: Vec<u32> = indices
                .into_iter()
                .filter_map(|i| i.checked_sub(offset))
                .collect();
            marks.sort_unstable();
            marks.dedup();
            fuzzy.push((score, Found { entry, marks }));
        }
    }
    // Best first; a tie keeps the brief's order (the sort is stable).
    fuzzy.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    found.extend(fuzzy.into_iter().map(|(_, f)| f));
    match ranked {
        Err(problem) if found.is_empty() => Err(problem.to_string()),
        _ => Ok(found),
    }
}

impl<'a> State<'a> {
    /// A browse of `base` (the entries the filters let through), in `style`.
    pub fn new(catalogue: &'a Catalogue, base: Vec<&'a Entry>, style: StyleName) -> State<'a> {
        let topics = catalogue
            .topics
            .iter()
            .filter(|t| base.iter().any(|e| e.topics.contains(&t.id)))
            .collect();
        let mut state = State {
            catalogue,
            base,
            started_with: None,
            topics,
            filters: Filters::default(),
            picker: None,
            query: String::new(),
            shown: Vec::new(),
            hint: None,
            list: Cursor::default(),
            marked: Vec::new(),
            register: Register::new(style, catalogue),
            help: false,
            help_scroll: 0,
            message: None,
            preview_scroll: 0,
        };
        state.refresh();
        state
    }

    /// How many entries the browse started from.
    pub fn total(&self) -> usize {
        self.base.len()
    }

    pub fn current(&self) -> Option<&'a Entry> {
        self.shown.get(self.list.selected).map(|found| found.entry)
    }

    pub fn is_marked(&self, entry: &Entry) -> bool {
        self.marked.contains(&entry.id)
    }

    /// Searches again after the query or the filters changed; the best match comes first.
    fn refresh(&mut self) {
        let filters = self.filters;
        let candidates: Vec<&'a Entry> = self
            .base
            .iter()
            .copied()
            .filter(|e| filters.matches(e))
            .collect();
        self.hint = None;
        match search(&self.query, self.catalogue, &candidates) {
            Ok(found) => self.shown = found,
            Err(problem) => {
                self.shown.clear();
                self.hint = Some(problem);
            }
        }
        if self.shown.is_empty() && self.hint.is_none() {
            self.hint = Some(self.why_empty(candidates.is_empty()));
        }
        self.list.reset();
        self.preview_scroll = 0;
    }

    /// Why nothing is listed, when the query could be searched for, naming what empties the
    /// list: the topic or year chosen, the command line's filters, or else the words.
    fn why_empty(&self, filtered_out: bool) -> String {
        let filters = self.filters.phrase();
        if filtered_out {
            return format!("No entry is {filters}. Ctrl-T chooses another topic or year.");
        }
        let matching = |entries: &[&'a Entry]| {
            search(&self.query, self.catalogue, entries).map_or(0, |found| found.len())
        };
        if !self.filters.is_empty() {
            let without = matching(&self.base);
            if without > 0 {
                let (all, widen) = match (self.filters.topic, self.filters.year) {
                    (Some(_), Some(_)) => ("without these filters", " changes them"),
                    (Some(_), None) => ("in all topics", ", then All topics, clears it"),
                    _ => ("in all years", ", then All years, clears it"),
                };
                let entries = crate::text::count(without, "entry does", "entries do");
                return format!("Nothing {filters} matches; {entries} {all}. Ctrl-T{widen}.");
            }
        }
        if self.base.len() < self.catalogue.entries.len() {
            let all: Vec<&Entry> = self.catalogue.entries.iter().collect();
            let outside = matching(&all);
            if outside > 0 {
                let filters = self.started_with.as_deref().unwrap_or("the filters");
                let them = if filters.matches("--").count() == 1 {
                    "it"
                } else {
                    "them"
                };
                let entries = crate::text::count(outside, "entry does", "entries do");
                return format!(
                    "Nothing here matches; {entries} without {filters}: leave (Esc) and browse \
                     again without {them}."
                );
            }
        }
        "Nothing matches: try fewer or shorter words (Ctrl-U clears)".into()
    }

    /// Moves the selection to `row`, within the list, and scrolls to keep it on screen.
    fn select(&mut self, row: isize) {
        if self.list.select(row, self.shown.len()) {
            self.preview_scroll = 0;
        }
    }

    /// Keeps the selection on screen in a list `page` rows high.
    pub fn fit(&mut self, page: usize) {
        self.list.fit(page, self.shown.len());
    }

    /// The mouse wheel: `lines` down (or up, if negative), in the help or the picker where
    /// open.
    pub fn scroll(&mut self, lines: isize) {
        if self.help {
            let scrolled = self.help_scroll as isize + lines;
            self.help_scroll = u16::try_from(scrolled.max(0)).unwrap_or(u16::MAX);
        } else if let Some(picker) = &mut self.picker {
            picker.select(picker.cursor.selected as isize + lines);
        } else {
            self.select(self.list.selected as isize + lines);
        }
    }

    /// A click on the list's `row`-th row on screen.
    pub fn click(&mut self, row: usize) {
        let row = self.list.offset + row;
        if !self.help && self.picker.is_none() && row < self.shown.len() {
            self.select(row as isize);
        }
    }

    /// A click on the picker's `row`-th row on screen: that row is picked.
    pub fn pick(&mut self, row: usize) -> Action {
        let Some(picker) = &mut self.picker else {
            return Action::None;
        };
        if picker.cursor.offset + row >= picker.shown.len() {
            return Action::None;
        }
        picker.select((picker.cursor.offset + row) as isize);
        self.key(Key::Enter)
    }

    /// What `key` does.
    pub fn key(&mut self, key: Key) -> Action {
        self.message = None;
        if matches!(key, Key::Ctrl('c' | 'g' | 'q')) {
            return Action::Cancel(CTRL_C_CODE);
        }
        if self.help {
            self.help_key(key);
            return Action::None;
        }
        if let Some(picker) = &mut self.picker {
            match picker.key(key) {
                Picked::Open => {}
                Picked::Closed => self.picker = None,
                Picked::Chose(choice) => {
                    self.filters = self.filters.with(choice);
                    self.picker = None;
                    self.refresh();
                }
            }
            return Action::None;
        }
        if matches!(key, Key::Char('?') | Key::Help) {
            self.help = true;
            self.help_scroll = 0;
            return Action::None;
        }
        if input::edit(&mut self.query, key) {
            self.refresh();
            return Action::None;
        }
        if let Some(row) = self.list.target(key) {
            self.select(row);
            return Action::None;
        }
        let at = self.list.selected as isize;
        match key {
            Key::PreviewDown => self.preview_scroll = self.preview_scroll.saturating_add(3),
            Key::PreviewUp => self.preview_scroll = self.preview_scroll.saturating_sub(3),
            Key::Tab | Key::BackTab => {
                if let Some(entry) = self.current() {
                    if self.is_marked(entry) {
                        self.marked.retain(|id| *id != entry.id);
                    } else {
                        self.marked.push(entry.id.clone());
                    }
                    self.select(if key == Key::Tab { at + 1 } else { at - 1 });
                }
            }
            Key::Ctrl('t') => {
                self.picker = Some(Picker::new(&self.base, &self.topics, self.filters));
            }
            Key::Ctrl('s') => {
                let now = STYLES.iter().position(|&s| s == self.register.name());
                let next = STYLES[(now.unwrap_or(0) + 1) % STYLES.len()];
                self.register = Register::new(next, self.catalogue);
            }
            Key::Ctrl('y') => return self.copy(false),
            Key::Ctrl('b') => return self.copy(true),
            Key::Ctrl('o') => return self.open(),
            Key::Enter => {
                if !self.marked.is_empty() {
                    return Action::Accept(self.marked.clone());
                }
                if let Some(entry) = self.current() {
                    return Action::Accept(vec![entry.id.clone()]);
                }
                self.message = Some("Nothing to choose: change the search".into());
            }
            Key::Esc => return Action::Cancel(ESC_CODE),
            _ => {}
        }
        Action::None
    }

    /// A key while the help is shown: the moving keys scroll it, where it does not fit; any
    /// other closes it.
    fn help_key(&mut self, key: Key) {
        let moved = Cursor {
            selected: usize::from(self.help_scroll),
            offset: 0,
            page: self.list.page,
        }
        .target(key);
        match moved {
            Some(line) => self.help_scroll = u16::try_from(line.max(0)).unwrap_or(u16::MAX),
            None => self.help = false,
        }
    }

    /// The works Ctrl-Y and Ctrl-B copy: the marked ones, else the selected one.
    fn chosen(&self) -> Vec<&'a Entry> {
        if self.marked.is_empty() {
            return self.current().into_iter().collect();
        }
        self.marked
            .iter()
            .filter_map(|id| self.catalogue.get(id))
            .collect()
    }

    /// Ctrl-Y: the citation (or reference list) in the current style; with `bibtex`, Ctrl-B.
    fn copy(&mut self, bibtex: bool) -> Action {
        let (works, signposts): (Vec<&Entry>, Vec<&Entry>) =
            self.chosen().into_iter().partition(|e| e.is_citable());
        if works.is_empty() {
            self.message = Some(match signposts.first() {
                Some(_) => "A signpost points to resources; it has no citation".into(),
                None => "Nothing to copy".into(),
            });
            return Action::None;
        }
        let cited: Vec<Cow<Entry>> = works.iter().map(|e| crate::cite::as_cited(e)).collect();
        let entries: Vec<&Entry> = cited.iter().map(AsRef::as_ref).collect();
        let count = crate::text::count(entries.len(), "reference", "references");
        if bibtex {
            let text = bibtex::export(&entries, bibtex::Dialect::Bibtex);
            let copy = clipboard::Copy {
                text: text.trim_end_matches('\n').to_string(),
                html: None,
            };
            let what = if entries.len() == 1 {
                "BibTeX".to_string()
            } else {
                format!("BibTeX for {}", entries.len())
            };
            return Action::Copy { copy, what };
        }
        let copy = crate::present::for_clipboard(&self.register, &entries, false, Markup::Text);
        let what = if entries.len() == 1 {
            format!("the citation ({})", self.register.name().label())
        } else {
            format!("{count} ({})", self.register.name().label())
        };
        Action::Copy { copy, what }
    }

    /// Ctrl-O: the selected work's DOI, else its URL.
    fn open(&mut self) -> Action {
        let Some(entry) = self.current() else {
            return Action::None;
        };
        // As `splw open` does: the work's page, else a search for it, said to be one.
        match browser::address(entry) {
            browser::Address::Work(link) => Action::Open {
                link,
                what: "its page",
            },
            browser::Address::Search(link) => Action::Open {
                link,
                what: "a web search for it (no address is known)",
            },
        }
    }
}
