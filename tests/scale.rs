//! Inputs whose cost could grow faster than their size: a million-character line of problems, an
//! absurd id, a brief over the size limit. Each test checks the exact result at a size where a
//! quadratic cost would show; the times are measured in benches/, never asserted here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use tempfile::TempDir;

#[path = "../benches/support/shapes.rs"]
mod shapes;

fn splw(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(cargo_bin("splw"))
        .env_remove("SPLW_BRIEF")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("splw runs");
    (
        output.status.code().expect("splw exits"),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

const FRONT: &str = "[brief]\ntitle = \"Scale\"\n";

fn brief<N: AsRef<str>>(files: &[(N, String)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("00-front.toml"), FRONT).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name.as_ref()), text).unwrap();
    }
    dir
}

#[test]
fn a_hundred_thousand_problems_on_one_line_are_all_placed() {
    const BAD: usize = 100_000;
    // One line: `topics = ["alpha", "é0", "é1", …]`, every topic but the first unknown, with a
    // two-byte character in each so that columns count characters, not bytes.
    let topics: Vec<String> = std::iter::once("\"alpha\"".to_string())
        .chain((0..BAD).map(|i| format!("\"é{i}\"")))
        .collect();
    let section = format!(
        "[section]\nid = \"alpha\"\ntitle = \"Alpha\"\n\n[[entry]]\nid = \"org-2020\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [{}]\n",
        topics.join(", ")
    );
    let dir = brief(&[("01-alpha.toml", section)]);
    let (code, stdout, stderr) = splw(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(code, 3, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), BAD);
    let file = dir.path().join("01-alpha.toml").display().to_string();
    // `topics = [` is 10 characters, `"alpha", ` 9 more.
    assert_eq!(
        lines[0],
        format!("{file}:10:20: unknown topic `é0`; it should be one of: alpha")
    );
    let last_column = 20
        + (0..BAD - 1)
            .map(|i| format!("\"é{i}\", ").chars().count())
            .sum::<usize>();
    assert_eq!(
        lines[BAD - 1],
        format!(
            "{file}:10:{last_column}: unknown topic `é{}`; it should be one of: alpha",
            BAD - 1
        )
    );
    assert_eq!(stderr, format!("error: the brief has {BAD} problems\n"));
}

#[test]
fn an_absurd_id_is_echoed_short() {
    let id = "x".repeat(120_000);
    let (code, stdout, stderr) = splw(&["show", &id]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        format!(
            "error: no entry `{}…`\n`splw list` lists every id; `splw find WORDS` searches titles and abstracts\n",
            "x".repeat(100)
        )
    );
}

