//! The board meeting pack: every section a board paper needs, built once as a
//! document that every format renders (Markdown, HTML, Excel, ...), and as
//! rows for JSON.

use chrono::NaiveDate;
use serde::Serialize;

use super::Day;
use super::changes::{self, Change};
use super::leads::{self, LeadRow};
use super::list::{self, ActionRow, Filter};
use super::overdue::{self, OverdueRow};
use super::quarters::{self, QuarterRow};
use super::summary::{self, Summary};
use crate::doc::{Cell, Column, Document, Section, Show, Table, human_date};
use crate::plan::{ActionState, Plan, Progress};

/// What changed since the last meeting (only when `--since` names it).
#[derive(Clone, Debug, Serialize)]
pub struct SinceLastMeeting<'p> {
    /// How the last meeting was named (`--since`), and the day it stands for.
    pub since: String,
    pub since_day: NaiveDate,
    /// Actions complete now that were not then.
    pub completed: Vec<ActionRow<'p>>,
    pub changes: Vec<Change>,
    pub summary: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pack<'p> {
    pub board: &'p str,
    /// The board's `amber_days`, for the RAG key.
    pub amber_days: i64,
    pub as_of: NaiveDate,
    pub next_meeting: NaiveDate,
    pub summary: Summary,
    pub quarters: Vec<QuarterRow>,
    pub overdue: Vec<OverdueRow<'p>>,
    /// Actions with an unmet deadline after the day and up to the next meeting.
    pub due_before_next_meeting: Vec<ActionRow<'p>>,
    pub since_last_meeting: Option<SinceLastMeeting<'p>>,
    /// Why there is nothing to compare with the last meeting, when that was
    /// asked for but the plan's history does not reach back to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_note: Option<String>,
    /// Actions dropped as of the day, each with its notes (why).
    pub dropped: Vec<ActionRow<'p>>,
    pub leads: Vec<LeadRow<'p>>,
}

/// The plan as it was at the last meeting, if known.
pub struct LastMeeting<'p> {
    pub label: String,
    pub day: NaiveDate,
    pub plan: &'p Plan,
}

pub fn pack<'p>(
    plan: &'p Plan,
    as_of: NaiveDate,
    next_meeting: NaiveDate,
    last: Option<LastMeeting<'_>>,
) -> Pack<'p> {
    let all = Filter::default();
    // Six reports over one day: each action's progress worked out once.
    let day = Day::held(plan, as_of);
    let mut due_before_next_meeting = Vec::new();
    day.each(|p, a, progress| {
        let upcoming = progress
            .deadlines
            .iter()
            .any(|&(due, done, _)| done.is_none() && due > as_of && due <= next_meeting);
        if upcoming && progress.state != ActionState::Dropped {
            due_before_next_meeting.push(ActionRow::new(plan, p, a, progress));
        }
    });
    let since_last_meeting = last.map(|last| {
        let found = changes::diff(last.plan, plan);
        let completed = list::rows_on(&day, &all)
            .into_iter()
            .filter(|row| {
                row.status == ActionState::Complete
                    && last.plan.find(row.r#ref).is_none_or(|(_, a)| {
                        Progress::of(a, last.day, plan.board.amber_days).state
                            != ActionState::Complete
                    })
            })
            .collect();
        SinceLastMeeting {
            since: last.label,
            since_day: last.day,
            completed,
            summary: changes::summary(last.plan, plan, &found),
            changes: found,
        }
    });
    let dropped = list::rows_on(
        &day,
        &Filter {
            states: vec![ActionState::Dropped],
            ..Filter::default()
        },
    );
    Pack {
        board: &plan.board.name,
        amber_days: plan.board.amber_days,
        as_of,
        next_meeting,
        since_note: None,
        dropped,
        summary: summary::summary_on(&day),
        quarters: quarters::rows_on(&day),
        overdue: overdue::overdue_on(&day, &all).rows,
        due_before_next_meeting,
        since_last_meeting,
        leads: leads::rows_on(&day),
    }
}

/// "None." or the table.
fn table_or_none<'p>(section: &mut Section<'p>, rows: usize, table: impl FnOnce() -> Table<'p>) {
    if rows == 0 {
        section.paragraph("None.");
    } else {
        section.table(table());
    }
}

