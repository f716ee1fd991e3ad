//! Vancouver (ICMJE/NLM), as BMJ Open and BJGP use it: `vancouver.csl`. Entries are numbered in
//! the order cited.

use super::names::{CommaBefore, NameStyle};
use super::rich::{Quotes, Rich};
use super::{Place, Style, pages_minimal};
use crate::catalogue::{Entry, Kind};

pub struct Vancouver;

const NAMES: NameStyle = NameStyle {
    initials: true,
    inverted_with: " ",
    initial_with: "",
    and: None,
    comma_before_and: CommaBefore::Never,
    et_al_min: 7,
    et_al_use_first: 6,
    et_al_italic: false,
    quotes: Quotes::American,
};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Style for Vancouver {
    fn numbered(&self) -> bool {
        true
    }

    fn reference(&self, entry: &Entry, place: Place) -> Rich {
        let mut out = Rich::new();
        if let Some(names) = NAMES.list(entry, place) {
            out = out.append(names).period().plain(" ");
        }
        // Vancouver prints no DOI; the title links to it, as pandoc links it.
        let title = Quotes::American.apply(&entry.title, 0);
        out = match entry.doi_link() {
            Some(doi) => out.linked(&title, &doi),
            None => out.plain(&title),
        };
        // A work read at an address is marked so after its title, as Vancouver's CSL does.
        if entry.url.is_some() {
            out = out.plain(" [Internet]");
        }
        out = out.period();
        let date = entry.year.map(|year| {
            match entry
                .month
                .and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?))
            {
                Some(month) => format!("{year} {month}"),
                None => year.to_string(),
            }
        });
        if entry.kind == Kind::JournalArticle {
            if let Some(journal) = &entry.journal {
                out = out.plain(&format!(" {}.", Quotes::American.apply(journal, 0)));
            }
            out = out.plain(&format!(" {};", date.unwrap_or_default()));
            let mut tail = String::new();
            if let Some(volume) = &entry.volume {
                tail.push_str(volume);
            }
            if let Some(issue) = &entry.issue {
                tail.push_str(&format!("({issue})"));
            }
            if let Some(pages) = &entry.pages {
                if !tail.is_empty() {
                    tail.push(':');
                }
                tail.push_str(&pages_minimal(pages));
            }
            if !tail.is_empty() {
                out = out.plain(&format!("{tail}."));
            }
        } else {
            if let Some(source) = &entry.source {
                out = out.plain(&format!(" {};", Quotes::American.apply(source, 0)));
            }
            if let Some(date) = date {
                out = out.plain(&format!(" {date}."));
            }
        }
        if let Some(url) = &entry.url {
            out = out.plain(" Available from: ").link(url);
        }
        out
    }

    fn cited(&self, _entry: &Entry, place: Place) -> (Rich, String) {
        (Rich::new(), place.number.to_string())
    }

    fn delimiter(&self) -> &'static str {
        ","
    }
}
