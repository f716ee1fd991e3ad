//! The thin part that touches the terminal: raw mode and the alternate screen on stderr (stdout
//! stays clean for the ids chosen), keys and the mouse in, frames out, and the terminal put back
//! however the browse ends: a key, an error, a panic, a signal, or the terminal itself going away
//! (its window closed, the SSH connection dropped).

use std::io::{self, BufWriter, Stderr, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
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

/// The exit code when the terminal goes away (SIGHUP, or reading it gives EOF or an error): 128 +
/// SIGHUP's number, as a shell reports a process that a hang-up ended.
pub const HANGUP_CODE: i32 = crate::exit_codes::ExitCode::Hangup.code();

/// How a browse ended.
pub enum Outcome {
    /// Enter: the ids chosen.
    Chosen(Vec<String>),
    /// Esc, Ctrl-C or a signal: the exit code.
    Left(i32),
}

/// Set by the test suite to check that a panic puts the terminal back (tests/browse.rs).
const PANIC_SWITCH: &str = "SPLW_BROWSE_TEST_PANIC";

/// Whether the terminal is in raw mode on the alternate screen, so that a signal puts it back
/// before splw exits.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was: the main screen, no mouse reports, a cursor, cooked mode.
/// Safe to call more than once, and from any thread (the escapes go out in one locked write).
fn restore() {
    TAKEN.store(false, Ordering::SeqCst);
    let _ = disable_raw_mode();
    let mut stderr = io::stderr().lock();
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

/// Ends splw now with `code`, whatever the main thread is waiting for (the clipboard, a browser,
/// the terminal), after putting the terminal back if browse holds it. A terminal that takes no
/// more output (a frozen window) is given half a second for that.
#[cfg(unix)]
fn exit_now(code: i32) -> ! {
    if TAKEN.load(Ordering::SeqCst) {
        let (done, restored) = mpsc::channel();
        std::thread::spawn(move || {
            restore();
            let _ = done.send(());
        });
        let _ = restored.recv_timeout(Duration::from_millis(500));
    }
    std::process::exit(code)
}

/// From the first browse on, SIGTERM, SIGHUP and SIGINT end splw at once, with 128 + the
/// signal's number (143, 129, 130), on a thread of their own: the main thread may be waiting.
#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static WATCHING: std::sync::Once = std::sync::Once::new();
    WATCHING.call_once(|| {
        // Without a watcher, a signal still ends splw: only the restoring is lost.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                exit_now(128 + signal);
            }
        });
    });
}

/// The terminal crossterm reads keys from: stdin where it is one, else /dev/tty. Once the
/// terminal is gone, it is no longer a terminal (the kernel has hung it up), however reads end.
struct Keyboard {
    #[cfg(unix)]
    tty: Option<std::fs::File>,
}

impl Keyboard {
    fn new() -> Keyboard {
        #[cfg(unix)]
        {
            use std::io::IsTerminal;
            let tty = match io::stdin().is_terminal() {
                true => None,
                false => std::fs::File::open("/dev/tty").ok(),
            };
            Keyboard { tty }
        }
        #[cfg(not(unix))]
        Keyboard {}
    }

    fn gone(&self) -> bool {
        #[cfg(unix)]
        {
            use std::io::IsTerminal;
            match &self.tty {
                Some(tty) => !tty.is_terminal(),
                None => !io::stdin().is_terminal(),
            }
        }
        #[cfg(not(unix))]
        false
    }
}

/// Why the terminal could not be used, as an error.
fn failed(error: io::Error) -> Failure {
    Failure::Usage(format!(
        "the terminal could not be used for browse: {}",
        crate::text::io_error(&error)
    ))
}

/// Frames go out through a buffer, a frame at a time, rather than a write for each cell.
type Screen = Terminal<CrosstermBackend<BufWriter<Stderr>>>;

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
    #[cfg(unix)]
    watch_signals();
    let keyboard = Keyboard::new();
    let outcome = {
        let _guard = Guard;
        TAKEN.store(true, Ordering::SeqCst);
        enable_raw_mode().map_err(failed)?;
        execute!(io::stderr(), EnterAlternateScreen, EnableMouseCapture).map_err(failed)?;
        let backend = CrosstermBackend::new(BufWriter::new(io::stderr()));
        let mut terminal = Terminal::new(backend).map_err(failed)?;
        // Once the browse has started, the terminal failing means it has gone.
        event_loop(&mut terminal, state, looks, &keyboard).or(Ok(Outcome::Left(HANGUP_CODE)))
    };
    // Back to the hook there was (the test harness's, or Rust's own).
    let _ = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| previous(info)));
    outcome
}

