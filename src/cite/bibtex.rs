//! BibTeX and biblatex files, for LaTeX (BibTeX or biber) and for pandoc, Zotero and JabRef. One
//! record builder serves both: they differ in entry types, how dates and notes are written, and
//! in the fields each one's styles print.

use std::borrow::Cow;

use rayon::prelude::*;
use std::fmt::Write as _;

use super::WorkType;
use super::rich::{Mark, Quotes, requote};
use crate::catalogue::{Author, Entry, Kind};

/// Which of the two .bib conventions a file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Classic BibTeX, as `plain.bst` and natbib's styles read it: reports and web pages are
    /// `@misc`, since `@techreport` prints "Technical report" and requires an institution and a
    /// year that many of these works lack.
    Bibtex,
    /// biblatex, as biber and pandoc read it: `@report`, `@online`, `date`, `journaltitle`.
    Biblatex,
}

/// The entries as a .bib file, one record each, keyed by splw's ids.
pub fn export(entries: &[&Entry], dialect: Dialect) -> String {
    export_parts(entries, dialect)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Records made at a time: a few megabytes of BibTeX, made on every core.
const GROUP: usize = 2_000;

/// The .bib file a record at a time, to be written one after another with a newline between
/// them. Records are made a group at a time, so that a long file is never held whole.
pub fn export_parts<'a>(
    entries: &'a [&'a Entry],
    dialect: Dialect,
) -> impl Iterator<Item = String> + 'a {
    let made = move |entry: &&Entry| {
        let mut out = String::new();
        record(&mut out, entry, dialect);
        out
    };
    entries.chunks(GROUP).flat_map(move |group| -> Vec<String> {
        // Starting the other cores' threads costs more than a small brief's records.
        if group.len() < PARALLEL_FROM {
            group.iter().map(made).collect()
        } else {
            group.par_iter().map(made).collect()
        }
    })
}

/// The fewest records worth making on every core.
const PARALLEL_FROM: usize = 500;