/// The pack as one document: the sections in the order a board reads them.
pub fn document<'r>(p: &'r Pack<'_>) -> Document<'r> {
    let mut doc = Document {
        title: Some(format!(
            "{}: board meeting pack, {}",
            p.board,
            human_date(p.as_of)
        )),
        subtitle: Some(format!(
            "Figures as of {}; next meeting {}.",
            human_date(p.as_of),
            human_date(p.next_meeting)
        )),
        footer: Some(format!("{}, as of {}", p.board, human_date(p.as_of))),
        sections: Vec::new(),
    };
    let t = &p.summary.totals;
    let [counts, rag] = summary::headline(t);
    let mut figures = Table::new(vec![
        Column::new("Figure", "figure"),
        Column::new("Value", "value"),
    ])
    .show(Show::Data);
    for (k, v) in [
        ("Board", Cell::text(p.board)),
        ("As of", Cell::Date(p.as_of)),
        ("Next meeting", Cell::Date(p.next_meeting)),
        ("Actions", Cell::count(t.actions)),
        ("Complete", Cell::count(t.complete)),
        (
            "% complete (not dropped)",
            Cell::Percent(Some(t.percent_complete)),
        ),
        ("Overdue", Cell::count(t.overdue)),
        ("In progress", Cell::count(t.in_progress)),
        ("On hold", Cell::count(t.on_hold)),
        ("Not started", Cell::count(t.not_started)),
        ("Dropped", Cell::count(t.dropped)),
        ("Red", Cell::count(t.red)),
        ("Amber", Cell::count(t.amber)),
        ("Green", Cell::count(t.green)),
    ] {
        figures.push(vec![Cell::text(k), v]);
    }
    doc.section("Headline figures")
        .name("Headline")
        .list(vec![counts, rag])
        .table(figures);
    doc.section("RAG by priority")
        .name("RAG by priority")
        .table(summary::table(&p.summary))
        .paragraph(rag_key(p.amber_days));
    doc.section("Completion by quarter")
        .name("Quarters")
        .chart(quarters::chart(&p.quarters))
        .table(quarters::table(&p.quarters));
    let s = doc.section(format!("Overdue actions ({})", p.overdue.len()));
    s.name("Overdue");
    if p.overdue.is_empty() {
        s.paragraph("None.");
    } else {
        s.blocks
            .extend(overdue::blocks(&p.overdue, t.actions - t.dropped, p.as_of));
    }
    let s = doc.section(format!(
        "Due before the next meeting ({})",
        human_date(p.next_meeting)
    ));
    s.name("Due next");
    table_or_none(s, p.due_before_next_meeting.len(), || {
        list::table(&p.due_before_next_meeting, list::Commentaries::Shown)
    });
    match &p.since_last_meeting {
        Some(since) => {
            let s = doc.section(format!(
                "Completed since the last meeting ({})",
                human_date(since.since_day)
            ));
            s.name("Completed");
            table_or_none(s, since.completed.len(), || {
                list::table(&since.completed, list::Commentaries::Hidden)
            });
            let s = doc.section("Changed since the last meeting");
            s.name("Changes").paragraph(format!(
                "The plan's changes since {}: {}.",
                since.since, since.summary
            ));
            if !since.changes.is_empty() {
                s.table(changes::table(&since.changes));
            }
        }
        None => {
            if let Some(note) = &p.since_note {
                doc.section("Since the last meeting")
                    .name("Changes")
                    .paragraph(note.clone());
            }
        }
    }
    if !p.dropped.is_empty() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref").width(8.0),
            Column::new("Action", "description").width(60.0),
            Column::new("Lead", "leads").width(28.0),
            Column::new("Why dropped", "notes").width(50.0),
        ]);
        for r in &p.dropped {
            t.push(vec![
                Cell::Ref(r.r#ref.to_string().into()),
                Cell::text(r.description),
                Cell::List(r.leads.iter().map(|&l| l.into()).collect()),
                r.commentary
                    .as_ref()
                    .map_or(Cell::Empty, |c| Cell::text(c.text)),
            ]);
        }
        doc.section(format!("Dropped actions ({})", p.dropped.len()))
            .name("Dropped")
            .table(t);
    }
    doc.section("Actions by lead")
        .name("By lead")
        .table(leads::table(&p.leads));
    doc
}

/// What red, amber and green mean, in the board's own terms.
pub fn rag_key(amber_days: i64) -> String {
    format!(
        "RAG: Red = overdue (a deadline passed without a done date). Amber = on hold, or the next \
         deadline within {amber_days} days. Green = complete, or on track. - = dropped (left out \
         of the figures)."
    )
}
