use crate::catalogue::{Catalogue, Entry, Kind};
use crate::cite::{self, Format, Markup, StyleName, bibtex, csl_json, ris};
use crate::clipboard;
use crate::cmd::show::{names, resolve};
use crate::error::Failure;
use crate::filter::{Criteria, Filter};
use crate::output::Output;
use crate::text::{self, escape_block, escape_line};

/// What `cite` is asked for.
pub struct Options {
    pub ids: Vec<String>,
    pub filters: Criteria,
    pub all: bool,
    pub style: Option<StyleName>,
    pub format: Format,
    pub in_text: bool,
    /// Also put it on the clipboard.
    pub copy: bool,
}

/// A signpost points to further resources: it is not a work, and a citation of it would cite
/// nothing.
fn signpost(entry: &Entry) -> Failure {
    let points = entry
        .abstract_text
        .as_deref()
        .map(|text| format!(" ({})", text::quoted(text.trim_end_matches('.'))))
        .unwrap_or_default();
    Failure::Usage(format!(
        "`{}` is a signpost, a pointer to further resources, not a work to cite: {}{points}\n`splw show {}` shows it",
        entry.id,
        text::quoted(&entry.title),
        entry.id
    ))
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    let selecting = args.all || !args.filters.is_empty();
    if !args.ids.is_empty() && selecting {
        return Err(Failure::Usage(
            "give entry ids, or --all and filters to select entries, not both".into(),
        ));
    }
    let brief_entry;
    let entries: Vec<&Entry> = if !args.ids.is_empty() {
        let mut chosen: Vec<&Entry> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for id in &names(catalogue, &args.ids) {
            let entry = resolve(catalogue, id)?;
            if entry.kind == Kind::Signpost {
                return Err(signpost(entry));
            }
            // A work named twice (or by its id and an alias) is cited once.
            if seen.insert(entry.id.as_str()) {
                chosen.push(entry);
            }
        }
        chosen
    } else if selecting {
        let filter = Filter::new(&args.filters, catalogue)?;
        let (signposts, chosen): (Vec<&Entry>, Vec<&Entry>) = catalogue
            .entries
            .iter()
            .filter(|e| filter.matches(e))
            .partition(|e| e.kind == Kind::Signpost);
        if !signposts.is_empty() {
            out.note(format!(
                "{} left out: pointers to further resources, not works to cite",
                text::count(signposts.len(), "signpost", "signposts")
            ));
        }
        if chosen.is_empty() {
            return Err(Failure::NoMatch("No entries match those filters.".into()));
        }
        chosen
    } else if let (Some(words), None, Format::Text, false) = (
        &catalogue.brief.acknowledgement,
        args.style,
        args.format,
        args.in_text,
    ) {
        // The brief's own words, exactly as it asks to be acknowledged.
        out.line(escape_block(words))?;
        return copy_if_asked(args.copy, escape_block(words).into_owned(), None, out);
    } else {
        brief_entry = cite::brief_entry(&catalogue.brief);
        vec![&brief_entry]
    };

    let cited: Vec<std::borrow::Cow<Entry>> = entries.iter().map(|e| cite::as_cited(e)).collect();
    let entries: Vec<&Entry> = cited.iter().map(AsRef::as_ref).collect();
    let Some(markup) = args.format.markup() else {
        if args.in_text {
            return Err(Failure::Usage(
                "--in-text goes with --format text, markdown or html, not with an export".into(),
            ));
        }
        // Each export is made safe for a terminal and for its readers as it is built (no unsafe
        // character, no way out of a field), so it is written as it is.
        let file = match args.format {
            Format::Bibtex | Format::Biblatex if !args.copy => {
                // Written part by part: joining them first would hold the file twice.
                for (i, part) in bibtex::export_parts(&entries, dialect(args.format)).enumerate() {
                    if i > 0 {
                        out.line("")?;
                    }
                    out.text(part)?;
                }
                return Ok(());
            }
            Format::Bibtex | Format::Biblatex => bibtex::export(&entries, dialect(args.format)),
            Format::Ris => ris::export(&entries),
            _ => csl_json::export(&entries),
        };
        out.text(&file)?;
        return copy_if_asked(args.copy, file, None, out);
    };
    let style = args.style.unwrap_or(StyleName::Harvard).style();
    let text = styled(style, &entries, args.in_text, markup);
    out.text(&text)?;
    if args.copy {
        let copy = for_clipboard(style, &entries, args.in_text, markup);
        return copy_if_asked(true, copy.text, copy.html, out);
    }
    Ok(())
}

