//! A brief is untrusted: people download and share edited ones. These tests feed the payloads of
//! a probe through every output path and check the exact bytes: no field can reach a terminal raw
//! (controls, bidi overrides, invisible characters), and no field can change the structure of an
//! export (BibTeX, RIS, Markdown), as re-read by a real parser.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::fs;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

fn splw(dir: &TempDir, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(cargo_bin("splw"))
        .env_remove("SPLW_BRIEF")
        .env("NO_COLOR", "1")
        .args(args)
        .arg("--brief")
        .arg(dir.path())
        .output()
        .expect("splw runs");
    (
        output.status.code().expect("splw exits"),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// A brief folder of `files` (name, TOML text), its front matter among them.
fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A brief of `files` beside a title-only front matter.
fn brief_of(files: &[(&str, &str)]) -> TempDir {
    folder(&[&[("00-front.toml", "[brief]\ntitle = \"B\"\n")], files].concat())
}

const SECTION: &str = "[section]\nid = \"alpha\"\ntitle = \"Alpha\"\n\n";

/// A brief whose one entry has `fields` (TOML lines) besides its id, kind and topics.
fn brief(fields: &str) -> TempDir {
    let entry = format!(
        "{SECTION}[[entry]]\nid = \"org-2020\"\nkind = \"report\"\nyear = 2020\ntopics = [\"alpha\"]\n{fields}\n"
    );
    brief_of(&[("01-alpha.toml", &entry)])
}

/// Characters that must never reach a terminal raw.
fn has_raw_unsafe(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}' | '\u{2028}' | '\u{2029}')
    })
}

#[test]
fn bidi_overrides_and_invisible_characters_are_escaped_everywhere() {
    let dir = brief(
        "title = \"Safe \\u202Eevil\\u2066 text\\u200B\"\nauthors = [{ family = \"Org\\u202E\", given = \"Jo\" }]\nabstract = \"One\\u2028two \\uFEFF\"",
    );
    for args in [
        &["list", "--layout", "plain"][..],
        &["list", "--layout", "table"],
        &["show", "org-2020"],
        &["find", "safe"],
        &["cite", "org-2020"],
        &[
            "cite",
            "org-2020",
            "--style",
            "vancouver",
            "--format",
            "markdown",
        ],
        &["cite", "org-2020", "--in-text"],
        &["cite", "--all", "--format", "html"],
        &["list", "--json"],
        &["check"],
        &["show", "org-202"],
    ] {
        let (_, stdout, stderr) = splw(&dir, args);
        assert!(!has_raw_unsafe(&stdout), "{args:?}: {stdout:?}");
        assert!(!has_raw_unsafe(&stderr), "{args:?}: {stderr:?}");
    }
    let (code, stdout, _) = splw(&dir, &["list", "--layout", "plain"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "org-2020\t2020\tOrg\\u{202e}\tSafe \\u{202e}evil\\u{2066} text\\u{200b}\n"
        )
    );
    let (_, json, _) = splw(&dir, &["list", "--json"]);
    assert!(
        json.contains(r#""title": "Safe \u202eevil\u2066 text\u200b""#),
        "{json}"
    );
    let (code, stdout, _) = splw(&dir, &["check"]);
    let file = dir.path().join("01-alpha.toml").display().to_string();
    assert_eq!(code, 3);
    assert_eq!(
        stdout,
        format!(
            "{file}:10:9: `title` has a control character: Safe \\u{{202e}}evil\\u{{2066}} text\\u{{200b}}\n\
             {file}:11:12: an author's name has a control character: Org\\u{{202e}}\n\
             {file}:12:12: `abstract` has a control character: One\\u{{2028}}two \\u{{feff}}\n"
        )
    );
}

#[test]
fn check_quotes_a_hostile_kind_escaped() {
    let payload = "\\u001B]52;c;SGk=\\u0007\\u001B]0;PWNED\\u0007\\u001B[2J";
    let dir2 = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"org-2020\"\nkind = \"{payload}\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\", \"a\\nok: 57 entries\"]\n"
        ),
    )]);
    let (code, stdout, _) = splw(&dir2, &["check"]);
    let file = dir2.path().join("01-alpha.toml").display().to_string();
    assert_eq!(code, 3);
    assert_eq!(
        stdout,
        format!(
            "{file}:7:8: unknown kind `\\e]52;c;SGk=\\u{{7}}\\e]0;PWNED\\u{{7}}\\e[2J`; it should be one of: journal-article, report, guide, toolkit, plan, framework, standards, case-study, web-page, elearning, network, signpost\n\
             {file}:10:20: unknown topic `a\\nok: 57 entries`; it should be one of: alpha\n"
        )
    );
}

