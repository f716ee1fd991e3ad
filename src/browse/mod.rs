//! `splw browse`: the catalogue in a full-screen browser, searched as you type. Split in three:
//! `state` (what is shown, and what each key does: plain data, tested without a terminal),
//! `view` (the state drawn into a frame) and `terminal` (the event loop, and the terminal put
//! back however it ends).

pub mod state;
mod terminal;
#[cfg(test)]
mod tests;
pub mod view;

pub use state::{Action, Key, State};
pub use terminal::{Outcome, run};
pub use view::{Looks, draw};

/// The keys, as `?` shows them and `splw browse --help` and the man page list them.
pub const KEYS: &str = "\
type         search, as `splw find` does
↑ ↓ ^P ^N    move          PgUp PgDn  page
Home End     first, last   Shift-↑ ↓  scroll preview
Backspace    delete        ^U ^W  clear, delete word
Tab          mark or unmark, and move down
^T           cycle the topic filter
^S           cycle the style: Harvard, APA,
             Vancouver, HEE
^Y           copy the citation (or the marked
             entries' reference list)
^B           copy BibTeX     ^O  open the link
Enter        print the marked ids (or this one)
Esc          quit, printing nothing (exit 1)
^C           quit, printing nothing (exit 130)";
