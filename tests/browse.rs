//! `splw browse`: whole frames drawn on ratatui's TestBackend, compared with the expected screens
//! in tests/browse/ (refresh them after a deliberate change with `SNAPSHOTS=overwrite cargo test
//! --test browse`, then read the diff; the README's browse screen is one of them); and the built
//! binary driven on a real pseudo-terminal (tests/browse/pty.rs). A test whose tool is missing
//! prints a skip line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use splw::browse::{Key, Looks, State, draw};
use splw::catalogue::Catalogue;
use splw::cite::StyleName;
use unicode_width::UnicodeWidthStr;

fn catalogue() -> &'static Catalogue {
    Box::leak(Box::new(splw::embedded::catalogue()))
}

/// The state after `keys`, drawn on a `width`×`height` screen.
fn drawn(width: u16, height: u16, keys: &[Key], colour: bool) -> Buffer {
    drawn_then(width, height, keys, colour, |_| {})
}

/// The state after `keys` and `then`, drawn on a `width`×`height` screen.
fn drawn_then(
    width: u16,
    height: u16,
    keys: &[Key],
    colour: bool,
    then: impl FnOnce(&mut State),
) -> Buffer {
    let catalogue = catalogue();
    let entries = catalogue.entries.iter().collect();
    let mut state = State::new(catalogue, entries, StyleName::Harvard);
    state.fit(usize::from(height));
    for &key in keys {
        state.key(key);
    }
    then(&mut state);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            draw(frame, &mut state, Looks { colour });
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The sizes whole screens are compared at where width matters: the narrowest usable, the
/// classic terminal, and two wide ones (the preview beside the list).
const SIZES: [(u16, u16); 4] = [(40, 12), (80, 24), (120, 30), (200, 50)];

/// The screen's text, a line per row, without trailing spaces.
fn text(buffer: &Buffer) -> String {
    let mut screen = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).unwrap();
        }
        screen.push_str(line.trim_end());
        screen.push('\n');
    }
    screen
}

