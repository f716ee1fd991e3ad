//! Property tests (proptest): the id rule, year ranges, and entries of every shape, loaded from
//! generated section files and rendered in every style and export.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use splw::catalogue::{self, Catalogue, SourceFile};
use splw::cite::{self, Markup, StyleName, bibtex, csl_json, ris};
use splw::filter::YearRange;
use splw::text;

/// A section file's text around `entries` (TOML `[[entry]]` tables), beside the built-in front
/// matter.
fn brief_with(entries: &str) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = splw::embedded::files()
        .into_iter()
        .filter(|file| file.name.ends_with("00-front-matter.toml"))
        .collect();
    files.push(SourceFile {
        name: "01-generated.toml".into(),
        text: format!("[section]\nid = \"generated\"\ntitle = \"Generated\"\n{entries}"),
    });
    files
}

/// A TOML basic string: every character the spec does not allow raw is escaped.
fn quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Family names as briefs write them: accents, apostrophes, spaces and hyphens.
fn family_name() -> impl Strategy<Value = String> {
    "[A-Z][a-zà-öø-ÿ]{1,9}([' -][A-Za-zà-ÿ]{1,8})?"
}

/// Any text: control characters, escape sequences, bidi controls, markup and the payloads that
/// once broke out of an export (`}, note = {…}`, a line that starts a RIS tag) included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[a-z \u{1b}\u{7}\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}\n\t&%$#_{}~^<>*`\\\\\"'–’“”]{0,60}",
        "([a-z ]{0,8}(\\}, note = \\{[A-Z]{1,5}\\}|\nAU  - X, Y\nER  - \n|<script>|<javascript:x>|\\\\)){1,4}",
        Just(String::new()),
    ]
}

