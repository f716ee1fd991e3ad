//! `splw browse`: the catalogue in a full-screen browser, searched as you type. Split in parts:
//! `state` (what is shown, and what each key does: plain data, tested without a terminal), with
//! `picker` (the topic and year picker) and `input` (what the search line and the picker share),
//! `keys` (the keys, in words), `view` (the state drawn into a frame) and `terminal` (the event
//! loop, and the terminal put back however it ends).

mod input;
pub mod keys;
pub mod picker;
pub mod state;
mod terminal;
#[cfg(test)]
mod tests;
pub mod view;

pub use state::{Action, Key, State};
pub use terminal::{Outcome, run};
pub use view::{Looks, draw};
