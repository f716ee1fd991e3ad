use crate::catalogue::Catalogue;
use crate::error::Failure;
use crate::filter::Criteria;
use crate::output::Output;
use crate::page::{self, Selection};
use crate::select;

/// What `page` is asked for.
pub struct Options {
    pub filters: Criteria,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    // HTML on a terminal is a screenful of markup nobody wants: say where to put it.
    if out.to_terminal() {
        return Err(Failure::Usage(
            "`splw page` writes a web page: give a file with `-o brief.html`, or redirect it, as in `splw page > brief.html`".into(),
        ));
    }
    let selection = Selection {
        entries: select::works(catalogue, &args.filters)?,
        chosen_by: (!args.filters.is_empty()).then(|| args.filters.arguments()),
    };
    out.write_with(|out| page::render(catalogue, &selection, out))
}
