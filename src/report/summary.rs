//! `lscb summary`: the plan on one screen — per priority, counts by state and RAG.

use chrono::NaiveDate;
use serde::Serialize;

use super::quarters::percent;
use crate::plan::{ActionState, Plan, Progress, Rag, date};
use crate::render::{Document, Table, shorten};

/// Counts of actions by derived state and by RAG.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub actions: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub on_hold: usize,
    pub overdue: usize,
    pub complete: usize,
    pub dropped: usize,
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    /// complete / (actions − dropped) × 100, one decimal.
    pub percent_complete: f64,
}

impl Counts {
    fn add(&mut self, progress: &Progress) {
        self.actions += 1;
        *match progress.state {
            ActionState::NotStarted => &mut self.not_started,
            ActionState::InProgress => &mut self.in_progress,
            ActionState::OnHold => &mut self.on_hold,
            ActionState::Overdue => &mut self.overdue,
            ActionState::Complete => &mut self.complete,
            ActionState::Dropped => &mut self.dropped,
        } += 1;
        match progress.rag {
            Some(Rag::Red) => self.red += 1,
            Some(Rag::Amber) => self.amber += 1,
            Some(Rag::Green) => self.green += 1,
            None => {}
        }
        self.percent_complete = percent(self.complete, self.actions - self.dropped);
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct PrioritySummary {
    pub priority: u32,
    pub title: String,
    pub short: Option<String>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub board: String,
    pub as_of: NaiveDate,
    pub plan_year: [NaiveDate; 2],
    pub totals: Counts,
    pub priorities: Vec<PrioritySummary>,
}

pub fn summary(plan: &Plan, as_of: NaiveDate) -> Summary {
    let mut totals = Counts::default();
    let priorities = plan
        .priorities
        .iter()
        .map(|p| {
            let mut counts = Counts::default();
            for a in &p.actions {
                let progress = Progress::of(a, as_of, plan.board.amber_days);
                counts.add(&progress);
                totals.add(&progress);
            }
            PrioritySummary {
                priority: p.number,
                title: p.title.clone(),
                short: p.short.clone(),
                counts,
            }
        })
        .collect();
    Summary {
        board: plan.board.name.clone(),
        as_of,
        plan_year: [plan.board.year.start, plan.board.year.end],
        totals,
        priorities,
    }
}

const HEADERS: [&str; 12] = [
    "Priority",
    "Actions",
    "Not started",
    "In progress",
    "On hold",
    "Overdue",
    "Complete",
    "Dropped",
    "Red",
    "Amber",
    "Green",
    "% complete",
];

fn cells(label: String, c: &Counts) -> Vec<String> {
    let mut v = vec![label];
    v.extend(
        [
            c.actions,
            c.not_started,
            c.in_progress,
            c.on_hold,
            c.overdue,
            c.complete,
            c.dropped,
            c.red,
            c.amber,
            c.green,
        ]
        .map(|n| n.to_string()),
    );
    v.push(format!("{:.1}", c.percent_complete));
    v
}

pub fn table(s: &Summary) -> Table {
    let mut t = Table::new(&HEADERS).numeric(&(1..12).collect::<Vec<_>>());
    for p in &s.priorities {
        let label = format!(
            "{}. {}",
            p.priority,
            shorten(p.short.as_deref().unwrap_or(&p.title), 40)
        );
        t.push(cells(label, &p.counts));
    }
    t.push(cells("All priorities".into(), &s.totals));
    t
}

/// Headline, then the table: what a board reads first.
pub fn document(s: &Summary) -> Document {
    let t = &s.totals;
    let mut doc = Document::default();
    doc.heading(format!(
        "{}: business plan {} to {}, as of {}",
        s.board,
        date::human(s.plan_year[0]),
        date::human(s.plan_year[1]),
        date::human(s.as_of)
    ))
    .text(format!(
        "{} actions: {} complete ({:.1}%), {} overdue, {} in progress, {} on hold, {} not started, {} dropped.",
        t.actions, t.complete, t.percent_complete, t.overdue, t.in_progress, t.on_hold, t.not_started, t.dropped
    ))
    .text(format!("RAG: {} red, {} amber, {} green.", t.red, t.amber, t.green))
    .table(table(s));
    doc
}
