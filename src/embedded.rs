//! The brief built into the binary: checked when splw was built (see build.rs), so that a run
//! starts without parsing TOML.

// databake writes `alloc::vec![…]`.
extern crate alloc;

use crate::catalogue::{Catalogue, SourceFile};

/// The catalogue of `brief/`, as the loader made it at build time.
pub fn catalogue() -> Catalogue {
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"))
}

/// The section files of `brief/`, for `splw check`.
pub fn files() -> Vec<SourceFile> {
    const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/files.rs"));
    FILES
        .iter()
        .map(|(name, text)| SourceFile::new(*name, (*text).to_string()))
        .collect()
}
