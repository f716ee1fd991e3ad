//! A synthetic brief of any size, for benchmarks: a front-matter file and one section file for
//! each of the real brief's 21 sections, with field sizes like the real brief's (titles of about
//! 100 characters, 1 to 15 authors, abstracts with a median of about 1,900 characters for articles
//! and short summaries for other works, journal details, some DOIs) and every entry valid under
//! `splw check` (ids follow brief/README.md's id rule).
//!
//! Deterministic: the same N always gives the same files. Shared by `examples/gen_brief.rs` and
//! `benches/splw.rs`, which include it with `#[path]`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// A section file may be at most this large (splw refuses larger ones).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A 64-bit linear congruential generator (Knuth's MMIX constants), high bits out.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next_u32()) * n as u64) >> 32) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The real brief's sections: id, title, group, page, and a word that signals the topic in a
/// title or abstract (brief/README.md's topic rule).
#[rustfmt::skip]
const SECTIONS: &[(&str, &str, Option<&str>, u32, &str)] = &[
    ("key-publications", "Key publications – the big picture", None, 3, "policy"),
    ("case-studies", "Case Studies", None, 5, "case study"),
    ("the-star", "The Star for workforce redesign", None, 5, "workforce redesign"),
    ("statistics", "Statistics", None, 5, "statistics"),
    ("national-data-programme", "National Data Programme", None, 5, "data"),
    ("systematic-review", "Systematic Review", Some(PEER), 6, "systematic review"),
    ("children-and-young-people", "Children and Young People", Some(PEER), 6, "young people"),
    ("education-training-and-skills", "Education, Training and Skills", Some(PEER), 7, "training"),
    ("health-inequalities", "Health Inequalities", Some(PEER), 10, "inequalities"),
    ("learning-from-covid-19", "Learning from Covid-19", Some(PEER), 11, "COVID-19"),
    ("loneliness", "Loneliness", Some(PEER), 13, "loneliness"),
    ("long-term-conditions", "Long-term Conditions", Some(PEER), 14, "long-term conditions"),
    ("mental-health", "Mental Health", Some(PEER), 17, "mental health"),
    ("older-people", "Older people", Some(PEER), 18, "older people"),
    ("palliative-care", "Palliative Care", Some(PEER), 18, "palliative"),
    ("professional-identity", "Professional Identity", Some(PEER), 19, "professional identity"),
    ("scope-of-practice", "Scope of practice", Some(PEER), 19, "scope of practice"),
    ("workforce", "Workforce", Some(PEER), 24, "workforce"),
    ("networks", "Networks", None, 24, "network"),
    ("elearning", "eLearning", None, 25, "eLearning"),
    ("competency-frameworks", "Competency Frameworks", None, 25, "competency"),
];

const PEER: &str = "Published Peer Reviewed Research";

/// The research sections (with a group): the topics an entry may carry besides its own.
fn research_sections() -> Vec<usize> {
    (0..SECTIONS.len())
        .filter(|&i| SECTIONS[i].2.is_some())
        .collect()
}

const FAMILIES: &[&str] = &[
    "Kiely",
    "Foster",
    "Moffatt",
    "Wildman",
    "Elston",
    "Carpenter",
    "Fixsen",
    "Tierney",
    "Rhodes",
    "Bell",
    "Sandhu",
    "Griffith",
    "Rothe",
    "Roberts",
    "White",
    "Hazeldine",
    "Wallace",
    "Sharman",
    "Mills",
    "Farina",
    "Corline",
    "Makanjuola",
    "Spencer",
    "Frostick",
    "Wilding",
    "Evans",
    "Hunter",
    "Noonan",
    "Moore",
    "Plimpton",
    "Baird",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Walker",
    "Hughes",
    "Green",
    "Lewis",
    "Wood",
    "Harris",
    "Martin",
    "Jackson",
    "Clarke",
    "Turner",
    "Hill",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Watson",
    "Harrison",
    "Morgan",
    "Baker",
    "Patel",
    "Khan",
    "Ahmed",
    "Ali",
    "Singh",
    "Begum",
    "Chen",
    "Nguyen",
    "O'Shea",
    "O'Brien",
    "McGowan",
    "MacDonald",
    "Linceviciūtė",
    "Müller",
    "García",
    "Søndergaard",
    "Ní Bhriain",
    "van der Berg",
    "de Souza",
    "Boland",
    "Croke",
    "Connolly",
    "Playle",
    "Sanchez",
    "Cahill",
    "Barrett",
    "Thomas",
    "Lloyd",
    "Price",
    "Owen",
    "Bennett",
    "Gray",
];

