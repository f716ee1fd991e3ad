//! The catalogue: the brief's entries, topics and front matter, loaded from the built-in copy or
//! from a folder of section files.

mod load;
mod model;
mod plain_toml;

use std::path::Path;

pub use load::{Problem, SourceFile, build, read_dir};
pub use model::{Access, Author, Brief, Catalogue, Enriched, Entry, Kind, Topic};
#[cfg(fuzzing)]
pub use plain_toml::read_alike as plain_reader_agrees;

use crate::error::Failure;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The built-in brief, checked and parsed by the build script (build.rs).
mod built_in {
    use super::model::{Access, Author, Brief, Catalogue, Enriched, Entry, Kind, Topic};
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

/// The section files built into the binary.
pub fn embedded_files() -> Vec<SourceFile> {
    embedded::EMBEDDED
        .iter()
        .map(|(name, text)| SourceFile {
            name: (*name).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// The files of the brief: from `dir` if given, else the built-in copy.
pub fn files(dir: Option<&Path>) -> Result<Vec<SourceFile>, Failure> {
    match dir {
        Some(dir) => read_dir(dir).map_err(Failure::Brief),
        None => Ok(embedded_files()),
    }
}

/// The catalogue: the built-in one, already checked when splw was built, or one read from
/// `dir`, or the problems that stop it loading.
pub fn load(dir: Option<&Path>) -> Result<Catalogue, Failure> {
    let Some(dir) = dir else {
        return Ok(built_in::catalogue());
    };
    let report = build(&read_dir(dir).map_err(Failure::Brief)?);
    let blocking: Vec<Problem> = report.problems.into_iter().filter(|p| p.blocking).collect();
    if blocking.is_empty() {
        Ok(report.catalogue)
    } else {
        Err(Failure::Brief(blocking))
    }
}
