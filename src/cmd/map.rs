//! `splw map`: the evidence map. The brief's topics against study designs (or kinds, countries or
//! years), with how many works stand in each cell, as evidence and gap maps show them: what
//! evidence there is, and where there is none.

use std::collections::HashMap;

use serde::Serialize;

use crate::catalogue::{Catalogue, Entry};
use crate::error::Failure;
use crate::facet::Facet;
use crate::filter::Criteria;
use crate::output::{self, Output};
use crate::select;
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
    /// Where the drawn map puts the topics, decided with its columns.
    #[serde(skip)]
    labels: Labels,
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
    /// In the last cell only, where values were folded: how many, and `column` is "other".
    #[serde(skip_serializing_if = "Option::is_none")]
    others: Option<usize>,
    ids: Vec<&'a str>,
}

/// A column of the map: a value of the facet (`None`: works with none), or the values that did
/// not fit, folded into one.
#[derive(Clone)]
enum Column {
    Value(Option<String>),
    Other(usize),
}

/// What the last column is called where values were folded into it.
const OTHER: &str = "other";

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = select::works(catalogue, &args.filters)?;
    // JSON keeps the map's widest width, whatever the terminal.
    let width = match args.json {
        true => MAX_WIDTH,
        false => out.width.min(MAX_WIDTH),
    };
    let map = build(catalogue, &entries, args.columns, width);
    if args.json {
        return out.json(&map);
    }
    out.line(draw(&map, args.columns, width))
}

/// The widest map drawn: past this, cells only grow apart.
const MAX_WIDTH: usize = 200;

/// Where the topics' ids go, never cut: beside their cells, in a column as wide as the longest,
/// where that leaves room for every column; else each on a line of its own above its cells.
#[derive(Clone, Copy, PartialEq)]
enum Labels {
    Beside(usize),
    Above,
}

/// The columns a row of cells leaves for its label where the label is above it: room for `all`.
const ABOVE_INDENT: usize = 4;

impl Labels {
    /// For topics whose longest id is `longest` columns, and `values` columns in all: above only
    /// where that shows more of them.
    fn new(longest: usize, width: usize, works: usize, values: usize) -> Labels {
        let beside = Labels::Beside(longest);
        let fit = |labels: Labels| labels.columns_that_fit(width, works, cell_at_least(works));
        if fit(beside) >= values || fit(Labels::Above) <= fit(beside) {
            beside
        } else {
            Labels::Above
        }
    }

    /// The columns the label takes on a row of cells.
    fn width(self) -> usize {
        match self {
            Labels::Beside(longest) => longest,
            Labels::Above => ABOVE_INDENT,
        }
    }

    /// How many cells of `cell` columns fit in `width`, beside the labels and the `all` column.
    fn columns_that_fit(self, width: usize, works: usize, cell: usize) -> usize {
        let room = width.saturating_sub(self.width() + total_width(works) + 1);
        (room / cell).max(2)
    }
}

/// The width of the `all` column, for a map of `works` works.
fn total_width(works: usize) -> usize {
    works.to_string().len().max(3) + 1
}

/// The narrowest cell that holds a count up to `most`: a space, a shade, the digits; at least
/// four columns.
fn cell_at_least(most: usize) -> usize {
    (most.to_string().len() + 2).max(4)
}

/// The map's columns: the facet's values, or where more than fit in `width`, the values that the
/// most works hold (in the facet's order) and, last, the rest folded into one; and, for each
/// value, the column it is counted in.
fn plan(
    values: &[Option<String>],
    counts: &[usize],
    width: usize,
    works: usize,
    labels: Labels,
) -> (Vec<Column>, Vec<usize>) {
    let most = counts.iter().copied().max().unwrap_or(0);
    if values.len() <= labels.columns_that_fit(width, works, cell_at_least(most)) {
        let into = (0..values.len()).collect();
        return (values.iter().cloned().map(Column::Value).collect(), into);
    }
    // The folded column may hold every work.
    let fit = labels.columns_that_fit(width, works, cell_at_least(works));
    let mut fullest: Vec<usize> = (0..values.len()).collect();
    fullest.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    let mut kept = vec![false; values.len()];
    for &value in &fullest[..fit - 1] {
        kept[value] = true;
    }
    let mut columns = Vec::with_capacity(fit);
    let mut into = vec![fit - 1; values.len()];
    for (value, name) in values.iter().enumerate() {
        if kept[value] {
            into[value] = columns.len();
            columns.push(Column::Value(name.clone()));
        }
    }
    columns.push(Column::Other(into.len() - (fit - 1)));
    (columns, into)
}

