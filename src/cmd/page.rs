use std::io::IsTerminal;
use std::path::PathBuf;

use crate::catalogue::Catalogue;
use crate::cmd::map;
use crate::error::Failure;
use crate::filter::Criteria;
use crate::output::Output;
use crate::page::{self, Selection};
use crate::text;

/// What `page` is asked for.
pub struct Options {
    pub filters: Criteria,
    /// The file to write, instead of stdout.
    pub output: Option<PathBuf>,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    // HTML on a terminal is a screenful of markup nobody wants: say where to put it.
    if args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "`splw page` writes a web page: give a file with `-o brief.html`, or redirect it, as in `splw page > brief.html`".into(),
        ));
    }
    let selection = Selection {
        entries: map::works(catalogue, &args.filters)?,
        chosen_by: (!args.filters.is_empty()).then(|| args.filters.arguments()),
    };
    let html = page::render(catalogue, &selection);
    match &args.output {
        None => out.text(html),
        Some(path) => std::fs::write(path, html).map_err(|error| {
            Failure::Unavailable(format!(
                "cannot write `{}`: {}",
                path.display(),
                text::io_error(&error)
            ))
        }),
    }
}
