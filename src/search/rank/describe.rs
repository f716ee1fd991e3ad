//! Why a hit matched, said for the hits shown: what of it matched each part of the query, and
//! the sentence of its abstract, or the field, that shows why it answers.

use std::borrow::Cow;
use std::ops::Range;

use super::Match;
use crate::catalogue::Catalogue;
use crate::search::field::{Field, fields};
use crate::search::query::{Alternative, Concept, Parsed, Role, Via};
use crate::search::sentences::sentences;
use crate::search::{Hit, Shown};

/// The char positions, in the field `field` and within `within` (counted from its start),
/// that the concepts asked for matched.
pub(super) fn marks(
    parsed: &Parsed,
    per_concept: &[Vec<Match>],
    field: usize,
    within: &Range<u32>,
) -> Vec<u32> {
    let mut marks: Vec<u32> = parsed
        .concepts
        .iter()
        .zip(per_concept)
        .filter(|(c, _)| matches!(c.role, Role::Ranked | Role::Required))
        .flat_map(|(_, found)| found)
        .filter(|m| m.field == field && within.contains(&m.chars.start))
        .flat_map(|m| m.chars.clone())
        .filter(|c| within.contains(c))
        .map(|c| c - within.start)
        .collect();
    marks.sort_unstable();
    marks.dedup();
    marks
}

/// Says why each of the first `count` hits matched: what of it matched each part of the
/// query, and how (for `--explain`), and the sentence of its abstract, or the field, that
/// shows why it answers.
pub(in crate::search) fn describe(
    parsed: &Parsed,
    idf: &[f64],
    hits: &mut [Hit],
    catalogue: &Catalogue,
) {
    for hit in hits {
        let texts = fields(catalogue, hit.entry);
        let detail = &hit.detail;
        for reason in &mut hit.reasons {
            let concept = &parsed.concepts[reason.concept];
            let mut words: Vec<String> = Vec::new();
            if !matches!(concept.role, Role::Near(..)) {
                for m in &detail.matched[reason.concept] {
                    let text = crate::text::fold(char_range(&texts[m.field].1, &m.chars));
                    let label = label(concept, &concept.alternatives[m.alternative], m, &text);
                    if !words.contains(&label) {
                        words.push(label);
                    }
                }
            }
            words.sort();
            reason.words = words;
        }
        hit.elsewhere = shown(
            parsed,
            &detail.kinds,
            &detail.matched,
            idf,
            &texts,
            &hit.title_marks,
        );
    }
}

/// How a match came about, for `--explain`: the words as typed, or how the query reached them.
fn label(concept: &Concept, alternative: &Alternative, m: &Match, text: &str) -> String {
    let typed = &concept.typed;
    let weight = if alternative.weight < 1.0 {
        format!(
            ", ×{}",
            alternative.weight.to_string().trim_end_matches('0')
        )
    } else {
        String::new()
    };
    let lexicon = crate::search::built_in_lexicon();
    let why = match alternative.via {
        Via::Typed if m.typo => "typo".to_string(),
        Via::Typed => return text.to_string(),
        Via::Thesaurus { .. } => "thesaurus".to_string(),
        Via::Place(placed) => format!("places: {}", placed.said(lexicon)),
        Via::Coded(placed) => format!(
            "{}, and splw codes works set there so",
            placed.said(lexicon)
        ),
        Via::Code => format!(
            "thesaurus: splw's coding of the study design or kind {}",
            alternative.shown
        ),
        Via::Id => "read as an id".to_string(),
    };
    let shown = if matches!(alternative.via, Via::Code | Via::Coded(_)) {
        alternative.shown.as_ref()
    } else {
        text
    };
    format!("{typed} → {shown} ({why}{weight})")
}

/// What `find` shows of a hit under its title, where the title does not show why the entry
/// answers: the sentence of the abstract that best matches, or the field outside the title that
/// matched, with its marks.
fn shown(
    parsed: &Parsed,
    kinds: &[(Field, u32)],
    per_concept: &[Vec<Match>],
    idf: &[f64],
    texts: &[(Field, Cow<str>)],
    title_marks: &[u32],
) -> Option<Shown> {
    let wanted: Vec<(usize, &Match)> = parsed
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, Role::Ranked | Role::Required))
        .flat_map(|(i, _)| per_concept[i].iter().map(move |m| (i, m)))
        .collect();
    // How well a stretch of a field answers: each concept it matches, by its idf and weight.
    let worth = |field: usize, within: &Range<u32>| -> f64 {
        let mut best = vec![0.0f64; parsed.concepts.len()];
        for (i, m) in &wanted {
            if m.field == field && within.contains(&m.chars.start) {
                best[*i] = best[*i].max(idf[*i] * m.weight);
            }
        }
        best.iter().sum()
    };
    let everything = 0..u32::MAX;
    let title = kinds.iter().position(|(k, _)| *k == Field::Title);
    let title_worth = title.map_or(0.0, |t| worth(t, &everything));
    let abstract_field = kinds.iter().position(|(k, _)| *k == Field::Abstract);
    let best_sentence = abstract_field.and_then(|a| {
        sentences(&texts[a].1)
            .into_iter()
            .map(|range| (worth(a, &range), range))
            .filter(|(w, _)| *w > 0.0)
            .fold(
                None,
                |best: Option<(f64, Range<u32>)>, (w, range)| match best {
                    Some((bw, _)) if bw >= w => best,
                    _ => Some((w, range)),
                },
            )
            .map(|(w, range)| (w, a, range))
    });
    if let Some((w, a, range)) = best_sentence {
        if w > title_worth {
            let sentence = char_range(&texts[a].1, &range).to_string();
            return Some((
                Field::Abstract,
                sentence,
                marks(parsed, per_concept, a, &range),
            ));
        }
    }
    if !title_marks.is_empty() {
        return None;
    }
    // Nothing in the title or abstract: the weightiest other field that matched, whole.
    let other = wanted
        .iter()
        .map(|(_, m)| m.field)
        .filter(|&f| !matches!(kinds[f].0, Field::Id | Field::Title | Field::Abstract))
        .max_by(|a, b| {
            let weight = |f: usize| kinds[f].0.weight().0;
            weight(*a).total_cmp(&weight(*b)).then(b.cmp(a))
        });
    other.map(|f| {
        let (field, text) = &texts[f];
        (
            *field,
            text.to_string(),
            marks(parsed, per_concept, f, &everything),
        )
    })
}

/// The chars of `text` in `range`.
fn char_range<'t>(text: &'t str, range: &Range<u32>) -> &'t str {
    let skip = |text: &'t str, n: u32| {
        let mut chars = text.chars();
        if n > 0 {
            chars.nth(n as usize - 1);
        }
        chars.as_str()
    };
    let from = skip(text, range.start);
    &from[..from.len() - skip(from, range.end - range.start).len()]
}