/// The map in one pass over the works, each put in the rows of its topics and the columns of its
/// values (looked up, not compared with each): a large brief has thousands of topics, and may
/// have thousands of countries. Its size is that of what it shows: at most the columns that fit
/// in `width`, whatever the facet.
fn build<'a>(
    catalogue: &'a Catalogue,
    entries: &[&'a Entry],
    facet: Facet,
    width: usize,
) -> Map<'a> {
    let values = facet.values(catalogue);
    let counts = facet.counts(&values, entries);
    let longest = catalogue
        .topics
        .iter()
        .map(|t| unicode_width::UnicodeWidthStr::width(t.id.as_str()))
        .max()
        .unwrap_or(0);
    let labels = Labels::new(longest, width, entries.len(), values.len());
    let (columns, into) = plan(&values, &counts, width, entries.len(), labels);
    let lookup = facet.columns(&values);
    let empty = || vec![Vec::new(); columns.len()];
    let mut rows: HashMap<&str, (Vec<&'a str>, Vec<Vec<&'a str>>)> = HashMap::new();
    let mut totals: Vec<Vec<&'a str>> = empty();
    let (mut held, mut shown) = (Vec::new(), Vec::new());
    for entry in entries {
        let id = entry.id.as_str();
        lookup.of(entry, &mut held);
        shown.clear();
        shown.extend(held.iter().map(|&value| into[value]));
        // Two folded values are one column.
        shown.sort_unstable();
        shown.dedup();
        for &column in &shown {
            totals[column].push(id);
        }
        for (n, topic) in entry.topics.iter().enumerate() {
            if entry.topics[..n].contains(topic) {
                continue;
            }
            let (ids, cells) = rows.entry(topic).or_insert_with(|| (Vec::new(), empty()));
            ids.push(id);
            for &column in &shown {
                cells[column].push(id);
            }
        }
    }
    let cells = |ids: Vec<Vec<&'a str>>| -> Vec<Cell<'a>> {
        columns
            .iter()
            .zip(ids)
            .map(|(column, ids)| match column {
                Column::Value(value) => Cell {
                    column: value.clone(),
                    others: None,
                    ids,
                },
                Column::Other(n) => Cell {
                    column: Some(OTHER.into()),
                    others: Some(*n),
                    ids,
                },
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
        columns: facet.name(),
        rows,
        totals: cells(totals),
        ids: entries.iter().map(|e| e.id.as_str()).collect(),
        labels,
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
    let total_width = total_width(map.ids.len());
    let labels = map.labels;
    let label_width = labels.width();
    let room = width.saturating_sub(label_width + total_width);
    let fullest_column = map.totals.iter().map(|c| c.ids.len()).max().unwrap_or(0);
    let narrowest = cell_at_least(fullest_column);
    // Cells grow to hold every value whole where there is room, and no wider.
    let widest_value = (map.totals.iter())
        .filter_map(|c| c.column.as_deref())
        .map(|v| text::escape_line(v).chars().count() + 1)
        .max()
        .unwrap_or(0);
    let cell_width = (room / count.max(1)).clamp(narrowest, narrowest.max(12).max(widest_value));
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
        let mut line = match labels {
            Labels::Beside(_) => pad(row.topic, label_width),
            Labels::Above => {
                lines.push(row.topic.to_string());
                " ".repeat(label_width)
            }
        };
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
        // A brief's value may be a page long: cut to a line.
        .map(|(short, long)| output::shorten(&format!("{short} {long}"), width.saturating_sub(2)))
        .collect();
    lines.extend(packed("Works in each cell:", &legend, "  ", width));
    if !key.is_empty() {
        let heading = format!("Columns ({}):", columns.name());
        lines.extend(packed(&heading, &key, " · ", width));
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
        // Wrapped, never inside the command.
        let wrapped = output::wrap(&hint, width, "", "  ");
        lines.extend(wrapped.lines().map(output::dim));
    }
    lines.join("\n")
}

/// `items` after `heading`, between `between`, in lines of at most `width` columns: an item is
/// never split.
fn packed(heading: &str, items: &[String], between: &str, width: usize) -> Vec<String> {
    let mut lines = vec![heading.to_string()];
    for (n, item) in items.iter().enumerate() {
        let separator = if n == 0 { " " } else { between };
        let last = lines.len() - 1;
        let used = lines[last].chars().count();
        if used + separator.chars().count() + item.chars().count() > width && used > 2 {
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

/// Each column's header, at most `width` columns, beside the value it stands for: every value
/// whole where all fit, else every one abbreviated (and told in the legend), never a mix.
fn headers(map: &Map, columns: Facet, width: usize) -> Vec<(String, String)> {
    // A country is a brief's text: shown escaped, as every command shows it.
    let values: Vec<Option<std::borrow::Cow<str>>> = map
        .totals
        .iter()
        .map(|cell| cell.column.as_deref().map(text::escape_line))
        .collect();
    let whole = values.iter().flatten().all(|v| v.chars().count() <= width);
    let mut headers: Vec<(String, String)> = Vec::new();
    for (n, (cell, value)) in map.totals.iter().zip(values).enumerate() {
        let long = match cell.others {
            Some(others) => format!(
                "{} more {}, fewer works each",
                text::thousands(others),
                match columns {
                    Facet::Country => "countries".to_string(),
                    facet => format!("{}s", facet.name()),
                }
            ),
            None => value.as_deref().unwrap_or(columns.none()).to_string(),
        };
        let mut short = match &value {
            Some(value) if whole => value.to_string(),
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

/// A value in at most `width` (and, for one word, 3) characters, the same at every width: a year
/// cut to its last digits ('19), several words to their initials (sr, UK), one word to its first
/// three letters (qua).
fn abbreviated(value: &str, width: usize) -> String {
    if value.bytes().all(|b| b.is_ascii_digit()) {
        if value.chars().count() <= width {
            return value.to_string();
        }
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
        .filter(|(_, c)| c.others.is_none())
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
        "A cell's works: `splw list --topic {topic} --{} {value}`",
        columns.name()
    ))
}
