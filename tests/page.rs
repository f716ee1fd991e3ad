//! `splw page`: the HTML parses as HTML5 with no error, holds every work chosen, needs nothing
//! from the network, and keeps a hostile brief's text as text; and in headless Chromium (through
//! `tests/page/browser.js`) it works without JavaScript, and with it searches, filters, copies,
//! downloads and passes axe-core. The browser test needs node with puppeteer-core and axe-core on
//! its NODE_PATH, and Chromium: `.ci/run` installs them, and the test prints a skip line without
//! them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};

use base64::Engine as _;
use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document, tree_builder::TreeBuilderOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use sha2::{Digest, Sha256};
use support::{node_has, path_with_splw, readme_blocks, splw, splw_raw};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-page");

/// The page parsed as a browser parses it, failing on any parse error.
fn parsed(html: &str) -> RcDom {
    let options = ParseOpts {
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let dom = parse_document(RcDom::default(), options)
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    assert_eq!(*dom.errors.borrow(), Vec::<std::borrow::Cow<str>>::new());
    dom
}

/// An element: its name, attributes and text (the text of its descendants, joined).
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every element of the document, in order.
fn elements(dom: &RcDom) -> Vec<Element> {
    fn text(node: &Handle, into: &mut String) {
        match &node.data {
            NodeData::Text { contents } => into.push_str(&contents.borrow()),
            _ => node.children.borrow().iter().for_each(|c| text(c, into)),
        }
    }
    fn walk(node: &Handle, into: &mut Vec<Element>) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let mut inner = String::new();
            text(node, &mut inner);
            into.push(Element {
                name: name.local.to_string(),
                attributes: attrs
                    .borrow()
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
                text: inner,
            });
        }
        node.children.borrow().iter().for_each(|c| walk(c, into));
    }
    let mut all = Vec::new();
    walk(&dom.document, &mut all);
    all
}

fn ids_of(listing: &str) -> Vec<String> {
    listing
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect()
}

fn works(all: &[Element]) -> Vec<&str> {
    all.iter()
        .filter(|e| e.name == "article")
        .map(|e| e.attribute("id").unwrap())
        .collect()
}