#[test]
fn no_field_breaks_out_of_its_bibtex_braces() {
    let dir = brief(
        "title = \"T}, note = {INJECTED TITLE\"\nabstract = '}, note = \"INJECTED NOTE\"} @misc(injected, title={x})'\nsource = \"Org \\\\} \\\\{ \\u001B[2J\"",
    );
    let (code, bib, stderr) = splw(&dir, &["cite", "--all", "--format", "bibtex"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        bib,
        "@techreport{org-2020,\n  author = {{Org \\textbackslash{}\\textbraceright{} \\textbackslash{}\\textbraceleft{} [2J}},\n  title = {{T\\textbraceright{}, note = \\textbraceleft{}INJECTED TITLE}},\n  institution = {{Org \\textbackslash{}\\textbraceright{} \\textbackslash{}\\textbraceleft{} [2J}},\n  type = {Report},\n  year = {2020},\n  abstract = {\\textbraceright{}, note = “INJECTED NOTE”\\textbraceright{} @misc(injected, title=\\textbraceleft{}x\\textbraceright{})},\n}\n"
    );
    let parsed = biblatex::Bibliography::parse(&bib).expect("biblatex reads the file");
    assert_eq!(parsed.len(), 1);
    let entry = parsed.get("org-2020").unwrap();
    assert!(!entry.fields.contains_key("note"));
    bibtex_reads_one_record_without_a_note(&bib);
}

/// Real BibTeX (plain.bst) on the file, when it is installed: one \bibitem, and no injected note.
fn bibtex_reads_one_record_without_a_note(bib: &str) {
    if Command::new("bibtex").arg("--version").output().is_err() {
        support::skip("bibtex not installed; the .bib was checked with the biblatex crate only");
        return;
    }
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("refs.bib"), bib).unwrap();
    fs::write(
        dir.path().join("doc.aux"),
        "\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n",
    )
    .unwrap();
    let run = Command::new("bibtex")
        .arg("doc")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let bbl = fs::read_to_string(dir.path().join("doc.bbl")).unwrap_or_default();
    assert_eq!(bbl.matches("\\bibitem").count(), 1, "{bbl}\n{:?}", run);
    assert!(
        !bbl.contains("INJECTED NOTE\n") && !bbl.contains("injected}"),
        "{bbl}"
    );
}

#[test]
fn a_doi_that_could_break_an_export_is_refused() {
    let dir = brief("title = \"T\"\ndoi = \"10.1/x}, note = {INJECTED VIA DOI}\"");
    let (code, stdout, _) = splw(&dir, &["check"]);
    let file = dir.path().join("01-alpha.toml").display().to_string();
    assert_eq!(code, 3);
    assert_eq!(
        stdout,
        format!(
            "{file}:11:7: DOI `10.1/x}}, note = {{INJECTED VIA DOI}}` has a space, control character, brace, backslash or quote, which no DOI has\n"
        )
    );
    let (code, bib, _) = splw(&dir, &["cite", "--all", "--format", "bibtex"]);
    assert_eq!((code, bib.as_str()), (3, ""));
}

