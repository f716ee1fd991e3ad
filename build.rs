//! Builds the brief into the binary, checked and already parsed.
//!
//! The build runs the same loader as `splw check` (compiled in here from `src/`) over
//! `brief/*.toml`, fails on any problem, and writes:
//! - `embedded.rs`: each file's name and text, for `splw check` and `--brief`-free reports;
//! - `catalogue.rs`: Rust code that constructs the loaded `Catalogue`, so that `splw` starts
//!   without parsing TOML (parsing the brief costs about a millisecond, most of a run).

// The loader's helpers that only the binary uses are compiled here too.
#![allow(dead_code)]

#[path = "src/parallel.rs"]
mod parallel;
#[path = "src/text.rs"]
mod text;

// At the crate root, as `load.rs` reaches the model as `super::model`.
#[path = "src/catalogue/load.rs"]
mod load;
#[path = "src/catalogue/model.rs"]
mod model;
#[path = "src/catalogue/plain_toml.rs"]
mod plain_toml;

use std::fmt::Write;
use std::path::Path;
use std::{env, fs};

use load::{SourceFile, build};
use model::{Author, Catalogue, Entry};

fn main() {
    println!("cargo::rerun-if-changed=brief");
    for source in [
        "src/parallel.rs",
        "src/text.rs",
        "src/catalogue/load.rs",
        "src/catalogue/model.rs",
        "src/catalogue/plain_toml.rs",
    ] {
        println!("cargo::rerun-if-changed={source}");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("brief");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|listing| {
            listing
                .filter_map(Result::ok)
                .map(|item| item.file_name().to_string_lossy().into_owned())
                // As the loader reads a folder: .toml files, not hidden ones (an editor's locks).
                .filter(|name| name.ends_with(".toml") && !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();

    let mut files = Vec::new();
    let mut embedded = String::from("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    for name in names {
        let path = dir.join(&name);
        let shown = format!("brief/{name}");
        let _ = writeln!(
            embedded,
            "    ({shown:?}, include_str!({:?})),",
            path.display().to_string()
        );
        match fs::read_to_string(&path) {
            Ok(text) => files.push(SourceFile { name: shown, text }),
            Err(error) => fail(&format!("{shown}: cannot read: {error}")),
        }
    }
    embedded.push_str("];\n");

    let report = build(&files);
    let blocking: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.blocking)
        .map(ToString::to_string)
        .collect();
    if !blocking.is_empty() {
        fail(&format!(
            "the built-in brief has problems:\n{}",
            blocking.join("\n")
        ));
    }

    let out = Path::new(&env::var("OUT_DIR").unwrap_or_default()).to_path_buf();
    for (name, code) in [
        ("embedded.rs", embedded),
        ("catalogue.rs", constructor(&report.catalogue)),
    ] {
        if let Err(error) = fs::write(out.join(name), code) {
            fail(&format!("cannot write {name}: {error}"));
        }
    }
}

fn fail(message: &str) {
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}

/// `fn catalogue() -> Catalogue`, building the catalogue field by field.
fn constructor(c: &Catalogue) -> String {
    let b = &c.brief;
    let mut code = String::from("pub fn catalogue() -> Catalogue {\n    Catalogue {\n");
    let _ = writeln!(
        code,
        "        brief: Brief {{ title: {}, author: {}, year: {}, month: {}, publisher: {}, place: {}, \
         produced_by: {}, purpose: {}, acknowledgement: {}, updates: {}, access_help: {}, contact: {} }},",
        s(&b.title),
        s(&b.author),
        b.year,
        b.month,
        s(&b.publisher),
        s(&b.place),
        s(&b.produced_by),
        s(&b.purpose),
        s(&b.acknowledgement),
        s(&b.updates),
        s(&b.access_help),
        s(&b.contact),
    );
    code.push_str("        topics: vec![\n");
    for t in &c.topics {
        let _ = writeln!(
            code,
            "            Topic {{ id: {}, label: {}, group: {}, page: {:?}, count: {} }},",
            s(&t.id),
            s(&t.label),
            opt(&t.group),
            t.page,
            t.count
        );
    }
    code.push_str("        ],\n        entries: vec![\n");
    for e in &c.entries {
        code.push_str(&entry(e));
    }
    let _ = writeln!(
        code,
        "        ],\n        placements: {},\n    }}\n}}",
        c.placements
    );
    code
}

fn entry(e: &Entry) -> String {
    let authors: Vec<String> = e
        .authors
        .iter()
        .map(|a| match a {
            Author::Person { family, given } => {
                format!(
                    "Author::Person {{ family: {}, given: {} }}",
                    s(family),
                    opt(given)
                )
            }
            Author::Organisation { literal } => {
                format!("Author::Organisation {{ literal: {} }}", s(literal))
            }
        })
        .collect();
    let list = |items: &[String]| items.iter().map(|i| s(i)).collect::<Vec<_>>().join(", ");
    let enriched: Vec<String> = e
        .enriched
        .iter()
        .map(|f| format!("Enriched::{f:?}"))
        .collect();
    format!(
        "            Entry {{ id: {}, aliases: vec![{}], title: {}, kind: Kind::{:?}, authors: vec![{}], \
         et_al: {}, year: {:?}, month: {:?}, source: {}, journal: {}, volume: {}, issue: {}, pages: {}, \
         doi: {}, topics: vec![{}], access: {}, abstract_text: {}, notes: {}, enriched: vec![{}] }},\n",
        s(&e.id),
        list(&e.aliases),
        s(&e.title),
        e.kind,
        authors.join(", "),
        e.et_al,
        e.year,
        e.month,
        opt(&e.source),
        opt(&e.journal),
        opt(&e.volume),
        opt(&e.issue),
        opt(&e.pages),
        opt(&e.doi),
        list(&e.topics),
        e.access
            .map_or("None".to_string(), |a| format!("Some(Access::{a:?})")),
        opt(&e.abstract_text),
        opt(&e.notes),
        enriched.join(", "),
    )
}

/// A Rust expression for an owned string: `String::from("…")`, escaped by `{:?}`.
fn s(text: &str) -> String {
    format!("String::from({text:?})")
}

fn opt(text: &Option<String>) -> String {
    text.as_deref()
        .map_or("None".to_string(), |t| format!("Some({})", s(t)))
}
