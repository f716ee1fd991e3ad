//! BibTeX, for LaTeX with BibTeX or biber (and for reference managers that import .bib).

use std::borrow::Cow;

use rayon::prelude::*;
use std::fmt::Write as _;

use super::WorkType;
use crate::catalogue::{Author, Entry, Kind};

/// The entries as a .bib file, one record each, keyed by splw's ids.
pub fn export(entries: &[&Entry]) -> String {
    export_parts(entries).collect::<Vec<_>>().join("\n")
}

/// Records made at a time: a few megabytes of BibTeX, made on every core.
const GROUP: usize = 2_000;

/// The .bib file a record at a time, to be written one after another with a newline between
/// them. Records are made a group at a time, so that a long file is never held whole.
pub fn export_parts<'a>(entries: &'a [&'a Entry]) -> impl Iterator<Item = String> + 'a {
    entries.chunks(GROUP).flat_map(|group| {
        group
            .par_iter()
            .map(|entry| {
                let mut out = String::new();
                record(&mut out, entry);
                out
            })
            .collect::<Vec<_>>()
    })
}

fn record(out: &mut String, entry: &Entry) {
    let entry_type = match WorkType::of(entry.kind) {
        WorkType::Article => "article",
        WorkType::Report => "techreport",
        WorkType::WebPage => "misc",
    };
    let mut fields: Vec<(&str, Cow<str>)> = Vec::new();
    let mut names: Vec<String> = entry.authors.iter().map(name).collect();
    if entry.et_al {
        names.push("others".into());
    }
    if !names.is_empty() {
        fields.push(("author", names.join(" and ").into()));
    }
    // Double braces keep the brief's capitalisation: styles may not lowercase these titles.
    fields.push(("title", format!("{{{}}}", escape(&entry.title)).into()));
    if let Some(journal) = &entry.journal {
        fields.push(("journal", escape(journal)));
    }
    if let Some(source) = &entry.source {
        let field = match WorkType::of(entry.kind) {
            WorkType::Report => "institution",
            WorkType::Article | WorkType::WebPage => "howpublished",
        };
        fields.push((field, escape(source)));
    }
    if let Some(year) = entry.year {
        fields.push(("year", year.to_string().into()));
    }
    // BibTeX's month macros (jan … dec), unbraced, which every style knows.
    if let Some(month) = entry.month.and_then(crate::text::month_name) {
        fields.push(("month", month[..3].to_lowercase().into()));
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
        fields.push(("url", url.into()));
    }
    if let Some(text) = &entry.abstract_text {
        fields.push(("abstract", escape(text)));
    }
    if let Some(note) = super::et_al_note(entry) {
        fields.push(("note", escape(&note).into_owned().into()));
    }
    if entry.kind != Kind::JournalArticle {
        fields.push(("type", entry.kind.as_str().into()));
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
    use super::escape;

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