#[test]
fn a_line_break_in_a_field_makes_no_ris_tag() {
    let dir = brief(
        "title = \"T\\nAU  - Injected, Author\\nER  - \\n\\nTY  - JOUR\"\nauthors = [{ family = \"Real\", given = \"A\\nKW  - x\" }]\nabstract = \"Para one.\\n\\nPara\\u001B two.\"",
    );
    let (code, ris, _) = splw(&dir, &["cite", "--all", "--format", "ris"]);
    assert_eq!(code, 0);
    assert_eq!(
        ris,
        "TY  - RPRT\nID  - org-2020\nAU  - Real, A. KW - x\nTI  - T AU - Injected, Author ER - TY - JOUR\nPY  - 2020\nDA  - 2020///\nAB  - Para one. Para two.\nKW  - alpha\nER  - \n\n"
    );
    // Read back as a RIS reader does: every line is a tag, one record, one author.
    let tags: Vec<&str> = ris
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| &l[..2])
        .collect();
    assert_eq!(tags, ["TY", "ID", "AU", "TI", "PY", "DA", "AB", "KW", "ER"]);
}

#[test]
fn markdown_citations_hold_no_raw_html_or_autolinks() {
    let dir = brief(
        "title = \"<img src=x onerror=alert(1)><script>alert(2)</script> <javascript:alert(3)> &amp;\"",
    );
    let (code, markdown, _) = splw(&dir, &["cite", "org-2020", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert_eq!(
        markdown,
        "*\\<img src=x onerror=alert(1)\\>\\<script\\>alert(2)\\</script\\> \\<javascript:alert(3)\\> \\&amp;* (2020).\n"
    );
    let events: Vec<_> = pulldown_cmark::Parser::new(&markdown).collect();
    for event in &events {
        assert!(
            !matches!(
                event,
                pulldown_cmark::Event::Html(_)
                    | pulldown_cmark::Event::InlineHtml(_)
                    | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. })
            ),
            "{event:?}"
        );
    }
}

#[test]
fn exports_get_no_escape_text_for_control_characters() {
    let dir = brief("title = \"Bell\\u0007 and escape\\u001B[2J\"");
    for format in ["bibtex", "ris"] {
        let (_, out, _) = splw(&dir, &["cite", "--all", "--format", format]);
        assert!(out.contains("Bell and escape[2J"), "{format}: {out}");
        assert!(
            !out.contains("\\e") && !out.contains("\\u{"),
            "{format}: {out}"
        );
    }
}

#[test]
fn about_shows_paragraphs_as_paragraphs() {
    let dir = folder(&[
        (
            "00-front.toml",
            "[brief]\ntitle = \"B\"\npurpose = \"\"\"\nOne.\n\nTwo.\n\"\"\"\n",
        ),
        ("01-alpha.toml", SECTION),
    ]);
    let (code, stdout, _) = splw(&dir, &["about"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "B\n\nOne.\n\nTwo.\n\nIt lists 0 publications in 1 section: `splw topics` shows them.\n"
        )
    );
}

#[test]
fn section_titles_and_the_front_matter_are_escaped_too() {
    let dir = folder(&[
        (
            "00-front.toml",
            "[brief]\ntitle = \"Brief \\u202Egnirts\"\nauthor = \"A\\u001B[2J\"\n",
        ),
        (
            "01-alpha.toml",
            "[section]\nid = \"alpha\"\ntitle = \"Alpha \\u2067x\"\n",
        ),
    ]);
    let (_, topics, _) = splw(&dir, &["topics", "--layout", "plain"]);
    assert_eq!(topics, "alpha\tAlpha \\u{2067}x\t\t0\t0\n");
    let (_, about, _) = splw(&dir, &["about"]);
    assert!(
        about.starts_with("Brief \\u{202e}gnirts\nA\\e[2J\n"),
        "{about}"
    );
    assert!(!has_raw_unsafe(&about));
}

