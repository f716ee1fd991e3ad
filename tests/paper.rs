//! A paper, written as a researcher would write it, put through every route the README names:
//! citeproc-js, pandoc (to plain text and to .docx), biblatex with biber (`authoryear` and
//! `biblatex-apa`), BibTeX (`plain`, `plainnat`, `apalike`) and Zotero's own import translators.
//! It cites 29 references (28 works and the brief itself) in 13 clusters and one narrative
//! citation, among them full author lists, lists the brief cuts short ("Baird et al."),
//! organisations, works of one author and year, undated works, web pages and networks.
//!
//! Each route is compared with `splw cite` for the same works. What a route prints differently
//! is either splw's to fix (the test fails) or named in `DIFFERENCES`, with the tool's version;
//! each named difference must still be there, or it goes. The counts of
//! what equals splw's text are printed. A route whose tool is missing prints a skip line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use support::{STYLES, node_has, splw, splw_raw};
use tempfile::TempDir;

mod support;

const CSL: &str = "/usr/share/citation-style-language";

/// The paper, in pandoc's Markdown: each `[@…]` is a cluster, and `@kiely-2021` alone a
/// narrative citation.
const PAPER: &str = "\
Social prescribing link workers connect people with support in their community \
[@nhse-2023b; @nhs-2023; @baird-2022]. Reviews find the evidence of their effect mixed \
[@kiely-2022; @sandhu-2022], and @kiely-2021 piloted them for people with many conditions.

Link workers find the role demanding [@rhodes-2021; @moore-2023; @hazeldine-2021] and want \
training [@spencer-2022; @corline-2023]. Clients' engagement depends on the link worker \
[@wildman-2019a; @wildman-2019b], and a holistic role can improve well-being [@elston-2019]. \
In mental health, link workers go back years [@evans-2014; @hunter-2008].

National bodies set out the role [@nhse-2023a; @nasp-2023a; @nasp-2023b; @nasp-2023c], say who \
link workers are [@nasp-nda; @nasp-ndb] and set standards for them \
[@nalw-2020; @nalw-2022; @nalw-nd]. Networks and courses support them [@nhse-ndb; @elfh-nd], and \
case studies show the work [@tphc-nd]. The evidence is gathered in one brief [@brief].
";

/// The paper's clusters, in order, and its one narrative citation.
fn clusters() -> (Vec<Vec<String>>, String) {
    let cluster = regex_lite::Regex::new(r"\[(@[^\]]+)\]").unwrap();
    let clusters: Vec<Vec<String>> = cluster
        .captures_iter(PAPER)
        .map(|c| {
            c[1].split(';')
                .map(|key| key.trim().trim_start_matches('@').to_string())
                .collect()
        })
        .collect();
    let bare = cluster.replace_all(PAPER, "");
    let narrative = regex_lite::Regex::new(r"@([a-z0-9-]+)").unwrap();
    let narrative = narrative.captures(&bare).unwrap()[1].to_string();
    (clusters, narrative)
}

/// Every reference, in the order first cited: each cluster's works, and the narrative one
/// where it stands.
fn references() -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let key = regex_lite::Regex::new(r"@([a-z0-9-]+)").unwrap();
    for c in key.captures_iter(PAPER) {
        if !ids.contains(&c[1].to_string()) {
            ids.push(c[1].to_string());
        }
    }
    ids
}

#[test]
fn the_paper_cites_29_references_in_13_clusters_and_one_narrative_citation() {
    let (clusters, narrative) = clusters();
    assert_eq!(clusters.len(), 13);
    assert_eq!(narrative, "kiely-2021");
    assert_eq!(references().len(), 29);
}

/// What splw prints for the paper in a style: its reference list, line by line (without a
/// numbered style's numbers), and each cluster.
fn splws(style: &str) -> (Vec<String>, Vec<String>) {
    let ids = references();
    let mut args = vec!["cite"];
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--style", style]);
    let list = splw(&args)
        .lines()
        .map(|line| unnumbered(line).to_string())
        .collect();
    let cites = clusters()
        .0
        .iter()
        .map(|cluster| {
            let mut args = vec!["cite"];
            args.extend(cluster.iter().map(String::as_str));
            args.extend(["--in-text", "--style", style]);
            splw(&args)
        })
        .collect();
    (list, cites)
}

