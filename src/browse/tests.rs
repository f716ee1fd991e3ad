//! The state machine, key by key, on the built-in brief: no terminal needed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::state::*;
use crate::catalogue::{Catalogue, Kind};
use crate::cite::StyleName;

fn browse() -> State<'static> {
    let catalogue = crate::embedded::catalogue();
    let catalogue: &'static Catalogue = Box::leak(Box::new(catalogue));
    State::new(
        catalogue,
        catalogue.entries.iter().collect(),
        StyleName::Harvard,
    )
}

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        assert!(matches!(state.key(Key::Char(c)), Action::None));
    }
}

fn ids(state: &State) -> Vec<String> {
    state.shown.iter().map(|f| f.entry.id.clone()).collect()
}

fn accepted(action: Action) -> Vec<String> {
    match action {
        Action::Accept(ids) => ids,
        other => panic!("expected Accept, got {other:?}"),
    }
}

#[test]
fn it_starts_with_every_entry_in_the_brief_order() {
    let state = browse();
    assert_eq!(state.shown.len(), 57);
    assert_eq!(state.total(), 57);
    assert_eq!(state.current().unwrap().id, state.catalogue.entries[0].id);
}

#[test]
fn typing_narrows_the_list_with_find_s_search_and_backspace_widens_it() {
    let mut state = browse();
    typed(&mut state, "lonliness");
    // As `splw find lonliness`: the typo forgiven, the works about loneliness, best first.
    let found = crate::search::Query::new("lonliness")
        .unwrap()
        .run(state.catalogue, None, state.catalogue.entries.iter())
        .hits;
    let found: Vec<String> = found.iter().map(|h| h.entry.id.clone()).collect();
    assert_eq!(ids(&state), found);
    assert_eq!(found[0], "foster-2021");
    assert!(!state.shown[0].marks.is_empty(), "the match is highlighted");
    state.key(Key::Ctrl('u'));
    typed(&mut state, "lonez");
    let before = state.shown.len();
    state.key(Key::Backspace);
    assert_eq!(state.query, "lone");
    assert!(
        state.shown.len() > before,
        "{before} then {}",
        state.shown.len()
    );
    state.key(Key::Ctrl('u'));
    assert_eq!((state.query.as_str(), state.shown.len()), ("", 57));
}

#[test]
fn ctrl_w_deletes_the_last_word() {
    let mut state = browse();
    typed(&mut state, "green covid");
    state.key(Key::Ctrl('w'));
    assert_eq!(state.query, "green ");
}

#[test]
fn a_query_that_cannot_be_searched_for_says_why() {
    let mut state = browse();
    typed(&mut state, "!covid");
    assert!(state.shown.is_empty());
    assert!(
        state
            .hint
            .as_deref()
            .unwrap()
            .contains("nothing to look for")
    );
}

#[test]
fn moving_stays_in_the_list_and_keeps_the_selection_on_screen() {
    let mut state = browse();
    state.fit(10);
    state.key(Key::Up);
    assert_eq!(state.list.selected, 0);
    state.key(Key::Down);
    state.key(Key::Ctrl('n'));
    assert_eq!(state.list.selected, 2);
    state.key(Key::Ctrl('p'));
    assert_eq!(state.list.selected, 1);
    state.key(Key::PageDown);
    assert_eq!((state.list.selected, state.list.offset), (11, 2));
    state.key(Key::End);
    assert_eq!((state.list.selected, state.list.offset), (56, 47));
    state.key(Key::PageUp);
    assert_eq!((state.list.selected, state.list.offset), (46, 46));
    state.key(Key::Home);
    assert_eq!((state.list.selected, state.list.offset), (0, 0));
}

#[test]
fn the_preview_scrolls_and_starts_at_its_top_for_each_entry() {
    let mut state = browse();
    state.key(Key::PreviewDown);
    state.key(Key::PreviewDown);
    assert_eq!(state.preview_scroll, 6);
    state.key(Key::PreviewUp);
    assert_eq!(state.preview_scroll, 3);
    state.key(Key::Down);
    assert_eq!(state.preview_scroll, 0);
    state.key(Key::PreviewUp);
    assert_eq!(state.preview_scroll, 0);
}

