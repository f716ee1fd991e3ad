use serde::Serialize;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output::{self, Column, Output};
use crate::sort::{SortOrder, sort};
use crate::text;

/// What `list` is asked for.
pub struct Options {
    pub filters: Criteria,
    pub sort: SortOrder,
    pub reverse: bool,
    pub limit: Option<u32>,
    pub json: bool,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let filter = Filter::new(&args.filters, catalogue)?;
    let mut entries: Vec<&Entry> = catalogue
        .entries
        .iter()
        .filter(|e| filter.matches(e))
        .collect();
    sort(&mut entries, args.sort, args.reverse);
    // With a topic asked for, the entries the brief lists under it come first, then those that
    // splw's rules also tag with it.
    let listed = |e: &Entry| filter.listed(catalogue, e);
    entries.sort_by_key(|e| listed(e) == Some(false));
    let matched = entries.len();
    let tagged = entries.iter().filter(|e| listed(e) == Some(false)).count();
    if let Some(limit) = args.limit {
        entries.truncate(limit as usize);
    }
    let marks: Vec<Option<&str>> = entries
        .iter()
        .map(|e| listed(e).map(|listed| if listed { "listed" } else { "also tagged" }))
        .collect();
    if args.json {
        out.json(&json_entries(catalogue, &entries))?;
    } else if out.pretty {
        if !entries.is_empty() {
            // A table where every column fits whole, titles wrapped; else each title has lines
            // of its own under its entry's id, as in `find`.
            match entry_table(&entries, &marks, out.width) {
                Some(table) => out.line(table)?,
                None => {
                    for (n, (entry, mark)) in entries.iter().zip(&marks).enumerate() {
                        if n > 0 {
                            out.line("")?;
                        }
                        write_heading(entry, *mark, out)?;
                        // At most a few lines: a title is never a screenful.
                        let title = text::escape_line(&entry.title);
                        let title = output::clipped(&title, 8 * out.width);
                        out.line(output::wrap(title, out.width, "  ", "  "))?;
                    }
                    out.line("")?;
                }
            }
            let mut footer = summary(entries.len(), matched, catalogue.entries.len());
            if !args.filters.topics.is_empty() {
                footer = footer.replacen(
                    " · ",
                    &format!(
                        " · {} in the brief, {tagged} more tagged · ",
                        matched - tagged
                    ),
                    1,
                );
            }
            out.line(output::dim(&output::wrap(&footer, out.width, "", "")))?;
        }
    } else {
        for (entry, mark) in entries.iter().zip(&marks) {
            write_record(entry, *mark, out)?;
        }
    }
    if matched == 0 && !args.filters.is_empty() {
        return Err(Failure::NoMatch("No entries match those filters.".into()));
    }
    Ok(())
}

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

fn summary(shown: usize, matched: usize, total: usize) -> String {
    let what = if matched == total {
        text::count(total, "entry", "entries")
    } else {
        format!("{matched} of {}", text::count(total, "entry", "entries"))
    };
    if shown < matched {
        // "2 of 4 matching entries shown (57 in all)", not "2 shown of 4 of 57 entries".
        let all = if matched == total {
            String::new()
        } else {
            format!(" ({total} in all)")
        };
        format!(
            "{shown} of {matched} {} shown{all} · `splw show ID` shows one in full",
            if matched == total {
                "entries"
            } else {
                "matching entries"
            }
        )
    } else {
        format!("{what} · `splw show ID` shows one in full")
    }
}
