//! `lscb annual`: the plan year as a board reports it in its annual report:
//! what was delivered (on time or late) and its intended impact, what carries
//! over, what was dropped and why, and every deadline move with its reason.

use chrono::NaiveDate;
use serde::Serialize;

use super::document::year_label;
use crate::doc::{Cell, Column, Document, Section, Table, human_date};
use crate::plan::{
    Action, ActionState, DeadlineState, Move, Plan, PlanYear, Priority, Progress, Ref, Update,
};

/// The year's figures, for the whole plan or one priority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub actions: usize,
    /// Complete as of the day (dropped actions are left out).
    pub complete: usize,
    /// Complete, every deadline (as it stood on the day) met on or before it.
    pub complete_on_time: usize,
    /// Complete, at least one deadline met after it.
    pub complete_late: usize,
    /// Neither complete nor dropped.
    pub open: usize,
    pub dropped: usize,
    /// `moved` updates dated in the plan year, up to the day.
    pub deadlines_moved: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.actions += other.actions;
        self.complete += other.complete;
        self.complete_on_time += other.complete_on_time;
        self.complete_late += other.complete_late;
        self.open += other.open;
        self.dropped += other.dropped;
        self.deadlines_moved += other.deadlines_moved;
    }
}

/// How an action ended the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    OnTime,
    Late,
    Open,
    Dropped,
}

/// One action's year: where it ended and the deadline moves it had.
#[derive(Clone, Debug)]
pub struct ActionYear<'p> {
    pub action: &'p Action,
    pub leads: Vec<&'p str>,
    pub progress: Progress,
    pub outcome: Outcome,
    /// Its moves dated in the plan year up to the day, in date order.
    pub moves: Vec<(&'p Update, Move)>,
}

/// One priority's year, in the contract's JSON shape (`deadlines_moved`
/// too: an extra key), with its actions for the document.
#[derive(Clone, Debug, Serialize)]
pub struct PriorityYear<'p> {
    pub priority: u32,
    pub title: &'p str,
    #[serde(flatten)]
    pub counts: Counts,
    pub open_refs: Vec<Ref>,
    pub dropped_refs: Vec<Ref>,
    #[serde(skip)]
    pub label: &'p str,
    #[serde(skip)]
    pub actions: Vec<ActionYear<'p>>,
}

/// The whole report, in the contract's JSON shape.
#[derive(Clone, Debug, Serialize)]
pub struct Annual<'p> {
    #[serde(skip)]
    pub board: &'p str,
    #[serde(skip)]
    pub year: PlanYear,
    pub as_of: NaiveDate,
    #[serde(flatten)]
    pub counts: Counts,
    pub priorities: Vec<PriorityYear<'p>>,
}

/// The plan year as of `as_of` (the year's end, unless asked otherwise).
pub fn annual(plan: &Plan, as_of: NaiveDate) -> Annual<'_> {
    let year = plan.board.year;
    let mut counts = Counts::default();
    let priorities: Vec<PriorityYear> = plan
        .priorities
        .iter()
        .map(|p| {
            let py = priority_year(plan, p, as_of);
            counts.add(&py.counts);
            py
        })
        .collect();
    Annual {
        board: &plan.board.name,
        year,
        as_of,
        counts,
        priorities,
    }
}

