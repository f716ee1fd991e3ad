//! Bytes → a section file beside the built-in front matter → the candidates the shell is offered
//! on Tab: ids, aliases and topics, each with its description.
//!
//! No value or description may hold an unsafe character (`text::is_unsafe`): zsh, fish, elvish and
//! PowerShell draw descriptions on the terminal, and a newline would make two candidates of one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use splw::catalogue::{self, SourceFile};
use splw::cli::complete::{ids_of, topics_of};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files: Vec<SourceFile> = splw::embedded::files()
        .into_iter()
        .filter(|file| file.name.ends_with("00-front-matter.toml"))
        .collect();
    files.push(SourceFile::new("01-fuzzed.toml", text.to_string()));
    let report = catalogue::build(&files);
    if report.blocking().next().is_some() {
        return;
    }
    let catalogue = report.catalogue;
    for candidate in ids_of(&catalogue).into_iter().chain(topics_of(&catalogue)) {
        let value = candidate.get_value().to_string_lossy().into_owned();
        assert!(!splw::text::has_control(&value, false), "value {value:?}");
        if let Some(help) = candidate.get_help() {
            let help = help.to_string();
            assert!(
                !splw::text::has_control(&help, false),
                "description {help:?}"
            );
        }
    }
});
