//! Styled text as citation styles write it: runs of plain and italic text, with the quotation
//! marks and apostrophes a CSL processor prints, written out as text, Markdown or HTML.

/// How styled text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// Plain text, with the curly quotes and en dashes the style prints.
    Text,
    /// Italics as `*…*`.
    Markdown,
    /// Italics as `<i>…</i>`, with `&`, `<` and `>` escaped.
    Html,
}

/// Text made of plain and italic runs, and links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Rich {
    runs: Vec<(String, Run)>,
}

/// What a run of text is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Run {
    Plain,
    Italic,
    /// Text that HTML and Markdown make a link to this address: the address itself (a DOI's or a
    /// work's own page), or a title where the style prints no address (as pandoc links it).
    Link(String),
}

impl Rich {
    pub fn new() -> Rich {
        Rich::default()
    }

    pub fn plain(mut self, text: &str) -> Rich {
        self.push(text, Run::Plain);
        self
    }

    pub fn italic(mut self, text: &str) -> Rich {
        self.push(text, Run::Italic);
        self
    }

    /// An address, shown as itself: a link in HTML and Markdown.
    pub fn link(self, address: &str) -> Rich {
        self.linked(address, address)
    }

    /// `text` as a link to `address` in HTML and Markdown.
    pub fn linked(mut self, text: &str, address: &str) -> Rich {
        if !text.is_empty() {
            self.runs
                .push((text.to_string(), Run::Link(address.to_string())));
        }
        self
    }

    pub fn append(mut self, other: Rich) -> Rich {
        for (text, run) in other.runs {
            match run {
                Run::Link(address) => self = self.linked(&text, &address),
                run => self.push(&text, run),
            }
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|(text, _)| text.is_empty())
    }

    /// A full stop, unless the text already ends a sentence ("…the answer?" takes none).
    pub fn period(self) -> Rich {
        if self.ends_with('.') || self.ends_with('?') || self.ends_with('!') {
            self
        } else {
            self.plain(".")
        }
    }

    /// Whether the text so far ends with `c` (to avoid doubling a full stop).
    pub fn ends_with(&self, c: char) -> bool {
        self.runs
            .iter()
            .rev()
            .find(|(text, _)| !text.is_empty())
            .is_some_and(|(text, _)| text.ends_with(c))
    }

    fn push(&mut self, text: &str, run: Run) {
        if text.is_empty() {
            return;
        }
        let text = &no_break_before_punctuation(text);
        match self.runs.last_mut() {
            Some((last, last_run)) if *last_run == run => last.push_str(text),
            _ => self.runs.push((text.to_string(), run)),
        }
    }

    pub fn render(&self, markup: Markup) -> String {
        let mut out = String::new();
        for (text, run) in &self.runs {
            match (markup, run) {
                (Markup::Text, _) => out.push_str(text),
                // An autolink or a link, where the address can stand in one (no space, < or >).
                (Markup::Markdown, Run::Link(address)) if !address.contains([' ', '<', '>']) => {
                    if address == text {
                        out.push_str(&format!("<{address}>"));
                    } else {
                        out.push_str(&format!("[{}](<{address}>)", escape_markdown(text)));
                    }
                }
                (Markup::Html, Run::Link(address)) => {
                    let address = escape_html(address).replace('"', "&quot;");
                    out.push_str(&format!("<a href=\"{address}\">{}</a>", escape_html(text)));
                }
                (Markup::Markdown, Run::Plain | Run::Link(_)) => {
                    out.push_str(&escape_markdown(text))
                }
                (Markup::Markdown, Run::Italic) => {
                    // Spaces stay outside the asterisks, where Markdown needs them.
                    let inner = text.trim();
                    let lead = &text[..text.len() - text.trim_start().len()];
                    let trail = &text[text.trim_end().len()..];
                    out.push_str(&format!("{lead}*{}*{trail}", escape_markdown(inner)));
                }
                (Markup::Html, Run::Plain) => out.push_str(&escape_html(text)),
                (Markup::Html, Run::Italic) => {
                    out.push_str(&format!("<i>{}</i>", escape_html(text)));
                }
            }
        }
        out.trim().to_string()
    }
}

/// A space before a colon, semicolon, question or exclamation mark written as the narrow no-break
/// space that citeproc-js (Zotero's processor) sets there in every style ("General Practice :
/// The Journal…"), so that the mark never starts a line.
fn no_break_before_punctuation(text: &str) -> std::borrow::Cow<'_, str> {
    const BEFORE: [char; 5] = [':', ';', '?', '!', '»'];
    if !text.contains(|c| BEFORE.contains(&c)) || !text.contains(' ') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            (' ', Some(next)) if BEFORE.contains(next) => out.push('\u{202f}'),
            _ => out.push(c),
        }
    }
    out.into()
}