fn priority_year<'p>(plan: &'p Plan, priority: &'p Priority, as_of: NaiveDate) -> PriorityYear<'p> {
    let year = plan.board.year;
    let mut counts = Counts::default();
    let (mut open_refs, mut dropped_refs) = (Vec::new(), Vec::new());
    let actions: Vec<ActionYear> = priority
        .actions
        .iter()
        .map(|action| {
            let progress = Progress::of(action, as_of, plan.board.amber_days);
            let outcome = outcome(&progress);
            let moves: Vec<_> = action
                .moves()
                .filter(|(u, _)| u.date >= year.start && u.date <= year.end && u.date <= as_of)
                .collect();
            counts.actions += 1;
            counts.deadlines_moved += moves.len();
            match outcome {
                Outcome::OnTime => {
                    counts.complete += 1;
                    counts.complete_on_time += 1;
                }
                Outcome::Late => {
                    counts.complete += 1;
                    counts.complete_late += 1;
                }
                Outcome::Open => {
                    counts.open += 1;
                    open_refs.push(action.r#ref);
                }
                Outcome::Dropped => {
                    counts.dropped += 1;
                    dropped_refs.push(action.r#ref);
                }
            }
            ActionYear {
                action,
                leads: plan.lead_names(action),
                progress,
                outcome,
                moves,
            }
        })
        .collect();
    PriorityYear {
        priority: priority.number,
        title: &priority.title,
        counts,
        open_refs,
        dropped_refs,
        label: priority.label(),
        actions,
    }
}

/// Complete on time when every deadline, as it stood on the day, was met on
/// or before it: a deadline moved in time and then met is met on time.
fn outcome(progress: &Progress) -> Outcome {
    match progress.state {
        ActionState::Dropped => Outcome::Dropped,
        ActionState::Complete
            if progress
                .deadlines
                .iter()
                .all(|d| d.2 == DeadlineState::MetOnTime) =>
        {
            Outcome::OnTime
        }
        ActionState::Complete => Outcome::Late,
        _ => Outcome::Open,
    }
}

/// A day as a report's sentence writes it: "31 March 2024".
fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "1 was" or "3 were"; "none was" for none.
fn were(n: usize) -> String {
    match n {
        0 => "none was".to_string(),
        1 => "1 was".to_string(),
        n => format!("{n} were"),
    }
}

/// The figures in one sentence: "Of 21 actions, 10 were complete by 31 March
/// 2024: 7 on time and 3 late; 10 were still open and 1 was dropped."
pub fn headline(c: &Counts, as_of: NaiveDate) -> String {
    if c.actions == 0 {
        return "There are no actions.".to_string();
    }
    let by = long_date(as_of);
    let complete = match (c.complete, c.complete_on_time, c.complete_late) {
        (0, _, _) => format!("none was complete by {by}"),
        (1, 1, _) => format!("1 was complete by {by}, on time"),
        (1, _, _) => format!("1 was complete by {by}, late"),
        (n, _, 0) => format!("{n} were complete by {by}, all on time"),
        (n, 0, _) => format!("{n} were complete by {by}, all late"),
        (n, on_time, late) => {
            format!("{n} were complete by {by}: {on_time} on time and {late} late")
        }
    };
    let of = if c.actions == 1 {
        "Of 1 action".to_string()
    } else {
        format!("Of {} actions", c.actions)
    };
    format!(
        "{of}, {complete}; {} still open and {} dropped.",
        were(c.open),
        were(c.dropped)
    )
}

/// The moves in one sentence, or `None` when there were none.
fn moves_sentence(c: &Counts, actions: usize, when: &str) -> Option<String> {
    let times = |n: usize| match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    match (c.deadlines_moved, actions) {
        (0, _) => None,
        (n, 1) => Some(format!("One deadline was moved {} {when}.", times(n))),
        (n, actions) => Some(format!(
            "Deadlines were moved {} {when}, on {actions} actions.",
            times(n)
        )),
    }
}

/// The actions with at least one move.
fn moved_actions<'a>(actions: impl IntoIterator<Item = &'a ActionYear<'a>>) -> usize {
    actions.into_iter().filter(|a| !a.moves.is_empty()).count()
}

pub fn document<'p>(a: &Annual<'p>) -> Document<'p> {
    let label = year_label(a.year);
    let year_over = a.as_of >= a.year.end;
    let when = if year_over {
        "during the year".to_string()
    } else {
        format!("in the year up to {}", long_date(a.as_of))
    };
    let mut doc = Document {
        title: Some(format!(
            "{}: annual report on the business plan {label}",
            a.board
        )),
        subtitle: Some(format!(
            "Plan year {} to {}; figures as of {}.",
            long_date(a.year.start),
            long_date(a.year.end),
            long_date(a.as_of)
        )),
        footer: Some(format!(
            "{}: annual report on the business plan {label}, as of {}",
            a.board,
            human_date(a.as_of)
        )),
        sections: Vec::new(),
    };
    let all_actions = a.priorities.iter().flat_map(|p| &p.actions);
    let s = doc.section("The year in figures");
    s.name("Figures");
    s.paragraph(headline(&a.counts, a.as_of));
    if let Some(m) = moves_sentence(&a.counts, moved_actions(all_actions), &when) {
        s.paragraph(format!(
            "{m} Each move is listed with its reason under its priority."
        ));
    }
    s.table(figures(a));
    for p in &a.priorities {
        let s = doc.section(format!("Priority {}: {}", p.priority, p.title));
        s.name(format!("Priority {}", p.priority));
        priority_blocks(s, p, a.as_of, year_over, &when);
    }
    doc
}

