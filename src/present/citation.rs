//! Citations as `cite` prints them and `--copy` (and browse's Ctrl-Y) puts them on the clipboard.

use crate::catalogue::Entry;
use crate::cite::{Markup, Register};
use crate::clipboard;
use crate::text::escape_line;

/// The entries cited in a style, line by line: the reference list, or with `in_text` the one
/// citation in the text that names them all, each work with the letter the brief's own list
/// gives it. A citation is one line: a line break in a field is shown escaped, never kept.
pub fn styled(register: &Register, entries: &[&Entry], in_text: bool, markup: Markup) -> String {
    if in_text {
        // Works cited together share one pair of brackets, as a writer cites them, starting from
        // the order they were named in. Inline, even in HTML: it goes inside a sentence, not a
        // paragraph of its own.
        let citation = register.in_text(entries).render(markup);
        return format!("{}\n", escape_line(&citation));
    }
    let style = register.style();
    let mut text = String::new();
    for (entry, place) in register.list(entries) {
        let mut line = style.reference(entry, place).render(markup);
        if style.numbered() {
            line = format!("{}. {line}", place.number);
        }
        if markup == Markup::Markdown && place.number > 1 {
            text.push('\n');
        }
        match markup {
            Markup::Html => text.push_str(&format!("<p>{}</p>\n", escape_line(&line))),
            _ => text.push_str(&format!("{}\n", escape_line(&line))),
        }
    }
    text
}

/// The entries cited as `--copy` (and `browse`'s Ctrl-Y) put them on the clipboard. The HTML
/// flavour is what Word and Google Docs paste, italics and links kept; the plain one, for
/// anything else, is plain text unless the user asked for Markdown. Pasted into a sentence or a
/// document, a final line break would be one too many.
pub fn for_clipboard(
    register: &Register,
    entries: &[&Entry],
    in_text: bool,
    markup: Markup,
) -> clipboard::Copy {
    let copied = |markup| {
        let text = styled(register, entries, in_text, markup);
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
