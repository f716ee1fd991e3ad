//! Where everything goes to stdout: colour decided once, tables fitted to the terminal, and every
//! write checked, so a full disk is an error and a closed pipe ends quietly (see `error`).

use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use comfy_table::{Cell, ContentArrangement, LineStyle, Table, TableStyle};
use owo_colors::{OwoColorize, Stream};
use serde::Serialize;

use crate::error::Failure;
use crate::json;

/// Width used when there is no terminal to ask and no `COLUMNS`.
const DEFAULT_WIDTH: usize = 80;

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How to lay out lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Tables on a terminal, tab-separated lines in a pipe or file.
    Auto,
    Table,
    Plain,
}

/// The locked, buffered stdout, with how to write to it.
pub struct Output {
    out: BufWriter<StdoutLock<'static>>,
    /// Tables, wrapping and headings (a terminal); or plain tab-separated lines (a pipe or file).
    pub pretty: bool,
    /// Whether output is coloured, as decided once from `--color`, `NO_COLOR` and the terminal.
    pub colour: bool,
    pub width: usize,
}

impl Output {
    /// Decides colour and layout once, from the options, `NO_COLOR` and whether stdout is a
    /// terminal, and sets the colour override in owo-colors for the rest of the run.
    pub fn new(color: ColorChoice, layout: Layout) -> Output {
        let stdout = io::stdout();
        let terminal = stdout.is_terminal();
        let colour = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        owo_colors::set_override(colour);
        let pretty = match layout {
            Layout::Auto => terminal,
            Layout::Table => true,
            Layout::Plain => false,
        };
        Output {
            out: BufWriter::new(stdout.lock()),
            pretty,
            colour,
            width: terminal_width(),
        }
    }

    pub fn line(&mut self, text: impl Display) -> Result<(), Failure> {
        writeln!(self.out, "{text}").map_err(Failure::Write)
    }

    pub fn text(&mut self, text: impl Display) -> Result<(), Failure> {
        write!(self.out, "{text}").map_err(Failure::Write)
    }

    /// Pretty-printed JSON, with a newline at the end.
    pub fn json(&mut self, value: &impl Serialize) -> Result<(), Failure> {
        self.line(json::pretty(value))
    }

    /// Tab-separated fields on one line; tabs and newlines inside fields are escaped.
    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) -> Result<(), Failure> {
        let mut first = true;
        for field in fields {
            if !first {
                self.text('\t')?;
            }
            first = false;
            self.text(crate::text::escape_line(field))?;
        }
        self.line("")
    }

    /// Flushes what is buffered: the last chance for a write error to show.
    pub fn finish(mut self) -> Result<(), Failure> {
        self.out.flush().map_err(Failure::Write)
    }
}

/// The terminal's width: `COLUMNS` if set, else the terminal's own, else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(20, 1000)
}

/// A column of a fitted table.
pub struct Column {
    pub header: &'static str,
    /// Never shortened (ids, years).
    pub fixed: bool,
    /// The narrowest it is still worth showing; narrower than that, it is dropped.
    pub min: usize,
    /// The widest it may be, unless it is the column that takes what is left (`None`).
    pub max: Option<usize>,
    /// Dropped first on a narrow terminal: higher drops sooner; 0 is never dropped.
    pub drop_rank: u8,
}

/// Each column has a space of padding either side, and a space between columns.
fn overhead(columns: usize) -> usize {
    (3 * columns).saturating_sub(1)
}

