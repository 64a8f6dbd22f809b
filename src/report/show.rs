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
            .map(|&(due, done, state)| DeadlineRow { due, done, state })
            .collect(),
        declared_status: action.status,
        impact: action.impact.as_deref(),
        tags: &action.tags,
        notes: action.notes.as_deref(),
        updates: action.updates.iter().filter(|u| u.date <= as_of).collect(),
        as_of,
    }
}

pub fn document(d: &ActionDetail<'_>) -> Document {
    let r = &d.row;
    let mut facts = Table::new(vec![
        Column::new("Field", "field"),
        Column::new("Value", "value"),
    ])
    .show(Show::People);
    let mut fact = |k: &str, v: Cell| facts.push(vec![Cell::text(k), v]);
    fact("Action", Cell::text(r.description));
    fact(
        "Priority",
        Cell::Text(format!("{}: {}", r.priority, d.priority_title)),
    );
    fact(
        "Objective",
        Cell::Text(format!("{}: {}", r.objective, d.objective_title)),
    );
    fact(
        "Lead",
        Cell::List(r.leads.iter().map(ToString::to_string).collect()),
    );
    fact("Status", Cell::text(r.status.name()));
    fact("RAG", rag_cell(r.rag));
    fact("Schedule", Cell::text(&d.schedule));
    if let Some(i) = d.impact {
        fact("Impact", Cell::text(i));
    }
    if !d.tags.is_empty() {
        fact("Tags", Cell::Text(d.tags.join(", ")));
    }
    if let Some(n) = d.notes {
        fact("Notes", Cell::text(n));
    }
    fact("File", Cell::Text(format!("{}:{}", r.file, r.line)));

    let mut deadlines = Table::new(vec![
        Column::new("Deadline", "due"),
        Column::new("Done", "done"),
        Column::new("State", "state"),
    ])
    .show(Show::People);
    for x in &d.deadline_states {
        deadlines.push(vec![
            Cell::Date(x.due),
            x.done.map_or(Cell::Empty, Cell::Date),
            Cell::Text(x.state.label()),
        ]);
    }

    let mut doc = Document::new();
    doc.section(format!("Action {} as of {}", r.r#ref, human_date(d.as_of)))
        .name(format!("Action {}", r.r#ref))
        .table(list::table(std::slice::from_ref(r)).show(Show::Data))
        .table(facts);
    doc.section("Deadlines").table(deadlines);
    if !d.updates.is_empty() {
        let mut updates = Table::new(vec![
            Column::new("Date", "date"),
            Column::new("Update", "text"),
        ])
        .show(Show::People);
        for u in &d.updates {
            updates.push(vec![Cell::Date(u.date), Cell::text(&u.text)]);
        }
        doc.section("Updates").table(updates);
    }
    doc
}
