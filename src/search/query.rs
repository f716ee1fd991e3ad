//! A query as typed, read into what to look for: free words, which rank works by how much of the
//! query they match, and fzf's strict forms (`'exact`, `^prefix`, `suffix$`, `!not`, `"a
//! phrase"`, `a | b`), which every result must satisfy.

use std::sync::OnceLock;

use super::{stems, words};

/// How a strict atom compares with a field's folded text, as in fzf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextMatch {
    Contains,
    Prefix,
    Suffix,
    Whole,
}

/// Something a field can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word, matched by its stem, or (where no field has the stem) by its letters with up to
    /// `typos` typos.
    Word {
        typed: String,
        stem: String,
        typos: usize,
    },
    /// Text, folded, matched as fzf matches it.
    Text { how: TextMatch, needle: String },
}

/// What a concept does to a work that matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A free word: adds to the score; works that miss it may still be found.
    Ranked,
    /// A strict form: works that miss it are left out.
    Required,
    /// `!word`: works that have it are left out.
    Excluded,
    /// Two words of the query side by side, or an abbreviation of words the query spells out:
    /// adds to the score of works that have it, and is no loss to those that do not.
    Bonus,
}

/// One thing the query asks for, in one or more ways: each alternative is a list of terms
/// that must stand in a row (one term, or a phrase).
#[derive(Debug)]
pub struct Concept {
    pub typed: String,
    pub role: Role,
    pub alternatives: Vec<Vec<usize>>,
}

/// A parsed query: its terms, each once, and its concepts, which refer to them.
#[derive(Debug, Default)]
pub struct Parsed {
    pub terms: Vec<Term>,
    pub concepts: Vec<Concept>,
}

impl Parsed {
    pub fn new(text: &str) -> Parsed {
        let mut parsed = Parsed::default();
        let items = items(text);
        // Items joined by `|` make one group.
        let mut groups: Vec<Vec<&str>> = Vec::new();
        let mut join_next = false;
        for item in &items {
            if item == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            match groups.last_mut() {
                Some(group) if join_next => group.push(item),
                _ => groups.push(vec![item]),
            }
            join_next = false;
        }
        // The term of the last plain word read, if the item before this one was one.
        let mut previous: Option<(usize, &str)> = None;
        for group in &groups {
            let before = parsed.concepts.len();
            parsed.add_group(group);
            let word = parsed.concepts[before..]
                .first()
                .filter(|c| c.role == Role::Ranked)
                .and_then(|c| match c.alternatives.first()?.as_slice() {
                    [term] => Some((*term, group[0])),
                    _ => None,
                });
            if let (Some((first, a)), Some((second, b))) = (previous, word) {
                // Two words typed side by side score more where they stand side by side.
                parsed.concepts.push(Concept {
                    typed: format!("\"{a} {b}\""),
                    role: Role::Bonus,
                    alternatives: vec![vec![first, second]],
                });
            }
            previous = word;
        }
        parsed.add_spelt_out_abbreviations(&groups);
        parsed
    }

    fn add_group(&mut self, group: &[&str]) {
        if let [item] = group {
            if let Some(concept) = self.concept(item, false) {
                self.concepts.push(concept);
            }
            return;
        }
        let mut alternatives = Vec::new();
        for item in group {
            if let Some(concept) = self.concept(item, true) {
                alternatives.extend(concept.alternatives);
            }
        }
        if !alternatives.is_empty() {
            self.concepts.push(Concept {
                typed: group.join(" | "),
                role: Role::Required,
                alternatives,
            });
        }
    }

    /// What one item asks for; `in_group` keeps stop words, which an `a | b` group names on
    /// purpose.
    fn concept(&mut self, item: &str, in_group: bool) -> Option<Concept> {
        let typed = item.to_string();
        if let Some(rest) = item.strip_prefix('!') {
            let term = self.text_term(rest)?;
            return Some(Concept {
                typed,
                role: Role::Excluded,
                alternatives: vec![vec![term]],
            });
        }
        if let Some(phrase) = unquoted(item) {
            let terms: Vec<usize> = words::parts(phrase)
                .iter()
                .map(|part| self.word(part, 0))
                .collect();
            return (!terms.is_empty()).then_some(Concept {
                typed,
                role: Role::Required,
                alternatives: vec![terms],
            });
        }
        if item.starts_with(['\'', '^']) || item.ends_with('$') {
            let term = self.text_term(item)?;
            return Some(Concept {
                typed,
                role: Role::Required,
                alternatives: vec![vec![term]],
            });
        }
        let parts = words::parts(item);
        if parts.is_empty() || (!in_group && parts.iter().all(|p| words::is_stop_word(p))) {
            return None;
        }
        let mut alternatives = Vec::new();
        if let [word] = parts.as_slice() {
            alternatives.push(vec![self.word(word, stems::typos_allowed(word.len()))]);
            if let Some((_, long_forms)) = abbreviations().iter().find(|(a, _)| a == word) {
                for long_form in long_forms {
                    let phrase = long_form.iter().map(|w| self.word(w, 0)).collect();
                    alternatives.push(phrase);
                }
            }
        } else {
            // "well-being": the words in a row, or written as one ("wellbeing").
            alternatives.push(parts.iter().map(|p| self.word(p, 0)).collect());
            let joined = parts.concat();
            alternatives.push(vec![self.word(&joined, stems::typos_allowed(joined.len()))]);
        }
        let role = if in_group {
            Role::Required
        } else {
            Role::Ranked
        };
        Some(Concept {
            typed,
            role,
            alternatives,
        })
    }

