//! `cargo bench`: loading, filtering, fuzzy find and formatting, on the built-in brief and on a
//! synthetic 10,000-entry brief (written to a temporary folder by `support/synthetic.rs`, the
//! generator behind `examples/gen_brief.rs`). BENCHMARKS.md has the whole-process timings.
//!
//! Run one group with a filter: `cargo bench -- find`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use splw::catalogue::{self, Catalogue, Entry, SourceFile};
use splw::cite::{self, Markup, Place, StyleName, bibtex, csl_json, ris};
use splw::filter::{Criteria, Filter};
use splw::search::{Query, Split};

#[path = "support/synthetic.rs"]
mod synthetic;

const SYNTHETIC_ENTRIES: usize = 10_000;

fn main() {
    divan::main();
    if let Some(synthetic) = SYNTHETIC.get() {
        let _ = std::fs::remove_dir_all(synthetic.dir.path());
    }
}

/// Which brief a benchmark runs on.
#[derive(Debug, Clone, Copy)]
enum Brief {
    /// The built-in brief: 57 entries.
    BuiltIn,
    /// The synthetic brief of `SYNTHETIC_ENTRIES` entries.
    Synthetic10k,
}

const BRIEFS: [Brief; 2] = [Brief::BuiltIn, Brief::Synthetic10k];

impl Brief {
    fn catalogue(self) -> &'static Catalogue {
        match self {
            Brief::BuiltIn => built_in(),
            Brief::Synthetic10k => &synthetic().catalogue,
        }
    }

    /// The catalogue's words split ahead, as splw has them for the built-in brief.
    fn split(self) -> Option<&'static Split<'static>> {
        match self {
            Brief::BuiltIn => Some(&splw::embedded::SPLIT),
            Brief::Synthetic10k => None,
        }
    }

    fn entries(self) -> Vec<&'static Entry> {
        self.catalogue().entries.iter().collect()
    }
}

fn built_in() -> &'static Catalogue {
    static BUILT_IN: OnceLock<Catalogue> = OnceLock::new();
    BUILT_IN.get_or_init(splw::embedded::catalogue)
}

/// The synthetic brief: its folder (removed when the benchmarks end), files and catalogue.
struct Synthetic {
    dir: tempfile::TempDir,
    files: Vec<SourceFile>,
    catalogue: Catalogue,
}

static SYNTHETIC: OnceLock<Synthetic> = OnceLock::new();

fn synthetic() -> &'static Synthetic {
    SYNTHETIC.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        synthetic::write(SYNTHETIC_ENTRIES, synthetic::Layout::Sections, dir.path())
            .expect("the synthetic brief is written");
        let files = catalogue::read_dir(dir.path()).expect("the synthetic brief is read");
        let report = catalogue::build(&files);
        assert!(
            report.problems.is_empty(),
            "the synthetic brief has problems: {:?}",
            report.problems.first()
        );
        assert_eq!(report.catalogue.entries.len(), SYNTHETIC_ENTRIES);
        Synthetic {
            dir,
            files,
            catalogue: report.catalogue,
        }
    })
}

/// Loading: what `splw` does before any command runs.
#[divan::bench_group(max_time = 5)]
mod load {
    use super::*;

    /// The built-in brief as splw loads it now: the catalogue the build script baked.
    #[divan::bench]
    fn built_in_baked() -> Catalogue {
        splw::embedded::catalogue()
    }

    /// The built-in brief parsed from its embedded TOML, as `splw check` does (and as splw did at
    /// every start before the build script parsed it).
    #[divan::bench]
    fn built_in_from_toml() -> catalogue::Catalogue {
        let report = catalogue::build(&splw::embedded::files());
        assert!(report.problems.is_empty());
        report.catalogue
    }

    /// The synthetic brief, as `splw --brief DIR` loads it: read the folder, parse and check.
    #[divan::bench]
    fn synthetic_10k_read_and_build(bencher: Bencher) {
        let dir = synthetic().dir.path();
        bencher.bench(|| {
            catalogue::load(black_box(dir)).expect("loads");
        });
    }

    /// Reading the synthetic brief's files alone.
    #[divan::bench]
    fn synthetic_10k_read_dir(bencher: Bencher) {
        let dir = synthetic().dir.path();
        bencher.bench(|| catalogue::read_dir(black_box(dir)).expect("reads"));
    }

    /// Parsing and checking the synthetic brief's files alone, already in memory.
    #[divan::bench]
    fn synthetic_10k_build(bencher: Bencher) {
        let files = &synthetic().files;
        bencher.bench(|| catalogue::build(black_box(files)));
    }
}

/// Filtering: `list` and `cite --all` with filters, over every entry.
#[divan::bench_group(max_time = 3)]
mod filter {
    use super::*;

    fn count(bencher: Bencher, brief: Brief, filters: &Criteria) {
        let catalogue = brief.catalogue();
        bencher.bench(|| {
            let filter = Filter::new(black_box(filters), catalogue).expect("valid filters");
            catalogue
                .entries
                .iter()
                .filter(|e| filter.matches(e))
                .count()
        });
    }

