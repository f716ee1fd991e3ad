//! The page's search box, filters, citation style and downloads: controls for the script, hidden
//! without it.

use std::collections::HashSet;

use maud::{Markup, html};

use super::{DEFAULT_STYLE, NONE, STYLES, label};
use crate::catalogue::{Catalogue, Entry, Topic};
use crate::facet::Facet;
use crate::sort::SortOrder;
use crate::text::escape_line;

/// An order the page can list the works in.
pub struct Order {
    /// Its value in the address (`#sort=newest`); the brief's own, the default, is `""`.
    pub id: &'static str,
    pub label: &'static str,
    /// How `list --sort` orders the works so, and whether reversed; none for the brief's order,
    /// by section.
    pub sort: Option<(SortOrder, bool)>,
}

/// The orders the page offers, as `list --sort` gives them: the brief's, by section; newest first;
/// and by author. A search that ranks what it finds shows it best first in the brief's order's
/// stead.
pub const ORDERS: [Order; 3] = [
    Order {
        id: "",
        label: "The brief's, by section",
        sort: None,
    },
    Order {
        id: "newest",
        label: "Newest first",
        sort: Some((SortOrder::Year, true)),
    },
    Order {
        id: "author",
        label: "By author",
        sort: Some((SortOrder::Author, false)),
    },
];

/// The search box, filters, order, style menu and downloads: they work only with the script,
/// which shows them; without it they stay hidden, and every work is listed.
pub fn tools(catalogue: &Catalogue, entries: &[&Entry]) -> Markup {
    let mut years: Vec<i32> = entries.iter().filter_map(|e| e.year).collect();
    years.sort_unstable();
    years.dedup();
    let carried: HashSet<&str> = entries
        .iter()
        .flat_map(|e| e.topics.iter().map(String::as_str))
        .collect();
    let topics: Vec<&Topic> = catalogue
        .topics
        .iter()
        .filter(|t| carried.contains(t.id.as_str()))
        .collect();
    // Each value of a facet that a work on the page has, as (value, label); works with none
    // are "none".
    let facet = |facet: Facet| -> Vec<(String, String)> {
        facet
            .held(catalogue, entries)
            .into_iter()
            .map(|value| match value {
                Some(value) => (value.clone(), label(&value)),
                None => (NONE.to_string(), facet.none().to_string()),
            })
            .collect()
    };
    let select = |id: &str, label: &str, any: &str, values: &[(String, String)]| {
        html! {
            div.field {
                label for=(id) { (label) }
                select #(id) name=(id.trim_start_matches("f_")) {
                    option value="" { (any) }
                    @for (value, label) in values {
                        option value=(value) { (escape_line(label)) }
                    }
                }
            }
        }
    };
    let year_values: Vec<(String, String)> = years
        .iter()
        .map(|year| (year.to_string(), year.to_string()))
        .collect();
    html! {
        section #page_tools.tools aria-labelledby="page_tools_h" hidden {
            h2 #page_tools_h { "Search and filter" }
            form #page_filters role="search" aria-label="Works" {
                div.field.search {
                    label for="page_q" { "Search titles, authors, sources and abstracts" }
                    div.search-row {
                        input #page_q name="q" type="search" autocomplete="off" spellcheck="false";
                        button type="submit" { "Search" }
                    }
                }
                div.fields.main {
                    div.field.topic {
                        label for="f_topic" { "Topic" }
                        select #f_topic name="topic" {
                            option value="" { "Any topic" }
                            @for topic in &topics {
                                option value=(topic.id) { (escape_line(&topic.label)) }
                            }
                        }
                    }
                    (select("f_from", "From year", "Any year", &year_values))
                    (select("f_to", "To year", "Any year", &year_values))
                    div.field {
                        label for="f_sort" { "Order" }
                        select #f_sort name="sort" {
                            @for order in &ORDERS {
                                option value=(order.id) { (order.label) }
                            }
                        }
                    }
                }
                details #page_more.more {
                    summary { "More filters" }
                    div.fields {
                        (select("f_kind", "Kind", "Any kind", &facet(Facet::Kind)))
                        (select("f_design", "Study design (splw's coding)", "Any design", &facet(Facet::Design)))
                        (select("f_country", "Country (splw's coding)", "Any country", &facet(Facet::Country)))
                        (select("f_access", "Access", "Any access", &facet(Facet::Access)))
                    }
                    div.field.check {
                        input #f_listed name="listed" type="checkbox" value="1";
                        label for="f_listed" { "Only works the brief lists under the topic, not splw's tags" }
                    }
                }
                p.actions {
                    button #page_clear type="reset" { "Clear search and filters" }
                }
            }
            p #page_count role="status" { (crate::text::count(entries.len(), "work", "works")) }
            p #page_copied role="status" {}
            div.fields.after {
                div.field {
                    label for="page_style" { "Citation style" }
                    select #page_style {
                        @for (style, id) in STYLES {
                            option value=(id) selected[style == DEFAULT_STYLE] { (style.label()) }
                        }
                    }
                }
                p.downloads {
                    "Download what is shown: "
                    a #dl_bibtex href="#" download="splw.bib" { "BibTeX" } " · "
                    a #dl_ris href="#" download="splw.ris" { "RIS" } " · "
                    a #dl_csl href="#" download="splw.json" { "CSL-JSON" }
                }
            }
        }
    }
}