/// The entries cited as `--copy` (and `browse`'s Ctrl-Y) put them on the clipboard. The HTML
/// flavour is what Word and Google Docs paste, italics and links kept; the plain one, for
/// anything else, is plain text unless the user asked for Markdown. Pasted into a sentence or a
/// document, a final line break would be one too many.
pub fn for_clipboard(
    style: &dyn cite::Style,
    entries: &[&Entry],
    in_text: bool,
    markup: Markup,
) -> clipboard::Copy {
    let copied = |markup| {
        let text = styled(style, entries, in_text, markup);
        text.trim_end_matches('\n').to_string()
    };
    let plain = copied(match markup {
        Markup::Html => Markup::Text,
        other => other,
    });
    clipboard::Copy {
        text: plain,
        html: Some(copied(Markup::Html)),
    }
}

fn dialect(format: Format) -> bibtex::Dialect {
    match format {
        Format::Bibtex => bibtex::Dialect::Bibtex,
        _ => bibtex::Dialect::Biblatex,
    }
}

/// The entries cited in a style, line by line: the reference list, or with `in_text` the one
/// citation in the text that names them all. A citation is one line: a line break in a field is
/// shown escaped, never kept.
fn styled(style: &dyn cite::Style, entries: &[&Entry], in_text: bool, markup: Markup) -> String {
    let placed = cite::placed(style, entries);
    let paragraph = |line: String| match markup {
        Markup::Html => format!("<p>{}</p>\n", escape_line(&line)),
        _ => format!("{}\n", escape_line(&line)),
    };
    if in_text {
        // Works cited together share one pair of brackets, as a writer cites them, starting from
        // the order they were named in; each keeps its place in the list (number, year letter).
        let places: std::collections::HashMap<&str, cite::Place> = placed
            .iter()
            .map(|(e, place)| (e.id.as_str(), *place))
            .collect();
        let named: Vec<(&Entry, cite::Place)> = entries
            .iter()
            .filter_map(|entry| Some((*entry, *places.get(entry.id.as_str())?)))
            .collect();
        // Inline, even in HTML: it goes inside a sentence, not a paragraph of its own.
        let citation = cite::in_text_together(style, &named).render(markup);
        return format!("{}\n", escape_line(&citation));
    }
    let mut text = String::new();
    for (entry, place) in placed {
        let mut line = style.reference(entry, place).render(markup);
        if style.numbered() {
            line = format!("{}. {line}", place.number);
        }
        if markup == Markup::Markdown && place.number > 1 {
            text.push('\n');
        }
        text.push_str(&paragraph(line));
    }
    text
}

/// With `--copy`, puts what was printed on the clipboard, and says where on stderr.
fn copy_if_asked(
    copy: bool,
    text: String,
    html: Option<String>,
    out: &mut Output,
) -> Result<(), Failure> {
    if !copy {
        return Ok(());
    }
    let flavours = if html.is_some() {
        "HTML and plain text"
    } else {
        "plain text"
    };
    match clipboard::copy(&clipboard::Copy { text, html })? {
        clipboard::Copied::System => out.note(format!("Copied to the clipboard ({flavours}).")),
        clipboard::Copied::Terminal => {
            out.note("Copied through the terminal (OSC 52), as plain text.");
        }
    }
    Ok(())
}