    /// A strict atom's term: `'exact`, `^prefix`, `suffix$`, `^whole$`, or plain text, which
    /// fzf's `!text` matches anywhere.
    fn text_term(&mut self, atom: &str) -> Option<usize> {
        let (atom, exact) = match atom.strip_prefix('\'') {
            Some(rest) => (rest, true),
            None => (atom, false),
        };
        let (atom, prefix) = match atom.strip_prefix('^') {
            Some(rest) if !exact => (rest, true),
            _ => (atom, false),
        };
        let (atom, suffix) = match atom.strip_suffix('$') {
            Some(rest) if !exact && !rest.is_empty() => (rest, true),
            _ => (atom, false),
        };
        let needle = crate::text::fold(atom);
        if needle.is_empty() {
            return None;
        }
        let how = match (prefix, suffix) {
            (true, true) => TextMatch::Whole,
            (true, false) => TextMatch::Prefix,
            (false, true) => TextMatch::Suffix,
            (false, false) => TextMatch::Contains,
        };
        Some(self.term(Term::Text { how, needle }))
    }

    fn word(&mut self, word: &str, typos: usize) -> usize {
        self.term(Term::Word {
            typed: word.to_string(),
            stem: stems::stem(word),
            typos,
        })
    }

    fn term(&mut self, term: Term) -> usize {
        match self.terms.iter().position(|t| *t == term) {
            Some(index) => index,
            None => {
                self.terms.push(term);
                self.terms.len() - 1
            }
        }
    }

    /// Where the query's plain words spell out an abbreviation's long form ("randomised
    /// controlled trial"), works that write the abbreviation ("RCT") score for it too.
    fn add_spelt_out_abbreviations(&mut self, groups: &[Vec<&str>]) {
        let plain: Vec<String> = groups
            .iter()
            .filter(|g| g.len() == 1)
            .flat_map(|g| words::parts(g[0]))
            .map(|w| stems::stem(&w))
            .collect();
        for (abbreviation, long_forms) in abbreviations() {
            let spelt_out = long_forms.iter().any(|long_form| {
                // Stemming costs: only a long form whose first word the query may have.
                let first = long_form.first().map_or("", String::as_str);
                if !plain.iter().any(|stem| stems::may_share_stem(first, stem)) {
                    return false;
                }
                let stems: Vec<String> = long_form.iter().map(|w| stems::stem(w)).collect();
                plain.windows(stems.len()).any(|w| w == stems.as_slice())
            });
            if spelt_out {
                let term = self.word(abbreviation, 0);
                self.concepts.push(Concept {
                    typed: abbreviation.to_uppercase(),
                    role: Role::Bonus,
                    alternatives: vec![vec![term]],
                });
            }
        }
    }
}

/// The query split at spaces, a quoted phrase ("…" or “…”) kept whole with its quotes, and `|`
/// an item of its own.
fn items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '“') if item.is_empty() => {
                quote = Some(if c == '“' { '”' } else { '"' });
                item.push('"');
            }
            (Some(close), c) if c == close => {
                quote = None;
                item.push('"');
                items.push(std::mem::take(&mut item));
            }
            (None, c) if c.is_whitespace() => {
                if !item.is_empty() {
                    items.push(std::mem::take(&mut item));
                }
            }
            (_, c) => item.push(c),
        }
    }
    if !item.is_empty() {
        items.push(item);
    }
    items
}

/// The text of a quoted phrase, without its quotes (a phrase left open runs to the end).
fn unquoted(item: &str) -> Option<&str> {
    let rest = item.strip_prefix('"')?;
    Some(rest.strip_suffix('"').unwrap_or(rest))
}

/// The abbreviations of `abbreviations.txt`: each, folded, with its long forms as words.
fn abbreviations() -> &'static [(String, Vec<Vec<String>>)] {
    static TABLE: OnceLock<Vec<(String, Vec<Vec<String>>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("abbreviations.txt")
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .filter_map(|line| line.split_once('='))
            .map(|(abbreviation, long_forms)| {
                let long_forms = long_forms.split('|').map(words::parts).collect();
                (crate::text::fold(abbreviation.trim()), long_forms)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<(String, Role, usize)> {
        Parsed::new(text)
            .concepts
            .iter()
            .map(|c| (c.typed.clone(), c.role, c.alternatives.len()))
            .collect()
    }

    #[test]
    fn stop_words_are_dropped_and_strict_forms_kept() {
        assert_eq!(
            shape("the loneliness of \"older people\" !covid"),
            [
                ("loneliness".into(), Role::Ranked, 1),
                ("\"older people\"".into(), Role::Required, 1),
                ("!covid".into(), Role::Excluded, 1),
            ]
        );
        assert_eq!(
            shape("green | nature"),
            [("green | nature".into(), Role::Required, 2)]
        );
        assert_eq!(shape("well-being")[0].2, 2);
        assert_eq!(
            shape("social isolation"),
            [
                ("social".into(), Role::Ranked, 1),
                ("isolation".into(), Role::Ranked, 1),
                ("\"social isolation\"".into(), Role::Bonus, 1),
            ]
        );
    }

    #[test]
    fn abbreviations_work_both_ways() {
        assert_eq!(shape("RCT"), [("RCT".into(), Role::Ranked, 3)]);
        let spelt = shape("randomized controlled trial");
        assert_eq!(spelt.last(), Some(&("RCT".into(), Role::Bonus, 1)));
    }

    #[test]
    fn every_abbreviation_has_a_long_form() {
        assert!(abbreviations().len() >= 12);
        for (abbreviation, long_forms) in abbreviations() {
            assert!(
                !long_forms.is_empty() && long_forms.iter().all(|l| !l.is_empty()),
                "{abbreviation}"
            );
        }
    }
}
