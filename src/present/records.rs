//! Entries a line or a few each, as `list` and `find` show them: at a terminal, a heading and
//! the title on lines of its own, or a table; in a pipe, one tab-separated record; and as JSON.

use serde::Serialize;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::output::{self, Column, Output};
use crate::text;

/// The least of a title a table row shows, as at 80 columns its lines of its own show at least.
const TITLE_KEEPS: usize = 60;

/// An entry's first line, where its title comes on lines of its own: id, year, authors, and
/// after a topic filter, whether the brief lists it under the topic.
pub fn write_heading(entry: &Entry, mark: Option<&str>, out: &mut Output) -> Result<(), Failure> {
    let mut about = String::new();
    if let Some(year) = entry.year {
        about.push_str(&format!(" · {year}"));
    }
    let authors = entry.short_authors();
    if !authors.is_empty() {
        about.push_str(&format!(" · {}", text::escape_line(&authors)));
    }
    if let Some(mark) = mark {
        about.push_str(&format!(" · {mark}"));
    }
    // The id whole, always: it is what the reader types next.
    let about = output::shorten(&about, out.width.saturating_sub(entry.id.chars().count()));
    out.line(format!("{}{about}", output::accent(&entry.id)))
}

/// One entry as a tab-separated line: id, year, authors, title, and after a topic filter,
/// whether the brief lists the entry under the topic ("listed") or splw tags it ("also tagged").
pub fn write_record(entry: &Entry, mark: Option<&str>, out: &mut Output) -> Result<(), Failure> {
    let year = entry.year.map(|y| y.to_string()).unwrap_or_default();
    let fields = [
        entry.id.as_str(),
        &year,
        &entry.short_authors(),
        &entry.title,
    ];
    out.record(fields.into_iter().chain(mark))
}

/// Entries as a table that fits `width`, titles wrapped, with a column for the marks if there are
/// any, and the topics where they fit too; `None` where even the id, year, authors and the
/// least of a title do not.
pub fn entry_table(entries: &[&Entry], marks: &[Option<&str>], width: usize) -> Option<String> {
    let marked = marks.iter().any(Option::is_some);
    let row = |e: &Entry, mark: Option<&str>, topics: bool| {
        let mut row = vec![
            e.id.clone(),
            e.year.map_or_else(|| "n.d.".to_string(), |y| y.to_string()),
            text::escape_line(&e.short_authors()).into_owned(),
            text::escape_line(&e.title).into_owned(),
        ];
        if topics {
            row.push(e.topics.join(", "));
        }
        if marked {
            row.push(mark.unwrap_or_default().to_string());
        }
        row
    };
    // With the topics if they fit, else without them.
    [true, false].into_iter().find_map(|topics| {
        let mut columns = vec![
            Column::whole("Id"),
            Column::whole("Year"),
            Column::whole("Authors"),
            Column::new("Title").at_least(TITLE_KEEPS),
        ];
        if topics {
            columns.push(Column::whole("Topics"));
        }
        if marked {
            columns.push(Column::whole("Listed or tagged"));
        }
        let rows: Vec<Vec<String>> = entries
            .iter()
            .zip(marks.iter().chain(std::iter::repeat(&None)))
            .map(|(e, mark)| row(e, *mark, topics))
            .collect();
        output::table(&columns, &rows, width)
    })
}

/// An entry as `--json` writes it: its fields, then the ids of the sections the brief lists it
/// under. Its other topics are tags that splw's rules add (brief/README.md).
#[derive(Serialize)]
pub struct JsonEntry<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    sections: Vec<&'a str>,
}

pub fn json_entries<'a>(catalogue: &'a Catalogue, entries: &[&'a Entry]) -> Vec<JsonEntry<'a>> {
    entries
        .iter()
        .map(|entry| JsonEntry {
            entry,
            sections: catalogue
                .topics
                .iter()
                .filter(|t| t.lists(&entry.id))
                .map(|t| t.id.as_str())
                .collect(),
        })
        .collect()
}
