//! Names as citation styles print them.

use crate::catalogue::Author;

/// Initials from given names, each followed by `sep`: "Susan M" → "S.M." with "." ("S M" with
/// " "); a hyphenated name keeps its hyphen: "Jean-Paul" → "J.-P.".
pub fn initials(given: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, word) in given.split_whitespace().enumerate() {
        for (j, part) in word.split('-').enumerate() {
            let Some(first) = part.chars().find(|c| c.is_alphabetic()) else {
                continue;
            };
            if j > 0 {
                out.push('-');
            } else if i > 0 && sep == " " {
                out.push(' ');
            }
            out.extend(first.to_uppercase());
            if sep == "." {
                out.push('.');
            }
        }
    }
    out
}

/// "Kiely, B." (family first, initials with full stops), or an organisation's name.
pub fn family_initials(author: &Author) -> String {
    match author {
        Author::Person {
            family,
            given: Some(given),
        } if !initials(given, ".").is_empty() => {
            format!("{family}, {}", initials(given, "."))
        }
        other => other.family().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_as_styles_want_them() {
        assert_eq!(initials("Susan M", "."), "S.M.");
        assert_eq!(initials("C. F.", "."), "C.F.");
        assert_eq!(initials("Helen J.", "."), "H.J.");
        assert_eq!(initials("Jean-Paul", "."), "J.-P.");
        assert_eq!(initials("Mari Carmen", " "), "M C");
    }
}
