use crate::catalogue::Catalogue;
use crate::cite::{Register, StyleName};
use crate::error::Failure;
use crate::output::{self, Output};
use crate::present::write_entry;
use crate::select;

/// What `show` is asked for.
pub struct Options {
    pub ids: Vec<String>,
    /// The style of the citation at the end.
    pub style: StyleName,
    pub json: bool,
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let entries = select::named(catalogue, &args.ids)?;
    if args.json {
        return out.json(&crate::present::json_entries(catalogue, &entries));
    }
    let register = Register::new(args.style, catalogue);
    for (n, entry) in entries.iter().enumerate() {
        if n > 0 {
            // A rule between entries: box drawing on a terminal, plain hyphens in a pipe.
            let rule = if out.pretty { "─" } else { "-" };
            out.line("")?;
            out.line(output::dim(&rule.repeat(out.width.min(80))))?;
            out.line("")?;
        }
        write_entry(catalogue, entry, &register, out)?;
    }
    Ok(())
}
