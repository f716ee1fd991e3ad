//! Whole-output tests of the built binary: every literate `.md` case file in `tests/cmd/`. Refresh
//! expected output after a deliberate change with `TRYCMD=overwrite cargo test --test cli`, then
//! read the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .skip(WIDTH_CASES[0])
        .skip(WIDTH_CASES[1]);
}

/// Cases that set their own width, as `$ COLUMNS=80 splw map`: a width set for all cases would
/// override a step's.
const WIDTH_CASES: [&str; 2] = ["tests/cmd/map.md", "tests/cmd/stats.md"];

/// `list --design X` selects exactly the works whose JSON `design` holds X, for every design; and
/// the same for `--country`.
#[test]
fn design_and_country_filters_agree_with_the_json() {
    let splw = |args: &[&str]| {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("splw"))
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let all: serde_json::Value = serde_json::from_str(&splw(&["list", "--json"])).unwrap();
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
            let listed = splw(&["list", option, value, "--layout", "plain"]);
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