const FAMILY_STARTS: &[&str] = &[
    "Ash", "Brad", "Carr", "Dun", "Elm", "Fair", "Gold", "Hart", "Ire", "Kings", "Lang", "Mar",
    "Nor", "Oak", "Pen", "Rad", "Stan", "Thorn", "Up", "Wes", "Whit", "York", "Bur", "Cal",
];

const FAMILY_ENDS: &[&str] = &[
    "ley", "ton", "ford", "wood", "field", "by", "well", "ham", "son", "worth", "combe", "hurst",
    "more", "wick", "stead", "den", "bury", "land", "gate", "ridge",
];

const GIVENS: &[&str] = &[
    "Bridget",
    "Aisling",
    "Muireann",
    "Fiona",
    "Eamon",
    "Deirdre",
    "Susan M",
    "Alexis",
    "Jill",
    "Suzanne",
    "Tom",
    "Josephine",
    "Charlotte",
    "Kate",
    "Bethan",
    "Rachel",
    "James",
    "Mohammed",
    "Priya",
    "Anna",
    "Oliver",
    "Sophie",
    "Daniel",
    "Grace",
    "Samuel",
    "Hannah",
    "Aoife",
    "Chloé",
    "Siân",
    "Zoë",
    "Kwame",
    "Mei",
    "Lukas",
    "Ines",
];

const INITIALS: &[&str] = &[
    "A", "B", "C. F.", "D", "E", "G. R.", "H", "J", "K", "L", "M", "P", "R", "S", "T",
];

const JOURNALS: &[&str] = &[
    "BMJ Open",
    "British Journal of General Practice",
    "Health & Social Care in the Community",
    "BMC Health Services Research",
    "BMC Public Health",
    "Journal of Psychiatric and Mental Health Nursing",
    "Primary Health Care Research & Development",
    "International Journal of Integrated Care",
    "Perspectives in Public Health",
    "Health Expectations",
    "Journal of Public Health",
    "Public Health",
    "Social Science & Medicine",
    "Age and Ageing",
    "Palliative Medicine",
    "Journal of Interprofessional Care",
    "Family Practice",
    "Ageing & Society",
    "Health and Place",
    "International Journal of Environmental Research and Public Health",
    "London Journal of Primary Care",
    "Education for Primary Care",
    "Journal of Community Health Nursing",
    "BMC Primary Care",
];

const REGIONS: &[&str] = &[
    "North East",
    "North West",
    "Yorkshire",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Cumbria",
    "Kent",
    "Norfolk",
    "Devon",
    "Cornwall",
    "Greater Manchester",
    "Merseyside",
    "Sussex",
    "Surrey",
    "Essex",
    "Lancashire",
];

const BODIES: &[&str] = &[
    "Integrated Care Board",
    "Primary Care Network",
    "Academic Health Science Network",
    "Social Prescribing Network",
    "Council for Voluntary Service",
    "Public Health Team",
    "Link Worker Alliance",
    "Training Hub",
    "Health and Wellbeing Board",
    "Community Partnership",
];

const NATIONAL: &[(&str, &str)] = &[
    ("nasp", "National Academy for Social Prescribing"),
    ("nhse", "NHS England"),
    ("nhs", "NHS"),
    ("nalw", "National Association of Link Workers"),
    ("kf", "The King's Fund"),
    ("mhf", "Mental Health Foundation"),
    ("tphc", "Transformation Partners in Health and Care"),
    ("phe", "Public Health England"),
    ("rcgp", "Royal College of General Practitioners"),
    ("lga", "Local Government Association"),
];

const OPENINGS: &[&str] = &[
    "The impact of",
    "Exploring",
    "Evaluating",
    "Understanding",
    "A realist evaluation of",
    "Experiences of",
    "The role of",
    "Implementing",
    "Outcomes of",
    "Barriers and facilitators to",
    "Service users' perspectives of",
    "Link workers' perspectives on",
    "Effect of",
    "Mapping",
];

