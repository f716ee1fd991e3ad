//! What the shell offers on Tab: the brief's own ids, aliases and topics, through clap_complete's
//! dynamic completion. The shell runs `COMPLETE=bash splw -- splw show kiel`, so the brief is the
//! one the line being completed names (`--brief DIR`, else `SPLW_BRIEF`, else the built-in one).

use std::ffi::OsString;
use std::path::PathBuf;

use clap_complete::engine::CompletionCandidate;

use crate::catalogue::{self, Catalogue};
use crate::embedded;

/// A candidate with a brief's text as its description, which zsh, fish, elvish and PowerShell
/// draw beside it: shown escaped (`text::escape_line`), as every command shows the brief's text
/// on a terminal. (clap drops ESC sequences, but not C1 controls, bidi overrides or tags.)
fn described(value: &str, description: &str) -> CompletionCandidate {
    let description = crate::text::escape_line(description).into_owned();
    CompletionCandidate::new(value).help(Some(description.into()))
}

/// The brief the command line being completed reads, or `None` where it does not load.
pub(super) fn catalogue() -> Option<Catalogue> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let named = args.iter().enumerate().find_map(|(i, arg)| {
        let arg = arg.to_str()?;
        match arg.strip_prefix("--brief=") {
            Some(dir) => Some(PathBuf::from(dir)),
            None if arg == "--brief" => args.get(i + 1).map(PathBuf::from),
            None => None,
        }
    });
    let dir = named.or_else(|| {
        std::env::var_os("SPLW_BRIEF")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
    });
    match dir {
        Some(dir) => catalogue::load(&dir).ok(),
        None => Some(embedded::catalogue()),
    }
}

/// Entry ids, each with its title as help, then aliases.
pub fn ids() -> Vec<CompletionCandidate> {
    catalogue().map_or_else(Vec::new, |catalogue| ids_of(&catalogue))
}

/// Topic ids, each with its section's name as help.
pub fn topics() -> Vec<CompletionCandidate> {
    catalogue().map_or_else(Vec::new, |catalogue| topics_of(&catalogue))
}

/// `ids`, for this catalogue.
pub fn ids_of(catalogue: &Catalogue) -> Vec<CompletionCandidate> {
    let mut candidates: Vec<CompletionCandidate> = catalogue
        .entries
        .iter()
        .map(|entry| described(&entry.id, &entry.title))
        .collect();
    candidates.extend(catalogue.entries.iter().flat_map(|entry| {
        let to = format!("= {}", entry.id);
        entry.aliases.iter().map(move |alias| described(alias, &to))
    }));
    candidates
}

/// `topics`, for this catalogue.
pub fn topics_of(catalogue: &Catalogue) -> Vec<CompletionCandidate> {
    catalogue
        .topics
        .iter()
        .map(|topic| described(&topic.id, &topic.label))
        .collect()
}
