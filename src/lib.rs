//! splw: the NHS Evidence Brief on Social Prescribing Link Workers as a catalogue.
//!
//! The binary is `src/main.rs`. Data flows one way: `brief/*.toml` → `catalogue` (read → parse →
//! check → merge) → `filter`, `facet`, `search` and `sort` → `cite`, `output` and `page` → `cmd`,
//! with `cli` on top. The library layers (`catalogue`, `filter`, `facet`, `search`, `sort`, `cite`,
//! `page`, `text`) never see clap, so that benchmarks, fuzz targets and tests drive them directly.

pub mod address;
pub mod browse;
pub mod browser;
pub mod catalogue;
pub mod child;
pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod cmd;
pub mod embedded;
pub mod error;
pub mod exit_codes;
pub mod facet;
pub mod filter;
pub mod json;
pub mod memory;
pub mod output;
pub mod page;
pub mod pager;
pub mod present;
pub mod search;
pub mod select;
pub mod sort;
pub mod text;
