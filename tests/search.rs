//! How good `splw find` is, measured on four sets of needs, each judged blind by reading the
//! brief: the judged queries of issue 14 (tests/data/judged-queries.toml), the tuning set of
//! issue 24 (tuning-queries.toml), which the ranking was tuned on; the first held-out set
//! (held-out-queries.toml), run once unseen and reported, and since then a development set; and
//! the second held-out set (held-out-2-queries.toml), written and committed before any later
//! change to the ranking and never tuned on. Each query is run through the built binary and
//! scored (nDCG@10, P@5, recall@10) next to a textbook BM25 ranking of the same fields, overall
//! and by kind of need. Run with `--nocapture` to see the tables SEARCH.md quotes; the second
//! held-out set prints its totals only, never query by query, so that no one tunes on it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::process::Command;

use serde::Deserialize;
use splw::catalogue::Catalogue;

/// The goal of issue 14 for its judged set, which issue 24 keeps.
const JUDGED_GOAL: f64 = 0.90;
/// Issue 24's goal for the earlier sets, the tuning set among them.
const TUNING_GOAL: f64 = 0.90;

#[derive(Deserialize)]
struct Judged {
    query: Vec<JudgedQuery>,
}

#[derive(Deserialize)]
struct JudgedQuery {
    text: String,
    kind: String,
    same_as: Option<String>,
    relevant: BTreeMap<String, u32>,
}

fn set(text: &str) -> Vec<JudgedQuery> {
    toml::from_str::<Judged>(text)
        .expect("a set of judged queries")
        .query
}

/// The ids `splw find` gives for a query typed as words, best first, at most 10.
fn find(query: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_splw"))
        .arg("find")
        .args(query.split_whitespace())
        .args(["--limit", "10", "--layout", "plain"])
        .env_remove("SPLW_BRIEF")
        .output()
        .expect("splw runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "find {query}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split('\t').next())
        .map(str::to_string)
        .collect()
}

/// Plain BM25 (Okapi, k1 = 1.5, b = 0.75, as rank_bm25 has them) over the same fields run
/// together, words split at anything but a letter or digit, lowercased: no stems, no typos.
struct Bm25 {
    ids: Vec<String>,
    docs: Vec<Vec<String>>,
    average: f64,
}

impl Bm25 {
    fn new(catalogue: &Catalogue) -> Bm25 {
        let mut ids = Vec::new();
        let mut docs = Vec::new();
        for entry in &catalogue.entries {
            let mut text = vec![entry.id.clone(), entry.title.clone()];
            text.extend(entry.aliases.iter().cloned());
            for topic in &entry.topics {
                text.extend(catalogue.topic(topic).map(|t| t.label.clone()));
            }
            text.extend(entry.authors.iter().map(|a| a.inverted()));
            text.extend(entry.journal.iter().cloned());
            text.extend(entry.source.iter().cloned());
            text.extend(entry.abstract_text.iter().cloned());
            ids.push(entry.id.clone());
            docs.push(tokens(&text.join(" ")));
        }
        let average = docs.iter().map(Vec::len).sum::<usize>() as f64 / docs.len() as f64;
        Bm25 { ids, docs, average }
    }

    fn search(&self, query: &str) -> Vec<String> {
        let n = self.docs.len() as f64;
        let words = tokens(query);
        let mut scored: Vec<(f64, usize)> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                let score = words
                    .iter()
                    .map(|word| {
                        let df = self.docs.iter().filter(|d| d.contains(word)).count() as f64;
                        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                        let tf = doc.iter().filter(|w| *w == word).count() as f64;
                        let norm = 1.5 * (1.0 - 0.75 + 0.75 * doc.len() as f64 / self.average);
                        idf * tf * 2.5 / (tf + norm)
                    })
                    .sum::<f64>();
                (score, i)
            })
            .filter(|(score, _)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(10)
            .map(|(_, i)| self.ids[i].clone())
            .collect()
    }
}

fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// nDCG@10, P@5 and recall@10 of one ranking. A query with nothing relevant scores nDCG 1
/// only if nothing was returned, and has no precision or recall.
fn scores(ranked: &[String], relevant: &BTreeMap<String, u32>) -> (f64, Option<f64>, Option<f64>) {
    if relevant.is_empty() {
        return (f64::from(u8::from(ranked.is_empty())), None, None);
    }
    let gain = |id: &String| f64::from(relevant.get(id).copied().unwrap_or(0));
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| (2f64.powf(gain(id)) - 1.0) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<u32> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, g)| (2f64.powf(f64::from(*g)) - 1.0) / (i as f64 + 2.0).log2())
        .sum();
    let hits = |k: usize| ranked.iter().take(k).filter(|id| gain(id) > 0.0).count() as f64;
    let precision = hits(5) / 5.0;
    let recall = hits(10) / relevant.len() as f64;
    (dcg / idcg, Some(precision), Some(recall))
}

#[derive(Default)]
struct Totals {
    ndcg: Vec<f64>,
    precision: Vec<f64>,
    recall: Vec<f64>,
}

impl Totals {
    fn add(&mut self, (ndcg, precision, recall): (f64, Option<f64>, Option<f64>)) {
        self.ndcg.push(ndcg);
        self.precision.extend(precision);
        self.recall.extend(recall);
    }

    fn means(&self) -> (f64, f64, f64) {
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        (mean(&self.ndcg), mean(&self.precision), mean(&self.recall))
    }
}

/// A set's scores: for `find` and for BM25, overall and by kind of need; what `find` returned
/// for each query; and the no-answer queries for which it returned something.
struct Report {
    find: Totals,
    bm25: Totals,
    by_kind: BTreeMap<String, (Totals, Totals)>,
    found: BTreeMap<String, Vec<String>>,
    not_empty: Vec<String>,
}

/// Runs and scores every query of a set; with `each`, prints each query's scores.
fn run(name: &str, queries: &[JudgedQuery], each: bool) -> Report {
    let catalogue = splw::embedded::catalogue();
    let baseline = Bm25::new(&catalogue);
    let mut report = Report {
        find: Totals::default(),
        bm25: Totals::default(),
        by_kind: BTreeMap::new(),
        found: BTreeMap::new(),
        not_empty: Vec::new(),
    };
    if each {
        eprintln!("{name}\n{:<64} {:>6} {:>6}", "query", "find", "BM25");
    }
    for query in queries {
        for id in query.relevant.keys() {
            assert!(catalogue.get(id).is_some(), "{}: no entry {id}", query.text);
        }
        assert_eq!(
            query.relevant.is_empty(),
            query.kind == "none",
            "{}: kind none is for the needs with nothing relevant",
            query.text
        );
        let found = find(&query.text);
        let ours = scores(&found, &query.relevant);
        let theirs = scores(&baseline.search(&query.text), &query.relevant);
        if each {
            eprintln!("{:<64} {:>6.3} {:>6.3}", query.text, ours.0, theirs.0);
        }
        if query.relevant.is_empty() && !found.is_empty() {
            report.not_empty.push(query.text.clone());
        }
        report.find.add(ours);
        report.bm25.add(theirs);
        let kind = report.by_kind.entry(query.kind.clone()).or_default();
        kind.0.add(ours);
        kind.1.add(theirs);
        report.found.insert(query.text.clone(), found);
    }
    let line = |what: &str, totals: &Totals| {
        let (ndcg, precision, recall) = totals.means();
        if totals.precision.is_empty() {
            // Needs with nothing relevant have no precision or recall.
            return format!("{what:<28} {ndcg:>8.3} {:>6} {:>9}", "—", "—");
        }
        format!("{what:<28} {ndcg:>8.3} {precision:>6.3} {recall:>9.3}")
    };
    eprintln!(
        "{name}: {} queries              nDCG@10    P@5  recall@10",
        queries.len()
    );
    eprintln!("{}", line("find", &report.find));
    eprintln!("{}", line("BM25 baseline", &report.bm25));
    for (kind, (ours, theirs)) in &report.by_kind {
        eprintln!(
            "{}",
            line(&format!("  {kind} ({}), find", ours.ndcg.len()), ours)
        );
        eprintln!("{}", line(&format!("  {kind}, BM25"), theirs));
    }
    report
}

