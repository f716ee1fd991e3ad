//! A text's sentences, for the snippet that shows why a work answers a query: the whole
//! sentence, word for word, cut only where a sentence ends.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text` as char ranges, without the spaces around them: where Unicode's
/// rules (UAX #29) end a sentence, and also at a full stop and comma before a capital, which the
/// brief's structured abstracts write between their parts ("is lacking., Objectives: To …").
pub fn sentences(text: &str) -> Vec<Range<u32>> {
    let mut found = Vec::new();
    let mut chars_before = 0u32;
    for sentence in text.split_sentence_bounds() {
        // Where the piece being read starts, and where to look for the next ".,".
        let (mut from, mut look) = (0, 0);
        while let Some(at) = sentence[look..].find("., ") {
            let at = look + at;
            if sentence[at + 3..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                let start = chars_before + chars(&sentence[..from]);
                push(&sentence[from..=at], start, &mut found);
                from = at + 3;
            }
            look = at + 3;
        }
        push(
            &sentence[from..],
            chars_before + chars(&sentence[..from]),
            &mut found,
        );
        chars_before += chars(sentence);
    }
    found
}

/// Adds `piece` (which starts at char `start` of the text) without its surrounding spaces.
fn push(piece: &str, start: u32, found: &mut Vec<Range<u32>>) {
    let lead = chars(&piece[..piece.len() - piece.trim_start().len()]);
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let from = start + lead;
        found.push(from..from + chars(trimmed));
    }
}

fn chars(text: &str) -> u32 {
    text.chars().count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        sentences(text)
            .into_iter()
            .map(|r| {
                text.chars()
                    .skip(r.start as usize)
                    .take((r.end - r.start) as usize)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn sentences_end_where_the_text_ends_them() {
        assert_eq!(
            split("Loneliness is common. Link workers help, e.g. by listening.  It works?"),
            [
                "Loneliness is common.",
                "Link workers help, e.g. by listening.",
                "It works?"
            ]
        );
        assert_eq!(
            split("Evidence is lacking., Objectives: To evaluate., data sources: QOF."),
            [
                "Evidence is lacking.",
                "Objectives: To evaluate., data sources: QOF."
            ]
        );
        assert_eq!(
            split("Café – £58 per participant."),
            ["Café – £58 per participant."]
        );
    }
}
