use crate::catalogue::Catalogue;
use crate::catalogue::Entry;
use crate::cmd::list::{json_entries, write_heading, write_record};
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output::{self, Output};
use crate::search::{Hit, Query, Role, Split};
use crate::text;

/// What `find` is asked for.
pub struct Options {
    pub query: Vec<String>,
    pub filters: Criteria,
    pub limit: u32,
    pub json: bool,
    /// Show why each result matched.
    pub explain: bool,
    /// A `--topic` value and the search word typed right after it (`--topic Mental Health`).
    pub topic_then_word: Option<(String, String)>,
}

/// `split` holds the catalogue's words split ahead, if they were (the built-in brief's).
pub fn run(
    catalogue: &Catalogue,
    split: Option<&Split>,
    args: &Options,
    out: &mut Output,
) -> Result<(), Failure> {
    let filter = Filter::new(&args.filters, catalogue)?;
    if let Some((topic, word)) = &args.topic_then_word {
        // Together they name a topic: the user most likely left out the quotes.
        let together = format!("{topic} {word}");
        let label = |t: &crate::catalogue::Topic| text::fold(&t.label) == text::fold(&together);
        if catalogue.topics.iter().any(label) {
            out.note(format!(
                "tip: `{}` is searched for as a word; for the topic, quote its name: `--topic \"{}\"`",
                text::quoted(word),
                text::quoted(&together)
            ));
        }
    }
    let words = args.query.join(" ");
    let query = Query::new(&words)?;
    let mut hits = query.run(
        catalogue,
        split,
        catalogue.entries.iter().filter(|e| filter.matches(e)),
    );
    let found = hits.len();
    hits.truncate(args.limit as usize);
    if args.json {
        let entries: Vec<&Entry> = hits.iter().map(|h| h.entry).collect();
        out.json(&json_entries(catalogue, &entries))?;
    } else if out.pretty || args.explain {
        for (n, hit) in hits.iter().enumerate() {
            if n > 0 {
                out.line("")?;
            }
            write_hit(hit, out)?;
            if args.explain {
                write_reasons(hit, out)?;
            }
        }
        if found > hits.len() {
            out.line("")?;
            let footer = format!(
                "{} of {found} matches shown · --limit {found} shows them all",
                hits.len()
            );
            out.line(output::dim(&output::shorten(&footer, out.width)))?;
        }
    } else {
        for hit in &hits {
            write_record(hit.entry, None, out)?;
        }
    }
    if found == 0 {
        return Err(Failure::NoMatch(format!(
            "Nothing in the brief is about `{}`. Try other words, or `splw topics` to browse.",
            crate::text::quoted(&words)
        )));
    }
    Ok(())
}

/// A result in four lines at most: who and when, the title, the match if not in the title, and
/// the work's address as a link, whole however long: a cut address leads nowhere.
fn write_hit(hit: &Hit, out: &mut Output) -> Result<(), Failure> {
    let entry = hit.entry;
    write_heading(entry, None, out)?;
    let width = out.width.saturating_sub(2);
    out.line(format!(
        "  {}",
        snippet(&entry.title, &hit.title_marks, width, false)
    ))?;
    if let Some((field, text, marks)) = &hit.elsewhere {
        let label = format!("{}: ", field.name());
        let room = width.saturating_sub(label.chars().count());
        out.line(format!(
            "  {}{}",
            output::dim(&label),
            snippet(text, marks, room, true)
        ))?;
    }
    if let Some(link) = entry.link() {
        let link = output::link(&text::escape_line(&link), out.hyperlinks);
        out.line(format!("  {link}"))?;
    }
    Ok(())
}

/// Why a result matched: its score, and what each part of the query matched and added.
fn write_reasons(hit: &Hit, out: &mut Output) -> Result<(), Failure> {
    let sum: f64 = hit.reasons.iter().map(|r| r.score).sum();
    let mut total = format!("  score {:.2}", hit.score);
    if hit.share < 1.0 {
        total.push_str(&format!(
            " = {sum:.2} × {:.2}, for matching {:.0}% of the query (rarer words count for more)",
            (1.0 + hit.share) / 2.0,
            hit.share * 100.0
        ));
    }
    out.line(output::dim(&total))?;
    for reason in &hit.reasons {
        let fields: Vec<String> = reason
            .fields
            .iter()
            .map(|(field, n)| format!("{} ×{n}", field.name()))
            .collect();
        let line = format!(
            "    {} +{:.2}{}: {} ({})",
            crate::text::escape_line(&reason.typed),
            reason.score,
            if reason.role == Role::Bonus {
                " (bonus)"
            } else {
                ""
            },
            fields.join(", "),
            crate::text::escape_line(&reason.words.join(", "))
        );
        out.line(output::dim(&output::shorten(&line, out.width)))?;
    }
    Ok(())
}

/// Up to `width` characters of `text` on one line, with the matched characters highlighted and
/// … where text is cut; `follow` moves the window so that the first match shows.
fn snippet(text: &str, indices: &[u32], width: usize, follow: bool) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let width = width.max(3);
    if chars.len() <= width {
        return output::highlight(&chars.iter().collect::<String>(), indices);
    }
    let last = indices.last().map_or(0, |&i| i as usize);
    let first = indices.first().map_or(0, |&i| i as usize);
    // Start at the beginning if the match shows from there; otherwise keep a little context
    // before it, but never start past what fills the width.
    let start = if !follow || last < width - 1 {
        0
    } else {
        first.saturating_sub(width / 4).min(chars.len() - width)
    };
    let (lead, room) = if start > 0 {
        ("…", width - 1)
    } else {
        ("", width)
    };
    let end = (start + room).min(chars.len());
    let (end, tail) = if end < chars.len() {
        (end - 1, "…")
    } else {
        (end, "")
    };
    // start <= chars.len() - width and start < end <= chars.len(), as worked out above.
    let shown: String = chars[start..end].iter().collect();
    let shifted: Vec<u32> = indices
        .iter()
        .filter(|&&i| (start..end).contains(&(i as usize)))
        .map(|&i| i - start as u32)
        .collect();
    format!("{lead}{}{tail}", output::highlight(&shown, &shifted))
}