    #[divan::bench(args = BRIEFS)]
    fn none(bencher: Bencher, brief: Brief) {
        count(bencher, brief, &Criteria::default());
    }

    #[divan::bench(args = BRIEFS)]
    fn topic(bencher: Bencher, brief: Brief) {
        let filters = Criteria {
            topics: vec!["loneliness".into()],
            ..Criteria::default()
        };
        count(bencher, brief, &filters);
    }

    #[divan::bench(args = BRIEFS)]
    fn topic_label_and_year(bencher: Bencher, brief: Brief) {
        let filters = Criteria {
            topics: vec!["covid".into(), "older people".into()],
            years: vec!["2019..2022".parse().expect("a year range")],
            ..Criteria::default()
        };
        count(bencher, brief, &filters);
    }

    #[divan::bench(args = BRIEFS)]
    fn author(bencher: Bencher, brief: Brief) {
        let filters = Criteria {
            authors: vec!["moffatt".into()],
            ..Criteria::default()
        };
        count(bencher, brief, &filters);
    }

    #[divan::bench(args = BRIEFS)]
    fn journal(bencher: Bencher, brief: Brief) {
        let filters = Criteria {
            journals: vec!["bmj".into()],
            ..Criteria::default()
        };
        count(bencher, brief, &filters);
    }
}

/// `splw find`, ranking every entry.
#[divan::bench_group(max_time = 3)]
mod find {
    use super::*;

    fn run(bencher: Bencher, brief: Brief, words: &str) {
        let entries = brief.entries();
        bencher.bench(|| {
            let query = Query::new(black_box(words)).expect("a query");
            query
                .run(brief.catalogue(), brief.split(), entries.iter().copied())
                .hits
                .len()
        });
    }

    #[divan::bench(args = BRIEFS)]
    fn one_word(bencher: Bencher, brief: Brief) {
        run(bencher, brief, "loneliness");
    }

    #[divan::bench(args = BRIEFS)]
    fn typo(bencher: Bencher, brief: Brief) {
        run(bencher, brief, "lonliness");
    }

    #[divan::bench(args = BRIEFS)]
    fn two_words(bencher: Bencher, brief: Brief) {
        run(bencher, brief, "green covid");
    }

    #[divan::bench(args = BRIEFS)]
    fn phrase_in_abstracts(bencher: Bencher, brief: Brief) {
        run(bencher, brief, "social isolation");
    }

    #[divan::bench(args = BRIEFS)]
    fn no_match(bencher: Bencher, brief: Brief) {
        run(bencher, brief, "xylophone");
    }
}

/// Formatting: a reference list in each style (sorted as `splw cite --all` sorts it), and the
/// three exports, of every entry.
#[divan::bench_group(max_time = 3)]
mod cite_all {
    use super::*;

    fn reference_list(bencher: Bencher, brief: Brief, name: StyleName) {
        let entries = brief.entries();
        bencher.bench(|| {
            // `dyn Style` is not Sync, so each run looks the style up (a match, nothing more).
            let style = name.style();
            cite::placed(style, black_box(&entries))
                .into_iter()
                .map(|(e, place)| style.reference(e, place).render(Markup::Text).len())
                .sum::<usize>()
        });
    }

    #[divan::bench(args = BRIEFS)]
    fn harvard(bencher: Bencher, brief: Brief) {
        reference_list(bencher, brief, StyleName::Harvard);
    }

    #[divan::bench(args = BRIEFS)]
    fn apa(bencher: Bencher, brief: Brief) {
        reference_list(bencher, brief, StyleName::Apa);
    }

    #[divan::bench(args = BRIEFS)]
    fn vancouver(bencher: Bencher, brief: Brief) {
        reference_list(bencher, brief, StyleName::Vancouver);
    }

    #[divan::bench(args = BRIEFS)]
    fn hee(bencher: Bencher, brief: Brief) {
        reference_list(bencher, brief, StyleName::Hee);
    }

    #[divan::bench(args = BRIEFS)]
    fn bibtex(bencher: Bencher, brief: Brief) {
        let entries = brief.entries();
        bencher.bench(|| bibtex::export(black_box(&entries), bibtex::Dialect::Biblatex));
    }

    #[divan::bench(args = BRIEFS)]
    fn ris(bencher: Bencher, brief: Brief) {
        let entries = brief.entries();
        bencher.bench(|| ris::export(black_box(&entries)));
    }

    #[divan::bench(args = BRIEFS)]
    fn csl_json(bencher: Bencher, brief: Brief) {
        let entries = brief.entries();
        bencher.bench(|| csl_json::export(black_box(&entries)));
    }
}

/// Formatting one entry, as `splw cite ID` and `splw show ID` do.
#[divan::bench_group(max_time = 2)]
mod cite_one {
    use super::*;

    #[divan::bench(args = [StyleName::Harvard, StyleName::Apa, StyleName::Vancouver, StyleName::Hee])]
    fn kiely_2022(name: StyleName) -> String {
        let entry = built_in().get("kiely-2022").expect("kiely-2022");
        name.style()
            .reference(black_box(entry), Place::ALONE)
            .render(Markup::Text)
    }
}
