use crate::catalogue::{BRIEF_ID, Catalogue, Entry};
use crate::cite::{self, Format, StyleName, bibtex, csl_json, ris};
use crate::clipboard;
use crate::error::Failure;
use crate::filter::Criteria;
use crate::output::Output;
use crate::present::{for_clipboard, styled};
use crate::select::{self, names, resolve};
use crate::text::{self, escape_block};

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

/// Ids as a note names them: `a`, `a` and `b`, `a`, `b` and `c`.
fn ids_listed(entries: &[&Entry]) -> String {
    let ids: Vec<String> = entries.iter().map(|e| format!("`{}`", e.id)).collect();
    text::series(&ids, "and")
}

pub fn run(catalogue: &Catalogue, args: &Options, out: &mut Output) -> Result<(), Failure> {
    // `brief` names the brief itself, beside works named or selected.
    let is_brief = |name: &String| name.trim().eq_ignore_ascii_case(BRIEF_ID);
    let named = names(catalogue, &args.ids);
    let works_named = named.iter().any(|name| !is_brief(name));
    let selecting = args.all || !args.filters.is_empty();
    if works_named && selecting {
        return Err(Failure::Usage(format!(
            "give entry ids, or --all and filters to select entries, not both (`{BRIEF_ID}`, the brief itself, goes with either)"
        )));
    }
    let brief_entry = cite::brief_entry(&catalogue.brief);
    let mut entries: Vec<&Entry> = Vec::new();
    // Where the brief goes among the works: where it was named, or after those selected.
    let mut brief_at = None;
    if selecting {
        let (chosen, signposts): (Vec<&Entry>, Vec<&Entry>) =
            select::works(catalogue, &args.filters)?
                .into_iter()
                .partition(|e| e.is_citable());
        if !signposts.is_empty() {
            out.note(format!(
                "{} left out: pointers to further resources, not works to cite",
                text::count(signposts.len(), "signpost", "signposts")
            ));
        }
        if chosen.is_empty() {
            return Err(select::none_match());
        }
        entries = chosen;
        brief_at = named.iter().any(is_brief).then_some(entries.len());
    } else if named.is_empty() {
        // An empty pick (Esc in browse, nothing chosen in fzf) reaches here as no ids at all.
        return Err(Failure::NoMatch(format!(
            "Nothing to cite: no ids were given. `splw cite {BRIEF_ID}` acknowledges the brief itself; `splw cite --all` cites every work."
        )));
    } else {
        let mut seen = std::collections::HashSet::new();
        let mut signposts: Vec<&Entry> = Vec::new();
        for name in &named {
            if is_brief(name) {
                brief_at.get_or_insert(entries.len());
                continue;
            }
            let entry = resolve(catalogue, name)?;
            if !entry.is_citable() {
                signposts.push(entry);
            } else if seen.insert(entry.id.as_str()) {
                // A work named twice (or by its id and an alias) is cited once.
                entries.push(entry);
            }
        }
        let nothing_else = entries.is_empty() && brief_at.is_none();
        match signposts.as_slice() {
            [] => {}
            [only] if nothing_else => return Err(signpost(only)),
            _ if nothing_else => {
                return Err(Failure::Usage(format!(
                    "{} are signposts, pointers to further resources, not works to cite",
                    ids_listed(&signposts)
                )));
            }
            _ => out.note(format!(
                "left out {}: {}",
                ids_listed(&signposts),
                if signposts.len() == 1 {
                    "a signpost, a pointer to further resources, not a work to cite"
                } else {
                    "signposts, pointers to further resources, not works to cite"
                }
            )),
        }
    }
    if entries.is_empty() {
        if let (Some(words), None, Format::Text, false) = (
            &catalogue.brief.acknowledgement,
            args.style,
            args.format,
            args.in_text,
        ) {
            // The brief alone: its own words, exactly as it asks to be acknowledged.
            out.line(escape_block(words))?;
            return copy_if_asked(args.copy, escape_block(words).into_owned(), None, out);
        }
        brief_at = Some(0);
    }
    if let Some(at) = brief_at {
        entries.insert(at, &brief_entry);
    }

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
    let register = cite::Register::new(args.style.unwrap_or(StyleName::Harvard), catalogue);
    let text = styled(&register, &entries, args.in_text, markup);
    out.text(&text)?;
    if args.copy {
        let copy = for_clipboard(&register, &entries, args.in_text, markup);
        return copy_if_asked(true, copy.text, copy.html, out);
    }
    Ok(())
}

fn dialect(format: Format) -> bibtex::Dialect {
    match format {
        Format::Bibtex => bibtex::Dialect::Bibtex,
        _ => bibtex::Dialect::Biblatex,
    }
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