#[test]
fn find_ranks_the_judged_queries_well_and_far_above_bm25() {
    let queries = set(include_str!("data/judged-queries.toml"));
    assert!(queries.len() >= 30, "at least 30 judged queries");
    let report = run("judged (issue 14)", &queries, true);
    assert_eq!(
        report.not_empty,
        Vec::<String>::new(),
        "about nothing in the brief"
    );
    for query in &queries {
        if let Some(correct) = &query.same_as {
            assert_eq!(
                report.found[&query.text], report.found[correct],
                "`{}` should score as its correct form",
                query.text
            );
        }
    }
    let (ndcg, _, _) = report.find.means();
    let (base, _, _) = report.bm25.means();
    assert!(
        ndcg >= JUDGED_GOAL,
        "find's nDCG@10 is {ndcg:.3}, under {JUDGED_GOAL}"
    );
    assert!(ndcg > base, "find ({ndcg:.3}) should beat BM25 ({base:.3})");
}

#[test]
fn find_ranks_the_tuning_set_well() {
    let queries = set(include_str!("data/tuning-queries.toml"));
    let report = run("tuning (issue 24)", &queries, true);
    assert_eq!(
        report.not_empty,
        Vec::<String>::new(),
        "about nothing in the brief"
    );
    let (ndcg, _, _) = report.find.means();
    assert!(
        ndcg >= TUNING_GOAL,
        "find's nDCG@10 is {ndcg:.4}, under {TUNING_GOAL}"
    );
}

/// A held-out set's floors, none of them tuned to: its needs with no answer find nothing, and
/// `find` ranks above the textbook BM25.
fn held_out_floors(name: &str, queries: &[JudgedQuery], report: &Report) {
    let none = queries.iter().filter(|q| q.kind == "none").count();
    eprintln!(
        "{name} no-answer needs with results: {} of {none}",
        report.not_empty.len()
    );
    assert_eq!(
        report.not_empty.len(),
        0,
        "a {name} need with no answer found works"
    );
    let (ndcg, _, _) = report.find.means();
    let (base, _, _) = report.bm25.means();
    assert!(ndcg > base, "find ({ndcg:.3}) should beat BM25 ({base:.3})");
}

/// The first held-out set, reported once unseen (0.823, under issue 24's 0.85) and since then a
/// development set: query by query, with the floors it had when it was unseen.
#[test]
fn find_ranks_the_first_held_out_set_above_bm25_and_finds_nothing_for_what_it_lacks() {
    let queries = set(include_str!("data/held-out-queries.toml"));
    let report = run("held-out-1 (issue 24, now a dev set)", &queries, true);
    held_out_floors("held-out-1", &queries, &report);
}

/// The second held-out set: totals only, never query by query. SEARCH.md gives its one run.
#[test]
fn find_ranks_the_second_held_out_set_above_bm25_and_finds_nothing_for_what_it_lacks() {
    let queries = set(include_str!("data/held-out-2-queries.toml"));
    let report = run("held-out-2 (issue 24)", &queries, false);
    held_out_floors("held-out-2", &queries, &report);
}

#[test]
fn the_scorer_tells_good_rankings_from_bad() {
    let relevant: BTreeMap<String, u32> = [("a".to_string(), 2), ("b".to_string(), 1)].into();
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        scores(&ids(&["a", "b"]), &relevant),
        (1.0, Some(0.4), Some(1.0))
    );
    let worse = scores(&ids(&["b", "a"]), &relevant).0;
    assert!(worse < 1.0 && worse > 0.5);
    assert_eq!(scores(&ids(&["x"]), &relevant).0, 0.0);
    assert_eq!(scores(&[], &BTreeMap::new()), (1.0, None, None));
    assert_eq!(scores(&ids(&["x"]), &BTreeMap::new()).0, 0.0);
}
