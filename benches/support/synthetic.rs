//! A brief of any size, for benchmarks and tests: the real brief's entries (`brief/*.toml`, read
//! when called) repeated in copies, under new ids that still follow brief/README.md's id rule.
//!
//! Copy 0 is the real brief. In copy k ≥ 1 section `loneliness` is `loneliness-k`, as are the
//! topics naming it and a signpost's id (its section's); aliases are dropped; other ids get k's
//! tag after their prefix, as does a first author's family name if a person's (in copy 1,
//! `kiely-2022` by Kiely is `kielyzb-2022` by Kielyzb). `toml_edit` keeps the files as they are
//! written. Deterministic. Included with `#[path]` by `examples/gen_brief.rs`,
//! `benches/splw.rs` and the tests.
#![allow(dead_code)] // each includer uses part of it

use std::{collections::HashSet, fs, io, path::Path};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

const BRIEF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/brief");

/// How the entries are shared out among files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One file per section per copy, like the real brief.
    Sections,
    /// One file per entry: a `[section]` of its own (`s-000123`) with one `[[entry]]`.
    OneEntryPerFile,
}

/// A brief of exactly `entries` entries (whole copies of the real brief's 57, then cut at
/// `entries`), as (file name, TOML text) pairs, front matter first.
#[allow(clippy::expect_used)] // for benches and tests: brief/ is the crate's own data, built in
pub fn files(entries: usize, layout: Layout) -> Vec<(String, String)> {
    build(entries, layout).expect("the real brief is read from brief/")
}

/// Writes [`files`] into `dir`, creating it if need be.
pub fn write(entries: usize, layout: Layout, dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, text) in build(entries, layout)? {
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn build(entries: usize, layout: Layout) -> io::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    let sections = read_brief(&mut files)?;
    let (mut docs, mut seen) = (Vec::<(String, Table, ArrayOfTables)>::new(), HashSet::new());
    // Each copy adds entries, so `entries` + 1 copies are always enough.
    'copies: for k in 0..=entries {
        for (name, doc) in &sections {
            let section = doc.get("section").and_then(Item::as_table);
            let mut section = section.cloned().unwrap_or_default();
            let mut name = name.clone();
            if k > 0 {
                name = format!("c{k:05}-{name}");
                section.insert("id", value(format!("{}-{k}", text(&section, "id"))));
                let title = format!("{} (copy {k})", text(&section, "title"));
                section.insert("title", value(title));
            }
            let list = doc.get("entry").and_then(Item::as_array_of_tables);
            for mut entry in list.into_iter().flat_map(ArrayOfTables::iter).cloned() {
                if k > 0 {
                    rename(&mut entry, k);
                }
                // An entry in two sections is one entry, in both sections' files.
                let id = text(&entry, "id").to_string();
                if !seen.contains(&id) && seen.len() == entries {
                    break 'copies;
                }
                let repeat = !seen.insert(id);
                let (mut name, mut section) = (name.clone(), section.clone());
                if layout == Layout::OneEntryPerFile {
                    if repeat {
                        continue;
                    }
                    let own = format!("s-{:06}", seen.len());
                    if is_signpost(&entry) {
                        entry.insert("id", value(&own));
                    }
                    entry.insert("topics", value(Array::from_iter([&own])));
                    section.insert("id", value(&own));
                    name = format!("{own}.toml");
                }
                match docs.last_mut() {
                    Some((last, _, list)) if *last == name => list.push(entry),
                    _ => docs.push((name, section, ArrayOfTables::from_iter([entry]))),
                }
            }
        }
    }
    // A cut copy may lack sections that its entries name as further topics.
    let known: HashSet<String> = docs.iter().map(|(_, s, _)| text(s, "id").into()).collect();
    for (name, section, mut list) in docs {
        let topics = list
            .iter_mut()
            .filter_map(|e| e.get_mut("topics")?.as_array_mut());
        topics.for_each(|list| list.retain(|t| t.as_str().is_some_and(|t| known.contains(t))));
        let mut doc = DocumentMut::new();
        doc.insert("section", Item::Table(section));
        doc.insert("entry", Item::ArrayOfTables(list));
        files.push((name, doc.to_string()));
    }
    Ok(files)
}

/// The real brief's section files, parsed; its front matter goes to `files` as written.
fn read_brief(files: &mut Vec<(String, String)>) -> io::Result<Vec<(String, DocumentMut)>> {
    let mut names = fs::read_dir(BRIEF)?
        .map(|item| Ok(item?.file_name().to_string_lossy().into_owned()))
        .collect::<io::Result<Vec<_>>>()?;
    names.retain(|name| name.ends_with(".toml"));
    names.sort();
    let mut sections = Vec::new();
    for name in names {
        let text = fs::read_to_string(Path::new(BRIEF).join(&name))?;
        let doc: DocumentMut = text.parse().map_err(io::Error::other)?;
        match doc.contains_key("brief") {
            true => files.push((name, text)),
            false => sections.push((name, doc)),
        }
    }
    Ok(sections)
}

/// An entry of copy k (k ≥ 1): new id, tagged first author, topics in copy k, no aliases.
fn rename(entry: &mut Table, k: usize) {
    let (id, tag) = (text(entry, "id"), tag(k));
    let id = match id.rsplit_once('-') {
        _ if is_signpost(entry) => format!("{id}-{k}"),
        Some((prefix, year)) => format!("{prefix}{tag}-{year}"),
        None => format!("{id}{tag}"),
    };
    entry.insert("id", value(id));
    entry.remove("aliases");
    let authors = entry.get_mut("authors").and_then(Item::as_array_mut);
    let first = authors.and_then(|list| list.get_mut(0)?.as_inline_table_mut());
    if let Some(family) = first.and_then(|author| author.get_mut("family")) {
        *family = format!("{}{tag}", family.as_str().unwrap_or_default()).into();
    }
    let topics = entry.get_mut("topics").and_then(Item::as_array_mut);
    for topic in topics.into_iter().flat_map(|list| list.iter_mut()) {
        *topic = format!("{}-{k}", topic.as_str().unwrap_or_default()).into();
    }
}

/// `z`, then k in base 25 with the letters `a` to `y` (1 is `zb`, 25 is `zba`): as no tag ends
/// another, no two copies' ids are the same.
fn tag(k: usize) -> String {
    let digit = char::from(b'a' + (k % 25) as u8);
    let head = if k < 25 { "z".into() } else { tag(k / 25) };
    format!("{head}{digit}")
}

fn is_signpost(entry: &Table) -> bool {
    let year_or_authors = entry.contains_key("year") || entry.contains_key("authors");
    text(entry, "kind") == "signpost" && !year_or_authors
}

fn text<'a>(table: &'a Table, key: &str) -> &'a str {
    table.get(key).and_then(Item::as_str).unwrap_or_default()
}