fn typed(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

fn snapshot(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browse")
        .join(format!("{name}.txt"))
}

fn overwriting() -> bool {
    std::env::var_os("SNAPSHOTS").is_some_and(|v| v == "overwrite")
}

/// Compares a whole screen with tests/browse/NAME.txt. No screen writes a key as a caret
/// (`^Y`): keys are in words.
fn check(name: &str, screen: &str) {
    let caret = screen
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b'^' && pair[1].is_ascii_uppercase());
    assert!(!caret, "{name}: a key written with a caret:\n{screen}");
    let path = snapshot(name);
    if overwriting() {
        std::fs::write(&path, screen).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (SNAPSHOTS=overwrite writes it)", path.display()));
    assert!(
        screen == expected,
        "{name}: the screen differs from {}\n--- got\n{screen}--- expected\n{expected}",
        path.display()
    );
}

#[test]
fn at_80_by_24_the_preview_is_under_the_list() {
    let screen = text(&drawn(80, 24, &[], false));
    check("80x24-start", &screen);
    let keys = [typed("lonliness"), vec![Key::Tab]].concat();
    check(
        "80x24-lonliness-marked",
        &text(&drawn(80, 24, &keys, false)),
    );
}

#[test]
fn at_60_by_20_it_is_still_usable() {
    check("60x20-start", &text(&drawn(60, 20, &[], false)));
    let keys = [typed("green covid"), vec![Key::Ctrl('s')]].concat();
    check("60x20-green-covid-apa", &text(&drawn(60, 20, &keys, false)));
}

#[test]
fn from_120_columns_the_preview_is_beside_the_list() {
    // The first topic picked, the second entry marked, then "link" typed.
    let keys = [
        vec![Key::Ctrl('t'), Key::Down, Key::Enter, Key::Down, Key::Tab],
        typed("link"),
    ]
    .concat();
    check("120x30-topic-link", &text(&drawn(120, 30, &keys, false)));
    check("140x40-start", &text(&drawn(140, 40, &[], false)));
}

/// The size as snapshots name it: "40x12".
fn size_name((width, height): (u16, u16)) -> String {
    format!("{width}x{height}")
}

/// The list's part of a screen's row: left of the preview's border, at 120 columns and more.
fn list_part(line: &str) -> &str {
    line.split('│').next().unwrap_or(line)
}

/// Each entry listed on `screen` has its id whole, and its title whole or cut after a word,
/// ending in ….
fn ids_whole_and_titles_cut_at_words(name: &str, screen: &str) {
    let lines: Vec<&str> = screen.lines().map(list_part).collect();
    let mut listed = 0;
    for entry in &catalogue().entries {
        let row = lines.iter().find(|line| {
            let line = line.get(2..).unwrap_or("");
            line.starts_with(&format!("{} ", entry.id))
        });
        let Some(row) = row else { continue };
        listed += 1;
        // The title is the end of the row: the longest end of it that begins the title.
        let starts = row.char_indices().map(|(at, _)| at);
        let shown = starts
            .filter(|&at| at > 0 && row[..at].ends_with(' '))
            .map(|at| row[at..].trim_end())
            .find(|end| {
                let kept = end.strip_suffix('…').unwrap_or(end);
                !kept.is_empty() && entry.title.starts_with(kept)
            })
            .unwrap_or_else(|| panic!("{name}: {}'s title not on its row `{row}`", entry.id));
        match shown.strip_suffix('…') {
            None => assert_eq!(shown, entry.title, "{name}: a title cut with no …"),
            Some(kept) => {
                let rest = entry
                    .title
                    .strip_prefix(kept)
                    .unwrap_or_else(|| panic!("{name}: `{shown}` is not {}'s title", entry.id));
                assert!(
                    rest.starts_with([' ', ',', ':', ';', '–', '-']),
                    "{name}: `{shown}` cuts {}'s title inside a word",
                    entry.id
                );
            }
        }
    }
    assert!(
        listed > 0,
        "{name}: no entry found on the screen:\n{screen}"
    );
}

#[test]
fn ids_are_whole_and_titles_cut_at_a_word_at_every_width() {
    for size in SIZES {
        let (width, height) = size;
        for (what, query) in [
            ("start", ""),
            ("long-term-conditions", "long-term conditions"),
        ] {
            let name = format!("{}-{what}", size_name(size));
            let screen = text(&drawn(width, height, &typed(query), false));
            ids_whole_and_titles_cut_at_words(&name, &screen);
            check(&name, &screen);
        }
    }
    // The longest id in the brief, whole even at 40 columns.
    let screen = text(&drawn(40, 12, &typed("long-term conditions"), false));
    assert!(screen.contains("linceviciute-2023 "), "{screen}");
}

/// What the status line may say, the longest first (the copy's is `terminal.rs`'s own words).
const MESSAGES: [(&str, &str); 3] = [
    (
        "could-not-copy",
        "Could not copy 12 references (Harvard): no clipboard to copy to (no display: neither \
         DISPLAY nor WAYLAND_DISPLAY is set), and the terminal could not be written to: Broken \
         pipe",
    ),
    (
        "copied-osc-52",
        "Copied the citation (Harvard) through the terminal (OSC 52)",
    ),
    (
        "opening-a-search",
        "Opening a web search for it (no address is known)…",
    ),
];

#[test]
fn every_message_fits_at_every_width() {
    for size in SIZES {
        let (width, height) = size;
        for (what, message) in MESSAGES {
            let set = |state: &mut State| state.message = Some(message.to_string());
            let screen = text(&drawn_then(width, height, &typed("lonliness"), false, set));
            // The message whole, read across the lines it is wrapped on.
            let rows: Vec<&str> = screen.lines().collect();
            let status = rows[rows.len() / 2..].join(" ");
            assert!(
                status.contains(message),
                "{what} at {width}x{height}: not whole on the screen:\n{screen}"
            );
            check(&format!("{}-message-{what}", size_name(size)), &screen);
        }
    }
    // One longer than half the screen can hold ends in … on its last line there; an empty one
    // takes no line.
    let long = ["a sentence of a message that goes on"; 20].join(", ");
    let set = |state: &mut State| state.message = Some(long.clone());
    let screen = text(&drawn_then(40, 12, &[], false, set));
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows[1].starts_with("  nasp-2024"), "{screen}");
    assert!(
        rows[10].ends_with('…') && rows[11].starts_with("57 of 57"),
        "{screen}"
    );
    let set = |state: &mut State| state.message = Some(String::new());
    let screen = text(&drawn_then(1, 12, &[], false, set));
    assert_eq!(screen.lines().count(), 12);
}

