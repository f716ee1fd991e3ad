//! Where everything goes to stdout: colour decided once, tables fitted to the terminal, and every
//! write checked, so a full disk is an error and a closed pipe ends quietly (see `error`).

use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use comfy_table::{
    Cell, ColumnConstraint, ContentArrangement, LineStyle, Row, Table, TableStyle, Width,
};
use owo_colors::{OwoColorize, Stream};
use serde::Serialize;

use crate::error::Failure;
use crate::json;
use crate::pager::{self, Pager};

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

/// Where output goes: stdout; or (on a terminal, for a pager) memory until the end, when its
/// height decides whether the pager shows it; or (`-o FILE`) a file of its own beside FILE until
/// the command has succeeded, when it takes FILE's place, so that a failed command leaves an
/// existing file as it was, and a large output (a page of 100 MB) is never held in memory.
enum Sink {
    Stdout(BufWriter<StdoutLock<'static>>),
    Paged { text: Vec<u8>, pager: Pager },
    File { file: FileSink, path: PathBuf },
}

/// The file written for `-o FILE`: a temporary file in FILE's folder, and the first error met,
/// which `finish` reports as FILE's, as "cannot write `FILE`: …".
struct FileSink {
    file: Option<BufWriter<tempfile::NamedTempFile>>,
    error: Option<io::Error>,
}

impl FileSink {
    fn new(path: &std::path::Path) -> FileSink {
        // Beside the file it becomes, so that it takes its place in one rename.
        let folder = match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => std::path::Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".splw-");
        // As a file written in place would be: readable by others, as the umask allows (a
        // temporary file is the owner's alone).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        match builder.tempfile_in(folder) {
            Ok(file) => FileSink {
                file: Some(BufWriter::new(file)),
                error: None,
            },
            Err(error) => FileSink {
                file: None,
                error: Some(error),
            },
        }
    }

    /// Puts the file in `path`'s place, or says why it cannot be.
    fn persist(self, path: &std::path::Path) -> Result<(), io::Error> {
        let file = match (self.error, self.file) {
            (Some(error), _) => return Err(error),
            (None, Some(file)) => file,
            (None, None) => return Ok(()),
        };
        let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.persist(path).map(|_| ()).map_err(|e| e.error)
    }
}

impl Write for FileSink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let (Some(file), None) = (&mut self.file, &self.error) {
            if let Err(error) = file.write_all(bytes) {
                self.error = Some(error);
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if let (Some(file), None) = (&mut self.file, &self.error) {
            if let Err(error) = file.flush() {
                self.error = Some(error);
            }
        }
        Ok(())
    }
}

/// The locked, buffered stdout, with how to write to it.
pub struct Output {
    out: Sink,
    /// Whether stdout is a terminal and output goes to it.
    terminal: bool,
    /// Tables, wrapping and headings (a terminal); or plain tab-separated lines (a pipe or file).
    pub pretty: bool,
    /// Whether output is coloured, as decided once from `--color`, `NO_COLOR` and the terminal.
    pub colour: bool,
    /// Whether links are OSC 8 hyperlinks, as decided once from `--hyperlinks` and the terminal.
    pub hyperlinks: bool,
    pub width: usize,
}

