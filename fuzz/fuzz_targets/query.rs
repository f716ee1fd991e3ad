//! Bytes → a search query and the filters of `list`, run on the built-in brief.
//!
//! The input is split at NUL bytes into: the query, a topic, a year range, an author and a
//! journal, so that every parser of the command line's free text is driven at once.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use splw::catalogue::Catalogue;
use splw::filter::{Criteria, Filter, YearRange};
use splw::search::Query;

fn built_in() -> &'static Catalogue {
    static BUILT_IN: OnceLock<Catalogue> = OnceLock::new();
    BUILT_IN.get_or_init(splw::embedded::catalogue)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let mut next = || parts.next().unwrap_or_default().to_string();
    let (query, topic, years, author, journal) = (next(), next(), next(), next(), next());
    let catalogue = built_in();

    let filters = Criteria {
        topics: [topic].into_iter().filter(|t| !t.is_empty()).collect(),
        years: years.parse::<YearRange>().into_iter().collect(),
        authors: [author].into_iter().filter(|a| !a.is_empty()).collect(),
        journals: [journal].into_iter().filter(|j| !j.is_empty()).collect(),
        ..Criteria::default()
    };
    let Ok(filter) = Filter::new(&filters, catalogue) else {
        return;
    };
    let entries = catalogue.entries.iter().filter(|e| filter.matches(e));
    if let Ok(query) = Query::new(&query) {
        for hit in query.run(catalogue, Some(&splw::embedded::SPLIT), entries).hits {
            let _ = (hit.entry.id.len(), hit.score, hit.title_marks.len(), hit.elsewhere);
        }
    }
});
