//! Citations of entries and of the brief itself.

pub mod harvard;
mod names;
