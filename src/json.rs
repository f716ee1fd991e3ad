//! JSON as splw writes it, for `--json` and CSL-JSON alike.

use std::fmt::Write as _;

use serde::Serialize;

/// Pretty-printed JSON in which DEL and the C1 control characters (U+007F to U+009F), which JSON
/// lets stand raw, are escaped too: some terminals read U+009B as the start of an escape
/// sequence. Outside its strings JSON is printable ASCII, so every such character is in a string.
pub fn pretty(value: &impl Serialize) -> String {
    // Serialising splw's plain structs cannot fail; `null` is the honest fallback.
    let json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    if !json.contains(|c: char| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
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
            super::pretty(&"a\u{7f}b\u{9b}c\u{1b}–"),
            r#""a\u007fb\u009bc\u001b–""#
        );
    }
}
