//! splw: the NHS Evidence Brief on Social Prescribing Link Workers as a catalogue.
//!
//! The binary is `src/main.rs`; the library exists so that benchmarks and fuzz targets can drive
//! the loader, filters, search and citation styles directly.

pub mod catalogue;
pub mod cite;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod filter;
pub mod output;
pub mod parallel;
pub mod search;
pub mod text;

// The synthetic brief (benches/support) names the library `splw`, as benchmarks see it; the
// loader's unit tests use it from inside.
#[cfg(test)]
extern crate self as splw;