fn unnumbered(line: &str) -> &str {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => line,
    }
}

/// Where a route prints the paper otherwise than splw, and why: (route, style, what differs: a
/// reference's or a cluster's first words as splw prints them, why, with the tool's version).
/// All are the consumer's doing but the letters pandoc works out for the works one document
/// cites, which is what an export without letters is for (README).
const DIFFERENCES: &[(&str, &str, &str, &str)] = &[
    (
        "citeproc-js",
        "harvard",
        "Spencer, L.H., Lynch, M. and Makanjuola, A. (2022)",
        "Cite Them Right's CSL marks an article with no volume, issue or pages \"[Preprint]\" \
         (citeproc-js 2.4.63); the brief gives none for this Lancet abstract, which is published",
    ),
    (
        "pandoc",
        "harvard",
        "Spencer, L.H., Lynch, M. and Makanjuola, A. (2022)",
        "\"[Preprint]\", as citeproc-js (pandoc 2.17.1.1)",
    ),
    (
        "pandoc",
        "*",
        "Sandhu et al.",
        "an en dash in e3761-3774, whose ends are not numbers of one kind; citeproc-js keeps \
         the hyphen (pandoc 2.17.1.1)",
    ),
    (
        "pandoc",
        "hee",
        "National Academy for Social Prescribing, n.d.",
        "year suffixes after the term \"n.d.\" (n.d.a, n.d.b), where the CSL specification \
         appends them to a date only, as citeproc-js does (pandoc 2.17.1.1)",
    ),
    (
        "pandoc",
        "hee",
        "(National Academy for Social Prescribing n.d., n.d.)",
        "n.d.a, n.d.b, as in the list (pandoc 2.17.1.1)",
    ),
    (
        "pandoc",
        "apa",
        "(Wildman, Moffatt, Steer, et al., 2019",
        "sorts APA's citation on the names added to tell the works apart (Penn before Steer), \
         where the CSL's key is the shortened names and then the date, as citeproc-js sorts it \
         (pandoc 2.17.1.1)",
    ),
    (
        "pandoc",
        "apa",
        "National Academy for Social Prescribing. (2023",
        "year suffixes in the order of the items' ids (pandoc 2.17.1.1)",
    ),
    (
        "pandoc",
        "hee",
        "NHS England, 2023",
        "not a fault: HEE sorts one author's works of one year no further, and pandoc letters \
         them in the order this paper first cites them, where splw gives the brief's letters",
    ),
    (
        "pandoc",
        "hee",
        "(Baird et al. 2022, NHS 2023, NHS England 2023b)",
        "not a fault: the paper's letters, as in the list",
    ),
    (
        "pandoc",
        "hee",
        "(National Academy for Social Prescribing 2023a, 2023b, 2023c, NHS England 2023a)",
        "not a fault: the paper's letters, as in the list",
    ),
];

/// A consumer's text beside splw's: the reference list line by line, then the clusters. Each
/// difference is named in `DIFFERENCES` or reported; returns what equals splw's text
/// (references, clusters) and the differences no fault names.
fn compare(
    route: &str,
    style: &str,
    theirs: &(Vec<String>, Vec<String>),
    used: &mut Vec<usize>,
) -> ((usize, usize), Vec<String>) {
    let ours = splws(style);
    let fault = |line: &str| {
        DIFFERENCES.iter().position(|(r, s, start, _)| {
            *r == route && (*s == style || *s == "*") && line.starts_with(start)
        })
    };
    let mut unexplained = Vec::new();
    let mut equal = (0, 0);
    for (kind, (our, their)) in [
        ("reference", (&ours.0, &theirs.0)),
        ("cluster", (&ours.1, &theirs.1)),
    ] {
        assert_eq!(
            our.len(),
            their.len(),
            "{route} {style} {kind}s: {their:#?}"
        );
        for (o, t) in our.iter().zip(their) {
            if o == t {
                if kind == "reference" {
                    equal.0 += 1;
                } else {
                    equal.1 += 1;
                }
                continue;
            }
            match fault(o) {
                Some(at) => used.push(at),
                None => unexplained.push(format!(
                    "{route} {style} {kind}:\n  {route:<11} {t}\n  splw        {o}"
                )),
            }
        }
    }
    (equal, unexplained)
}

