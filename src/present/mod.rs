//! What more than one command shows, below the commands and browse, which call down into it.

mod citation;
mod entry;
mod records;

pub use citation::{for_clipboard, styled};
pub use entry::{Page, write_entry};
pub use records::{JsonEntry, entry_table, json_entries, write_heading, write_record};
