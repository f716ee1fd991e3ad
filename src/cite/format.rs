//! What the styles format alike: page ranges, as each style writes them, and Title Case.

/// "p." for one page, "pp." for a range.
pub fn page_label(pages: &str) -> &'static str {
    if pages.contains(['-', '–']) {
        "pp."
    } else {
        "p."
    }
}

/// A page range's two ends, where they are one: numbers, each with the same letters before it
/// ("e5105-e5114"), or none. citeproc-js reads anything else ("e3761-3774") as text, and leaves
/// its hyphen.
fn page_range(pages: &str) -> Option<(&str, &str)> {
    let (first, last) = pages.split_once('-')?;
    let (first_prefix, first_digits) = first.split_at(digits_at(first));
    let (last_prefix, last_digits) = last.split_at(digits_at(last));
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (numeric(first_digits) && numeric(last_digits) && first_prefix == last_prefix)
        .then_some((first, last))
}

/// Where a page number's digits start, after any letters ("e5105").
fn digits_at(page: &str) -> usize {
    page.find(|c: char| c.is_ascii_digit())
        .unwrap_or(page.len())
}

/// "1439-1449" → "1439–1449".
pub fn pages_en_dash(pages: &str) -> String {
    match page_range(pages) {
        Some((first, last)) => format!("{first}–{last}"),
        None => pages.to_string(),
    }
}

/// "670-7" → "670–677": the second number in full.
pub fn pages_expanded(pages: &str) -> String {
    match page_range(pages) {
        Some((first, last)) if digits_at(first) == 0 && last.len() < first.len() => {
            format!("{first}–{}{last}", &first[..first.len() - last.len()])
        }
        Some((first, last)) => format!("{first}–{last}"),
        None => pages.to_string(),
    }
}

/// "1439-1449" → "1439–49", "e5105-e5114" → "e5105–14": the second number without the digits
/// (and letters) it repeats from the first. Numbers of different lengths stay whole (1–13), as
/// the CSL specification has it.
pub fn pages_minimal(pages: &str) -> String {
    let Some((first, last)) = page_range(pages) else {
        return pages.to_string();
    };
    let first_digits = &first[digits_at(first)..];
    let last_digits = &last[digits_at(last)..];
    if first_digits.len() != last_digits.len() {
        return format!("{first}–{last}");
    }
    let same = first_digits
        .bytes()
        .zip(last_digits.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    format!(
        "{first}–{}",
        &last_digits[same.min(last_digits.len() - 1)..]
    )
}

/// Title Case as CSL's processors apply it: each word capitalised but for short function words
/// after the first; words already holding capitals are left alone.
pub fn title_case(title: &str) -> String {
    const MINOR: &[&str] = &[
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
        "or", "so", "the", "to", "up", "via", "with", "yet",
    ];
    let mut out = String::with_capacity(title.len());
    let mut start_of_phrase = true;
    for (i, word) in title.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let capitalise = (start_of_phrase || !MINOR.contains(&bare)) && word == lower;
        if capitalise {
            // Each part of a hyphenated word: Community-Based.
            let parts: Vec<String> = word.split('-').map(capitalise_first).collect();
            out.push_str(&parts.join("-"));
        } else {
            out.push_str(word);
        }
        start_of_phrase = word.ends_with([':', '?', '!', '.']) || word == "–";
    }
    out
}

fn capitalise_first(word: &str) -> String {
    let mut done = false;
    word.chars()
        .flat_map(|c| {
            if !done && c.is_alphabetic() {
                done = true;
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges() {
        assert_eq!(pages_expanded("670-7"), "670–677");
        assert_eq!(pages_expanded("1-13"), "1–13");
        assert_eq!(pages_minimal("1439-1449"), "1439–49");
        assert_eq!(pages_minimal("281-292"), "281–92");
        assert_eq!(pages_minimal("1-13"), "1–13");
        assert_eq!(pages_minimal("e3761-3774"), "e3761-3774");
        assert_eq!(pages_en_dash("e3761-3774"), "e3761-3774");
        assert_eq!(pages_minimal("e5105-e5114"), "e5105–14");
        assert_eq!(pages_minimal("1-185"), "1–185");
        assert_eq!(pages_minimal("283"), "283");
        assert_eq!(pages_en_dash("670-7"), "670–7");
        assert_eq!(page_label("283"), "p.");
    }

    #[test]
    fn titles_in_title_case() {
        assert_eq!(title_case("Who are link workers?"), "Who Are Link Workers?");
        assert_eq!(
            title_case("Social prescribing: case studies and insight from practitioners"),
            "Social Prescribing: Case Studies and Insight from Practitioners"
        );
    }
}
