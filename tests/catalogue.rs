//! The built-in catalogue against the brief itself: counts, pinned texts, the topic rule, and
//! every title and abstract found word for word in the brief (`tests/data/evidence-brief.md`, a
//! copy of the Markdown rendering of the PDF that the data was curated from).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use splw::catalogue::{self, Author, Catalogue, Entry, TOPIC_WORDS};

fn catalogue() -> Catalogue {
    splw::embedded::catalogue()
}

fn entry<'a>(catalogue: &'a Catalogue, id: &str) -> &'a Entry {
    catalogue.get(id).unwrap_or_else(|| panic!("no entry {id}"))
}

#[test]
fn every_section_file_loads_without_a_problem() {
    let files = splw::embedded::files();
    assert_eq!(files.len(), 22, "21 section files and the front matter");
    let report = catalogue::build(&files);
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn the_brief_has_57_entries_in_58_placements_and_21_sections() {
    let c = catalogue();
    assert_eq!(c.entries.len(), 57);
    assert_eq!(c.placements, 58);
    assert_eq!(c.topics.len(), 21);
    let ids: HashSet<&str> = c.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 57, "ids are unique");
    let labels: Vec<&str> = c.topics.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Key publications – the big picture",
            "Case Studies",
            "The Star for workforce redesign",
            "Statistics",
            "National Data Programme",
            "Systematic Review",
            "Children and Young People",
            "Education, Training and Skills",
            "Health Inequalities",
            "Learning from Covid-19",
            "Loneliness",
            "Long-term Conditions",
            "Mental Health",
            "Older people",
            "Palliative Care",
            "Professional Identity",
            "Scope of practice",
            "Workforce",
            "Networks",
            "eLearning",
            "Competency Frameworks",
        ]
    );
}

#[test]
fn the_front_matter_is_the_briefs_own() {
    let brief = catalogue().brief;
    assert_eq!(
        brief.title,
        "Evidence Brief: Social Prescribing Link Workers"
    );
    assert_eq!(brief.author.as_deref(), Some("Katie Nicholas"));
    assert_eq!((brief.year, brief.month), (Some(2024), Some(4)));
    assert_eq!(
        brief.publisher.as_deref(),
        Some("Workforce, Training and Education Knowledge Management Team")
    );
    assert_eq!(
        brief.acknowledgement.as_deref(),
        Some(
            "Evidence Brief: Social Prescribing Link Workers. Katie Nicholas. (April 2024). UK: Workforce, Training and Education Knowledge Management Team"
        )
    );
    assert_eq!(
        brief.contact.as_deref(),
        Some("england.knowledgemanagement@nhs.net")
    );
    assert!(
        brief
            .access_help
            .is_some_and(|help| help.contains("NHS OpenAthens account"))
    );
}

#[test]
fn ids_and_aliases_resolve() {
    let c = catalogue();
    assert!(
        entry(&c, "kiely-2022")
            .title
            .ends_with("a systematic review")
    );
    assert_eq!(entry(&c, "kiely-2022").journal.as_deref(), Some("BMJ Open"));
    assert!(entry(&c, "kiely-2021").title.contains("(the LinkMM trial)"));
    for (alias, id) in [
        ("linkmm", "kiely-2021"),
        ("LinkMM", "kiely-2021"),
        ("ccx", "mills-2021"),
        ("spring-ne", "moffatt-2023"),
        ("long-term-workforce-plan", "nhs-2023"),
    ] {
        assert_eq!(entry(&c, alias).id, id, "{alias}");
    }
    assert!(
        entry(&c, "wildman-2019a")
            .title
            .starts_with("Service-users' perspectives")
    );
    assert!(
        entry(&c, "wildman-2019b")
            .title
            .starts_with("Link workers' perspectives")
    );
}

#[test]
fn the_framework_in_two_sections_is_one_entry_with_both_topics() {
    let c = catalogue();
    let framework = entry(&c, "nhse-2023a");
    assert_eq!(
        framework.title,
        "Workforce development framework: social prescribing link workers"
    );
    assert_eq!(framework.topics[0], "key-publications");
    assert!(
        framework
            .topics
            .contains(&"competency-frameworks".to_string())
    );
    let notes = framework.notes.as_deref().unwrap();
    assert!(notes.starts_with("See Section 9 Competency Framework and Annex A\n\nThe Competency Framework (Annex A) sets out the core competencies"));
    assert!(framework.abstract_text.as_deref().unwrap().starts_with("The purpose of the social prescribing link worker (SPLW) workforce development framework is to:"));
    let in_section = |topic: &str| {
        c.entries
            .iter()
            .filter(|e| e.topics.contains(&topic.to_string()))
            .count()
    };
    assert_eq!(
        c.topic("competency-frameworks").unwrap().count,
        in_section("competency-frameworks")
    );
}

