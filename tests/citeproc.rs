//! splw's citations against citeproc-js, the CSL processor inside Zotero and Mendeley and the
//! reference implementation of CSL, with the official styles and locales: every work alone in
//! each style, and works cited together, in the list and in the text, with the whole brief (and
//! the brief itself) registered, so that year letters and added names are the whole brief's, as
//! splw gives them in every command. Needs node with the
//! `citeproc` package on its NODE_PATH and Debian's CSL styles and locales; `.ci/run` installs
//! them, and the test prints a skip line without them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use support::{STYLES, node_has, splw};

mod support;

const CSL: &str = "/usr/share/citation-style-language";

/// Where citeproc-js and splw differ on purpose: (style, the ids cited together, why). Each must
/// still differ, or it goes.
const DIFFERENCES: &[(&str, &str, &str)] = &[
    // Cite Them Right marks an article with no volume, issue or pages "[Preprint]"; these are
    // published papers whose details the brief leaves out.
    ("harvard", "linceviciute-2023", "[Preprint]"),
    ("harvard", "wilding-2024", "[Preprint]"),
    ("harvard", "spencer-2022", "[Preprint]"),
    // Cites with the same names are grouped where the first stands, as the CSL specification's
    // cite grouping has it and pandoc does; citeproc-js's makeCitationCluster groups only cites
    // that end up adjacent.
    (
        "harvard",
        "nhse-2023a nasp-2023a nhse-2023b nasp-2023c nhs-2023",
        "cite grouping",
    ),
];

/// Works cited together: told apart by more names, by year suffixes, in each style's order.
const TOGETHER: &[&str] = &[
    "wildman-2019a wildman-2019b",
    "nhse-2023a nasp-2023a nhse-2023b nasp-2023c nhs-2023",
    "kiely-2022 nhse-2023a rhodes-2021 wildman-2019a",
    "foster-2021 moffatt-2017 elston-2019 kiely-2022 hunter-2008",
];

fn citeproc_js_is_installed() -> bool {
    let ready = node_has(&["citeproc"]) && Path::new(&format!("{CSL}/locales")).exists();
    if !ready {
        support::skip(
            "node with citeproc on NODE_PATH, or citation-style-language-locales, not installed",
        );
    }
    ready
}

#[test]
fn every_work_reads_as_citeproc_js_renders_it() {
    if !citeproc_js_is_installed() || !Path::new(&format!("{CSL}/styles")).exists() {
        return;
    }
    // The whole brief, and the brief itself: every citation is made with all of them registered.
    let mut items: Vec<serde_json::Value> =
        serde_json::from_str(&splw(&["cite", "--all", "brief", "--format", "csl-json"])).unwrap();
    // The HEE style prints abstracts, which splw's citations leave out (see the README).
    for item in &mut items {
        item.as_object_mut().unwrap().remove("abstract");
    }
    let mut groups: Vec<String> = items
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(groups.len(), 55);
    // And the whole brief, as one reference list.
    let all = groups.join(" ");
    groups.extend(TOGETHER.iter().map(|ids| ids.to_string()));
    groups.push(all.clone());
    let jobs: Vec<(&str, &str)> = STYLES
        .iter()
        .flat_map(|(style, _)| groups.iter().map(move |ids| (*style, ids.as_str())))
        .collect();
    let input = serde_json::json!({
        "items": items,
        "styles": STYLES.iter().map(|(style, file)| (*style, format!("{CSL}/styles/{file}.csl")))
            .collect::<std::collections::HashMap<_, _>>(),
        "locales": format!("{CSL}/locales"),
        "jobs": jobs.iter().map(|(style, ids)| serde_json::json!({
            "style": style,
            "ids": ids.split(' ').collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut node = Command::new("node")
        .arg(format!(
            "{}/tests/citeproc/render.js",
            env!("CARGO_MANIFEST_DIR")
        ))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    node.stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results.len(), jobs.len());

    let mut differ = Vec::new();
    let mut stale = Vec::new();
    for ((style, ids), result) in jobs.iter().zip(&results) {
        let bib: Vec<&str> = result["bib"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry.as_str().unwrap())
            .collect();
        let theirs = (
            result["cites"][0].as_str().unwrap().to_string(),
            bib.join("\n"),
        );
        let mut args = vec!["cite"];
        args.extend(ids.split(' '));
        args.extend(["--style", style]);
        let reference = splw(&args);
        if *ids == all {
            // The whole list, line by line: the same order, suffixes and names, but for the
            // works whose own references differ on purpose.
            let excepted: Vec<String> = DIFFERENCES
                .iter()
                .filter(|(s, id, _)| (*s == "*" || s == style) && !id.contains(' '))
                .map(|(_, id, _)| {
                    let alone = splw(&["cite", id, "--style", style]);
                    alone.strip_prefix("1. ").unwrap_or(&alone).to_string()
                })
                .collect();
            let excepted = |line: &str| excepted.iter().any(|alone| line.ends_with(alone));
            let lines: Vec<&str> = reference.lines().collect();
            assert_eq!(lines.len(), bib.len(), "{style}");
            for (ours, theirs) in lines.iter().zip(&bib) {
                if ours != theirs && !excepted(ours) {
                    differ.push(format!(
                        "{style} list:\n  citeproc-js {theirs}\n  splw        {ours}"
                    ));
                }
            }
            continue;
        }
        args.push("--in-text");
        let ours = (splw(&args), reference);
        let expected_difference = DIFFERENCES
            .iter()
            .any(|(s, i, _)| (*s == "*" || s == style) && i == ids);
        match (ours == theirs, expected_difference) {
            (true, true) => stale.push(format!("{style} {ids}")),
            (false, false) => differ.push(format!(
                "{style} {ids}:\n  citeproc-js {}\n{}\n  splw        {}\n{}",
                theirs.0, theirs.1, ours.0, ours.1
            )),
            _ => {}
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(stale.is_empty(), "no longer differ: {stale:?}");
}
