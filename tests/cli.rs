//! Whole-output tests of the built binary: every literate `.md` case file in `tests/cmd/`. Refresh
//! expected output after a deliberate change with `TRYCMD=overwrite cargo test --test cli`, then
//! read the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md");
}