/// The terminal failed: it has gone, or cannot be read or written.
struct Lost;

impl From<io::Error> for Lost {
    fn from(_: io::Error) -> Lost {
        Lost
    }
}

fn event_loop(
    terminal: &mut Screen,
    state: &mut State,
    looks: Looks,
    keyboard: &Keyboard,
) -> Result<Outcome, Lost> {
    let mut areas = draw(terminal, state, looks)?;
    if std::env::var_os(PANIC_SWITCH).is_some() {
        #[allow(clippy::panic)]
        {
            panic!("a panic asked for by {PANIC_SWITCH}");
        }
    }
    // Copies and browsers are waited for on threads of their own: what they come back with.
    let (finished, done) = mpsc::channel::<Done>();
    loop {
        // A terminal that is gone reads as always ready, giving nothing: looked at before each
        // wait, so that browse ends with it instead of spinning.
        if keyboard.gone() {
            return Err(Lost);
        }
        let mut changed = false;
        for done in done.try_iter() {
            state.message = Some(done.say());
            // The copy may have written to the terminal: draw everything again.
            terminal.clear()?;
            changed = true;
        }
        // Wake now and then to look again.
        if event::poll(Duration::from_millis(200))? {
            match act(state, &areas, event::read()?, &finished) {
                Some(outcome) => return Ok(outcome),
                None => changed = true,
            }
        }
        if changed {
            areas = draw(terminal, state, looks)?;
        }
    }
}

/// What a copy or a browser comes back with, from its thread.
enum Done {
    Copied {
        copy: clipboard::Copy,
        what: String,
        to_system: Result<(), String>,
    },
    Opened {
        link: String,
        what: &'static str,
        opened: Result<(), crate::browser::Failed>,
    },
}

impl Done {
    /// What the status line says of it. A copy also goes through the terminal (OSC 52), which
    /// over SSH or in tmux may be the clipboard the user is at; where the system's clipboard took
    /// it, a copy too long for the terminal is not sent there.
    fn say(self) -> String {
        match self {
            Done::Copied {
                copy,
                what,
                to_system: Ok(()),
            } => {
                let _ = clipboard::through_the_terminal(&copy.text);
                format!("Copied {what}")
            }
            Done::Copied {
                copy,
                what,
                to_system: Err(why),
            } => match clipboard::through_the_terminal(&copy.text) {
                Ok(()) => format!("Copied {what} through the terminal (OSC 52)"),
                Err(too) => {
                    format!("Could not copy {what}: no clipboard to copy to ({why}), and {too}")
                }
            },
            Done::Opened {
                link,
                what,
                opened: Ok(()),
            } => format!("Opened {what}: {link}"),
            Done::Opened {
                what,
                opened: Err(failed),
                ..
            } => format!("Could not open {what}: {failed}"),
        }
    }
}

/// Carries out what a key or the mouse asks; a copy or a browser on a thread of its own, which
/// sends what it comes back with to `finished`. Gives how the browse ends, if it does.
fn act(
    state: &mut State,
    areas: &Areas,
    event: Event,
    finished: &mpsc::Sender<Done>,
) -> Option<Outcome> {
    let action = match event {
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
                MouseEventKind::Down(MouseButton::Left) if areas.picker.contains(at) => {
                    state.pick(usize::from(mouse.row - areas.picker.y))
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
        Action::Accept(ids) => return Some(Outcome::Chosen(ids)),
        Action::Cancel(code) => return Some(Outcome::Left(code)),
        Action::Copy { copy, what } => {
            state.message = Some(format!("Copying {what}…"));
            let finished = finished.clone();
            std::thread::spawn(move || {
                let to_system = clipboard::to_system(&copy);
                let _ = finished.send(Done::Copied {
                    copy,
                    what,
                    to_system,
                });
            });
        }
        Action::Open { link, what } => {
            state.message = Some(format!("Opening {what}…"));
            let finished = finished.clone();
            std::thread::spawn(move || {
                let opened = crate::browser::open(&link);
                let _ = finished.send(Done::Opened { link, what, opened });
            });
        }
    }
    None
}

/// Draws a frame, and says where the list and the preview are.
fn draw(terminal: &mut Screen, state: &mut State, looks: Looks) -> Result<Areas, Lost> {
    let mut areas = Areas::default();
    terminal.draw(|frame| areas = view::draw(frame, state, looks))?;
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
