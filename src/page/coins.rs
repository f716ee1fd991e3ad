//! COinS: each citable work's metadata as an OpenURL ContextObject (Z39.88-2004, key/encoded-value
//! form) in the title of an empty `span class="Z3988"`, which Zotero's connector reads with its
//! COinS translator, and Mendeley's and link resolvers with theirs. Zotero saves every work of the
//! page at once from it, with its type, authors, title, date, journal and DOI or address.

use std::borrow::Cow;

use maud::{Markup, html};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::catalogue::{Author, Entry};
use crate::cite::{self, WorkType};

/// Every byte of a value but the unreserved ones is %-encoded: `&` and `=` split the
/// ContextObject, and Zotero reads `+` as a space.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The work's COinS span, hidden (it is for software, not for readers).
pub fn span(entry: &Entry) -> Markup {
    html! { span.Z3988 title=(context_object(entry)) hidden {} }
}

/// The work as a ContextObject: a journal article in the journal format, a report in the book
/// format as the genre `report`, a web page in Dublin Core with Zotero's type, as Zotero writes
/// them; cited as `cite` cites it (an organisation the brief gives as the source is the author).
/// People are `aulast` and `aufirst` in order, an organisation `aucorp`; the "et al." of a list the
/// brief cuts short has no key.
pub fn context_object(entry: &Entry) -> String {
    let cited = cite::as_cited(entry);
    let work = WorkType::of(cited.kind);
    let mut keys: Vec<(&str, Cow<str>)> = vec![("ctx_ver", "Z39.88-2004".into())];
    let title = match work {
        WorkType::Article => {
            keys.push(("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal".into()));
            keys.push(("rft.genre", "article".into()));
            "rft.atitle"
        }
        WorkType::Report => {
            keys.push(("rft_val_fmt", "info:ofi/fmt:kev:mtx:book".into()));
            keys.push(("rft.genre", "report".into()));
            "rft.btitle"
        }
        WorkType::WebPage => {
            keys.push(("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc".into()));
            keys.push(("rft.type", "webpage".into()));
            "rft.title"
        }
    };
    keys.push((title, cited.title.as_str().into()));
    for author in cited.authors.iter() {
        match author {
            Author::Person { family, given } => {
                keys.push(("rft.aulast", family.as_str().into()));
                if let Some(given) = given {
                    keys.push(("rft.aufirst", given.as_str().into()));
                }
            }
            Author::Organisation { literal } => keys.push(("rft.aucorp", literal.as_str().into())),
        }
    }
    if let Some(year) = cited.year {
        let date = match cited.month {
            Some(month) => format!("{year}-{month:02}"),
            None => year.to_string(),
        };
        keys.push(("rft.date", date.into()));
    }
    let optional = [
        ("rft.jtitle", &cited.journal),
        ("rft.volume", &cited.volume),
        ("rft.issue", &cited.issue),
        ("rft.pages", &cited.pages),
        ("rft.publisher", &cited.source),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            keys.push((key, value.as_str().into()));
        }
    }
    if let Some(doi) = &cited.doi {
        keys.push(("rft_id", format!("info:doi/{doi}").into()));
    }
    if let Some(url) = &cited.url {
        keys.push(("rft_id", url.as_str().into()));
    }
    keys.iter()
        .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, VALUE)))
        .collect::<Vec<_>>()
        .join("&")
}
