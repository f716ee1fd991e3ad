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

/// Whether a character of a brief's text must never reach a terminal raw: C0 and C1 controls
/// and DEL (which move the cursor or start escape sequences), the format characters (Unicode's
/// Cf: bidi embeddings, overrides, isolates and marks, which reorder what is shown, the Trojan
/// Source trick; zero-width and invisible characters; tag characters, which can smuggle hidden
/// text; the byte-order mark), and the line and paragraph separators. The zero-width joiner and
/// non-joiner are text inside a word (some scripts and emoji need them), so `in_word` lets them
/// stand there.
pub fn is_unsafe(c: char, in_word: bool) -> bool {
    match c {
        '\u{200C}' | '\u{200D}' => !in_word,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}' => true,
        '\u{0890}' | '\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}' => true,
        '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' => true,
        '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}' => true,
        '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' => true,
        '\u{E0001}' | '\u{E0020}'..='\u{E007F}' => true,
        c => c.is_control(),
    }
}

/// Whether a character can stand beside a joiner inside a word: a letter, a mark such as a
/// virama, an emoji; not a space, a control or ASCII punctuation.
fn word_character(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || c.is_ascii_punctuation())
}

/// Each character of `text` from byte `from` (a character boundary), with where it stands and
/// whether it is unsafe (newlines allowed where `newlines`).
fn unsafe_chars(
    text: &str,
    from: usize,
    newlines: bool,
) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let mut before: Option<char> = text[..from].chars().next_back();
    let mut chars = text[from..].char_indices().peekable();
    std::iter::from_fn(move || {
        let (at, c) = chars.next()?;
        let letters = before.is_some_and(word_character)
            && chars.peek().is_some_and(|&(_, next)| word_character(next));
        before = Some(c);
        Some((
            from + at,
            c,
            !(newlines && c == '\n') && is_unsafe(c, letters),
        ))
    })
}

/// Whether `text` holds an unsafe character (see `is_unsafe`; newlines allowed only where
/// `newlines` is true).
pub fn has_control(text: &str, newlines: bool) -> bool {
    // Every text of a brief passes through here, so first a scan of 64-byte chunks that the
    // compiler can vectorise, for the bytes that start an unsafe character: below 0x20, 0x7F,
    // 0xC2 (C1, U+00AD), 0xD8 to 0xDC (Arabic and Syriac marks), 0xE0 and 0xE1 (U+0890 to
    // U+18FF), 0xE2 (U+2000 to U+2FFF, with dashes and quotes), 0xEF (U+FEFF, U+FFF9), 0xF0 (the
    // supplementary planes' format characters) and 0xF3 (tags). Only a chunk with such a byte is
    // looked at by character.
    const CHUNK: usize = 64;
    let suspect = |chunk: &[u8]| {
        chunk.iter().fold(false, |found, &b| {
            found
                | (b < 0x20 && !(newlines && b == b'\n'))
                | (b == 0x7F)
                | (b == 0xC2)
                | (0xD8..=0xDC).contains(&b)
                | (0xE0..=0xE2).contains(&b)
                | (b == 0xEF)
                | (b == 0xF0)
                | (b == 0xF3)
        })
    };
    text.as_bytes()
        .chunks(CHUNK)
        .enumerate()
        .filter(|(_, chunk)| suspect(chunk))
        .any(|(n, _)| {
            // From the character the chunk starts in, to the last that starts in it.
            let mut from = n * CHUNK;
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            unsafe_chars(text, from, newlines)
                .take_while(|&(at, ..)| at < (n + 1) * CHUNK)
                .any(|(.., bad)| bad)
        })
}

/// Text safe for a terminal on one line: unsafe characters, newlines and tabs included, are shown
/// escaped (`\e`, `\n`, `\u{202e}`), so a brief cannot move the cursor, set the clipboard or
/// reverse the text beside it.
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
    for (_, c, bad) in unsafe_chars(text, 0, newlines) {
        match bad {
            false => out.push(c),
            true => out.push_str(&escaped(c)),
        }
    }
    Cow::Owned(out)
}

/// Each character of `text` as a terminal line shows it, itself or its escape: for output that
/// styles characters one by one (highlighted matches), deciding as `escape_line` does.
pub fn shown_chars(text: &str) -> impl Iterator<Item = String> + '_ {
    unsafe_chars(text, 0, false).map(|(_, c, bad)| if bad { escaped(c) } else { c.to_string() })
}

fn escaped(c: char) -> String {
    match c {
        '\n' => "\\n".into(),
        '\t' => "\\t".into(),
        '\r' => "\\r".into(),
        '\u{1b}' => "\\e".into(),
        c => format!("\\u{{{:x}}}", u32::from(c)),
    }
}