impl Output {
    /// Decides colour and layout once, from the options, `NO_COLOR` and whether stdout is a
    /// terminal, and sets the colour override in owo-colors for the rest of the run. With
    /// `paged`, output taller than the terminal goes through the pager (never in a pipe).
    /// Links are OSC 8 hyperlinks `always`, `never`, or (`auto`) on a terminal that shows them,
    /// as the supports-hyperlinks crate tells; never in a pipe. With a `file`, output goes there
    /// exactly as it would go into a pipe: UTF-8 bytes, whatever the shell would have made of
    /// them (PowerShell 5.1's `>` writes UTF-16).
    pub fn new(
        color: ColorChoice,
        layout: Layout,
        paged: bool,
        links: ColorChoice,
        file: Option<PathBuf>,
    ) -> Output {
        let stdout = io::stdout();
        let terminal = file.is_none() && stdout.is_terminal();
        // A Windows console reads escape sequences only once asked to: where it cannot be,
        // `auto` writes none.
        let reads_escapes = !terminal || console_reads_escapes();
        let colour = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal
                    && reads_escapes
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        owo_colors::set_override(colour);
        let pretty = match layout {
            Layout::Auto => terminal,
            Layout::Table => true,
            Layout::Plain => false,
        };
        let out = match (file, pager::command().filter(|_| paged && terminal)) {
            (Some(path), _) => Sink::File {
                file: FileSink::new(&path),
                path,
            },
            (None, Some(pager)) => Sink::Paged {
                text: Vec::new(),
                pager,
            },
            (None, None) => Sink::Stdout(BufWriter::new(stdout.lock())),
        };
        let hyperlinks = match links {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal
                    && reads_escapes
                    && supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout)
            }
        };
        Output {
            out,
            terminal,
            pretty,
            hyperlinks,
            colour,
            width: terminal_width(),
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.out {
            Sink::Stdout(out) => out,
            Sink::Paged { text, .. } => text,
            Sink::File { file, .. } => file,
        }
    }

    /// Whether what is written reaches a terminal (not a pipe, a redirection or `-o FILE`).
    pub fn to_terminal(&self) -> bool {
        self.terminal
    }

    pub fn line(&mut self, text: impl Display) -> Result<(), Failure> {
        writeln!(self.writer(), "{text}").map_err(Failure::Write)
    }

    pub fn text(&mut self, text: impl Display) -> Result<(), Failure> {
        write!(self.writer(), "{text}").map_err(Failure::Write)
    }

    /// Output written by `write` a part at a time, as it is made (the page), rather than made
    /// whole first.
    pub fn write_with(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Failure> {
        write(self.writer()).map_err(Failure::Write)
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

    /// A note on stderr, beside the output rather than in it: escaped, and never a panic when
    /// stderr is closed or full.
    pub fn note(&self, text: impl Display) {
        let text = crate::text::escape_block(&text.to_string()).into_owned();
        let text = match message_width() {
            Some(width) => wrap(&text, width, "", "  "),
            None => text,
        };
        let _ = writeln!(io::stderr(), "{text}");
    }

    /// Flushes what is buffered: the last chance for a write error to show. Paged output taller
    /// than the terminal goes to the pager; shorter, or where the pager will not start, to
    /// stdout. A file is written only where the command `succeeded`.
    pub fn finish(self, succeeded: bool) -> Result<(), Failure> {
        match self.out {
            Sink::Stdout(mut out) => out.flush().map_err(Failure::Write),
            Sink::File { .. } if !succeeded => Ok(()),
            Sink::File { file, path } => file.persist(&path).map_err(|error| {
                Failure::Unavailable(format!(
                    "cannot write `{}`: {}",
                    path.display(),
                    crate::text::io_error(&error)
                ))
            }),
            Sink::Paged { text, pager } => {
                let lines = text.iter().filter(|&&b| b == b'\n').count();
                let tall = pager::terminal_height().is_some_and(|height| lines >= height);
                if tall && pager::show(&pager, &text).is_ok_and(|shown| shown) {
                    return Ok(());
                }
                let mut stdout = io::stdout().lock();
                stdout
                    .write_all(&text)
                    .and_then(|()| stdout.flush())
                    .map_err(Failure::Write)
            }
        }
    }
}

/// `address` as a link a terminal can open: an OSC 8 hyperlink where `hyperlinks`, which shows
/// the address itself. Only checked addresses come here (https and http, with no space or
/// control character), so none can end the sequence early.
pub fn link(address: &str, hyperlinks: bool) -> String {
    if hyperlinks {
        format!("\x1b]8;;{address}\x1b\\{address}\x1b]8;;\x1b\\")
    } else {
        address.to_string()
    }
}

/// `text` wrapped to `width` at spaces only, each paragraph's first line after `first` and the
/// rest after `rest`: an id, a topic name or an address is never broken, not even at a hyphen,
/// and one longer than the line has a line of its own.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                return String::new();
            }
            let options = textwrap::Options::new(width)
                .initial_indent(first)
                .subsequent_indent(rest)
                .break_words(false)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            textwrap::fill(line, options)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What stderr's lines are wrapped to: the terminal's width where stderr is a terminal; else
/// nothing is wrapped.
pub fn message_width() -> Option<usize> {
    io::stderr().is_terminal().then(terminal_width)
}

