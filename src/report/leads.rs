//! `lscb leads`: who leads what, and how it stands.

use chrono::NaiveDate;
use serde::Serialize;

use super::Day;
use crate::doc::{Block, Cell, Column, Document, Names, Show, Table, human_date, plural};
use crate::plan::{ActionState, Plan, Ref};

/// One lead's workload, in the contract's JSON shape.
#[derive(Clone, Debug, Serialize)]
pub struct LeadRow<'p> {
    pub lead: &'p str,
    pub key: &'p str,
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
pub fn rows(plan: &Plan, as_of: NaiveDate) -> Vec<LeadRow<'_>> {
    rows_on(&Day::live(plan, as_of))
}

/// As `rows`, on a day whose progress may be held for several reports.
pub fn rows_on<'p>(day: &Day<'p>) -> Vec<LeadRow<'p>> {
    let plan = day.plan;
    let mut rows: Vec<LeadRow> = plan
        .board
        .register
        .leads
        .iter()
        .map(|l| LeadRow {
            lead: &l.name,
            key: &l.key,
            actions: 0,
            complete: 0,
            overdue: 0,
            open: 0,
            dropped: 0,
            refs: Vec::new(),
        })
        .collect();
    day.each(|_, a, progress| {
        let state = progress.state;
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
    });
    rows.retain(|r| r.actions > 0);
    rows
}

pub fn table<'p>(rows: &[LeadRow<'p>]) -> Table<'p> {
    let mut t = Table::new(vec![
        Column::new("Lead", "lead").width(40.0).names(Names::Lead),
        Column::new("Key", "key").show(Show::Data),
        Column::number("Actions", "actions"),
        Column::number("Complete", "complete"),
        Column::number("Overdue", "overdue"),
        Column::number("Open", "open"),
        Column::number("Dropped", "dropped"),
        Column::new("Refs", "refs").show(Show::Data),
    ]);
    for r in rows {
        t.push(vec![
            Cell::text(r.lead),
            Cell::text(r.key),
            Cell::count(r.actions),
            Cell::count(r.complete),
            Cell::count(r.overdue),
            Cell::count(r.open),
            Cell::count(r.dropped),
            Cell::text(joined_refs(&r.refs)),
        ]);
    }
    t
}

/// A lead's refs as one text, "; " between them (as a list cell reads):
/// one string a lead, not one a ref (a lead of a 100k plan has thousands),
/// for a column only data formats show.
fn joined_refs(refs: &[Ref]) -> String {
    let mut out = String::with_capacity(refs.len() * 9);
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(r.text().as_str());
    }
    out
}

pub fn document<'p>(rows: &[LeadRow<'p>], as_of: NaiveDate) -> Document<'p> {
    let mut doc = Document::of(vec![
        Block::Table(table(rows)),
        Block::Paragraph(format!(
            "{} as of {}; joint actions count for each lead",
            plural(rows.len(), "lead", "leads"),
            human_date(as_of)
        )),
    ]);
    doc.sections[0].name = Some("Leads".into());
    doc
}