/// Rows fitted to `width`: each row on one line, long cells shortened with …, and the least
/// useful columns dropped when the terminal is too narrow for them all.
///
/// Column indices range over `columns`, and `natural`, `widths` and `shown` are built from it,
/// so indexing them cannot fail; a row shorter than `columns` shows empty cells.
pub fn fitted_table(columns: &[Column], rows: &[Vec<String>], width: usize) -> String {
    let natural: Vec<usize> = (0..columns.len())
        .map(|c| {
            rows.iter()
                .map(|r| text_width(cell(r, c)))
                .chain([columns[c].header.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let cap = |c: usize| columns[c].max.map_or(natural[c], |max| natural[c].min(max));
    let least = |c: usize| {
        if columns[c].fixed {
            natural[c]
        } else {
            cap(c).min(columns[c].min)
        }
    };
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    while shown.len() > 1
        && shown.iter().map(|&c| least(c)).sum::<usize>() + overhead(shown.len()) > width
    {
        let Some(worst) = shown
            .iter()
            .copied()
            .filter(|&c| columns[c].drop_rank > 0)
            .max_by_key(|&c| columns[c].drop_rank)
        else {
            break;
        };
        shown.retain(|&c| c != worst);
    }

    // Every column starts at its least; what is left goes to the open column (the title) up to
    // its natural width, then to the capped columns up to their caps.
    let mut widths: Vec<usize> = shown.iter().map(|&c| least(c)).collect();
    let mut left = width.saturating_sub(widths.iter().sum::<usize>() + overhead(shown.len()));
    let mut order: Vec<usize> = (0..shown.len()).collect();
    order.sort_by_key(|&i| columns[shown[i]].max.is_some());
    for i in order {
        let c = shown[i];
        let room = if columns[c].max.is_none() {
            natural[c]
        } else {
            cap(c)
        };
        let extra = room.saturating_sub(widths[i]).min(left);
        widths[i] += extra;
        left -= extra;
    }
    // Still too wide (a very narrow terminal): shrink the widest shortenable columns, but not
    // below their headings.
    while widths.iter().sum::<usize>() + overhead(shown.len()) > width {
        let Some(widest) = (0..shown.len())
            .filter(|&i| !columns[shown[i]].fixed && widths[i] > columns[shown[i]].header.len())
            .max_by_key(|&i| widths[i])
        else {
            // No table fits: one line per row, the shown cells side by side, cut to the width.
            return rows
                .iter()
                .map(|row| {
                    let cells: Vec<&str> = shown.iter().map(|&c| cell(row, c)).collect();
                    shorten(&cells.join("  "), width)
                })
                .collect::<Vec<_>>()
                .join("\n");
        };
        widths[widest] -= 1;
    }

    let mut table = Table::new();
    table
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')))
        .set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(shown.iter().map(|&c| Cell::new(columns[c].header)));
    for row in rows {
        table.add_row(
            shown
                .iter()
                .zip(&widths)
                .map(|(&c, &w)| Cell::new(shorten(cell(row, c), w))),
        );
    }
    // Trailing padding is noise in a terminal and in expected-output files.
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn cell(row: &[String], column: usize) -> &str {
    row.get(column).map_or("", String::as_str)
}

fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to `width` columns, ending in … if it was cut.
pub fn shorten(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Text in the accent colour, when colour is on.
pub fn accent(text: &str) -> String {
    text.if_supports_color(Stream::Stdout, |t| t.cyan())
        .to_string()
}

/// Text in bold, when colour is on.
pub fn strong(text: &str) -> String {
    text.if_supports_color(Stream::Stdout, |t| t.bold())
        .to_string()
}

/// Text dimmed, when colour is on.
pub fn dim(text: &str) -> String {
    text.if_supports_color(Stream::Stdout, |t| t.dimmed())
        .to_string()
}

/// `text` with the characters at `indices` (char positions, sorted) highlighted, escaped for
/// the terminal. Runs of matched characters share one colour code.
pub fn highlight(text: &str, indices: &[u32]) -> String {
    let mut out = String::with_capacity(text.len() + indices.len() * 10);
    let mut run = String::new();
    let mut next = indices.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let safe = crate::text::escape_line(c.encode_utf8(&mut [0; 4])).into_owned();
        if next.peek().is_some_and(|&&n| n as usize == i) {
            next.next();
            run.push_str(&safe);
        } else {
            flush_run(&mut out, &mut run);
            out.push_str(&safe);
        }
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut String) {
    if !run.is_empty() {
        out.push_str(
            &run.if_supports_color(Stream::Stdout, |t| t.yellow())
                .to_string(),
        );
        run.clear();
    }
}
