use crate::catalogue::Catalogue;
use crate::error::Failure;
use crate::output::{self, Column, Output};

pub fn run(catalogue: &Catalogue, json: bool, out: &mut Output) -> Result<(), Failure> {
    if json {
        return out.json(&catalogue.topics);
    }
    if !out.pretty {
        for topic in &catalogue.topics {
            let count = topic.count.to_string();
            out.record([
                topic.id.as_str(),
                &topic.label,
                topic.group.as_deref().unwrap_or(""),
                &count,
            ])?;
        }
        return Ok(());
    }
    let columns = [
        Column::whole("Topic"),
        Column::new("Section").hidden_below(50),
        Column::new("Group").at_most(30).hidden_below(90),
        Column::whole("Page").hidden_below(60),
        Column::whole("Entries"),
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
                t.count.to_string(),
            ]
        })
        .collect();
    out.line(output::table(&columns, &rows, out.width))?;
    let footer =
        "An entry counts under every topic it carries · `splw list --topic TOPIC` lists them";
    out.line(output::dim(&output::shorten(footer, out.width)))
}
