//! Words as search compares them: spelt one way (British and American spellings meet), reduced
//! to a Snowball stem, and forgiven a typo or two.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// How many typos a word of this many letters may carry and still match (Meilisearch's rule):
/// none below 5 letters, so that short words never match other short words; two from 9.
pub fn typos_allowed(letters: usize) -> usize {
    match letters {
        0..5 => 0,
        5..9 => 1,
        _ => 2,
    }
}

/// Whether `word` is at most `typos` typos (insertions, deletions, substitutions and swaps of
/// two letters next to each other) from `typed`. Most words of the brief are not, and say so
/// by their letters alone: each typo changes the count of at most two letters by one.
pub fn within_typos(word: &str, typed: &str, typos: usize) -> bool {
    if word.len().abs_diff(typed.len()) > typos {
        return false;
    }
    let mut counts = [0i16; 128];
    for b in word.bytes() {
        counts[usize::from(b & 0x7f)] += 1;
    }
    for b in typed.bytes() {
        counts[usize::from(b & 0x7f)] -= 1;
    }
    let changed: usize = counts.iter().map(|n| n.unsigned_abs() as usize).sum();
    changed <= 2 * typos && strsim::osa_distance(word, typed) <= typos
}

/// Whether a folded word could have `stem` as its stem, a quick test before the costly one:
/// stemming keeps a word's first three letters, but for the spellings `one_spelling` makes one,
/// which can change them ("ae" to "e", "paediatric": pediatr; "our" to "or", "sources": sorc),
/// and the "e" it gives a stem of two letters ("aging": age). Words of three letters or fewer
/// are left to the stemmer.
pub fn may_share_stem(word: &str, stem: &str) -> bool {
    let (w, s) = (word.as_bytes(), stem.as_bytes());
    if w.len() <= 3 || s.len() < 3 {
        return w.first() == s.first();
    }
    let s = &s[..3];
    w[..3] == *s
        || (w[1] == b'a' && w[2] == b'e' && [w[0], b'e', w[3]] == *s)
        || (w[2] == b'a' && w[3] == b'e' && [w[0], w[1], b'e'] == *s)
        || (w.len() >= 6 && &w[1..4] == b"our" && [w[0], b'o', b'r'] == *s)
        || (stem.len() == 3 && s[2] == b'e' && w[..2] == s[..2])
}

/// The starts a word with this stem may have: its first three letters, and the spellings
/// `may_share_stem` allows for.
pub fn starts_of(stem: &str) -> Vec<String> {
    let s = stem.as_bytes();
    match s {
        [a, b, c, ..] => {
            let (a, b, c) = (char::from(*a), char::from(*b), char::from(*c));
            let mut starts = vec![format!("{a}{b}{c}")];
            if b == 'e' {
                starts.push(format!("{a}ae{c}"));
            }
            if c == 'e' {
                starts.push(format!("{a}{b}ae"));
            }
            if b == 'o' && c == 'r' {
                starts.push(format!("{a}our"));
            }
            if stem.len() == 3 && c == 'e' {
                starts.push(format!("{a}{b}"));
            }
            starts
        }
        [a, ..] => vec![char::from(*a).to_string()],
        [] => Vec::new(),
    }
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

    /// The quick test never rules out a word's own stem: every word of the brief passes it, and
    /// starts as `starts_of` says a word with its stem may.
    #[test]
    fn every_word_of_the_brief_may_share_its_own_stem() {
        let split = &crate::embedded::SPLIT;
        for id in 0..split.distinct_words() {
            let (word, stem) = split.distinct(id);
            if word.is_empty() {
                continue;
            }
            assert!(may_share_stem(word, stem), "{word}: {stem}");
            let starts = starts_of(stem);
            assert!(
                word.len() <= 3 || starts.iter().any(|s| word.starts_with(s.as_str())),
                "{word}: {stem}: {starts:?}"
            );
        }
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
            ("sources", "sources"),
            ("ageing", "aging"),
        ] {
            assert!(may_share_stem(word, &stem(kin)), "{word} and {kin}");
            assert!(may_share_stem(kin, &stem(word)), "{kin} and {word}");
        }
    }
}
