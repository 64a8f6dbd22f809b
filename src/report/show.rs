//! `lscb show REF`: everything about one action.

use chrono::NaiveDate;
use serde::Serialize;

use super::list::{ActionRow, rag_cell};
use crate::plan::{Action, DeadlineState, Plan, Priority, Progress, Update, date};
use crate::render::{Document, Table};

/// One deadline and where it stands.
#[derive(Clone, Debug, Serialize)]
pub struct DeadlineRow {
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    pub state: DeadlineState,
}

/// The `list` shape plus the action's context and log.
#[derive(Clone, Debug, Serialize)]
pub struct ActionDetail {
    #[serde(flatten)]
    pub row: ActionRow,
    pub priority_title: String,
    pub objective_title: String,
    pub schedule: String,
    pub deadline_states: Vec<DeadlineRow>,
    pub declared_status: Option<crate::plan::Status>,
    pub impact: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub updates: Vec<Update>,
    pub as_of: NaiveDate,
}

pub fn detail(plan: &Plan, priority: &Priority, action: &Action, as_of: NaiveDate) -> ActionDetail {
    let progress = Progress::of(action, as_of, plan.board.amber_days);
    ActionDetail {
        row: ActionRow::new(plan, priority, action, &progress),
        priority_title: priority.title.clone(),
        objective_title: priority
            .objective(action.r#ref.objective)
            .map(|o| o.title.clone())
            .unwrap_or_default(),
        schedule: match action.schedule {
            crate::plan::Schedule::Due => "fixed dates".into(),
            crate::plan::Schedule::Every(p) => format!("every {}", p.name()),
        },
        deadline_states: progress
            .deadlines
            .iter()
            .map(|&(due, done, state)| DeadlineRow { due, done, state })
            .collect(),
        declared_status: action.status,
        impact: action.impact.clone(),
        tags: action.tags.clone(),
        notes: action.notes.clone(),
        updates: action
            .updates
            .iter()
            .filter(|u| u.date <= as_of)
            .cloned()
            .collect(),
        as_of,
    }
}

pub fn document(d: &ActionDetail) -> Document {
    let r = &d.row;
    let mut facts = Table::new(&["Field", "Value"]);
    let mut fact = |k: &str, v: String| facts.push(vec![k.to_string(), v]);
    fact("Action", r.description.clone());
    fact("Priority", format!("{}: {}", r.priority, d.priority_title));
    fact(
        "Objective",
        format!("{}: {}", r.objective, d.objective_title),
    );
    fact("Lead", r.leads.join("; "));
    fact("Status", r.status.name().to_string());
    fact("RAG", rag_cell(r.rag));
    fact("Schedule", d.schedule.clone());
    if let Some(i) = &d.impact {
        fact("Impact", i.clone());
    }
    if !d.tags.is_empty() {
        fact("Tags", d.tags.join(", "));
    }
    if let Some(n) = &d.notes {
        fact("Notes", n.clone());
    }
    fact("File", format!("{}:{}", r.file, r.line));

    let mut deadlines = Table::new(&["Deadline", "Done", "State"]);
    for x in &d.deadline_states {
        deadlines.push(vec![
            date::human(x.due),
            x.done.map(date::human).unwrap_or_default(),
            x.state.label().to_string(),
        ]);
    }

    let mut doc = Document::default();
    doc.heading(format!("Action {} as of {}", r.r#ref, date::human(d.as_of)))
        .table(facts)
        .heading("Deadlines")
        .table(deadlines);
    if !d.updates.is_empty() {
        let mut updates = Table::new(&["Date", "Update"]);
        for u in &d.updates {
            updates.push(vec![date::human(u.date), u.text.clone()]);
        }
        doc.heading("Updates").table(updates);
    }
    doc
}
