use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output::{self, Column, Output};
use crate::text;

/// What `list` is asked for.
pub struct Options {
    pub filters: Criteria,
    pub sort: SortOrder,
    pub reverse: bool,
    pub limit: Option<u32>,
    pub json: bool,
}

/// The orders `--sort` offers (described in `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Brief,
    Year,
    Author,
    Title,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let filter = Filter::new(&args.filters, catalogue)?;
    let mut entries: Vec<&Entry> = catalogue
        .entries
        .iter()
        .filter(|e| filter.matches(e))
        .collect();
    sort(&mut entries, args.sort, args.reverse);
    let matched = entries.len();
    if let Some(limit) = args.limit {
        entries.truncate(limit as usize);
    }
    if args.json {
        out.json(&entries)?;
    } else if out.pretty {
        if !entries.is_empty() {
            out.line(entry_table(&entries, out.width))?;
            let footer = summary(entries.len(), matched, catalogue.entries.len());
            out.line(output::dim(&output::shorten(&footer, out.width)))?;
        }
    } else {
        for entry in &entries {
            write_record(entry, out)?;
        }
    }
    if matched == 0 && !args.filters.is_empty() {
        return Err(Failure::NoMatch("No entries match those filters.".into()));
    }
    Ok(())
}

/// One entry as a tab-separated line: id, year, authors, title.
pub fn write_record(entry: &Entry, out: &mut Output) -> Result<(), Failure> {
    let year = entry.year.map(|y| y.to_string()).unwrap_or_default();
    out.record([
        entry.id.as_str(),
        &year,
        &entry.short_authors(),
        &entry.title,
    ])
}

/// Entries as a table that fits `width`.
pub fn entry_table(entries: &[&Entry], width: usize) -> String {
    let columns = [
        Column::whole("Id"),
        Column::whole("Year").hidden_below(50),
        Column::new("Author").at_most(22).hidden_below(70),
        Column::new("Title"),
        Column::new("Topics").at_most(20).hidden_below(120),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.year.map_or_else(|| "n.d.".to_string(), |y| y.to_string()),
                text::escape_line(&e.short_authors()).into_owned(),
                text::escape_line(&e.title).into_owned(),
                e.topics.join(", "),
            ]
        })
        .collect();
    output::table(&columns, &rows, width)
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

/// Sorts by `order`; entries that lack the key (no year, no author) stay last either way, and
/// the brief's order breaks ties.
fn sort(entries: &mut Vec<&Entry>, order: SortOrder, reverse: bool) {
    let key = |e: &Entry| -> Option<String> {
        match order {
            SortOrder::Brief => Some(String::new()),
            SortOrder::Year => e.year.map(|y| format!("{y:05}")),
            SortOrder::Author => Some(text::fold(&e.short_authors())).filter(|a| !a.is_empty()),
            SortOrder::Title => Some(text::fold(
                e.title.trim_start_matches(|c: char| !c.is_alphanumeric()),
            )),
        }
    };
    if order == SortOrder::Brief {
        if reverse {
            entries.reverse();
        }
        return;
    }
    let mut keyed: Vec<(Option<String>, &Entry)> = entries.iter().map(|e| (key(e), *e)).collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) if reverse => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    });
    *entries = keyed.into_iter().map(|(_, e)| e).collect();
}
