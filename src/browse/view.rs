//! Drawing a browse: the search line, the list, the preview (show's page) and the status line,
//! side by side from `SIDE_BY_SIDE` columns, stacked below that. Pure: the state in, a frame out,
//! so that frames are tested whole on ratatui's `TestBackend`.
//!
//! Every text drawn is the brief's, the user's or splw's own, and each passes through `shown` (or
//! `shown_chars`, for a title highlighted a character at a time): a brief cannot reach the
//! terminal with an escape sequence, a C1 control or a bidi override.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::keys;
use super::picker::{Picker, Row};
use super::state::State;
use crate::error::Failure;
use crate::present::{Page, write_entry};
use crate::text::{escape_block, escape_line};

/// Text as browse draws it on one line: unsafe characters shown escaped (`text::is_unsafe`).
fn shown(text: &str) -> String {
    escape_line(text).into_owned()
}

/// From this many columns the preview stands beside the list; below, under it.
pub const SIDE_BY_SIDE: u16 = 120;

/// How things look, with colour or without (NO_COLOR, `--color never`): without, the same
/// things stand out by weight and underlining.
#[derive(Debug, Clone, Copy)]
pub struct Looks {
    pub colour: bool,
}

impl Looks {
    /// Bold and underlined, with colour or without: yellow, on a light terminal's white, is
    /// about 1.1:1, unreadable.
    fn matched(self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    fn accent(self) -> Style {
        if self.colour {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new()
        }
    }

    fn dim(self) -> Style {
        if self.colour {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }
}

/// Where the list and the preview are on screen, for the mouse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub list: Rect,
    pub preview: Rect,
    /// The picker's rows, while it is open.
    pub picker: Rect,
}

/// Draws the whole screen, and returns where the list and preview are.
pub fn draw(frame: &mut Frame, state: &mut State, looks: Looks) -> Areas {
    let area = frame.area();
    let status = status_lines(state, usize::from(area.width), area.height, looks);
    let [search, middle, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::try_from(status.len()).unwrap_or(1)),
    ])
    .areas(area);
    let side = area.width >= SIDE_BY_SIDE;
    let [list, preview] = if side {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(middle)
    } else {
        Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(middle)
    };
    draw_search(frame, search, state, looks);
    state.fit(usize::from(list.height));
    draw_list(frame, list, state, looks);
    let borders = if side { Borders::LEFT } else { Borders::TOP };
    draw_preview(frame, preview, borders, state, looks);
    frame.render_widget(Paragraph::new(status), status_area);
    let mut areas = Areas {
        list,
        preview,
        picker: Rect::default(),
    };
    if state.help {
        draw_help(frame, middle, state, looks);
    } else if let Some(picker) = &mut state.picker {
        areas.picker = draw_picker(frame, middle, picker, looks);
    }
    areas
}

