//! `lscb list`: the actions of the plan, filtered, with their state as of a day.

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::{Action, ActionState, Plan, Priority, Progress, Rag, Ref, date};
use crate::render::{Document, Table, shorten};

/// Which actions a report covers.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Priority numbers; empty means all.
    pub priorities: Vec<u32>,
    /// A register index.
    pub lead: Option<usize>,
    pub states: Vec<ActionState>,
    /// Keep actions with a deadline before this day.
    pub due_before: Option<NaiveDate>,
    /// Keep actions with a deadline after this day.
    pub due_after: Option<NaiveDate>,
    /// Case-insensitive text in the description, notes, impact or tags.
    pub search: Option<String>,
}

impl Filter {
    pub fn matches(&self, priority: &Priority, action: &Action, progress: &Progress) -> bool {
        let search = self.search.as_ref().map(|s| s.to_lowercase());
        (self.priorities.is_empty() || self.priorities.contains(&priority.number))
            && self.lead.is_none_or(|l| action.leads.contains(&l))
            && (self.states.is_empty() || self.states.contains(&progress.state))
            && self
                .due_before
                .is_none_or(|d| action.deadlines.iter().any(|x| *x < d))
            && self
                .due_after
                .is_none_or(|d| action.deadlines.iter().any(|x| *x > d))
            && search.is_none_or(|s| {
                let hay = [
                    Some(action.description.as_str()),
                    action.notes.as_deref(),
                    action.impact.as_deref(),
                ];
                hay.iter().flatten().any(|t| t.to_lowercase().contains(&s))
                    || action.tags.iter().any(|t| t.to_lowercase().contains(&s))
            })
    }
}

/// One action as `list --format json` gives it (the contract's shape).
#[derive(Clone, Debug, Serialize)]
pub struct ActionRow {
    #[serde(rename = "ref")]
    pub r#ref: Ref,
    pub priority: u32,
    pub objective: u32,
    pub description: String,
    pub leads: Vec<String>,
    pub deadlines: Vec<NaiveDate>,
    pub done: Vec<NaiveDate>,
    pub status: ActionState,
    pub rag: Option<Rag>,
    pub file: String,
    pub line: usize,
}

impl ActionRow {
    pub fn new(plan: &Plan, priority: &Priority, action: &Action, progress: &Progress) -> Self {
        ActionRow {
            r#ref: action.r#ref,
            priority: action.r#ref.priority,
            objective: action.r#ref.objective,
            description: action.description.clone(),
            leads: plan.lead_names(action),
            deadlines: action.deadlines.clone(),
            done: progress.done(),
            status: progress.state,
            rag: progress.rag,
            file: priority.file.clone(),
            line: action.line,
        }
    }
}

/// The actions the filter keeps, in ref order, with their progress as of `as_of`.
pub fn rows(plan: &Plan, filter: &Filter, as_of: NaiveDate) -> Vec<ActionRow> {
    plan.actions()
        .filter_map(|(p, a)| {
            let progress = Progress::of(a, as_of, plan.board.amber_days);
            filter
                .matches(p, a, &progress)
                .then(|| ActionRow::new(plan, p, a, &progress))
        })
        .collect()
}

/// The deadline a person looks at: the next unmet one (or the last), "(2 of 4)" when several.
pub fn due_cell(deadlines: &[NaiveDate], done: usize) -> String {
    let Some(&last) = deadlines.last() else {
        return String::new();
    };
    let i = done.min(deadlines.len() - 1);
    let day = date::human(deadlines.get(i).copied().unwrap_or(last));
    if deadlines.len() > 1 {
        format!("{day} ({} of {})", i + 1, deadlines.len())
    } else {
        day
    }
}

pub fn rag_cell(rag: Option<Rag>) -> String {
    rag.map_or("-", Rag::name).to_string()
}

/// The table people read: full text for Markdown, shortened for the terminal.
pub fn document(rows: &[ActionRow], as_of: NaiveDate, max_description: Option<usize>) -> Document {
    let mut table = Table::new(&["Ref", "Action", "Lead", "Due", "Status", "RAG"]);
    for r in rows {
        table.push(vec![
            r.r#ref.to_string(),
            max_description.map_or_else(|| r.description.clone(), |m| shorten(&r.description, m)),
            r.leads.join("; "),
            due_cell(&r.deadlines, r.done.len()),
            r.status.name().to_string(),
            rag_cell(r.rag),
        ]);
    }
    let mut doc = Document::default();
    doc.table(table).text(format!(
        "{} action{} as of {}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        date::human(as_of)
    ));
    doc
}

/// Every field, dates in ISO form, for spreadsheets.
pub fn csv_table(rows: &[ActionRow]) -> Table {
    let mut table = Table::new(&CSV_HEADERS);
    table.rows = rows.iter().map(csv_record).collect();
    table
}

const CSV_HEADERS: [&str; 11] = [
    "ref",
    "priority",
    "objective",
    "description",
    "leads",
    "deadlines",
    "done",
    "status",
    "rag",
    "file",
    "line",
];

/// The same CSV, written row by row (a plan's worth of rows never sits in memory twice).
pub fn write_csv(rows: &[ActionRow], out: impl std::io::Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADERS)?;
    for r in rows {
        w.write_record(csv_record(r))?;
    }
    w.flush()?;
    Ok(())
}

fn csv_record(r: &ActionRow) -> Vec<String> {
    let join = |d: &[NaiveDate]| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    };
    vec![
        r.r#ref.to_string(),
        r.priority.to_string(),
        r.objective.to_string(),
        r.description.clone(),
        r.leads.join("; "),
        join(&r.deadlines),
        join(&r.done),
        r.status.name().to_string(),
        rag_cell(r.rag),
        r.file.clone(),
        r.line.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_cell_shows_the_next_unmet_deadline() {
        let d = |s| date::parse_iso(s).unwrap();
        let many = [d("2017-06-30"), d("2017-09-30")];
        assert_eq!(due_cell(&many, 0), "30 Jun 2017 (1 of 2)");
        assert_eq!(due_cell(&many, 1), "30 Sep 2017 (2 of 2)");
        assert_eq!(due_cell(&many, 2), "30 Sep 2017 (2 of 2)");
        assert_eq!(due_cell(&many[..1], 0), "30 Jun 2017");
        assert_eq!(due_cell(&[], 0), "");
    }
}