#[cfg(unix)]
#[test]
fn check_shows_a_hostile_file_name_escaped() {
    let dir = brief("title = \"T\"");
    fs::write(
        dir.path().join("02-\u{1b}[2Jok: 57 entries\n.toml"),
        "[section]\n",
    )
    .unwrap();
    let (code, stdout, _) = splw(&dir, &["check"]);
    assert_eq!(code, 3);
    assert_eq!(
        stdout,
        format!(
            "{}/02-\\e[2Jok: 57 entries\\n.toml:1:1: missing fields `id`, `title`\n",
            dir.path().display()
        )
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_link_into_proc_is_refused_unread() {
    // /proc/kmsg would block a read for ever; /proc/version stands in for it, since it claims to
    // be a regular file too.
    let dir = brief("title = \"T\"");
    std::os::unix::fs::symlink("/proc/version", dir.path().join("02-kmsg.toml")).unwrap();
    let (code, _, stderr) = splw(&dir, &["list"]);
    assert_eq!(
        (code, stderr),
        (
            3,
            format!(
                "error: {}: is not a regular file (a pipe or device?)\n",
                dir.path().join("02-kmsg.toml").display()
            )
        )
    );
}

#[test]
fn a_run_of_combining_marks_is_not_printed_whole_in_a_table() {
    let title = format!("a{}b", "\u{301}".repeat(100_000));
    let dir = brief(&format!("title = \"{title}\""));
    // 80 columns lay out a table; 20, one line per row.
    for columns in ["80", "20"] {
        let output = Command::new(cargo_bin("splw"))
            .env("COLUMNS", columns)
            .args(["list", "--layout", "table", "--brief"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        assert!(output.stdout.len() < 2_000, "{} bytes", output.stdout.len());
    }
}

#[test]
fn an_id_that_could_break_a_bibtex_key_stops_the_export() {
    // Found by the loader fuzz target: an id `na}ional-data-programme`.
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"na}}ional-2020\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\"]\n"
        ),
    )]);
    let (code, bib, stderr) = splw(&dir, &["cite", "--all", "--format", "bibtex"]);
    assert_eq!((code, bib.as_str()), (3, ""));
    assert_eq!(
        stderr,
        format!(
            "error: {}:6:6: id `na}}ional-2020` should be lowercase letters, digits and `-`\n",
            dir.path().join("01-alpha.toml").display()
        )
    );
}

#[test]
fn check_on_a_folder_of_payloads_prints_only_escaped_text() {
    let payload = "\\u001B]52;c;SGk=\\u0007\\u001B]0;PWNED\\u0007\\u001B[2J\\u202E\\n";
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("00-front.toml"),
        format!("[brief]\ntitle = \"B{payload}\"\ncontact = \"{payload}\"\n"),
    )
    .unwrap();
    let entry = |field: &str| {
        format!(
            "[[entry]]\nid = \"org-2020\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\"]\n{field}\n"
        )
    };
    let files = [
        (
            "01-kind.toml",
            format!(
                "[section]\nid = \"alpha\"\ntitle = \"A{payload}\"\n\n[[entry]]\nid = \"org-2021\"\nkind = \"{payload}\"\ntitle = \"T\"\ntopics = [\"alpha\", \"{payload}\"]\naliases = [\"{payload}\"]\ndoi = \"10.1/{payload}\"\n"
            ),
        ),
        (
            "02-field.toml",
            format!(
                "[section]\nid = \"beta{payload}\"\ntitle = \"B\"\n\n{}",
                entry(&format!("\"x{payload}\" = 1"))
            ),
        ),
    ];
    for (name, text) in &files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    #[cfg(unix)]
    fs::write(dir.path().join("03-\u{1b}[2J\u{202e}.toml"), "[section]\n").unwrap();
    let (code, stdout, stderr) = splw(&dir, &["check"]);
    assert_eq!(code, 3);
    assert!(stdout.lines().count() >= 8, "{stdout}");
    assert!(!has_raw_unsafe(&stdout), "{stdout:?}");
    assert!(!has_raw_unsafe(&stderr), "{stderr:?}");
    for command in [
        &["list"][..],
        &["about"],
        &["topics"],
        &["show", "org-2021"],
    ] {
        let (_, stdout, stderr) = splw(&dir, command);
        assert!(
            !has_raw_unsafe(&stdout) && !has_raw_unsafe(&stderr),
            "{command:?}"
        );
    }
}

