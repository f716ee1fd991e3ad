//! `cargo bench --bench browse`: how long `splw browse` takes to its first frame (issue 18 asks
//! for under 50 ms), and to redraw after a keystroke, on the built-in brief. The frame is drawn
//! on ratatui's TestBackend, so this measures splw's own work (the catalogue, the search, the
//! preview's page, the layout), not the terminal's; the process's start is in BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use divan::black_box;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use splw::browse::{Key, Looks, State, draw};
use splw::cite::StyleName;

fn main() {
    divan::main();
}

/// From nothing to the first frame at 80×24: the built-in catalogue, the state, the frame.
#[divan::bench(args = [(80, 24), (200, 50)])]
fn first_frame(size: (u16, u16)) {
    let catalogue = splw::embedded::catalogue();
    let mut state = State::new(
        &catalogue,
        catalogue.entries.iter().collect(),
        StyleName::Harvard,
    );
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|frame| {
            draw(frame, &mut state, Looks { colour: true });
        })
        .unwrap();
    black_box(terminal);
}

/// A keystroke that extends the query ("lonliness" → "lonlinesss"), searched and drawn again.
#[divan::bench]
fn keystroke(bencher: divan::Bencher) {
    let catalogue = splw::embedded::catalogue();
    let mut state = State::new(
        &catalogue,
        catalogue.entries.iter().collect(),
        StyleName::Harvard,
    );
    for c in "lonlines".chars() {
        state.key(Key::Char(c));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        state.key(Key::Char('s'));
        terminal
            .draw(|frame| {
                draw(frame, &mut state, Looks { colour: true });
            })
            .unwrap();
        state.key(Key::Backspace);
    });
}
