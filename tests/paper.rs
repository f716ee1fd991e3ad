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

use support::{STYLES, installed, node_has, problems, run_ok as run, splw, splw_raw};
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
        support::skip("pandoc or citation-style-language-styles not installed");
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
    // As the README's "Into your document" says, to text and to Word alike.
    for (style, want) in [
        ("harvard", (27, 13)),
        ("apa", (25, 12)),
        ("hee", (24, 10)),
        ("vancouver", (28, 13)),
    ] {
        for route in ["pandoc", "pandoc .docx"] {
            assert_eq!(counts[&format!("{route} {style}")], want, "{route} {style}");
        }
        assert_eq!(
            counts[&format!("pandoc .docx {style}, with italics")].1,
            want.1,
            "{style}"
        );
    }
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
        support::skip(
            "node with citeproc on NODE_PATH, or the CSL styles and locales, not installed",
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

/// The paper as LaTeX: `cite` for each cluster and `narrative` for the narrative citation,
/// with `preamble`, on a page wide enough that no word is hyphenated (so that the PDF's text
/// reads back word for word), the bibliography printed by `bibliography`.
fn latex(preamble: &str, cite: &str, narrative: &str, bibliography: &str) -> String {
    let cluster = regex_lite::Regex::new(r"\[(@[^\]]+)\]").unwrap();
    let text = cluster.replace_all(PAPER, |c: &regex_lite::Captures| {
        let keys: Vec<&str> = c[1]
            .split(';')
            .map(|k| k.trim().trim_start_matches('@'))
            .collect();
        format!("\\{cite}{{{}}}", keys.join(","))
    });
    let key = regex_lite::Regex::new(r"@([a-z0-9-]+)").unwrap();
    let text = key.replace_all(&text, format!("\\{narrative}{{$1}}").as_str());
    format!(
        "\\documentclass{{article}}\n\\usepackage[paperwidth=60cm,textwidth=55cm]{{geometry}}\n\
         {preamble}\\hyphenpenalty=10000\\exhyphenpenalty=10000\\raggedright\n\
         \\begin{{document}}\n{text}\n{bibliography}\n\\end{{document}}\n"
    )
}

/// `tex` typeset as paper.pdf in `dir`, as latexmk would run it: pdflatex, `bibliography` (biber
/// or bibtex), pdflatex twice more. Neither the tool nor LaTeX reports a problem.
fn typeset(dir: &Path, tex: &str, bibliography: &str) {
    std::fs::write(dir.join("paper.tex"), tex).unwrap();
    // A fresh start: the last style's auxiliary files would mislead LaTeX.
    for file in ["paper.aux", "paper.bbl", "paper.bcf"] {
        let _ = std::fs::remove_file(dir.join(file));
    }
    let latex = ["-interaction=nonstopmode", "-halt-on-error", "paper"];
    run(dir, "pdflatex", &latex);
    let (log, ok) = run(dir, bibliography, &["paper"]);
    assert!(ok && problems(&log).is_empty(), "{bibliography}: {log}");
    run(dir, "pdflatex", &latex);
    let (out, ok) = run(dir, "pdflatex", &latex);
    assert!(ok, "{out}");
    let log = std::fs::read_to_string(dir.join("paper.log")).unwrap();
    assert!(problems(&log).is_empty(), "{:?}", problems(&log));
}

/// The PDF's text, by pdftotext: with `layout`, lines as they stand on the page.
fn pdf_text(dir: &Path, layout: bool) -> String {
    let mut args = vec!["-enc", "UTF-8"];
    if layout {
        args.push("-layout");
    }
    args.extend(["paper.pdf", "-"]);
    let (text, ok) = run(dir, "pdftotext", &args);
    assert!(ok, "{text}");
    text
}

/// What a typeset paper must not show: a curator's note, a name "others", and a quotation mark
/// the wrong way round (a closing mark where a quotation opens, or the other way).
fn check_typeset(route: &str, text: &str) {
    assert!(
        !text.contains("The brief lists"),
        "{route}: a curator's note\n{text}"
    );
    assert!(
        !text.contains("others"),
        "{route}: an author \"others\"\n{text}"
    );
    let wrong_way = regex_lite::Regex::new(r"(^|[\s(\[])[”’]|[“‘]($|[\s.,;:)\]])").unwrap();
    let wrong: Vec<&str> = text.lines().filter(|l| wrong_way.is_match(l)).collect();
    assert!(
        wrong.is_empty(),
        "{route}: quotation marks the wrong way round: {wrong:#?}"
    );
}

fn latex_is_installed(sty: &str) -> bool {
    let found = Command::new("kpsewhich")
        .arg(sty)
        .output()
        .is_ok_and(|out| !out.stdout.is_empty());
    let ready = found && installed("pdflatex") && installed("pdftotext");
    if !ready {
        support::skip(&format!(
            "pdflatex, pdftotext (poppler-utils) or {sty} not installed"
        ));
    }
    ready
}

/// The paper through biblatex and biber, in `authoryear` and in `biblatex-apa`, from splw's
/// biblatex file of the whole brief: biber and LaTeX give no warning, and the PDF shows no
/// curator's note and no quotation mark the wrong way round. biblatex-apa's text is compared
/// with splw's APA.
#[test]
fn biber_and_latex_typeset_the_paper_without_a_warning() {
    if !latex_is_installed("biblatex.sty") || !installed("biber") {
        return;
    }
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("refs.bib"),
        splw_raw(&["cite", "--all", "brief", "--format", "biblatex"]),
    )
    .unwrap();
    for style in ["authoryear", "apa"] {
        let preamble = format!(
            "\\usepackage[style={style},backend=biber]{{biblatex}}\n\\addbibresource{{refs.bib}}\n"
        );
        let tex = latex(&preamble, "parencite", "textcite", "\\printbibliography");
        typeset(dir.path(), &tex, "biber");
        let bbl = std::fs::read_to_string(dir.path().join("paper.bbl")).unwrap();
        let entry = regex_lite::Regex::new(r"\\entry\{([^}]*)\}").unwrap();
        let entries: std::collections::BTreeSet<&str> = entry
            .captures_iter(&bbl)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        assert_eq!(entries.len(), 29, "{style}");
        let text = pdf_text(dir.path(), false);
        check_typeset(&format!("biblatex {style}"), &text);
        if style == "apa" {
            let (references, clusters) = beside_splws_apa(dir.path(), &text);
            eprintln!(
                "biblatex-apa: references {references}/29, clusters {clusters}/13 as splw's APA"
            );
            // As the README's "Into your document" says.
            assert_eq!((references, clusters), (17, 11), "biblatex-apa");
        }
    }
}

