//! `open`: a work's own page in the browser, through its DOI or the address of its page; where
//! neither is known, a web search for its exact title and source, said to be a search.

use crate::browser::{self, Address, Failed};
use crate::catalogue::Catalogue;
use crate::error::Failure;
use crate::output::Output;
use crate::select;

/// What `open` is asked for.
pub struct Options {
    pub ids: Vec<String>,
    /// Print the addresses instead of opening them.
    pub print: bool,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = select::named(catalogue, &args.ids)?;
    for entry in entries {
        let (link, what) = match browser::address(entry) {
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
