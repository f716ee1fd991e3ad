//! Words as search compares them: split from text, folded to lowercase ASCII, spelt one way
//! (British and American spellings meet), and reduced to a Snowball stem.

use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to say what a query is about: they never decide whether a work matches.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from",
    "how", "i", "in", "into", "is", "it", "its", "of", "on", "or", "our", "that", "the", "their",
    "these", "this", "those", "to", "was", "we", "what", "which", "who", "with",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// How many typos a word of this many letters may carry and still match (Meilisearch's rule):
/// none below 5 letters, so that short words never match other short words; two from 9.
pub fn typos_allowed(letters: usize) -> usize {
    match letters {
        0..5 => 0,
        5..9 => 1,
        _ => 2,
    }
}

/// Whether a folded word could have `stem` as its stem, a quick test before the costly one:
/// stemming keeps a word's first three letters, and spelling changes only "ae" to "e" among them
/// ("paediatric", "pediatric"). Words of three letters or fewer are left to the stemmer.
pub fn may_share_stem(word: &str, stem: &str) -> bool {
    let (word, stem) = (word.as_bytes(), stem.as_bytes());
    if word.len() <= 3 || stem.len() < 3 {
        return word.first() == stem.first();
    }
    let spelt: [u8; 3] = match word {
        [a, b'a', b'e', ..] => [*a, b'e', word[3]],
        [a, b, b'a', b'e', ..] => [*a, *b, b'e'],
        [a, b, c, ..] => [*a, *b, *c],
        _ => return false,
    };
    spelt == stem[..3]
}

/// A word of a text: its folded form, its place among the text's words and the chars it covers.
pub struct Token<'a> {
    pub word: &'a str,
    pub position: u32,
    pub chars: Range<u32>,
    /// Two parts of a hyphenated compound joined ("wellbeing" from "well-being"), which takes
    /// the first part's position and does not count towards the text's length.
    pub joined: bool,
}

/// Calls `each` for every word of `text`, in order. Letters are folded to lowercase ASCII
/// ("Linčevičiūtė": "linceviciute"), an apostrophe inside a word is dropped ("O'Shea":
/// "oshea"), and a hyphenated compound gives its parts and each pair of them joined, so that
/// "well-being" finds "wellbeing" and "long term" finds "long-term". A word whose first letter
/// `wanted` refuses is passed on empty, unfolded: folding every word costs more than the rest.
pub fn tokens(text: &str, wanted: impl Fn(u8) -> bool, mut each: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    // A word that has capitals, accents or apostrophes, folded.
    let mut folded = String::new();
    // The previous word, if a hyphen joins it to the next: (word, first char).
    let mut joined_to: Option<(String, u32)> = None;
    let mut position = 0u32;
    // Where the scan is, in bytes and in chars (for highlighting, which counts chars).
    let (mut at, mut index) = (0usize, 0u32);
    while at < bytes.len() {
        if !starts_word(text, at) {
            at += char_len(bytes[at]);
            index += 1;
            continue;
        }
        let (from, first) = (at, index);
        // Most words are lowercase ASCII, and are passed on as they stand in the text.
        let mut plain = true;
        loop {
            let run = bytes[at..]
                .iter()
                .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))
                .unwrap_or(bytes.len() - at);
            at += run;
            index += run as u32;
            let Some(&b) = bytes.get(at) else { break };
            let apostrophe = matches!(b, b'\'' | 0xE2)
                && text[at..].starts_with(['\'', '’'])
                && starts_word(text, at + char_len(b));
            if !(apostrophe || starts_word(text, at)) {
                break;
            }
            plain = false;
            at += char_len(b);
            index += 1;
        }
        let lead = bytes[from];
        // A word after a hyphen is needed whole for the pair it makes with the one before.
        let refused = lead.is_ascii() && !wanted(lead.to_ascii_lowercase());
        let word = if refused && joined_to.is_none() {
            ""
        } else if plain {
            &text[from..at]
        } else {
            fold_word(&text[from..at], &mut folded);
            folded.as_str()
        };
        emit(word, first..index, position, &mut joined_to, &mut each);
        position += 1;
        // A hyphen between two words: the next word, which starts right after it, joins.
        let hyphen = text[at..].starts_with(['-', '‐', '‑']);
        if hyphen
            && !word.is_empty()
            && starts_word(
                text,
                at + text[at..].chars().next().map_or(1, char::len_utf8),
            )
        {
            joined_to = Some((word.to_string(), first));
        }
    }
}

/// Whether the char at byte `at` of `text` is a letter or digit.
fn starts_word(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(char::is_alphanumeric),
        None => false,
    }
}