#[test]
fn the_key_hints_fit_the_status_line_at_every_width() {
    for (width, height) in SIZES {
        let screen = text(&drawn(width, height, &[Key::Tab], false));
        let status = screen.lines().last().unwrap();
        assert!(
            status.starts_with("57 of 57 · Harvard · 1 marked"),
            "{status}"
        );
        assert!(status.ends_with("? keys · Enter choose · Esc quit") || status.ends_with("? keys"));
        assert!(!status.contains('…'), "{status}");
    }
}

#[test]
fn the_hint_names_the_topic_when_the_topic_empties_the_list() {
    let keys = [
        vec![Key::Ctrl('t')],
        typed("lone"),
        vec![Key::Enter],
        typed("green"),
    ]
    .concat();
    for size in SIZES {
        let screen = text(&drawn(size.0, size.1, &keys, false));
        let list: Vec<&str> = screen.lines().map(list_part).collect();
        let words = list
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            words.contains(
                "Nothing in the topic Loneliness matches; 4 entries do in all topics. Ctrl-T, \
                 then All topics, clears it."
            ),
            "{screen}"
        );
        assert!(!words.contains("fewer or shorter words"), "{screen}");
        check(
            &format!("{}-topic-empties-the-list", size_name(size)),
            &screen,
        );
    }
}

#[test]
fn ctrl_t_opens_a_picker_that_types_to_choose_at_every_width() {
    for size in SIZES {
        let (width, height) = size;
        let opened = text(&drawn(width, height, &[Key::Ctrl('t')], false));
        assert!(opened.contains("✓ All topics") && opened.contains("Topic or year"));
        check(&format!("{}-picker", size_name(size)), &opened);
        let keys = [vec![Key::Ctrl('t')], typed("ment")].concat();
        let narrowed = text(&drawn(width, height, &keys, false));
        assert!(narrowed.contains("Mental Health"), "{narrowed}");
        check(&format!("{}-picker-ment", size_name(size)), &narrowed);
    }
    // Chosen: the search line says so; opened again, the choice is marked and selected.
    let chose = [vec![Key::Ctrl('t')], typed("lone"), vec![Key::Enter]].concat();
    let screen = text(&drawn(80, 24, &chose, false));
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .ends_with("topic: Loneliness")
    );
    check("80x24-topic-chosen", &screen);
    let year = [&chose[..], &[Key::Ctrl('t')], &typed("2019"), &[Key::Enter]].concat();
    let screen = text(&drawn(80, 24, &year, false));
    let search_line = screen.lines().next().unwrap();
    assert!(
        search_line.ends_with("topic: Loneliness · year: 2019"),
        "{search_line}"
    );
    check("80x24-topic-and-year-chosen", &screen);
    let again = [chose, vec![Key::Ctrl('t')]].concat();
    let screen = text(&drawn(80, 24, &again, false));
    assert!(screen.contains("✓ Loneliness"), "{screen}");
    check("80x24-picker-reopened", &screen);
}

#[test]
fn the_help_fits_or_scrolls_at_every_width_and_names_keys_in_words() {
    for size in SIZES {
        let (width, height) = size;
        // Scrolled a line at a time to its end, every key's line is seen whole.
        let mut seen = String::new();
        let mut last = String::new();
        for down in 0..40 {
            let keys = [vec![Key::Char('?')], vec![Key::Down; down]].concat();
            let screen = text(&drawn(width, height, &keys, false));
            if screen == last {
                break;
            }
            seen.push_str(&screen);
            last = screen;
        }
        let seen = seen.replace('│', " ");
        let seen = seen.split_whitespace().collect::<Vec<_>>().join(" ");
        for (key, does) in splw::browse::keys::KEYS {
            let line = format!("{key} {does}");
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                seen.contains(&line),
                "{width}x{height}: `{key}` never shown whole in the help"
            );
        }
        let help = text(&drawn(width, height, &[Key::Char('?')], false));
        check(&format!("{}-help", size_name(size)), &help);
    }
    // At 40×12 the end of the help, with Enter and Esc.
    let end = text(&drawn(40, 12, &[Key::Char('?'), Key::End], false));
    assert!(end.contains("Esc") && end.contains("Ctrl-C"), "{end}");
    check("40x12-help-end", &end);
    check(
        "60x20-help",
        &text(&drawn(60, 20, &[Key::Char('?')], false)),
    );
}

/// The text of the first ```text block after `heading` in README.md, and where it is.
fn readme_block(readme: &str, heading: &str) -> (usize, usize) {
    let section = readme.find(heading).unwrap();
    let open = section + readme[section..].find("```text\n").unwrap() + "```text\n".len();
    let close = open + readme[open..].find("```").unwrap();
    (open, close)
}