const SUBJECTS: &[&str] = &[
    "social prescribing link workers",
    "link worker social prescribing",
    "community-based social prescribing",
    "green social prescribing",
    "a social prescribing intervention",
    "the link worker role",
    "person-centred care planning",
    "holistic support from link workers",
    "social prescribing services in primary care networks",
    "referral pathways to voluntary sector support",
];

const POPULATIONS: &[&str] = &[
    "older adults",
    "people with long-term conditions",
    "young people",
    "adults in primary care",
    "carers",
    "people living in deprived areas",
    "patients with multimorbidity",
    "people with mental health needs",
    "frequent attenders in general practice",
    "people with type 2 diabetes",
];

const PLACES: &[&str] = &[
    "",
    "",
    " in England",
    " in North East England",
    " in Scotland",
    " in Wales",
    " during the COVID-19 pandemic",
    " in rural communities",
    " in urban general practice",
];

const DESIGNS: &[&str] = &[
    "a qualitative study",
    "a mixed methods evaluation",
    "a systematic review",
    "a scoping review",
    "a realist evaluation",
    "a cohort study",
    "a randomised controlled trial",
    "findings from a national survey",
    "a multimethod study",
    "lessons for practice",
    "a qualitative follow-up study",
];

const GUIDE_TITLES: &[&str] = &[
    "Social prescribing link worker welcome pack",
    "Workforce development framework: social prescribing link workers",
    "Social prescribing: reference guide and technical annex for primary care networks",
    "Making sense of social prescribing",
    "Social prescribing and community-based support: summary guide",
    "Building the evidence base for social prescribing",
    "A toolkit for commissioning social prescribing services",
    "Supporting the wellbeing of social prescribing link workers",
    "Care co-ordination and personalised care: a practical handbook",
    "Standards for social prescribing link worker education and training",
];

const BACKGROUNDS: &[&str] = &[
    "Social prescribing connects people to non-medical sources of support in their community, such as befriending, welfare advice, physical activity and arts groups.",
    "Link workers, also called community connectors or wellbeing coordinators, work with people referred from general practice to identify what matters to them.",
    "Policy in England has committed to a social prescribing link worker in every primary care network, yet the evidence on outcomes remains mixed.",
    "Demand on general practice continues to grow, and many consultations concern problems with social rather than medical causes.",
    "There is growing interest in community-based approaches that address the wider determinants of health, including housing, debt and isolation from local services.",
    "The role of the link worker has expanded rapidly, but little is known about how link workers are recruited, trained, supervised and supported.",
];

const AIMS: &[&str] = &[
    "This study aimed to explore how {subject} shaped the experiences of {population}.",
    "We set out to evaluate the effect of {subject} on wellbeing, health service use and costs among {population}.",
    "The aim was to understand the mechanisms through which {subject} may improve outcomes for {population}.",
    "This evaluation examined the implementation of {subject} across {count} practices and the factors that enabled or constrained it.",
];

const METHODS: &[&str] = &[
    "Semi-structured interviews were conducted with {count} participants, including service users, link workers, general practitioners and voluntary sector staff, and analysed thematically.",
    "A mixed methods design combined routinely collected data from {count} patients with interviews and observation of practice meetings over eighteen months.",
    "Electronic databases including MEDLINE, Embase, CINAHL, PsycInfo and Web of Science were searched, and {count} studies met the inclusion criteria.",
    "Outcomes were measured with the Warwick-Edinburgh Mental Wellbeing Scale and EQ-5D at baseline, six months and twelve months after referral.",
    "Focus groups with {count} staff explored their views of the service, and field notes were analysed using the constant comparative method.",
    "A survey was distributed to link workers through professional networks and received {count} responses from across the country.",
];

const RESULTS: &[&str] = &[
    "Participants valued having time to talk, a non-judgemental relationship and practical help to reach community groups they had not known about.",
    "Link workers described high caseloads, variable supervision and uncertainty about the boundaries of their role within the practice team.",
    "Improvements in wellbeing were reported by most participants, although changes in health service use were small and not statistically significant.",
    "Engagement was greatest where link workers were embedded in practices, had access to records and could draw on a strong local voluntary sector.",
    "Barriers included short-term funding, inconsistent referral criteria, limited capacity in community organisations and difficulties recording outcomes.",
    "People with complex needs often required longer and more intensive support than the model of six to twelve sessions anticipated.",
    "Costs per participant varied widely between schemes, and few studies reported enough information to estimate cost-effectiveness.",
    "Staff highlighted the importance of peer support, reflective practice and clear career pathways for retaining experienced link workers.",
];

