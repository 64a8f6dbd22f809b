//! `lscb summary`: the plan on one screen — per priority, counts by state and RAG.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Day, percent};
use crate::doc::{Cell, Column, Document, Names, Show, Table, human_date, shorten};
use crate::plan::{ActionState, Plan, Progress, Rag};

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
        self.percent_complete = percent(self.complete, self.actions - self.dropped).unwrap_or(0.0);
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
    summary_on(&Day::live(plan, as_of))
}

/// As `summary`, on a day whose progress may be held for several reports.
pub fn summary_on(day: &Day<'_>) -> Summary {
    let (plan, as_of) = (day.plan, day.as_of);
    let mut totals = Counts::default();
    let priorities = plan
        .priorities
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut counts = Counts::default();
            for (j, a) in p.actions.iter().enumerate() {
                let progress = day.progress(i, j, a);
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

/// Per priority and for the whole plan: counts by state and RAG.
pub fn table(s: &Summary) -> Table<'static> {
    let counts = |label: &str| Column::number(label, &label.to_lowercase().replace(' ', "_"));
    let mut t = Table::new(vec![
        Column::new("Priority", "label")
            .show(Show::People)
            .names(Names::Priority),
        Column::number("Priority", "priority").show(Show::Data),
        Column::new("Name", "name").show(Show::Data).width(40.0),
        counts("Actions"),
        counts("Not started"),
        counts("In progress"),
        counts("On hold"),
        counts("Overdue"),
        counts("Complete"),
        counts("Dropped"),
        counts("Red"),
        counts("Amber"),
        counts("Green"),
        Column::number("% complete", "percent_complete"),
    ]);
    let row = |label: String, number: Cell<'static>, name: Cell<'static>, c: &Counts| {
        let mut v = vec![Cell::text(label), number, name];
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
            .map(Cell::count),
        );
        v.push(Cell::Percent(Some(c.percent_complete)));
        v
    };
    for p in &s.priorities {
        let name = p.short.as_deref().unwrap_or(&p.title);
        t.push(row(
            label(p.priority, name),
            Cell::Int(p.priority.into()),
            Cell::text(name.to_string()),
            &p.counts,
        ));
    }
    t.push(row(
        "All priorities".into(),
        Cell::Empty,
        Cell::text("All priorities"),
        &s.totals,
    ));
    t
}

/// A priority as a table names it: "2. Learning from SARs" (its short name,
/// else its title, cut at 40 characters).
pub fn label(number: u32, name: &str) -> String {
    format!("{number}. {}", shorten(name, 40))
}

/// "16 actions: 4 complete (4 of 15 not dropped, 26.7%), 5 overdue, ...".
pub fn headline(t: &Counts) -> [String; 2] {
    [
        format!(
            "{} actions: {} complete ({} of {} not dropped, {:.1}%), {} overdue, {} in progress, {} on hold, {} not started, {} dropped.",
            t.actions,
            t.complete,
            t.complete,
            t.actions - t.dropped,
            t.percent_complete,
            t.overdue,
            t.in_progress,
            t.on_hold,
            t.not_started,
            t.dropped
        ),
        format!("RAG: {} red, {} amber, {} green.", t.red, t.amber, t.green),
    ]
}

/// Headline, then the table: what a board reads first.
pub fn document(s: &Summary) -> Document<'static> {
    let mut doc = Document::new();
    let [counts, rag] = headline(&s.totals);
    doc.section(format!(
        "{}: business plan {} to {}, as of {}",
        s.board,
        human_date(s.plan_year[0]),
        human_date(s.plan_year[1]),
        human_date(s.as_of)
    ))
    .name("Summary")
    .paragraph(counts)
    .paragraph(rag)
    .table(table(s));
    doc
}
