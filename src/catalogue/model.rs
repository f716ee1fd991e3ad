//! The checked catalogue: what every command works from.

use std::borrow::Cow;
use std::collections::BTreeMap;

use databake::Bake;
use serde::Serialize;

/// The whole brief: its front matter, its sections as topics, and its entries in the brief's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Bake)]
#[databake(path = crate::catalogue)]
pub struct Catalogue {
    pub brief: Brief,
    pub topics: Vec<Topic>,
    pub entries: Vec<Entry>,
    /// How many times entries stand in sections: one entry may stand in two.
    #[serde(skip)]
    pub placements: usize,
}

/// The brief's front matter, as printed: only the title is required of a brief.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Bake)]
#[databake(path = crate::catalogue)]
pub struct Brief {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub produced_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledgement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// A section of the brief, which is also a topic an entry can carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Bake)]
#[databake(path = crate::catalogue)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub group: Option<String>,
    pub page: Option<u32>,
    /// Entries that carry this topic, whether the brief lists them in its section or splw's
    /// rules tag them with it (brief/README.md).
    pub count: usize,
    /// The ids of the entries the brief lists in this section, in the brief's order.
    pub listed: Vec<String>,
    /// The places in `listed`, in the order of the ids there: `lists` looks an id up in time
    /// logarithmic in the section's size, where reading through a section of 100,000 entries for
    /// each of them took time quadratic in the brief's.
    #[serde(skip)]
    pub listed_by_id: Vec<u32>,
}

impl Topic {
    /// The section's title with its page in the brief: "Loneliness (p. 13)".
    pub fn with_page(&self) -> String {
        match self.page {
            Some(page) => format!("{} (p. {page})", self.label),
            None => self.label.clone(),
        }
    }

    /// Whether the brief lists the entry with this id in this section, rather than splw's rules
    /// tagging it with the topic.
    pub fn lists(&self, id: &str) -> bool {
        let at = |place: &u32| self.listed.get(*place as usize).map_or("", String::as_str);
        self.listed_by_id
            .binary_search_by(|place| at(place).cmp(id))
            .is_ok()
    }

    /// `listed_by_id` for `listed`.
    pub fn by_id(listed: &[String]) -> Vec<u32> {
        let mut places: Vec<u32> = (0..listed.len())
            .filter_map(|p| u32::try_from(p).ok())
            .collect();
        places.sort_unstable_by(|&a, &b| listed[a as usize].cmp(&listed[b as usize]));
        places
    }
}

/// The id that stands for the brief itself where works are cited (`splw cite kiely-2022 brief`):
/// no entry may have it.
pub const BRIEF_ID: &str = "brief";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Bake)]
#[databake(path = crate::catalogue)]
pub struct Entry {
    pub id: String,
    pub aliases: Vec<String>,
    pub title: String,
    pub kind: Kind,
    pub authors: Vec<Author>,
    pub et_al: bool,
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub source: Option<String>,
    pub journal: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub doi: Option<String>,
    /// The address of the work's own page, where it has no DOI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub topics: Vec<String>,
    pub access: Option<Access>,
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    pub notes: Option<String>,
    /// Fields whose values come from publishers' records rather than the brief.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enriched: Vec<Enriched>,
    /// The record each enriched fact was seen in, where the data names it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seen_at: Vec<SeenAt>,
    /// splw's coding of the study's design, from the title and abstract: at most two values.
    pub design: Vec<Design>,
    /// For each coded design but `not-research`, the words of the title or abstract that state it.
    pub evidence: BTreeMap<Design, String>,
    /// splw's coding of where the study was done, where the title or abstract names it.
    pub country: Vec<String>,
    /// For each coded country, the words of the title or abstract that name it.
    pub country_evidence: BTreeMap<String, String>,
}

/// Where a fact from outside the brief was seen: the field, and the record's address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Bake)]
#[databake(path = crate::catalogue)]
pub struct SeenAt {
    pub field: Enriched,
    pub record: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Bake)]
#[databake(path = crate::catalogue)]
#[serde(untagged)]
pub enum Author {
    Person {
        family: String,
        given: Option<String>,
    },
    Organisation {
        literal: String,
    },
}

impl Author {
    /// "Kiely, Bridget", "Rhodes", or an organisation's name.
    pub fn inverted(&self) -> String {
        match self {
            Author::Person {
                family,
                given: Some(given),
            } => format!("{family}, {given}"),
            other => other.family().to_string(),
        }
    }

    /// The name that sorts and filters: a person's family name or an organisation's name.
    pub fn family(&self) -> &str {
        match self {
            Author::Person { family, .. } => family,
            Author::Organisation { literal } => literal,
        }
    }
}

macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Bake)]
        #[databake(path = crate::catalogue)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// What sort of publication an entry is (documented in brief/README.md).
    Kind {
        JournalArticle = "journal-article",
        Report = "report",
        Guide = "guide",
        Toolkit = "toolkit",
        Plan = "plan",
        Framework = "framework",
        Standards = "standards",
        CaseStudy = "case-study",
        WebPage = "web-page",
        Elearning = "elearning",
        Network = "network",
        Signpost = "signpost",
    }
}

