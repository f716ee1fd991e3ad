use crate::catalogue::Catalogue;
use crate::error::Failure;
use crate::output::{self, Output};
use crate::text::{escape_block, escape_line, month_name};

pub fn run(catalogue: &Catalogue, json: bool, out: &mut Output) -> Result<(), Failure> {
    let brief = &catalogue.brief;
    if json {
        return out.json(brief);
    }
    let width = if out.pretty {
        out.width.min(100)
    } else {
        usize::MAX
    };
    let wrap = |text: &str| -> String {
        if width == usize::MAX {
            return text.to_string();
        }
        text.lines()
            .map(|line| textwrap::fill(line, width))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let date = format!(
        "{} {}",
        month_name(brief.month).unwrap_or_default(),
        brief.year
    );
    out.line(output::strong(&escape_line(&brief.title)))?;
    out.line(format!(
        "{} · {date} · {}",
        escape_line(&brief.author),
        escape_line(&brief.publisher)
    ))?;
    out.line("")?;
    out.line(wrap(&escape_line(&brief.produced_by)))?;
    out.line(wrap(&escape_line(&brief.purpose)))?;
    out.line("")?;
    out.line(wrap(&format!(
        "It lists {} publications in {} sections: `splw topics` shows them.",
        catalogue.entries.len(),
        catalogue.topics.len()
    )))?;
    out.line("")?;
    out.line(output::strong("How to acknowledge it"))?;
    out.line(wrap(
        "Please acknowledge this work in any resulting paper or presentation as:",
    ))?;
    out.line(wrap(&escape_line(&brief.acknowledgement)))?;
    out.line("")?;
    out.line(output::strong("Help accessing articles or papers"))?;
    out.line(wrap(&escape_block(&brief.access_help)))?;
    out.line("")?;
    out.line(output::strong("Updates"))?;
    out.line(wrap(&escape_block(&brief.updates)))
}
