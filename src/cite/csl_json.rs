//! CSL-JSON, the citation data format of Zotero, pandoc and citeproc.

use serde::{Deserialize, Serialize};

use super::WorkType;
use crate::catalogue::{Author, Entry, Kind};

/// One item in CSL-JSON's shape (the fields splw fills).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    #[serde(rename = "type")]
    pub item_type: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub abstract_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

impl Name {
    fn literal(name: &str) -> Name {
        Name {
            family: None,
            given: None,
            literal: Some(name.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Date {
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<i32>>,
}

/// The CSL type of a work.
pub fn item_type(kind: Kind) -> &'static str {
    match WorkType::of(kind) {
        WorkType::Article => "article-journal",
        WorkType::Report => "report",
        WorkType::WebPage => "webpage",
    }
}

pub fn item(entry: &Entry) -> Item {
    Item {
        id: entry.id.clone(),
        item_type: item_type(entry.kind).to_string(),
        title: entry.title.clone(),
        author: entry
            .authors
            .iter()
            .map(|a| match a {
                Author::Person { family, given } => Name {
                    family: Some(family.clone()),
                    given: given.clone(),
                    literal: None,
                },
                Author::Organisation { literal } => Name::literal(literal),
            })
            .collect(),
        issued: entry.year.map(|year| Date {
            date_parts: vec![match entry.month {
                Some(month) => vec![year, i32::from(month)],
                None => vec![year],
            }],
        }),
        container_title: entry.journal.clone(),
        volume: entry.volume.clone(),
        issue: entry.issue.clone(),
        page: entry.pages.clone(),
        publisher: entry.source.clone(),
        doi: entry.doi.clone(),
        url: entry.url.clone(),
        abstract_text: entry.abstract_text.clone(),
    }
}

/// The entries as a CSL-JSON array.
pub fn export(entries: &[&Entry]) -> String {
    let items: Vec<Item> = entries.iter().map(|e| item(e)).collect();
    crate::json::pretty(&items) + "\n"
}
