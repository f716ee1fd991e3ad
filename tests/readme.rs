//! The README's examples, run as written: the docs cannot drift from the tool. Examples are shown
//! as a 100-column terminal shows them. Refresh after a deliberate change with
//! `TRYCMD=overwrite cargo test --test readme`, then read the diff.

#[test]
fn readme_examples() {
    // trycmd turns every `\` of the output into `/` before comparing (it takes them for Windows
    // paths), so an example whose output has one would be shown wrongly: JSON's `\"` as `/"`.
    let readme = std::fs::read_to_string("README.md").unwrap();
    for artefact in ["/\"", "/n"] {
        assert!(
            !readme.contains(artefact),
            "README.md shows `{artefact}`: pick an example without backslashes in its output"
        );
    }

    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("SPLW_LAYOUT", "table")
        .case("README.md");
}
