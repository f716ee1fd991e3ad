use crate::catalogue::Catalogue;
use crate::catalogue::Entry;
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output::{self, Output};
use crate::present::{json_entries, write_heading, write_record};
use crate::search::{Hit, Query, Role, Split};
use crate::text;

/// What `find` is asked for.
pub struct Options {
    pub query: Vec<String>,
    pub filters: Criteria,
    /// At most this many; where not given, 10 at a terminal (with a footer saying how many more
    /// there are) and all of them anywhere a program reads them.
    pub limit: Option<u32>,
    pub json: bool,
    /// Show why each result matched.
    pub explain: bool,
    /// A `--topic` value and the search word typed right after it (`--topic Mental Health`).
    pub topic_then_word: Option<(String, String)>,
}

/// `split` holds the catalogue's words split ahead, if they were (the built-in brief's).
pub fn run(
    catalogue: &Catalogue,
    split: Option<&Split<'static>>,
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
    let mut results = query.run(
        catalogue,
        split,
        catalogue.entries.iter().filter(|e| filter.matches(e)),
    );
    let found = results.hits.len();
    if found > 0 && !results.unknown.is_empty() {
        out.note(format!(
            "note: no work has {}; the rest of the query ranked what is shown",
            listed(&results.unknown)
        ));
    }
    if args.explain && !args.json {
        write_reading(&results.read, &results.dropped, out)?;
    }
    let limit = match args.limit {
        Some(limit) => limit as usize,
        None if out.pretty && !args.json => TERMINAL_LIMIT,
        None => found,
    };
    results.hits.truncate(limit);
    // What each shown work matched, and the sentence that answers, are worked out for those
    // shown, and only where a reader will see them.
    if (out.pretty || args.explain) && !args.json {
        results.describe(limit, catalogue);
    }
    let hits = results.hits;
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
        let why = if results.unknown.is_empty() || results.unknown.len() == results.read.len() {
            String::new()
        } else {
            format!(
                ": no work has {}, and the rest of the query is not enough to go on",
                listed(&results.unknown)
            )
        };
        return Err(Failure::NoMatch(format!(
            "Nothing in the brief is about `{}`{why}. Try other words, or `splw topics` to browse.",
            crate::text::quoted(&words)
        )));
    }
    Ok(())
}

/// How many results a terminal shows where `--limit` is not given: a screenful to read.
const TERMINAL_LIMIT: usize = 10;

/// Words as a note names them: `a`, `a` or `b`, `a`, `b` or `c`.
fn listed(words: &[String]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("`{}`", crate::text::quoted(w)))
        .collect();
    text::series(&quoted, "or")
}

/// How `--explain` says the query was read: each thing asked for, with how many terms of the
/// thesaurus and places it also reaches, and the words left out.
fn write_reading(
    read: &[(String, usize)],
    dropped: &[String],
    out: &mut Output,
) -> Result<(), Failure> {
    let parts: Vec<String> = read
        .iter()
        .map(|(typed, reached)| match reached {
            0 => format!("`{typed}`"),
            1 => format!("`{typed}` (and 1 term it reaches)"),
            n => format!("`{typed}` (and {n} terms it reaches)"),
        })
        .collect();
    let mut line = format!("read as: {}", parts.join(", "));
    if !dropped.is_empty() {
        line.push_str(&format!(
            "; left out, as words that never decide: {}",
            dropped.join(", ")
        ));
    }
    for line in output::wrap(&text::escape_line(&line), out.width, "", "  ").lines() {
        out.line(output::dim(line))?;
    }
    out.line("")
}

/// A result: who and when, the title whole, the sentence of the abstract (or the field) that
/// shows why it answers, whole, and the work's address as a link, whole however long: a cut
/// address leads nowhere.
fn write_hit(hit: &Hit, out: &mut Output) -> Result<(), Failure> {
    let entry = hit.entry;
    write_heading(entry, None, out)?;
    for line in wrapped("", &entry.title, &hit.title_marks, out.width) {
        out.line(line)?;
    }
    if let Some((field, text, marks)) = &hit.elsewhere {
        let label = format!("{}: ", field.name());
        for line in wrapped(&label, text, marks, out.width) {
            out.line(line)?;
        }
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
        let line = match reason.role {
            Role::Near(..) => format!(
                "{} +{:.2} (standing near each other): {}",
                reason.typed,
                reason.score,
                fields.join(", ")
            ),
            _ => format!(
                "{} +{:.2}: {} ({})",
                reason.typed,
                reason.score,
                fields.join(", "),
                reason.words.join(", ")
            ),
        };
        let line = text::escape_line(&line);
        for line in output::wrap(&line, out.width, "    ", "      ").lines() {
            out.line(output::dim(line))?;
        }
    }
    Ok(())
}

/// `label` and `text` wrapped at spaces to `width`, each line indented two spaces, the label
/// dimmed and the chars of `text` at `marks` highlighted.
fn wrapped(label: &str, text: &str, marks: &[u32], width: usize) -> Vec<String> {
    let whole: String = label
        .chars()
        .chain(text.chars())
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let lead = label.chars().count() as u32;
    let options = textwrap::Options::new(width.saturating_sub(2).max(1))
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines = Vec::new();
    let mut at = 0;
    for line in textwrap::wrap(&whole, options) {
        // Each line is a piece of the text: where it starts, in bytes and in chars.
        let start = whole[at..]
            .find(line.as_ref())
            .map_or(at, |found| at + found);
        at = start + line.len();
        let first = whole[..start].chars().count() as u32;
        let length = line.chars().count() as u32;
        let in_line: Vec<u32> = marks
            .iter()
            .map(|m| m + lead)
            .filter(|m| (first..first + length).contains(m))
            .map(|m| m - first)
            .collect();
        let labelled = lead.saturating_sub(first).min(length) as usize;
        let (label_part, rest) = line.split_at(
            line.char_indices()
                .nth(labelled)
                .map_or(line.len(), |(i, _)| i),
        );
        let shifted: Vec<u32> = in_line
            .iter()
            .filter(|&&m| m as usize >= labelled)
            .map(|m| m - labelled as u32)
            .collect();
        let label_part = if label_part.is_empty() {
            String::new()
        } else {
            output::dim(&text::escape_line(label_part))
        };
        lines.push(format!(
            "  {label_part}{}",
            output::highlight(rest, &shifted)
        ));
    }
    lines
}
