//! `lscb overdue`: what has slipped, who leads it, and by how much.

use chrono::NaiveDate;
use serde::Serialize;

use super::list::Filter;
use crate::plan::{ActionState, Plan, Progress, Ref, date};
use crate::render::{Document, Table, shorten};

/// One overdue action, in the contract's JSON shape.
#[derive(Clone, Debug, Serialize)]
pub struct OverdueRow {
    #[serde(rename = "ref")]
    pub r#ref: Ref,
    pub description: String,
    pub leads: Vec<String>,
    /// Its earliest overdue deadline.
    pub due: NaiveDate,
    pub days_overdue: i64,
    /// How many of its deadlines are overdue.
    pub missed: usize,
    #[serde(skip)]
    pub lead_ids: Vec<usize>,
}

/// Overdue actions and the scope they were drawn from.
#[derive(Clone, Debug)]
pub struct Overdue {
    pub rows: Vec<OverdueRow>,
    /// Actions in scope that could be overdue (the filter's, less dropped ones).
    pub considered: usize,
    pub as_of: NaiveDate,
}

/// Every overdue action, most overdue first, then by ref.
pub fn overdue(plan: &Plan, filter: &Filter, as_of: NaiveDate) -> Overdue {
    let mut rows = Vec::new();
    let mut considered = 0;
    for (p, a) in plan.actions() {
        let progress = Progress::of(a, as_of, plan.board.amber_days);
        if !filter.matches(p, a, &progress) || progress.state == ActionState::Dropped {
            continue;
        }
        considered += 1;
        let missed: Vec<NaiveDate> = progress.overdue().collect();
        let Some(&due) = missed.first() else { continue };
        rows.push(OverdueRow {
            r#ref: a.r#ref,
            description: a.description.clone(),
            leads: plan.lead_names(a),
            due,
            days_overdue: (as_of - due).num_days(),
            missed: missed.len(),
            lead_ids: a.leads.clone(),
        });
    }
    rows.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.r#ref.cmp(&b.r#ref))
    });
    Overdue {
        rows,
        considered,
        as_of,
    }
}

/// Overdue actions grouped per lead, in register order (an action with two leads
/// appears under both).
#[derive(Clone, Debug, Serialize)]
pub struct LeadGroup {
    pub lead: String,
    pub key: String,
    pub actions: Vec<OverdueRow>,
}

pub fn by_lead(plan: &Plan, report: &Overdue) -> Vec<LeadGroup> {
    plan.board
        .register
        .leads
        .iter()
        .enumerate()
        .filter_map(|(i, lead)| {
            let actions: Vec<_> = report
                .rows
                .iter()
                .filter(|r| r.lead_ids.contains(&i))
                .cloned()
                .collect();
            (!actions.is_empty()).then(|| LeadGroup {
                lead: lead.name.clone(),
                key: lead.key.clone(),
                actions,
            })
        })
        .collect()
}

/// "7 of 61 actions overdue as of 1 Oct 2017".
pub fn closing_line(report: &Overdue) -> String {
    format!(
        "{} of {} action{} overdue as of {}",
        report.rows.len(),
        report.considered,
        if report.considered == 1 { "" } else { "s" },
        date::human(report.as_of)
    )
}

fn table(rows: &[OverdueRow], max_description: Option<usize>, with_leads: bool) -> Table {
    let mut headers = vec!["Ref", "Action"];
    if with_leads {
        headers.push("Lead");
    }
    headers.extend(["Due", "Days overdue", "Missed"]);
    let n = headers.len();
    let mut t = Table::new(&headers).numeric(&[n - 2, n - 1]);
    for r in rows {
        let mut row = vec![
            r.r#ref.to_string(),
            max_description.map_or_else(|| r.description.clone(), |m| shorten(&r.description, m)),
        ];
        if with_leads {
            row.push(r.leads.join("; "));
        }
        row.extend([
            date::human(r.due),
            r.days_overdue.to_string(),
            r.missed.to_string(),
        ]);
        t.push(row);
    }
    t
}

pub fn document(report: &Overdue, max_description: Option<usize>) -> Document {
    let mut doc = Document::default();
    if !report.rows.is_empty() {
        doc.table(table(&report.rows, max_description, true));
    }
    doc.text(closing_line(report));
    doc
}

pub fn document_by_lead(
    groups: &[LeadGroup],
    report: &Overdue,
    max_description: Option<usize>,
) -> Document {
    let mut doc = Document::default();
    for g in groups {
        doc.heading(format!("{} ({} overdue)", g.lead, g.actions.len()))
            .table(table(&g.actions, max_description, false));
    }
    doc.text(closing_line(report));
    doc
}

/// Every field, ISO dates, one row per action (per lead and action when grouped).
pub fn csv_table(report: &Overdue, groups: Option<&[LeadGroup]>) -> Table {
    let headers = [
        "ref",
        "description",
        "leads",
        "due",
        "days_overdue",
        "missed",
    ];
    let row = |r: &OverdueRow| {
        vec![
            r.r#ref.to_string(),
            r.description.clone(),
            r.leads.join("; "),
            r.due.to_string(),
            r.days_overdue.to_string(),
            r.missed.to_string(),
        ]
    };
    match groups {
        None => {
            let mut t = Table::new(&headers);
            report.rows.iter().for_each(|r| t.push(row(r)));
            t
        }
        Some(groups) => {
            let mut all = vec!["lead"];
            all.extend(headers);
            let mut t = Table::new(&all);
            for g in groups {
                for r in &g.actions {
                    let mut cells = vec![g.lead.clone()];
                    cells.extend(row(r));
                    t.push(cells);
                }
            }
            t
        }
    }
}
