//! The index of the entries searched: the split made ahead, or one made now, and the words of
//! it that a query's terms are.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::catalogue::{Catalogue, Entry};
use crate::search::query::Known;
use crate::search::{Split, split_entries, stems};

/// The split of the entries searched, with their places in it.
pub(super) struct Index<'s> {
    pub(super) split: Cow<'s, Split<'static>>,
    /// For each of the split's entries, its place among the entries searched.
    pub(super) searched: Vec<Option<usize>>,
    /// The stems of a split made without them, as worked out.
    stems: FxHashMap<usize, String>,
}

impl Index<'_> {
    /// The stem of the distinct word with this number.
    fn stem(&mut self, id: usize) -> &str {
        if self.split.is_stemmed() {
            return self.split.distinct(id).1;
        }
        let split = &self.split;
        self.stems
            .entry(id)
            .or_insert_with(|| stems::stem(split.distinct(id).0))
    }

    /// Whether the distinct word with this number stands in an entry searched.
    fn searched_has(&self, id: usize) -> bool {
        self.split
            .places(id)
            .any(|p| self.searched[p.entry].is_some())
    }

    /// The distinct words, standing in an entry searched, whose stem is `stem`: looked up by
    /// halving in a split with stems, else compared among the words that start as a word with
    /// that stem may (`stems::starts_of`).
    pub(super) fn with_stem(&mut self, stem: &str) -> Vec<usize> {
        if self.split.is_stemmed() {
            let ids = self.split.with_stem(stem).iter().map(|&id| id as usize);
            return ids.filter(|&id| self.searched_has(id)).collect();
        }
        let prefixes = stems::starts_of(stem);
        let mut found = Vec::new();
        for prefix in prefixes {
            for id in self.split.starting(&prefix) {
                let word = self.split.distinct(id).0;
                if stems::may_share_stem(word, stem)
                    && self.stem(id) == stem
                    && self.searched_has(id)
                    && !found.contains(&id)
                {
                    found.push(id);
                }
            }
        }
        found
    }

    /// The distinct words, standing in an entry searched, up to `typos` typos from `typed` and
    /// starting with its letter, nearest first.
    fn within_typos(&self, typed: &str, typos: usize) -> Vec<usize> {
        let Some(first) = typed.get(..1) else {
            return Vec::new();
        };
        let mut found: Vec<(usize, usize)> = self
            .split
            .starting(first)
            .filter(|&id| stems::within_typos(self.split.distinct(id).0, typed, typos))
            .filter(|&id| self.searched_has(id))
            .map(|id| (strsim::osa_distance(self.split.distinct(id).0, typed), id))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, id)| id).collect()
    }
}

impl Known for Index<'_> {
    fn has_stem(&mut self, stem: &str) -> bool {
        !self.with_stem(stem).is_empty()
    }

    fn typo_stems(&mut self, typed: &str, typos: usize) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for id in self.within_typos(typed, typos) {
            let stem = self.stem(id).to_string();
            if !found.contains(&stem) {
                found.push(stem);
            }
        }
        found
    }
}

/// The index of the entries searched: the split made ahead, if it has them all, else one made
/// now.
pub(super) fn index<'s>(
    catalogue: &Catalogue,
    split: Option<&'s Split<'static>>,
    entries: &[&Entry],
) -> Index<'s> {
    if let Some(split) = split {
        let mut searched = vec![None; split.entries.len()];
        let all = entries.iter().enumerate().all(|(place, entry)| {
            split
                .entry(&entry.id)
                .map(|at| searched[at] = Some(place))
                .is_some()
        });
        if all {
            return Index {
                split: Cow::Borrowed(split),
                searched,
                stems: FxHashMap::default(),
            };
        }
    }
    Index {
        split: Cow::Owned(split_entries(catalogue, entries, false)),
        searched: (0..entries.len()).map(Some).collect(),
        stems: FxHashMap::default(),
    }
}
