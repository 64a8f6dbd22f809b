//! `lscb show REF`: everything about one action.

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{self, ActionRow};
use super::rag_cell;
use crate::doc::{Cell, Column, Document, Show, Table, human_date};
use crate::plan::{Action, DeadlineState, Plan, Priority, Progress, Schedule, Status, Update};

/// One deadline and where it stands.
#[derive(Clone, Debug, Serialize)]
pub struct DeadlineRow {
    pub due: NaiveDate,
    /// The deadline as first planned, where it has moved since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub state: DeadlineState,
}

/// The `list` shape plus the action's context and log.
#[derive(Clone, Debug, Serialize)]
pub struct ActionDetail<'p> {
    #[serde(flatten)]
    pub row: ActionRow<'p>,
    pub priority_title: &'p str,
    pub objective_title: &'p str,
    pub schedule: String,
    pub deadline_states: Vec<DeadlineRow>,
    pub declared_status: Option<Status>,
    pub impact: Option<&'p str>,
    pub tags: &'p [String],
    pub notes: Option<&'p str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<&'p str>,
    pub updates: Vec<&'p Update>,
    pub as_of: NaiveDate,
}

pub fn detail<'p>(
    plan: &'p Plan,
    priority: &'p Priority,
    action: &'p Action,
    as_of: NaiveDate,
) -> ActionDetail<'p> {
    let progress = Progress::of(action, as_of, plan.board.amber_days);
    let moved = action.moved_on(as_of);
    ActionDetail {
        row: ActionRow::new(plan, priority, action, &progress),
        priority_title: &priority.title,
        objective_title: priority
            .objective(action.r#ref.objective)
            .map_or("", |o| o.title.as_str()),
        schedule: match action.schedule {
            Schedule::Due => "fixed dates".into(),
            Schedule::Every(p) => format!("every {}", p.name()),
        },
        deadline_states: progress
            .deadlines
            .iter()
            .enumerate()
            .map(|(i, &(due, done, state))| DeadlineRow {
                due,
                planned: moved.get(i).map(|m| m.0).filter(|p| *p != due),
                done,
                state,
            })
            .collect(),
        declared_status: action.status_on(as_of),
        impact: action.impact.as_deref(),
        carried_from: action.carried_from.as_deref(),
        tags: &action.tags,
        notes: action.notes.as_deref(),
        updates: action.updates.iter().filter(|u| u.date <= as_of).collect(),
        as_of,
    }
}

pub fn document<'p>(d: &ActionDetail<'p>) -> Document<'p> {
    let r = &d.row;
    let mut facts = Table::new(vec![
        Column::new("Field", "field"),
        Column::new("Value", "value"),
    ])
    .show(Show::People);
    let mut fact = |k: &'static str, v: Cell<'p>| facts.push(vec![Cell::text(k), v]);
    fact("Action", Cell::text(r.description));
    fact(
        "Priority",
        Cell::text(format!("{}: {}", r.priority, d.priority_title)),
    );
    fact(
        "Objective",
        Cell::text(format!("{}: {}", r.objective, d.objective_title)),
    );
    fact(
        "Lead",
        Cell::List(r.leads.iter().map(|&l| l.into()).collect()),
    );
    fact("Status", Cell::text(r.status.name()));
    fact("RAG", rag_cell(r.rag));
    fact("Schedule", Cell::text(d.schedule.clone()));
    if let Some(i) = d.impact {
        fact("Impact", Cell::text(i));
    }
    if !d.tags.is_empty() {
        fact("Tags", Cell::text(d.tags.join(", ")));
    }
    if let Some(n) = d.notes {
        fact("Notes", Cell::text(n));
    }
    if let Some(c) = d.carried_from {
        fact("Carried from", Cell::text(c));
    }
    fact("File", Cell::text(format!("{}:{}", r.file, r.line)));

    // "As planned" only where a deadline has moved.
    let any_moved = d.deadline_states.iter().any(|x| x.planned.is_some());
    let mut columns = vec![Column::new("Deadline", "due")];
    if any_moved {
        columns.push(Column::new("As planned", "planned"));
    }
    columns.extend([Column::new("Done", "done"), Column::new("State", "state")]);
    let mut deadlines = Table::new(columns).show(Show::People);
    for x in &d.deadline_states {
        let mut row = vec![Cell::Date(x.due)];
        if any_moved {
            row.push(x.planned.map_or(Cell::Empty, Cell::Date));
        }
        row.extend([
            x.done.map_or(Cell::Empty, Cell::Date),
            Cell::text(x.state.label()),
        ]);
        deadlines.push(row);
    }

    let mut doc = Document::new();
    doc.section(format!("Action {} as of {}", r.r#ref, human_date(d.as_of)))
        .name(format!("Action {}", r.r#ref))
        .table(
            list::held_table(std::slice::from_ref(r), list::Commentaries::Hidden).show(Show::Data),
        )
        .table(facts);
    doc.section("Deadlines").table(deadlines);
    if !d.updates.is_empty() {
        let dated = d
            .updates
            .iter()
            .any(|u| u.status.is_some() || u.moved.is_some());
        let mut columns = vec![Column::new("Date", "date"), Column::new("Update", "text")];
        if dated {
            columns.push(Column::new("Recorded", "recorded"));
        }
        let mut updates = Table::new(columns).show(Show::People);
        for &u in &d.updates {
            let mut row = vec![Cell::Date(u.date), Cell::text(u.text.as_str())];
            if dated {
                row.push(Cell::text(recorded(u)));
            }
            updates.push(row);
        }
        doc.section("Updates").table(updates);
    }
    doc
}

/// What a dated update records besides its text: "status on-hold",
/// "deadline 30 Jun 2017 -> 31 Aug 2017".
pub fn recorded(u: &Update) -> String {
    let mut parts = Vec::new();
    if let Some(s) = u.status {
        parts.push(format!("status {}", s.name()));
    }
    if let Some(m) = u.moved {
        parts.push(format!("deadline {} -> {}", m.from.human(), m.to.human()));
    }
    parts.join("; ")
}
