//! The README's examples, run as written: the docs cannot drift from the tool. Examples are shown
//! as a 100-column terminal shows them. Refresh after a deliberate change with
//! `TRYCMD=overwrite cargo test --test readme`, then read the diff.

#[test]
fn readme_examples() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("SPLW_LAYOUT", "table")
        .case("README.md");
}