fn record(out: &mut String, entry: &Entry, dialect: Dialect) {
    let work = WorkType::of(entry.kind);
    let biblatex = dialect == Dialect::Biblatex;
    // A report with no publisher, or whose publisher is its author (as cited, `source` is then
    // none), is published by that organisation.
    let institution = entry.source.as_ref().or(match entry.authors.as_slice() {
        [Author::Organisation { literal }] if !entry.et_al => Some(literal),
        _ => None,
    });
    let entry_type = match (work, dialect) {
        (WorkType::Article, _) => "article",
        (WorkType::Report, Dialect::Biblatex) => "report",
        (WorkType::WebPage, Dialect::Biblatex) => "online",
        // `@techreport` needs an institution; `type` names the kind of report in place of
        // "Technical report".
        (WorkType::Report, Dialect::Bibtex) if institution.is_some() => "techreport",
        (_, Dialect::Bibtex) => "misc",
    };
    let text = |value: &str| quoted(&escape(value), dialect);
    let mut fields: Vec<(&str, Cow<str>)> = Vec::new();
    let names: Vec<String> = entry.authors.iter().map(name).collect();
    if !names.is_empty() {
        fields.push(("author", names.join(" and ").into()));
    } else if !biblatex {
        // What BibTeX styles sort a work with no author by; without it they warn, and sort it
        // first.
        fields.push(("key", escape(&entry.title)));
    }
    // Double braces keep the brief's capitalisation: styles may not lowercase these titles. A
    // group that starts with a command is one "special character" to BibTeX and biblatex, whose
    // letters a style may still lowercase ("{\\mkbibquote{…}: A study}"): such a title is
    // braced once more.
    let title = text(&entry.title);
    let title = match title.starts_with('\\') {
        true => format!("{{{{{title}}}}}"),
        false => format!("{{{title}}}"),
    };
    fields.push(("title", title.into()));
    if let Some(journal) = &entry.journal {
        let field = if biblatex { "journaltitle" } else { "journal" };
        fields.push((field, text(journal).into()));
    }
    let publisher = match (work, dialect) {
        (WorkType::Report, Dialect::Biblatex) => Some(("institution", entry.source.as_ref())),
        (WorkType::WebPage, Dialect::Biblatex) => Some(("organization", entry.source.as_ref())),
        (WorkType::Article, Dialect::Biblatex) => Some(("publisher", entry.source.as_ref())),
        _ if entry_type == "techreport" => Some(("institution", institution)),
        _ => Some(("howpublished", entry.source.as_ref())),
    };
    if let Some((field, Some(source))) = publisher {
        // Braced whole, so that no reader takes an "and" in it for a second name ("Health and
        // Care").
        fields.push((field, format!("{{{}}}", text(source)).into()));
    }
    if entry_type == "techreport" {
        fields.push(("type", report_type(entry.kind).into()));
    }
    let month = entry.month.and_then(crate::text::month_name);
    match (entry.year, dialect) {
        (Some(year), Dialect::Biblatex) => {
            let date = match entry.month {
                Some(month) => format!("{year}-{month:02}"),
                None => year.to_string(),
            };
            fields.push(("date", date.into()));
        }
        (Some(year), Dialect::Bibtex) => {
            fields.push(("year", year.to_string().into()));
            // BibTeX's month macros (jan … dec), unbraced, which every style knows.
            if let Some(month) = month {
                fields.push(("month", month[..3].to_lowercase().into()));
            }
        }
        // natbib's styles need a year for their author–year labels: without one they warn,
        // and apalike's labels stop being author–year. biblatex prints "n.d." itself.
        (None, Dialect::Bibtex) => fields.push(("year", "n.d.".into())),
        (None, Dialect::Biblatex) => {}
    }
    for (field, value) in [("volume", &entry.volume), ("number", &entry.issue)] {
        if let Some(value) = value {
            fields.push((field, escape(value)));
        }
    }
    if let Some(pages) = &entry.pages {
        fields.push((
            "pages",
            escape(&pages.replacen('-', "--", 1)).into_owned().into(),
        ));
    }
    if let Some(doi) = &entry.doi {
        // DOIs are verbatim fields in biber; escaping would change them. The loader refuses a DOI
        // with a brace, a backslash or a space, so none can end the field.
        fields.push(("doi", doi.into()));
    }
    if let Some(url) = &entry.url {
        // Checked when loaded: an address with no space, brace or backslash, verbatim in biber.
        // No `urldate`: when the address was last visited is not known.
        fields.push(("url", url.into()));
    }
    if let Some(abstract_text) = &entry.abstract_text {
        fields.push(("abstract", text(abstract_text).into()));
    }
    let _ = write!(out, "@{entry_type}{{{},", entry.id);
    for (field, value) in &fields {
        let _ = match *field {
            "month" => write!(out, "\n  {field} = {value},"),
            _ => write!(out, "\n  {field} = {{{value}}},"),
        };
    }
    out.push_str("\n}\n");
}

/// A report's kind as `@techreport`'s `type` gives it: "Guide", "Case study".
fn report_type(kind: Kind) -> String {
    let words = kind.as_str().replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The quotations in an escaped value, written so that each reader sets them the right way round:
/// for biblatex as `\mkbibquote{…}`, which biblatex (and pandoc) set in the marks of the
/// document's language, alternating when nested, also inside a title the style quotes; for
/// BibTeX, whose styles quote nothing, as curly marks (“holistic”), which LaTeX and Zotero read
/// as they are. An apostrophe stays as it is: LaTeX sets `'` as ’.
fn quoted(text: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Biblatex => requote(text, |mark| match mark {
            Mark::Open(_) => "\\mkbibquote{".into(),
            Mark::Close(_) => "}".into(),
            Mark::Unclosed(_, straight) => straight.into(),
            Mark::Apostrophe => "'".into(),
        }),
        Dialect::Bibtex => Quotes::American.apply(text, 0),
    }
}