/// How many of biblatex-apa's references and clusters read as splw's APA, spaces aside (the
/// PDF's text spaces an address's parts).
fn beside_splws_apa(dir: &Path, text: &str) -> (usize, usize) {
    let joined = text.replace('\n', " ");
    let body = &joined[..joined.find("References").unwrap()];
    let (list, cites) = splws("apa");
    let theirs = cluster_texts(body);
    let clusters = cites.iter().zip(&theirs).filter(|(o, t)| o == t).count();
    // An entry starts at the margin; its other lines hang.
    let layout = pdf_text(dir, true);
    let mut entries: Vec<String> = Vec::new();
    for line in layout[layout.find("References").unwrap()..].lines().skip(1) {
        match (line.starts_with(' '), entries.last_mut()) {
            (true, Some(last)) => last.push_str(line),
            _ if !line.trim().is_empty() => entries.push(line.to_string()),
            _ => {}
        }
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let theirs: Vec<String> = entries.iter().map(|e| squeeze(e)).collect();
    let references = list.iter().filter(|l| theirs.contains(&squeeze(l))).count();
    (references, clusters)
}

/// The paper through BibTeX with `plain`, and with natbib's `plainnat` and `apalike`, from
/// splw's BibTeX file of the whole brief: no warning from BibTeX or LaTeX, author–year citations
/// kept with natbib, and the PDF shows no curator's note and no quotation mark the wrong way
/// round.
#[test]
fn bibtex_and_latex_typeset_the_paper_without_a_warning() {
    if !latex_is_installed("natbib.sty") || !installed("bibtex") {
        return;
    }
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("refs.bib"),
        splw_raw(&["cite", "--all", "brief", "--format", "bibtex"]),
    )
    .unwrap();
    for (bst, natbib) in [("plain", false), ("plainnat", true), ("apalike", true)] {
        let (preamble, cite, narrative) = match natbib {
            // plainnat prints addresses with \url, which needs the url package (or hyperref).
            true => (
                "\\usepackage{natbib}\n\\usepackage{url}\n",
                "citep",
                "citet",
            ),
            false => ("", "cite", "cite"),
        };
        let bibliography = format!("\\bibliographystyle{{{bst}}}\n\\bibliography{{refs}}");
        let tex = latex(preamble, cite, narrative, &bibliography);
        typeset(dir.path(), &tex, "bibtex");
        let bbl = std::fs::read_to_string(dir.path().join("paper.bbl")).unwrap();
        assert_eq!(bbl.matches("\\bibitem").count(), 29, "{bst}");
        let text = pdf_text(dir.path(), false);
        check_typeset(&format!("BibTeX {bst}"), &text);
        if natbib {
            let joined = text.replace('\n', " ");
            assert!(
                joined.contains("Kiely et al. [2021]") || joined.contains("Kiely et al. (2021)"),
                "{bst}: {joined}"
            );
            assert!(joined.contains("Rhodes and Bell, 2021"), "{bst}: {joined}");
        }
    }
}

/// The translators the npm package zotero-translators 0.0.2 bundles, by their git blob hashes:
/// each the file as it is at zotero/translators@53102fac9bf8acdefafdff4e1e8d3f8796312880.
const PINNED: [(&str, &str); 3] = [
    ("RIS", "b90773282ba6be388c8d6d09246f1ff8ff95cba7"),
    ("BibTeX", "1eb2f3d573c2360e83695b8c09dff184126d5e77"),
    ("CSL JSON", "fefcc7bd8a54176cd9c1fb410afe9d5a3ff4c396"),
];