#[test]
fn the_readme_s_browse_screen_is_the_snapshot_80x24_readme() {
    // After typing "lonliness", Tab to mark the first work found, and ↑ back to it.
    let keys = [typed("lonliness"), vec![Key::Tab, Key::Up]].concat();
    let screen = text(&drawn(80, 24, &keys, false));
    check("80x24-readme", &screen);
    let readme_path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(readme_path).unwrap();
    let (open, close) = readme_block(&readme, "### Browse");
    if overwriting() {
        let readme = format!("{}{screen}{}", &readme[..open], &readme[close..]);
        std::fs::write(readme_path, readme).unwrap();
        return;
    }
    let snapshot = snapshot("80x24-readme");
    let expected = std::fs::read_to_string(&snapshot).unwrap();
    assert!(
        readme[open..close] == expected,
        "README.md's browse screen (the ```text block under ### Browse) differs from {}:\n--- \
         README.md\n{}--- {}\n{expected}",
        snapshot.display(),
        &readme[open..close],
        snapshot.display()
    );
}

#[test]
fn the_readme_s_table_of_keys_is_browse_s_own() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("### Browse").unwrap()..];
    let table = &section[section.find("| key | does |").unwrap()..];
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .collect();
    let keys: Vec<String> = splw::browse::keys::KEYS
        .iter()
        .map(|(key, does)| format!("| {key} | {does} |"))
        .collect();
    assert!(
        rows == keys,
        "README.md's table of browse's keys differs from src/browse/keys.rs; it should be:\n{}",
        keys.join("\n")
    );
}

/// Where `needle` is on the screen: (x, y) of its first character.
fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let screen = text(buffer);
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(needle) {
            return (line[..at].width() as u16, y as u16);
        }
    }
    panic!("`{needle}` is not on the screen:\n{screen}");
}

#[test]
fn the_selected_row_is_reversed_and_the_match_stands_out_with_and_without_colour() {
    for colour in [true, false] {
        let buffer = drawn(80, 24, &typed("social loneliness"), colour);
        let (x, y) = find(&buffer, "foster-2021");
        assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
        // The first row's title: "of" unmatched, "social" matched.
        let (x, y) = find(&buffer, "of social");
        assert!(!buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
        assert_eq!(buffer[(x, y)].fg, Color::Reset);
        let (x, y) = (x + 3, y);

        // Bold and underlined, not coloured: yellow is unreadable on a light terminal.
        let matched = &buffer[(x, y)];
        assert!(
            matched
                .modifier
                .contains(Modifier::UNDERLINED | Modifier::BOLD)
        );
        assert_eq!(matched.fg, Color::Reset);
        if !colour {
            // NO_COLOR: no colour at all.
            for cell in buffer.content() {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
            }
        }
    }
}

/// The hostile fixture: the same payload (an OSC 52 write of "pwned", a screen clear, an OSC 8
/// link, a C1 CSI, tag characters, U+0600, a right-to-left override) in the section's title and
/// in every field of its one entry.
fn hostile() -> &'static Catalogue {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-browse");
    Box::leak(Box::new(
        splw::catalogue::load(std::path::Path::new(dir)).unwrap(),
    ))
}

const PAYLOAD: &str = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{9b}31m\u{e0070}\u{e0077}\u{600}\u{202e} end";

/// The payload as browse must show it: each unsafe character escaped.
const PAYLOAD_SHOWN: &str = r"\e]52;c;cHduZWQ=\u{7}\e[2J\e]8;;https://evil.example/\e\link\e]8;;\e\ \u{9b}31m\u{e0070}\u{e0077}\u{600}\u{202e} end";

/// A browse of the hostile brief after `keys` (and `then`), drawn by crossterm into memory on a
/// `width`×`height` screen: every byte a terminal would be sent, and the screen they make.
fn hostile_drawn(
    width: u16,
    height: u16,
    keys: &[Key],
    then: impl FnOnce(&mut State),
) -> (String, String) {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};
    let catalogue = hostile();
    let mut state = State::new(
        catalogue,
        catalogue.entries.iter().collect(),
        StyleName::Harvard,
    );
    for &key in keys {
        state.key(key);
    }
    then(&mut state);
    /// What the backend writes, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl std::io::Write for Recorder {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let recorder = Recorder::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(recorder.clone()),
        TerminalOptions { viewport },
    )
    .unwrap();
    terminal
        .draw(|frame| {
            draw(frame, &mut state, Looks { colour: true });
        })
        .unwrap();
    drop(terminal);
    let bytes = String::from_utf8(recorder.0.take()).unwrap();
    let mut screen = vt100::Parser::new(height, width, 0);
    screen.process(bytes.as_bytes());
    (bytes, screen.screen().contents())
}

