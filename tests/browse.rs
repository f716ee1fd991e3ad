//! `splw browse`: whole frames drawn on ratatui's TestBackend, compared with the expected screens
//! in tests/browse/ (refresh them after a deliberate change with `SNAPSHOTS=overwrite cargo test
//! --test browse`, then read the diff); and the built binary driven on a real pseudo-terminal
//! (util-linux's `script`): keys typed, the ids printed, the exit codes, the clipboard's OSC 52
//! and the terminal put back, panic included. A test whose tool is missing prints a skip line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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
mod pty {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use assert_cmd::cargo::cargo_bin;
    use base64::Engine;

    /// `splw browse ARGS` on a pseudo-terminal (of 80×24 unless told), its stdout into a file of
    /// its own.
    struct Session {
        child: std::process::Child,
        keys: std::process::ChildStdin,
        screen: Arc<Mutex<Vec<u8>>>,
        stdout: std::path::PathBuf,
        size: (u16, u16),
        _dir: tempfile::TempDir,
    }

    impl Session {
        fn start(args: &str, env: &[(&str, &str)]) -> Option<Session> {
            Session::run("exec {splw} browse ARGS > {stdout}", args, env, (80, 24))
        }

        /// A shell `line` run on a pseudo-terminal of `size`, its `{splw}` the built binary, its
        /// ARGS `args` and its `{stdout}` the file `end` reads.
        fn run(line: &str, args: &str, env: &[(&str, &str)], size: (u16, u16)) -> Option<Session> {
            let dir = tempfile::tempdir().unwrap();
            let stdout = dir.path().join("stdout");
            let line = line
                .replace("{splw}", &format!("'{}'", cargo_bin("splw").display()))
                .replace("ARGS", args)
                .replace("{stdout}", &format!("'{}'", stdout.display()));
            // script gives the pseudo-terminal no size when its own input is a pipe: stty does.
            let run = format!("stty cols {} rows {}; {line}", size.0, size.1);
            let mut command = Command::new("script");
            command
                .args(["-qec", &run, "/dev/null"])
                .env_remove("DISPLAY")
                .env_remove("WAYLAND_DISPLAY")
                .env("TERM", "xterm-256color")
                .env("NO_COLOR", "1")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null());
            for (name, value) in env {
                command.env(name, value);
            }
            let mut child = match command.spawn() {
                Ok(child) => child,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    eprintln!(
                        "skip: script (util-linux) not installed, so no terminal to run splw in"
                    );
                    return None;
                }
                Err(e) => panic!("script: {e}"),
            };
            let keys = child.stdin.take().unwrap();
            let mut from = child.stdout.take().unwrap();
            let screen = Arc::new(Mutex::new(Vec::new()));
            let into = Arc::clone(&screen);
            std::thread::spawn(move || {
                let mut chunk = [0; 4096];
                while let Ok(n @ 1..) = from.read(&mut chunk) {
                    into.lock().unwrap().extend_from_slice(&chunk[..n]);
                }
            });
            Some(Session {
                child,
                keys,
                screen,
                stdout,
                size,
                _dir: dir,
            })
        }

        fn screen(&self) -> String {
            String::from_utf8_lossy(&self.screen.lock().unwrap()).into_owned()
        }

        /// What the terminal shows now, read by vt100 from all it was sent.
        fn shown(&self) -> String {
            let mut terminal = vt100::Parser::new(self.size.1, self.size.0, 0);
            terminal.process(&self.screen.lock().unwrap());
            terminal.screen().contents()
        }

        /// Waits until the screen shows `text`, at most 20 seconds.
        fn wait_for(&self, text: &str) {
            self.wait_until(text, |screen| screen.contains(text));
        }

        /// Waits until the screen no longer shows `text`, at most 20 seconds.
        fn wait_gone(&self, text: &str) {
            self.wait_until(&format!("no {text}"), |screen| !screen.contains(text));
        }

        fn wait_until(&self, text: &str, shows: impl Fn(&str) -> bool) {
            let start = Instant::now();
            while !shows(&self.shown()) {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "`{text}` never shown; the screen:\n{}\nthe terminal got:\n{:?}",
                    self.shown(),
                    self.screen()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        fn send(&mut self, keys: &str) {
            self.keys.write_all(keys.as_bytes()).unwrap();
            self.keys.flush().unwrap();
        }

        /// Waits for splw to end (at most 20 seconds): its exit code, stdout, and all the
        /// terminal was sent.
        fn end(mut self) -> (Option<i32>, String, String) {
            let start = Instant::now();
            let status = loop {
                if let Some(status) = self.child.try_wait().unwrap() {
                    break status;
                }
                if start.elapsed() > Duration::from_secs(20) {
                    let _ = self.child.kill();
                    panic!(
                        "splw browse did not end; the terminal got:\n{:?}",
                        self.screen()
                    );
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            std::thread::sleep(Duration::from_millis(100));
            let stdout = std::fs::read_to_string(&self.stdout).unwrap_or_default();
            (status.code(), stdout, self.screen())
        }
    }

    /// The terminal was put back: the alternate screen left after it was last entered, and
    /// mouse reports turned off.
    fn restored(screen: &str) {
        let entered = screen
            .rfind("\u{1b}[?1049h")
            .expect("the alternate screen is used");
        let left = screen
            .rfind("\u{1b}[?1049l")
            .expect("the alternate screen is left");
        assert!(
            left > entered,
            "left before it was last entered: {screen:?}"
        );
        assert!(
            screen[entered..].contains("\u{1b}[?1000l"),
            "mouse reports still on"
        );
    }

    #[test]
    fn a_misspelled_word_narrows_the_list_and_enter_prints_the_id() {
        let Some(mut session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("lonliness");
        session.wait_for("5 of 57");
        // The list narrowed to the right work, and the preview shows it in full.
        let shown = session.shown();
        assert!(shown.contains("foster-2021") && shown.contains("2021 Foster et al."));
        assert!(
            session
                .shown()
                .contains("Impact of social prescribing to address loneliness")
        );
        session.send("\r");
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(0), "{screen:?}");
        assert_eq!(stdout, "foster-2021\n");
        restored(&screen);
    }

    #[test]
    fn marked_entries_are_printed_in_the_order_marked() {
        let Some(mut session) = Session::start("--topic loneliness", &[]) else {
            return;
        };
        session.wait_for("4 of 4");
        // Mark the second, then the first (Tab moves down; ↑ is ESC [ A).
        session.send("\u{1b}[B\t");
        session.wait_for("1 marked");
        session.send("\u{1b}[A\u{1b}[A\t");
        session.wait_for("2 marked");
        session.send("\r");
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(0), "{screen:?}");
        assert_eq!(stdout, "wildman-2019a\nfoster-2021\n");
        restored(&screen);
    }

    #[test]
    fn esc_leaves_with_1_and_prints_nothing() {
        let Some(mut session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("green");
        session.wait_for("> green");
        session.send("\u{1b}");
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(1), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
    }

    #[test]
    fn esc_prints_nothing_even_with_entries_marked_and_the_picker_was_left_with_esc() {
        let Some(mut session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("\t\t");
        session.wait_for("2 marked");
        // Esc in the picker closes it; the browse goes on.
        session.send("\u{14}");
        session.wait_for("Topic or year");
        session.send("\u{1b}");
        session.wait_gone("Topic or year");
        session.wait_for("2 marked");
        session.send("\u{1b}");
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(1), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
    }

    #[test]
    fn esc_gives_splw_cite_dollar_browse_an_empty_list() {
        // As `splw cite $(splw browse)` runs it: the ids are the command substitution's output.
        let line = "ids=$({splw} browse); echo \"ids=[$ids] exit=$?\" > {stdout}";
        let Some(mut session) = Session::run(line, "", &[], (80, 24)) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("\t");
        session.wait_for("1 marked");
        session.send("\u{1b}");
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(0), "{screen:?}");
        assert_eq!(stdout, "ids=[] exit=1\n");
    }

    #[test]
    fn at_40_by_12_the_ctrl_y_message_is_shown_whole() {
        let Some(mut session) = Session::run("exec {splw} browse > {stdout}", "", &[], (40, 12))
        else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("lonliness");
        session.wait_for("6 of 57");
        session.send("\u{19}");
        session.wait_for("(OSC 52)");
        let shown = session.shown();
        let rows: Vec<&str> = shown.lines().map(str::trim_end).collect();
        assert!(rows.iter().all(|row| row.chars().count() <= 40));
        let status = rows[rows.len() - 3..].join(" ");
        assert!(
            status.contains("Copied the citation (Harvard) through the terminal (OSC 52)"),
            "{shown}"
        );
        session.send("\u{1b}");
        let (code, _, _) = session.end();
        assert_eq!(code, Some(1));
    }

    #[test]
    fn ctrl_c_leaves_with_130_and_prints_nothing() {
        let Some(mut session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("\u{3}");
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(130), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
    }

    #[test]
    fn sigterm_puts_the_terminal_back() {
        let Some(session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        // splw is script's child, through exec: signal it, not script.
        let script = session.child.id();
        let children = format!("/proc/{script}/task/{script}/children");
        let Ok(children) = std::fs::read_to_string(&children) else {
            eprintln!("skip: {children} cannot be read, so splw's process is not known");
            return;
        };
        let splw = children.split_whitespace().next().unwrap();
        let killed = Command::new("kill").args(["-TERM", splw]).status();
        assert!(killed.unwrap().success());
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(143), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
    }

    #[test]
    fn a_panic_puts_the_terminal_back_before_its_message() {
        let env = [("SPLW_BROWSE_TEST_PANIC", "1")];
        let Some(session) = Session::start("", &env) else {
            return;
        };
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(101), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
        // The first time it is left: the panic hook's (unwinding restores once more after).
        let entered = screen.rfind("\u{1b}[?1049h").unwrap();
        let left = entered + screen[entered..].find("\u{1b}[?1049l").unwrap();
        let message = screen
            .find("a panic asked for by SPLW_BROWSE_TEST_PANIC")
            .unwrap();
        assert!(
            message > left,
            "the message was printed on the alternate screen"
        );
    }

    #[test]
    fn ctrl_y_with_a_display_copies_to_the_clipboard_and_through_osc_52_too() {
        use std::io::BufRead;
        let xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut xvfb) = xvfb else {
            eprintln!("skip: Xvfb not installed");
            return;
        };
        let mut number = String::new();
        std::io::BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut number)
            .unwrap();
        let display = format!(":{}", number.trim());
        let session = Session::start("", &[("DISPLAY", &display)]);
        if let Some(mut session) = session {
            session.wait_for("57 of 57");
            session.send("lonliness");
            session.wait_for("5 of 57");
            session.send("\u{19}");
            session.wait_for("Copied the citation");
            session.send("\u{1b}");
            let (code, _, screen) = session.end();
            assert_eq!(code, Some(1));
            // Over SSH or in tmux, the terminal's clipboard may be the one the user is at.
            assert!(screen.contains("\u{1b}]52;c;"), "no OSC 52 in {screen:?}");
        }
        let _ = xvfb.kill();
        let _ = xvfb.wait();
    }

    #[test]
    fn ctrl_y_with_no_display_copies_the_citation_through_osc_52() {
        let Some(mut session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("lonliness");
        session.wait_for("5 of 57");
        session.send("\u{19}");
        session.wait_for("through the terminal (OSC 52)");
        session.send("\u{1b}");
        let (code, _, screen) = session.end();
        assert_eq!(code, Some(1));
        // The citation exactly as `splw cite` prints it, in base64 between OSC 52 and BEL.
        let cited = Command::new(cargo_bin("splw"))
            .args(["cite", "foster-2021"])
            .output()
            .unwrap();
        let citation = String::from_utf8(cited.stdout).unwrap();
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(citation.trim_end_matches('\n'));
        assert!(
            screen.contains(&format!("\u{1b}]52;c;{encoded}\u{7}")),
            "no OSC 52 with {citation:?} in {screen:?}"
        );
    }

    /// `splw browse` on a pseudo-terminal of the test's own, as a terminal emulator or sshd
    /// makes one, so that the test can close its master side as a window closes or a connection
    /// drops. With `controlling`, the terminal is the controlling terminal of splw's own session
    /// (so the kernel sends it SIGHUP when the master closes); without, it has no controlling
    /// terminal, and only reading the terminal tells it the terminal is gone.
    struct OwnTerminal {
        child: std::process::Child,
        screen: Arc<Mutex<Vec<u8>>>,
        stop: Arc<std::sync::atomic::AtomicBool>,
        reader: Option<std::thread::JoinHandle<()>>,
    }

    impl OwnTerminal {
        fn start(controlling: bool) -> OwnTerminal {
            use rustix::fs::{Mode, OFlags};
            use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
            use std::os::unix::process::CommandExt;
            // CLOEXEC: no other child (of the tests running beside this one) may hold it open.
            // Linux sets it as it opens; macOS's posix_openpt has no such flag, so set it after.
            #[cfg(target_os = "linux")]
            let master =
                openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
            #[cfg(not(target_os = "linux"))]
            let master = {
                let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
                rustix::io::fcntl_setfd(&master, rustix::io::FdFlags::CLOEXEC).unwrap();
                master
            };
            grantpt(&master).unwrap();
            unlockpt(&master).unwrap();
            let name = ptsname(&master, Vec::new()).unwrap();
            let size = rustix::termios::Winsize {
                ws_row: 24,
                ws_col: 80,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            rustix::termios::tcsetwinsize(&master, size).unwrap();
            let open = || {
                let fd = rustix::fs::open(
                    name.as_c_str(),
                    OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .unwrap();
                Stdio::from(fd)
            };
            let mut command = Command::new(cargo_bin("splw"));
            command
                .arg("browse")
                .env_remove("DISPLAY")
                .env_remove("WAYLAND_DISPLAY")
                .env("TERM", "xterm-256color")
                .env("NO_COLOR", "1")
                .stdin(open())
                .stdout(open())
                .stderr(open());
            if controlling {
                // SAFETY: setsid and ioctl are async-signal-safe, as a child after fork needs.
                unsafe {
                    command.pre_exec(|| {
                        rustix::process::setsid()?;
                        rustix::process::ioctl_tiocsctty(rustix::stdio::stdin())?;
                        Ok(())
                    });
                }
            }
            let child = command.spawn().unwrap();
            let screen = Arc::new(Mutex::new(Vec::new()));
            let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let (into, stopped) = (Arc::clone(&screen), Arc::clone(&stop));
            // The only copy of the master: dropped, when told, and the terminal is closed.
            let reader = std::thread::spawn(move || {
                let mut chunk = [0; 4096];
                while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                    let mut ready = [rustix::event::PollFd::new(
                        &master,
                        rustix::event::PollFlags::IN,
                    )];
                    let timeout = rustix::event::Timespec {
                        tv_sec: 0,
                        tv_nsec: 20_000_000,
                    };
                    if rustix::event::poll(&mut ready, Some(&timeout)).unwrap_or(0) == 0 {
                        continue;
                    }
                    match rustix::io::read(&master, &mut chunk) {
                        Ok(n @ 1..) => into.lock().unwrap().extend_from_slice(&chunk[..n]),
                        _ => break,
                    }
                }
                drop(master);
            });
            OwnTerminal {
                child,
                screen,
                stop,
                reader: Some(reader),
            }
        }

        fn wait_for(&self, text: &str) {
            let start = Instant::now();
            loop {
                let mut terminal = vt100::Parser::new(24, 80, 0);
                terminal.process(&self.screen.lock().unwrap());
                if terminal.screen().contents().contains(text) {
                    return;
                }
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "`{text}` never shown:\n{}",
                    terminal.screen().contents()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        /// Closes the master side, as a terminal window closing does; then waits at most a
        /// second for splw to end, and gives its exit code.
        fn close(mut self) -> Option<i32> {
            self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
            self.reader.take().unwrap().join().unwrap();
            let closed = Instant::now();
            while closed.elapsed() < Duration::from_secs(1) {
                if let Some(status) = self.child.try_wait().unwrap() {
                    return status.code();
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let pid = self.child.id();
            let alive = std::path::Path::new(&format!("/proc/{pid}")).exists();
            let _ = self.child.kill();
            let _ = self.child.wait();
            panic!(
                "splw browse (pid {pid}) still running a second after its terminal closed (in /proc: {alive})"
            );
        }
    }

    #[test]
    fn browse_ends_within_a_second_of_its_controlling_terminal_closing() {
        let terminal = OwnTerminal::start(true);
        terminal.wait_for("57 of 57");
        assert_eq!(terminal.close(), Some(129));
    }

    #[test]
    fn browse_ends_within_a_second_of_its_terminal_closing_with_no_sighup() {
        // No controlling terminal, so no SIGHUP: only reading the terminal tells splw it is gone.
        let terminal = OwnTerminal::start(false);
        terminal.wait_for("57 of 57");
        assert_eq!(terminal.close(), Some(129));
    }

    #[test]
    fn a_hostile_topic_reaches_the_terminal_escaped_in_the_picker_and_once_picked() {
        let brief = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-browse");
        let Some(mut session) = Session::start(&format!("--brief '{brief}'"), &[]) else {
            return;
        };
        session.wait_for("1 of 1");
        // The picker, then its hostile topic picked (↓, Enter).
        session.send("\u{14}");
        session.wait_for("Topic or year");
        session.send("\u{1b}[B\r");
        session.wait_for(r"topic: Pwned \e]52;c;cHduZWQ=\u{7}\e[2J");
        session.send("\u{1b}");
        let (code, _, screen) = session.end();
        assert_eq!(code, Some(1));
        for raw in [
            "\u{1b}]52;",
            "\u{1b}]8;",
            "\u{1b}[2J",
            "\u{9b}",
            "\u{202e}",
            "\u{e0070}",
        ] {
            assert!(
                !screen.contains(raw),
                "{raw:?} reached the terminal: {screen:?}"
            );
        }
    }

    /// splw's own process in a session (script's child, through exec), if /proc tells.
    fn splw_pid(session: &Session) -> Option<String> {
        let script = session.child.id();
        let children = format!("/proc/{script}/task/{script}/children");
        let children = std::fs::read_to_string(&children).ok()?;
        children.split_whitespace().next().map(str::to_string)
    }

    /// The states (R, S, Z…) of a process's children, from /proc.
    fn children_states(pid: &str) -> Vec<String> {
        let mut states = Vec::new();
        for task in std::fs::read_dir(format!("/proc/{pid}/task"))
            .unwrap()
            .flatten()
        {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            for child in children.split_whitespace() {
                let stat =
                    std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
                // The state follows the command's name, in parentheses.
                if let Some((_, after)) = stat.rsplit_once(") ") {
                    states.push(after.chars().take(1).collect());
                }
            }
        }
        states
    }

    #[test]
    fn during_a_copy_browse_answers_keys_and_sigterm_ends_it_at_once() {
        // A display that never answers: the copy waits on it.
        let mute = super::mute_display::MuteDisplay::start();
        let Some(mut session) = Session::start("", &[("DISPLAY", &mute.display)]) else {
            return;
        };
        session.wait_for("57 of 57");
        session.send("\u{19}");
        session.wait_for("Copying the citation");
        // Keys are still answered while the copy waits.
        session.send("lonel");
        session.wait_for("> lonel");
        let Some(splw) = splw_pid(&session) else {
            eprintln!("skip: /proc does not tell splw's process");
            return;
        };
        let killed = Command::new("kill").args(["-TERM", &splw]).status();
        assert!(killed.unwrap().success());
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(143), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
    }

    #[test]
    fn opening_and_copying_leave_no_zombie() {
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap();
        let browser = dir.path().join("browser");
        std::fs::write(&browser, "#!/bin/sh\nexit 0\n").unwrap();
        std::fs::set_permissions(
            &browser,
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .unwrap();
        let xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut xvfb) = xvfb else {
            eprintln!("skip: Xvfb not installed");
            return;
        };
        let mut number = String::new();
        std::io::BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut number)
            .unwrap();
        let display = format!(":{}", number.trim());
        let env = [
            ("DISPLAY", display.as_str()),
            ("BROWSER", browser.to_str().unwrap()),
        ];
        if let Some(mut session) = Session::start("", &env) {
            session.wait_for("57 of 57");
            session.send("kiely");
            session.wait_for("kiely-2022");
            // Two browsers, and two copies: the first copy's process ends when the second takes
            // the clipboard. Each waited for by its message, which differs from the one before.
            session.send("\u{19}");
            session.wait_for("Copied the citation");
            session.send("\u{f}");
            session.wait_for("Opened its page");
            session.send("\u{2}");
            session.wait_for("Copied BibTeX");
            session.send("\u{f}");
            session.wait_for("Opened its page");
            std::thread::sleep(Duration::from_millis(500));
            if let Some(splw) = splw_pid(&session) {
                let states = children_states(&splw);
                assert!(
                    !states.iter().any(|s| s == "Z"),
                    "zombies among splw's children: {states:?}"
                );
            } else {
                eprintln!("skip: /proc does not tell splw's process");
            }
            session.send("\u{1b}");
            let (code, _, _) = session.end();
            assert_eq!(code, Some(1));
        }
        let _ = xvfb.kill();
        let _ = xvfb.wait();
    }

    #[test]
    fn sighup_puts_the_terminal_back_and_exits_129() {
        let Some(session) = Session::start("", &[]) else {
            return;
        };
        session.wait_for("57 of 57");
        let script = session.child.id();
        let children = format!("/proc/{script}/task/{script}/children");
        let Ok(children) = std::fs::read_to_string(&children) else {
            eprintln!("skip: {children} cannot be read, so splw's process is not known");
            return;
        };
        let splw = children.split_whitespace().next().unwrap();
        let killed = Command::new("kill").args(["-HUP", splw]).status();
        assert!(killed.unwrap().success());
        let (code, stdout, screen) = session.end();
        assert_eq!(code, Some(129), "{screen:?}");
        assert_eq!(stdout, "");
        restored(&screen);
    }
}
