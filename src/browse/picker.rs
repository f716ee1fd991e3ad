//! The topic and year picker (Ctrl-T): "All topics", every topic of the entries browsed, "All
//! years" and every year, each with how many entries choosing it lists. Typing narrows the rows as
//! fzf narrows a list (the letters in order, not necessarily together; smart case); Enter picks
//! the selected row, Esc closes it and changes nothing.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::input::{self, Cursor, Key};
use crate::catalogue::{Entry, Topic};

/// A year to filter by: a year, or `None` for the entries with no date (n.d.).
pub type Year = Option<i32>;

/// What a row of the picker sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice<'a> {
    AllTopics,
    Topic(&'a Topic),
    AllYears,
    Year(Year),
}

/// The filters browse sets itself, over those of its command line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filters<'a> {
    pub topic: Option<&'a Topic>,
    pub year: Option<Year>,
}

impl<'a> Filters<'a> {
    pub fn matches(&self, entry: &Entry) -> bool {
        self.topic.is_none_or(|t| entry.topics.contains(&t.id))
            && self.year.is_none_or(|year| entry.year == year)
    }

    pub fn is_empty(&self) -> bool {
        self.topic.is_none() && self.year.is_none()
    }

    /// These filters with `choice` made.
    pub fn with(self, choice: Choice<'a>) -> Filters<'a> {
        match choice {
            Choice::AllTopics => Filters {
                topic: None,
                ..self
            },
            Choice::Topic(topic) => Filters {
                topic: Some(topic),
                ..self
            },
            Choice::AllYears => Filters { year: None, ..self },
            Choice::Year(year) => Filters {
                year: Some(year),
                ..self
            },
        }
    }

    /// Whether `choice` is what these filters have now.
    pub fn have(&self, choice: Choice<'a>) -> bool {
        self.with(choice) == *self
    }

    /// The filters as the search line shows them: "topic: Loneliness · year: 2019".
    pub fn label(&self) -> Option<String> {
        let topic = self.topic.map(|t| format!("topic: {}", t.label));
        let year = self.year.map(|year| match year {
            Some(year) => format!("year: {year}"),
            None => "year: n.d.".to_string(),
        });
        let both: Vec<String> = topic.into_iter().chain(year).collect();
        (!both.is_empty()).then(|| both.join(" · "))
    }

    /// The filters in a sentence: "in the topic Loneliness from 2019".
    pub fn phrase(&self) -> String {
        let topic = self.topic.map(|t| format!("in the topic {}", t.label));
        let year = self.year.map(|year| match year {
            Some(year) => format!("from {year}"),
            None => "with no date".to_string(),
        });
        let both: Vec<String> = topic.into_iter().chain(year).collect();
        both.join(" ")
    }
}

/// A row of the picker.
#[derive(Debug)]
pub struct Row<'a> {
    pub choice: Choice<'a>,
    pub label: String,
    /// How many entries the list holds if this row is picked (before any search).
    pub count: usize,
}

/// A row shown, with the characters of its label the query matched.
#[derive(Debug)]
pub struct Match {
    pub row: usize,
    pub marks: Vec<u32>,
}

/// What a key does to the picker.
#[derive(Debug, PartialEq, Eq)]
pub enum Picked<'a> {
    /// It stays open.
    Open,
    /// It closes, and nothing changes.
    Closed,
    /// It closes, and this is chosen.
    Chose(Choice<'a>),
}

pub struct Picker<'a> {
    pub rows: Vec<Row<'a>>,
    /// The filters as they were when it opened: the rows it marks as chosen.
    pub filters: Filters<'a>,
    pub query: String,
    /// The rows the query matches, best first; all of them, in order, for no query.
    pub shown: Vec<Match>,
    pub cursor: Cursor,
}

impl<'a> Picker<'a> {
    /// A picker over the topics and years of `base` (the entries browsed), with `filters` as
    /// they are, its selection on the topic chosen (else the year chosen, else All topics).
    pub fn new(base: &[&'a Entry], topics: &[&'a Topic], filters: Filters<'a>) -> Picker<'a> {
        let mut years: Vec<Year> = base.iter().map(|e| e.year).collect();
        // Newest first, then the undated.
        years.sort_by_key(|&year| std::cmp::Reverse(year.map_or(i32::MIN, |y| y)));
        years.dedup();
        let choices = [Choice::AllTopics]
            .into_iter()
            .chain(topics.iter().map(|&t| Choice::Topic(t)))
            .chain([Choice::AllYears])
            .chain(years.into_iter().map(Choice::Year));
        let rows: Vec<Row<'a>> = choices
            .map(|choice| Row {
                choice,
                label: label(choice),
                count: base
                    .iter()
                    .filter(|e| filters.with(choice).matches(e))
                    .count(),
            })
            .collect();
        let chosen = match filters {
            Filters { topic: Some(t), .. } => Some(Choice::Topic(t)),
            Filters { year: Some(y), .. } => Some(Choice::Year(y)),
            _ => None,
        };
        let at = rows.iter().position(|r| Some(r.choice) == chosen);
        let mut picker = Picker {
            rows,
            filters,
            query: String::new(),
            shown: Vec::new(),
            cursor: Cursor::default(),
        };
        picker.refresh();
        picker.select(at.unwrap_or(0) as isize);
        picker
    }

    pub fn select(&mut self, row: isize) {
        self.cursor.select(row, self.shown.len());
    }

    /// Keeps the selection on screen, `page` rows high.
    pub fn fit(&mut self, page: usize) {
        self.cursor.fit(page, self.shown.len());
    }

    /// The row the selection is on.
    pub fn current(&self) -> Option<&Row<'a>> {
        let found = self.shown.get(self.cursor.selected)?;
        self.rows.get(found.row)
    }

    pub fn key(&mut self, key: Key) -> Picked<'a> {
        if input::edit(&mut self.query, key) {
            self.refresh();
        } else if let Some(row) = self.cursor.target(key) {
            self.select(row);
        } else {
            match (key, self.current()) {
                (Key::Enter, Some(row)) => return Picked::Chose(row.choice),
                (Key::Esc | Key::Ctrl('t'), _) => return Picked::Closed,
                _ => {}
            }
        }
        Picked::Open
    }

    /// Matches the rows' labels with the query again, as fzf does; the best first, ties in
    /// order.
    fn refresh(&mut self) {
        let pattern = Pattern::parse(&self.query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut found: Vec<(u32, Match)> = Vec::new();
        for (row, shown) in self.rows.iter().enumerate() {
            let mut marks = Vec::new();
            let haystack = Utf32Str::new(&shown.label, &mut buffer);
            if let Some(score) = pattern.indices(haystack, &mut matcher, &mut marks) {
                marks.sort_unstable();
                marks.dedup();
                found.push((score, Match { row, marks }));
            }
        }
        found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        self.shown = found.into_iter().map(|(_, found)| found).collect();
        self.cursor.reset();
    }
}

/// A row's label, as the picker shows it and as typing matches it.
fn label(choice: Choice) -> String {
    match choice {
        Choice::AllTopics => "All topics".into(),
        Choice::Topic(topic) => topic.label.clone(),
        Choice::AllYears => "All years".into(),
        Choice::Year(Some(year)) => year.to_string(),
        Choice::Year(None) => "n.d. (no date)".into(),
    }
}