/// "Kiely, Bridget"; a family name of more than one word, an organisation, and any part that
/// holds a comma or the word "and" are braced, so that BibTeX neither splits a name ("{Moreira da
/// Souza}, Tatiana") nor reads more names into one ("{John and Jo}").
fn name(author: &Author) -> String {
    match author {
        Author::Person { family, given } => {
            let family = braced_if(family, family.contains(' '));
            match given {
                Some(given) => format!("{family}, {}", braced_if(given, false)),
                None => family,
            }
        }
        Author::Organisation { literal } => format!("{{{}}}", escape(literal)),
    }
}

/// A name part, escaped, in braces where `split` or where BibTeX would read it as more than one.
fn braced_if(part: &str, split: bool) -> String {
    let joins = part.contains(',')
        || part
            .split_whitespace()
            .any(|word| word.eq_ignore_ascii_case("and"));
    if split || joins {
        format!("{{{}}}", escape(part))
    } else {
        escape(part).into_owned()
    }
}

/// LaTeX's special characters, as a table of bytes: a lookup per byte of every abstract.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let specials = b"&%$#_{}\\~^";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table
};

/// A value as a .bib file may hold it: characters no reader should see dropped, then LaTeX's
/// special characters escaped. Braces become `\textbraceleft{}` and `\textbraceright{}`, never
/// `\{`: BibTeX counts an escaped brace when it balances a field, so a value with `\}` could end
/// its field and write fields of its own. Every escape is brace-balanced.
pub fn escape(text: &str) -> Cow<'_, str> {
    match crate::text::without_unsafe(text, true) {
        Cow::Borrowed(clean) => latex(clean),
        Cow::Owned(clean) => Cow::Owned(latex(&clean).into_owned()),
    }
}

/// Escapes LaTeX's special characters; anything else, accents included, stays UTF-8. A text
/// with nothing to escape, as most abstracts are, is not copied.
fn latex(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| SPECIAL[usize::from(b)]) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // Every special character is ASCII, so the text between two of them is whole UTF-8 and is
    // copied in one go: abstracts run to thousands of characters with hardly any to escape.
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| SPECIAL[usize::from(b)]) {
        let (plain, special) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = special.chars();
        match chars.next() {
            Some('\\') => out.push_str("\\textbackslash{}"),
            Some('~') => out.push_str("\\textasciitilde{}"),
            Some('^') => out.push_str("\\textasciicircum{}"),
            Some('{') => out.push_str("\\textbraceleft{}"),
            Some('}') => out.push_str("\\textbraceright{}"),
            Some(c) => {
                out.push('\\');
                out.push(c);
            }
            None => {}
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{Dialect, escape, quoted};

    #[test]
    fn quotations_are_written_for_each_dialect_s_readers() {
        let text = r#"'Power to the People' and "holistic" (King's) "Winging It"#;
        assert_eq!(
            quoted(text, Dialect::Biblatex),
            r#"\mkbibquote{Power to the People} and \mkbibquote{holistic} (King's) "Winging It"#
        );
        assert_eq!(
            quoted(text, Dialect::Bibtex),
            "“Power to the People” and “holistic” (King’s) “Winging It"
        );
        assert_eq!(
            quoted(r#""It sounded 'simpler'": a study"#, Dialect::Biblatex),
            r"\mkbibquote{It sounded \mkbibquote{simpler}}: a study"
        );
    }

    #[test]
    fn escapes_every_latex_special_and_keeps_utf8() {
        assert_eq!(
            escape(r"A&B 50% $5 #1 a_b {x} \ ~ ^ – Linčevičiūtė"),
            r"A\&B 50\% \$5 \#1 a\_b \textbraceleft{}x\textbraceright{} \textbackslash{} \textasciitilde{} \textasciicircum{} – Linčevičiūtė"
        );
        assert_eq!(escape("&"), r"\&");
        assert_eq!(escape("£5 “quoted”\n\nnext"), "£5 “quoted”\n\nnext");
        assert_eq!(escape(""), "");
        // A field cannot be closed from inside: the escapes are brace-balanced.
        assert_eq!(
            escape("}, note = {INJECTED}\u{1b}"),
            r"\textbraceright{}, note = \textbraceleft{}INJECTED\textbraceright{}"
        );
    }
}
