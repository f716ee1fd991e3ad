//! Author lists as citation styles print them: initials, inversion, "and", "et al.".

use crate::catalogue::{Author, Entry};
use crate::cite::Place;
use crate::cite::rich::{Quotes, Rich};

/// Initials from given names, each followed by `after`: "Susan M" gives "S.M." with ".", "S. M."
/// with ". " and "SM" with "". A hyphenated name keeps its hyphen: "Jean-Paul" gives "J.-P.".
pub fn initials(given: &str, after: &str) -> String {
    let mut parts = Vec::new();
    for word in given.split_whitespace() {
        let mut word_initials = String::new();
        for (j, part) in word.split('-').enumerate() {
            let Some(first) = part.chars().find(|c| c.is_alphabetic()) else {
                continue;
            };
            if j > 0 {
                word_initials.push('-');
            }
            word_initials.extend(first.to_uppercase());
            word_initials.push_str(after.trim_end());
        }
        if !word_initials.is_empty() {
            parts.push(word_initials);
        }
    }
    let joiner = if after.ends_with(' ') { " " } else { "" };
    parts.join(joiner)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommaBefore {
    Never,
    Contextual,
    Always,
}

/// How a style lays out a list of names.
pub struct NameStyle {
    /// Whether initials follow the family name (in reference lists) or not (in the text).
    pub initials: bool,
    /// Between family name and initials: ", " ("Kiely, B.") or " " ("Kiely B").
    pub inverted_with: &'static str,
    /// After each initial: ".", ". " or "".
    pub initial_with: &'static str,
    /// The word before the last name ("and", "&"), if any.
    pub and: Option<&'static str>,
    /// Whether ", " also comes before that word: always ("Rhodes, & Bell"), with three or more
    /// names ("A, B, and C"), or never.
    pub comma_before_and: CommaBefore,
    /// With this many names or more, only the first `et_al_use_first` are given.
    pub et_al_min: usize,
    pub et_al_use_first: usize,
    /// Whether "et al." is set in italics.
    pub et_al_italic: bool,
    pub quotes: Quotes,
}

impl NameStyle {
    /// One name, family first: "Kiely, B." ("Rhodes" where the brief gives no given name).
    pub fn name(&self, author: &Author) -> String {
        match author {
            Author::Person { family, given } => {
                let family = self.quotes.apply(family, 0);
                let initials = given
                    .as_deref()
                    .filter(|_| self.initials)
                    .map(|g| initials(g, self.initial_with))
                    .unwrap_or_default();
                if initials.is_empty() {
                    family
                } else {
                    format!("{family}{}{initials}", self.inverted_with)
                }
            }
            Author::Organisation { literal } => self.quotes.apply(literal, 0),
        }
    }

    /// The entry's author list at `place`, or `None` if it has no authors. (A list the brief
    /// cuts short is one name by then, "Baird et al.": see `as_cited`.)
    pub fn list(&self, entry: &Entry, place: Place) -> Option<Rich> {
        let names: Vec<String> = entry.authors.iter().map(|a| self.name(a)).collect();
        let use_first = self.et_al_use_first.max(place.names_shown.unwrap_or(0));
        self.join(&names, use_first)
    }

    /// Names joined by the style's rules, the first `use_first` of them and "et al." where the
    /// list is long enough to shorten.
    fn join(&self, names: &[String], use_first: usize) -> Option<Rich> {
        if names.is_empty() {
            return None;
        }
        let cut = names.len() >= self.et_al_min && use_first < names.len();
        let shown = if cut { &names[..use_first] } else { names };
        let mut text = String::new();
        for (i, name) in shown.iter().enumerate() {
            if i > 0 {
                let last = i == shown.len() - 1;
                let comma = match self.comma_before_and {
                    CommaBefore::Never => false,
                    CommaBefore::Contextual => shown.len() > 2,
                    CommaBefore::Always => true,
                };
                match (last && !cut, self.and) {
                    (true, Some(and)) if comma => text.push_str(&format!(", {and} ")),
                    (true, Some(and)) => text.push_str(&format!(" {and} ")),
                    _ => text.push_str(", "),
                }
            }
            text.push_str(name);
        }
        let rich = Rich::new().plain(&text);
        Some(if cut {
            // ", " before "et al." after two or more names only ("Baird et al.", "A, B, et
            // al."): CSL's default `delimiter-precedes-et-al`, which all four styles keep.
            let rich = rich.plain(if shown.len() >= 2 { ", " } else { " " });
            if self.et_al_italic {
                rich.italic("et al.")
            } else {
                rich.plain("et al.")
            }
        } else {
            rich
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_as_styles_want_them() {
        assert_eq!(initials("Susan M", "."), "S.M.");
        assert_eq!(initials("Susan M", ". "), "S. M.");
        assert_eq!(initials("Susan M", ""), "SM");
        assert_eq!(initials("C. F.", "."), "C.F.");
        assert_eq!(initials("Helen J.", ". "), "H. J.");
        assert_eq!(initials("Jean-Paul", "."), "J.-P.");
        assert_eq!(initials("Jean-Paul", ""), "J-P");
    }
}