#[test]
fn fuzzy_find_adds_ids_and_authors_after_finds_ranking() {
    let mut state = browse();
    // An id run together, as fzf matches it: find reads it as an id too.
    typed(&mut state, "kiely22");
    assert_eq!(ids(&state)[..2], ["kiely-2022", "kiely-2021"]);
    // A fragment of a name no word is: fzf's subsequence, smart case.
    state.key(Key::Ctrl('u'));
    typed(&mut state, "ethno");
    assert_eq!(ids(&state), ["griffith-2022"]);
    state.key(Key::Ctrl('u'));
    typed(&mut state, "Ethno");
    assert_eq!(ids(&state), Vec::<String>::new());
    state.key(Key::Ctrl('u'));
    typed(&mut state, "wildman 2019");
    assert_eq!(ids(&state)[..2], ["wildman-2019a", "wildman-2019b"]);
}

#[test]
fn the_mouse_scrolls_and_a_click_selects_the_row_under_it() {
    let mut state = browse();
    state.fit(10);
    state.scroll(3);
    assert_eq!(state.list.selected, 3);
    state.scroll(-10);
    assert_eq!(state.list.selected, 0);
    state.key(Key::End);
    state.click(2);
    assert_eq!(state.list.selected, state.list.offset + 2);
    // A click below the list's end changes nothing.
    let mut short = browse();
    typed(&mut short, "lonliness");
    short.click(short.shown.len());
    assert_eq!(short.list.selected, 0);
}

#[test]
fn enter_prints_the_selected_id_or_the_marked_ones_in_the_order_marked() {
    let mut state = browse();
    state.key(Key::Down);
    let second = state.catalogue.entries[1].id.clone();
    assert_eq!(
        accepted(state.key(Key::Enter)),
        std::slice::from_ref(&second)
    );

    let mut state = browse();
    state.key(Key::Down);
    assert!(matches!(state.key(Key::Tab), Action::None));
    assert_eq!(state.list.selected, 2, "Tab moves down, as in fzf");
    state.key(Key::Up);
    state.key(Key::Up);
    state.key(Key::Tab);
    assert_eq!(state.marked.len(), 2);
    let first = state.catalogue.entries[0].id.clone();
    assert_eq!(accepted(state.key(Key::Enter)), [second.clone(), first]);
    // Tab again unmarks.
    state.key(Key::Up);
    state.key(Key::Up);
    state.key(Key::Up);
    state.key(Key::Down);
    state.key(Key::Tab);
    assert_eq!(state.marked, [state.catalogue.entries[0].id.clone()]);
}

#[test]
fn marks_survive_a_new_search() {
    let mut state = browse();
    state.key(Key::Tab);
    typed(&mut state, "lonliness");
    state.key(Key::Tab);
    assert_eq!(accepted(state.key(Key::Enter)).len(), 2);
}

#[test]
fn enter_with_nothing_listed_stays_and_says_so() {
    let mut state = browse();
    typed(&mut state, "zzzzqqq");
    assert!(state.shown.is_empty());
    assert!(matches!(state.key(Key::Enter), Action::None));
    assert!(state.message.is_some());
}

#[test]
fn esc_leaves_with_1_and_ctrl_c_with_130() {
    assert!(matches!(browse().key(Key::Esc), Action::Cancel(1)));
    assert!(matches!(browse().key(Key::Ctrl('c')), Action::Cancel(130)));
}

#[test]
fn question_mark_shows_the_keys_and_any_key_closes_them() {
    let mut state = browse();
    state.key(Key::Char('?'));
    assert!(state.help);
    assert_eq!(state.query, "");
    // Esc closes the help; it does not leave.
    assert!(matches!(state.key(Key::Esc), Action::None));
    assert!(!state.help);
    state.key(Key::Help);
    assert!(matches!(state.key(Key::Ctrl('c')), Action::Cancel(130)));
}

