//! `lscb list`: the actions of the plan, filtered, with their state as of a day.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    Commentary, DESCRIPTION_WIDTH, Day, commentary, commentary_cell, commentary_column, rag_cell,
};
use crate::doc::{
    self, Block, Cell, Column, Document, Json, JsonFields, Names, Show, Table, human_date,
};
use crate::plan::{Action, ActionState, Plan, Priority, Progress, Rag, Ref};

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
                .is_none_or(|d| progress.deadlines.iter().any(|x| x.0 < d))
            && self
                .due_after
                .is_none_or(|d| progress.deadlines.iter().any(|x| x.0 > d))
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
pub struct ActionRow<'p> {
    #[serde(rename = "ref")]
    pub r#ref: Ref,
    pub priority: u32,
    pub objective: u32,
    pub description: &'p str,
    pub leads: Vec<&'p str>,
    /// Every deadline as it stood on the day.
    #[serde(serialize_with = "super::iso::dates")]
    pub deadlines: Cow<'p, [NaiveDate]>,
    #[serde(serialize_with = "super::iso::dates")]
    pub done: Cow<'p, [NaiveDate]>,
    pub status: ActionState,
    pub rag: Option<Rag>,
    pub file: &'p str,
    pub line: usize,
    /// For a red or amber action its latest update, for a dropped one its notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commentary: Option<Commentary<'p>>,
}

impl JsonFields for ActionRow<'_> {
    /// The fields `derive(Serialize)` writes, in its order.
    fn fields(&self, field: &mut dyn FnMut(&'static str, Json<'_>)) {
        field("ref", Json::Str(self.r#ref.text().as_str()));
        field("priority", Json::Int(self.priority.into()));
        field("objective", Json::Int(self.objective.into()));
        field("description", Json::Str(self.description));
        field("leads", Json::Strs(&self.leads));
        field("deadlines", Json::Dates(&self.deadlines));
        field("done", Json::Dates(&self.done));
        field("status", Json::Str(self.status.name()));
        field("rag", self.rag.map_or(Json::Null, |r| Json::Str(r.name())));
        field("file", Json::Str(self.file));
        field(
            "line",
            Json::Int(u64::try_from(self.line).unwrap_or(u64::MAX)),
        );
        if let Some(c) = &self.commentary {
            field(
                "commentary",
                Json::Object(&[("date", Json::Date(c.date)), ("text", Json::Str(c.text))]),
            );
        }
    }
}

/// Whether an actions table carries the commentary column (board papers do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commentaries {
    Shown,
    Hidden,
}

impl<'p> ActionRow<'p> {
    pub fn new(
        plan: &'p Plan,
        priority: &'p Priority,
        action: &'p Action,
        progress: &Progress,
    ) -> Self {
        ActionRow {
            r#ref: action.r#ref,
            priority: action.r#ref.priority,
            objective: action.r#ref.objective,
            description: &action.description,
            leads: plan.lead_names(action),
            deadlines: same_or_own(&action.deadlines, progress.deadlines.iter().map(|d| d.0)),
            done: same_or_own(&action.done, progress.deadlines.iter().filter_map(|d| d.1)),
            status: progress.state,
            rag: progress.rag,
            file: &priority.file,
            line: action.line,
            commentary: commentary(action, progress),
        }
    }
}

/// `dates` borrowed from `held` where `held` is the same dates (an action's
/// own deadlines when no move is dated, its done dates when all met one):
/// a row of 100k does not copy them.
fn same_or_own<'p>(
    held: &'p [NaiveDate],
    dates: impl Iterator<Item = NaiveDate> + Clone,
) -> Cow<'p, [NaiveDate]> {
    let n = dates.clone().count();
    match held.get(..n) {
        Some(prefix) if prefix.iter().copied().eq(dates.clone()) => Cow::Borrowed(prefix),
        _ => Cow::Owned(dates.collect()),
    }
}

/// The actions the filter keeps, in ref order, with their progress as of `as_of`.
pub fn rows<'p>(plan: &'p Plan, filter: &Filter, as_of: NaiveDate) -> Vec<ActionRow<'p>> {
    rows_on(&Day::live(plan, as_of), filter)
}

/// As `rows`, on a day whose progress may be held for several reports.
pub fn rows_on<'p>(day: &Day<'p>, filter: &Filter) -> Vec<ActionRow<'p>> {
    let mut rows = Vec::new();
    day.each(|p, a, progress| {
        if filter.matches(p, a, progress) {
            rows.push(ActionRow::new(day.plan, p, a, progress));
        }
    });
    rows
}

/// The deadline a person looks at: the next unmet one (or the last), "(2 of 4)" when several.
pub fn due_text(deadlines: &[NaiveDate], done: usize) -> String {
    let Some(&last) = deadlines.last() else {
        return String::new();
    };
    let i = done.min(deadlines.len() - 1);
    // Written into one string: a table of actions makes one on every row.
    let mut out = String::with_capacity(24);
    doc::push_human_date(&mut out, deadlines.get(i).copied().unwrap_or(last));
    if deadlines.len() > 1 {
        use std::fmt::Write;
        let _ = write!(out, " ({} of {})", i + 1, deadlines.len());
    }
    out
}

