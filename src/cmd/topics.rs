use crate::catalogue::{Catalogue, Topic};
use crate::error::Failure;
use crate::output::{self, Column, Output};

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
    let columns = [
        Column::whole("Topic"),
        Column::new("Section").hidden_below(50),
        Column::new("Group").at_most(30).hidden_below(90),
        Column::whole("Page").hidden_below(100),
        Column::whole("Listed"),
        Column::whole("Tagged").hidden_below(70),
    ];
    let rows: Vec<Vec<String>> = catalogue
        .topics
        .iter()
        .map(|t| {
            vec![
                t.id.clone(),
                crate::text::escape_line(&t.label).into_owned(),
                crate::text::escape_line(t.group.as_deref().unwrap_or("")).into_owned(),
                t.page.map(|p| p.to_string()).unwrap_or_default(),
                counts(t).0.to_string(),
                match counts(t).1 {
                    0 => String::new(),
                    n => format!("{n} more"),
                },
            ]
        })
        .collect();
    out.line(output::table(&columns, &rows, out.width))?;
    let footer = "Listed: in the brief's section · Tagged: more that splw's rules add (see README)";
    out.line(output::dim(&output::shorten(footer, out.width)))
}

/// How many entries the brief lists in the topic's section, and how many more splw's rules tag
/// with it.
fn counts(topic: &Topic) -> (usize, usize) {
    let listed = topic.listed.len();
    (listed, topic.count.saturating_sub(listed))
}