#[test]
fn ctrl_s_cycles_the_four_styles() {
    let mut state = browse();
    let mut seen = vec![state.register.name()];
    for _ in 0..4 {
        state.key(Key::Ctrl('s'));
        seen.push(state.register.name());
    }
    assert_eq!(seen, [STYLES.as_slice(), &[StyleName::Harvard]].concat());
}

/// The label of the picker's selected row.
fn picked(state: &State) -> String {
    let picker = state.picker.as_ref().expect("the picker is open");
    picker
        .current()
        .map(|row| row.label.clone())
        .unwrap_or_default()
}

/// The labels of the picker's rows, as shown.
fn picker_rows(state: &State) -> Vec<String> {
    let picker = state.picker.as_ref().expect("the picker is open");
    let rows = picker.shown.iter().map(|found| &picker.rows[found.row]);
    rows.map(|row| row.label.clone()).collect()
}

#[test]
fn ctrl_t_picks_a_topic_by_typing_as_fzf_does() {
    let mut state = browse();
    state.key(Key::Ctrl('t'));
    // Every topic and year, and the two rows that take a filter off, All topics first.
    let rows = picker_rows(&state);
    assert_eq!(rows[0], "All topics");
    assert_eq!(rows[1], state.catalogue.topics[0].label);
    assert!(rows.contains(&"All years".to_string()) && rows.contains(&"2019".to_string()));
    assert_eq!(picked(&state), "All topics");
    // The letters in order, not together; smart case: lower case matches either.
    typed(&mut state, "lnls");
    assert_eq!(picker_rows(&state), ["Loneliness", "Health Inequalities"]);
    state.key(Key::Ctrl('u'));
    typed(&mut state, "LONE");
    assert_eq!(picker_rows(&state), Vec::<String>::new());
    // Enter on no row changes nothing and keeps the picker open.
    assert!(matches!(state.key(Key::Enter), Action::None));
    assert!(state.picker.is_some());
    state.key(Key::Ctrl('u'));
    typed(&mut state, "Lone");
    state.key(Key::Enter);
    assert!(state.picker.is_none());
    let topic = state.filters.topic.unwrap();
    assert_eq!(topic.id, "loneliness");
    assert_eq!(state.shown.len(), topic.count);
    assert!(
        state
            .shown
            .iter()
            .all(|f| f.entry.topics.contains(&topic.id))
    );
    // The search still narrows within the topic.
    typed(&mut state, "wildman");
    assert_eq!(ids(&state), ["wildman-2019a"]);
}

#[test]
fn the_picker_shows_the_choice_offers_all_topics_again_and_esc_changes_nothing() {
    let mut state = browse();
    state.key(Key::Ctrl('t'));
    typed(&mut state, "mental");
    state.key(Key::Enter);
    assert_eq!(state.filters.topic.unwrap().id, "mental-health");
    let listed = ids(&state);
    // Open again: the selection is on the topic chosen, and it is marked as chosen.
    state.key(Key::Ctrl('t'));
    assert_eq!(picked(&state), "Mental Health");
    let picker = state.picker.as_ref().unwrap();
    let chosen: Vec<&str> = picker
        .rows
        .iter()
        .filter(|row| picker.filters.have(row.choice))
        .map(|row| row.label.as_str())
        .collect();
    assert_eq!(chosen, ["Mental Health", "All years"]);
    // Esc closes it and changes nothing: the browse is still there, as it was.
    typed(&mut state, "older");
    assert!(matches!(state.key(Key::Esc), Action::None));
    assert!(state.picker.is_none());
    assert_eq!(state.filters.topic.unwrap().id, "mental-health");
    assert_eq!(ids(&state), listed);
    // All topics takes the filter off.
    state.key(Key::Ctrl('t'));
    state.key(Key::Home);
    assert_eq!(picked(&state), "All topics");
    state.key(Key::Enter);
    assert!(state.filters.topic.is_none());
    assert_eq!(state.shown.len(), 57);
    // Ctrl-T again closes it too; Ctrl-C leaves the browse from it.
    state.key(Key::Ctrl('t'));
    state.key(Key::Ctrl('t'));
    assert!(state.picker.is_none());
    state.key(Key::Ctrl('t'));
    assert!(matches!(state.key(Key::Ctrl('c')), Action::Cancel(130)));
}

