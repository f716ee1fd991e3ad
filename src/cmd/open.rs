//! `open`: a work's own page in the browser, through its DOI or the address of its page; where
//! neither is known, a web search for its exact title and source, said to be a search.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::browser::{self, Failed};
use crate::catalogue::{Catalogue, Entry};
use crate::cmd::show::{names, resolve};
use crate::error::Failure;
use crate::output::Output;

/// What `open` is asked for.
pub struct Options {
    pub ids: Vec<String>,
    /// Print the addresses instead of opening them.
    pub print: bool,
}

/// Where the search for a work with no known address goes.
const SEARCH: &str = "https://duckduckgo.com/?q=";

/// The longest search, in characters, before it is percent-encoded.
const SEARCH_CHARS_AT_MOST: usize = 400;

/// Characters a query keeps as they are: the rest is percent-encoded.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Where a work is reached: its own page, or a search for it.
pub enum Address {
    /// The DOI's resolver, or the page the brief (or a checked record) gives.
    Work(String),
    /// A web search for the exact title and source.
    Search(String),
}

/// The work's own address, or else a search for it. Only https and http addresses come from the
/// brief, as `check` requires them; a search is built here, its words percent-encoded.
pub fn address(entry: &Entry) -> Address {
    if let Some(link) = entry.link() {
        return Address::Work(link);
    }
    let mut words = format!("\"{}\"", entry.title);
    if let Some(source) = entry.source.as_deref().or(entry.journal.as_deref()) {
        words.push(' ');
        words.push_str(source);
    }
    // No search engine reads further, and a brief's title can be megabytes long.
    if let Some((cut, _)) = words.char_indices().nth(SEARCH_CHARS_AT_MOST) {
        words.truncate(cut);
    }
    Address::Search(format!("{SEARCH}{}", utf8_percent_encode(&words, QUERY)))
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = names(catalogue, &args.ids)
        .iter()
        .map(|id| resolve(catalogue, id))
        .collect::<Result<Vec<_>, _>>()?;
    for entry in entries {
        let (link, what) = match address(entry) {
            Address::Work(link) => (link, "its page"),
            Address::Search(link) => {
                out.note(format!(
                    "No address is known for `{}`: a web search for its title instead.",
                    entry.id
                ));
                (link, "a search")
            }
        };
        if args.print {
            out.line(&link)?;
            continue;
        }
        browser::open(&link).map_err(|failed| {
            Failure::Unavailable(match failed {
                // Too long to be worth echoing.
                Failed::TooLong(_) => {
                    format!("could not open a browser for `{}`: {failed}", entry.id)
                }
                _ => format!(
                    "could not open a browser for `{}` ({failed}); the address is {link}",
                    entry.id
                ),
            })
        })?;
        out.note(format!("Opened {what} in the browser: {link}"));
    }
    Ok(())
}
