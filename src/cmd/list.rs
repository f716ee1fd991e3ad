use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output::{self, Output};
use crate::present::{entry_table, json_entries, write_heading, write_record};
use crate::select;
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
    let mut entries = select::matching(catalogue, &filter);
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
        return Err(select::none_match());
    }
    Ok(())
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