/// What holds of every page: one document, nothing from elsewhere, a policy that names the
/// page's own style and script, unique ids, and links only to the web.
fn check_self_contained(all: &[Element]) {
    let scripts: Vec<&Element> = all.iter().filter(|e| e.name == "script").collect();
    let styles: Vec<&Element> = all.iter().filter(|e| e.name == "style").collect();
    assert_eq!(scripts.len(), 3);
    for data in &scripts[..2] {
        assert_eq!(data.attribute("type"), Some("application/json"));
    }
    assert_eq!(scripts[2].attributes, []);
    assert_eq!(styles.len(), 1);
    let hash = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    let policy = all
        .iter()
        .find(|e| e.attribute("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|e| e.attribute("content"))
        .unwrap();
    assert_eq!(
        policy,
        format!(
            "default-src 'none'; script-src {}; style-src {}; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'",
            hash(&scripts[2].text),
            hash(&styles[0].text)
        )
    );
    for element in all {
        for (name, value) in &element.attributes {
            assert!(!name.starts_with("on"), "{}: {name}", element.name);
            assert_ne!(name, "style", "{}", element.name);
            assert!(
                !matches!(name.as_str(), "src" | "srcset" | "action"),
                "{name}"
            );
            if name == "href" {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with('#'),
                    "{value}"
                );
            }
        }
        assert!(
            !matches!(
                element.name.as_str(),
                "link" | "img" | "iframe" | "object" | "embed" | "svg" | "base"
            ),
            "{}",
            element.name
        );
    }
    let ids: Vec<&str> = all.iter().filter_map(|e| e.attribute("id")).collect();
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
}

#[test]
fn the_whole_brief_is_valid_html5_and_holds_every_entry() {
    let html = splw_raw(&["page"]);
    assert!(html.len() < 1_000_000, "{} bytes", html.len());
    let all = elements(&parsed(&html));
    check_self_contained(&all);
    let listed = ids_of(&splw(&["list", "--layout", "plain"]));
    let mut shown: Vec<&str> = works(&all);
    assert_eq!(shown.len(), 57);
    shown.sort_unstable();
    let mut expected: Vec<&str> = listed.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(shown, expected);
    // The one work the brief lists twice is pointed to from its second section.
    let pointers: Vec<&str> = all
        .iter()
        .filter(|e| e.attribute("class") == Some("pointer"))
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(pointers.len(), 1, "{pointers:?}");
    // A volume and pages from a checked record are said to be.
    let elston = all
        .iter()
        .find(|e| e.attribute("class") == Some("meta") && e.text.contains("Primary Health Care"))
        .unwrap();
    assert_eq!(
        elston.text,
        "September 2019 · Primary Health Care Research & Development 20, p. e135 \
         (volume and pages from a checked record, not the brief) · journal article"
    );
    // The front matter heads the page; each work's citation is the one `cite` gives.
    let h1 = all.iter().find(|e| e.name == "h1").unwrap();
    assert_eq!(h1.text, "Evidence Brief: Social Prescribing Link Workers");
    let kiely = all
        .iter()
        .find(|e| {
            e.attribute("data-style") == Some("harvard")
                && e.text.starts_with("Kiely, B. et al. (2022)")
        })
        .unwrap();
    assert_eq!(kiely.text, splw(&["cite", "kiely-2022"]));
}

#[test]
fn a_reading_list_holds_just_its_selection() {
    let html = splw_raw(&["page", "--topic", "loneliness"]);
    let all = elements(&parsed(&html));
    check_self_contained(&all);
    let listed = ids_of(&splw(&[
        "list",
        "--topic",
        "loneliness",
        "--layout",
        "plain",
    ]));
    let mut shown = works(&all);
    shown.sort_unstable();
    let mut expected: Vec<&str> = listed.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(shown, expected);
    let selection = all
        .iter()
        .find(|e| e.attribute("class") == Some("selection"))
        .unwrap();
    assert_eq!(
        selection.text,
        format!(
            "{} works of the brief's 57, chosen with splw page --topic loneliness",
            listed.len()
        )
    );
}

#[test]
fn a_hostile_brief_stays_text() {
    let html = splw_raw(&["page", "--brief", HOSTILE]);
    let all = elements(&parsed(&html));
    check_self_contained(&all);
    let title = "<img src=x onerror=\"window.pwned=true;alert(1)\"><script>window.pwned=true;alert(2)</script>";
    let h1 = all.iter().find(|e| e.name == "h1").unwrap();
    assert_eq!(h1.text, title);
    let h4 = all.iter().find(|e| e.name == "h4").unwrap();
    assert_eq!(h4.text, title);
    assert_eq!(all.iter().filter(|e| e.name == "style").count(), 1);
    assert_eq!(all.iter().filter(|e| e.name == "b").count(), 0);
    // Works whose ids are names the page could have used for itself stand as works.
    assert_eq!(works(&all), ["bold-2024", "page-2023", "splw-data", "main"]);
}

/// `docs/brief.html` is the page of the built-in brief, committed for people who will never
/// open a terminal (the README links to it): it must be exactly what `splw page` writes.
#[test]
fn the_committed_page_is_what_splw_page_writes() {
    let committed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/brief.html")).unwrap();
    assert!(
        committed == splw_raw(&["page"]).into_bytes(),
        "docs/brief.html is not what `splw page` writes: run `cargo run --release -- page -o \
         docs/brief.html`, and read the diff"
    );
}

#[test]
fn writes_to_a_file_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.html");
    let out = Command::new(assert_cmd::cargo::cargo_bin("splw"))
        .args(["page", "--kind", "report", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, b"");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        splw_raw(&["page", "--kind", "report"])
    );

    let missing = dir.path().join("no-such-folder/list.html");
    let out = Command::new(assert_cmd::cargo::cargo_bin("splw"))
        .args(["page", "-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: cannot write `{}`: No such file or directory\n",
            missing.display()
        )
    );
}

/// What `tests/page/browser.js` prints in `mode` for these files; it must succeed.
fn browser(mode: &str, files: &[std::path::PathBuf]) -> String {
    let out = Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/page/browser.js"
        ))
        .arg(mode)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Chromium and node's packages, or a skip line.
