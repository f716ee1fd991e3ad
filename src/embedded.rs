//! The brief built into the binary: checked when splw was built (see build.rs), so that a run
//! starts without parsing TOML. (Search's own thesaurus and gazetteer are baked in `search`.)

// databake writes `alloc::vec![…]`.
extern crate alloc;

use std::sync::OnceLock;

use crate::catalogue::{Catalogue, SourceFile};
use crate::search::Split;

/// The catalogue of `brief/`, as the loader made it at build time.
pub fn catalogue() -> Catalogue {
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"))
}

/// The catalogue, made at the first call and shared by the rest of the run: clap asks for its
/// countries (`--country`'s values) before a command asks for the whole.
pub fn shared() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(catalogue)
}

/// The words of the catalogue's fields, as search splits them, split at build time.
pub static SPLIT: Split<'static> = include!(concat!(env!("OUT_DIR"), "/split.rs"));

/// The section files of `brief/`: each one's name and text.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// The section files of `brief/`, to be loaded again (as tests and benchmarks do).
pub fn files() -> Vec<SourceFile> {
    FILES
        .iter()
        .map(|(name, text)| SourceFile::new(*name, (*text).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_baked_words_are_the_catalogues_split_now() {
        assert_eq!(super::SPLIT, crate::search::split(&super::catalogue()));
    }
}