/// Text for a file a program reads (BibTeX, RIS): unsafe characters dropped, since an escape
/// would be read as text (or, in a .bib, as a LaTeX command); a tab or a line break where none
/// may stand becomes a space.
pub fn without_unsafe(text: &str, newlines: bool) -> Cow<'_, str> {
    if !has_control(text, newlines) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (_, c, bad) in unsafe_chars(text, 0, newlines) {
        match c {
            _ if !bad => out.push(c),
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// `text` on one line: each run of white space (line breaks, tabs, no-break spaces, any that
/// `char::is_whitespace` knows) one space, none at either end. Most paragraphs already are: a
/// scan of their bytes, which the compiler can vectorise, finds them so and copies them whole.
pub fn one_line(text: &str) -> String {
    let bytes = text.as_bytes();
    // A byte that is white space other than a lone space, or can start a space beyond ASCII.
    let suspect = bytes.iter().fold(false, |found, &b| {
        found
            | matches!(
                b,
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3
            )
    });
    let spaced = |b: Option<&u8>| b == Some(&b' ');
    if !suspect
        && !spaced(bytes.first())
        && !spaced(bytes.last())
        && !bytes.windows(2).any(|pair| pair == b"  ")
    {
        return text.to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Items as a sentence lists them: "a", "a or b", "a, b or c" (with `conjunction` "or").
pub fn series<T: AsRef<str>>(items: &[T], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", rest.join(", "), last.as_ref())
        }
    }
}

/// "1 entry", "2 entries".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// 131071 → "131,071".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

    /// One run of white space is one space, exactly as splitting at white space and joining
    /// with spaces gives it, whatever the characters.
    fn joined(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_line_is_the_words_joined_by_one_space() {
        for text in [
            "",
            " ",
            "plain",
            "  two\n\nparagraphs\t here  ",
            "no\u{a0}break and\u{2028}separator\u{3000}ideographic\u{1680}ogham",
            "curly ‘quotes’ — dashes … and\u{85}next line",
            "\u{b}vertical\u{c}feed\r\n",
            "é à ü ‐ ‒",
        ] {
            assert_eq!(one_line(text), joined(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn one_line_agrees_with_split_whitespace(text in "\\PC*|[ \t\n\u{a0}\u{2000}-\u{200b}\u{3000}a’]*") {
            proptest::prop_assert_eq!(one_line(&text), joined(&text));
        }
    }

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
    fn escapes_bidi_and_invisible_characters() {
        // Trojan Source: an override left open in a name reverses what follows it on screen.
        assert_eq!(
            escape_line("Smith\u{202e} et al.\u{2066}x\u{2069}"),
            "Smith\\u{202e} et al.\\u{2066}x\\u{2069}"
        );
        assert_eq!(
            escape_line("a\u{200b}b\u{feff}c\u{2028}d\u{200f}"),
            "a\\u{200b}b\\u{feff}c\\u{2028}d\\u{200f}"
        );
        // Joiners stand inside a word, and only there.
        assert!(matches!(escape_line("ab\u{200d}cd"), Cow::Borrowed(_)));
        assert_eq!(escape_line("\u{200d}ab\u{200c}"), "\\u{200d}ab\\u{200c}");
        // A virama before a joiner, emoji around one: still inside a word.
        assert!(matches!(
            escape_line("क्\u{200d}ष 👩\u{200d}💻"),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape_line("a \u{200d} b"), "a \\u{200d} b");
        // Tag characters and other invisible format characters.
        assert_eq!(
            escape_line("Tag\u{e0041} x\u{2062}y\u{206e}z\u{180e}\u{fff9}\u{ad}"),
            "Tag\\u{e0041} x\\u{2062}y\\u{206e}z\\u{180e}\\u{fff9}\\u{ad}"
        );
        assert!(matches!(escape_line("‘quoted’ – “so”"), Cow::Borrowed(_)));
    }

    #[test]
    fn exports_drop_unsafe_characters() {
        assert_eq!(without_unsafe("a\u{1b}[2Jb\nc\u{202e}d", false), "a[2Jb cd");
        assert_eq!(without_unsafe("one\n\ntwo\u{7}", true), "one\n\ntwo");
        assert!(matches!(
            without_unsafe("plain – text", false),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn finds_control_characters_wherever_they_stand() {
        let plain = |text: &str, newlines: bool| {
            text.chars()
                .any(|c| is_unsafe(c, false) && !(newlines && c == '\n'))
        };
        let padding = "x".repeat(63);
        for c in [
            '\u{0}',
            '\u{7}',
            '\n',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{9b}',
            '\u{9f}',
            '\u{61c}',
            '\u{200b}',
            '\u{202e}',
            '\u{2069}',
            '\u{2029}',
            '\u{feff}',
            '\u{ad}',
            '\u{180e}',
            '\u{e0041}',
            '\u{1d173}',
            '\u{6dd}',
        ]
        .into_iter()
        .chain([
            '£', '©', '\u{a0}', '–', '’', 'é', '\u{2070}', 'ﬀ', 'क', '😀', 'ض',
        ]) {
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
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(131_071), "131,071");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn suggests_the_nearest() {
        assert_eq!(closest("yaer", ["id", "year", "title"]), Some("year"));
        assert_eq!(closest("zzz", ["id", "year", "title"]), None);
    }
}