fn browser_is_installed() -> bool {
    let chromium = std::env::var("SPLW_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = node_has(&["puppeteer-core", "axe-core"]) && Path::new(&chromium).exists();
    if !ready {
        eprintln!(
            "skip: Chromium ({chromium}), or node with puppeteer-core and axe-core on NODE_PATH, not installed"
        );
    }
    ready
}

#[test]
fn in_a_browser_it_works_offline_with_and_without_javascript() {
    if !browser_is_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let hostile = dir.path().join("hostile.html");
    std::fs::write(&page, splw_raw(&["page"])).unwrap();
    std::fs::write(&hostile, splw_raw(&["page", "--brief", HOSTILE])).unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&browser("check", &[page, hostile])).unwrap();
    let ids = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap().to_string())
            .collect()
    };
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };
    let nothing = serde_json::json!([]);

    // Without JavaScript, every work shows, and the controls that need it do not.
    assert_eq!(
        report["without_js"],
        serde_json::json!({"works": 57, "shown": 57, "tools_shown": false, "requests": []})
    );
    // With it: no request but the page, no console error, and no axe violation.
    assert_eq!(report["requests"], nothing);
    assert_eq!(report["errors"], nothing);
    assert_eq!(report["loaded"]["axe"], nothing);
    assert_eq!(report["loaded"]["count"], "57 works");

    // In dark mode too; and at 320 pixels nothing is wider than the screen.
    assert_eq!(report["dark_axe"], nothing);
    assert_eq!(report["narrow"], 320);
    // Every kind of control is reached with Tab, and shows where the focus is.
    let reached = ids(&report["keyboard"]["reached"]);
    for control in [
        "a Skip to the search",
        "a Skip to the works",
        "map button",
        "#page_q",
        "summary Filters",
        "#f_topic",
        "#f_from",
        "#f_to",
        "#f_kind",
        "#f_design",
        "#f_country",
        "#f_access",
        "#f_listed",
        "#page_clear",
        "#page_style",
        "#dl_bibtex",
        "copy reference",
        "copy in-text",
        "a https://doi.org/10.1136/bmjope",
    ] {
        assert!(
            reached.iter().any(|r| r == control),
            "{control}: {reached:?}"
        );
    }
    assert!(reached.iter().any(|r| r.starts_with("summary Abstract: ")));
    assert_eq!(report["keyboard"]["unmarked"], nothing);
    // On paper: the works, without the controls, the map or the abstracts.
    assert_eq!(
        report["print"],
        serde_json::json!({"hidden": ["#page_tools", ".map", ".copy", "details"], "works": 57})
    );

    // A misspelt word narrows the list to what `find` finds for it.
    let found = sorted(ids_of(&splw(&["find", "lonliness", "--layout", "plain"])));
    assert_eq!(sorted(ids(&report["typo"]["shown"])), found);
    assert_eq!(
        report["typo"]["count"],
        format!("{} of 57 works shown", found.len())
    );

    // A filter selects what `list` does, and its address opens the same view.
    let reports = ids_of(&splw(&["list", "--kind", "report", "--layout", "plain"]));
    assert_eq!(report["filter"]["hash"], "#kind=report");
    assert_eq!(
        sorted(ids(&report["filter"]["shown"])),
        sorted(reports.clone())
    );
    assert_eq!(
        report["filter"]["reopened"]["shown"],
        report["filter"]["shown"]
    );
    assert_eq!(report["filter"]["reopened"]["kind"], "report");
    // Its downloads are the files `cite` writes for the same works.
    for format in ["bibtex", "ris", "csl"] {
        let name = if format == "csl" { "csl-json" } else { format };
        assert_eq!(
            report["download"][format],
            splw_raw(&["cite", "--kind", "report", "--format", name]),
            "{format}"
        );
    }

    // A copy button puts the citation `cite` gives on the clipboard.
    assert_eq!(
        report["copy"]["clipboard"],
        splw(&["cite", "kiely-2022", "--style", "apa"])
    );
    assert_eq!(
        report["copy"]["in_text"],
        splw(&["cite", "kiely-2022", "--style", "apa", "--in-text"])
    );
    assert_eq!(
        report["copy"]["announced"],
        "Copied the APA reference for kiely-2022."
    );

    // A cell of the evidence map lists its works, as `list` with the same filters does.
    assert_eq!(
        report["map"]["hash"],
        "#topic=loneliness&design=before-after&style=apa"
    );
    assert_eq!(
        sorted(ids(&report["map"]["shown"])),
        sorted(ids_of(&splw(&[
            "list",
            "--topic",
            "loneliness",
            "--design",
            "before-after",
            "--layout",
            "plain"
        ])))
    );

    // A hostile brief: its title is text, and nothing of it runs or loads.
    assert_eq!(
        report["hostile"],
        serde_json::json!({
            "dialogs": [],
            "errors": [],
            "requests": [],
            "pwned": false,
            "count": "4 works",
            "tools_shown": true,
            "title": "<img src=x onerror=\"window.pwned=true;alert(1)\"><script>window.pwned=true;alert(2)</script>",
            "scripts": 3,
            "images": 0,
        })
    );
}

