//! Words as search compares them: split from text, folded to lowercase ASCII, spelt one way
//! (British and American spellings meet), and reduced to a Snowball stem.

use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to say what a query is about: they never decide whether a work matches.
const STOP_WORDS: &[&str] = &[
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
/// "well-being" finds "wellbeing" and "long term" finds "long-term".
pub fn tokens(text: &str, mut each: impl FnMut(Token<'_>)) {
    let mut word = String::new();
    let mut start = 0u32;
    let mut position = 0u32;
    // The previous word, if a hyphen joins it to the one being read: (word, first char).
    let mut joined_to: Option<(String, u32)> = None;
    let mut chars = text.chars().peekable();
    let mut index = 0u32;
    while let Some(c) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|n| n.is_alphanumeric());
        if c.is_ascii_alphanumeric() {
            if word.is_empty() {
                start = index;
            }
            word.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            if word.is_empty() {
                start = index;
            }
            let folded = deunicode::deunicode_char(c).unwrap_or_default();
            word.extend(
                folded
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase()),
            );
        } else if matches!(c, '\'' | '’') && !word.is_empty() && next_is_word {
            // Inside a word: "o'shea", "don't".
        } else if !word.is_empty() {
            emit(&word, start..index, position, &mut joined_to, &mut each);
            position += 1;
            let previous = std::mem::take(&mut word);
            // A hyphen between two words: the next word, which starts right after it, joins.
            if matches!(c, '-' | '‐' | '‑') && next_is_word {
                joined_to = Some((previous, start));
            }
        }
        index += 1;
    }
    if !word.is_empty() {
        emit(&word, start..index, position, &mut joined_to, &mut each);
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
    tokens(text, |token| {
        if !token.joined {
            parts.push(token.word.to_string());
        }
    });
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
        tokens(text, |t| {
            found.push((t.word.to_string(), t.position, t.joined))
        });
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
    }
}
