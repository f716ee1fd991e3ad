//! Whole-output tests of the built binary: every literate `.md` case file in `tests/cmd/`. Refresh
//! expected output after a deliberate change with `TRYCMD=overwrite cargo test --test cli`, then
//! read the diff.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .skip(WIDTH_CASES[0])
        .skip(WIDTH_CASES[1])
        .skip(WIDTH_CASES[2]);
}

/// Cases that set their own width, as `$ COLUMNS=80 splw map`: a width set for all cases would
/// override a step's.
const WIDTH_CASES: [&str; 3] = [
    "tests/cmd/map.md",
    "tests/cmd/stats.md",
    "tests/cmd/widths.md",
];

/// What `splw` with these arguments prints on stdout.
fn stdout(args: &[&str]) -> String {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("splw"))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

fn keys(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// The README's JSON contract of `map` and `stats`: exactly the documented keys, and counts that
/// agree with each other.
#[test]
fn map_and_stats_json_have_the_documented_keys() {
    let map = json(&["map", "--json"]);
    assert_eq!(keys(&map), ["columns", "ids", "rows", "totals"]);
    assert_eq!(map["columns"], "design");
    let rows = map["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 21);
    for row in rows {
        assert_eq!(keys(row), ["cells", "ids", "label", "topic"]);
        for cell in row["cells"].as_array().unwrap() {
            assert_eq!(keys(cell), ["column", "ids"]);
        }
    }
    assert_eq!(map["ids"].as_array().unwrap().len(), 57);
    let qualitative = map["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == "qualitative")
        .unwrap();

    let stats = json(&["stats", "--json"]);
    assert_eq!(
        keys(&stats),
        [
            "access", "country", "design", "kind", "links", "works", "year"
        ]
    );
    assert_eq!(stats["works"], 57);
    assert_eq!(
        keys(&stats["links"]),
        ["doi", "doi_or_url", "neither", "url"]
    );
    let count = |facet: &str, value: serde_json::Value| {
        stats[facet]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["value"] == value)
            .unwrap()["count"]
            .clone()
    };
    // The map and the counts agree: 15 qualitative works, each once.
    assert_eq!(
        count("design", "qualitative".into()),
        qualitative["ids"].as_array().unwrap().len()
    );
    let years: usize = stats["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(years, 57);
}

/// `list --design X` selects exactly the works whose JSON `design` holds X, for every design; and
/// the same for `--country`.
#[test]
fn design_and_country_filters_agree_with_the_json() {
    let all = json(&["list", "--json"]);
    let entries = all.as_array().unwrap();
    let mut seen = 0;
    for (option, key, values) in [
        (
            "--design",
            "design",
            &["qualitative", "mixed-methods", "not-research", "protocol"][..],
        ),
        (
            "--country",
            "country",
            &["England", "United Kingdom", "Australia"],
        ),
    ] {
        for value in values {
            let listed = stdout(&["list", option, value, "--layout", "plain"]);
            let listed: Vec<&str> = listed
                .lines()
                .map(|l| l.split('\t').next().unwrap())
                .collect();
            let coded: Vec<&str> = entries
                .iter()
                .filter(|e| e[key].as_array().unwrap().iter().any(|v| v == value))
                .map(|e| e["id"].as_str().unwrap())
                .collect();
            assert_eq!(listed, coded, "{option} {value}");
            seen += coded.len();
        }
    }
    // Not every list is empty: the comparison compares something.
    assert!(seen > 40, "{seen}");
}

#[test]
fn width_cases() {
    let cases = trycmd::TestCases::new();
    cases.env("NO_COLOR", "1");
    for case in WIDTH_CASES {
        cases.case(case);
    }
}

/// The words of a line, as splw wraps it: a `command in backticks` is one.
fn words(line: &str) -> impl Iterator<Item = &str> {
    let mut quoted = false;
    line.split(move |c: char| {
        quoted ^= c == '`';
        c == ' ' && !quoted
    })
}

/// The cases that set a width (`$ COLUMNS=40 splw …`) show nothing wider than it: no line of their
/// output is wider than the terminal unless a word on it (an id, an address) is longer than a line.
#[test]
fn nothing_is_wider_than_the_terminal_it_was_drawn_for() {
    for file in WIDTH_CASES {
        let text = std::fs::read_to_string(file).unwrap();
        let mut columns: Option<usize> = None;
        for (n, line) in text.lines().enumerate() {
            if let Some(command) = line.strip_prefix("$ ") {
                columns = command
                    .strip_prefix("COLUMNS=")
                    .and_then(|rest| rest.split(' ').next())
                    .map(|n| n.parse().unwrap());
                continue;
            }
            if line.starts_with("```") {
                columns = None;
            }
            let Some(columns) = columns else { continue };
            let width = unicode_width::UnicodeWidthStr::width;
            let wide = width(line);
            let indent = line.len() - line.trim_start().len();
            let unbreakable = words(line).any(|word| width(word) > columns.saturating_sub(indent));
            assert!(
                wide <= columns || unbreakable,
                "{file}:{}: {wide} columns wide, in a terminal of {columns}:\n{line}",
                n + 1
            );
        }
    }
}

/// The README's table of exit codes is the code's own, row for row.
#[test]
fn the_readme_s_exit_codes_are_splw_s() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme
        .split("## Exit codes\n")
        .nth(1)
        .expect("README.md has an `## Exit codes` section");
    let rows: Vec<String> = table
        .lines()
        .skip_while(|line| !line.starts_with("| code"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = splw::exit_codes::ExitCode::ALL
        .iter()
        .map(|code| format!("| {} | {} |", code.code(), code.meaning()))
        .collect();
    assert_eq!(rows, expected);
}
