use crate::catalogue::{Catalogue, Topic};
use crate::error::Failure;
use crate::output::{self, Column, Output};
use crate::text::escape_line;

pub fn run(catalogue: &Catalogue, json: bool, out: &mut Output) -> Result<(), Failure> {
    if json {
        return out.json(&catalogue.topics);
    }
    if !out.pretty {
        for topic in &catalogue.topics {
            let (listed, tagged) = counts(topic);
            out.record([
                topic.id.as_str(),
                &topic.label,
                topic.group.as_deref().unwrap_or(""),
                &listed.to_string(),
                &tagged.to_string(),
            ])?;
        }
        return Ok(());
    }
    // The brief groups some sections (under "Published Peer Reviewed Research"): the group is
    // named once, above its sections, which are indented under it.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut narrow = Vec::new();
    let mut group: Option<&str> = None;
    for topic in &catalogue.topics {
        let (listed, tagged) = counts(topic);
        if topic.group.as_deref() != group {
            group = topic.group.as_deref();
            if let Some(name) = group {
                let name = format!("{}:", escape_line(name));
                rows.push(vec![String::new(), name.clone()]);
                narrow.push(output::wrap(&name, out.width, "", ""));
            }
        }
        let indent = if group.is_some() { "  " } else { "" };
        let label = escape_line(&topic.label);
        rows.push(vec![
            topic.id.clone(),
            format!("{indent}{label}"),
            topic.page.map(|p| p.to_string()).unwrap_or_default(),
            listed.to_string(),
            match tagged {
                0 => String::new(),
                n => format!("{n} more"),
            },
        ]);
        // Where the table does not fit whole: a topic's id and counts on a line, its section's
        // name and page wrapped under it.
        let mut first = format!("{} · {listed} listed", output::accent(&topic.id));
        if tagged > 0 {
            first.push_str(&format!(", {tagged} more tagged"));
        }
        let section = match topic.page {
            Some(page) => format!("{label} · page {page}"),
            None => label.into_owned(),
        };
        let under = format!("{indent}  ");
        narrow.push(format!(
            "{}\n{}",
            output::wrap(&first, out.width, indent, &under),
            output::wrap(&section, out.width, &under, &under)
        ));
    }
    let columns = [
        Column::whole("Topic"),
        Column::whole("Section"),
        Column::whole("Page"),
        Column::whole("Listed"),
        Column::whole("Tagged"),
    ];
    match output::table(&columns, &rows, out.width) {
        Some(table) => out.line(table)?,
        None => out.line(narrow.join("\n\n") + "\n")?,
    }
    let footer = "Listed: in the brief's section · Tagged: more that splw's rules add (see README)";
    out.line(output::dim(&output::wrap(footer, out.width, "", "")))
}

/// How many entries the brief lists in the topic's section, and how many more splw's rules tag
/// with it.
fn counts(topic: &Topic) -> (usize, usize) {
    let listed = topic.listed.len();
    (listed, topic.count.saturating_sub(listed))
}
