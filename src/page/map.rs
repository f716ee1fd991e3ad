//! The evidence map on the page, as `splw map` draws it: every topic against every study design
//! of the vocabulary, those with no works too, with how many works stand in each cell, and the
//! totals of each row and column. A gap is shown as a gap. The script makes each count a button.

use std::collections::HashMap;

use maud::{Markup, html};

use super::{NONE, label};
use crate::catalogue::{Catalogue, Entry, Topic};
use crate::facet::Facet;
use crate::text::escape_line;

/// Topics against study designs, as `splw map` draws them: how many works stand in each cell,
/// and in all (a work counts once in a total, however many designs or topics it has).
pub fn evidence_map(catalogue: &Catalogue, entries: &[&Entry]) -> Markup {
    let facet = Facet::Design;
    let columns = facet.values(catalogue);
    // Counted in one pass over the works: a large brief has thousands of topics.
    let mut cells: HashMap<(&str, usize), usize> = HashMap::new();
    let mut rows: HashMap<&str, usize> = HashMap::new();
    let mut totals = vec![0; columns.len()];
    let lookup = facet.columns(&columns);
    let mut held = Vec::new();
    for entry in entries {
        lookup.of(entry, &mut held);
        for &column in &held {
            totals[column] += 1;
        }
        // Each topic once, in a set: an entry may carry thousands.
        let mut seen = std::collections::HashSet::new();
        for topic in &entry.topics {
            if !seen.insert(topic.as_str()) {
                continue;
            }
            *rows.entry(topic.as_str()).or_default() += 1;
            for &column in &held {
                *cells.entry((topic.as_str(), column)).or_default() += 1;
            }
        }
    }
    let rows: Vec<(&Topic, Vec<usize>, usize)> = catalogue
        .topics
        .iter()
        .map(|topic| {
            let id = topic.id.as_str();
            let row = (0..columns.len())
                .map(|column| cells.get(&(id, column)).copied().unwrap_or(0))
                .collect();
            (topic, row, rows.get(id).copied().unwrap_or(0))
        })
        .collect();
    let most = rows
        .iter()
        .flat_map(|(_, row, _)| row)
        .copied()
        .max()
        .unwrap_or(0);
    let heading = |value: &Option<String>| match value {
        Some(value) => label(value),
        None => facet.none().to_string(),
    };
    let gaps: Vec<String> = columns
        .iter()
        .zip(&totals)
        .filter(|&(value, &n)| n == 0 && value.is_some())
        .map(|(value, _)| heading(value))
        .collect();
    html! {
        section #page_map.map aria-labelledby="page_map_h" {
            h2 #page_map_h { "Evidence map" }
            p {
                "How many works on each topic are of each study design. The designs are splw's \
                 coding from each work's title and abstract, not the brief's; a work counts \
                 under every topic it carries and every design it is coded with, and once in a \
                 total. A dot is a gap: no work."
                span.js-only hidden { " Choose a number to list those works." }
            }
            @if !gaps.is_empty() {
                p.gaps {
                    strong { "Gaps: " }
                    "no work here is coded as " (crate::text::series(&gaps, "or")) "."
                }
            }
            // Focusable, so that a keyboard can scroll a map wider than the screen.
            section.scroll tabindex="0" aria-label="Evidence map table (scrolls sideways on a narrow screen)" {
                table {
                    caption.visually-hidden { "Works by topic and study design, with totals" }
                    thead {
                        tr {
                            th scope="col" { "Topic" }
                            @for value in &columns { th scope="col" { span { (heading(value)) } } }
                            th.total scope="col" { span { "All designs" } }
                        }
                    }
                    tbody {
                        @for (topic, row, all) in &rows {
                            tr {
                                th scope="row" { (escape_line(&topic.label)) }
                                @for (value, &n) in columns.iter().zip(row) {
                                    (cell(Some(&topic.id), Some(value), n, Some(shade(n, most))))
                                }
                                (cell(Some(&topic.id), None, *all, None))
                            }
                        }
                    }
                    tfoot {
                        tr {
                            th scope="row" { "All topics" }
                            @for (value, &n) in columns.iter().zip(&totals) {
                                (cell(None, Some(value), n, None))
                            }
                            (cell(None, None, entries.len(), None))
                        }
                    }
                }
            }
        }
    }
}

/// A count of the map: for a topic and a design, or (`None`) for all of them; shaded by how full
/// it is, or a total. A gap reads as a dot, and to a screen reader as 0.
fn cell(
    topic: Option<&str>,
    design: Option<&Option<String>>,
    n: usize,
    shade: Option<usize>,
) -> Markup {
    let design = design.map(|value| value.as_deref().unwrap_or(NONE));
    let class = shade.map_or("total".to_string(), |shade| format!("shade{shade}"));
    html! {
        td class=(class) data-topic=[topic] data-design=[design] data-count=(n) {
            @if n == 0 {
                span aria-hidden="true" { "·" }
                span.visually-hidden { "0" }
            } @else {
                (n)
            }
        }
    }
}

/// How full a cell is, 0 (none) to 4, against the fullest cell.
fn shade(count: usize, most: usize) -> usize {
    if count == 0 {
        0
    } else {
        (4 * count).div_ceil(most.max(1)).min(4)
    }
}