#[test]
fn a_brief_over_the_total_limit_is_refused_unread() {
    // Five sparse files of 15 MiB: each under the 16 MiB limit for a file, 75 MiB in all.
    let dir = TempDir::new().unwrap();
    for n in 0..5 {
        let file = fs::File::create(dir.path().join(format!("0{n}.toml"))).unwrap();
        file.set_len(15 * 1024 * 1024).unwrap();
    }
    let (code, stdout, stderr) = splw(&["list", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!((code, stdout.as_str()), (3, ""));
    assert_eq!(
        stderr,
        format!(
            "error: {}: its section files hold 78643200 bytes, over the limit of 67108864 bytes (64 MiB) for a brief\n",
            dir.path().display()
        )
    );
}

#[test]
fn fifty_thousand_unknown_topics_among_a_thousand_sections_stay_small() {
    // Each message would list all 1,000 section ids, and each would be compared with every
    // one: a few kilobytes per problem, and billions of comparisons.
    let mut files: Vec<(String, String)> = (0..1_000)
        .map(|n| {
            (
                format!("s{n:04}.toml"),
                format!("[section]\nid = \"s{n:04}\"\ntitle = \"S\"\n"),
            )
        })
        .collect();
    let bad: Vec<String> = (0..50_000).map(|n| format!("\"x{n}\"")).collect();
    files.push((
        "t.toml".into(),
        format!(
            "[section]\nid = \"t\"\ntitle = \"T\"\n\n[[entry]]\nid = \"org-2020\"\nkind = \"report\"\ntitle = \"T\"\nyear = 2020\ntopics = [\"t\", {}]\n",
            bad.join(", ")
        ),
    ));
    let dir = brief(&files);
    let (code, stdout, _) = splw(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(code, 3);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 50_000);
    assert!(
        lines[49_999]
            .ends_with("unknown topic `x49999`; `splw topics` lists the sections of a brief"),
        "{}",
        lines[49_999]
    );
    assert!(stdout.len() < 50_000 * 200, "{} bytes", stdout.len());
}

/// Works that share one citation in the text ("Smith et al., 2020") are told apart by their
/// second authors, each work against every other: 16,000 of them took 24.8 s when each was
/// compared with each (issue 26). Every work gets the one name more that tells it apart, in every
/// author–date style, and cited alone it keeps it, as the list gives it.
#[test]
fn sixteen_thousand_works_that_share_one_citation_are_each_told_apart() {
    const WORKS: usize = 16_000;
    let mut section = String::from("[section]\nid = \"alpha\"\ntitle = \"Alpha\"\n");
    for i in 0..WORKS {
        section.push_str(&format!(
            "\n[[entry]]\nid = \"smith-2020-{i:05}\"\nkind = \"journal-article\"\ntitle = \"Study {i:05}\"\nauthors = [{{ family = \"Smith\", given = \"Ann\" }}, {{ family = \"Jones{i:05}\", given = \"Bo\" }}, {{ family = \"Brown\", given = \"Cy\" }}, {{ family = \"Green\", given = \"Di\" }}]\nyear = 2020\njournal = \"Journal\"\ntopics = [\"alpha\"]\n"
        ));
    }
    let dir = brief(&[("01-alpha.toml", section)]);
    let brief = dir.path().to_str().unwrap();
    let (code, list, stderr) = splw(&["--brief", brief, "cite", "--all", "--style", "harvard"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), WORKS);
    assert_eq!(
        lines[0],
        "Smith, A., Jones00000, B., et al. (2020) ‘Study 00000’, Journal."
    );
    assert_eq!(
        lines[WORKS - 1],
        "Smith, A., Jones15999, B., et al. (2020) ‘Study 15999’, Journal."
    );
    for (style, want) in [
        ("harvard", "(Smith, Jones12345, et al., 2020)"),
        ("apa", "(Smith, Jones12345, et al., 2020)"),
        ("hee", "(Smith, Jones12345, et al. 2020)"),
    ] {
        let (code, cited, stderr) = splw(&[
            "--brief",
            brief,
            "cite",
            "smith-2020-12345",
            "--style",
            style,
            "--in-text",
        ]);
        assert_eq!(
            (code, cited.as_str()),
            (0, format!("{want}\n").as_str()),
            "{style}: {stderr}"
        );
    }
}

/// A brief of `shape`, written to a new folder.
fn shaped(shape: shapes::Shape) -> TempDir {
    let dir = TempDir::new().unwrap();
    shapes::write(shape, dir.path()).unwrap();
    dir
}

#[test]
fn twenty_thousand_countries_are_counted_listed_and_mapped_in_one_pass_each() {
    // Each work compared with each country: 400 million comparisons for every command below.
    const N: usize = 20_000;
    let dir = shaped(shapes::Shape::Countries(N));
    let brief = dir.path().to_str().unwrap();

    let (code, stdout, stderr) = splw(&["stats", "--brief", brief]);
    assert_eq!(code, 0, "{stderr}");
    let countries: Vec<&str> = stdout
        .split("\n\n")
        .find(|part| part.starts_with("Country"))
        .unwrap()
        .lines()
        .skip(1)
        .collect();
    assert_eq!(countries.len(), N);
    assert_eq!(
        countries[N - 1],
        "  Land 19999                    1 ██████████████████████████████████████████████"
    );

    let (code, stdout, _) = splw(&["list", "--brief", brief, "--country", "land 19999"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "atlas19999-2020\t2020\tAtlas\tA study in Land 19999\n")
    );
    // An unknown country lists a few, not all twenty thousand.
    let (code, _, stderr) = splw(&["list", "--brief", brief, "--country", "Atlantis"]);
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with(", and 19,988 more (`splw stats` lists them all)\n"),
        "{stderr}"
    );

    let page = dir.path().join("page.html");
    let (code, _, stderr) = splw(&["page", "--brief", brief, "-o", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let page = fs::read_to_string(page).unwrap();
    assert_eq!(page.matches("<option value=\"Land ").count(), N);
}

#[test]
fn a_map_of_twenty_thousand_countries_folds_what_does_not_fit_into_a_counted_other() {
    const N: usize = 20_000;
    let dir = shaped(shapes::Shape::Countries(N));
    let brief = dir.path().to_str().unwrap();
    let map = Command::new(cargo_bin("splw"))
        .args(["map", "--cols", "country", "--brief", brief])
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(map.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "            L0     L1     L2     L3     L4     L5     L6     L7     L8     L9    L10    oth   all",
            "─────────────────────────────────────────────────────────────────────────────────────────────────",
            "lands-0     ░1     ░1     ░1     ░1     ░1     ░1     ░1     ░1     ░1     ░1     ░1 █19989 20000",
            "─────────────────────────────────────────────────────────────────────────────────────────────────",
            "all          1      1      1      1      1      1      1      1      1      1      1  19989 20000",
        ]
    );
    assert!(
        text.contains(" · oth 19,989 more countries, fewer works each\n"),
        "{text}"
    );
    for line in &lines {
        assert!(line.chars().count() <= 100, "{line}");
    }
    // The JSON is as wide as the widest map, 200 columns: 26 countries, then the other 19,974.
    let (code, json, _) = splw(&["map", "--cols", "country", "--json", "--brief", brief]);
    assert_eq!(code, 0);
    assert!(json.len() < 3_000_000, "{} bytes", json.len());
    let map: serde_json::Value = serde_json::from_str(&json).unwrap();
    let totals = map["totals"].as_array().unwrap();
    assert_eq!(totals.len(), 27);
    assert_eq!(totals[25]["column"], "Land 25");
    assert_eq!(totals[26]["column"], "other");
    assert_eq!(totals[26]["others"], N - 26);
    assert_eq!(totals[26]["ids"].as_array().unwrap().len(), N - 26);
    assert!(totals[0].get("others").is_none());
}

#[test]
fn one_entry_in_a_thousand_files_each_with_every_topic_is_merged_in_one_pass() {
    // Each placement's thousand topics compared with all the merged ones: a billion comparisons.
    const N: usize = 1_000;
    let dir = shaped(shapes::Shape::OneEntryEverywhere(N));
    let brief = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = splw(&["check", "--brief", brief]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "ok: 1 entry, {N} placements, {N} sections, 0 abstracts, 0 DOIs ({} files)\n",
            N + 1
        )
    );
    let (code, stdout, _) = splw(&["topics", "--brief", brief]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), N);
    assert_eq!(stdout.lines().last(), Some("s999\tSection 999\t\t1\t0"));
}