/// citeproc-js with the whole brief registered, as a document citing the whole brief would
/// have it, so that letters and added names are the brief's; the paper's clusters in order
/// and its reference list. In Vancouver a cluster is numbered among its own works, as `splw
/// cite --in-text` numbers them.
fn citeproc_js(style: &str, file: &str) -> (Vec<String>, Vec<String>) {
    let mut items: Vec<serde_json::Value> =
        serde_json::from_str(&splw(&["cite", "--all", "brief", "--format", "csl-json"])).unwrap();
    for item in &mut items {
        // HEE prints abstracts, which citations leave out (README).
        item.as_object_mut().unwrap().remove("abstract");
    }
    let (clusters, _) = clusters();
    let mut jobs = vec![serde_json::json!({
        "style": style, "ids": references(),
        "clusters": if style == "vancouver" { serde_json::json!([]) } else { serde_json::json!(clusters) },
    })];
    if style == "vancouver" {
        jobs.extend(
            clusters
                .iter()
                .map(|c| serde_json::json!({"style": style, "ids": c})),
        );
    }
    let input = serde_json::json!({
        "items": items,
        "styles": { style: format!("{CSL}/styles/{file}.csl") },
        "locales": format!("{CSL}/locales"),
        "jobs": jobs,
    });
    let out = node(
        &format!("{}/tests/citeproc/render.js", env!("CARGO_MANIFEST_DIR")),
        &input.to_string(),
    );
    let results: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let strings = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let list = strings(&results[0]["bib"])
        .iter()
        .map(|line| unnumbered(line).to_string())
        .collect();
    let cites = if style == "vancouver" {
        results[1..]
            .iter()
            .map(|r| strings(&r["cites"])[0].clone())
            .collect()
    } else {
        strings(&results[0]["cites"])
    };
    (list, cites)
}

fn node(script: &str, input: &str) -> String {
    let mut node = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    node.stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn installed(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs a tool in `dir`: its standard output and error together, and whether it succeeded.
fn run(dir: &Path, program: &str, args: &[&str]) -> (String, bool) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.success())
}

/// The paper's works and the brief as splw exports them, for pandoc: CSL-JSON without the
/// abstracts, which HEE's style prints (README).
fn csl_json_for_pandoc(dir: &Path) {
    let mut args = vec!["cite"];
    let ids = references();
    args.extend(ids.iter().map(String::as_str));
    args.extend(["--format", "csl-json"]);
    let mut items: Vec<serde_json::Value> = serde_json::from_str(&splw(&args)).unwrap();
    for item in &mut items {
        item.as_object_mut().unwrap().remove("abstract");
    }
    std::fs::write(
        dir.join("refs.json"),
        serde_json::to_string(&items).unwrap(),
    )
    .unwrap();
}

/// pandoc's plain text of the paper: its clusters as they stand in the text, and its reference
/// list. pandoc writes a cluster where it stood; each is found by the text before it.
fn pandoc_text(text: &str) -> (Vec<String>, Vec<String>) {
    let text = text.replace('\n', " ");
    let (body, list) = match text.find("  ") {
        Some(_) => split_references(&text),
        None => (text.clone(), String::new()),
    };
    let cites = cluster_texts(&body);
    let list = list
        .split("  ")
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| unnumbered(l).to_string())
        .collect();
    (list, cites)
}

