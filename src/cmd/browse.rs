use std::io::IsTerminal;

use crate::browse::{self, Looks, Outcome, State};
use crate::catalogue::Catalogue;
use crate::cite::StyleName;
use crate::error::Failure;
use crate::filter::Criteria;
use crate::output::{ColorChoice, Output};
use crate::select;

/// What `browse` is asked for.
pub struct Options {
    pub filters: Criteria,
    pub style: StyleName,
    pub color: ColorChoice,
}

/// The error when there is no terminal to draw on.
pub const NO_TERMINAL: &str = "browse needs a terminal; try `splw list` or `splw find`";

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let base = select::works(catalogue, &args.filters)?;
    // Frames go to stderr, so that stdout carries only the ids chosen: `splw cite $(splw browse)`.
    if !std::io::stderr().is_terminal() {
        return Err(Failure::Usage(NO_TERMINAL.into()));
    }
    let colour = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut state = State::new(catalogue, base, args.style);
    let started_with = args.filters.arguments();
    state.started_with = (!started_with.is_empty()).then_some(started_with);
    match browse::run(&mut state, Looks { colour })? {
        Outcome::Chosen(ids) => {
            for id in ids {
                out.line(id)?;
            }
            Ok(())
        }
        Outcome::Left(code) => Err(Failure::Left(code)),
    }
}
