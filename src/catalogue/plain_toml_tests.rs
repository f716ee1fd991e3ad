//! The plain reader against `toml`: wherever the reader gives a file's raw shape, it must be the
//! one `toml` gives, spans and all; and it must take the files briefs are made of.

use std::path::Path;

use proptest::prelude::*;

use super::read_alike;

#[allow(dead_code)]
#[path = "../../benches/support/synthetic.rs"]
mod synthetic;

fn toml_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|item| item.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .filter_map(|path| {
            Some((
                path.display().to_string(),
                std::fs::read_to_string(&path).ok()?,
            ))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn reads_every_file_of_the_brief_and_of_a_synthetic_brief_as_toml_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let brief = toml_files(&root.join("brief"));
    assert_eq!(brief.len(), 22);
    for (name, text) in brief.into_iter().chain(synthetic::brief(500)) {
        match read_alike(&text) {
            Ok(Some(_)) => {}
            Ok(None) => panic!("{name}: the plain reader left it to toml"),
            Err(difference) => panic!("{name}: {difference}"),
        }
    }
}

#[test]
fn agrees_with_toml_on_every_fixture_good_or_bad() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut read = 0;
    for folder in std::fs::read_dir(&fixtures)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        for (name, text) in toml_files(&folder.path()) {
            match read_alike(&text) {
                Ok(taken) => read += usize::from(taken.is_some()),
                Err(difference) => panic!("{name}: {difference}"),
            }
        }
    }
    assert!(read >= 10, "the reader took only {read} fixture files");
}

#[test]
fn leaves_to_toml_what_is_not_plain() {
    // Into `IgnoredAny`, which takes any value: whatever is refused here, the reader refused.
    let takes = |line: &str| {
        super::from_str::<serde::de::IgnoredAny>(&format!("[table]\n{line}\n")).is_some()
    };
    for plain in [
        "a = \"text\"",
        "a = \"\"\"\nlines\n\"\"\"",
        "a = 1999",
        "a = -1",
        "a = true",
        "a = [\"x\", \"y\",]",
        "a = [{ b = \"c\", d = 1 }]",
        "a = \"x\" # a comment",
    ] {
        assert!(takes(plain), "refused {plain:?}");
    }
    for odd in [
        "a = 'literal'",
        "a = '''literal'''",
        "a = \"\\e escape from TOML 1.1\"",
        "a = \"\\x41 escape from TOML 1.1\"",
        "a = \"\"\"ends with a quote\"\"\"\"",
        "a = 1_999",
        "a = +1999",
        "a = -0",
        "a = 007",
        "a = 0x7CF",
        "a = 1999.0",
        "a = 1e3",
        "a = 1999-01-01",
        "a = inf",
        "\"a\" = \"a quoted key\"",
        "a.b = \"a dotted key\"",
        "a = { b = \"c\", }",
        "a = { b = \"c\",\n  d = \"e\" }",
        "a = \"x\" # \u{1} in a comment",
        "a = \"x\"\r",
    ] {
        assert!(!takes(odd), "took {odd:?}");
    }
}

#[test]
fn leaves_deep_nesting_to_toml_without_overflowing_the_stack() {
    let nested =
        |depth: usize| format!("[table]\na = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
    let takes = |text: &str| super::from_str::<serde::de::IgnoredAny>(text).is_some();
    assert!(takes(&nested(super::MAX_DEPTH)));
    assert!(!takes(&nested(super::MAX_DEPTH + 1)));
    assert!(!takes(&nested(100_000)));
}

// ---- Generated files: a section of entries, written in every way the parts can be. ----

/// Mostly `plain`, sometimes `odd`: every file has a fair chance of being all plain.
fn mostly(
    plain: &[&'static str],
    odd: &[&'static str],
) -> impl Strategy<Value = &'static str> + use<> {
    prop_oneof![
        19 => proptest::sample::select(plain.to_vec()),
        1 => proptest::sample::select(odd.to_vec()),
    ]
}

/// A piece of a string's text, as written inside the quotes.
fn string_piece(multiline: bool) -> impl Strategy<Value = &'static str> {
    let mut plain = vec![
        "plain words",
        " ",
        "é — “curly” 😀",
        "\t",
        "\\\"",
        "\\\\",
        "\\n",
        "\\t",
        "\\r",
        "\\b",
        "\\f",
        "\\u00E9",
        "\\U0001F600",
        "\\u0000",
        "'",
        "#",
        "[x]",
    ];
    let mut odd = vec![
        "\\e", "\\x41", "\\uD800", "\\q", "\\u12", "\\", "\u{7f}", "\u{1}", "\r", "\"\"",
    ];
    if multiline {
        plain.extend(["\n", "\\\n", "\\  \n   ", "\n\n", "\"", "\"\""]);
        odd.extend(["\\ x", "\"\"\"", "\r\n"]);
    } else {
        odd.extend(["\n", "\""]);
    }
    mostly(&plain, &odd)
}

fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => proptest::collection::vec(string_piece(false), 0..6)
            .prop_map(|pieces| format!("\"{}\"", pieces.concat())),
        10 => (any::<bool>(), proptest::collection::vec(string_piece(true), 0..8))
            .prop_map(|(newline, pieces)| {
                let newline = if newline { "\n" } else { "" };
                format!("\"\"\"{newline}{}\"\"\"", pieces.concat())
            }),
        1 => Just("'literal'".to_string()),
        1 => Just("\"unclosed".to_string()),
    ]
}