#[test]
fn a_section_of_fifty_thousand_entries_is_looked_up_not_read_through() {
    // Whether the brief lists a work in a section, read through a section of 40,000 for each of
    // 50,000 works: two billion comparisons, in `find`, `list --section` and the page.
    const N: usize = 50_000;
    let dir = shaped(shapes::Shape::Tiny(N));
    let brief = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = splw(&["list", "--brief", brief, "--section", "tiny-1"]);
    assert_eq!(code, 0, "{stderr}");
    let listed: Vec<&str> = stdout.lines().collect();
    // The first file holds 39,042 entries (4 MiB), the second the rest.
    assert_eq!(listed.len(), N - 39_042);
    assert_eq!(listed[0], "t39042-2020\t2020\tT\tT39042");
    let (code, stdout, stderr) = splw(&["find", "--brief", brief, "T49999"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("t49999-2020\t"), "{stdout}");
}

#[test]
fn one_work_of_five_thousand_countries_is_refused_past_fifty_without_a_search_each() {
    // Each country's evidence looked for in a megabyte of abstract: five billion comparisons.
    const N: usize = 5_000;
    let countries: Vec<String> = (0..N).map(|i| format!("\"Land {i}\"")).collect();
    let evidence: Vec<String> = (0..N)
        .map(|i| format!("\"Land {i}\" = \"Land {i}\""))
        .collect();
    let section = format!(
        "[section]\nid = \"alpha\"\ntitle = \"Alpha\"\n\n[[entry]]\nid = \"atlas-2020\"\nkind = \"report\"\ntitle = \"An atlas\"\nsource = \"Atlas\"\nyear = 2020\ntopics = [\"alpha\"]\nabstract = \"{} Land 1 and Land 2\"\ncountry = [{}]\ncountry_evidence = {{ {} }}\n",
        "words ".repeat(200_000),
        countries.join(", "),
        evidence.join(", ")
    );
    let dir = brief(&[("01-alpha.toml", section)]);
    let (code, stdout, _) = splw(&["check", "--brief", dir.path().to_str().unwrap()]);
    assert_eq!(code, 3);
    let lines: Vec<&str> = stdout.lines().collect();
    let file = dir.path().join("01-alpha.toml").display().to_string();
    // The 50 coded: 48 with no evidence in the text; then 4,950 refused.
    let missing = lines
        .iter()
        .filter(|l| l.contains("is not in the title or abstract"))
        .count();
    let refused = lines
        .iter()
        .filter(|l| {
            l.ends_with(": more than 50 countries: code the countries the work itself studies")
        })
        .count();
    assert_eq!((missing, refused), (48, N - 50), "{}", lines.len());
    assert!(lines.iter().all(|l| l.starts_with(&file)));
}
