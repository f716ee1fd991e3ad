//! Harvard as *Cite Them Right* (12th edition) sets it out, the UK universities' standard:
//! `harvard-cite-them-right.csl`.

use super::names::{CommaBefore, NameStyle};
use super::rich::{Quotes, Rich};
use super::{CitationOrder, Place, Style, names_or, page_label, pages_en_dash, year_or};
use crate::catalogue::{Entry, Kind};

pub struct Harvard;

const NAMES: NameStyle = NameStyle {
    initials: true,
    inverted_with: ", ",
    initial_with: ".",
    and: Some("and"),
    comma_before_and: CommaBefore::Never,
    et_al_min: 4,
    et_al_use_first: 1,
    et_al_italic: true,
    quotes: Quotes::British,
};

/// In the text only family names are given: (Mills, Lowrie and Kinloch, 2021).
const IN_TEXT_NAMES: NameStyle = NameStyle {
    initials: false,
    ..NAMES
};

/// No date, and what comes between it and a year suffix.
const NO_DATE: (&str, Option<&str>) = ("no date", Some(" "));

impl Style for Harvard {
    fn sorts_by_title(&self) -> bool {
        true
    }

    fn sort_names(&self, entry: &Entry) -> String {
        names_or(&NAMES, entry, &entry.title)
    }

    fn reference(&self, entry: &Entry, place: Place) -> Rich {
        let year = year_or(entry, place, NO_DATE);
        let article = entry.kind == Kind::JournalArticle;
        let title = if article {
            Rich::new().plain(&format!("‘{}’", Quotes::British.apply(&entry.title, 1)))
        } else {
            Rich::new().italic(&Quotes::British.apply(&entry.title, 0))
        };
        let mut out = match NAMES.list(entry, place) {
            Some(names) => names.plain(&format!(" ({year}) ")).append(title),
            None => title.plain(&format!(" ({year})")),
        };
        if article {
            if let Some(journal) = &entry.journal {
                out = out.plain(", ").italic(&Quotes::British.apply(journal, 0));
            }
            match (&entry.volume, &entry.issue) {
                (Some(v), Some(i)) => out = out.plain(&format!(", {v}({i})")),
                (Some(v), None) => out = out.plain(&format!(", {v}")),
                (None, Some(i)) => out = out.plain(&format!(", ({i})")),
                (None, None) => {}
            }
            if let Some(pages) = &entry.pages {
                out = out.plain(&format!(", {} {}", page_label(pages), pages_en_dash(pages)));
            }
            out = out.plain(".");
        } else {
            out = out.period();
            if let Some(source) = &entry.source {
                out = out.plain(&format!(" {}.", Quotes::British.apply(source, 0)));
            }
        }
        if let Some(doi) = entry.doi_link() {
            out = out.plain(" Available at: ").link(&doi).plain(".");
        } else if let Some(url) = &entry.url {
            out = out.plain(" Available at: ").link(url).plain(".");
        }
        out
    }

    fn cited(&self, entry: &Entry, place: Place) -> (Rich, String) {
        let who = IN_TEXT_NAMES
            .list(entry, place)
            .unwrap_or_else(|| anonymous_title(entry));
        (who, year_or(entry, place, NO_DATE))
    }

    fn citation_order(&self) -> CitationOrder {
        CitationOrder::Year
    }
}

/// A work with no author is cited by its title: italic, or in quotation marks for an article.
fn anonymous_title(entry: &Entry) -> Rich {
    if entry.kind == Kind::JournalArticle {
        Rich::new().plain(&format!("‘{}’", Quotes::British.apply(&entry.title, 1)))
    } else {
        Rich::new().italic(&Quotes::British.apply(&entry.title, 0))
    }
}
