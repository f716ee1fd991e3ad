//! `splw map`: the evidence map. The brief's topics against study designs (or kinds, countries or
//! years), with how many works stand in each cell, as evidence and gap maps show them: what
//! evidence there is, and where there is none.

use std::collections::HashMap;

use serde::Serialize;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::facet::Facet;
use crate::filter::{Criteria, Filter};
use crate::output::{self, Output};
use crate::text;

/// What `map` is asked for.
pub struct Options {
    pub filters: Criteria,
    pub columns: Facet,
    pub json: bool,
}

/// The map as `--json` gives it: for each topic, the ids of the works in each cell.
#[derive(Serialize)]
struct Map<'a> {
    columns: &'static str,
    rows: Vec<Row<'a>>,
    totals: Vec<Cell<'a>>,
    ids: Vec<&'a str>,
}

#[derive(Serialize)]
struct Row<'a> {
    topic: &'a str,
    label: &'a str,
    cells: Vec<Cell<'a>>,
    ids: Vec<&'a str>,
}

#[derive(Serialize)]
struct Cell<'a> {
    /// `null` for the works with no value: no design stated, no country named, no date.
    column: Option<String>,
    ids: Vec<&'a str>,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = works(catalogue, &args.filters)?;
    let map = build(catalogue, &entries, args.columns);
    if args.json {
        return out.json(&map);
    }
    out.line(draw(&map, args.columns, out.width.min(MAX_WIDTH)))
}

/// The works that the filters select, for `map` and `stats`: none is a "no match" (exit 1), as
/// for `list`.
pub fn works<'a>(catalogue: &'a Catalogue, filters: &Criteria) -> Result<Vec<&'a Entry>, Failure> {
    let filter = Filter::new(filters, catalogue)?;
    let entries: Vec<&Entry> = catalogue
        .entries
        .iter()
        .filter(|e| filter.matches(e))
        .collect();
    if entries.is_empty() {
        return Err(Failure::NoMatch("No entries match those filters.".into()));
    }
    Ok(entries)
}

/// The widest map drawn: past this, cells only grow apart.
const MAX_WIDTH: usize = 200;

/// The map in one pass over the works, each put in the rows of its topics: a large brief has
/// thousands of topics, and a pass over the works for each would take time quadratic in its size.
fn build<'a>(catalogue: &'a Catalogue, entries: &[&'a Entry], columns: Facet) -> Map<'a> {
    let values = columns.values(catalogue);
    let empty = || vec![Vec::new(); values.len()];
    let mut rows: HashMap<&str, (Vec<&'a str>, Vec<Vec<&'a str>>)> = HashMap::new();
    let mut totals: Vec<Vec<&'a str>> = empty();
    for entry in entries {
        let id = entry.id.as_str();
        let held: Vec<usize> = (0..values.len())
            .filter(|&column| columns.holds(entry, values[column].as_deref()))
            .collect();
        for &column in &held {
            totals[column].push(id);
        }
        for (n, topic) in entry.topics.iter().enumerate() {
            if entry.topics[..n].contains(topic) {
                continue;
            }
            let (ids, cells) = rows.entry(topic).or_insert_with(|| (Vec::new(), empty()));
            ids.push(id);
            for &column in &held {
                cells[column].push(id);
            }
        }
    }
    let cells = |ids: Vec<Vec<&'a str>>| -> Vec<Cell<'a>> {
        values
            .iter()
            .zip(ids)
            .map(|(value, ids)| Cell {
                column: value.clone(),
                ids,
            })
            .collect()
    };
    let rows = catalogue
        .topics
        .iter()
        .map(|topic| {
            let (ids, row) = rows
                .remove(topic.id.as_str())
                .unwrap_or_else(|| (Vec::new(), empty()));
            Row {
                topic: &topic.id,
                label: &topic.label,
                cells: cells(row),
                ids,
            }
        })
        .collect();
    Map {
        columns: columns.name(),
        rows,
        totals: cells(totals),
        ids: entries.iter().map(|e| e.id.as_str()).collect(),
    }
}

/// The shades of a cell, from a gap (no works) to the fullest cell: they read without colour.
const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];

/// How full a cell is, 0 (empty) to 4, against the fullest cell of the map.
fn shade(count: usize, most: usize) -> usize {
    if count == 0 {
        0
    } else {
        (4 * count).div_ceil(most.max(1)).min(4)
    }
}

