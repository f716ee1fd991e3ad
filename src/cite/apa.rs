//! APA, 7th edition: `apa.csl`.

use super::names::{CommaBefore, NameStyle};
use super::rich::{Quotes, Rich};
use super::{CitationOrder, Place, Style, names_or, pages_expanded, title_case, year_or};
use crate::catalogue::{Entry, Kind};

pub struct Apa;

const NAMES: NameStyle = NameStyle {
    initials: true,
    inverted_with: ", ",
    initial_with: ". ",
    and: Some("&"),
    comma_before_and: CommaBefore::Always,
    et_al_min: 21,
    et_al_use_first: 19,
    et_al_italic: false,
    quotes: Quotes::American,
};

/// In the text, three or more authors are "First et al.": (Mills et al., 2021).
const IN_TEXT_NAMES: NameStyle = NameStyle {
    initials: false,
    comma_before_and: CommaBefore::Never,
    et_al_min: 3,
    et_al_use_first: 1,
    ..NAMES
};

/// What works cited together sort on first: the reference list's names, shortened as the CSL's
/// citation sort key shortens them (`names-min="3" names-use-first="1"`), so that works whose
/// first author is the same sort by date, undated first, then keep the order they were cited in.
const CITATION_SORT_NAMES: NameStyle = NameStyle {
    et_al_min: 3,
    et_al_use_first: 1,
    ..NAMES
};

/// No date, and what comes between it and a year suffix.
const NO_DATE: (&str, Option<&str>) = ("n.d.", Some("-"));

impl Style for Apa {
    fn sorts_by_month(&self) -> bool {
        true
    }

    fn sorts_by_title(&self) -> bool {
        true
    }

    fn undated_first(&self) -> bool {
        true
    }

    fn sort_names(&self, entry: &Entry) -> String {
        names_or(&NAMES, entry, &entry.title)
    }

    fn citation_sort_names(&self, entry: &Entry) -> String {
        names_or(&CITATION_SORT_NAMES, entry, &entry.title)
    }

    fn reference(&self, entry: &Entry, place: Place) -> Rich {
        let year = year_or(entry, place, NO_DATE);
        let article = entry.kind == Kind::JournalArticle;
        let title = Quotes::American.apply(&entry.title, 0);
        let title = if article {
            Rich::new().plain(&title)
        } else {
            Rich::new().italic(&title)
        };
        let mut out = match NAMES.list(entry, place) {
            Some(names) => names
                .period()
                .plain(&format!(" ({year}). "))
                .append(title)
                .period(),
            None => title.period().plain(&format!(" ({year}).")),
        };
        if article {
            if let Some(journal) = &entry.journal {
                out = out.plain(" ").italic(&Quotes::American.apply(journal, 0));
            }
            if let Some(volume) = &entry.volume {
                out = out.plain(", ").italic(volume);
            }
            if let Some(issue) = &entry.issue {
                out = out.plain(&format!("({issue})"));
            }
            if let Some(pages) = &entry.pages {
                out = out.plain(&format!(", {}", pages_expanded(pages)));
            }
            out = out.plain(".");
        } else if let Some(source) = &entry.source {
            out = out.plain(&format!(" {}.", Quotes::American.apply(source, 0)));
        }
        if let Some(doi) = entry.doi_link() {
            out = out.plain(" ").link(&doi);
        } else if let Some(url) = &entry.url {
            out = out.plain(" ").link(url);
        }
        out
    }

    fn cited(&self, entry: &Entry, place: Place) -> (Rich, String) {
        let who = IN_TEXT_NAMES.list(entry, place).unwrap_or_else(|| {
            let title = title_case(&Quotes::American.apply(&entry.title, 0));
            if entry.kind == Kind::JournalArticle {
                Rich::new().plain(&format!("“{title}”"))
            } else {
                Rich::new().italic(&title)
            }
        });
        (who, year_or(entry, place, NO_DATE))
    }

    fn citation_order(&self) -> CitationOrder {
        CitationOrder::AuthorYear
    }
}