#[test]
fn foster_2021_is_word_for_word() {
    let c = catalogue();
    let foster = entry(&c, "foster-2021");
    assert_eq!(
        foster.title,
        "Impact of social prescribing to address loneliness: A mixed methods evaluation of a national social prescribing programme"
    );
    let families: Vec<&str> = foster.authors.iter().map(Author::family).collect();
    assert_eq!(
        families,
        [
            "Foster", "Thompson", "Holding", "Ariss", "Mukuria", "Jacques", "Akparido", "Haywood"
        ]
    );
    assert_eq!(
        foster.journal_details().as_deref(),
        Some("Health & Social Care in the Community 29(5), pp. 1439-1449")
    );
    assert_eq!(
        foster.abstract_text.as_deref(),
        Some(
            "Loneliness is considered a global public health issue because of its detrimental impact on physical and mental health but little is known about which interventions can reduce loneliness. One potential intervention is social prescribing, where a link worker helps service-users to access appropriate support such as community activities and social groups. Some qualitative studies have identified that social prescribing may help to reduce service-users' loneliness. Given this, the British Red Cross (a third sector organisation) developed and delivered a national social prescribing service in the United Kingdom to support people who were experiencing, or at risk of, loneliness. Service-users could receive up to 12 weeks of support from a link worker. A mixed methods study was conducted to understand the impact of the support on loneliness, and to identify the facilitators and barriers to service delivery. The study included: (a) analysis of quantitative data collected routinely between May 2017 and December 2019 (n = 10,643) including pre-post analysis of UCLA data (n = 2,250) and matched comparator work to measure changes in loneliness; (b) semi-structured interviews with service-users, link workers and volunteers (n = 60) and (c) a Social Return on Investment Analysis. The majority of the service-users (72.6%, n = 1634/2250) felt less lonely after receiving support. The mean change in UCLA score was -1.84 (95% CI -1.91 to -1.77) of a maximum change of 6.00 (decrease indicates an improvement). Additional benefits included improved wellbeing, increased confidence and life having more purpose. The base case analysis estimated a social return on investment of 3.42 per 1 invested in the service. Having skilled link workers and support tailored to individual needs appeared key. However, challenges included utilising volunteers, meeting some service-users' needs in relation to signposting and sustaining improvements in loneliness. Nonetheless, the service appeared successful in supporting service-users experiencing loneliness. Copyright © 2020 The Authors. Health and Social Care in the Community published by John Wiley & Sons Ltd."
        )
    );
}

#[test]
fn mills_2021_is_joined_across_the_page_break() {
    let c = catalogue();
    let mills = entry(&c, "mills-2021");
    let text = mills.abstract_text.as_deref().unwrap();
    assert!(text.starts_with(
        "Blackpool is one of the most deprived Local Authority (LA) areas in England;"
    ));
    assert!(text.contains("Value was embedded by the CCx in their process of establishing and maintaining connections with caregivers through the 'everyday' conversations"));
    assert_eq!(
        text.matches("\n\n").count(),
        1,
        "two paragraphs, as printed"
    );
    assert!(!text.contains("Evidence Brief"));
    let given: Vec<&str> = mills
        .authors
        .iter()
        .map(|a| match a {
            Author::Person { given, .. } => given.as_deref().unwrap(),
            Author::Organisation { .. } => panic!("a person"),
        })
        .collect();
    assert_eq!(given, ["C. F.", "E.", "K.", "E."]);
}