/// The paper's paragraphs and the reference list after them, in text where paragraphs are
/// joined by two spaces.
fn split_references(text: &str) -> (String, String) {
    let paragraphs: Vec<&str> = text.split("  ").collect();
    let body = paragraphs[..3].join("  ");
    (body, paragraphs[3..].join("  "))
}

/// Each cluster in the paper's text, by the words that come before it in `PAPER`.
fn cluster_texts(body: &str) -> Vec<String> {
    let source = PAPER.replace('\n', " ");
    let mut cites = Vec::new();
    let mut rest = body;
    let mut from = 0;
    let cluster = regex_lite::Regex::new(r"\[(@[^\]]+)\]").unwrap();
    for m in cluster.find_iter(&source) {
        // The words between the last cluster and this one, which pandoc leaves as they are.
        let before = source[from..m.start()].replace("@kiely-2021", "");
        let lead = before
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_string();
        from = m.end();
        let at = rest
            .find(&format!("{lead} ("))
            .unwrap_or_else(|| panic!("{lead}: {rest}"));
        let start = at + lead.len() + 1;
        let mut depth = 0;
        let end = rest[start..]
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| start + i + 1)
            .unwrap();
        cites.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    cites
}

/// The paper through pandoc's citeproc, from splw's CSL-JSON, to plain text and to a .docx read
/// back as plain text: in every style the reference list and clusters equal splw's but for the
/// named faults.
#[test]
fn pandoc_prints_the_paper_as_splw_cites_it_in_text_and_in_word() {
    if !installed("pandoc") || !Path::new(CSL).exists() {
        eprintln!("skip: pandoc or citation-style-language-styles not installed");
        return;
    }
    let dir = TempDir::new().unwrap();
    csl_json_for_pandoc(dir.path());
    std::fs::write(dir.path().join("paper.md"), PAPER).unwrap();
    let mut used = Vec::new();
    let mut unexplained = Vec::new();
    let mut counts = BTreeMap::new();
    for (style, file) in STYLES {
        let csl = format!("--csl={CSL}/styles/{file}.csl");
        let citeproc = ["--citeproc", "--bibliography=refs.json", csl.as_str()];
        let mut plain = vec!["paper.md", "-t", "plain", "--wrap=none"];
        plain.extend(citeproc);
        let (text, ok) = run(dir.path(), "pandoc", &plain);
        assert!(ok, "{text}");
        let mut docx = vec!["paper.md", "-o", "paper.docx"];
        docx.extend(citeproc);
        let (log, ok) = run(dir.path(), "pandoc", &docx);
        assert!(ok, "{log}");
        let (word, ok) = run(
            dir.path(),
            "pandoc",
            &["paper.docx", "-t", "plain", "--wrap=none"],
        );
        assert!(ok, "{word}");
        // The clusters in Word keep splw's italics ("et al." in Cite Them Right and in HEE's
        // list, none in HEE's text), read back as HTML.
        let (html, ok) = run(
            dir.path(),
            "pandoc",
            &["paper.docx", "-t", "html", "--wrap=none"],
        );
        assert!(ok, "{html}");
        let body = html[..html.find("<div id=\"refs\"").unwrap_or(html.len())]
            .replace("<p>", " ")
            .replace("</p>", " ")
            .replace("<em>", "<i>")
            .replace("</em>", "</i>");
        let ours: Vec<String> = clusters()
            .0
            .iter()
            .map(|cluster| {
                let mut args = vec!["cite"];
                args.extend(cluster.iter().map(String::as_str));
                args.extend(["--in-text", "--style", style, "--format", "html"]);
                splw(&args)
            })
            .collect();
        let mut theirs = cluster_texts(&body);
        if style == "vancouver" {
            theirs = as_numbered_alone(&theirs);
            let plain = splws(style).1;
            // as_numbered_alone gives splw's plain text where the numbers agree.
            theirs = theirs
                .into_iter()
                .zip(plain.iter().zip(&ours))
                .map(|(t, (p, o))| if t == *p { o.clone() } else { t })
                .collect();
        }
        let italics = ours.iter().zip(&theirs).filter(|(o, t)| o == t).count();
        counts.insert(
            format!("pandoc .docx {style}, with italics"),
            (usize::MAX, italics),
        );
        for (o, t) in ours.iter().zip(&theirs) {
            if o != t && o.replace(['<', '>'], "") == t.replace(['<', '>'], "") {
                unexplained.push(format!(
                    "pandoc .docx {style} italics:\n  word {t}\n  splw {o}"
                ));
            }
        }
        // Paragraphs, as two spaces, for pandoc_text.
        let paragraphs = |text: &str| text.trim_end().replace("\n\n", "  ");
        for (route, out) in [("pandoc", &text), ("pandoc .docx", &word)] {
            let mut theirs = pandoc_text(&paragraphs(out));
            if style == "vancouver" {
                theirs.1 = as_numbered_alone(&theirs.1);
            }
            let route_name = "pandoc";
            let (equal, mut missing) = compare(route_name, style, &theirs, &mut used);
            unexplained.append(&mut missing);
            counts.insert(format!("{route} {style}"), equal);
        }
    }
    for (route, (references, clusters)) in &counts {
        match references {
            &usize::MAX => eprintln!("{route}: clusters {clusters}/13"),
            _ => eprintln!("{route}: references {references}/29, clusters {clusters}/13"),
        }
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
    stale("pandoc", &used);
}

/// A numbered style numbers the works of the whole paper, in the order first cited, where `splw
/// cite --in-text` numbers the works of one cluster: a cluster of pandoc's reads as splw's where
/// its numbers are those that splw's list of the paper gives the cluster's works (and so its
/// form is checked by tests/citeproc.rs).
fn as_numbered_alone(clusters: &[String]) -> Vec<String> {
    let references = references();
    let (ours, _) = self::clusters();
    let alone = splws("vancouver").1;
    clusters
        .iter()
        .zip(&ours)
        .zip(alone)
        .map(|((theirs, cluster), alone)| {
            let mut numbers: Vec<usize> = Vec::new();
            for part in theirs.trim_matches(['(', ')']).split(',') {
                match part.split_once('–') {
                    Some((a, b)) => {
                        numbers.extend(a.parse::<usize>().unwrap()..=b.parse().unwrap())
                    }
                    None => numbers.push(part.parse().unwrap()),
                }
            }
            let mut want: Vec<usize> = cluster
                .iter()
                .map(|id| 1 + references.iter().position(|r| r == id).unwrap())
                .collect();
            want.sort_unstable();
            if numbers == want {
                alone
            } else {
                theirs.clone()
            }
        })
        .collect()
}

/// Every named difference of a route was seen.
fn stale(route: &str, used: &[usize]) {
    let stale: Vec<&str> = DIFFERENCES
        .iter()
        .enumerate()
        .filter(|(at, (r, ..))| *r == route && !used.contains(at))
        .map(|(_, (_, style, start, _))| format!("{style}: {start}"))
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    assert!(stale.is_empty(), "{route}: no longer differ: {stale:?}");
}

/// The paper's reference list and every cluster as citeproc-js gives them, in all four styles,
/// with the whole brief registered.
#[test]
fn citeproc_js_cites_the_paper_as_splw_does() {
    if !node_has(&["citeproc"]) || !Path::new(CSL).exists() {
        eprintln!(
            "skip: node with citeproc on NODE_PATH, or the CSL styles and locales, not installed"
        );
        return;
    }
    let mut used = Vec::new();
    let mut unexplained = Vec::new();
    for (style, file) in STYLES {
        let theirs = citeproc_js(style, file);
        let ((references, clusters), mut missing) =
            compare("citeproc-js", style, &theirs, &mut used);
        eprintln!("citeproc-js {style}: references {references}/29, clusters {clusters}/13");
        unexplained.append(&mut missing);
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
    stale("citeproc-js", &used);
}

#[allow(dead_code)]
fn unused() {
    let _ = splw_raw;
}
