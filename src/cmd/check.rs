use std::path::Path;

use crate::catalogue::{self, Catalogue, Problem, Severity};
use crate::embedded;
use crate::error::Failure;
use crate::output::Output;
use crate::text::{count, escape_line};

/// Lists every problem in the brief, one per line, errors before warnings; then a one-line
/// summary when nothing blocks the brief.
pub fn run(dir: Option<&Path>, out: &mut Output) -> Result<(), Failure> {
    let Some(dir) = dir else {
        // The built-in brief passed this same check, warnings included, when splw was built
        // (build.rs fails on any problem): its catalogue is the one the check made.
        return summary(embedded::shared(), 0, embedded::FILES.len(), out);
    };
    let files = match catalogue::read_dir(dir) {
        Ok(files) => files,
        Err(problems) => return report(&problems, out),
    };
    let checked = catalogue::build(&files);
    let (warnings, errors): (Vec<Problem>, Vec<Problem>) = checked
        .problems
        .into_iter()
        .partition(|p| p.severity == Severity::Warning);
    if !errors.is_empty() {
        // Warnings after the errors: what must be fixed comes first.
        return report(&[errors, warnings].concat(), out);
    }
    for problem in &warnings {
        write_problem(problem, out)?;
    }
    summary(&checked.catalogue, warnings.len(), files.len(), out)
}

/// The line that says the brief is usable, and what it holds.
fn summary(c: &Catalogue, warnings: usize, files: usize, out: &mut Output) -> Result<(), Failure> {
    let abstracts = c
        .entries
        .iter()
        .filter(|e| e.abstract_text.is_some())
        .count();
    let dois = c.entries.iter().filter(|e| e.doi.is_some()).count();
    let warned = if warnings == 0 {
        String::new()
    } else {
        format!(", with {}", count(warnings, "warning", "warnings"))
    };
    out.line(format!(
        "ok: {}, {}, {}, {}, {} ({}){warned}",
        count(c.entries.len(), "entry", "entries"),
        count(c.placements, "placement", "placements"),
        count(c.topics.len(), "section", "sections"),
        count(abstracts, "abstract", "abstracts"),
        count(dois, "DOI", "DOIs"),
        count(files, "file", "files"),
    ))
}

/// The problems, then the failure that counts the errors among them.
fn report(problems: &[Problem], out: &mut Output) -> Result<(), Failure> {
    for problem in problems {
        write_problem(problem, out)?;
    }
    let warnings = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .count();
    Err(Failure::Checked {
        errors: problems.len() - warnings,
        warnings,
    })
}

/// A problem on one line, whatever its file's name or the brief's text holds: they are shown
/// escaped, as every other command shows them.
fn write_problem(problem: &Problem, out: &mut Output) -> Result<(), Failure> {
    out.line(escape_line(&problem.to_string()))
}