#[test]
fn a_line_break_in_a_title_stays_escaped_in_citations() {
    let dir = brief("title = \"First line\\nAU  - Second line\"");
    for format in ["text", "markdown", "html"] {
        let (code, out, _) = splw(&dir, &["cite", "org-2020", "--format", format]);
        assert_eq!(code, 0);
        assert_eq!(out.lines().count(), 1, "{format}: {out}");
        assert!(
            out.contains("First line\\nAU  - Second line"),
            "{format}: {out}"
        );
    }
}

#[test]
fn no_message_on_stderr_takes_a_line_break_from_the_brief() {
    // A did-you-mean title and a signpost's title and abstract.
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"abc-2020\"\nkind = \"report\"\ntitle = \"Zed\\nok: 57 entries\"\nyear = 2020\ntopics = [\"alpha\"]\n\n[[entry]]\nid = \"alpha\"\nkind = \"signpost\"\ntitle = \"S\\nerror: forged\"\ntopics = [\"alpha\"]\nabstract = \"x\\nerror: forged too\"\n"
        ),
    )]);
    let (code, _, stderr) = splw(&dir, &["show", "abc-202"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: no entry `abc-202`; did you mean abc-2020 (Zed\\nok: 57 entries)?\n"
    );
    let (code, _, stderr) = splw(&dir, &["cite", "alpha"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: `alpha` is a signpost, a pointer to further resources, not a work to cite: S\\nerror: forged (x\\nerror: forged too)\n`splw show alpha` shows it\n"
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_with_a_line_break_stays_on_its_line_on_stderr() {
    let dir = brief_of(&[("02\nok: 57 entries.toml", "[section]\nid = 1\n")]);
    let (code, _, stderr) = splw(&dir, &["list"]);
    assert_eq!(code, 3);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("02\\nok: 57 entries.toml:2:6: "),
        "{stderr}"
    );
}

#[test]
fn invisible_format_characters_are_escaped_too() {
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"abc-2020\"\nkind = \"report\"\ntitle = \"Tag\\U000E0041 inv\\u2062op \\u180e क्\\u200dष 👩\\u200d💻\"\nyear = 2020\ntopics = [\"alpha\"]\n"
        ),
    )]);
    let (_, stdout, _) = splw(&dir, &["list", "--layout", "plain"]);
    assert_eq!(
        stdout,
        "abc-2020\t2020\t\tTag\\u{e0041} inv\\u{2062}op \\u{180e} क्\u{200d}ष 👩\u{200d}💻\n"
    );
    let (_, bib, _) = splw(&dir, &["cite", "--all", "--format", "bibtex"]);
    assert!(
        bib.contains("{{Tag invop  क्\u{200d}ष 👩\u{200d}💻}}"),
        "{bib}"
    );
    // In JSON as escapes that read back as the same text: a tag is a UTF-16 surrogate pair.
    let (_, json, _) = splw(&dir, &["list", "--json"]);
    assert!(
        json.contains(r"Tag\udb40\udc41 inv\u2062op \u180e"),
        "{json}"
    );
    let read: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        read[0]["title"],
        "Tag\u{e0041} inv\u{2062}op \u{180e} क्\u{200d}ष 👩\u{200d}💻"
    );
}

#[test]
fn no_name_adds_a_bibtex_author() {
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"smith-2020\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\"]\nauthors = [{{ family = \"Smith\", given = \"John and Injected, Author\" }}, {{ family = \"Jones,Jr\", given = \"A\" }}]\n"
        ),
    )]);
    let (_, bib, _) = splw(&dir, &["cite", "--all", "--format", "bibtex"]);
    assert!(
        bib.contains("author = {Smith, {John and Injected, Author} and {Jones,Jr}, A.},"),
        "{bib}"
    );
}

#[test]
fn ids_are_at_most_a_hundred_characters() {
    let id = format!("{}-2020", "a".repeat(200));
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"{id}\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\"]\n"
        ),
    )]);
    let (code, stdout, _) = splw(&dir, &["check"]);
    assert_eq!(code, 3);
    assert_eq!(
        stdout.lines().next().unwrap(),
        format!(
            "{}:6:6: id `{}…` is 205 characters long; an id is typed, so at most 100",
            dir.path().join("01-alpha.toml").display(),
            "a".repeat(100)
        )
    );
}