fn draw_search(frame: &mut Frame, area: Rect, state: &State, looks: Looks) {
    let prompt = "> ";
    let query = shown(&state.query);
    let typed = prompt.width() + query.width();
    let mut spans = vec![Span::styled(prompt, looks.accent()), Span::raw(query)];
    if let Some(label) = state.filters.label() {
        let room = usize::from(area.width).saturating_sub(typed + 3);
        let label = crate::output::shorten(&shown(&label), room);
        let gap = usize::from(area.width).saturating_sub(typed + label.width());
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(label, looks.accent()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x + u16::try_from(typed).unwrap_or(u16::MAX);
    if x < area.right() && !state.help && state.picker.is_none() {
        frame.set_cursor_position((x, area.y));
    }
}

fn draw_list(frame: &mut Frame, area: Rect, state: &State, looks: Looks) {
    let width = usize::from(area.width);
    let rows = state.shown.iter().enumerate().skip(state.list.offset);
    let rows: Vec<_> = rows.take(usize::from(area.height)).collect();
    // As wide as the longest id on screen, so that every id is whole and the titles have the
    // most room; only a brief with an id nearly as wide as the screen has one cut.
    let longest = rows.iter().map(|(_, found)| shown(&found.entry.id).width());
    let id_width = longest
        .max()
        .unwrap_or(0)
        .clamp(2, width.saturating_sub(2).max(2));
    // Narrow, the title's room matters more than the year, which most ids hold and the
    // preview shows.
    let show_year = width >= 50;
    let show_authors = width >= 70;
    let mut lines = Vec::new();
    for (n, found) in rows {
        let entry = found.entry;
        let mut spans = Vec::new();
        let mut used = 0;
        let mut cell = |spans: &mut Vec<Span<'static>>, text: String, cell: usize, style| {
            let shown = crate::output::shorten(&text, cell);
            let pad = cell.saturating_sub(shown.width());
            used += shown.width() + pad + 1;
            spans.push(Span::styled(shown, style));
            spans.push(Span::raw(" ".repeat(pad + 1)));
        };
        let mark = if state.is_marked(entry) { "✓" } else { " " };
        cell(&mut spans, mark.to_string(), 1, looks.accent());
        cell(&mut spans, shown(&entry.id), id_width, looks.accent());
        if show_year {
            let year = entry.year.map_or_else(|| "n.d.".into(), |y| y.to_string());
            cell(&mut spans, year, 4, looks.dim());
        }
        if show_authors {
            cell(&mut spans, shown(&entry.short_authors()), 16, Style::new());
        }
        let room = width.saturating_sub(used);
        spans.extend(cut_at_word(&entry.title, &found.marks, room, looks));
        let mut line = Line::from(spans);
        if n == state.list.selected {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        lines.push(line);
    }
    if let (true, Some(hint)) = (state.shown.is_empty(), &state.hint) {
        let hint = crate::output::wrap(&shown(hint), width, "", "");
        lines.extend(
            hint.lines()
                .map(|l| Line::styled(l.to_string(), looks.dim())),
        );
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` in `width` columns, with the characters at `marks` highlighted: whole where it fits,
/// else cut after a word and ended with ….
fn cut_at_word(text: &str, marks: &[u32], width: usize, looks: Looks) -> Vec<Span<'static>> {
    let chars: Vec<String> = crate::text::shown_chars(text).collect();
    let kept = kept(&chars, width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (i, shown) in chars.iter().take(kept).enumerate() {
        let style = if marks.binary_search(&(i as u32)).is_ok() {
            looks.matched()
        } else {
            Style::new()
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(shown),
            _ => spans.push(Span::styled(shown.clone(), style)),
        }
    }
    if kept < chars.len() && width > 0 {
        spans.push(Span::raw("…"));
    }
    spans
}

/// How many of `chars` (a text, a character at a time as shown) are drawn in `width` columns:
/// all where they fit; else those before the last space that leaves a column for …, with no
/// comma or dash left hanging. A word wider than all the room (escapes, an address) would never
/// fit whole, so it is cut where the room ends.
fn kept(chars: &[String], width: usize) -> usize {
    let widths: Vec<usize> = chars.iter().map(|c| c.width()).collect();
    if widths.iter().sum::<usize>() <= width {
        return chars.len();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let fit = widths
        .iter()
        .take_while(|&&w| {
            used += w;
            used <= room
        })
        .count();
    let space = |i: usize| chars.get(i).is_some_and(|c| c == " ");
    let word_end = (1..=fit).rev().find(|&i| space(i));
    let next_space = (fit..chars.len())
        .find(|&i| space(i))
        .unwrap_or(chars.len());
    let cut_word: usize = widths[word_end.unwrap_or(0)..next_space].iter().sum();
    let mut kept = word_end.filter(|_| cut_word <= room).unwrap_or(fit);
    let hanging = |i: usize| matches!(chars[i - 1].as_str(), " " | "," | ";" | ":" | "–" | "-");
    while kept > 1 && hanging(kept) {
        kept -= 1;
    }
    kept
}

/// Show's page, drawn into the preview pane.
struct Preview {
    width: usize,
    lines: Vec<Line<'static>>,
}

impl Page for Preview {
    fn wrap_width(&self) -> usize {
        self.width
    }

    fn put(&mut self, text: &str, strong: bool) -> Result<(), Failure> {
        let style = if strong {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        // Show's page comes escaped; escaping again changes nothing, and holds here too.
        let text = escape_block(text);
        self.lines
            .extend(text.split('\n').map(|l| Line::styled(l.to_string(), style)));
        Ok(())
    }
}

fn draw_preview(frame: &mut Frame, area: Rect, borders: Borders, state: &State, looks: Looks) {
    let block = Block::new().borders(borders).border_style(looks.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(entry) = state.current() else {
        return;
    };
    // A column of margin on the left, beside the list.
    let inner = if borders == Borders::LEFT {
        Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(1),
            ..inner
        }
    } else {
        inner
    };
    let mut page = Preview {
        width: usize::from(inner.width).max(20),
        lines: Vec::new(),
    };
    // Writing into memory does not fail.
    let _ = write_entry(state.catalogue, entry, &state.register, &mut page);
    // Scrolled no further than its last line.
    let last = u16::try_from(page.lines.len().saturating_sub(1)).unwrap_or(u16::MAX);
    let scroll = state.preview_scroll.min(last);
    frame.render_widget(Paragraph::new(page.lines).scroll((scroll, 0)), inner);
}

/// The key hints on the status line, longest first: the longest that fits is shown.
const HINTS: [&str; 3] = [
    "? keys · Enter choose · Esc quit",
    "? keys · Esc quit",
    "? keys",
];

/// The status line: how many are listed, the style and the marks on the left; on the right a
/// message, else the key hints, as many as fit. A message too long to stand beside the counts
/// goes on lines of its own above them, wrapped, on at most half the screen.
fn status_lines(state: &State, width: usize, height: u16, looks: Looks) -> Vec<Line<'static>> {
    let mut left = format!("{} of {}", state.shown.len(), state.total());
    left.push_str(&format!(" · {}", state.register.name().label()));
    if !state.marked.is_empty() {
        left.push_str(&format!(" · {} marked", state.marked.len()));
    }
    let room = width.saturating_sub(left.width() + 2);
    let hint = HINTS.iter().find(|hint| hint.width() <= room);
    let mut hint = hint.map(|hint| Span::styled(*hint, looks.dim()));
    let mut lines = Vec::new();
    match state.message.as_deref().map(shown) {
        Some(message) if message.width() <= room => {
            hint = Some(Span::styled(message, looks.accent()));
        }
        Some(message) => {
            let wrapped = crate::output::wrap(&message, width, "", "");
            let mut wrapped: Vec<&str> = wrapped.lines().collect();
            // What does not fit on the lines it may take ends the last of them, cut with ….
            let most = usize::from(height / 2).max(1);
            let rest = (wrapped.len() > most).then(|| wrapped.split_off(most - 1).join(" "));
            wrapped.extend(rest.as_deref());
            let wrapped = wrapped
                .iter()
                .map(|line| crate::output::shorten(line, width));
            lines.extend(wrapped.map(|line| Line::styled(line, looks.accent())));
        }
        None => {}
    }
    let right = hint.unwrap_or_default();
    let gap = width.saturating_sub(left.width() + right.width());
    lines.push(Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        right,
    ]));
    lines
}

/// A box over `area`, at most `width` columns wide and `height` rows high, centred.
fn popup(area: Rect, width: usize, height: usize) -> Rect {
    let width = u16::try_from(width).unwrap_or(u16::MAX).min(area.width);
    let height = u16::try_from(height).unwrap_or(u16::MAX).min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The first of `titles` that fits a box `width` columns wide, between its corners.
fn fitting(titles: &[&'static str], width: u16) -> &'static str {
    let room = usize::from(width).saturating_sub(2);
    let fits = titles.iter().find(|title| title.width() <= room);
    fits.copied().unwrap_or_default()
}

/// The keys, over the list: in two columns, the descriptions wrapped to the room; scrolled
/// with the moving keys where they do not fit.
fn draw_help(frame: &mut Frame, area: Rect, state: &mut State, looks: Looks) {
    let key_width = keys::key_width();
    let widest = keys::KEYS.iter().map(|(_, does)| does.width()).max();
    // A column of margin on either side, and two between the columns.
    let box_width = (2 + 2 + key_width + 2 + widest.unwrap_or(0)).min(usize::from(area.width));
    let room = box_width.saturating_sub(2 + 2 + key_width + 2).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (key, does) in keys::KEYS {
        let pad = key_width - key.width();
        let wrapped = crate::output::wrap(does, room, "", "");
        for (n, line) in wrapped.lines().enumerate() {
            let key = if n == 0 {
                format!("{key}{}", " ".repeat(pad))
            } else {
                " ".repeat(key_width)
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {key}  "), looks.accent()),
                Span::raw(format!("{line} ")),
            ]));
        }
    }
    let popup = popup(area, box_width, lines.len() + 2);
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let most = u16::try_from(lines.len().saturating_sub(inner_height)).unwrap_or(u16::MAX);
    state.help_scroll = state.help_scroll.min(most);
    let (above, below) = (state.help_scroll > 0, state.help_scroll < most);
    let footer = match (above, below) {
        (true, true) => [
            " ↑ ↓ scroll · any other key closes ",
            " ↑ ↓ · other keys close ",
        ],
        (false, true) => [" ↓ more · any other key closes ", " ↓ more · others close "],
        (true, false) => [" ↑ back · any other key closes ", " ↑ back · others close "],
        (false, false) => [" any key closes ", " any key closes "],
    };
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(fitting(&footer, popup.width))
        .border_style(looks.accent());
    frame.render_widget(Clear, popup);
    let paragraph = Paragraph::new(lines).scroll((state.help_scroll, 0));
    frame.render_widget(paragraph.block(block), popup);
}

/// The topic and year picker, over the list: its query line, and its rows, the chosen ones
/// marked ✓, each with how many entries choosing it lists. Gives where its rows are.
fn draw_picker(frame: &mut Frame, area: Rect, picker: &mut Picker, looks: Looks) -> Rect {
    let popup = popup(area, 60, picker.rows.len() + 3);
    let block = Block::bordered()
        .title(" Topic or year ")
        .title_bottom(fitting(
            &[
                " Enter picks · Esc changes nothing ",
                " Enter picks · Esc goes back ",
                " Enter · Esc ",
            ],
            popup.width,
        ))
        .border_style(looks.accent());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [line, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let width = usize::from(inner.width);
    let query = format!(" > {}", shown(&picker.query));
    let count = format!("{} of {} ", picker.shown.len(), picker.rows.len());
    let gap = width.saturating_sub(query.width() + count.width());
    let spans = vec![
        Span::styled(query.clone(), looks.accent()),
        Span::raw(" ".repeat(gap)),
        Span::styled(count, looks.dim()),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), line);
    let x = line.x + u16::try_from(query.width()).unwrap_or(u16::MAX);
    if x < line.right() {
        frame.set_cursor_position((x, line.y));
    }
    picker.fit(usize::from(rows.height));
    let digits = picker.rows.iter().map(|r| r.count.to_string().len()).max();
    let digits = digits.unwrap_or(1);
    let mut lines = Vec::new();
    let shown_rows = picker.shown.iter().enumerate().skip(picker.cursor.offset);
    for (n, found) in shown_rows.take(usize::from(rows.height)) {
        let row = &picker.rows[found.row];
        let chosen = picker.filters.have(row.choice);
        let mut line = picker_line(row, &found.marks, chosen, (width, digits), looks);
        if n == picker.cursor.selected {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), rows);
    rows
}

/// A row of the picker, `width` columns wide: ✓ if it is what is chosen, its label (the query's
/// matches highlighted) and, right-aligned in `digits` columns, how many entries it lists.
fn picker_line(
    row: &Row,
    marks: &[u32],
    chosen: bool,
    (width, digits): (usize, usize),
    looks: Looks,
) -> Line<'static> {
    let mark = if chosen { "✓" } else { " " };
    let mut spans = vec![Span::styled(format!(" {mark} "), looks.accent())];
    let label = cut_at_word(
        &row.label,
        marks,
        width.saturating_sub(3 + 1 + digits + 1),
        looks,
    );
    let label_width: usize = label.iter().map(|s| s.content.width()).sum();
    spans.extend(label);
    let count = format!("{:>digits$} ", row.count);
    let gap = width.saturating_sub(3 + label_width + count.width());
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(count, looks.dim()));
    Line::from(spans)
}
