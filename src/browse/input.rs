//! What the search line and the picker share: the keys, a query edited as a line of text, and a
//! list moved through a page at a time, its selection kept on screen.

/// A key, as the state machine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character typed into the search line.
    Char(char),
    /// A character typed with Ctrl held.
    Ctrl(char),
    Backspace,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Tab,
    BackTab,
    Enter,
    Esc,
    /// F1, as `?` shows the keys.
    Help,
    /// Shift-↓ and Shift-↑ (and the wheel over the preview): scroll the preview.
    PreviewDown,
    PreviewUp,
}

/// Edits `query` as `key` asks (a character, Backspace, Ctrl-U, Ctrl-W), and says whether `key`
/// was one of those.
pub fn edit(query: &mut String, key: Key) -> bool {
    match key {
        Key::Char(c) => query.push(c),
        Key::Backspace | Key::Ctrl('h') => {
            query.pop();
        }
        Key::Ctrl('u') => query.clear(),
        Key::Ctrl('w') => {
            let kept = query.trim_end().rfind(' ').map_or(0, |space| space + 1);
            query.truncate(kept);
        }
        _ => return false,
    }
    true
}

/// A selection in a list, and the first of its rows on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    /// The first row of the list on screen.
    pub offset: usize,
    /// How many rows of the list fit on screen, as last drawn.
    pub page: usize,
}

impl Default for Cursor {
    fn default() -> Cursor {
        Cursor {
            selected: 0,
            offset: 0,
            page: 10,
        }
    }
}

impl Cursor {
    /// Back to the first row, as after a new search.
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// The row a moving key (↑ ↓ Ctrl-P Ctrl-N PgUp PgDn Home End) goes to, if `key` is one.
    pub fn target(&self, key: Key) -> Option<isize> {
        let (at, page) = (self.selected as isize, self.page as isize);
        Some(match key {
            Key::Up | Key::Ctrl('p') => at - 1,
            Key::Down | Key::Ctrl('n') => at + 1,
            Key::PageUp => at - page,
            Key::PageDown => at + page,
            Key::Home => 0,
            Key::End => isize::MAX,
            _ => return None,
        })
    }

    /// Moves the selection to `row`, within a list of `len` rows, and scrolls to keep it on
    /// screen. Says whether the selection changed.
    pub fn select(&mut self, row: isize, len: usize) -> bool {
        let before = self.selected;
        let last = len.saturating_sub(1);
        self.selected = usize::try_from(row.max(0)).unwrap_or(0).min(last);
        self.fit(self.page, len);
        self.selected != before
    }

    /// Keeps the selection on screen in a list of `len` rows drawn `page` rows high.
    pub fn fit(&mut self, page: usize, len: usize) {
        self.page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page {
            self.offset = self.selected + 1 - self.page;
        }
        // No empty rows below the list's end while there are rows above the screen.
        self.offset = self.offset.min(len.saturating_sub(self.page));
    }
}
