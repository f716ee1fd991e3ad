//! Whole-output tests of the built binary: every case in `tests/cmd/` (literate `.md` files and
//! one-shot `.toml` files). Refresh expected output after a deliberate change with
//! `TRYCMD=overwrite cargo test --test cli`, then read the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .case("tests/cmd/*.toml");
}
