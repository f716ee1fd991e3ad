//! Health Education England Harvard, the house style of the team that produced the brief:
//! `health-education-england-harvard.csl`.

use super::names::{CommaBefore, NameStyle};
use super::rich::{Quotes, Rich};
use super::{CitationOrder, Place, Style, names_or, pages_en_dash, year_or};
use crate::catalogue::{Entry, Kind};

pub struct Hee;

const NAMES: NameStyle = NameStyle {
    initials: true,
    inverted_with: ", ",
    initial_with: ". ",
    and: Some("and"),
    comma_before_and: CommaBefore::Contextual,
    et_al_min: usize::MAX,
    et_al_use_first: usize::MAX,
    et_al_italic: true,
    quotes: Quotes::British,
};

/// In the text: (Rhodes and Bell 2021), (Mills et al. 2021), "et al." in roman: the CSL's
/// citation sets no style on it.
const IN_TEXT_NAMES: NameStyle = NameStyle {
    initials: false,
    comma_before_and: CommaBefore::Never,
    et_al_min: 3,
    et_al_use_first: 1,
    et_al_italic: false,
    ..NAMES
};

/// What works cited together sort on after the year: the reference list's names, shortened
/// as the CSL's citation shortens them ("Wildman, J. M., et al."), so works whose first author
/// is the same keep the order they were cited in.
const CITATION_SORT_NAMES: NameStyle = NameStyle {
    et_al_min: 3,
    et_al_use_first: 1,
    ..NAMES
};

/// No date, which takes no year suffix (see `year_or`).
const NO_DATE: (&str, Option<&str>) = ("n.d.", None);

impl Style for Hee {
    fn sort_names(&self, entry: &Entry) -> String {
        names_or(&NAMES, entry, "Anon.")
    }

    fn citation_sort_names(&self, entry: &Entry) -> String {
        names_or(&CITATION_SORT_NAMES, entry, "Anon.")
    }

    fn reference(&self, entry: &Entry, place: Place) -> Rich {
        let year = year_or(entry, place, NO_DATE);
        let names = NAMES
            .list(entry, place)
            .unwrap_or_else(|| Rich::new().plain("Anon."));
        let mut out = names.plain(&format!(", {year}")).period().plain(" ");
        let title = Quotes::British.apply(&entry.title, 0);
        match entry.kind {
            Kind::JournalArticle => {
                // HEE prints no DOI; the title links to it, as pandoc links it.
                out = match entry.doi_link() {
                    Some(doi) => out.linked(&title, &doi),
                    None => out.plain(&title),
                }
                .period();
                if let Some(journal) = &entry.journal {
                    out = out.plain(" ").italic(&Quotes::British.apply(journal, 0));
                }
                if let Some(volume) = &entry.volume {
                    out = out.plain(&format!(", {volume}"));
                }
                if let Some(issue) = &entry.issue {
                    let space = if entry.volume.is_some() { " " } else { ", " };
                    out = out.plain(&format!("{space}({issue})"));
                }
                if let Some(pages) = &entry.pages {
                    out = out.plain(&format!(", {}", pages_en_dash(pages)));
                }
                out = out.plain(".");
            }
            kind => {
                out = out.italic(&title);
                if entry.url.is_some() {
                    out = out.plain(" [online]");
                }
                out = out.period();
                let web = super::WorkType::of(kind) == super::WorkType::WebPage;
                if let (Some(source), false) = (&entry.source, web) {
                    out = out.plain(&format!(" {}.", Quotes::British.apply(source, 0)));
                }
            }
        }
        // HEE's CSL sets "Available from:" right after the last full stop, with no space.
        if let Some(url) = &entry.url {
            out = out.plain("Available from: ").link(url).plain(".");
        }
        out
    }

    fn cited(&self, entry: &Entry, place: Place) -> (Rich, String) {
        let who = IN_TEXT_NAMES
            .list(entry, place)
            .unwrap_or_else(|| Rich::new().plain("Anon."));
        (who, year_or(entry, place, NO_DATE))
    }

    fn who_when(&self) -> &'static str {
        " "
    }

    fn delimiter(&self) -> &'static str {
        ", "
    }

    fn citation_order(&self) -> CitationOrder {
        CitationOrder::YearAuthor
    }
}
