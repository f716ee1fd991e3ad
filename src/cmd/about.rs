use crate::catalogue::Catalogue;
use crate::error::Failure;
use crate::output::{self, Output};
use crate::text::{count, escape_block, escape_line, month_name};

/// The front matter as the brief gives it: what a brief leaves out is left out here too.
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
        output::wrap(text, width, "", "")
    };
    out.line(output::strong(&wrap(&escape_line(&brief.title))))?;
    let date = brief
        .year
        .map(|year| match brief.month.and_then(month_name) {
            Some(month) => format!("{month} {year}"),
            None => year.to_string(),
        });
    let byline: Vec<String> = [&brief.author, &date, &brief.publisher]
        .into_iter()
        .flatten()
        .map(|part| escape_line(part).into_owned())
        .collect();
    if !byline.is_empty() {
        out.line(wrap(&byline.join(" · ")))?;
    }
    out.line("")?;
    let preface: Vec<&String> = [&brief.produced_by, &brief.purpose]
        .into_iter()
        .flatten()
        .collect();
    for text in &preface {
        out.line(wrap(&escape_block(text)))?;
    }
    if !preface.is_empty() {
        out.line("")?;
    }
    out.line(wrap(&format!(
        "It lists {} in {}: `splw topics` shows them.",
        count(catalogue.entries.len(), "publication", "publications"),
        count(catalogue.topics.len(), "section", "sections")
    )))?;
    if let Some(acknowledgement) = &brief.acknowledgement {
        out.line("")?;
        out.line(output::strong(&wrap("How to acknowledge it")))?;
        out.line(wrap(
            "Please acknowledge this work in any resulting paper or presentation as:",
        ))?;
        out.line(wrap(&escape_line(acknowledgement)))?;
    }
    for (heading, text) in [
        ("Help accessing articles or papers", &brief.access_help),
        ("Updates", &brief.updates),
    ] {
        if let Some(text) = text {
            out.line("")?;
            out.line(output::strong(&wrap(heading)))?;
            out.line(wrap(&escape_block(text)))?;
        }
    }
    if brief.access_help.is_some() || brief.updates.is_some() {
        // The brief's words speak of links ("self-register here", "the links below") that were
        // lost with the PDF: said once, as splw's note, not the brief's.
        let ask = match &brief.contact {
            Some(contact) => format!("; for the rest, ask {}", escape_line(contact)),
            None => String::new(),
        };
        out.line("")?;
        out.line(output::dim(&wrap(&format!(
            "Note from splw: the links the PDF gave are not in this copy of the brief. \
             `splw open ID` opens a work's DOI or page where one is known{ask}."
        ))))?;
    }
    Ok(())
}