#[test]
fn a_click_on_a_row_of_the_picker_picks_it() {
    let mut state = browse();
    // No picker: nothing happens.
    assert!(matches!(state.pick(1), Action::None));
    state.key(Key::Ctrl('t'));
    state.fit(10);
    state.pick(2);
    assert!(state.picker.is_none());
    assert_eq!(
        state.filters.topic.unwrap().id,
        state.catalogue.topics[1].id
    );
    // Below the last row: the picker stays open.
    state.key(Key::Ctrl('t'));
    typed(&mut state, "lone");
    state.pick(30);
    assert!(state.picker.is_some());
}

#[test]
fn the_picker_picks_a_year_and_counts_what_each_row_lists() {
    let mut state = browse();
    state.key(Key::Ctrl('t'));
    typed(&mut state, "lone");
    state.key(Key::Enter);
    state.key(Key::Ctrl('t'));
    // Counts under the other filter: Loneliness's entries from each year.
    let picker = state.picker.as_ref().unwrap();
    let count = |label: &str| picker.rows.iter().find(|r| r.label == label).unwrap().count;
    assert_eq!(count("Loneliness"), 4);
    assert_eq!(count("All topics"), 57);
    assert_eq!(count("2019"), 2);
    assert_eq!(count("2021"), 1);
    typed(&mut state, "2019");
    assert_eq!(picked(&state), "2019");
    state.key(Key::Enter);
    assert_eq!(ids(&state), ["wildman-2019a", "elston-2019"]);
    assert_eq!(
        state.filters.label().unwrap(),
        "topic: Loneliness · year: 2019"
    );
    // Undated works are a year of their own.
    state.key(Key::Ctrl('t'));
    typed(&mut state, "no date");
    assert_eq!(picked(&state), "n.d. (no date)");
    state.key(Key::Enter);
    assert!(state.shown.is_empty());
    assert_eq!(
        state.hint.as_deref().unwrap(),
        "No entry is in the topic Loneliness with no date. Ctrl-T chooses another topic or year."
    );
}

#[test]
fn when_the_topic_or_year_empties_the_list_the_hint_names_it_not_the_words() {
    let mut state = browse();
    state.key(Key::Ctrl('t'));
    typed(&mut state, "lone");
    state.key(Key::Enter);
    typed(&mut state, "green");
    assert!(state.shown.is_empty());
    assert_eq!(
        state.hint.as_deref().unwrap(),
        "Nothing in the topic Loneliness matches; 4 entries do in all topics. Ctrl-T, then All \
         topics, clears it."
    );
    let mut state = browse();
    state.key(Key::Ctrl('t'));
    typed(&mut state, "2017");
    state.key(Key::Enter);
    typed(&mut state, "covid");
    assert!(state.shown.is_empty());
    let hint = state.hint.clone().unwrap();
    assert!(hint.starts_with("Nothing from 2017 matches;"), "{hint}");
    assert!(
        hint.ends_with("in all years. Ctrl-T, then All years, clears it."),
        "{hint}"
    );
    // No filter: the words are the cause.
    let mut state = browse();
    typed(&mut state, "zzzzqqq");
    assert_eq!(
        state.hint.as_deref().unwrap(),
        "Nothing matches: try fewer or shorter words (Ctrl-U clears)"
    );
}

#[test]
fn when_the_command_line_s_filters_empty_the_list_the_hint_names_them() {
    let catalogue: &'static Catalogue = Box::leak(Box::new(crate::embedded::catalogue()));
    let lonely = catalogue
        .entries
        .iter()
        .filter(|e| e.topics.iter().any(|t| t == "loneliness"))
        .collect();
    let mut state = State::new(catalogue, lonely, StyleName::Harvard);
    state.started_with = Some("--topic loneliness".into());
    typed(&mut state, "green");
    assert_eq!(
        state.hint.as_deref().unwrap(),
        "Nothing here matches; 4 entries do without --topic loneliness: leave (Esc) and browse \
         again without it."
    );
}