/// The bytes with crossterm's own escapes (CSI: `ESC [`, parameters, a final letter) taken out;
/// any other escape fails.
fn without_crossterm_escapes(bytes: &str) -> String {
    let mut text = String::new();
    let mut chars = bytes.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            text.push(c);
            continue;
        }
        assert_eq!(
            chars.next(),
            Some('['),
            "an escape that is not a CSI in {bytes:?}"
        );
        loop {
            match chars.next() {
                Some(c) if c.is_ascii_digit() || c == ';' || c == '?' => {}
                Some(c) if c.is_ascii_alphabetic() => break,
                other => panic!("a CSI ended by {other:?} in {bytes:?}"),
            }
        }
    }
    text
}

#[test]
fn every_widget_draws_a_hostile_brief_escaped() {
    let typed: Vec<Key> = "\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}"
        .chars()
        .map(Key::Char)
        .collect();
    /// A name, the keys that bring the widget up, and what else to set.
    type Widget = (&'static str, Vec<Key>, fn(&mut State));
    let widgets: [Widget; 7] = [
        ("list-preview-status", vec![], |_| {}),
        (
            "topic-filter",
            vec![Key::Ctrl('t'), Key::Down, Key::Enter],
            |_| {},
        ),
        ("picker", vec![Key::Ctrl('t')], |_| {}),
        ("search-line", typed, |_| {}),
        ("message", vec![], |state| {
            state.message = Some(format!("Could not open {PAYLOAD}"));
        }),
        ("problem", vec![], |state| {
            state.shown.clear();
            state.hint = Some("no search for \u{1b}]52;c;cHduZWQ=\u{7}\u{202e}".into());
        }),
        ("help", vec![Key::Char('?')], |_| {}),
    ];
    for (name, keys, then) in widgets {
        let (bytes, screen) = hostile_drawn(200, 32, &keys, then);
        // Nothing reaches the terminal but crossterm's own escapes and safe text.
        let text = without_crossterm_escapes(&bytes);
        assert!(
            !splw::text::has_control(&text, false),
            "{name}: an unsafe character reached the terminal: {text:?}"
        );
        check(&format!("hostile-{name}"), &screen);
        // Where the payload is drawn whole, it is drawn escaped, byte for byte.
        let whole = match name {
            "topic-filter" => Some(format!("topic: Pwned {PAYLOAD_SHOWN}")),
            "message" => Some(format!("Could not open {PAYLOAD_SHOWN}")),
            "problem" => Some(r"no search for \e]52;c;cHduZWQ=\u{7}\u{202e}".to_string()),
            "search-line" => Some(r"> \e]52;c;cHduZWQ=\u{7}\u{9b}".to_string()),
            _ => None,
        };
        if let Some(whole) = whole {
            assert!(
                screen.contains(&whole),
                "{name}: `{whole}` not on the screen:\n{screen}"
            );
        }
    }
    // The list's row and the preview (which wraps the title at a space).
    let (_, screen) = hostile_drawn(200, 32, &[], |_| {});
    for field in [
        r"Title \e]52;c;cHduZWQ=\u{7}\e[2J\e]8;;https://evil.example/\e\link\e]8;;\e\",
        r"\u{9b}31m\u{e0070}\u{e0077}\u{600}\u{202e} end",
        r"Evil\e]52;c;cHduZWQ=\u{7}\u{202e}",
        r"Journal \e]8;;https://evil.example/\e\\u{600}\u{202e}",
        r"Abstract \e]52;c;cHduZWQ=\u{7}\e[2J",
        r"Second \u{9b}31m line \u{e0070}\u{600}\u{202e} end.",
        r"Notes \e]52;c;cHduZWQ=\u{7}\u{202e}",
    ] {
        assert!(screen.contains(field), "`{field}` not in\n{screen}");
    }
}

#[cfg(unix)]
#[path = "support/mute_display.rs"]
mod mute_display;

#[cfg(unix)]
#[path = "browse/pty.rs"]
mod pty;