/// By priority, with a total: the figures a board's annual report tabulates.
fn figures(a: &Annual<'_>) -> Table<'static> {
    let mut t = Table::new(vec![
        Column::new("Priority", "priority").width(30.0),
        Column::number("Actions", "actions"),
        Column::number("Complete", "complete"),
        Column::number("On time", "complete_on_time"),
        Column::number("Late", "complete_late"),
        Column::number("Open", "open"),
        Column::number("Dropped", "dropped"),
        Column::number("Deadlines moved", "deadlines_moved"),
    ]);
    let row = |name: String, c: &Counts| {
        vec![
            Cell::text(name),
            Cell::count(c.actions),
            Cell::count(c.complete),
            Cell::count(c.complete_on_time),
            Cell::count(c.complete_late),
            Cell::count(c.open),
            Cell::count(c.dropped),
            Cell::count(c.deadlines_moved),
        ]
    };
    for p in &a.priorities {
        t.push(row(format!("{}. {}", p.priority, p.label), &p.counts));
    }
    t.push(row("All priorities".to_string(), &a.counts));
    t
}

fn priority_blocks<'p>(
    s: &mut Section<'p>,
    p: &PriorityYear<'p>,
    as_of: NaiveDate,
    year_over: bool,
    when: &str,
) {
    s.paragraph(headline(&p.counts, as_of));
    if let Some(m) = moves_sentence(&p.counts, moved_actions(&p.actions), when) {
        s.paragraph(m);
    }
    let of = |o: &'static [Outcome]| p.actions.iter().filter(move |a| o.contains(&a.outcome));

    let delivered: Vec<_> = of(&[Outcome::OnTime, Outcome::Late]).collect();
    s.heading(format!("Delivered ({})", delivered.len()));
    if delivered.is_empty() {
        s.paragraph(format!("No action was complete by {}.", long_date(as_of)));
    } else {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Action", "action").width(50.0),
            Column::new("Completed", "completed").width(12.0),
            Column::new("On time?", "on_time").width(18.0),
            Column::new("Intended impact", "impact").width(40.0),
        ]);
        for a in delivered {
            t.push(vec![
                Cell::Ref(a.action.r#ref.to_string().into()),
                Cell::text(&a.action.description),
                a.progress
                    .done()
                    .last()
                    .map_or(Cell::Empty, |&d| Cell::Date(d)),
                Cell::text(timeliness(&a.progress)),
                a.action.impact.as_deref().map_or(Cell::Empty, Cell::text),
            ]);
        }
        s.table(t);
    }

    let open: Vec<_> = of(&[Outcome::Open]).collect();
    s.heading(if year_over {
        format!("Carried over to next year ({})", open.len())
    } else {
        format!("Still open ({})", open.len())
    });
    if open.is_empty() {
        s.paragraph("Nothing is left open.");
    } else {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Action", "action").width(45.0),
            Column::new("Lead", "lead").width(20.0),
            Column::new("Still due", "due").width(12.0),
            Column::new("State", "state").width(10.0),
            Column::new("Latest update", "latest_update").width(40.0),
        ]);
        for a in open {
            let unmet: Vec<NaiveDate> = a
                .progress
                .deadlines
                .iter()
                .filter(|d| !d.2.is_met())
                .map(|d| d.0)
                .collect();
            let latest = a.action.updates.iter().rev().find(|u| u.date <= as_of);
            t.push(vec![
                Cell::Ref(a.action.r#ref.to_string().into()),
                Cell::text(&a.action.description),
                Cell::List(a.leads.iter().map(|&l| l.into()).collect()),
                Cell::Dates(unmet.into()),
                Cell::text(a.progress.state.name().replace('-', " ")),
                latest.map_or(Cell::Empty, |u| {
                    Cell::text(format!("{}: {}", human_date(u.date), u.text))
                }),
            ]);
        }
        s.table(t);
    }

    let dropped: Vec<_> = of(&[Outcome::Dropped]).collect();
    if !dropped.is_empty() {
        s.heading(format!("Dropped ({})", dropped.len()));
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Action", "action").width(45.0),
            Column::new("Dropped on", "dropped_on").width(12.0),
            Column::new("Why", "why").width(50.0),
        ]);
        for a in dropped {
            t.push(vec![
                Cell::Ref(a.action.r#ref.to_string().into()),
                Cell::text(&a.action.description),
                dropped_on(a.action, as_of).map_or(Cell::Empty, Cell::Date),
                Cell::text(a.action.notes.as_deref().unwrap_or("No reason recorded.")),
            ]);
        }
        s.table(t);
    }

    let moved: Vec<_> = p.actions.iter().filter(|a| !a.moves.is_empty()).collect();
    if !moved.is_empty() {
        s.heading(format!("Deadlines moved ({})", p.counts.deadlines_moved));
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Action", "action").width(40.0),
            Column::new("Moved on", "moved_on").width(12.0),
            Column::new("From", "from").width(11.0),
            Column::new("To", "to").width(11.0),
            Column::new("Why", "why").width(45.0),
        ]);
        for a in moved {
            for (u, m) in &a.moves {
                t.push(vec![
                    Cell::Ref(a.action.r#ref.to_string().into()),
                    Cell::text(&a.action.description),
                    Cell::Date(u.date),
                    Cell::text(m.from.human()),
                    Cell::text(m.to.human()),
                    Cell::text(&u.text),
                ]);
            }
        }
        s.table(t);
    }
}