/// The length in bytes of the UTF-8 char that starts with `first`.
fn char_len(first: u8) -> usize {
    match first {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// `word` in lowercase ASCII, without apostrophes, into `folded`.
fn fold_word(word: &str, folded: &mut String) {
    folded.clear();
    if word.is_ascii() {
        let letters = word.bytes().filter(u8::is_ascii_alphanumeric);
        folded.extend(letters.map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars() {
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            let ascii = deunicode::deunicode_char(c).unwrap_or_default();
            folded.extend(
                ascii
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase()),
            );
        }
    }
}

fn emit(
    word: &str,
    chars: Range<u32>,
    position: u32,
    joined_to: &mut Option<(String, u32)>,
    each: &mut impl FnMut(Token<'_>),
) {
    each(Token {
        word,
        position,
        chars: chars.clone(),
        joined: false,
    });
    if let Some((first, first_char)) = joined_to.take() {
        let pair = format!("{first}{word}");
        each(Token {
            word: &pair,
            position: position - 1,
            chars: first_char..chars.end,
            joined: true,
        });
    }
}

/// The words of `text`, folded, without the joined pairs: what a query's phrase is made of.
pub fn parts(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    tokens(
        text,
        |_| true,
        |token| {
            if !token.joined && !token.word.is_empty() {
                parts.push(token.word.to_string());
            }
        },
    );
    parts
}

/// The stem a folded word is compared by: British and American spellings made one, then the
/// Snowball English stem of its stem, so that "lonely" (lone) meets "loneliness" (loneli, lone).
pub fn stem(word: &str) -> String {
    static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
    let stemmer = ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English));
    let spelt = one_spelling(word);
    let once = stemmer.stem(&spelt);
    let mut stem = stemmer.stem(&once).into_owned();
    // The stemmer turns a final y into i and keeps it ("ethnography": ethnographi), so that a
    // word in -y would miss its kin ("ethnographic": ethnograph).
    if stem.len() > 4 && stem.ends_with('i') {
        stem.pop();
    }
    stem
}

/// A word with British spellings made American, which the English stemmer knows: "randomised"
/// as "randomized", "behaviour" as "behavior". Both sides of a comparison go through it, so a
/// word that only looks like one of these ("exercise") changes harmlessly.
fn one_spelling(word: &str) -> String {
    let mut word = word.to_string();
    if word.len() < 5 {
        return word;
    }
    for (british, american) in [("ageing", "aging"), ("judgement", "judgment")] {
        if word.starts_with(british) {
            word.replace_range(..british.len(), american);
        }
    }
    for (british, american) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ysation", "yzation"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("iser", "izer"),
        ("isers", "izers"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("ysing", "yzing"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("mme", "m"),
        ("mmes", "ms"),
        ("elling", "eling"),
        ("elled", "eled"),
    ] {
        if let Some(stem) = word.strip_suffix(british) {
            word = format!("{stem}{american}");
            break;
        }
    }
    // behaviour, colour, labour, neighbourhood: "our" after a letter, in a word of six or more.
    if word.len() >= 6 {
        if let Some(at) = word[1..].find("our") {
            word.replace_range(at + 1..at + 4, "or");
        }
    }
    // paediatric, anaemia, haemoglobin.
    if word.len() >= 7 {
        if let Some(at) = word[1..].find("ae") {
            word.replace_range(at + 1..at + 3, "e");
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, u32, bool)> {
        let mut found = Vec::new();
        tokens(
            text,
            |_| true,
            |t| found.push((t.word.to_string(), t.position, t.joined)),
        );
        found
    }

    #[test]
    fn compounds_give_their_parts_and_the_pair_joined() {
        let found = words("Well-being, O'Shea's Linčevičiūtė");
        let shown: Vec<&str> = found.iter().map(|(w, _, _)| w.as_str()).collect();
        assert_eq!(
            shown,
            ["well", "being", "wellbeing", "osheas", "linceviciute"]
        );
        assert_eq!(found[2].1, 0);
        assert_eq!(found[3].1, 2);
    }

    #[test]
    fn a_refused_word_is_passed_on_empty_but_still_joins() {
        let mut found = Vec::new();
        tokens(
            "Well-being of Older people",
            |first| first == b'w',
            |t| found.push(t.word.to_string()),
        );
        assert_eq!(found, ["well", "being", "wellbeing", "", "", ""]);
    }

    #[test]
    fn british_and_american_spellings_meet() {
        for (a, b) in [
            ("randomised", "randomized"),
            ("behaviour", "behavior"),
            ("organisation", "organization"),
            ("organisations", "organization"),
            ("programme", "program"),
            ("centre", "center"),
            ("lonely", "loneliness"),
            ("paediatric", "pediatric"),
            ("counselling", "counseling"),
            ("ethnography", "ethnographic"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} and {b}");
        }
        assert_ne!(stem("older"), stem("order"));
        for (word, kin) in [
            ("paediatric", "pediatric"),
            ("lonely", "loneliness"),
            ("cry", "cries"),
        ] {
            assert!(may_share_stem(word, &stem(kin)), "{word} and {kin}");
            assert!(may_share_stem(kin, &stem(word)), "{kin} and {word}");
        }
    }
}
