//! `lscb leads`: who leads what, and how it stands.

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::{ActionState, Plan, Progress, Ref};
use crate::render::{Document, Table};

/// One lead's workload, in the contract's JSON shape.
#[derive(Clone, Debug, Serialize)]
pub struct LeadRow {
    pub lead: String,
    pub key: String,
    pub actions: usize,
    pub complete: usize,
    pub overdue: usize,
    /// Neither complete nor dropped.
    pub open: usize,
    pub dropped: usize,
    pub refs: Vec<Ref>,
}

/// One row per lead that leads at least one action, in register order; joint
/// actions count for each of their leads.
pub fn rows(plan: &Plan, as_of: NaiveDate) -> Vec<LeadRow> {
    let mut rows: Vec<LeadRow> = plan
        .board
        .register
        .leads
        .iter()
        .map(|l| LeadRow {
            lead: l.name.clone(),
            key: l.key.clone(),
            actions: 0,
            complete: 0,
            overdue: 0,
            open: 0,
            dropped: 0,
            refs: Vec::new(),
        })
        .collect();
    for (_, a) in plan.actions() {
        let state = Progress::of(a, as_of, plan.board.amber_days).state;
        for &i in &a.leads {
            let Some(row) = rows.get_mut(i) else { continue };
            row.actions += 1;
            row.refs.push(a.r#ref);
            match state {
                ActionState::Complete => row.complete += 1,
                ActionState::Dropped => row.dropped += 1,
                ActionState::Overdue => {
                    row.overdue += 1;
                    row.open += 1;
                }
                _ => row.open += 1,
            }
        }
    }
    rows.retain(|r| r.actions > 0);
    rows
}

pub fn table(rows: &[LeadRow], csv: bool) -> Table {
    let headers: &[&str] = if csv {
        &[
            "lead", "key", "actions", "complete", "overdue", "open", "dropped", "refs",
        ]
    } else {
        &["Lead", "Actions", "Complete", "Overdue", "Open", "Dropped"]
    };
    let mut t = Table::new(headers).numeric(&[1, 2, 3, 4, 5]);
    for r in rows {
        let counts = [r.actions, r.complete, r.overdue, r.open, r.dropped].map(|n| n.to_string());
        let mut cells = vec![r.lead.clone()];
        if csv {
            cells.push(r.key.clone());
        }
        cells.extend(counts);
        if csv {
            cells.push(
                r.refs
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            );
        }
        t.push(cells);
    }
    t
}

pub fn document(rows: &[LeadRow], as_of: NaiveDate) -> Document {
    let mut doc = Document::default();
    doc.table(table(rows, false)).text(format!(
        "{} lead{} as of {}; joint actions count for each lead",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        crate::plan::date::human(as_of)
    ));
    doc
}