const CONCLUSIONS: &[&str] = &[
    "Social prescribing link workers can help people to address the social determinants of their health, but services need secure funding and clear outcome measures.",
    "Future research should use controlled designs with longer follow-up and report the content and intensity of link worker support.",
    "Commissioners should consider the capacity of the voluntary and community sector when planning social prescribing schemes.",
    "These findings have implications for the training, supervision and wellbeing of the growing link worker workforce.",
    "A more consistent approach to recording referrals and outcomes would strengthen the evidence base for policy and practice.",
];

/// A sentence that ties an abstract to a topic, around the topic's signal word.
const TOPIC_SENTENCES: &[&str] = &[
    "Findings on {word} were a central theme of the analysis.",
    "Participants and staff described how {word} shaped the support that was offered.",
    "The study paid particular attention to {word} among those referred.",
];

struct Person {
    family: String,
    given: Option<String>,
}

enum Authors {
    People(Vec<Person>),
    Organisation(String),
    None,
}

struct Gen {
    section: usize,
    key: String,
    id: String,
    kind: &'static str,
    title: String,
    authors: Authors,
    et_al: bool,
    year: Option<usize>,
    month: Option<usize>,
    source: Option<String>,
    journal: Option<(&'static str, usize, Option<usize>, Option<String>)>,
    doi: Option<String>,
    access: bool,
    topics: Vec<usize>,
    abstract_text: Option<String>,
    notes: Option<String>,
    enriched: bool,
    alias: Option<String>,
    /// A later section that lists this entry too, as the real brief lists one work twice.
    also_in: Option<usize>,
}

/// The brief's files, as (file name, text), for `n` entries.
pub fn brief(n: usize) -> Vec<(String, String)> {
    let mut rng = Lcg::new(n as u64);
    let research = research_sections();
    let mut slots: HashMap<String, usize> = HashMap::new();
    let mut entries: Vec<Gen> = Vec::with_capacity(n);
    for i in 0..n {
        // Consecutive runs of entries per section, in the brief's order.
        let section = i * SECTIONS.len() / n.max(1);
        let mut entry = generate(&mut rng, i, section, &research);
        // At most 26 works share a name and a year: the id rule has letters a to z for them.
        while slots.get(&entry.key).is_some_and(|&count| count >= 26) {
            entry = generate(&mut rng, i, section, &research);
        }
        *slots.entry(entry.key.clone()).or_default() += 1;
        entries.push(entry);
    }
    // Letters, in the brief's order, for every id that more than one work would get.
    let mut used: HashMap<String, u8> = HashMap::new();
    for entry in &mut entries {
        if slots.get(&entry.key).is_some_and(|&count| count > 1) {
            let letter = used.entry(entry.key.clone()).or_insert(b'a');
            entry.id = format!("{}{}", entry.key, *letter as char);
            *letter += 1;
        } else {
            entry.id = entry.key.clone();
        }
    }

    let mut files = vec![("00-front-matter.toml".to_string(), front_matter(n))];
    for (s, (id, title, group, page, _)) in SECTIONS.iter().enumerate() {
        let mut text = format!(
            "# A synthetic section of a {n}-entry brief, written by examples/gen_brief.rs.\n\n\
             [section]\nid = {}\ntitle = {}\n",
            quote(id),
            quote(title)
        );
        if let Some(group) = group {
            let _ = writeln!(text, "group = {}", quote(group));
        }
        let _ = writeln!(text, "page = {page}");
        for entry in entries.iter().filter(|e| e.section == s) {
            write_entry(&mut text, entry);
        }
        for entry in entries.iter().filter(|e| e.also_in == Some(s)) {
            write_second_placement(&mut text, entry, s);
        }
        assert!(
            text.len() <= MAX_FILE_BYTES,
            "section file {s} is {} bytes, over splw's limit",
            text.len()
        );
        files.push((format!("{:02}-{id}.toml", s + 1), text));
    }
    files
}

/// The most entries a brief of 21 sections holds before a section file passes splw's 16 MiB
/// limit (at 100,000 entries the largest file is 13.7 MB).
pub const MAX_ENTRIES: usize = 110_000;

/// Writes the brief's files into `dir`, creating it if need be.
pub fn write(n: usize, dir: &Path) -> io::Result<()> {
    if n > MAX_ENTRIES {
        return Err(io::Error::other(format!(
            "{n} entries would make section files larger than splw reads (at most {MAX_ENTRIES})"
        )));
    }
    fs::create_dir_all(dir)?;
    for (name, text) in brief(n) {
        fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn generate(rng: &mut Lcg, i: usize, section: usize, research: &[usize]) -> Gen {
    let peer = SECTIONS[section].2.is_some();
    let article = if peer { rng.chance(92) } else { rng.chance(25) };
    let kind = if article {
        "journal-article"
    } else {
        *rng.pick(&[
            "report",
            "guide",
            "toolkit",
            "case-study",
            "web-page",
            "framework",
            "plan",
            "standards",
            "elearning",
            "network",
        ])
    };

    // Who wrote it: people, or an organisation as author, or only an organisation as source.
    let (prefix, source_name) = organisation(rng);
    let authors = if article || rng.chance(25) {
        let count = if article {
            *rng.pick(&[1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12, 15])
        } else {
            rng.between(1, 4)
        };
        Authors::People((0..count).map(|_| person(rng)).collect())
    } else if rng.chance(30) {
        Authors::Organisation(source_name.clone())
    } else {
        Authors::None
    };
    // The brief often cuts an author list short: "Sandhu et al."
    let et_al = matches!(&authors, Authors::People(p) if p.len() == 1) && rng.chance(40);
    let year = if article || rng.chance(90) {
        Some(rng.between(1998, 2024))
    } else {
        None
    };
    let month = year.filter(|_| rng.chance(40)).map(|_| rng.between(1, 12));
    let name = match &authors {
        Authors::People(people) => splw::text::ascii_slug(&people[0].family),
        _ => prefix,
    };
    let key = format!(
        "{name}-{}",
        year.map_or_else(|| "nd".to_string(), |y| y.to_string())
    );

    // Topics: the section's own, and up to three research topics the text then speaks of.
    let mut topics = vec![section];
    for _ in 0..*rng.pick(&[0, 0, 1, 1, 1, 2, 2, 3]) {
        let topic = *rng.pick(research);
        if !topics.contains(&topic) {
            topics.push(topic);
        }
    }

    let population = *rng.pick(POPULATIONS);
    let subject = *rng.pick(SUBJECTS);
    let title = if article {
        let mut title = format!(
            "{} {subject} for {population}{}: {}",
            rng.pick(OPENINGS),
            rng.pick(PLACES),
            rng.pick(DESIGNS)
        );
        if rng.chance(50) {
            let _ = write!(title, " of {}", SECTIONS[section].4);
        }
        title
    } else {
        format!("{} ({})", rng.pick(GUIDE_TITLES), SECTIONS[section].4)
    };

    let journal = article.then(|| {
        let pages = rng.chance(70).then(|| {
            let start = rng.between(1, 2400);
            format!("{start}-{}", start + rng.between(5, 20))
        });
        let issue = rng.chance(80).then(|| rng.between(1, 12));
        (*rng.pick(JOURNALS), rng.between(1, 60), issue, pages)
    });
    let doi = (article && rng.chance(55)).then(|| {
        format!(
            "10.{}/synthetic.{}.{i}",
            rng.between(1000, 9999),
            year.unwrap_or(2000)
        )
    });
    let enriched = doi.is_some() && rng.chance(30);
    let source = (!article).then_some(source_name);
    // Lengths as in the real brief: an article's abstract has a median of about 1,900
    // characters (555 to 4,729); nine in ten other works have a summary of about 350.
    let words: Vec<&str> = topics.iter().map(|&t| SECTIONS[t].4).collect();
    let abstract_text = if article {
        let target = match rng.below(10) {
            0 => rng.between(500, 1600),
            9 => rng.between(2300, 4700),
            _ => rng.between(1600, 2300),
        };
        Some(abstract_text(rng, subject, population, &words, target))
    } else {
        rng.chance(88).then(|| {
            let target = match rng.below(10) {
                0..=6 => rng.between(60, 500),
                _ => rng.between(500, 1200),
            };
            summary_text(rng, &words, target)
        })
    };
    let notes = rng
        .chance(10)
        .then(|| "Synthetic entry: the brief gives no page numbers for this work.".to_string());
    let alias = rng.chance(1).then(|| format!("syn-ref-{i}"));
    let also_in = (rng.chance(1) && section + 1 < SECTIONS.len())
        .then(|| rng.between(section + 1, SECTIONS.len() - 1));

    Gen {
        section,
        key,
        id: String::new(),
        kind,
        title,
        authors,
        et_al,
        year,
        month,
        source,
        journal,
        doi,
        access: article && rng.chance(20),
        topics,
        abstract_text,
        notes,
        enriched,
        alias,
        also_in,
    }
}

/// An organisation's id prefix and name: a national body, or a regional one named by initials.
fn organisation(rng: &mut Lcg) -> (String, String) {
    if rng.chance(40) {
        let (prefix, name) = *rng.pick(NATIONAL);
        return (prefix.to_string(), name.to_string());
    }
    let name = format!("{} {}", rng.pick(REGIONS), rng.pick(BODIES));
    let prefix = name
        .split(' ')
        .filter_map(|word| word.chars().next())
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (prefix, name)
}

fn person(rng: &mut Lcg) -> Person {
    let family = if rng.chance(60) {
        rng.pick(FAMILIES).to_string()
    } else {
        format!("{}{}", rng.pick(FAMILY_STARTS), rng.pick(FAMILY_ENDS))
    };
    let given = match rng.below(10) {
        0 => None,
        1..=5 => Some(rng.pick(GIVENS).to_string()),
        _ => Some(rng.pick(INITIALS).to_string()),
    };
    Person { family, given }
}

/// Background, aim, methods, results, a sentence per topic, conclusions: about `target`
/// characters in one to three paragraphs.
fn abstract_text(
    rng: &mut Lcg,
    subject: &str,
    population: &str,
    words: &[&str],
    target: usize,
) -> String {
    // One of `templates`, its blanks filled in.
    let fill = |templates: &[&str], rng: &mut Lcg| {
        rng.pick(templates)
            .replace("{subject}", subject)
            .replace("{population}", population)
            .replace("{count}", &rng.between(6, 480).to_string())
    };
    let mut sentences = vec![
        rng.pick(BACKGROUNDS).to_string(),
        fill(AIMS, rng),
        fill(METHODS, rng),
    ];
    for word in words {
        sentences.push(rng.pick(TOPIC_SENTENCES).replace("{word}", word));
    }
    let mut length: usize = sentences.iter().map(|s| s.len() + 1).sum();
    let conclusion = rng.pick(CONCLUSIONS).to_string();
    while length + conclusion.len() < target {
        let sentence = match rng.below(4) {
            0 => fill(METHODS, rng),
            _ => rng.pick(RESULTS).to_string(),
        };
        length += sentence.len() + 1;
        sentences.push(sentence);
    }
    sentences.push(conclusion);
    let breaks = rng.below(3);
    let count = sentences.len();
    let mut text = String::with_capacity(length + 8);
    for (k, sentence) in sentences.iter().enumerate() {
        if k > 0 {
            let paragraph = breaks > 0 && (k == count / 2 || (breaks > 1 && k == count / 4));
            text.push_str(if paragraph { "\n\n" } else { " " });
        }
        text.push_str(sentence);
    }
    text
}

/// A report's or guide's summary: a background sentence, a sentence per topic, then findings
/// until it reaches about `target` characters, in one paragraph.
fn summary_text(rng: &mut Lcg, words: &[&str], target: usize) -> String {
    let mut text = rng.pick(BACKGROUNDS).to_string();
    for word in words {
        text.push(' ');
        text.push_str(&rng.pick(TOPIC_SENTENCES).replace("{word}", word));
    }
    while text.len() < target {
        let sentence = *rng.pick(RESULTS);
        text.push(' ');
        text.push_str(sentence);
    }
    text
}

fn write_entry(out: &mut String, e: &Gen) {
    let _ = write!(
        out,
        "\n[[entry]]\nid = {}\nkind = {}\ntitle = {}\n",
        quote(&e.id),
        quote(e.kind),
        quote(&e.title)
    );
    if let Some(alias) = &e.alias {
        let _ = writeln!(out, "aliases = [{}]", quote(alias));
    }
    match &e.authors {
        Authors::People(people) => {
            out.push_str("authors = [\n");
            for p in people {
                match &p.given {
                    Some(given) => {
                        let _ = writeln!(
                            out,
                            "  {{ family = {}, given = {} }},",
                            quote(&p.family),
                            quote(given)
                        );
                    }
                    None => {
                        let _ = writeln!(out, "  {{ family = {} }},", quote(&p.family));
                    }
                }
            }
            out.push_str("]\n");
        }
        Authors::Organisation(name) => {
            let _ = writeln!(out, "authors = [{{ literal = {} }}]", quote(name));
        }
        Authors::None => {}
    }
    if e.et_al {
        out.push_str("et_al = true\n");
    }
    if let Some(year) = e.year {
        let _ = writeln!(out, "year = {year}");
    }
    if let Some(month) = e.month {
        let _ = writeln!(out, "month = {month}");
    }
    if let Some(source) = &e.source {
        let _ = writeln!(out, "source = {}", quote(source));
    }
    if let Some((journal, volume, issue, pages)) = &e.journal {
        let _ = writeln!(out, "journal = {}\nvolume = \"{volume}\"", quote(journal));
        if let Some(issue) = issue {
            let _ = writeln!(out, "issue = \"{issue}\"");
        }
        if let Some(pages) = pages {
            let _ = writeln!(out, "pages = \"{pages}\"");
        }
    }
    if let Some(doi) = &e.doi {
        let _ = writeln!(out, "doi = {}", quote(doi));
    }
    if e.access {
        out.push_str("access = \"abstract-only\"\n");
    }
    let topics: Vec<String> = e.topics.iter().map(|&t| quote(SECTIONS[t].0)).collect();
    let _ = writeln!(out, "topics = [{}]", topics.join(", "));
    if let Some(text) = &e.abstract_text {
        let _ = writeln!(out, "abstract = \"\"\"\n{}\n\"\"\"", escape(text));
    }
    if let Some(notes) = &e.notes {
        let _ = writeln!(out, "notes = {}", quote(notes));
    }
    if e.enriched {
        out.push_str("enriched = [\"doi\"]\n");
    }
}

/// The same work listed again in another section: the fields both must agree on, and its topic.
fn write_second_placement(out: &mut String, e: &Gen, section: usize) {
    let _ = write!(
        out,
        "\n[[entry]]\nid = {}\nkind = {}\ntitle = {}\n",
        quote(&e.id),
        quote(e.kind),
        quote(&e.title)
    );
    if e.et_al {
        out.push_str("et_al = true\n");
    }
    let _ = writeln!(out, "topics = [{}]", quote(SECTIONS[section].0));
    if e.notes.is_none() {
        let _ = writeln!(
            out,
            "notes = {}",
            quote(&format!("Also listed under {}.", SECTIONS[e.section].1))
        );
    }
}

fn front_matter(n: usize) -> String {
    let title = format!("Evidence Brief: Synthetic Benchmark Brief ({n} entries)");
    let acknowledgement =
        format!("{title}. Bench Marker. (April 2024). UK: Synthetic Knowledge Management Team");
    format!(
        "# The front matter of a synthetic {n}-entry brief, written by examples/gen_brief.rs.\n\n\
         [brief]\n\
         title = {}\n\
         author = \"Bench Marker\"\n\
         year = 2024\n\
         month = 4\n\
         publisher = \"Synthetic Knowledge Management Team\"\n\
         place = \"UK\"\n\
         produced_by = \"Produced by the synthetic Knowledge Management team\"\n\
         purpose = \"A synthetic brief of realistic size, for measuring splw.\"\n\
         acknowledgement = {}\n\
         updates = \"\"\"\n\
         There will be no update to this synthetic brief.\n\n\
         - Generated by examples/gen_brief.rs\n\
         \"\"\"\n\
         access_help = \"\"\"\n\
         Every work in this brief is invented: none of them can be read.\n\n\
         For help with the real brief, contact the Knowledge Management team.\n\
         \"\"\"\n\
         contact = \"bench@example.org\"\n",
        quote(&title),
        quote(&acknowledgement)
    )
}

/// A TOML basic string, on one line.
fn quote(text: &str) -> String {
    format!("\"{}\"", escape(&text.replace('\n', " ")))
}

/// Text escaped for a TOML basic or multi-line basic string (newlines kept).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}
