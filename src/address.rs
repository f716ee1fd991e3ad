//! Web addresses: the one rule for every address splw shows, links to and opens, whether the brief
//! gives it (`url`, `seen_at`) or splw makes it (a DOI's link, a search). `check` holds the brief to
//! it at file:line:column, and the opener holds every address to it again before a browser sees it.
//!
//! An address passes when the URL parser that browsers follow (the WHATWG URL Standard's, in the
//! `url` crate, which the `webbrowser` crate parses with too) reads it as `https:` or `http:`, with a
//! host and no user name or password, and writes it back exactly as it is given. What splw shows
//! is then what the browser opens: an address the parser would rewrite (`https://x|/../../etc/passwd`,
//! which it refuses, and which an opener then takes for a path) or that reads as one host and goes to
//! another (`https://doi.org@evil.example/`) never passes.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::text;

/// Where a DOI is resolved.
const DOI_RESOLVER: &str = "https://doi.org/";

/// The characters of a DOI that its link percent-encodes, as the DOI Handbook (3.8) asks and
/// the URL Standard's path needs: a DOI may hold `#`, `?`, `%` or `<`, which would otherwise end
/// or change the path. Letters, digits, `/`, `.`, `-`, `(`, `)`, `;` and `:` stand as they are.
const DOI_ENCODED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A DOI's link, at doi.org. It still has to pass `check` (a DOI of `..` segments does not).
pub fn doi(doi: &str) -> String {
    format!("{DOI_RESOLVER}{}", utf8_percent_encode(doi, DOI_ENCODED))
}

/// Whether `address` passes the rule; if not, why, in words that follow "the address …".
pub fn check(address: &str) -> Result<(), String> {
    // Also refused: what the parser leaves in a query but an export or a message would be broken
    // by (a brace ends a BibTeX field).
    if let Some(c) = address.chars().find(|&c| {
        c.is_whitespace()
            || text::is_unsafe(c, false)
            || matches!(c, '"' | '<' | '>' | '{' | '}' | '\\' | '`')
    }) {
        let what = match c {
            c if c.is_whitespace() => "a space or line break".to_string(),
            c if text::is_unsafe(c, false) => {
                format!("a control character ({})", text::quoted(&c.to_string()))
            }
            c => format!("`{c}`"),
        };
        return Err(format!("has {what}, which no address may hold"));
    }
    let url = url::Url::parse(address)
        .map_err(|error| format!("is not an address a browser can read ({error})"))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err("should be an https:// or http:// address".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        let host = url.host_str().unwrap_or_default();
        return Err(format!(
            "has a user name before its host, so it goes to {}, not where it seems to",
            text::quoted(host)
        ));
    }
    if url.as_str() != address {
        return Err(format!(
            "is not written as a browser reads it: give it as `{}`",
            text::quoted(url.as_str())
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_web_addresses_pass() {
        for address in [
            "https://www.kingsfund.org.uk/insight-and-analysis/reports/integrating-additional-roles",
            "http://example.org/a?b=c&d=%20e#part",
            "https://doi.org/10.1136/bmjopen-2022-062951",
            "https://example.org/",
        ] {
            assert_eq!(check(address), Ok(()), "{address}");
        }
    }

    #[test]
    fn addresses_a_browser_reads_otherwise_fail() {
        let why = |address| check(address).unwrap_err();
        assert_eq!(
            why("https://x|/../../etc/passwd"),
            "is not an address a browser can read (invalid international domain name)"
        );
        assert_eq!(
            why("https://doi.org@evil.example/x"),
            "has a user name before its host, so it goes to evil.example, not where it seems to"
        );
        assert_eq!(
            why("https://a:b@evil.example/"),
            "has a user name before its host, so it goes to evil.example, not where it seems to"
        );
        assert_eq!(
            why("https://example.org/a/../b"),
            "is not written as a browser reads it: give it as `https://example.org/b`"
        );
        assert_eq!(
            why("https://example.org"),
            "is not written as a browser reads it: give it as `https://example.org/`"
        );
        assert_eq!(
            why("HTTPS://EXAMPLE.ORG/"),
            "is not written as a browser reads it: give it as `https://example.org/`"
        );
        assert_eq!(
            why("javascript:alert(1)"),
            "should be an https:// or http:// address"
        );
        assert_eq!(
            why("file:///etc/passwd"),
            "should be an https:// or http:// address"
        );
        assert_eq!(
            why("data:text/html,<script>"),
            "has `<`, which no address may hold"
        );
        assert_eq!(
            why("https://a\nb/"),
            "has a space or line break, which no address may hold"
        );
        assert_eq!(
            why("https://a.org/\u{202e}"),
            "has a control character (\\u{202e}), which no address may hold"
        );
        assert_eq!(
            why("//evil.example/"),
            "is not an address a browser can read (relative URL without a base)"
        );
        assert_eq!(
            why("https:evil.example"),
            "is not written as a browser reads it: give it as `https://evil.example/`"
        );
        assert_eq!(
            why("\\\\server\\share"),
            "has `\\`, which no address may hold"
        );
        assert_eq!(
            why("https://exa\u{ad}mple.org/"),
            "has a control character (\\u{ad}), which no address may hold"
        );
        assert_eq!(
            why("https://bücher.example/"),
            "is not written as a browser reads it: give it as `https://xn--bcher-kva.example/`"
        );
    }

    #[test]
    fn a_dois_link_is_encoded_and_must_still_pass() {
        assert_eq!(
            doi("10.1136/bmjopen-2022-062951"),
            "https://doi.org/10.1136/bmjopen-2022-062951"
        );
        let sici = doi("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0");
        assert_eq!(
            sici,
            "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0"
        );
        assert_eq!(check(&sici), Ok(()));
        assert_eq!(doi("10.1/a#b?c%d"), "https://doi.org/10.1/a%23b%3Fc%25d");
        assert_eq!(check(&doi("10.1/a#b?c%d")), Ok(()));
        assert_eq!(check(&doi("10.1/é")), Ok(()));
        assert!(check(&doi("10.1/../../x")).is_err());
    }
}
