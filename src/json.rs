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

/// Compact JSON to stand inside an HTML `<script type="application/json">`: escaped as `pretty`
/// escapes it, and with every `<` a JSON escape, so that no text in it can close the script
/// element (`</script>`) or open a comment (`<!--`).
pub fn in_html(value: &impl Serialize) -> String {
    let json = escaped(serde_json::to_string(value).unwrap_or_else(|_| "null".into()));
    json.replace('<', "\\u003c")
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
    fn json_escapes_del_and_c1_controls() {
        // Found by tests/properties.rs: serde_json lets DEL and U+0080 to U+009F stand raw.
        assert_eq!(
            super::pretty(&"a\u{7f}b\u{9b}c\u{1b}–\u{202e}\u{e0041}"),
            r#""a\u007fb\u009bc\u001b–\u202e\udb40\udc41""#
        );
    }
}