/// The actions table: what people read, and every field for data formats.
///
/// Its rows are made from `rows` as a renderer reads them: a list of 100k
/// actions is never held as cells.
pub fn table<'r>(rows: &'r [ActionRow<'_>], commentaries: Commentaries) -> Table<'r> {
    Table::made(columns(commentaries), rows.len(), move |i| {
        rows.get(i).map_or_else(Vec::new, |r| {
            let dates = |ds: &'r [NaiveDate]| Cell::Dates(ds.into());
            cells(r, commentaries, dates(&r.deadlines), dates(&r.done))
        })
    })
}

/// The same table holding its cells, their text borrowed from the plan
/// rather than from `rows`: for a document kept after `rows` are gone (a
/// site's pages).
pub fn held_table<'p>(rows: &[ActionRow<'p>], commentaries: Commentaries) -> Table<'p> {
    let mut t = Table::new(columns(commentaries));
    for r in rows {
        let (deadlines, done) = (r.deadlines.clone(), r.done.clone());
        t.push(cells(
            r,
            commentaries,
            Cell::Dates(deadlines),
            Cell::Dates(done),
        ));
    }
    t
}

fn columns(commentaries: Commentaries) -> Vec<Column> {
    let mut columns = vec![
        Column::new("Ref", "ref").width(8.0),
        Column::number("Priority", "priority").show(Show::Data),
        Column::number("Objective", "objective").show(Show::Data),
        Column::new("Action", "description")
            .shorten(DESCRIPTION_WIDTH)
            .width(60.0),
        Column::new("Lead", "leads").width(28.0).names(Names::Lead),
        Column::new("Due", "due").show(Show::People),
        Column::new("Deadlines", "deadlines").show(Show::Data),
        Column::new("Done", "done").show(Show::Data),
        Column::new("Status", "status"),
        Column::new("RAG", "rag"),
        Column::new("File", "file").show(Show::Data),
        Column::number("Line", "line").show(Show::Data),
    ];
    if commentaries == Commentaries::Shown {
        columns.push(commentary_column());
    }
    columns
}

/// A row's cells in `columns`' order, its deadlines and done dates given.
fn cells<'c>(
    r: &ActionRow<'c>,
    commentaries: Commentaries,
    deadlines: Cell<'c>,
    done: Cell<'c>,
) -> Vec<Cell<'c>> {
    let mut row = Vec::with_capacity(13);
    row.extend([
        Cell::Ref(r.r#ref.string().into()),
        Cell::Int(r.priority.into()),
        Cell::Int(r.objective.into()),
        Cell::text(r.description),
        Cell::List(r.leads.iter().map(|&l| l.into()).collect()),
        Cell::text(due_text(&r.deadlines, r.done.len())),
        deadlines,
        done,
        Cell::text(r.status.name()),
        rag_cell(r.rag),
        Cell::text(r.file),
        Cell::count(r.line),
    ]);
    // Made only where the column is: a red action's commentary is text of
    // its own, and a list of 100k actions does not show it.
    if commentaries == Commentaries::Shown {
        row.push(commentary_cell(r.commentary.as_ref()));
    }
    row
}

/// The list as people read it: the table, then how many and as of when.
pub fn document<'r>(rows: &'r [ActionRow<'_>], as_of: NaiveDate) -> Document<'r> {
    document_of(table(rows, Commentaries::Hidden), as_of)
}

/// The same, its table held (see `held_table`).
pub fn held_document<'p>(rows: &[ActionRow<'p>], as_of: NaiveDate) -> Document<'p> {
    document_of(held_table(rows, Commentaries::Hidden), as_of)
}

fn document_of(table: Table<'_>, as_of: NaiveDate) -> Document<'_> {
    let count = table.rows.len();
    let mut doc = Document::of(vec![
        Block::Table(table),
        Block::Paragraph(format!(
            "{} as of {}",
            doc::plural(count, "action", "actions"),
            human_date(as_of)
        )),
    ]);
    doc.sections[0].name = Some("Actions".into());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's dates borrow the action's own where they are the same, and
    /// are its own where they differ (a move, a done date that met none).
    #[test]
    fn a_rows_dates_borrow_only_the_same_dates() {
        let d = |s| crate::plan::date::parse_iso(s).unwrap();
        let held = [d("2017-06-30"), d("2017-09-30"), d("2017-12-31")];
        let same = same_or_own(&held, held[..2].iter().copied());
        assert!(matches!(same, Cow::Borrowed(_)));
        assert_eq!(*same, held[..2]);
        for other in [
            vec![d("2017-06-30"), d("2017-10-31")],
            vec![
                d("2017-06-30"),
                d("2017-09-30"),
                d("2017-12-31"),
                d("2018-03-31"),
            ],
        ] {
            let own = same_or_own(&held, other.iter().copied());
            assert!(matches!(own, Cow::Owned(_)));
            assert_eq!(*own, other[..]);
        }
        assert_eq!(*same_or_own(&held, std::iter::empty()), []);
    }

    #[test]
    fn the_due_text_shows_the_next_unmet_deadline() {
        let d = |s| crate::plan::date::parse_iso(s).unwrap();
        let many = [d("2017-06-30"), d("2017-09-30")];
        assert_eq!(due_text(&many, 0), "30 Jun 2017 (1 of 2)");
        assert_eq!(due_text(&many, 1), "30 Sep 2017 (2 of 2)");
        assert_eq!(due_text(&many, 2), "30 Sep 2017 (2 of 2)");
        assert_eq!(due_text(&many[..1], 0), "30 Jun 2017");
        assert_eq!(due_text(&[], 0), "");
    }
}
