//! The rule by which splw tags an entry with a topic besides its section (brief/README.md): the
//! entry's own title or abstract plainly addresses the topic, in one of the topic's words.

use super::{Entry, Topic};

/// The words that signal each topic of the built-in brief, as brief/README.md lists them.
pub const TOPIC_WORDS: &[(&str, &[&str])] = &[
    (
        "systematic-review",
        &[
            "systematic review",
            "scoping review",
            "integrative review",
            "literature review",
        ],
    ),
    (
        "children-and-young-people",
        &["children", "child", "young people", "adolescent"],
    ),
    (
        "education-training-and-skills",
        &[
            "training",
            "trained",
            "skills",
            "competency",
            "competencies",
            "competence",
            "educational",
        ],
    ),
    (
        "health-inequalities",
        &[
            "inequalities",
            "inequities",
            "deprived",
            "deprivation",
            "disadvantage",
        ],
    ),
    (
        "learning-from-covid-19",
        &["covid-19", "pandemic", "lockdown"],
    ),
    ("loneliness", &["loneliness", "lonely", "isolation"]),
    (
        "long-term-conditions",
        &[
            "long-term condition",
            "multimorbidity",
            "chronic",
            "diabetes",
        ],
    ),
    (
        "mental-health",
        &[
            "mental health",
            "mental ill health",
            "anxiety",
            "depression",
        ],
    ),
    ("older-people", &["older people", "older adults"]),
    ("palliative-care", &["palliative", "end-of-life"]),
    ("professional-identity", &["professional identity"]),
    ("scope-of-practice", &["scope of practice"]),
    ("workforce", &["workforce", "recruitment", "retention"]),
];

/// Why splw's rule tags `entry` with `topic`: the part of the entry that has one of the topic's
/// words, and the word. `None` for a topic that has no words (another brief's).
pub fn tag_reason(entry: &Entry, topic: &str) -> Option<(&'static str, &'static str)> {
    let (_, words) = TOPIC_WORDS.iter().find(|(t, _)| *t == topic)?;
    let title = entry.title.to_lowercase();
    let text = entry.abstract_text.as_deref().unwrap_or("").to_lowercase();
    words.iter().find_map(|word| {
        if title.contains(word) {
            Some(("title", *word))
        } else {
            text.contains(word).then_some(("abstract", *word))
        }
    })
}

/// A topic splw's rules tag the entry with, and the rule that did: "Older people (its abstract
/// says \"older\")".
pub fn tagged(entry: &Entry, topic: &Topic) -> String {
    match tag_reason(entry, &topic.id) {
        Some((part, word)) => format!("{} (its {part} says \"{word}\")", topic.label),
        None => topic.label.clone(),
    }
}
