//! Reads `thesaurus.toml` and `places.toml` into a `Lexicon`, each term stemmed as search stems
//! a query's words. build.rs runs it and bakes the result; a problem in either file fails the
//! build with the file, the line and what is wrong.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

use super::lexicon::{Lexicon, Use};
use super::{Field, stems, words};
use crate::catalogue::{Design, Kind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Thesaurus {
    concept: Vec<RawConcept>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    same: Vec<toml::Spanned<String>>,
    #[serde(default)]
    near: Vec<toml::Spanned<String>>,
    usage: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Gazetteer {
    place: Vec<RawPlace>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    names: Vec<toml::Spanned<String>>,
    #[serde(rename = "in")]
    within: Option<toml::Spanned<String>>,
    country: Option<String>,
    /// The places in it that have one name each.
    #[serde(default)]
    places: Vec<toml::Spanned<String>>,
}

/// A term as the files give it, before the terms are sorted.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    stems: String,
    code: Option<u8>,
    capitals: bool,
}

/// The terms read so far, each once, with what they are terms of.
#[derive(Default)]
struct Terms {
    keys: BTreeMap<Key, (String, usize)>,
    uses: Vec<(usize, u16, Use)>,
}

impl Terms {
    /// The number of the term `text` (`design:VALUE` and `kind:VALUE` name codes).
    fn add(&mut self, text: &str) -> Result<usize, String> {
        let (code, value) = match text.split_once(':') {
            Some(("design", value)) if Design::parse(value).is_some() => {
                (Some(Field::Design), value)
            }
            Some(("kind", value)) if Kind::parse(value).is_some() => (Some(Field::Kind), value),
            Some((prefix @ ("design" | "kind"), value)) => {
                return Err(format!(
                    "`{value}` is no {prefix} splw codes (brief/README.md)"
                ));
            }
            _ => (None, text),
        };
        self.add_term(text, value, code)
    }

    fn add_term(&mut self, text: &str, value: &str, code: Option<Field>) -> Result<usize, String> {
        let parts = words::parts(value);
        if parts.is_empty() {
            return Err(format!("`{text}` has no word to search for"));
        }
        let stems: String = parts
            .iter()
            .map(|p| format!("{} ", stems::stem(p)))
            .collect();
        // "US" is a place only in capitals: in lower case it is a word that never decides.
        let capitals = value.chars().all(|c| c.is_ascii_uppercase())
            && parts.len() == 1
            && words::is_filler(&parts[0]);
        let key = Key {
            stems,
            code: code.map(|c| c.index() as u8),
            capitals,
        };
        let next = self.keys.len();
        let shown = code.map_or(text, |_| value).to_string();
        Ok(self.keys.entry(key).or_insert((shown, next)).1)
    }

    fn uses(&mut self, term: usize, owner: usize, how: Use) -> Result<(), String> {
        let owner = u16::try_from(owner).map_err(|_| "too many concepts or places".to_string())?;
        if !self.uses.contains(&(term, owner, how)) {
            self.uses.push((term, owner, how));
        }
        Ok(())
    }
}

/// The lexicon of the two files' texts; `Err` names the file and line of a problem.
pub fn read(thesaurus: &str, places: &str) -> Result<Lexicon<'static>, String> {
    let at = |file: &str, text: &str, span: std::ops::Range<usize>, problem: String| {
        let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
        format!("src/search/{file}:{line}: {problem}")
    };
    let thesaurus_file: Thesaurus =
        toml::from_str(thesaurus).map_err(|e| format!("src/search/thesaurus.toml: {e}"))?;
    let mut gazetteer: Gazetteer =
        toml::from_str(places).map_err(|e| format!("src/search/places.toml: {e}"))?;
    // Each place of a `places` list is a place of its own, with one name.
    let members: Vec<RawPlace> = gazetteer
        .place
        .iter_mut()
        .flat_map(|outer| {
            let within = outer.names.first().cloned();
            std::mem::take(&mut outer.places)
                .into_iter()
                .map(move |name| RawPlace {
                    names: vec![name],
                    within: within.clone(),
                    country: None,
                    places: Vec::new(),
                })
        })
        .collect();
    gazetteer.place.extend(members);
    let mut terms = Terms::default();
    let mut concepts: Vec<(Vec<usize>, Vec<usize>, String)> = Vec::new();
    for (number, raw) in thesaurus_file.concept.iter().enumerate() {
        let listed = |list: &[toml::Spanned<String>], how: Use, terms: &mut Terms| {
            let mut found = Vec::new();
            for text in list {
                let term = terms
                    .add(text.get_ref())
                    .map_err(|p| at("thesaurus.toml", thesaurus, text.span(), p))?;
                terms.uses(term, number, how)?;
                found.push(term);
            }
            Ok::<_, String>(found)
        };
        let same = listed(&raw.same, Use::Same, &mut terms)?;
        let near = listed(&raw.near, Use::Near, &mut terms)?;
        if raw.usage.trim().is_empty() {
            let span = raw.same.first().map_or(0..0, toml::Spanned::span);
            let problem = "a concept needs its `usage`: where the field uses its words".into();
            return Err(at("thesaurus.toml", thesaurus, span, problem));
        }
        concepts.push((same, near, raw.usage.clone()));
    }
    // Places: first every name, then where each lies.
    let mut place_names: Vec<Vec<usize>> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (number, raw) in gazetteer.place.iter().enumerate() {
        let mut names = Vec::new();
        for name in &raw.names {
            let term = terms
                .add_term(name.get_ref(), name.get_ref(), None)
                .map_err(|p| at("places.toml", places, name.span(), p))?;
            if by_name.insert(name.get_ref().clone(), number).is_some() {
                let problem = format!("`{}` names two places", name.get_ref());
                return Err(at("places.toml", places, name.span(), problem));
            }
            terms.uses(term, number, Use::Name)?;
            names.push(term);
        }
        if names.is_empty() {
            return Err("src/search/places.toml: a place has no name".into());
        }
        place_names.push(names);
    }
    let mut within = Vec::new();
    let mut countries = Vec::new();
    for raw in &gazetteer.place {
        within.push(match &raw.within {
            Some(outer) => Some(*by_name.get(outer.get_ref()).ok_or_else(|| {
                let problem = format!("`{}` is no place of this file", outer.get_ref());
                at("places.toml", places, outer.span(), problem)
            })?),
            None => None,
        });
        countries.push(match &raw.country {
            Some(country) => Some(terms.add_term(country, country, Some(Field::Country))?),
            None => None,
        });
    }
    for start in 0..within.len() {
        let mut at_place = within[start];
        for _ in 0..within.len() {
            at_place = at_place.and_then(|p| within[p]);
        }
        if at_place.is_some() {
            let name = gazetteer.place[start].names[0].get_ref();
            return Err(format!(
                "src/search/places.toml: `{name}` lies, through its places, in itself"
            ));
        }
    }
    // A place's name held in a longer name of a place that does not lie in it.
    let lies_in = |mut inner: usize, outer: usize| {
        for _ in 0..within.len() {
            if inner == outer {
                return true;
            }
            match within[inner] {
                Some(next) => inner = next,
                None => return false,
            }
        }
        false
    };
    let stems_of = |term: usize| -> &str {
        terms
            .keys
            .iter()
            .find(|(_, (_, n))| *n == term)
            .map_or("", |(key, _)| key.stems.as_str())
    };
    let mut blockers = Vec::new();
    for (a, a_names) in place_names.iter().enumerate() {
        for (b, b_names) in place_names.iter().enumerate() {
            if lies_in(b, a) {
                continue;
            }
            for &short in a_names {
                for &long in b_names {
                    let (s, l) = (stems_of(short), stems_of(long));
                    if s != l && format!(" {l}").contains(&format!(" {s}")) {
                        blockers.push((short, long));
                    }
                }
            }
        }
    }
    // Number the terms in the order of their stems, and renumber what refers to them.
    let mut sorted: Vec<(Key, String, usize)> = terms
        .keys
        .into_iter()
        .map(|(key, (text, number))| (key, text, number))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut renumber = vec![0u16; sorted.len()];
    for (new, (_, _, old)) in sorted.iter().enumerate() {
        renumber[*old] = u16::try_from(new).map_err(|_| "too many terms".to_string())?;
    }
    let mut uses: Vec<(u16, u16, Use)> = terms
        .uses
        .iter()
        .map(|&(term, owner, how)| (renumber[term], owner, how))
        .collect();
    uses.sort_by_key(|&(term, owner, how)| (term, how as u8, owner));
    let field_of = |index: u8| {
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.index() == usize::from(index))
    };
    let (mut stems, mut texts, mut terms_list) = (String::new(), String::new(), Vec::new());
    for (key, text, _) in sorted {
        stems.push_str(&key.stems);
        texts.push_str(&text);
        terms_list.push((
            stems.len() as u32,
            texts.len() as u32,
            key.code.and_then(field_of),
            key.capitals,
        ));
    }
    let (mut members, mut concept_ends) = (Vec::new(), Vec::new());
    for (same, near, _) in &concepts {
        members.extend(same.iter().map(|&t| renumber[t]));
        let same_end = members.len() as u32;
        members.extend(near.iter().map(|&t| renumber[t]));
        concept_ends.push((same_end, members.len() as u32));
    }
    let (mut names, mut place_list) = (Vec::new(), Vec::new());
    for (place_names, (within, country)) in place_names.iter().zip(within.iter().zip(&countries)) {
        names.extend(place_names.iter().map(|&t| renumber[t]));
        place_list.push((
            names.len() as u32,
            within.map(|p| p as u16),
            country.map(|t| renumber[t]),
        ));
    }
    Ok(Lexicon {
        stems: Cow::Owned(stems),
        texts: Cow::Owned(texts),
        terms: Cow::Owned(terms_list),
        concepts: Cow::Owned(concept_ends),
        members: Cow::Owned(members),
        places: Cow::Owned(place_list),
        names: Cow::Owned(names),
        uses: Cow::Owned(uses),
        blockers: Cow::Owned({
            let mut renumbered: Vec<(u16, u16)> = blockers
                .iter()
                .map(|&(short, long)| (renumber[short], renumber[long]))
                .collect();
            renumbered.sort_unstable();
            renumbered.dedup();
            renumbered
        }),
    })
}