/// The paper's works imported into Zotero by its own translators, from each of splw's exports:
/// every work with its right type, no creator named "others", an organisation as one name (a
/// single-field creator), and titles with no TeX in them, each as the brief gives it but for its
/// quotation marks. Where the translators come from is printed.
#[test]
fn zoteros_translators_import_every_work_of_the_paper_right() {
    let script = format!("{}/tests/zotero/import.js", env!("CARGO_MANIFEST_DIR"));
    let probe = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(b"{\"files\": []}")?;
            child.wait()
        });
    if !probe.is_ok_and(|status| status.success()) {
        support::skip(
            "node, or Zotero's translators (SPLW_ZOTERO_TRANSLATORS, or the npm package zotero-translators on NODE_PATH), not installed",
        );
        return;
    }
    let ids = references();
    let export = |format: &str| {
        let mut args = vec!["cite"];
        args.extend(ids.iter().map(String::as_str));
        args.extend(["--format", format]);
        splw_raw(&args)
    };
    let routes = [
        ("RIS", "ris"),
        ("CSL JSON", "csl-json"),
        ("BibTeX", "bibtex"),
        ("BibTeX", "biblatex"),
    ];
    let input = serde_json::json!({
        "files": routes.iter().map(|(translator, format)| {
            serde_json::json!({"translator": translator, "text": export(format)})
        }).collect::<Vec<_>>(),
    });
    let out: serde_json::Value = serde_json::from_str(&node(&script, &input.to_string())).unwrap();
    let pinned = PINNED
        .iter()
        .all(|(label, blob)| out["translators"][label]["blob"] == *blob);
    eprintln!(
        "Zotero's translators: {}",
        match pinned {
            true => "zotero/translators@53102fa (npm zotero-translators 0.0.2)".to_string(),
            false => out["translators"].to_string(),
        }
    );
    let catalogue = splw::embedded::catalogue();
    let brief = splw::cite::brief_entry(&catalogue.brief);
    let works: Vec<std::borrow::Cow<splw::catalogue::Entry>> = ids
        .iter()
        .map(|id| catalogue.get(id).unwrap_or(&brief))
        .map(splw::cite::as_cited)
        .collect();
    let tex = regex_lite::Regex::new(r"[\\`{}]").unwrap();
    let marks = |text: &str| text.replace(['“', '”', '‘', '’', '\''], "\"");
    let mut unexplained = Vec::new();
    for ((translator, format), items) in routes.iter().zip(out["imported"].as_array().unwrap()) {
        let items = items.as_array().unwrap();
        assert_eq!(items.len(), 29, "{format}");
        let mut right = 0;
        for (item, work) in items.iter().zip(&works) {
            let want = match splw::cite::WorkType::of(work.kind) {
                splw::cite::WorkType::Article => "journalArticle",
                splw::cite::WorkType::Report => "report",
                splw::cite::WorkType::WebPage => "webpage",
            };
            let mut wrong = Vec::new();
            let item_type = item["itemType"].as_str().unwrap();
            // BibTeX has no type for a web page: its @misc reads as a document (a book in
            // 2019's BibTeX.js).
            let web_page_as_misc = *format == "bibtex" && want == "webpage";
            if item_type != want && !web_page_as_misc {
                wrong.push(format!("type {item_type}, not {want}"));
            }
            let creators = item["creators"].as_array().unwrap();
            assert_eq!(creators.len(), work.authors.len(), "{format} {}", work.id);
            for (creator, author) in creators.iter().zip(&work.authors) {
                let single = creator["fieldMode"] == 1;
                if creator["lastName"] == "others" {
                    wrong.push("a creator named \"others\"".into());
                }
                match author {
                    splw::catalogue::Author::Organisation { literal } => {
                        if !single || creator["lastName"] != *literal {
                            wrong.push(format!("{literal} not one name: {creator}"));
                        }
                    }
                    splw::catalogue::Author::Person { family, .. } => {
                        if creator["lastName"] != *family {
                            wrong.push(format!("{family}: {creator}"));
                        }
                    }
                }
            }
            let title = item["title"].as_str().unwrap();
            // biblatex's \mkbibquote, which biber, LaTeX and pandoc read as a quotation (each
            // setting it the right way round, nested), is not known to BibTeX.js.
            let mkbibquote = *format == "biblatex" && title.contains("\\mkbibquote");
            if tex.is_match(title) && !mkbibquote {
                wrong.push(format!("TeX in the title: {title}"));
            }
            if marks(title) != marks(&work.title) && !mkbibquote {
                wrong.push(format!("title {title}"));
            }
            if wrong.is_empty() && !web_page_as_misc && !mkbibquote {
                right += 1;
            }
            if !wrong.is_empty() {
                unexplained.push(format!(
                    "{translator} from {format}, {}: {}",
                    work.id,
                    wrong.join("; ")
                ));
            }
        }
        eprintln!(
            "Zotero from {format}: {right}/29 works with their type, creators and title as splw gives them"
        );
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
}
