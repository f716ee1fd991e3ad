//! The thin part that touches the terminal: raw mode and the alternate screen on stderr (stdout
//! stays clean for the ids chosen), keys and the mouse in, frames out, and the terminal put back
//! however the browse ends: a key, an error, a panic, SIGTERM or SIGHUP.

use std::io::{self, Stderr, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::state::{Action, Key, State};
use super::view::{self, Areas, Looks};
use crate::clipboard;
use crate::error::Failure;

/// How a browse ended.
pub enum Outcome {
    /// Enter: the ids chosen.
    Chosen(Vec<String>),
    /// Esc, Ctrl-C or a signal: the exit code.
    Left(i32),
}

/// Set by the test suite to check that a panic puts the terminal back (tests/browse.rs).
const PANIC_SWITCH: &str = "SPLW_BROWSE_TEST_PANIC";

/// Puts the terminal back as it was: the main screen, no mouse reports, a cursor, cooked mode.
/// Safe to call more than once.
fn restore() {
    let _ = disable_raw_mode();
    let mut stderr = io::stderr();
    let _ = execute!(
        stderr,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = stderr.flush();
}

/// Restores the terminal when dropped: on every way out of `run`, an early `?` included.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Why the terminal could not be used, as an error.
fn failed(error: io::Error) -> Failure {
    Failure::Usage(format!(
        "the terminal could not be used for browse: {}",
        crate::text::io_error(&error)
    ))
}

/// Runs a browse on the terminal until a choice is made or it is left.
pub fn run(state: &mut State, looks: Looks) -> Result<Outcome, Failure> {
    // A panic puts the terminal back before its message is printed, or the message would be
    // lost on the alternate screen and the shell left in raw mode.
    let previous = Arc::new(std::panic::take_hook());
    let chained = Arc::clone(&previous);
    std::panic::set_hook(Box::new(move |info| {
        restore();
        chained(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    // Without a handler, a signal still ends splw: only the restoring is lost.
    #[cfg(unix)]
    let handlers: Vec<signal_hook::SigId> =
        [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP]
            .into_iter()
            .filter_map(|signal| signal_hook::flag::register(signal, Arc::clone(&stop)).ok())
            .collect();
    let outcome = {
        let _guard = Guard;
        enable_raw_mode().map_err(failed)?;
        execute!(io::stderr(), EnterAlternateScreen, EnableMouseCapture).map_err(failed)?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stderr())).map_err(failed)?;
        event_loop(&mut terminal, state, looks, &stop)
    };
    // Once the terminal is back, a signal ends splw as usual again.
    #[cfg(unix)]
    for handler in handlers {
        signal_hook::low_level::unregister(handler);
    }
    // Back to the hook there was (the test harness's, or Rust's own).
    let _ = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| previous(info)));
    outcome
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stderr>>,
    state: &mut State,
    looks: Looks,
    stop: &AtomicBool,
) -> Result<Outcome, Failure> {
    let mut areas = draw(terminal, state, looks)?;
    if std::env::var_os(PANIC_SWITCH).is_some() {
        #[allow(clippy::panic)]
        {
            panic!("a panic asked for by {PANIC_SWITCH}");
        }
    }
    loop {
        if stop.load(Ordering::Relaxed) {
            // 128 + the signal's number, as a shell reports it; SIGTERM's is 15.
            return Ok(Outcome::Left(143));
        }
        // Wake now and then to notice a signal.
        if !event::poll(Duration::from_millis(200)).map_err(failed)? {
            continue;
        }
        let action = match event::read().map_err(failed)? {
            Event::Key(key) if key.kind != KeyEventKind::Release => match key_of(key) {
                Some(key) => state.key(key),
                None => Action::None,
            },
            Event::Mouse(mouse) => {
                let at = (mouse.column, mouse.row).into();
                let over_preview = areas.preview.contains(at);
                match mouse.kind {
                    MouseEventKind::ScrollDown if over_preview => state.key(Key::PreviewDown),
                    MouseEventKind::ScrollUp if over_preview => state.key(Key::PreviewUp),
                    MouseEventKind::ScrollDown => {
                        state.scroll(3);
                        Action::None
                    }
                    MouseEventKind::ScrollUp => {
                        state.scroll(-3);
                        Action::None
                    }
                    MouseEventKind::Down(MouseButton::Left) if areas.list.contains(at) => {
                        state.click(usize::from(mouse.row - areas.list.y));
                        Action::None
                    }
                    _ => Action::None,
                }
            }
            // A resize redraws at the new size: ratatui sees it on the next draw.
            _ => Action::None,
        };
        match action {
            Action::None => {}
            Action::Accept(ids) => return Ok(Outcome::Chosen(ids)),
            Action::Cancel(code) => return Ok(Outcome::Left(code)),
            Action::Copy { copy, what } => {
                state.message = Some(match clipboard::copy(&copy) {
                    // Through the terminal as well, which over SSH or in tmux may be the
                    // clipboard the user is at.
                    Ok(clipboard::Copied::System) => {
                        let _ = clipboard::through_the_terminal(&copy.text);
                        format!("Copied {what}")
                    }
                    Ok(clipboard::Copied::Terminal) => {
                        format!("Copied {what} through the terminal (OSC 52)")
                    }
                    Err(failure) => failure.to_string(),
                });
                // The clipboard may have written to the terminal: draw everything again.
                terminal.clear().map_err(failed)?;
            }
            Action::Open { link, what } => {
                state.message = Some(match webbrowser::open(&link) {
                    Ok(()) => format!("Opened {what}: {link}"),
                    Err(error) => format!("Could not open {link}: {error}"),
                });
            }
        }
        areas = draw(terminal, state, looks)?;
    }
}

/// Draws a frame, and says where the list and the preview are.
fn draw(
    terminal: &mut Terminal<CrosstermBackend<Stderr>>,
    state: &mut State,
    looks: Looks,
) -> Result<Areas, Failure> {
    let mut areas = Areas::default();
    terminal
        .draw(|frame| areas = view::draw(frame, state, looks))
        .map_err(failed)?;
    Ok(areas)
}

/// The key crossterm read, as the state machine knows it.
fn key_of(key: KeyEvent) -> Option<Key> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    Some(match key.code {
        KeyCode::Down if shift => Key::PreviewDown,
        KeyCode::Up if shift => Key::PreviewUp,
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::F(1) => Key::Help,
        _ => return None,
    })
}
