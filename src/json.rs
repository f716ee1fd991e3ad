//! JSON as splw writes it, for `--json` and CSL-JSON alike.

use std::fmt::Write as _;

use serde::Serialize;

use crate::text;

/// Pretty-printed JSON in which the characters that JSON lets stand raw but that must not reach a
/// terminal (`text::is_unsafe`: DEL, C1 controls, bidi controls, invisible characters) are JSON
/// escapes too: some terminals read U+009B as the start of an escape sequence. serde_json escapes
/// the C0 controls in strings, so a raw newline left is the pretty-printer's own.
pub fn pretty(value: &impl Serialize) -> String {
    // Serialising splw's plain structs cannot fail; `null` is the honest fallback.
    escaped(serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into()))
}

/// Compact JSON to stand inside an HTML `<script type="application/json">`, written to `out` as
/// serde_json makes it, without the whole in memory (the page's search index is megabytes):
/// escaped as `pretty` escapes it, and with every `<` a JSON escape, so that no text in it can
/// close the script element (`</script>`) or open a comment (`<!--`).
pub fn write_in_html(out: &mut dyn std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    let mut html = InHtml {
        out,
        pending: Vec::new(),
    };
    serde_json::to_writer(&mut html, value).map_err(std::io::Error::other)?;
    html.out.write_all(&html.pending)
}

/// Escapes JSON for `write_in_html`, whatever bytes each write holds: a character cut between two
/// writes waits for the rest of it.
struct InHtml<'a> {
    out: &'a mut dyn std::io::Write,
    pending: Vec<u8>,
}

impl std::io::Write for InHtml<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            // serde_json writes only whole UTF-8; a character cut short waits.
            Err(error) => error.valid_up_to(),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
        let mut plain = 0;
        for (at, c) in text.char_indices() {
            let escape = c == '<' || (c != '\n' && text::is_unsafe(c, false));
            if !escape {
                continue;
            }
            self.out.write_all(&text.as_bytes()[plain..at])?;
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(self.out, "\\u{unit:04x}")?;
            }
            plain = at + c.len_utf8();
        }
        self.out.write_all(&text.as_bytes()[plain..])?;
        self.pending.drain(..valid);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn escaped(json: String) -> String {
    if !text::has_control(&json, true) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && text::is_unsafe(c, false) {
            // JSON escapes are UTF-16: a character past U+FFFF (a tag) is a surrogate pair.
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_written_for_html_is_in_html_whatever_the_writes() {
        let value = serde_json::json!({
            "a": "</script><!-- \u{7f}\u{9b}\u{202e}\u{e0041} é – 😀 \n\"\\",
            "b": [1, 2.5, null, true],
        });
        let mut written = Vec::new();
        super::write_in_html(&mut written, &value).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            r#"{"a":"\u003c/script>\u003c!-- \u007f\u009b\u202e\udb40\udc41 é – 😀 \n\"\\","b":[1,2.5,null,true]}"#
        );
        // A character cut between two writes.
        let mut out = Vec::new();
        let mut html = super::InHtml {
            out: &mut out,
            pending: Vec::new(),
        };
        std::io::Write::write_all(&mut html, "\"é\u{202e}<".as_bytes()[..2].as_ref()).unwrap();
        std::io::Write::write_all(&mut html, "\"é\u{202e}<".as_bytes()[2..].as_ref()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\"é\\u202e\\u003c");
    }

    #[test]
    fn json_escapes_del_and_c1_controls() {
        // Found by tests/properties.rs: serde_json lets DEL and U+0080 to U+009F stand raw.
        assert_eq!(
            super::pretty(&"a\u{7f}b\u{9b}c\u{1b}–\u{202e}\u{e0041}"),
            r#""a\u007fb\u009bc\u001b–\u202e\udb40\udc41""#
        );
    }
}