#[test]
fn silence_in_the_brief_stays_silent() {
    let c = catalogue();
    let undated: Vec<&str> = c
        .entries
        .iter()
        .filter(|e| e.year.is_none())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        undated,
        [
            "nasp-nda",
            "nhse-nda",
            "tphc-nd",
            "nasp-ndb",
            "the-star",
            "statistics",
            "national-data-programme",
            "nhse-ndb",
            "nalw-nd",
            "elfh-nd"
        ]
    );
    let cut_short: Vec<(&str, usize)> = c
        .entries
        .iter()
        .filter(|e| e.et_al)
        .map(|e| (e.id.as_str(), e.authors.len()))
        .collect();
    // Evans, Wildman (2019b), Sharman and Spencer were cut short too, until checked records
    // gave their whole author lists (enrichment.json).
    assert_eq!(
        cut_short,
        [("baird-2022", 1), ("sandhu-2022", 1), ("hazeldine-2021", 1)]
    );
    for e in &c.entries {
        for author in &e.authors {
            if let Author::Person {
                given: Some(given), ..
            } = author
            {
                assert!(!given.is_empty(), "{}", e.id);
            }
        }
        if e.et_al {
            assert!(
                matches!(&e.authors[0], Author::Person { given: None, .. }),
                "{}: no initial is invented",
                e.id
            );
        }
    }
}

#[test]
fn facts_from_beyond_the_brief_are_the_verified_ones_and_marked() {
    let c = catalogue();
    // A copy of ../shared/enrichment.json, which CI may not have.
    let enrichment: serde_json::Value =
        serde_json::from_str(include_str!("data/enrichment.json")).unwrap();
    let records = enrichment["entries"].as_array().unwrap();
    assert_eq!(records.len(), 29);
    let mut full_lists = 0;
    for record in records {
        let title = record["title"].as_str().unwrap();
        let e = c
            .entries
            .iter()
            .find(|e| e.title == title)
            .unwrap_or_else(|| panic!("{title}"));
        let fields = [
            ("doi", catalogue::Enriched::Doi, e.doi.as_deref()),
            ("url", catalogue::Enriched::Url, e.url.as_deref()),
            ("volume", catalogue::Enriched::Volume, e.volume.as_deref()),
        ];
        for (field, enriched, value) in fields {
            if let Some(want) = record[field].as_str() {
                assert_eq!(value, Some(want), "{} {field}", e.id);
                assert!(e.is_enriched(enriched), "{} {field}", e.id);
            }
        }
        if let Some(pages) = record["pages"].as_str() {
            assert!(e.is_enriched(catalogue::Enriched::Pages), "{}", e.id);
            assert_eq!(e.pages.as_deref(), Some(pages), "{}", e.id);
        }
        if let Some(authors) = record["authors"].as_array() {
            full_lists += 1;
            assert!(e.is_enriched(catalogue::Enriched::Authors), "{}", e.id);
            assert!(!e.et_al, "{}", e.id);
            let names: Vec<String> = e.authors.iter().map(Author::inverted).collect();
            let expected: Vec<String> = authors
                .iter()
                .map(|a| {
                    format!(
                        "{}, {}",
                        a["family"].as_str().unwrap(),
                        a["given"].as_str().unwrap()
                    )
                })
                .collect();
            assert_eq!(names, expected, "{}", e.id);
        }
    }
    assert_eq!(full_lists, 13);
    let with_doi = c.entries.iter().filter(|e| e.doi.is_some()).count();
    assert_eq!(with_doi, 22, "no DOI beyond the verified ones");
}