proptest! {
    // No failure files: proptest cannot place them from tests/, and a failing case is printed.
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The id rule: an id made from the first author's family name and the year loads without
    /// problems; any other prefix is a warning, with the id the rule would give.
    #[test]
    fn ids_follow_the_first_author_and_the_year(family in family_name(), year in 1900i32..=2025) {
        let slug = text::ascii_slug(&family);
        prop_assume!(!slug.is_empty());
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        let entry = |id: &str| format!(
            "[[entry]]\nid = \"{id}\"\nkind = \"report\"\ntitle = \"T\"\nauthors = [{{ family = {} }}]\n\
             year = {year}\ntopics = [\"generated\"]\n",
            quoted(&family)
        );
        let good = catalogue::build(&brief_with(&entry(&format!("{slug}-{year}"))));
        prop_assert!(good.problems.is_empty(), "{:?}", good.problems);
        let bad = catalogue::build(&brief_with(&entry(&format!("x{slug}-{year}"))));
        prop_assert_eq!(bad.problems.len(), 1);
        let expected = format!("it would be `{slug}-{year}`");
        prop_assert!(bad.problems[0].message.ends_with(&expected), "{}", bad.problems[0]);
        prop_assert_eq!(bad.problems[0].severity, catalogue::Severity::Warning);
    }

    /// Year ranges: `A..B` holds exactly the years from A to B, a reversed range is an error,
    /// and open ends hold everything on their side.
    #[test]
    fn year_ranges_hold_what_they_say(a in 1900i32..=2100, b in 1900i32..=2100, y in 1800i32..=2200) {
        match format!("{a}..{b}").parse::<YearRange>() {
            Ok(range) => {
                prop_assert!(a <= b);
                prop_assert_eq!(range.contains(y), a <= y && y <= b);
            }
            Err(message) => {
                prop_assert!(a > b);
                prop_assert!(message.contains("runs backwards"), "{}", message);
            }
        }
        prop_assert_eq!(format!("{a}..").parse::<YearRange>().unwrap().contains(y), y >= a);
        prop_assert_eq!(format!("..{b}").parse::<YearRange>().unwrap().contains(y), y <= b);
        prop_assert_eq!(a.to_string().parse::<YearRange>().unwrap().contains(y), y == a);
    }

    /// Any text at all is a year range or an error: never a panic.
    #[test]
    fn any_text_is_a_year_range_or_an_error(text in ".{0,30}") {
        let _ = text.parse::<YearRange>();
    }

    /// Entries of every shape, as a brief could give them, hostile values included, load and
    /// render in every style, markup and export without a panic; no unsafe character reaches an
    /// export, and no field changes an export's structure as a real parser reads it back (BibTeX
    /// by the biblatex crate, RIS by its tags, Markdown by pulldown-cmark).
    #[test]
    fn generated_entries_render_everywhere(
        title in any_text(),
        authors in prop::collection::vec((family_name(), prop::option::of("[A-Z][a-z]{0,6}( [A-Z]\\.?)?")), 0..9),
        literal in prop::option::of(any_text()),
        et_al in any::<bool>(),
        year in prop::option::of(1900i32..=2025),
        month in prop::option::of(1u8..=12),
        journal in prop::option::of(any_text()),
        volume in prop::option::of("[0-9]{1,3}"),
        issue in prop::option::of("[0-9]{1,2}"),
        pages in prop::option::of("[0-9e]{1,5}(-[0-9]{1,5})?"),
        doi in prop::option::of("10\\.[0-9]{4}/[a-z0-9.()-]{1,20}"),
        abstract_text in prop::option::of(any_text()),
        kind in prop::sample::select(vec!["journal-article", "report", "guide", "web-page", "network", "signpost"]),
    ) {
        let mut toml = format!("[[entry]]\nid = \"generated-1\"\nkind = \"{kind}\"\ntitle = {}\n", quoted(&title));
        let mut names: Vec<String> = authors
            .iter()
            .map(|(family, given)| match given {
                Some(given) => format!("{{ family = {}, given = {} }}", quoted(family), quoted(given)),
                None => format!("{{ family = {} }}", quoted(family)),
            })
            .collect();
        if let Some(literal) = &literal {
            names.push(format!("{{ literal = {} }}", quoted(literal)));
        }
        toml.push_str(&format!("authors = [{}]\net_al = {et_al}\n", names.join(", ")));
        for (key, value) in [("journal", &journal), ("volume", &volume), ("issue", &issue),
            ("pages", &pages), ("doi", &doi), ("abstract", &abstract_text)] {
            if let Some(value) = value {
                toml.push_str(&format!("{key} = {}\n", quoted(value)));
            }
        }
        if let Some(year) = year {
            toml.push_str(&format!("year = {year}\n"));
            if let Some(month) = month {
                toml.push_str(&format!("month = {month}\n"));
            }
        }
        toml.push_str("topics = [\"generated\"]\n");
        let report = catalogue::build(&brief_with(&toml));
        let catalogue: Catalogue = report.catalogue;
        // The entry may break the id rule or leave a field empty, but it is always built.
        let entries: Vec<_> = catalogue.entries.iter().collect();
        prop_assert_eq!(entries.len(), 1);
        for name in [StyleName::Harvard, StyleName::Apa, StyleName::Vancouver, StyleName::Hee] {
            let style = name.style();
            for (entry, place) in cite::placed(style, &entries) {
                for markup in [Markup::Text, Markup::Markdown, Markup::Html] {
                    let reference = style.reference(entry, place).render(markup);
                    let _ = style.in_text(entry, place).render(markup);
                    if markup == Markup::Markdown {
                        // Read as CommonMark: text and emphasis, never HTML, and no link but the
                        // one to the work's DOI.
                        let doi_link = doi.as_ref().map(|d| format!("https://doi.org/{d}"));
                        for event in pulldown_cmark::Parser::new(&reference) {
                            if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) = &event {
                                prop_assert_eq!(Some(dest_url.to_string()), doi_link.clone(), "{}", reference);
                            }
                            prop_assert!(!matches!(event,
                                pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)),
                                "{:?} in {}", event, reference);
                        }
                    }
                }
            }
        }
        let ris = ris::export(&entries);
        let json = csl_json::export(&entries);
        prop_assert!(!text::has_control(&json, true) && !text::has_control(&ris, true));
        for dialect in [bibtex::Dialect::Bibtex, bibtex::Dialect::Biblatex] {
            let bib = bibtex::export(&entries, dialect);
            prop_assert!(!text::has_control(&bib, true));
            // BibTeX counts every brace, escaped or not, when it looks for a field's end: they
            // balance.
            let depth = bib.chars().try_fold(0i64, |depth, c| {
                let depth = depth + i64::from(c == '{') - i64::from(c == '}');
                (depth >= 0).then_some(depth)
            });
            prop_assert_eq!(depth, Some(0), "{}", bib);
            // Read back by a BibTeX parser: the one record, with splw's fields and no other.
            let parsed = biblatex::Bibliography::parse(&bib);
            prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), bib);
            let parsed = parsed.unwrap();
            prop_assert_eq!(parsed.len(), 1, "{}", bib);
            let record = parsed.get("generated-1").unwrap();
            for field in record.fields.keys() {
                prop_assert!(["author", "key", "title", "journal", "journaltitle", "institution",
                    "organization", "publisher", "howpublished", "date", "year", "month", "volume",
                    "number", "pages", "doi", "url", "abstract", "type"]
                    .contains(&field.as_str()), "{} in {}", field, bib);
            }
        }
        // RIS read back as a RIS reader does: each line a known tag, one record.
        let tags: Vec<&str> = ris.lines().filter(|l| !l.is_empty()).map(|l| l.get(..2).unwrap_or(l)).collect();
        prop_assert!(ris.lines().filter(|l| !l.is_empty()).all(|l| ris::TAGS.iter().any(|t| l.starts_with(&format!("{t}  - ")))), "{}", ris);
        prop_assert_eq!(tags.iter().filter(|t| **t == "TY").count(), 1);
        prop_assert_eq!(tags.iter().filter(|t| **t == "ER").count(), 1);
    }
}
