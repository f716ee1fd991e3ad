//! browse's keys, in words ("Ctrl-Y", not "^Y": a link worker has no reason to know a caret means
//! Ctrl): the one list that `?` shows, that `splw browse --help` and the man page print, and
//! that the README's table of keys is checked against (tests/browse.rs).

/// Each key (or keys) and what it does, in the order `?` shows them.
pub const KEYS: &[(&str, &str)] = &[
    ("type", "search, as `splw find` does"),
    ("↑ ↓", "move (Ctrl-P, Ctrl-N too)"),
    ("PgUp PgDn", "move a page"),
    ("Home End", "go to the first, the last"),
    ("Shift-↑ ↓", "scroll the preview"),
    (
        "mouse",
        "the wheel scrolls (the preview, over it); a click selects or picks",
    ),
    ("Backspace", "delete a character"),
    ("Ctrl-U", "clear the search"),
    ("Ctrl-W", "delete the last word"),
    ("Tab", "mark or unmark, and move down"),
    (
        "Ctrl-T",
        "choose a topic or year, or all: type to narrow, Enter picks",
    ),
    (
        "Ctrl-S",
        "next citation style: Harvard, APA, Vancouver, HEE",
    ),
    (
        "Ctrl-Y",
        "copy the citation, or the marked entries' reference list",
    ),
    ("Ctrl-B", "copy BibTeX"),
    ("Ctrl-O", "open the DOI or URL in the browser"),
    (
        "Enter",
        "leave, printing the marked ids (or the selected one)",
    ),
    ("Esc", "leave, printing nothing (exit 1)"),
    ("Ctrl-C", "leave, printing nothing (exit 130)"),
    ("? or F1", "show the keys"),
];

/// The widest key's width, in columns: where the descriptions start.
pub fn key_width() -> usize {
    let widths = KEYS
        .iter()
        .map(|(key, _)| unicode_width::UnicodeWidthStr::width(*key));
    widths.max().unwrap_or(0)
}

/// The keys as plain text in two columns, each line after `indent`, as `--help` prints them.
pub fn as_text(indent: &str) -> String {
    let width = key_width();
    let lines: Vec<String> = KEYS
        .iter()
        .map(|(key, does)| {
            let pad = width - unicode_width::UnicodeWidthStr::width(*key);
            format!("{indent}{key}{}  {does}", " ".repeat(pad))
        })
        .collect();
    lines.join("\n")
}
