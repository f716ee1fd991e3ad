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

use super::KEYS;
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
}

/// Draws the whole screen, and returns where the list and preview are.
pub fn draw(frame: &mut Frame, state: &mut State, looks: Looks) -> Areas {
    let area = frame.area();
    let [search, middle, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
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
    draw_status(frame, status, state, looks);
    if state.help {
        draw_help(frame, middle, looks);
    }
    Areas { list, preview }
}

fn draw_search(frame: &mut Frame, area: Rect, state: &State, looks: Looks) {
    let prompt = "> ";
    let query = shown(&state.query);
    let typed = prompt.width() + query.width();
    let mut spans = vec![Span::styled(prompt, looks.accent()), Span::raw(query)];
    if let Some(topic) = state.topic() {
        let label = format!("topic: {}", shown(&topic.label));
        let room = usize::from(area.width).saturating_sub(typed + 3);
        let label = crate::output::shorten(&label, room);
        let gap = usize::from(area.width).saturating_sub(typed + label.width());
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(label, looks.accent()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x + u16::try_from(typed).unwrap_or(u16::MAX);
    if x < area.right() && !state.help {
        frame.set_cursor_position((x, area.y));
    }
}

/// The id column's width: the longest id shown, but no more than 16 columns (most ids are
/// shorter; a longer one is cut with …) or a quarter of the width, so the title keeps room.
fn id_width(state: &State, width: usize) -> usize {
    let longest = state.shown.iter().map(|f| f.entry.id.width()).max();
    longest.unwrap_or(0).clamp(2, (width / 4).clamp(2, 16))
}

fn draw_list(frame: &mut Frame, area: Rect, state: &State, looks: Looks) {
    let width = usize::from(area.width);
    let id_width = id_width(state, width);
    let show_authors = width >= 70;
    let mut lines = Vec::new();
    let rows = state.shown.iter().enumerate().skip(state.offset);
    for (n, found) in rows.take(usize::from(area.height)) {
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
        let year = entry.year.map_or_else(|| "n.d.".into(), |y| y.to_string());
        cell(&mut spans, year, 4, looks.dim());
        if show_authors {
            cell(&mut spans, shown(&entry.short_authors()), 16, Style::new());
        }
        spans.extend(title(
            &entry.title,
            &found.marks,
            width.saturating_sub(used),
            looks,
        ));
        let mut line = Line::from(spans);
        if n == state.selected {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        lines.push(line);
    }
    if state.shown.is_empty() {
        let why = match &state.problem {
            Some(problem) => shown(problem),
            None => "Nothing matches: try fewer or shorter words (Ctrl-U clears)".into(),
        };
        lines.push(Line::styled(why, looks.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A title cut to `width` columns, with the characters at `marks` highlighted.
fn title(text: &str, marks: &[u32], width: usize, looks: Looks) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let total = text.width();
    for (i, shown) in crate::text::shown_chars(text).enumerate() {
        let w = shown.width();
        // Room for … if the title does not fit.
        if total > width && used + w + 1 > width {
            spans.push(Span::raw("…"));
            break;
        }
        if used + w > width {
            break;
        }
        used += w;
        let style = if marks.binary_search(&(i as u32)).is_ok() {
            looks.matched()
        } else {
            Style::new()
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&shown),
            _ => spans.push(Span::styled(shown, style)),
        }
    }
    spans
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

fn draw_status(frame: &mut Frame, area: Rect, state: &State, looks: Looks) {
    let mut left = format!("{} of {}", state.shown.len(), state.total());
    left.push_str(&format!(" · {}", state.register.name().label()));
    if !state.marked.is_empty() {
        left.push_str(&format!(" · {} marked", state.marked.len()));
    }
    let right = match &state.message {
        Some(message) => shown(message),
        None => "? keys · Enter choose · Esc quit".into(),
    };
    let width = usize::from(area.width);
    let right = crate::output::shorten(&right, width.saturating_sub(left.width() + 2));
    let gap = width.saturating_sub(left.width() + right.width());
    let right_style = if state.message.is_some() {
        looks.accent()
    } else {
        looks.dim()
    };
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, right_style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_help(frame: &mut Frame, area: Rect, looks: Looks) {
    let lines: Vec<Line> = KEYS.lines().map(|line| Line::raw(shown(line))).collect();
    let width = KEYS.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) + 4;
    let height = lines.len() + 2;
    let width = u16::try_from(width).unwrap_or(u16::MAX).min(area.width);
    let height = u16::try_from(height).unwrap_or(u16::MAX).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .title(" Keys (any key closes) ")
        .border_style(looks.accent());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
