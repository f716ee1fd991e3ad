//! splw's exports in the tools people take them to, run for real: pandoc's citeproc reading the
//! biblatex file and the CSL-JSON, biber with biblatex under pdflatex, and BibTeX with plain.bst
//! under pdflatex. A test whose tool is missing prints a skip line; `.ci/run` installs them all.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{STYLES, installed, path_with_splw, problems, readme_blocks, run, splw_raw as splw};
use tempfile::TempDir;

mod support;

const CSL_STYLES: &str = "/usr/share/citation-style-language/styles";

/// CSL items without their abstracts, written to `path`. The HEE style prints an abstract (twice,
/// behind an "[REQUIRES AN NHS OPENATHENS ACCOUNT …]" notice), which the README warns of; the
/// other three ignore it, and splw's citations leave it out.
fn items_without_abstracts(json: &str, path: &Path) -> PathBuf {
    let mut items: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    for item in &mut items {
        item.as_object_mut().unwrap().remove("abstract");
    }
    std::fs::write(path, serde_json::to_string(&items).unwrap()).unwrap();
    path.to_path_buf()
}

/// pandoc's citeproc on one work cited alone: (the citation in the text, the reference).
fn pandoc_cites(items: &Path, style: &str, id: &str) -> (String, String) {
    let mut pandoc = Command::new("pandoc")
        .args(["--citeproc", "-t", "plain", "--wrap=none"])
        .arg(format!("--bibliography={}", items.display()))
        .arg(format!("--csl={CSL_STYLES}/{style}.csl"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(pandoc.stdin.take().unwrap(), "[@{id}]").unwrap();
    let out = String::from_utf8(pandoc.wait_with_output().unwrap().stdout).unwrap();
    let mut paragraphs = out.split("\n\n").map(|p| p.trim().replace('\n', " "));
    let in_text = paragraphs.next().unwrap_or_default();
    let reference: Vec<String> = paragraphs.collect();
    let reference = reference.join(" ");
    let reference = reference
        .strip_prefix("1. ")
        .unwrap_or(&reference)
        .to_string();
    (in_text, reference)
}

/// Both routes into pandoc for one brief's works: splw's CSL-JSON, and its biblatex file as
/// pandoc reads a `.bib` bibliography (into the same CSL items, here without abstracts).
fn both_routes(dir: &Path, brief: &[&str]) -> [(&'static str, PathBuf); 2] {
    let with = |args: &[&str]| -> String {
        let mut all: Vec<&str> = brief.to_vec();
        all.extend(args);
        splw(&all)
    };
    let bib = dir.join("works.bib");
    std::fs::write(&bib, with(&["cite", "--all", "--format", "biblatex"])).unwrap();
    let from_bib = run(
        dir,
        "pandoc",
        &["-f", "biblatex", "-t", "csljson", "works.bib"],
    );
    [
        (
            "CSL-JSON",
            items_without_abstracts(
                &with(&["cite", "--all", "--format", "csl-json"]),
                &dir.join("from-json.json"),
            ),
        ),
        (
            "biblatex",
            items_without_abstracts(&from_bib, &dir.join("from-bib.json")),
        ),
    ]
}

/// One work as pandoc's citeproc cites it, by one route.
struct Rendered {
    style: &'static str,
    route: &'static str,
    id: String,
    in_text: String,
    reference: String,
}

/// Every (style, route, work) rendered by pandoc, on four threads: each is a pandoc process of
/// its own, so that no other work changes its citation.
fn pandoc_renders(routes: &[(&'static str, PathBuf); 2], ids: &[String]) -> Vec<Rendered> {
    let mut jobs = Vec::new();
    for (style, file) in STYLES {
        for (route, items) in routes {
            for id in ids {
                jobs.push((style, file, *route, id.as_str(), items.as_path()));
            }
        }
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(4))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&(style, file, route, id, items)| {
                            let (in_text, reference) = pandoc_cites(items, file, id);
                            Rendered {
                                style,
                                route,
                                id: id.to_string(),
                                in_text,
                                reference,
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap())
            .collect()
    })
}

fn pandoc_is_installed() -> bool {
    let ready = installed("pandoc") && Path::new(CSL_STYLES).exists();
    if !ready {
        support::skip("pandoc or citation-style-language-styles not installed");
    }
    ready
}

/// The ids of a brief's works, from its CSL-JSON.
fn work_ids(brief: &[&str]) -> Vec<String> {
    let mut args = brief.to_vec();
    args.extend(["cite", "--all", "--format", "csl-json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&splw(&args)).unwrap();
    items
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect()
}

/// pandoc prints every work of the brief, in each style, the same from the biblatex file as
/// from the CSL-JSON, and both the same as the goldens, which `tests/cite.rs` holds splw's own
/// citations to (with its few named exceptions).
#[test]
fn pandoc_cites_every_work_alike_from_the_biblatex_file_and_the_csl_json() {
    if !pandoc_is_installed() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let ids = work_ids(&[]);
    assert_eq!(ids.len(), 54);
    let renders = pandoc_renders(&both_routes(dir.path(), &[]), &ids);
    assert_eq!(renders.len(), 54 * 4 * 2);
    let mut differ = Vec::new();
    for (style, file) in STYLES {
        let goldens = support::goldens(file);
        for r in renders.iter().filter(|r| r.style == style) {
            let golden = &goldens[&r.id];
            if (r.reference.as_str(), r.in_text.as_str()) != (&golden.text, &golden.in_text) {
                differ.push(format!(
                    "{style} {} from {}:\n  want {} {}\n  got  {} {}",
                    r.id, r.route, golden.in_text, golden.text, r.in_text, r.reference
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// A brief of a user's own (tests/fixtures/other-brief): every work, in each style and by both
/// routes, reads in pandoc exactly as `splw cite` prints it.
#[test]
fn a_users_own_brief_reads_the_same_in_pandoc_as_in_splw() {
    if !pandoc_is_installed() {
        return;
    }
    let fixture = format!("{}/tests/fixtures/other-brief", env!("CARGO_MANIFEST_DIR"));
    let brief = ["--brief", fixture.as_str()];
    let dir = TempDir::new().unwrap();
    let ids = work_ids(&brief);
    let renders = pandoc_renders(&both_routes(dir.path(), &brief), &ids);
    let mut differ = Vec::new();
    for r in &renders {
        let cite = |more: &[&str]| {
            let mut args = brief.to_vec();
            args.extend(["cite", r.id.as_str(), "--style", r.style]);
            args.extend(more);
            let out = splw(&args);
            let out = out.trim_end();
            out.strip_prefix("1. ").unwrap_or(out).to_string()
        };
        let want = (cite(&["--in-text"]), cite(&[]));
        if (&r.in_text, &r.reference) != (&want.0, &want.1) {
            differ.push(format!(
                "{} {} from {}:\n  splw   {} {}\n  pandoc {} {}",
                r.style, r.id, r.route, want.0, want.1, r.in_text, r.reference
            ));
        }
    }
    assert!(!renders.is_empty());
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// Whether LaTeX with biblatex and biber can run here.
fn latex_with_biblatex() -> bool {
    let found = Command::new("kpsewhich")
        .arg("biblatex.sty")
        .output()
        .is_ok_and(|out| !out.stdout.is_empty());
    let ready = found && installed("pdflatex") && installed("biber");
    if !ready {
        support::skip("pdflatex, biber or biblatex not installed");
    }
    ready
}

/// The whole brief as biblatex, through pdflatex, biber and pdflatex twice more (as latexmk would
/// run them): biber reads every record without a warning, and LaTeX typesets the bibliography
/// without an error or warning.
#[test]
fn biber_and_latex_take_the_whole_biblatex_file_without_a_warning() {
    if !latex_with_biblatex() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let bib = splw(&["cite", "--all", "--format", "biblatex"]);
    std::fs::write(dir.path().join("works.bib"), bib).unwrap();
    std::fs::write(
        dir.path().join("doc.tex"),
        "\\documentclass{article}\n\\usepackage[backend=biber,style=authoryear]{biblatex}\n\
         \\addbibresource{works.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n\
         \\end{document}\n",
    )
    .unwrap();
    let latex = ["-interaction=nonstopmode", "-halt-on-error", "doc"];
    run(dir.path(), "pdflatex", &latex);
    let biber = run(dir.path(), "biber", &["doc"]);
    assert!(problems(&biber).is_empty(), "{biber}");
    assert!(biber.contains("INFO - Output to doc.bbl"), "{biber}");
    run(dir.path(), "pdflatex", &latex);
    run(dir.path(), "pdflatex", &latex);
    let log = std::fs::read_to_string(dir.path().join("doc.log")).unwrap();
    assert!(problems(&log).is_empty(), "{:?}", problems(&log));
    let bbl = std::fs::read_to_string(dir.path().join("doc.bbl")).unwrap();
    assert_eq!(bbl.matches("\\entry{").count(), 54);
}

/// The whole brief as BibTeX, with plain.bst: no warning (a work with no author sorts by its
/// `key`), one \bibitem per work, and LaTeX typesets it without an error (when it is installed).
#[test]
fn bibtex_takes_the_whole_bibtex_file_without_a_warning() {
    if !installed("bibtex") {
        support::skip("bibtex not installed");
        return;
    }
    let dir = TempDir::new().unwrap();
    let bib = splw(&["cite", "--all", "--format", "bibtex"]);
    std::fs::write(dir.path().join("works.bib"), bib).unwrap();
    std::fs::write(
        dir.path().join("doc.tex"),
        "\\documentclass{article}\n\\begin{document}\n\\nocite{*}\n\
         \\bibliographystyle{plain}\n\\bibliography{works}\n\\end{document}\n",
    )
    .unwrap();
    // The citations BibTeX is to find, as a LaTeX run would write them.
    std::fs::write(
        dir.path().join("doc.aux"),
        "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{works}\n",
    )
    .unwrap();
    let bibtex = run(dir.path(), "bibtex", &["doc"]);
    assert!(problems(&bibtex).is_empty(), "{bibtex}");
    let bbl = std::fs::read_to_string(dir.path().join("doc.bbl")).unwrap();
    assert_eq!(bbl.matches("\\bibitem").count(), 54, "{bbl}");
    if !installed("pdflatex") {
        support::skip("pdflatex not installed; the .bbl was not typeset");
        return;
    }
    // Twice, as LaTeX needs to settle the labels BibTeX gave.
    let latex = ["-interaction=nonstopmode", "-halt-on-error", "doc"];
    run(dir.path(), "pdflatex", &latex);
    run(dir.path(), "pdflatex", &latex);
    let log = std::fs::read_to_string(dir.path().join("doc.log")).unwrap();
    assert!(problems(&log).is_empty(), "{:?}", problems(&log));
}

/// The README's "Into your document" routes, run as written: each `sh` block in a folder holding
/// the section's `paper.md` and `paper.tex`, with splw on the PATH. (The `--copy` block needs a
/// display: tests/clipboard.rs runs it under Xvfb.)
#[test]
fn the_readmes_routes_into_a_document_run_as_written() {
    if !pandoc_is_installed() || !latex_with_biblatex() {
        return;
    }
    let blocks = readme_blocks("Into your document");
    let dir = TempDir::new().unwrap();
    let file = |language: &str| &blocks.iter().find(|(l, _)| *l == language).unwrap().1;
    std::fs::write(dir.path().join("paper.md"), file("markdown")).unwrap();
    std::fs::write(dir.path().join("paper.tex"), file("latex")).unwrap();
    std::fs::copy(format!("{CSL_STYLES}/apa.csl"), dir.path().join("apa.csl")).unwrap();
    let path = path_with_splw();
    let scripts: Vec<&String> = blocks
        .iter()
        .filter(|(language, body)| *language == "sh" && !body.contains("--copy"))
        .map(|(_, body)| body)
        .collect();
    assert_eq!(scripts.len(), 2, "the pandoc and the biber routes");
    for script in scripts {
        let out = Command::new("sh")
            .args(["-e", "-c", script])
            .current_dir(dir.path())
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{script}\n{out:?}");
    }
    // The Word file cites and lists the two works as splw does.
    let word = run(
        dir.path(),
        "pandoc",
        &["paper.docx", "-t", "plain", "--wrap=none"],
    );
    let references = splw(&["cite", "kiely-2022", "rhodes-2021", "--style", "apa"]);
    assert_eq!(
        word,
        format!(
            "Link workers help people reach support in their community (Kiely et al., 2022; Rhodes & Bell, 2021).\n\n{}",
            references.replace('\n', "\n\n")
        )
        .trim_end()
            .to_string()
            + "\n"
    );
    // The PDF, from biber's bibliography, with no warning.
    let log = std::fs::read_to_string(dir.path().join("paper.log")).unwrap();
    assert!(problems(&log).is_empty(), "{:?}", problems(&log));
    assert!(dir.path().join("paper.pdf").exists());
}