/// Markdown's own characters backslash-escaped, `<`, `>` and `&` among them, so that a title can
/// hold no raw HTML, autolink (`<javascript:…>`) or entity, and pandoc's `#` (a heading), `$`
/// (mathematics), `~` and `^` (sub- and superscripts): pandoc reads it all as text.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '*' | '_' | '\\' | '[' | ']' | '`' | '<' | '>' | '&' | '#' | '$' | '~' | '^'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Which quotation marks a style's locale uses outermost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    /// en-GB: ‘outer’ and “inner”.
    British,
    /// en-US: “outer” and ‘inner’.
    American,
}

impl Quotes {
    fn marks(self, depth: usize) -> (char, char) {
        let double = match self {
            Quotes::British => depth % 2 == 1,
            Quotes::American => depth % 2 == 0,
        };
        if double {
            ('“', '”')
        } else {
            ('‘', '’')
        }
    }

    /// `text` with its quotations in this locale's marks, as if nested `depth` deep (1 when the
    /// style has already put the text in quotation marks), and apostrophes made curly.
    pub fn apply(self, text: &str, depth: usize) -> String {
        requote(text, |mark| match mark {
            Mark::Open(nested) | Mark::Unclosed(nested, _) => self.marks(depth + nested).0.into(),
            Mark::Close(nested) => self.marks(depth + nested).1.into(),
            Mark::Apostrophe => "’".into(),
        })
    }
}

/// A straight quotation mark or apostrophe, as `requote` reads it from where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The opening mark of a quotation inside this many others.
    Open(usize),
    /// Its closing mark.
    Close(usize),
    /// An opening mark that nothing closes, and the straight mark it is.
    Unclosed(usize, char),
    /// Inside a word (don't, O'Shea), or closing one (link workers' views).
    Apostrophe,
}

/// `text` with each straight `"` and `'` written as `write` gives it, by what it is: the opening
/// or closing mark of a quotation (by where it stands: after a space or a bracket it opens, and
/// the same mark after a word closes it), or an apostrophe. A `"` that is neither stays as it is.
pub fn requote(text: &str, write: impl Fn(Mark) -> String) -> String {
    // Both marks are ASCII, so each is found by its byte, and the characters beside it are read
    // from the text where it stands: no copy of the text as characters.
    let quotes = text.match_indices(['\'', '"']);
    // Each mark's byte offset and what it is; a quotation's opening mark is `Unclosed` until its
    // closing mark is found.
    let mut marks: Vec<(usize, Mark)> = Vec::new();
    // The quotations now open, innermost last: their mark and where in `marks` they opened.
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, quote) in quotes {
        let c = if quote == "'" { '\'' } else { '"' };
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        let word_before = before.is_some_and(char::is_alphanumeric);
        let word_after = after.is_some_and(char::is_alphanumeric);
        if c == '\'' && word_before && word_after {
            marks.push((i, Mark::Apostrophe));
        } else if open.last().is_some_and(|(mark, _)| *mark == c)
            && !before.is_some_and(char::is_whitespace)
        {
            if let Some((_, opened)) = open.pop() {
                marks[opened].1 = Mark::Open(open.len());
            }
            marks.push((i, Mark::Close(open.len())));
        } else if before.is_none_or(|b| b.is_whitespace() || "([{‘“".contains(b))
            && after.is_some_and(|a| !a.is_whitespace())
        {
            open.push((c, marks.len()));
            marks.push((i, Mark::Unclosed(open.len() - 1, c)));
        } else if c == '\'' {
            marks.push((i, Mark::Apostrophe));
        }
    }
    let mut out = String::with_capacity(text.len() + 4 * marks.len());
    let mut from = 0;
    for (at, mark) in marks {
        out.push_str(&text[from..at]);
        out.push_str(&write(mark));
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_each_markup() {
        let text = Rich::new()
            .plain("Kiely, B. ")
            .italic("et al.")
            .plain(" (2022) A & B <c>, ")
            .italic("BMJ Open");
        assert_eq!(
            text.render(Markup::Text),
            "Kiely, B. et al. (2022) A & B <c>, BMJ Open"
        );
        assert_eq!(
            text.render(Markup::Markdown),
            "Kiely, B. *et al.* (2022) A \\& B \\<c\\>, *BMJ Open*"
        );
        assert_eq!(
            text.render(Markup::Html),
            "Kiely, B. <i>et al.</i> (2022) A &amp; B &lt;c&gt;, <i>BMJ Open</i>"
        );
    }

    #[test]
    fn quotes_follow_the_locale_and_nesting() {
        let title = "'Power to the People': link workers' views of \"Winging It\"";
        assert_eq!(
            Quotes::British.apply(title, 1),
            "“Power to the People”: link workers’ views of “Winging It”"
        );
        assert_eq!(
            Quotes::British.apply(title, 0),
            "‘Power to the People’: link workers’ views of ‘Winging It’"
        );
        assert_eq!(
            Quotes::American.apply(title, 0),
            "“Power to the People”: link workers’ views of “Winging It”"
        );
        assert_eq!(Quotes::American.apply("O'Shea", 0), "O’Shea");
    }
}
