//! The facets of a work that `list` filters by and that the evidence is summed up by: the columns
//! of `map`, the counts of `stats`, and the menus of `page`.

use crate::catalogue::{Access, Catalogue, Design, Entry, Kind};
use crate::filter;

/// A facet of every work, named as the `list` filter that selects by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Design,
    Kind,
    Country,
    Year,
    Access,
}

impl Facet {
    pub fn name(self) -> &'static str {
        match self {
            Facet::Design => "design",
            Facet::Kind => "kind",
            Facet::Country => "country",
            Facet::Year => "year",
            Facet::Access => "access",
        }
    }

    /// What a work with no value has, in words.
    pub fn none(self) -> &'static str {
        match self {
            Facet::Design => "no design stated",
            Facet::Country => "no country named",
            Facet::Year => "no date",
            Facet::Access | Facet::Kind => "not marked",
        }
    }

    /// Every value a column may have, in order; `None` is a work with none (no design stated,
    /// no country named, no date), shown only where there is such a work.
    pub fn values(self, catalogue: &Catalogue) -> Vec<Option<String>> {
        let named = |values: Vec<String>| values.into_iter().map(Some).collect();
        let mut values: Vec<Option<String>> = match self {
            Facet::Design => named(Design::ALL.iter().map(ToString::to_string).collect()),
            Facet::Kind => named(Kind::ALL.iter().map(ToString::to_string).collect()),
            Facet::Access => named(Access::ALL.iter().map(ToString::to_string).collect()),
            Facet::Country => named(
                filter::countries(catalogue)
                    .into_iter()
                    .map(String::from)
                    .collect(),
            ),
            Facet::Year => {
                let mut years: Vec<i32> = catalogue.entries.iter().filter_map(|e| e.year).collect();
                years.sort_unstable();
                years.dedup();
                named(years.iter().map(ToString::to_string).collect())
            }
        };
        if catalogue.entries.iter().any(|e| self.of(e).is_empty()) {
            values.push(None);
        }
        values
    }

    /// The values a work has: a work of two designs stands in two columns.
    fn of(self, entry: &Entry) -> Vec<String> {
        match self {
            Facet::Design => entry.design.iter().map(ToString::to_string).collect(),
            Facet::Kind => vec![entry.kind.to_string()],
            Facet::Country => entry.country.clone(),
            Facet::Year => entry.year.iter().map(ToString::to_string).collect(),
            Facet::Access => entry.access.iter().map(ToString::to_string).collect(),
        }
    }

    /// The values of `values` that one of `entries` has; `None` where one has no value.
    pub fn held(self, catalogue: &Catalogue, entries: &[&Entry]) -> Vec<Option<String>> {
        self.values(catalogue)
            .into_iter()
            .filter(|value| entries.iter().any(|e| self.holds(e, value.as_deref())))
            .collect()
    }

    pub fn holds(self, entry: &Entry, value: Option<&str>) -> bool {
        let values = self.of(entry);
        match value {
            Some(value) => values.iter().any(|v| v == value),
            None => values.is_empty(),
        }
    }
}