closed_set! {
    /// How the brief says an entry can be read.
    Access {
        AbstractOnly = "abstract-only",
    }
}

closed_set! {
    /// A field whose value comes from outside the brief.
    Enriched {
        Doi = "doi",
        Authors = "authors",
        Url = "url",
        Volume = "volume",
        Pages = "pages",
    }
}

closed_set! {
    /// A study's design as splw codes it from the title and abstract (brief/README.md gives the
    /// rules): what the text says the method is.
    Design {
        SystematicReview = "systematic-review",
        Review = "review",
        RandomisedTrial = "randomised-trial",
        NonRandomisedComparison = "non-randomised-comparison",
        BeforeAfter = "before-after",
        Observational = "observational",
        Survey = "survey",
        Qualitative = "qualitative",
        MixedMethods = "mixed-methods",
        Economic = "economic",
        CaseStudy = "case-study",
        Protocol = "protocol",
        NotResearch = "not-research",
    }
}

impl Catalogue {
    /// The entry with this id or alias, ignoring case.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        let name = name.trim().to_lowercase();
        self.entries
            .iter()
            .find(|e| e.id == name || e.aliases.contains(&name))
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}

impl Entry {
    /// Whether a citation of it cites a work: a signpost points to further resources, and its
    /// citation would cite nothing.
    pub fn is_citable(&self) -> bool {
        self.kind != Kind::Signpost
    }

    /// Who a citation credits with the work: its authors, or where the brief names none, the
    /// organisation it gives as the source, as a group author ("NHS England"), the convention of
    /// APA 7, Cite Them Right and Vancouver. The brief's own fields stay as the brief gives them.
    pub fn credited(&self) -> Cow<'_, [Author]> {
        match (&self.source, self.authors.is_empty()) {
            (Some(source), true) => Cow::Owned(vec![Author::Organisation {
                literal: source.clone(),
            }]),
            _ => Cow::Borrowed(&self.authors),
        }
    }

    /// The DOI as a link anyone can follow: https://doi.org/…
    pub fn doi_link(&self) -> Option<String> {
        self.doi.as_deref().map(crate::address::doi)
    }

    /// Where the work itself is reached: its DOI as a link, else the address of its page. Both
    /// pass the rule for addresses (`address::check`), as `check` requires.
    pub fn link(&self) -> Option<String> {
        self.doi_link().or_else(|| self.url.clone())
    }

    /// The authors as a list column shows them: "Plimpton", "Rhodes & Bell", "Kiely et al.",
    /// or for a work with no named author, the organisation that published it.
    pub fn short_authors(&self) -> String {
        match (&*self.credited(), self.et_al) {
            ([], _) => String::new(),
            ([one], false) => one.family().to_string(),
            ([first, second], false) => format!("{} & {}", first.family(), second.family()),
            ([first, ..], _) => format!("{} et al.", first.family()),
        }
    }

    /// "October 2022", "2022", or nothing where the brief gives no date.
    pub fn date(&self) -> Option<String> {
        let year = self.year?;
        Some(match self.month.and_then(crate::text::month_name) {
            Some(month) => format!("{month} {year}"),
            None => year.to_string(),
        })
    }

    /// "BMJ Open 12(10), pp. 1-13", as far as the brief gives it.
    pub fn journal_details(&self) -> Option<String> {
        let mut details = self.journal.clone()?;
        if let Some(volume) = &self.volume {
            details.push(' ');
            details.push_str(volume);
        }
        if let Some(issue) = &self.issue {
            details.push_str(&format!("({issue})"));
        }
        if let Some(pages) = &self.pages {
            // A range of pages, or one page or article number ("e135").
            let label = if pages.contains('-') { "pp." } else { "p." };
            details.push_str(&format!(", {label} {pages}"));
        }
        Some(details)
    }

    /// Where the work's address comes from, where not from the brief, as `show` and `page` say
    /// it: "(the work's own page, checked; not from the brief)".
    pub fn url_note(&self) -> Option<String> {
        let url = self.url.as_ref()?;
        match self.seen_at.iter().find(|s| s.field == Enriched::Url) {
            Some(seen) if seen.record == *url => {
                Some("(the work's own page, checked; not from the brief)".into())
            }
            Some(seen) => Some(format!(
                "(from a checked record, not the brief: {})",
                seen.record
            )),
            None if self.is_enriched(Enriched::Url) => {
                Some("(from a checked record, not the brief)".into())
            }
            None => None,
        }
    }

    /// The parts of `journal_details` that come from a checked record, not the brief: "volume",
    /// "pages".
    pub fn enriched_journal_parts(&self) -> Vec<&'static str> {
        [(Enriched::Volume, "volume"), (Enriched::Pages, "pages")]
            .into_iter()
            .filter(|(field, _)| self.is_enriched(*field))
            .map(|(_, name)| name)
            .collect()
    }

    pub fn is_enriched(&self, field: Enriched) -> bool {
        self.enriched.contains(&field)
    }
}