/// "On time", or each deadline met late: "Late: due 30 Jun 2023, done 9 Aug
/// 2023" (with "1 of 4 deadlines" when there were several).
fn timeliness(progress: &Progress) -> String {
    let late: Vec<String> = progress
        .deadlines
        .iter()
        .filter(|d| d.2 == DeadlineState::MetLate)
        .filter_map(|&(due, done, _)| {
            Some(format!(
                "due {}, done {}",
                human_date(due),
                human_date(done?)
            ))
        })
        .collect();
    if late.is_empty() {
        return "On time".to_string();
    }
    let of = progress.deadlines.len();
    let share = if of > 1 {
        format!(" ({} of {of} deadlines)", late.len())
    } else {
        String::new()
    };
    format!("Late{share}: {}", late.join("; "))
}

/// The day an action was dropped, when a dated status change says so: its
/// latest status change on or before the day.
fn dropped_on(action: &Action, as_of: NaiveDate) -> Option<NaiveDate> {
    let latest = action
        .updates
        .iter()
        .rev()
        .find(|u| u.status.is_some() && u.date <= as_of)?;
    (latest.status == Some(crate::plan::Status::Dropped)).then_some(latest.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::{self, PlanFiles};
    use crate::source::SourceFile;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const BOARD: &str = r#"
name = "Test Board"
[year]
start = 2023-04-01
end = 2024-03-31
[leads.chair]
name = "Chair"
"#;

    fn plan(actions: &str) -> Plan {
        let files = PlanFiles {
            board: Some(SourceFile::new("board.toml", BOARD)),
            priorities: vec![SourceFile::new(
                "1.toml",
                format!(
                    "priority = 1\ntitle = \"One\"\n[[objective]]\nnumber = 1\ntitle = \"O\"\n{actions}"
                ),
            )],
            diagnostics: Vec::new(),
        };
        let loaded = load::load(&files, day("2024-04-01"));
        loaded
            .plan
            .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
    }

    fn outcomes(plan: &Plan, as_of: &str) -> Vec<(String, Outcome)> {
        annual(plan, day(as_of)).priorities[0]
            .actions
            .iter()
            .map(|a| (a.action.r#ref.to_string(), a.outcome))
            .collect()
    }

    #[test]
    fn the_deadlines_as_planned_are_held_once_when_nothing_moved() {
        let plan = plan(
            r#"
[[action]]
ref = "1.1"
description = "Moved"
lead = "Chair"
due = "2023-12"
[[action.update]]
date = 2023-08-22
text = "Later"
moved = { from = "2023-09", to = "2023-12" }

[[action]]
ref = "1.2"
description = "Not moved"
lead = "Chair"
due = ["2023-09", "2023-06"]
"#,
        );
        let actions = &plan.priorities[0].actions;
        let (moved, kept) = (&actions[0], &actions[1]);
        assert_eq!(moved.planned(), [day("2023-09-30")]);
        assert_eq!(moved.deadlines[..], [day("2023-12-31")]);
        assert!(kept.planned.is_empty());
        assert_eq!(kept.planned(), [day("2023-06-30"), day("2023-09-30")]);
        assert_eq!(kept.deadlines[..], [day("2023-06-30"), day("2023-09-30")]);
        assert_eq!(
            kept.moved_on(day("2024-01-01")),
            [
                (day("2023-06-30"), day("2023-06-30")),
                (day("2023-09-30"), day("2023-09-30"))
            ]
        );
    }

    #[test]
    fn a_deadline_moved_in_time_and_then_met_is_met_on_time_and_the_move_counts() {
        let plan = plan(
            r#"
[[action]]
ref = "1.1"
description = "Moved in time, then met by the new deadline"
lead = "Chair"
due = "2023-12"
done = 2023-11-20
[[action.update]]
date = 2023-08-22
text = "Waiting for the second workshop"
moved = { from = "2023-09", to = "2023-12" }

[[action]]
ref = "1.2"
description = "Moved after the deadline had passed, then met"
lead = "Chair"
due = "2023-12"
done = 2023-11-20
[[action.update]]
date = 2023-10-10
text = "Moved late"
moved = { from = "2023-09", to = "2023-12" }

[[action]]
ref = "1.3"
description = "Never moved, met late"
lead = "Chair"
due = "2023-09"
done = 2023-10-02
"#,
        );
        // A move dated after the deadline had passed still stands on the
        // day: the deadline as it stood then was met.
        assert_eq!(
            outcomes(&plan, "2024-03-31"),
            [
                ("1.1.1".to_string(), Outcome::OnTime),
                ("1.1.2".to_string(), Outcome::OnTime),
                ("1.1.3".to_string(), Outcome::Late),
            ]
        );
        let a = annual(&plan, day("2024-03-31"));
        assert_eq!(
            a.counts,
            Counts {
                actions: 3,
                complete: 3,
                complete_on_time: 2,
                complete_late: 1,
                open: 0,
                dropped: 0,
                deadlines_moved: 2,
            }
        );
        // As of a day before the move, the first action's deadline was
        // still September: done in November, it would have been late, and
        // no move has happened yet.
        let early = annual(&plan, day("2023-08-21"));
        assert_eq!(early.counts.deadlines_moved, 0);
        assert_eq!(early.counts.open, 3);
    }

    #[test]
    fn moves_count_only_inside_the_plan_year_and_up_to_the_day() {
        let plan = plan(
            r#"
[[action]]
ref = "1.1"
description = "Moved three times"
lead = "Chair"
due = "2024-09"
[[action.update]]
date = 2023-03-20
text = "Before the year"
moved = { from = "2023-06", to = "2023-12" }
[[action.update]]
date = 2023-11-01
text = "In the year"
moved = { from = "2023-12", to = "2024-06" }
[[action.update]]
date = 2024-03-31
text = "On its last day"
moved = { from = "2024-06", to = "2024-09" }
"#,
        );
        let count = |d: &str| annual(&plan, day(d)).counts.deadlines_moved;
        assert_eq!(count("2024-03-31"), 2);
        assert_eq!(count("2024-03-30"), 1);
        assert_eq!(count("2025-01-01"), 2, "not after the year's end");
        assert_eq!(
            annual(&plan, day("2024-03-31")).priorities[0].open_refs,
            ["1.1.1".parse::<Ref>().unwrap()]
        );
    }

    #[test]
    fn the_headline_reads_as_a_sentence() {
        let c = |actions, on_time, late, open, dropped| Counts {
            actions,
            complete: on_time + late,
            complete_on_time: on_time,
            complete_late: late,
            open,
            dropped,
            deadlines_moved: 0,
        };
        let end = day("2024-03-31");
        let cases = [
            (
                c(21, 7, 3, 10, 1),
                "Of 21 actions, 10 were complete by 31 March 2024: 7 on time and 3 late; 10 were still open and 1 was dropped.",
            ),
            (
                c(1, 1, 0, 0, 0),
                "Of 1 action, 1 was complete by 31 March 2024, on time; none was still open and none was dropped.",
            ),
            (
                c(4, 0, 2, 1, 1),
                "Of 4 actions, 2 were complete by 31 March 2024, all late; 1 was still open and 1 was dropped.",
            ),
            (
                c(2, 0, 0, 2, 0),
                "Of 2 actions, none was complete by 31 March 2024; 2 were still open and none was dropped.",
            ),
        ];
        for (counts, text) in cases {
            assert_eq!(headline(&counts, end), text);
        }
    }
}
