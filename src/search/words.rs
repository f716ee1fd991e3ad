//! Words as search reads them: split from text and folded to lowercase ASCII.

use std::ops::Range;

/// Words that never decide what a query is about: question and filler words, the words of a
/// request ("show me", "is there"), and the words that ask for works of any kind ("studies",
/// "evidence", "people"): every work of the brief is one. They count inside a quoted phrase,
/// and as part of a term of the thesaurus ("what matters", "case studies", "older people").
/// Sorted, for `is_filler`.
pub const FILLER_WORDS: &[&str] = &[
    "a",
    "able",
    "about",
    "above",
    "across",
    "actually",
    "after",
    "again",
    "all",
    "already",
    "also",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anybody",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "are",
    "arent",
    "around",
    "article",
    "articles",
    "as",
    "ask",
    "asked",
    "asking",
    "aspect",
    "aspects",
    "at",
    "available",
    "basically",
    "be",
    "been",
    "being",
    "below",
    "between",
    "bit",
    "both",
    "but",
    "by",
    "came",
    "can",
    "cant",
    "come",
    "comes",
    "coming",
    "could",
    "couldnt",
    "currently",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "doing",
    "done",
    "dont",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "especially",
    "etc",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "evidence",
    "exactly",
    "few",
    "fewer",
    "find",
    "for",
    "from",
    "generally",
    "get",
    "getting",
    "give",
    "go",
    "goes",
    "going",
    "gone",
    "good",
    "got",
    "had",
    "happen",
    "happened",
    "happens",
    "has",
    "hasnt",
    "have",
    "havent",
    "having",
    "he",
    "her",
    "here",
    "heres",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "id",
    "if",
    "im",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "ive",
    "just",
    "keep",
    "keeps",
    "kept",
    "kind",
    "kinds",
    "know",
    "lately",
    "latest",
    "less",
    "let",
    "lets",
    "like",
    "literature",
    "living",
    "look",
    "looking",
    "lot",
    "lots",
    "made",
    "mainly",
    "make",
    "makes",
    "making",
    "many",
    "may",
    "maybe",
    "me",
    "mean",
    "means",
    "might",
    "mine",
    "more",
    "most",
    "mostly",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "nowadays",
    "of",
    "off",
    "often",
    "ok",
    "okay",
    "on",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "overall",
    "paper",
    "papers",
    "part",
    "particularly",
    "parts",
    "people",
    "perhaps",
    "person",
    "persons",
    "please",
    "probably",
    "proper",
    "properly",
    "publication",
    "publications",
    "put",
    "puts",
    "putting",
    "quite",
    "rather",
    "really",
    "recent",
    "recently",
    "regarding",
    "research",
    "researched",
    "right",
    "say",
    "says",
    "search",
    "see",
    "seem",
    "seems",
    "shall",
    "she",
    "should",
    "shouldnt",
    "show",
    "side",
    "sides",
    "simply",
    "so",
    "some",
    "somebody",
    "somehow",
    "someone",
    "something",
    "sometimes",
    "sort",
    "sorts",
    "specifically",
    "still",
    "studied",
    "studies",
    "study",
    "stuff",
    "such",
    "sure",
    "take",
    "taken",
    "takes",
    "tell",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "theyre",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "to",
    "today",
    "too",
    "took",
    "towards",
    "tried",
    "truly",
    "try",
    "trying",
    "type",
    "types",
    "upon",
    "us",
    "use",
    "used",
    "using",
    "usually",
    "very",
    "via",
    "want",
    "wanted",
    "was",
    "wasnt",
    "way",
    "ways",
    "we",
    "well",
    "went",
    "were",
    "werent",
    "weve",
    "what",
    "whatever",
    "whats",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "wont",
    "work",
    "worked",
    "working",
    "works",
    "would",
    "wouldnt",
    "yes",
    "you",
    "your",
    "youre",
    "yours",
];

pub fn is_filler(word: &str) -> bool {
    FILLER_WORDS.binary_search(&word).is_ok()
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
}
