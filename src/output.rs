//! Where everything goes to stdout: colour decided once, tables fitted to the terminal, and every
//! write checked, so a full disk is an error and a closed pipe ends quietly (see `error`).

use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use comfy_table::{
    Cell, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width,
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

/// When DOIs and addresses are OSC 8 hyperlinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyperlinks {
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
        links: Hyperlinks,
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
            Hyperlinks::Always => true,
            Hyperlinks::Never => false,
            Hyperlinks::Auto => {
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
            Some(width) => wrap(&text, width, "", ""),
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
/// rest after `rest`: an id, a topic name, an address or a command in backticks (`splw open
/// ID`) is never broken, not even at a hyphen, and one longer than the room on its line runs
/// over. A list item ("- …") hangs under its first word. Lines are broken as textwrap's optimal
/// fit breaks them, which leaves no word alone on a paragraph's last line where another could
/// join it.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    // A gap at a line's end costs its square: any one word alone on the last line costs more
    // than any gap, and a line longer than the width more than that.
    let mut penalties = textwrap::wrap_algorithms::Penalties::new();
    let widest_gap = width.saturating_mul(width).saturating_add(1);
    penalties.short_last_line_fraction = 1;
    penalties.short_last_line_penalty = widest_gap;
    penalties.overflow_penalty = widest_gap.saturating_mul(16);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                return String::new();
            }
            let item = ["- ", "* ", "• "]
                .iter()
                .any(|bullet| line.trim_start().starts_with(bullet));
            let hang = if item {
                format!(
                    "{rest}{}",
                    " ".repeat(line.len() - line.trim_start().len() + 2)
                )
            } else {
                rest.to_string()
            };
            let options = textwrap::Options::new(width)
                .initial_indent(first)
                .subsequent_indent(&hang)
                .break_words(false)
                .word_separator(textwrap::WordSeparator::Custom(words_and_commands))
                .word_splitter(textwrap::WordSplitter::NoHyphenation)
                .wrap_algorithm(textwrap::WrapAlgorithm::OptimalFit(penalties));
            textwrap::fill(line, options)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of `line` as textwrap takes them: split at ASCII spaces, but a span in backticks,
/// a command or an option, is one word (where the backticks pair up: a stray one is text).
fn words_and_commands(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let paired = line.matches('`').count() % 2 == 0;
    let mut words = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut in_space = false;
    for (at, c) in line.char_indices() {
        if c == ' ' && !quoted {
            in_space = true;
            continue;
        }
        if in_space {
            words.push(textwrap::core::Word::from(&line[start..at]));
            start = at;
            in_space = false;
        }
        if c == '`' && paired {
            quoted = !quoted;
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
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
    /// Shown whole on one line (ids, years, counts), or else wrapped at spaces to fit.
    whole: bool,
    /// The least a wrapped column may be given: below it, the table does not fit.
    least: usize,
    /// The most of the table's width a wrapped column may take, as a percentage.
    most: Option<u16>,
}

impl Column {
    /// A column wrapped at spaces to the room it gets, never narrower than its heading.
    pub const fn new(header: &'static str) -> Column {
        Column {
            header,
            whole: false,
            least: header.len(),
            most: None,
        }
    }

    /// A column always shown whole: ids, years, counts.
    pub const fn whole(header: &'static str) -> Column {
        Column {
            whole: true,
            ..Column::new(header)
        }
    }

    /// Never narrower than `chars`: where it would have to be, the table does not fit.
    pub fn at_least(self, chars: usize) -> Column {
        Column {
            least: chars.max(self.header.len()),
            ..self
        }
    }

    /// At most `percent` of the table's width, so that the column that matters most (a title)
    /// keeps the rest.
    pub const fn at_most(self, percent: u16) -> Column {
        Column {
            most: Some(percent),
            ..self
        }
    }
}

/// Rows as a table that fits `width`, laid out by comfy-table's dynamic arrangement: whole
/// columns on one line, the others wrapped at spaces, so that nothing is cut. `None` where the
/// columns do not all fit at their least, for the caller to lay the rows out another way.
pub fn table(columns: &[Column], rows: &[Vec<String>], width: usize) -> Option<String> {
    let needed: usize = columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let least = if column.whole {
                rows.iter()
                    .map(|row| row.get(c).map_or(0, |cell| text_width(cell)))
                    .chain([column.header.len()])
                    .max()
                    .unwrap_or(0)
            } else {
                column.least
            };
            // Padding either side, and the border between.
            least + 3
        })
        .sum();
    if needed > width {
        return None;
    }
    let mut table = Table::new();
    table
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─')))
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(columns.iter().map(|c| Cell::new(c.header)));
    for row in rows {
        table.add_row(row.iter().map(|text| Cell::new(clipped(text, 16 * width))));
    }
    for (column, spec) in table.column_iter_mut().zip(columns) {
        let least = Width::Fixed(u16::try_from(spec.least).unwrap_or(u16::MAX));
        column.set_constraint(match (spec.whole, spec.most) {
            (true, _) => ColumnConstraint::ContentWidth,
            (false, Some(percent)) => ColumnConstraint::Boundaries {
                lower: least,
                upper: Width::Percentage(percent),
            },
            (false, None) => ColumnConstraint::LowerBoundary(least),
        });
    }
    // Trailing padding is noise in a terminal and in expected-output files.
    Some(
        table
            .lines()
            .map(|line| line.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    )
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

/// `text` cut to `width` columns, ending in … if it was cut: at the end of a word, where one
/// ends in the last third of what is kept.
pub fn shorten(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = String::new();
    let mut used = 0;
    let mut next = None;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            next = Some(c);
            break;
        }
        kept.push(c);
        used += w;
    }
    // Mid-word, back to the word's start, where that keeps most of the room: a long word (an
    // id, an address, escapes) is cut where it must be rather than lost.
    if next.is_some_and(|c| !c.is_whitespace()) {
        if let Some(space) = kept.rfind(char::is_whitespace) {
            if text_width(&kept[..space]) * 3 >= used * 2 {
                kept.truncate(space);
            }
        }
    }
    let mut out = kept.trim_end().to_string();
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
            // Bold and underlined, not yellow: yellow on a light terminal's white is about
            // 1.1:1, unreadable, where weight and a line read on any palette.
            &run.if_supports_color(Stream::Stdout, |t| t.bold().underline().to_string())
                .to_string(),
        );
        run.clear();
    }
}