#[test]
fn the_moving_keys_scroll_the_help_and_any_other_closes_it() {
    let mut state = browse();
    state.key(Key::Char('?'));
    state.key(Key::Down);
    state.key(Key::Ctrl('n'));
    assert!(state.help);
    assert_eq!(state.help_scroll, 2);
    state.key(Key::Up);
    assert_eq!(state.help_scroll, 1);
    state.scroll(3);
    assert_eq!(state.help_scroll, 4);
    state.key(Key::Char('x'));
    assert!(!state.help);
    assert_eq!(state.query, "", "the key that closes the help is not typed");
}

#[test]
fn ctrl_y_copies_the_citation_as_cite_prints_it_in_the_current_style() {
    let mut state = browse();
    typed(&mut state, "lonliness");
    state.key(Key::Ctrl('s'));
    let Action::Copy { copy, what } = state.key(Key::Ctrl('y')) else {
        panic!("Ctrl-Y copies");
    };
    assert_eq!(what, "the citation (APA)");
    assert!(
        copy.text.starts_with("Foster, A., Thompson, J."),
        "{}",
        copy.text
    );
    assert!(copy.html.unwrap().contains("<i>"));
}

#[test]
fn ctrl_y_with_marks_copies_their_reference_list() {
    let mut state = browse();
    state.key(Key::Tab);
    state.key(Key::Tab);
    state.key(Key::Tab);
    let Action::Copy { copy, what } = state.key(Key::Ctrl('y')) else {
        panic!("Ctrl-Y copies");
    };
    assert_eq!(what, "3 references (Harvard)");
    assert_eq!(copy.text.lines().count(), 3);
}

#[test]
fn ctrl_b_copies_bibtex() {
    let mut state = browse();
    typed(&mut state, "lonliness");
    let Action::Copy { copy, .. } = state.key(Key::Ctrl('b')) else {
        panic!("Ctrl-B copies");
    };
    assert!(
        copy.text.starts_with("@article{foster-2021,"),
        "{}",
        copy.text
    );
    assert!(copy.html.is_none());
}

#[test]
fn ctrl_o_opens_the_doi_as_a_link() {
    let mut state = browse();
    state.fit(100);
    let row = state.shown.iter().position(|f| f.entry.doi.is_some());
    state.click(row.unwrap());
    let doi = state.current().unwrap().doi.clone().unwrap();
    match state.key(Key::Ctrl('o')) {
        Action::Open { link, what } => {
            assert_eq!(link, format!("https://doi.org/{doi}"));
            assert_eq!(what, "its page");
        }
        other => panic!("expected Open, got {other:?}"),
    }
}

#[test]
fn a_signpost_has_nothing_to_copy() {
    let mut state = browse();
    let signpost = state
        .shown
        .iter()
        .position(|f| f.entry.kind == Kind::Signpost);
    // The brief has signposts (the-star, statistics, …).
    let row = signpost.expect("a signpost in the brief");
    state.fit(100);
    state.click(row);
    assert!(matches!(state.key(Key::Ctrl('y')), Action::None));
    assert!(state.message.as_deref().unwrap().contains("signpost"));
}

#[test]
fn ctrl_o_on_a_work_with_no_link_opens_a_search_said_to_be_one() {
    let mut state = browse();
    typed(&mut state, "lonliness");
    assert!(state.current().unwrap().doi.is_none() && state.current().unwrap().url.is_none());
    match state.key(Key::Ctrl('o')) {
        Action::Open { link, what } => {
            assert!(link.starts_with("https://duckduckgo.com/?q=%22Impact%20of%20social"));
            assert_eq!(what, "a web search for it (no address is known)");
        }
        other => panic!("expected Open, got {other:?}"),
    }
}
