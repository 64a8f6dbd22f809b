//! No input, however malformed, makes the loader, validator or renderer panic.

use chrono::NaiveDate;
use lscb::plan::load::{PlanFiles, load};
use lscb::render::diagnostics;
use lscb::source::SourceFile;
use proptest::prelude::*;

const BOARD: &str = include_str!("../fixtures/minimal/board.toml");
const PRIORITY: &str = include_str!("../fixtures/minimal/1-test.toml");

/// Lines that look like plan TOML: real keys, odd values, headers, broken syntax.
fn toml_line() -> impl Strategy<Value = String> {
    // Every key the loader knows, from its own lists, and one it does not.
    use lscb::plan::keys;
    let mut keys: Vec<&'static str> = [
        keys::BOARD,
        keys::YEAR,
        keys::LEAD,
        keys::PRIORITY,
        keys::OBJECTIVE,
        keys::ACTION,
        keys::UPDATE,
    ]
    .concat();
    keys.sort_unstable();
    keys.dedup();
    keys.push("bogus");
    let key = prop::sample::select(keys);
    let value = prop::sample::select(vec![
        "1",
        "0",
        "-3",
        "99999999999999999999",
        "\"1.1\"",
        "\"1\"",
        "\"\"",
        "\"2017-05\"",
        "\"2017-13\"",
        "\"May 17\"",
        "2017-05-24",
        "2017-02-29",
        "2017-05-24T10:00:00",
        "10:00:00",
        "[]",
        "[1, \"a\"]",
        "[2017-05-01, 2017-06-01]",
        "\"quarter\"",
        "\"complete\"",
        "\"dropped\"",
        "{ a = 1 }",
        "true",
        "1.5",
        "\"Board Manager\"",
        "[\"Chair of LSCB\", \"x\"]",
        "\"é\u{301}\"",
        "\"\\u0000\"",
    ]);
    let header = prop::sample::select(vec![
        "[[objective]]",
        "[[action]]",
        "[[action.update]]",
        "[year]",
        "[leads.x]",
        "[leads.board-manager]",
        "[action]",
        "[[year]]",
        "[objective.1]",
        "[",
    ]);
    prop_oneof![
        (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        header.prop_map(str::to_string),
        "[ -~\u{e9}\u{2014}\n\t]{0,20}",
    ]
}

fn toml_text() -> impl Strategy<Value = String> {
    prop::collection::vec(toml_line(), 0..30).prop_map(|lines| lines.join("\n"))
}