#[test]
fn pages_pass_the_html5_validator() {
    if !node_has(&["html-validate"]) {
        eprintln!("skip: node with html-validate on NODE_PATH not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, args) in [
        ("page.html", vec!["page"]),
        ("loneliness.html", vec!["page", "--topic", "loneliness"]),
        ("hostile.html", vec!["page", "--brief", HOSTILE]),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, splw_raw(&args)).unwrap();
        files.push(file);
    }
    assert_eq!(browser("validate", &files), "");
}

/// The README's "A web page to share", run as written: the whole brief and a reading list.
#[test]
fn the_readmes_pages_are_made_as_written() {
    let blocks = readme_blocks("A web page to share");
    let scripts: Vec<&String> = blocks
        .iter()
        .filter(|(language, _)| language == "sh")
        .map(|(_, body)| body)
        .collect();
    assert_eq!(scripts.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .args(["-e", "-c", scripts[0]])
        .current_dir(dir.path())
        .env("PATH", path_with_splw())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let brief = std::fs::read_to_string(dir.path().join("brief.html")).unwrap();
    assert_eq!(works(&elements(&parsed(&brief))).len(), 57);
    let list = std::fs::read_to_string(dir.path().join("reading-list.html")).unwrap();
    let mut shown = works(&elements(&parsed(&list)))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    shown.sort();
    let mut expected = ids_of(&splw(&[
        "list",
        "--topic",
        "loneliness",
        "--layout",
        "plain",
    ]));
    expected.sort();
    assert_eq!(shown, expected);
}

/// On a terminal, with no `-o`, the page is not poured onto the screen: a usage error says where
/// to put it. (Run on a pseudo-terminal made by `script`.)
#[cfg(unix)]
#[test]
fn a_page_is_not_written_to_a_terminal() {
    let script = Command::new("script")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !script {
        eprintln!("skip: script (util-linux) not installed, so no terminal to run splw in");
        return;
    }
    let splw = assert_cmd::cargo::cargo_bin("splw");
    let out = Command::new("script")
        .args(["-qec", &format!("{} page", splw.display()), "/dev/null"])
        .env("COLUMNS", "200")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "error: `splw page` writes a web page: give a file with `-o brief.html`, or redirect it, as in `splw page > brief.html`\r\n"
    );
}

/// Every brief that loads gives a valid, self-contained page: one with control characters, bidi
/// overrides and invisible characters in its text among them (shown escaped, as on a terminal).
#[test]
fn every_fixture_brief_gives_a_valid_page() {
    for fixture in ["valid", "other-brief", "control-characters", "id-rule"] {
        let dir = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
        let html = splw_raw(&["page", "--brief", &dir]);
        let all = elements(&parsed(&html));
        check_self_contained(&all);
        let listed = ids_of(&splw(&["list", "--brief", &dir, "--layout", "plain"]));
        let mut shown = works(&all);
        shown.sort_unstable();
        let mut expected: Vec<&str> = listed.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(shown, expected, "{fixture}");
    }
}