#[test]
fn small_slips_are_reported_once_and_exactly() {
    let long = "\u{202e}".repeat(1_000);
    let dir = brief_of(&[
        // A section with no title: one problem, not one more for each of its entries.
        (
            "01-alpha.toml",
            "[section]\nid = \"alpha\"\n\n[[entry]]\nid = \"org-2020\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\"]\naliases = [\"org-2020\"]\n",
        ),
        // A title of control characters is quoted short.
        (
            "02-beta.toml",
            &format!(
                "[section]\nid = \"beta\"\ntitle = \"B\"\n\n[[entry]]\nid = \"org-2021\"\nkind = \"report\"\ntitle = \"{long}\"\nyear = 2021\ntopics = [\"beta\"]\n"
            ),
        ),
    ]);
    let (code, stdout, _) = splw(&dir, &["check"]);
    let at = |name: &str| dir.path().join(name).display().to_string();
    assert_eq!(code, 3);
    assert_eq!(
        stdout,
        format!(
            "{}:1:1: missing field `title`\n{}:10:12: alias `org-2020` is the entry's own id: leave it out\n{}:8:9: `title` has a control character: {}…\n",
            at("01-alpha.toml"),
            at("01-alpha.toml"),
            at("02-beta.toml"),
            "\\u{202e}".repeat(100)
        )
    );
}

#[test]
fn authors_may_be_given_in_one_placement_only() {
    let dir = brief_of(&[
        (
            "01-alpha.toml",
            "[section]\nid = \"alpha\"\ntitle = \"A\"\n\n[[entry]]\nid = \"smith-2020\"\nkind = \"report\"\ntitle = \"T\"\ntopics = [\"alpha\", \"beta\"]\n",
        ),
        (
            "02-beta.toml",
            "[section]\nid = \"beta\"\ntitle = \"B\"\n\n[[entry]]\nid = \"smith-2020\"\nkind = \"report\"\ntitle = \"T\"\nauthors = [{ family = \"Smith\" }]\net_al = true\nyear = 2020\ntopics = [\"beta\"]\n",
        ),
    ]);
    let (code, stdout, _) = splw(&dir, &["check"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "ok: 1 entry, 2 placements, 2 sections, 0 abstracts, 0 DOIs (3 files)\n"
        )
    );
}

#[test]
fn markdown_holds_no_heading_or_mathematics() {
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"org-2020\"\nkind = \"report\"\ntitle = \"T\"\nauthors = [{{ literal = \"# Heading $x$ ~s~ ^p^\" }}]\nyear = 2020\ntopics = [\"alpha\"]\n"
        ),
    )]);
    let (_, markdown, _) = splw(&dir, &["cite", "org-2020", "--format", "markdown"]);
    assert!(
        markdown.starts_with(r"\# Heading \$x\$ \~s\~ \^p\^"),
        "{markdown}"
    );
}

#[test]
fn a_brief_by_an_organisation_is_cited_by_its_name() {
    let dir = folder(&[
        (
            "00-front.toml",
            "[brief]\ntitle = \"T\"\nauthor = \"NHS England\"\nyear = 2024\n",
        ),
        ("01-alpha.toml", SECTION),
    ]);
    let (code, stdout, _) = splw(&dir, &["cite", "brief", "--style", "apa"]);
    assert_eq!((code, stdout.as_str()), (0, "NHS England. (2024). T.\n"));
}

/// `brief` stands for the brief itself where works are cited, so no entry may take it: the
/// loader says where, and why.
#[test]
fn no_entry_takes_the_briefs_own_id() {
    let dir = brief_of(&[(
        "01-alpha.toml",
        &format!(
            "{SECTION}[[entry]]\nid = \"brief\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"alpha\"]\n"
        ),
    )]);
    let (code, stdout, _) = splw(&dir, &["check"]);
    let file = dir.path().join("01-alpha.toml").display().to_string();
    assert_eq!(code, 3);
    assert_eq!(
        stdout,
        format!(
            "{file}:6:6: the id `brief` stands for the brief itself, where works are cited (`splw cite brief`): give this entry another\n"
        )
    );
}
