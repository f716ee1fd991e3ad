//! The facets of a work that `list` filters by and that the evidence is summed up by: the columns
//! of `map`, the counts of `stats`, and the menus of `page`. Every count is made in one pass over
//! the works, each work's values looked up in a table of the columns: a brief may hold tens of
//! thousands of countries, and comparing each work with each of them would cost their product.

use std::borrow::Cow;
use std::collections::HashMap;

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

    /// The values a work has, borrowed where they can be: a work of two designs stands in two
    /// columns.
    fn of(self, entry: &Entry) -> Vec<Cow<'_, str>> {
        match self {
            Facet::Design => entry.design.iter().map(|d| d.as_str().into()).collect(),
            Facet::Kind => vec![entry.kind.as_str().into()],
            Facet::Country => entry.country.iter().map(|c| c.as_str().into()).collect(),
            Facet::Year => entry.year.iter().map(|y| y.to_string().into()).collect(),
            Facet::Access => entry.access.iter().map(|a| a.as_str().into()).collect(),
        }
    }

    /// Where each of `values` stands, to find a work's columns by lookup.
    pub fn columns(self, values: &[Option<String>]) -> Columns<'_> {
        let mut named = HashMap::with_capacity(values.len());
        let mut none = None;
        for (column, value) in values.iter().enumerate() {
            match value {
                Some(value) => {
                    named.entry(value.as_str()).or_insert(column);
                }
                None => none = Some(column),
            }
        }
        Columns {
            facet: self,
            named,
            none,
        }
    }

    /// How many of `entries` hold each of `values`, in its order.
    pub fn counts(self, values: &[Option<String>], entries: &[&Entry]) -> Vec<usize> {
        let columns = self.columns(values);
        let mut counts = vec![0; values.len()];
        let mut held = Vec::new();
        for entry in entries {
            columns.of(entry, &mut held);
            for &column in &held {
                counts[column] += 1;
            }
        }
        counts
    }

    /// The values of `values` that one of `entries` has; `None` where one has no value.
    pub fn held(self, catalogue: &Catalogue, entries: &[&Entry]) -> Vec<Option<String>> {
        let values = self.values(catalogue);
        let counts = self.counts(&values, entries);
        values
            .into_iter()
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .map(|(value, _)| value)
            .collect()
    }
}

/// A facet's columns, by value: see `Facet::columns`.
pub struct Columns<'a> {
    facet: Facet,
    named: HashMap<&'a str, usize>,
    /// The column of works with no value, if there is one.
    none: Option<usize>,
}

impl Columns<'_> {
    /// The columns `entry` stands in, into `held` (emptied first, so that one buffer serves a
    /// pass over every work). A work's values are distinct (`check` refuses a country or design
    /// given twice), so each column comes once.
    pub fn of(&self, entry: &Entry, held: &mut Vec<usize>) {
        held.clear();
        let values = self.facet.of(entry);
        if values.is_empty() {
            held.extend(self.none);
        }
        held.extend(
            values
                .iter()
                .filter_map(|v| self.named.get(v.as_ref()).copied()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_work_counts_once_in_each_column_it_holds() {
        let catalogue = crate::embedded::catalogue();
        let entries: Vec<&Entry> = catalogue.entries.iter().collect();
        for facet in [
            Facet::Design,
            Facet::Kind,
            Facet::Country,
            Facet::Year,
            Facet::Access,
        ] {
            let values = facet.values(&catalogue);
            let counts = facet.counts(&values, &entries);
            // Against the plain definition: a work holds a value it has, or none if it has none.
            for (value, &count) in values.iter().zip(&counts) {
                let plain = entries
                    .iter()
                    .filter(|e| {
                        let has = facet.of(e);
                        match value {
                            Some(value) => has.iter().any(|v| v == value),
                            None => has.is_empty(),
                        }
                    })
                    .count();
                assert_eq!(count, plain, "{facet:?} {value:?}");
            }
        }
    }
}