/// The map as text, at most `width` columns wide (if the topics and columns can fit at all).
fn draw(map: &Map, columns: Facet, width: usize) -> String {
    let count = map.totals.len();
    let most = map
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.ids.len())
        .max()
        .unwrap_or(0);
    let total_width = map.ids.len().to_string().len().max(3) + 1;
    let longest_topic = map.rows.iter().map(|r| r.topic.len()).max().unwrap_or(0);
    // Cells of at least four columns (a shade, two digits, a space); topics cut to make room.
    let label_width = longest_topic.min(width.saturating_sub(count * 4 + total_width + 1).max(12));
    let room = width.saturating_sub(label_width + total_width);
    let cell_width = (room / count.max(1)).clamp(4, 12);
    let headers = headers(map, columns, cell_width - 1);

    let mut lines = Vec::new();
    let mut header = format!("{:label_width$}", "");
    for (short, _) in &headers {
        header.push_str(&format!("{short:>cell_width$}"));
    }
    header.push_str(&format!("{:>total_width$}", "all"));
    lines.push(header);
    lines.push("─".repeat(label_width + cell_width * count + total_width));
    for row in &map.rows {
        let mut line = pad(&output::shorten(row.topic, label_width), label_width);
        for cell in &row.cells {
            let n = cell.ids.len();
            let mark = SHADES[shade(n, most)];
            let shown = if n == 0 {
                output::dim(&format!("{mark:>cell_width$}"))
            } else {
                format!("{:>cell_width$}", format!("{mark}{n}"))
            };
            line.push_str(&shown);
        }
        line.push_str(&format!("{:>total_width$}", row.ids.len()));
        lines.push(line);
    }
    lines.push("─".repeat(label_width + cell_width * count + total_width));
    let mut totals = pad("all", label_width);
    for cell in &map.totals {
        totals.push_str(&format!("{:>cell_width$}", cell.ids.len()));
    }
    totals.push_str(&format!("{:>total_width$}", map.ids.len()));
    lines.push(totals);
    lines.push(String::new());

    let mut legend = vec![format!("{} no works (a gap)", SHADES[0])];
    for (level, mark) in SHADES.iter().enumerate().skip(1) {
        let from = (level - 1) * most / 4 + 1;
        let to = level * most / 4;
        if from <= to {
            let range = if from == to {
                from.to_string()
            } else {
                format!("{from}–{to}")
            };
            legend.push(format!("{mark} {range}"));
        }
    }
    let key: Vec<String> = headers
        .iter()
        .filter(|(short, long)| short != long)
        .map(|(short, long)| format!("{short} {long}"))
        .collect();
    lines.push(format!("Works in each cell: {}", legend.join("  ")));
    if !key.is_empty() {
        lines.extend(packed(
            &format!("Columns ({}):", columns.name()),
            &key,
            width,
        ));
    }
    let also = match columns {
        Facet::Design | Facet::Country => format!(" and every {} it is coded with", columns.name()),
        _ => String::new(),
    };
    let note =
        format!("A work counts under every topic it carries{also}; `all` counts each work once.");
    lines.push(textwrap::fill(
        &note,
        textwrap::Options::new(width).subsequent_indent("  "),
    ));
    if let Some(hint) = drill_down(map, columns) {
        lines.push(output::dim(&output::shorten(&hint, width)));
    }
    lines.join("\n")
}

/// `items` after `heading`, separated by ` · `, in lines of at most `width` columns: an item is
/// never split.
fn packed(heading: &str, items: &[String], width: usize) -> Vec<String> {
    let mut lines = vec![heading.to_string()];
    for (n, item) in items.iter().enumerate() {
        let separator = if n == 0 { " " } else { " · " };
        let last = lines.len() - 1;
        let used = lines[last].chars().count();
        if used + separator.len() + item.chars().count() > width && used > 2 {
            lines.push(format!("  {item}"));
        } else {
            lines[last].push_str(separator);
            lines[last].push_str(item);
        }
    }
    lines
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// Each column's header, at most `width` columns, beside the value it stands for.
fn headers(map: &Map, columns: Facet, width: usize) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for (n, cell) in map.totals.iter().enumerate() {
        // A country is a brief's text: shown escaped, as every command shows it.
        let value = cell.column.as_deref().map(text::escape_line);
        let long = value.as_deref().unwrap_or(columns.none()).to_string();
        let mut short = match &value {
            Some(value) => abbreviated(value, width),
            None => "?".into(),
        };
        // Two values cut alike: the second is told apart by its place.
        if headers.iter().any(|(s, _)| *s == short) {
            short = format!("{}{}", prefix(&short, width - 1), n % 10);
        }
        headers.push((short, long));
    }
    headers
}

/// A value cut to `width` characters: a year to its last digits ('19), several words to their
/// initials (sr, UK), one word to its first three letters (qua).
fn abbreviated(value: &str, width: usize) -> String {
    if value.chars().count() <= width {
        return value.to_string();
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        let tail: String = value.chars().skip(value.len() + 1 - width).collect();
        return format!("'{tail}");
    }
    let words: Vec<&str> = value.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() > 1 {
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        prefix(&initials, width)
    } else {
        prefix(value, width.min(3))
    }
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// The `list` command for the fullest cell, to show how to see the works behind a count.
fn drill_down(map: &Map, columns: Facet) -> Option<String> {
    let (topic, value, _) = map
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(move |c| (r.topic, c)))
        .filter_map(|(topic, c)| Some((topic, c.column.as_deref()?, c.ids.len())))
        .filter(|(_, _, n)| *n > 0)
        .fold(None, |best: Option<(&str, &str, usize)>, cell| match best {
            Some(b) if b.2 >= cell.2 => Some(b),
            _ => Some(cell),
        })?;
    let value = text::escape_line(value);
    let value = if value.contains(' ') {
        format!("\"{value}\"")
    } else {
        value.into_owned()
    };
    Some(format!(
        "A cell's works: splw list --topic {topic} --{} {value}",
        columns.name()
    ))
}
