//! Bytes → an address, held to splw's rule for addresses (`address::check`), and a DOI's link.
//!
//! What passes must be what a browser opens: the URL Standard's parser reads it as https or http,
//! with a host and no user name, and writes it back as it is; nothing that passes holds a
//! character that a terminal, an HTML attribute or a BibTeX field would be broken by.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn holds_the_rule(address: &str) {
    let Ok(()) = splw::address::check(address) else {
        return;
    };
    let url = url::Url::parse(address).expect("an address that passes parses");
    assert!(matches!(url.scheme(), "https" | "http"), "{address:?}");
    assert!(url.host_str().is_some_and(|h| !h.is_empty()), "{address:?}");
    assert!(
        url.username().is_empty() && url.password().is_none(),
        "{address:?}"
    );
    assert_eq!(
        url.as_str(),
        address,
        "what is shown is what a browser opens"
    );
    assert!(!splw::text::has_control(address, false), "{address:?}");
    assert!(
        !address.contains(|c: char| c.is_whitespace() || "\"<>{}\\`".contains(c)),
        "{address:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    holds_the_rule(text);
    // The same text as a DOI: its link is encoded, and passes or fails the same rule.
    let link = splw::address::doi(text);
    assert!(link.starts_with("https://doi.org/"), "{link:?}");
    holds_the_rule(&link);
    // As an address after a scheme, and as a path after a host.
    holds_the_rule(&format!("https://{text}"));
    holds_the_rule(&format!("https://example.org/{text}"));
});