/// The brief's text as one line, without the page header, Markdown or formula markup.
fn brief_text() -> String {
    let raw = include_str!("data/evidence-brief.md");
    let mut text = String::new();
    for line in raw.lines() {
        if line.trim_start_matches('#').trim() == "Evidence Brief: Social Prescribing Link Workers"
        {
            continue;
        }
        text.push_str(line);
        text.push(' ');
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    // [text](target) → text
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](") {
            Some(close) if !after[..close].contains('[') => {
                out.push_str(&after[..close]);
                let target = &after[close + 2..];
                rest = target.find(')').map_or("", |end| &target[end + 1..]);
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("\\(", "(")
        .replace("\\)", ")")
        .replace("\\*", "*")
        .replace("**", "")
        .replace("( $\\geq 50$  years)", "(≥50 years)")
        .replace(
            "( $\\geq 2$  long-term conditions)",
            "(≥2 long-term conditions)",
        )
        .replace("( $>£5000$  change in costs)", "(>£5000 change in costs)");
    squash(&out)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_title_abstract_and_note_is_the_briefs_own_text() {
    let brief = brief_text();
    let c = catalogue();
    for e in &c.entries {
        assert!(
            brief.contains(&squash(&e.title)),
            "{}: title not in the brief: {}",
            e.id,
            e.title
        );
        if let Some(text) = &e.abstract_text {
            // Lists are laid out one item a line; the brief's own layout differs only in spaces.
            assert!(
                brief.contains(&squash(text)),
                "{}: abstract not word for word in the brief",
                e.id
            );
            assert!(
                !text.contains("Evidence Brief"),
                "{}: the page header is not part of it",
                e.id
            );
            for marker in ["](", "\\", "**", "$"] {
                assert!(
                    !text.contains(marker),
                    "{}: Markdown left in the abstract: {marker}",
                    e.id
                );
            }
        }
        for source in [&e.source, &e.journal].into_iter().flatten() {
            assert!(brief.contains(source.as_str()), "{}: {source}", e.id);
        }
        if !e.is_enriched(catalogue::Enriched::Authors) {
            for author in &e.authors {
                assert!(
                    brief.contains(author.family()),
                    "{}: author {} not in the brief",
                    e.id,
                    author.family()
                );
            }
        }
    }
}

#[test]
fn topics_follow_the_documented_rule() {
    let c = catalogue();
    let readme = include_str!("../brief/README.md");
    for (topic, words) in TOPIC_WORDS {
        assert!(
            readme.contains(&format!("| `{topic}` |")),
            "{topic} is documented"
        );
        assert!(c.topic(topic).is_some(), "{topic}");
        assert!(!words.is_empty());
    }
    // Every entry stands in the sections that list it, its first topic among them: the one
    // work the brief lists twice stands in two.
    let listed: usize = c.topics.iter().map(|t| t.listed.len()).sum();
    assert_eq!(listed, c.placements);
    assert_eq!(listed, c.entries.len() + 1);
    for e in &c.entries {
        let title = e.title.to_lowercase();
        let first = c.topic(&e.topics[0]).unwrap();
        assert!(
            first.lists(&e.id),
            "{}: its first topic is its section",
            e.id
        );
        // Every other topic is a section that lists it too, or a tag that one of its words backs.
        for topic in &e.topics {
            let section = c.topic(topic).unwrap().lists(&e.id);
            assert!(
                section || catalogue::tag_reason(e, topic).is_some(),
                "{}: nothing in its text signals {topic}",
                e.id
            );
        }
        for (topic, words) in TOPIC_WORDS {
            if words.iter().any(|w| title.contains(w)) {
                assert!(
                    e.topics.iter().any(|t| t == topic),
                    "{}: its title names {topic}",
                    e.id
                );
            }
        }
    }
    // The issue's own example: loneliness finds more than the one paper filed under it.
    let lonely: Vec<&str> = c
        .entries
        .iter()
        .filter(|e| e.topics.iter().any(|t| t == "loneliness"))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        lonely,
        [
            "foster-2021",
            "wildman-2019a",
            "moffatt-2017",
            "elston-2019"
        ]
    );
}

/// The keys of an entry's JSON as the README's table lists them, each with whether it is there
/// only where it has something to say ("(only where …)").
fn documented_entry_keys() -> Vec<(String, bool)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("An entry is\nan object with exactly these keys")
        .unwrap();
    let table = readme[start..]
        .lines()
        .skip_while(|line| !line.starts_with("| key |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'));
    let mut keys = Vec::new();
    for row in table {
        let cell = row.split('|').nth(1).unwrap();
        let optional = cell.contains("(only where");
        for key in cell.split('`').skip(1).step_by(2) {
            keys.push((key.to_string(), optional));
        }
    }
    keys
}

#[test]
fn json_entries_have_exactly_the_documented_keys() {
    let c = catalogue();
    let documented = documented_entry_keys();
    assert_eq!(documented.len(), 26, "{documented:?}");
    // As `--json` writes an entry: with the sections the brief lists it under.
    let written = splw::present::json_entries(&c, &c.entries.iter().collect::<Vec<_>>());
    for (e, written) in c.entries.iter().zip(&written) {
        let value = serde_json::to_value(written).unwrap();
        let object = value.as_object().unwrap();
        let got: Vec<&str> = object.keys().map(String::as_str).collect();
        // The optional ones are there only where there is something to say: an address, and
        // facts from outside the brief with the records they were seen in.
        let present = |key: &str| match key {
            "url" => e.url.is_some(),
            "enriched" => !e.enriched.is_empty(),
            "seen_at" => !e.seen_at.is_empty(),
            other => panic!("the README says `{other}` is optional"),
        };
        let mut want: Vec<&str> = documented
            .iter()
            .filter(|(key, optional)| !optional || present(key))
            .map(|(key, _)| key.as_str())
            .collect();
        want.sort_unstable();
        let mut got_sorted = got.clone();
        got_sorted.sort_unstable();
        assert_eq!(got_sorted, want, "{}", e.id);
        for author in object["authors"].as_array().unwrap() {
            let names: Vec<&str> = author
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert!(
                names == ["family", "given"] || names == ["literal"],
                "{}: {names:?}",
                e.id
            );
        }
        assert!(object["aliases"].is_array() && object["topics"].is_array());
    }
}

#[test]
fn the_catalogue_built_in_at_build_time_is_the_one_the_files_load_to() {
    let parsed = catalogue::build(&splw::embedded::files());
    assert!(parsed.problems.is_empty());
    assert_eq!(splw::embedded::catalogue(), parsed.catalogue);
}

#[test]
fn every_work_is_coded_for_design_and_country() {
    // A work coded as stating no design or country says so, `design = []`: one with no `design`
    // at all has not been coded. (nhse-2023a, in two sections, is coded in both, alike.)
    let mut coded = HashSet::new();
    for file in splw::embedded::files() {
        let table: toml::Table = toml::from_str(&file.text).unwrap();
        let Some(entries) = table.get("entry").and_then(|e| e.as_array()) else {
            continue;
        };
        for entry in entries {
            let id = entry["id"].as_str().unwrap();
            assert!(entry.get("design").is_some(), "{id} has no `design`");
            assert!(entry.get("country").is_some(), "{id} has no `country`");
            coded.insert(id.to_string());
        }
    }
    assert_eq!(coded.len(), 57);
    // The reconciled coding, value by value: a change to it is a change to these counts.
    let c = catalogue();
    let count = |design: &str| {
        c.entries
            .iter()
            .filter(|e| e.design.iter().any(|d| d.as_str() == design))
            .count()
    };
    let counts: Vec<usize> = [
        "systematic-review",
        "review",
        "qualitative",
        "mixed-methods",
        "economic",
        "not-research",
    ]
    .map(count)
    .to_vec();
    assert_eq!(counts, [1, 3, 15, 6, 5, 19]);
    let english = c
        .entries
        .iter()
        .filter(|e| e.country.contains(&"England".to_string()));
    assert_eq!(english.count(), 16);
}

#[test]
fn a_work_in_two_sections_is_coded_in_one_or_alike_in_both() {
    let section = |id: &str, coding: &str| {
        format!(
            "[section]\nid = \"{id}\"\ntitle = \"{id}\"\n\n[[entry]]\nid = \"smith-2020\"\n\
             kind = \"report\"\ntitle = \"A qualitative study in Wales\"\n\
             authors = [{{ family = \"Smith\" }}]\nyear = 2020\ntopics = [\"{id}\"]\n{coding}"
        )
    };
    let brief = |first: &str, second: &str| {
        let files = [
            catalogue::SourceFile::new("00-front.toml", "[brief]\ntitle = \"T\"\n".into()),
            catalogue::SourceFile::new("01-alpha.toml", section("alpha", first)),
            catalogue::SourceFile::new("02-beta.toml", section("beta", second)),
        ];
        catalogue::build(&files)
    };
    let qualitative = "design = [\"qualitative\"]\n\
                       evidence = { qualitative = \"A qualitative study\" }\n";
    // Given in the second file only, the coding is the entry's.
    let one = brief("", qualitative);
    assert!(one.problems.is_empty(), "{:?}", one.problems);
    let entry = &one.catalogue.entries[0];
    assert_eq!(entry.design.len(), 1);
    assert_eq!(
        entry.evidence.values().next().unwrap(),
        "A qualitative study"
    );
    assert!(brief(qualitative, qualitative).problems.is_empty());
    let differ = brief(qualitative, "design = [\"not-research\"]\n");
    let messages: Vec<String> = differ.problems.iter().map(|p| p.message.clone()).collect();
    assert_eq!(
        messages,
        ["`smith-2020` is also in 01-alpha.toml, with a different `design`: the two must agree"]
    );
}
