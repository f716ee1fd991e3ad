//! The orders works are listed in: `list --sort`, and the page's sort menu.

use crate::catalogue::Entry;
use crate::text;

/// The orders `--sort` offers (described in `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Brief,
    Year,
    Author,
    Title,
}

/// Sorts by `order`; entries that lack the key (no year, no author) stay last either way, and
/// the brief's order breaks ties.
pub fn sort(entries: &mut Vec<&Entry>, order: SortOrder, reverse: bool) {
    let key = |e: &Entry| -> Option<String> {
        match order {
            SortOrder::Brief => Some(String::new()),
            SortOrder::Year => e.year.map(|y| format!("{y:05}")),
            SortOrder::Author => Some(text::fold(&e.short_authors())).filter(|a| !a.is_empty()),
            SortOrder::Title => Some(text::fold(
                e.title.trim_start_matches(|c: char| !c.is_alphanumeric()),
            )),
        }
    };
    if order == SortOrder::Brief {
        if reverse {
            entries.reverse();
        }
        return;
    }
    let mut keyed: Vec<(Option<String>, &Entry)> = entries.iter().map(|e| (key(e), *e)).collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) if reverse => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    });
    *entries = keyed.into_iter().map(|(_, e)| e).collect();
}
