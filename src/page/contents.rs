//! The page's contents, as the brief's own: its sections in order, those it groups under a
//! heading ("Published Peer Reviewed Research") nested under it, each a link to its heading with
//! how many works it lists. It needs no script; the script makes each count a button that shows
//! only that section's works, and keeps the counts to what the search and filters show.

use maud::{Markup, html};

use super::Section;
use crate::catalogue::Catalogue;
use crate::text::escape_line;

/// The contents, open unless `open` is false: a brief of thousands of sections would take the
/// browser seconds to lay them out, so that it folds them until they are asked for.
pub fn contents(catalogue: &Catalogue, sections: &[Section], open: bool) -> Markup {
    // Runs of sections under the same heading of the brief's, or under none.
    let mut runs: Vec<(Option<&str>, Vec<&Section>)> = Vec::new();
    for section in sections {
        let group = section.topic.and_then(|t| t.group.as_deref());
        match runs.last_mut() {
            Some((last, run)) if *last == group && group.is_some() => run.push(section),
            _ => runs.push((group, vec![section])),
        }
    }
    html! {
        nav #page_contents.contents aria-labelledby="page_contents_h" {
            // Open without the script (but on a long page); the script folds it on a narrow
            // screen, where it would stand between the search and what it finds.
            details #page_contents_fold open[open] {
                summary {
                    h2 #page_contents_h { "Contents" }
                    " " span.summary-n { (crate::text::count(sections.len(), "section", "sections")) }
                }
                ol.sections {
                    @for (group, run) in &runs {
                        @match group {
                            Some(group) => li.grouped {
                                span.group-h { (escape_line(group)) }
                                ol { @for section in run { (line(section)) } }
                            },
                            None => @for section in run { (line(section)) },
                        }
                    }
                }
                p.also {
                    a href="#page_map" { "Evidence map" }
                    " · " a href="#page_about" { "About this brief" }
                    @if catalogue.brief.access_help.is_some() {
                        " · " a href="#page_help" { "Help accessing articles or papers" }
                    }
                }
            }
        }
    }
}

/// A section's line: its name, a link to its heading, and how many works it lists.
fn line(section: &Section) -> Markup {
    let n = section.works.len();
    html! {
        li #(format!("c_{}", section.anchor)) data-topic=[section.topic.map(|t| &t.id)] data-count=(n) {
            a href=(format!("#{}", section.anchor)) {
                @match section.topic {
                    Some(topic) => (escape_line(&topic.label)),
                    None => "Not listed in a section",
                }
            }
            " " span.n { (n) span.visually-hidden { @if n == 1 { " work" } @else { " works" } } }
        }
    }
}
