//! `splw stats`: the brief at a glance. How many works per year, kind, design, country and
//! access, and how many can be found by a DOI or an address, as bars of Unicode blocks.

use serde::Serialize;
use serde_json::Value;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::facet::Facet;
use crate::filter::Criteria;
use crate::output::{self, Output};
use crate::select::works;

/// What `stats` is asked for.
pub struct Options {
    pub filters: Criteria,
    pub json: bool,
}

/// The counts as `--json` gives them.
#[derive(Serialize)]
struct Stats {
    works: usize,
    year: Vec<Count>,
    kind: Vec<Count>,
    design: Vec<Count>,
    country: Vec<Count>,
    access: Vec<Count>,
    links: Links,
}

/// How many works have a value: `value` is `null` for those with none.
#[derive(Serialize)]
struct Count {
    value: Value,
    count: usize,
}

#[derive(Serialize)]
struct Links {
    doi: usize,
    url: usize,
    doi_or_url: usize,
    neither: usize,
}

/// The widest bars drawn, so that a wide terminal does not stretch them into lines.
const MAX_WIDTH: usize = 120;

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = works(catalogue, &args.filters)?;
    let stats = count(catalogue, &entries);
    if args.json {
        return out.json(&stats);
    }
    let all = catalogue.entries.len();
    out.line(draw(&stats, all, out.width.min(MAX_WIDTH)))
}

fn count(catalogue: &Catalogue, entries: &[&Entry]) -> Stats {
    let per = |facet: Facet| -> Vec<Count> {
        let values = match facet {
            Facet::Year => every_year(entries),
            _ => facet.values(catalogue),
        };
        let counts = facet.counts(&values, entries);
        values
            .into_iter()
            .zip(counts)
            .map(|(value, count)| Count {
                count,
                value: match (&value, facet) {
                    (Some(year), Facet::Year) => {
                        year.parse::<i32>().map_or(Value::Null, Value::from)
                    }
                    _ => value.map_or(Value::Null, Value::from),
                },
            })
            .collect()
    };
    let has = |test: &dyn Fn(&Entry) -> bool| entries.iter().filter(|e| test(e)).count();
    let doi_or_url = has(&|e| e.doi.is_some() || e.url.is_some());
    Stats {
        works: entries.len(),
        year: per(Facet::Year),
        kind: per(Facet::Kind),
        design: per(Facet::Design),
        country: per(Facet::Country),
        access: per(Facet::Access),
        links: Links {
            doi: has(&|e| e.doi.is_some()),
            url: has(&|e| e.url.is_some()),
            doi_or_url,
            neither: entries.len() - doi_or_url,
        },
    }
}

/// The years of `entries` from the first to the last, so that a year with no works shows as
/// one; then the works with no date, if any.
fn every_year(entries: &[&Entry]) -> Vec<Option<String>> {
    let years = entries.iter().filter_map(|e| e.year);
    let mut every: Vec<Option<String>> = match (years.clone().min(), years.max()) {
        (Some(first), Some(last)) => (first..=last).map(|y| Some(y.to_string())).collect(),
        _ => Vec::new(),
    };
    if entries.iter().any(|e| e.year.is_none()) {
        every.push(None);
    }
    every
}

/// The stats as text, no wider than `width`.
fn draw(stats: &Stats, all: usize, width: usize) -> String {
    let label = |facet: Facet, count: &Count| match &count.value {
        Value::String(text) => crate::text::escape_line(text).into_owned(),
        Value::Number(year) => year.to_string(),
        _ => facet.none().to_string(),
    };
    let links = [
        ("DOI", stats.links.doi),
        ("URL", stats.links.url),
        ("DOI or URL", stats.links.doi_or_url),
        ("neither", stats.links.neither),
    ];
    let sections: Vec<(&str, Vec<(String, usize)>)> = [
        ("Works per year", Facet::Year, &stats.year),
        ("Kind", Facet::Kind, &stats.kind),
        (
            "Study design, as splw codes it (a work may have two)",
            Facet::Design,
            &stats.design,
        ),
        ("Country, as splw codes it", Facet::Country, &stats.country),
        ("Access", Facet::Access, &stats.access),
    ]
    .into_iter()
    .map(|(heading, facet, counts)| {
        // A brief's country may be a page long: cut, so that it cannot widen every row.
        let rows = counts
            .iter()
            .map(|c| (output::shorten(&label(facet, c), width / 2), c.count))
            .collect();
        (heading, facet == Facet::Year, rows)
    })
    .chain([(
        "Links to the work",
        false,
        links.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
    )])
    // A few works chosen would be lost among rows of nothing: those go, but for the years, whose
    // gaps are part of the timeline.
    .map(
        |(heading, timeline, rows): (&str, bool, Vec<(String, usize)>)| {
            let rows = rows
                .into_iter()
                .filter(|&(_, n)| stats.works == all || timeline || n > 0)
                .collect();
            (heading, rows)
        },
    )
    .collect();
    let label_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(label, _)| label.chars().count()))
        .max()
        .unwrap_or(0);
    let count_width = stats.works.to_string().len();
    // Two spaces, the label, a space, the count, a space, the bar.
    let bar_width = width.saturating_sub(label_width + count_width + 4).max(1);
    let mut lines = if stats.works == all {
        vec![output::strong(&format!("{all} works"))]
    } else {
        vec![
            output::strong(&format!("{} of {all} works", stats.works)),
            output::wrap(
                "Rows with no works are left out, but for years; `splw map` with the same \
                 filters shows the gaps.",
                width,
                "",
                "",
            ),
        ]
    };
    for (heading, rows) in sections {
        lines.push(String::new());
        for line in output::wrap(heading, width, "", "").lines() {
            lines.push(output::strong(line));
        }
        let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
        for (label, n) in rows {
            let bar = bar(n, most, bar_width);
            let line = format!("  {label:<label_width$} {n:>count_width$} {bar}");
            lines.push(line.trim_end().to_string());
        }
    }
    lines.join("\n")
}

/// A bar of `count` against `most`, `width` columns at the longest, in eighths of a block.
fn bar(count: usize, most: usize, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (count * width * 8).div_ceil(most.max(1));
    let mut bar = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        bar.push(EIGHTHS[eighths % 8]);
    }
    bar
}
