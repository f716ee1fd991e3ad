//! Where everything goes to stdout: colour decided once, tables fitted to the terminal, and every
//! write checked, so a full disk is an error and a closed pipe ends quietly (see `error`).

use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use comfy_table::{
    Cell, ColumnConstraint, ContentArrangement, LineStyle, Row, Table, TableStyle, Width,
};
use owo_colors::{OwoColorize, Stream};
use serde::Serialize;

use crate::cli::{ColorChoice, Layout};
use crate::error::Failure;

/// Width used when there is no terminal to ask and no `COLUMNS`.
const DEFAULT_WIDTH: usize = 80;

/// The locked, buffered stdout, with how to write to it.
pub struct Output {
    out: BufWriter<StdoutLock<'static>>,
    /// Tables, wrapping and headings (a terminal); or plain tab-separated lines (a pipe or file).
    pub pretty: bool,
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
        serde_json::to_writer_pretty(&mut self.out, value).map_err(|e| Failure::Write(e.into()))?;
        self.line("")
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
    /// The widest it may grow, if it is not the one column that takes the rest.
    pub max: Option<u16>,
    /// Dropped first on a narrow terminal: higher drops sooner; 0 is never dropped.
    pub drop_rank: u8,
}

/// Rows fitted to `width`: each row on one line, long cells shortened with …, and the least
/// useful columns dropped when the terminal is too narrow for them all.
pub fn fitted_table(columns: &[Column], rows: &[Vec<String>], width: usize) -> String {
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    // About 12 columns of text is the least a shortened column is worth showing.
    while shown.len() > 1 && needed_width(columns, rows, &shown) > width {
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

    let style = TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));
    let mut table = Table::new();
    table
        .load_style(style)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_truncation_indicator("…")
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    table.set_header(shown.iter().map(|&c| Cell::new(columns[c].header)));
    for row in rows {
        let mut cells = Row::from(shown.iter().map(|&c| Cell::new(&row[c])));
        cells.max_height(1);
        table.add_row(cells);
    }
    for (position, &c) in shown.iter().enumerate() {
        if let Some(column) = table.column_mut(position) {
            let spec = &columns[c];
            if spec.fixed {
                column.set_constraint(ColumnConstraint::ContentWidth);
            } else if let Some(max) = spec.max {
                column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(max)));
            }
        }
    }
    // Trailing padding is noise in a terminal and in expected-output files.
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The width the shown columns need with every flexible column at a useful minimum.
fn needed_width(columns: &[Column], rows: &[Vec<String>], shown: &[usize]) -> usize {
    shown
        .iter()
        .map(|&c| {
            let widest = rows
                .iter()
                .map(|r| unicode_width::UnicodeWidthStr::width(r[c].as_str()))
                .chain([columns[c].header.len()])
                .max()
                .unwrap_or(0);
            let least = if columns[c].fixed {
                widest
            } else {
                widest.min(12)
            };
            least + 2
        })
        .sum()
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
