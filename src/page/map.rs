//! The evidence map on the page: topics against study designs, with how many works stand in
//! each cell, as `splw map` draws them. The script makes each count a button.

use std::collections::HashMap;

use maud::{Markup, html};

use super::{NONE, label};
use crate::catalogue::{Catalogue, Entry, Topic};
use crate::facet::Facet;
use crate::text::escape_line;

/// Topics against study designs, as `splw map` draws them: how many works stand in each cell.
/// The script makes each count a button that filters the list.
pub fn evidence_map(catalogue: &Catalogue, entries: &[&Entry]) -> Markup {
    let facet = Facet::Design;
    let columns = facet.held(catalogue, entries);
    // Counted in one pass over the works: a large brief has thousands of topics.
    let mut counts: HashMap<(&str, usize), usize> = HashMap::new();
    let lookup = facet.columns(&columns);
    let mut held = Vec::new();
    for entry in entries {
        lookup.of(entry, &mut held);
        for &column in &held {
            for topic in &entry.topics {
                *counts.entry((topic.as_str(), column)).or_default() += 1;
            }
        }
    }
    let rows: Vec<(&Topic, Vec<usize>)> = catalogue
        .topics
        .iter()
        .map(|topic| {
            let cells = (0..columns.len())
                .map(|column| {
                    counts
                        .get(&(topic.id.as_str(), column))
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            (topic, cells)
        })
        .filter(|(_, cells): &(&Topic, Vec<usize>)| cells.iter().any(|&n| n > 0))
        .collect();
    let most = rows
        .iter()
        .flat_map(|(_, cells)| cells)
        .copied()
        .max()
        .unwrap_or(0);
    let heading = |value: &Option<String>| match value {
        Some(value) => label(value),
        None => facet.none().to_string(),
    };
    html! {
        section.map aria-labelledby="page_map_h" {
            h2 #page_map_h { "Evidence map" }
            p {
                "How many works on each topic are of each study design. The designs are splw's \
                 coding from each work's title and abstract, not the brief's; a work counts \
                 under every topic it carries and every design it is coded with."
                span.js-only hidden { " Choose a number to list those works." }
            }
            // Focusable, so that a keyboard can scroll a map wider than the screen.
            section.scroll tabindex="0" aria-label="Evidence map table (scrolls sideways on a narrow screen)" {
                table {
                    caption.visually-hidden { "Works by topic and study design" }
                    thead {
                        tr {
                            th scope="col" { "Topic" }
                            @for value in &columns { th scope="col" { span { (heading(value)) } } }
                        }
                    }
                    tbody {
                        @for (topic, cells) in &rows {
                            tr {
                                th scope="row" { (escape_line(&topic.label)) }
                                @for (value, &n) in columns.iter().zip(cells) {
                                    td class=(format!("shade{}", shade(n, most)))
                                        data-topic=(topic.id)
                                        data-design=(value.as_deref().unwrap_or(NONE))
                                        data-count=(n) {
                                        // A gap reads as a dot, and to a screen reader as 0.
                                        @if n == 0 {
                                            span aria-hidden="true" { "·" }
                                            span.visually-hidden { "0" }
                                        } @else {
                                            (n)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
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