fn integer_value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1900..2030i64).prop_map(|n| n.to_string()),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        2 => mostly(&["0", "1", "12"], &[
            "-0", "007", "+1", "1_000", "0x1F", "99999999999999999999", "2020.0", "2024-04-01",
            "1e3", "12abc", "-",
        ])
        .prop_map(str::to_string),
    ]
}

/// Spaces around `=`, some of which TOML refuses.
fn spaces() -> impl Strategy<Value = &'static str> {
    mostly(&[" ", "", "\t", "  "], &["\u{a0}", " # note"])
}

/// Spaces and comments at the end of a line, some of which TOML refuses.
fn line_end() -> impl Strategy<Value = &'static str> {
    mostly(
        &["", " ", " # note", "\t# note # more"],
        &[" #\u{1}", "\u{a0}"],
    )
}

fn array_of<S: Strategy<Value = String>>(item: S) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(item, 0..4),
        mostly(&[", ", ",", ",\n  ", ", # note\n  ", " , "], &[" "]),
        mostly(&["", ",", ",\n", "\n", " # end\n"], &[",,"]),
    )
        .prop_map(|(items, comma, end)| {
            let end = if items.is_empty() { "" } else { end };
            format!("[{}{end}]", items.join(comma))
        })
}

fn author() -> impl Strategy<Value = String> {
    let form = prop_oneof![9 => 0..3usize, 1 => 3..6usize];
    (string_value(), string_value(), form).prop_map(|(family, given, form)| match form {
        0 => format!("{{ family = {family}, given = {given} }}"),
        1 => format!("{{family={family}}}"),
        2 => format!("{{ literal = {family} }}"),
        3 => format!("{{ family = {family}, }}"),
        4 => format!("{{ family = {family},\n given = {given} }}"),
        _ => format!("{{ family = {family}, family = {given} }}"),
    })
}

/// A `key = value` line of an entry, and its key.
fn field() -> impl Strategy<Value = (&'static str, String)> {
    let value = prop_oneof![
        3 => (Just("notes"), string_value()),
        3 => (Just("abstract"), string_value()),
        3 => (Just("journal"), string_value()),
        3 => (Just("year"), integer_value()),
        3 => (Just("month"), integer_value()),
        3 => (Just("et_al"), mostly(&["true", "false"], &["truex", "True"]).prop_map(str::to_string)),
        3 => (Just("aliases"), array_of(string_value())),
        3 => (Just("authors"), array_of(author())),
        1 => (Just("unknown"), string_value()),
        1 => (Just("title"), string_value()),
    ];
    (value, spaces(), spaces(), line_end()).prop_map(|((key, value), before, after, end)| {
        (key, format!("{key}{before}={after}{value}{end}"))
    })
}

fn entry() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(field(), 0..5),
        mostly(
            &["[[entry]]", "[[entry]] # one", "  [[entry]]"],
            &["[entry]", "[[ entry ]]"],
        ),
        mostly(&["\n", "\n\n", "\n# a comment\n", "\n  \n"], &["\n\u{1}\n"]),
    )
        .prop_map(|(fields, header, gap)| {
            let mut text = format!(
                "{header}\nid = \"x\"\nkind = \"toolkit\"\ntitle = \"T\"\ntopics = [\"s\"]\n"
            );
            let mut keys = Vec::new();
            // Each key once: `toml` refuses a key given twice, and so does serde.
            for (key, field) in fields {
                if !keys.contains(&key) {
                    keys.push(key);
                    text.push_str(&field);
                    text.push_str(gap);
                }
            }
            text
        })
}

fn section_file() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(entry(), 0..4),
        mostly(
            &["", "# A section.\n\n", "\n\n"],
            &["\u{feff}", "id = \"root\"\n"],
        ),
        mostly(
            &["[section]", "[section] # s"],
            &["[ section ]", "[[section]]"],
        ),
        any::<bool>(),
    )
        .prop_map(|(entries, start, header, section_last)| {
            let section = format!("{header}\nid = \"s\"\ntitle = \"S\"\npage = 3\n\n");
            let entries = entries.concat();
            if section_last {
                format!("{start}{entries}{section}")
            } else {
                format!("{start}{section}{entries}")
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn wherever_it_reads_a_generated_file_it_reads_it_as_toml_does(text in section_file()) {
        if let Err(difference) = read_alike(&text) {
            prop_assert!(false, "{difference}\nin:\n{text}");
        }
    }
}
