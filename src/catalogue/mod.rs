//! The catalogue: the brief's entries, sections and front matter, and the loader that makes one
//! from section files in four stages: read → parse → check → merge.

mod check;
mod coding;
mod merge;
mod model;
mod parse;
mod problem;
mod read;
mod tags;
mod values;

use std::path::Path;

use rayon::prelude::*;

pub use model::{
    Access, Author, BRIEF_ID, Brief, Catalogue, Design, Enriched, Entry, Kind, SeenAt, Topic,
};
pub use problem::{Problem, Severity, SourceFile};
pub use read::{MAX_BRIEF_BYTES, MAX_FILE_BYTES, read_dir};
pub use tags::{TOPIC_WORDS, tag_reason, tagged};

/// What checking a brief found: the catalogue, and every problem (none means it loaded cleanly).
pub struct Report {
    pub catalogue: Catalogue,
    pub problems: Vec<Problem>,
}

impl Report {
    /// The problems that stop the brief loading.
    pub fn blocking(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_blocking())
    }
}

/// Parses, checks and merges the files of a brief. Problems do not stop the work, so that
/// `splw check` can report all of them.
pub fn build(files: &[SourceFile]) -> Report {
    build_keeping(files, true)
}

/// `build`, keeping only the problems that stop the brief loading unless `all`: the warnings and
/// the escaped control characters are `check`'s to list, and a hostile brief may have millions.
fn build_keeping(files: &[SourceFile], all: bool) -> Report {
    let mut problems = Vec::new();
    let located: Vec<problem::Located> = files.iter().map(problem::Located::new).collect();
    // Parsing is most of loading a large brief: rayon shares the files among the cores, in order.
    let read: Vec<Result<check::Read, Problem>> = located.par_iter().map(check::read).collect();
    let mut parsed = Vec::with_capacity(read.len());
    for file in read {
        match file {
            Ok(file) => parsed.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    let (brief, sections) = check::declarations(&parsed, &mut problems);
    // A [brief] table with problems of its own, or a file that did not parse, is not also "no
    // front matter".
    let say_none = parsed.len() == files.len() && parsed.iter().all(|read| read.brief.is_none());
    let topics = check::Topics {
        ids: sections.iter().map(|s| s.id.as_str()).collect(),
        in_order: sections.iter().map(|s| s.id.as_str()).collect(),
        all_known: parsed.len() == files.len(),
    };
    let placements = check::entries(parsed, &topics, all, &mut problems);
    let brief = brief.unwrap_or_else(|| {
        if say_none {
            let first = files.first().map_or("", |f| f.name.as_str());
            let message = "no front matter: none of the brief's files has a [brief] table";
            problems.push(Problem::new(first, None, message));
        }
        Brief::default()
    });
    let catalogue = merge::catalogue(brief, sections, placements, all, &mut problems);
    problems.sort_by(|a, b| (&a.file, a.at).cmp(&(&b.file, b.at)));
    Report {
        catalogue,
        problems,
    }
}

/// The catalogue in a brief folder, or the problems that stop it loading.
pub fn load(dir: &Path) -> Result<Catalogue, Vec<Problem>> {
    let report = build_keeping(&read_dir(dir)?, false);
    let blocking: Vec<Problem> = report
        .problems
        .into_iter()
        .filter(Problem::is_blocking)
        .collect();
    if blocking.is_empty() {
        Ok(report.catalogue)
    } else {
        Err(blocking)
    }
}
