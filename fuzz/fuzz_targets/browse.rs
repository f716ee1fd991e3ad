//! Bytes → a section file beside the built-in front matter, and keys → a browse of the brief,
//! drawn on screens of many sizes, through ratatui's test backend and through crossterm into
//! memory, as a terminal would be sent it.
//!
//! The input is split at the first NUL: the file, then the keys (one a character; controls are
//! Ctrl- keys; characters of the Private Use Area are the keys with no character). Whatever the
//! brief holds, nothing may reach the terminal but crossterm's own escapes and safe text, and no
//! key may panic.
#![no_main]

use std::cell::RefCell;
use std::rc::Rc;

use libfuzzer_sys::fuzz_target;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use splw::browse::{Key, Looks, State, draw};
use splw::catalogue::{self, Catalogue, SourceFile};
use splw::cite::StyleName;

/// What the crossterm backend writes, kept to be read.
#[derive(Clone, Default)]
struct Recorder(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The most keys a run presses.
const KEYS_AT_MOST: usize = 24;

fn key(c: char) -> Option<Key> {
    const SPECIAL: [Key; 10] = [
        Key::Up,
        Key::Down,
        Key::PageUp,
        Key::PageDown,
        Key::Home,
        Key::End,
        Key::BackTab,
        Key::Help,
        Key::PreviewDown,
        Key::PreviewUp,
    ];
    Some(match c {
        // Esc and Enter end a browse: the keys go on.
        '\u{1b}' | '\r' | '\n' => return None,
        '\t' => Key::Tab,
        '\u{7f}' => Key::Backspace,
        '\u{1}'..='\u{1a}' => Key::Ctrl(char::from(c as u8 - 1 + b'a')),
        '\u{e000}'..='\u{f8ff}' => SPECIAL[(c as usize) % SPECIAL.len()],
        c => Key::Char(c),
    })
}

/// Everything but crossterm's own CSI sequences: any other escape fails.
fn text_of(bytes: &str) -> String {
    let mut text = String::new();
    let mut chars = bytes.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            text.push(c);
            continue;
        }
        assert_eq!(chars.next(), Some('['), "not a CSI: {bytes:?}");
        loop {
            match chars.next() {
                Some(c) if c.is_ascii_digit() || c == ';' || c == '?' => {}
                Some(c) if c.is_ascii_alphabetic() => break,
                other => panic!("a CSI ended by {other:?}: {bytes:?}"),
            }
        }
    }
    text
}

fn browse(catalogue: &Catalogue, keys: &str, width: u16, height: u16) {
    let mut state = State::new(
        catalogue,
        catalogue.entries.iter().collect(),
        StyleName::Harvard,
    );
    // Each key searches again: a few dozen say what a session says, and keep runs quick.
    for key in keys.chars().filter_map(key).take(KEYS_AT_MOST) {
        let _ = state.key(key);
    }
    let mut test = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    test.draw(|frame| {
        draw(frame, &mut state, Looks { colour: true });
    })
    .expect("drawn");
    let recorder = Recorder::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(recorder.clone()),
        TerminalOptions { viewport },
    )
    .expect("a terminal");
    terminal
        .draw(|frame| {
            draw(frame, &mut state, Looks { colour: false });
        })
        .expect("drawn");
    drop(terminal);
    let bytes = String::from_utf8(recorder.0.take()).expect("UTF-8");
    let text = text_of(&bytes);
    assert!(
        !splw::text::has_control(&text, false),
        "unsafe text drawn: {text:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (file, keys) = text.split_once('\0').unwrap_or((text, ""));
    let mut files: Vec<SourceFile> = splw::embedded::files()
        .into_iter()
        .filter(|file| file.name.ends_with("00-front-matter.toml"))
        .collect();
    files.push(SourceFile::new("01-fuzzed.toml", file.to_string()));
    let report = catalogue::build(&files);
    let catalogue = if report.blocking().next().is_none() && !report.catalogue.entries.is_empty() {
        report.catalogue
    } else {
        splw::embedded::catalogue()
    };
    let size = keys.len() as u16;
    for (width, height) in [(80, 24), (20 + size % 200, 3 + size % 60), (140, 40)] {
        browse(&catalogue, keys, width, height);
    }
});
