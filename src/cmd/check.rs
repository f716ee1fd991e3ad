use std::path::Path;

use crate::catalogue;
use crate::error::Failure;
use crate::output::Output;
use crate::text::count;

/// Lists every problem in the brief, one per line; or a one-line summary when there are none.
pub fn run(dir: Option<&Path>, out: &mut Output) -> Result<(), Failure> {
    let files = match catalogue::files(dir) {
        Ok(files) => files,
        Err(Failure::Brief(problems)) => return report(&problems, out),
        Err(other) => return Err(other),
    };
    let report_ = catalogue::build(&files);
    if !report_.problems.is_empty() {
        return report(&report_.problems, out);
    }
    let c = &report_.catalogue;
    let abstracts = c
        .entries
        .iter()
        .filter(|e| e.abstract_text.is_some())
        .count();
    let dois = c.entries.iter().filter(|e| e.doi.is_some()).count();
    out.line(format!(
        "ok: {}, {}, {}, {}, {} ({})",
        count(c.entries.len(), "entry", "entries"),
        count(c.placements, "placement", "placements"),
        count(c.topics.len(), "section", "sections"),
        count(abstracts, "abstract", "abstracts"),
        count(dois, "DOI", "DOIs"),
        count(files.len(), "file", "files"),
    ))
}

fn report(problems: &[catalogue::Problem], out: &mut Output) -> Result<(), Failure> {
    for problem in problems {
        out.line(problem)?;
    }
    Err(Failure::Checked(problems.len()))
}