fn run_all(board: Option<String>, priorities: Vec<String>) {
    let files = PlanFiles {
        board: board.map(|b| SourceFile::new("plan/board.toml", b)),
        priorities: priorities
            .into_iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("plan/{i}.toml"), t))
            .collect(),
        diagnostics: vec![],
    };
    let today = NaiveDate::from_ymd_opt(2017, 10, 1).expect("valid date");
    let loaded = load(&files, today);
    let sources: Vec<_> = files.board.iter().chain(files.priorities.iter()).collect();
    let _ = diagnostics::write_human(&loaded.diagnostics, &sources, true, &mut Vec::new());
    let _ = diagnostics::write_github(&loaded.diagnostics, &mut Vec::new());
    if let Some(plan) = loaded.plan {
        let _ = lscb::report::list::rows(&plan, &Default::default(), today);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(board in any::<Option<String>>(), p in any::<String>()) {
        run_all(board, vec![p]);
    }

    #[test]
    fn toml_shaped_text_never_panics(board in toml_text(), p in toml_text()) {
        run_all(Some(board), vec![p]);
    }

    #[test]
    fn mangled_real_files_never_panic(cut in 0usize..400, insert in toml_line(), which in any::<bool>()) {
        let (mut board, mut priority) = (BOARD.to_string(), PRIORITY.to_string());
        let target = if which { &mut board } else { &mut priority };
        let mut at = cut.min(target.len());
        while !target.is_char_boundary(at) { at -= 1; }
        target.insert_str(at, &format!("\n{insert}\n"));
        run_all(Some(board), vec![priority.clone(), priority]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Formatting keeps the data and is idempotent, on real files with a line slipped in.
    #[test]
    fn fmt_is_idempotent_and_keeps_the_data(cut in 0usize..400, insert in toml_line(), which in any::<bool>()) {
        use lscb::edit::layout::{FileKind, layout as format};
        let (text, kind) = if which { (BOARD, FileKind::Board) } else { (PRIORITY, FileKind::Priority) };
        let mut text = text.to_string();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &format!("\n{insert}\n"));
        if let Ok(once) = format(&text, kind) {
            prop_assert_eq!(once.parse::<toml::Table>().ok(), text.parse::<toml::Table>().ok());
            let twice = format(&once, kind);
            prop_assert_eq!(twice.as_deref(), Ok(once.as_str()));
        }
    }

    #[test]
    fn fmt_never_panics_on_arbitrary_text(text in toml_text()) {
        let _ = lscb::edit::layout::layout(&text, lscb::edit::layout::FileKind::Priority);
    }
}

/// A generated plan as the loader's input.
fn files_of(generated: &[(String, String)]) -> PlanFiles {
    let mut files = PlanFiles::default();
    for (name, text) in generated {
        let src = SourceFile::new(format!("plan/{name}"), text.clone());
        if name == "board.toml" {
            files.board = Some(src);
        } else {
            files.priorities.push(src);
        }
    }
    files
}

/// The kinds of single mutation, each with the code it must be reported under.
#[derive(Clone, Copy, Debug)]
enum Mutation {
    RemoveDescription,
    WrongType,
    BadDate,
    UnknownLead,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn generated_plans_always_validate(priorities in 1usize..5, actions in 1usize..80, seed in any::<u64>()) {
        let generated = lscb::synth::synth(priorities, actions, seed);
        let loaded = load(&files_of(&generated), NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"));
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
        let plan = loaded.plan.expect("valid plan");
        prop_assert_eq!(plan.actions().count(), actions);
    }

    /// `fmt` lays out every generated valid plan: it succeeds (its safety net
    /// never has to refuse), keeps the data, and a second run changes nothing.
    #[test]
    fn fmt_lays_out_every_generated_plan(priorities in 1usize..4, actions in 1usize..60, seed in any::<u64>()) {
        use lscb::edit::layout::{FileKind, layout};
        for (name, text) in lscb::synth::synth(priorities, actions, seed) {
            let kind = if name == "board.toml" { FileKind::Board } else { FileKind::Priority };
            let once = layout(&text, kind);
            prop_assert!(once.is_ok(), "{name}: {once:?}");
            let once = once.unwrap_or_default();
            prop_assert_eq!(once.parse::<toml::Table>().ok(), text.parse::<toml::Table>().ok());
            let twice = layout(&once, kind);
            prop_assert_eq!(twice.as_deref(), Ok(once.as_str()));
        }
    }

    /// One mutation of one action is reported, with its code, at its line.
    #[test]
    fn single_mutations_are_reported_at_their_line(
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        mutation in prop::sample::select(vec![Mutation::RemoveDescription, Mutation::WrongType, Mutation::BadDate, Mutation::UnknownLead]),
    ) {
        let mut generated = lscb::synth::synth(2, 30, seed);
        let file = 1; // the first priority file
        let lines: Vec<String> = generated[file].1.lines().map(str::to_string).collect();
        let key = match mutation {
            Mutation::RemoveDescription | Mutation::WrongType => "description = ",
            Mutation::BadDate => "due = \"",
            Mutation::UnknownLead => "lead = \"",
        };
        let candidates: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| l.starts_with(key)).map(|(i, _)| i).collect();
        prop_assume!(!candidates.is_empty());
        let at = candidates[pick.index(candidates.len())];
        let header = (0..at).rev().find(|&i| lines[i] == "[[action]]").expect("an action header above");
        let mut mutated = lines.clone();
        let (code, line) = match mutation {
            Mutation::RemoveDescription => {
                mutated.remove(at);
                ("E003", header + 1)
            }
            Mutation::WrongType => {
                mutated[at] = "description = 42".into();
                ("E004", at + 1)
            }
            Mutation::BadDate => {
                mutated[at] = "due = \"2017-13\"".into();
                ("E005", at + 1)
            }
            Mutation::UnknownLead => {
                mutated[at] = "lead = \"Nobody In The Register\"".into();
                ("E006", at + 1)
            }
        };
        generated[file].1 = mutated.join("\n") + "\n";
        let loaded = load(&files_of(&generated), NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"));
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert_eq!(errors.len(), 1, "{:?}", errors);
        prop_assert_eq!(errors[0].code.id(), code);
        prop_assert_eq!(errors[0].line, line);
        prop_assert_eq!(&errors[0].file, &format!("plan/{}", generated[file].0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// Taking unchanged priorities from a loaded plan gives the same plan as
    /// loading every file, and the same findings when the result has errors.
    #[test]
    fn reusing_unchanged_files_loads_the_same_plan(
        seed in any::<u64>(),
        edit in 0usize..4,
        broken in any::<bool>(),
    ) {
        use lscb::plan::load::{Known, load_reusing};
        let today = NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
        let before = files_of(&lscb::synth::synth(3, 40, seed));
        let base = load(&before, today);
        let plan = base.plan.expect("valid");
        let known = Known::new(&before, &plan);
        let mut after = before.clone();
        let file = edit % after.priorities.len();
        let text = &mut after.priorities[file].text;
        *text = if broken {
            text.replacen("lead = \"", "lead = \"Nobody ", 1).into()
        } else {
            text.replacen("description = \"", "description = \"Reworded: ", 1).into()
        };
        let after = PlanFiles {
            priorities: after
                .priorities
                .iter()
                .map(|s| SourceFile::new(s.path.clone(), s.text.to_string()))
                .collect(),
            ..after
        };
        let full = load(&after, today);
        let reused = load_reusing(&after, today, &known);
        // The priorities, in order (the plan's indexes are hash maps, whose
        // Debug order differs from run to run).
        let priorities = |l: &lscb::plan::load::Loaded| l.plan.as_ref().map(|p| format!("{:?}", p.priorities));
        prop_assert_eq!(priorities(&reused), priorities(&full));
        prop_assert_eq!(reused.plan.is_some(), !broken);
        prop_assert_eq!(reused.diagnostics, full.diagnostics);
    }
}

/// An edit to one priority file of a generated plan, as a history's commits
/// make them: most inside one action, some across its bounds.
#[derive(Clone, Copy, Debug)]
enum Edit {
    /// A new description, longer or shorter.
    Reword,
    /// An update added at the end of an action (lines after it move down).
    AddUpdate,
    /// A line of an action taken out (lines after it move up).
    DropLine,
    /// A comment line inside an action.
    Comment,
    /// The action's ref changed.
    Renumber,
    /// The newline before the next header taken out (the header joins the line).
    JoinNextHeader,
    /// A second `[[action]]` header inside the action.
    SplitAction,
    /// An objective's title changed.
    ObjectiveTitle,
    /// Two neighbouring actions changed at once.
    TwoActions,
    /// A lead the register does not hold (an error).
    UnknownLead,
    /// A done date in the future (a warning).
    DoneInFuture,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Reading a changed file again by the one action the change lies in
    /// gives the plan, and the errors, that reading every file gives; and
    /// a valid plan's lines are where they are in the file.
    #[test]
    fn a_file_read_again_by_the_changed_action_is_the_file_read_whole(
        seed in any::<u64>(),
        file in 0usize..3,
        pick in any::<usize>(),
        edit in prop::sample::select(vec![
            Edit::Reword, Edit::AddUpdate, Edit::DropLine, Edit::Comment, Edit::Renumber,
            Edit::JoinNextHeader, Edit::SplitAction, Edit::ObjectiveTitle, Edit::TwoActions,
            Edit::UnknownLead, Edit::DoneInFuture,
        ]),
    ) {
        use lscb::plan::load::{Known, load_reusing};
        let today = NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
        let before = files_of(&lscb::synth::synth(3, 40, seed));
        let plan = load(&before, today).plan.expect("valid");
        let known = Known::new(&before, &plan);

        let text = before.priorities[file].text.to_string();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let headers: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == "[[action]]").collect();
        let h = headers[pick % headers.len()];
        // The next header that is not one of the action's own.
        let next = |lines: &[String], from: usize| (from + 1..lines.len()).find(|&i| lines[i].starts_with('[') && !lines[i].starts_with("[[action.")).unwrap_or(lines.len());
        let end = next(&lines, h);
        let key = |lines: &[String], k: &str| (h..end).find(|&i| lines[i].starts_with(k));
        match edit {
            Edit::Reword => {
                if let Some(i) = key(&lines, "description = ") {
                    lines[i] = format!("description = \"Reworded {}\"", "at length ".repeat(pick % 5));
                }
            }
            Edit::AddUpdate => {
                lines.splice(end..end, ["".to_string(), "[[action.update]]".into(), "date = 2018-01-10".into(), "text = \"Added\"".into()]);
            }
            Edit::DropLine => {
                if let Some(i) = key(&lines, "tags = ").or_else(|| key(&lines, "done = ")) {
                    lines.remove(i);
                }
            }
            Edit::Comment => lines.insert(h + 1, "# a note for the chair".into()),
            Edit::Renumber => {
                // Half the time the ref of the file's first action (a duplicate).
                let first = lines.iter().find(|l| l.starts_with("ref = ")).cloned();
                if let (Some(i), Some(first)) = (key(&lines, "ref = "), first) {
                    lines[i] = if pick % 2 == 0 { first } else { "ref = \"1.999\"".into() };
                }
            }
            Edit::JoinNextHeader => {
                if end < lines.len() {
                    // The blank lines between go too: only the newline differs.
                    let last = (h..end).rev().find(|&i| !lines[i].is_empty()).unwrap_or(h);
                    let header = lines.drain(last + 1..=end).next_back().unwrap_or_default();
                    lines[last].push_str(&header);
                }
            }
            Edit::SplitAction => lines.insert(h + 2, "[[action]]".into()),
            Edit::ObjectiveTitle => {
                if let Some(i) = lines.iter().position(|l| l.starts_with("title = ") && l.contains("Objective")) {
                    lines[i] = "title = \"Objective renamed\"".into();
                }
            }
            Edit::TwoActions => {
                lines.insert(h + 1, "# changed".into());
                let later = next(&lines, h + 1);
                if later < lines.len() {
                    lines.insert(later + 1, "# changed too".into());
                }
            }
            Edit::UnknownLead => {
                if let Some(i) = key(&lines, "lead = ") {
                    lines[i] = "lead = \"Nobody In The Register\"".into();
                }
            }
            Edit::DoneInFuture => {
                lines.insert(h + 2, "done = 2030-01-01".into());
                if let Some(i) = (h + 3..end + 1).find(|&i| lines[i].starts_with("done = ")) {
                    lines.remove(i);
                }
            }
        }
        let mut after = before.clone();
        after.priorities[file] = SourceFile::new(after.priorities[file].path.clone(), lines.join("\n") + "\n");

        let full = load(&after, today);
        let reused = load_reusing(&after, today, &known);
        let priorities = |l: &lscb::plan::load::Loaded| l.plan.as_ref().map(|p| format!("{:?}", p.priorities));
        prop_assert_eq!(priorities(&reused), priorities(&full));
        let errors = |l: &lscb::plan::load::Loaded| l.diagnostics.iter().filter(|d| d.is_error()).cloned().collect::<Vec<_>>();
        prop_assert_eq!(errors(&reused), errors(&full));
    }
}

/// TOML gives an `[[action.update]]` written after a later `[[objective]]`
/// header to the last action before that header: an edit to that action's
/// own text must not lose it.
#[test]
fn an_update_written_after_the_next_objective_is_kept_when_its_action_changes() {
    use lscb::plan::load::{Known, load_reusing};
    let today = NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    let mut generated = lscb::synth::synth(3, 40, 7);
    let (_, text) = generated
        .iter_mut()
        .find(|(name, _)| name != "board.toml")
        .expect("a priority file");
    // The second objective's header, and the last action before it.
    let second = text
        .match_indices("[[objective]]")
        .nth(1)
        .expect("two objectives")
        .0;
    let last = text[..second].rfind("[[action]]").expect("an action");
    let stray = "[[action.update]]\ndate = 2018-01-11\ntext = \"Written after the objective\"\n\n";
    let objective_end = second + text[second..].find("\n\n").expect("a blank line") + 2;
    text.insert_str(objective_end, stray);
    let before = files_of(&generated);
    let base = load(&before, today);
    let plan = base.plan.expect("valid");
    let stray_count = |p: &lscb::plan::Plan| {
        p.actions()
            .flat_map(|(_, a)| &a.updates)
            .filter(|u| u.text == "Written after the objective")
            .count()
    };
    assert_eq!(stray_count(&plan), 1);
    let known = Known::new(&before, &plan);

    let mut after = generated.clone();
    let (_, text) = after
        .iter_mut()
        .find(|(name, _)| name != "board.toml")
        .expect("a priority file");
    let description = last
        + text[last..]
            .find("description = \"")
            .expect("a description")
        + "description = \"".len();
    text.insert_str(description, "Reworded: ");
    let after = files_of(&after);
    let reused = load_reusing(&after, today, &known);
    let full = load(&after, today);
    let reused = reused.plan.expect("valid");
    assert_eq!(stray_count(&reused), 1);
    assert_eq!(
        format!("{:?}", reused.priorities),
        format!("{:?}", full.plan.expect("valid").priorities)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// `fmt --check` judges a big file a part at a time: it may say "in the
    /// layout" only when laying the whole file out changes nothing (and
    /// does say it of a file in the layout).
    #[test]
    fn a_file_judged_in_parts_is_in_the_layout_only_when_it_is_whole(
        seed in any::<u64>(),
        mangle in 0usize..11,
        at in any::<usize>(),
    ) {
        use lscb::edit::layout::{FileKind, in_layout_by_parts, layout};
        let text = lscb::synth::synth(1, 120, seed)
            .into_iter()
            .find(|(name, _)| name != "board.toml")
            .map(|(_, text)| text)
            .expect("a priority file");
        let canonical = layout(&text, FileKind::Priority).expect("lays out");
        // Parts of a few actions each.
        prop_assert!(in_layout_by_parts(&canonical, 700));
        let mut lines: Vec<String> = canonical.lines().map(str::to_string).collect();
        let i = at % lines.len();
        match mangle {
            0 => lines[i].push_str("  "),
            1 if lines[i].is_empty() => {
                lines.remove(i);
            }
            2 => lines.insert(i, String::new()),
            3 if i + 1 < lines.len() => lines.swap(i, i + 1),
            4 => lines.insert(i, "#   a comment".into()),
            5 => lines[i] = lines[i].replacen(" = ", "   =  ", 1),
            6 => lines.push(String::new()),
            7 => lines[i].insert_str(0, "  "),
            8 => lines.insert(i, "# above\n".into()),
            9 => {
                // A table defined in two parts: each part alone is valid.
                let headers: Vec<usize> = (0..lines.len()).filter(|&h| lines[h] == "[[action]]").collect();
                let (a, b) = (headers[1], headers[headers.len() - 1]);
                for h in [b, a] {
                    lines.splice(h..h, ["[meta]".to_string(), "owner = \"x\"".into(), String::new()]);
                }
            }
            _ => {}
        }
        let mangled = lines.join("\n") + "\n";
        let whole = layout(&mangled, FileKind::Priority).is_ok_and(|out| out == mangled);
        prop_assert!(!in_layout_by_parts(&mangled, 700) || whole, "mangle {} at line {}", mangle, i);
    }
}

/// Parts read alone cannot see a table defined in two of them: `fmt --check`
/// must not call such a file (invalid TOML) laid out.
#[test]
fn a_table_defined_in_two_parts_is_not_in_the_layout() {
    use lscb::edit::layout::{FileKind, in_layout_by_parts, layout};
    let text = lscb::synth::synth(1, 120, 3)
        .into_iter()
        .find(|(name, _)| name != "board.toml")
        .map(|(_, text)| text)
        .expect("a priority file");
    let canonical = layout(&text, FileKind::Priority).expect("lays out");
    assert!(in_layout_by_parts(&canonical, 700));
    let meta = "[meta]\nowner = \"x\"\n\n";
    let first = canonical.find("[[action]]").expect("an action");
    let last = canonical.rfind("[[action]]").expect("an action");
    let mut twice = canonical.clone();
    twice.insert_str(last, meta);
    twice.insert_str(first, meta);
    assert!(layout(&twice, FileKind::Priority).is_err());
    assert!(!in_layout_by_parts(&twice, 700));
}
