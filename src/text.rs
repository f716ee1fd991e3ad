//! Small text helpers shared by the loader, the filters and the output.

use std::borrow::Cow;

/// Lowercase ASCII letters and digits in `-`-separated words: `kiely-2022`.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A name as it stands in an id: ASCII, lowercase, letters and digits only (O'Shea → oshea).
pub fn ascii_slug(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Text folded for matching: ASCII transliteration, lowercase (Linceviciūtė → linceviciute).
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// Text longer than this is never a typo of a name: did-you-mean leaves it, so that its cost
/// stays bounded whatever is typed (or written in a brief).
const TYPO_CHARS_AT_MOST: usize = 100;

/// The closest of `candidates` to `wanted`, if any is close enough to be a likely typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wanted.chars().nth(TYPO_CHARS_AT_MOST).is_some() {
        return None;
    }
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.len() <= 4 * TYPO_CHARS_AT_MOST)
        .map(|c| (strsim::jaro_winkler(&wanted, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// What a person typed, as a message quotes it: escaped, and cut after about 100 characters so
/// that a pasted page does not fill the screen.
pub fn quoted(text: &str) -> String {
    match text.char_indices().nth(TYPO_CHARS_AT_MOST) {
        Some((cut, _)) => format!("{}…", escape_line(&text[..cut])),
        None => escape_line(text).into_owned(),
    }
}

/// Whether `text` holds a control character (newlines allowed only where `newlines` is true).
pub fn has_control(text: &str, newlines: bool) -> bool {
    // Every text of a brief passes through here on loading, so first a scan over bytes that the
    // compiler can vectorise: control characters are bytes below 0x20 or 0x7F, or (U+0080 to
    // U+009F) 0xC2 followed by a second byte. Only a text with such a byte is looked at by char.
    let suspect = |chunk: &[u8]| {
        chunk.iter().fold(false, |found, &b| {
            found | (b < 0x20 && !(newlines && b == b'\n')) | (b == 0x7F) | (b == 0xC2)
        })
    };
    text.as_bytes().chunks(64).any(suspect)
        && text
            .chars()
            .any(|c| c.is_control() && !(newlines && c == '\n'))
}

/// Text safe for a terminal on one line: control characters, newlines and tabs included, are
/// shown escaped (`\e`, `\n`, `\u{9b}`), so a brief cannot move the cursor or set the clipboard.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Like `escape_line`, but newlines are kept: for abstracts and notes.
pub fn escape_block(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, newlines: bool) -> Cow<'_, str> {
    if !has_control(text, newlines) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if newlines => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// An I/O error's message without Rust's "(os error N)" tail.
pub fn io_error(error: &std::io::Error) -> String {
    let message = error.to_string();
    match message.find(" (os error ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// The years a brief's dates and `--year` may name: plausible publication years, one rule for
/// both.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// "1 entry", "2 entries".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// English month names, for dates as the brief prints them ("April 2024").
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name, for 1 to 12.
pub fn month_name(month: u8) -> Option<&'static str> {
    MONTHS.get(usize::from(month).checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("kiely-2022"));
        assert!(is_slug("nhse-2023a"));
        assert!(!is_slug("Kiely-2022"));
        assert!(!is_slug("kiely--2022"));
        assert!(!is_slug("-kiely"));
        assert!(!is_slug(""));
        assert_eq!(ascii_slug("O'Shea"), "oshea");
        assert_eq!(ascii_slug("Moreira da Souza"), "moreiradasouza");
        assert_eq!(ascii_slug("Linceviciūtė"), "linceviciute");
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(
            escape_line("a\u{1b}]52;c;aGk=\u{7}b"),
            "a\\e]52;c;aGk=\\u{7}b"
        );
        assert_eq!(escape_line("one\ntwo\tthree"), "one\\ntwo\\tthree");
        assert_eq!(escape_block("one\ntwo\u{9b}"), "one\ntwo\\u{9b}");
        assert!(matches!(escape_line("plain – text"), Cow::Borrowed(_)));
    }

    #[test]
    fn finds_control_characters_wherever_they_stand() {
        let plain = |text: &str, newlines: bool| {
            text.chars()
                .any(|c| c.is_control() && !(newlines && c == '\n'))
        };
        let padding = "x".repeat(63);
        for c in [
            '\u{0}', '\u{7}', '\n', '\u{1b}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}',
        ]
        .into_iter()
        .chain(['£', '©', '\u{a0}', '–', 'é'])
        {
            // Before, across and after a 64-byte chunk boundary.
            for text in [
                format!("{c}"),
                format!("{padding}{c}x"),
                format!("{padding}x{c}"),
            ] {
                for newlines in [false, true] {
                    assert_eq!(
                        has_control(&text, newlines),
                        plain(&text, newlines),
                        "{c:?}"
                    );
                }
            }
        }
        assert!(!has_control("one\n\ntwo", true));
        assert!(has_control("one\n\ntwo", false));
    }

    #[test]
    fn suggests_the_nearest() {
        assert_eq!(closest("yaer", ["id", "year", "title"]), Some("year"));
        assert_eq!(closest("zzz", ["id", "year", "title"]), None);
    }
}