/// Whether the console stdout is on reads escape sequences (colour, hyperlinks): on Windows 10
/// and later once its virtual terminal processing is turned on, which crossterm does; elsewhere
/// always.
#[cfg(windows)]
fn console_reads_escapes() -> bool {
    ratatui::crossterm::ansi_support::supports_ansi()
}

#[cfg(not(windows))]
fn console_reads_escapes() -> bool {
    true
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

/// A column of a table fitted to the terminal.
pub struct Column {
    pub header: &'static str,
    /// How comfy-table may size it.
    pub constraint: Option<ColumnConstraint>,
    /// Hidden on a terminal narrower than this, so that the columns that matter keep room.
    pub hidden_below: usize,
}

impl Column {
    /// A column shown at every width, sized by comfy-table, never narrower than its heading.
    pub const fn new(header: &'static str) -> Column {
        Column {
            header,
            constraint: Some(ColumnConstraint::LowerBoundary(Width::Fixed(
                header.len() as u16
            ))),
            hidden_below: 0,
        }
    }

    /// A column never shortened: ids and years.
    pub const fn whole(header: &'static str) -> Column {
        Column {
            constraint: Some(ColumnConstraint::ContentWidth),
            ..Column::new(header)
        }
    }

    /// At most `percent` of the table's width, so that the column that matters most (a title)
    /// keeps the rest.
    pub const fn at_most(self, percent: u16) -> Column {
        Column {
            constraint: Some(ColumnConstraint::Boundaries {
                lower: Width::Fixed(self.header.len() as u16),
                upper: Width::Percentage(percent),
            }),
            ..self
        }
    }

    /// At least `chars` wide, so that content of that width is never cut, and at most
    /// `percent` of the table's width.
    pub fn between(self, chars: usize, percent: u16) -> Column {
        let lower = u16::try_from(chars.max(self.header.len())).unwrap_or(u16::MAX);
        Column {
            constraint: Some(ColumnConstraint::Boundaries {
                lower: Width::Fixed(lower),
                upper: Width::Percentage(percent),
            }),
            ..self
        }
    }

    pub const fn hidden_below(self, width: usize) -> Column {
        Column {
            hidden_below: width,
            ..self
        }
    }
}

/// Rows as a table that fits `width`, laid out by comfy-table's dynamic arrangement: each row
/// on one line, long cells cut with …, and the least useful columns hidden on a narrow terminal.
pub fn table(columns: &[Column], rows: &[Vec<String>], width: usize) -> String {
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&c| width >= columns[c].hidden_below)
        .collect();
    // Columns never shortened, each with a space either side and one between: on a terminal too
    // narrow even for them, each row is one line of its cells, cut to the width.
    let whole: usize = shown
        .iter()
        .filter(|&&c| columns[c].constraint == Some(ColumnConstraint::ContentWidth))
        .map(|&c| {
            rows.iter()
                .map(|row| row.get(c).map_or(0, |cell| text_width(cell)))
                .chain([columns[c].header.len()])
                .max()
                .unwrap_or(0)
                + 3
        })
        .sum();
    if whole + 8 > width {
        let line = |row: &Vec<String>| {
            let cells: Vec<&str> = shown
                .iter()
                .filter_map(|&c| row.get(c))
                .map(String::as_str)
                .collect();
            shorten(clipped(&cells.join("  "), 4 * width), width)
        };
        return rows.iter().map(line).collect::<Vec<_>>().join("\n");
    }
    let mut table = Table::new();
    table
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')))
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(columns.iter().map(|c| Cell::new(c.header)));
    for row in rows {
        let cells = row.iter().map(|text| Cell::new(clipped(text, 4 * width)));
        let mut row = Row::from(cells);
        row.max_height(1);
        table.add_row(row);
    }
    for (column, spec) in table.column_iter_mut().zip(columns) {
        if width < spec.hidden_below {
            column.set_constraint(ColumnConstraint::Hidden);
        } else if let Some(constraint) = spec.constraint {
            column.set_constraint(constraint);
        }
    }
    // Trailing padding is noise in a terminal and in expected-output files.
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to at most `chars` characters: a cell never holds more than a few lines of the
/// terminal could show, since a run of combining marks is zero columns wide and would otherwise
/// be printed whole.
pub fn clipped(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(cut, _)| &text[..cut])
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
    for (i, safe) in crate::text::shown_chars(text).enumerate() {
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
