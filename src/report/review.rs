//! `lscb review`: what a pull request does to the plan, and the deadlines it
//! moves without saying why.

use chrono::NaiveDate;
use serde::Serialize;

use super::changes::{self, Change, Kind};
use crate::doc::{Annotation, Cell, Column, Document, Level, Table};
use crate::plan::{Plan, Ref};

#[derive(Debug, Serialize)]
pub struct Review<'c> {
    pub base: String,
    pub summary: String,
    pub changes: &'c [Change],
    /// Progress updates the change adds.
    pub updates: Vec<AddedUpdate>,
    /// Every moved deadline with the reason given for it (the updates the
    /// change adds to that action), if any.
    pub moves: Vec<Move<'c>>,
    /// Deadlines moved without an update saying why.
    pub unexplained: Vec<&'c Change>,
}

/// An `[[action.update]]` the change adds.
#[derive(Debug, Serialize)]
pub struct AddedUpdate {
    #[serde(rename = "ref")]
    pub r#ref: Ref,
    pub date: NaiveDate,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Move<'c> {
    #[serde(flatten)]
    pub change: &'c Change,
    pub reason: Option<String>,
}

/// The updates `new` has that `old` has not, action by action (compared as
/// multisets: an update repeated word for word is still new).
pub fn added_updates(old: &Plan, new: &Plan) -> Vec<AddedUpdate> {
    let mut out = Vec::new();
    for (_, b) in new.actions() {
        let mut before: Vec<_> = old
            .find(b.r#ref)
            .map(|(_, a)| a.updates.iter().collect())
            .unwrap_or_default();
        for u in &b.updates {
            match before.iter().position(|x| *x == u) {
                Some(i) => {
                    before.swap_remove(i);
                }
                None => out.push(AddedUpdate {
                    r#ref: b.r#ref,
                    date: u.date,
                    text: u.text.clone(),
                }),
            }
        }
    }
    out
}

pub const HINT: &str = "add an [[action.update]] to the action (lscb reschedule does this for you)";

pub fn review<'c>(old: &Plan, new: &Plan, base: String, found: &'c [Change]) -> Review<'c> {
    let updates = added_updates(old, new);
    let moves = found
        .iter()
        .filter(|c| c.kind == Kind::DeadlineMoved)
        .map(|c| {
            let texts: Vec<&str> = updates
                .iter()
                .filter(|u| u.r#ref.to_string() == c.r#ref)
                .map(|u| u.text.as_str())
                .collect();
            Move {
                change: c,
                reason: (!texts.is_empty()).then(|| texts.join("; ")),
            }
        })
        .collect();
    Review {
        base,
        summary: format!("This change {}.", changes::summary(old, new, found)),
        changes: found,
        updates,
        moves,
        unexplained: changes::unexplained_moves(old, new, found),
    }
}

/// One notice with the summary, one error per unexplained move at its action.
pub fn annotations(r: &Review<'_>) -> Vec<Annotation> {
    let mut out = vec![Annotation {
        level: Level::Notice,
        message: r.summary.clone(),
        ..Annotation::default()
    }];
    for c in &r.unexplained {
        out.push(Annotation {
            level: Level::Error,
            file: Some(c.file.clone().unwrap_or_default()),
            line: Some(c.line.unwrap_or(1)),
            message: format!(
                "{}: {}, with no [[action.update]] saying why\nhelp: {HINT}",
                c.r#ref,
                changes::describe(c)
            ),
            ..Annotation::default()
        });
    }
    out
}

pub fn document<'r>(r: &'r Review<'_>, base_label: &str) -> Document<'r> {
    let mut doc = Document::new();
    let s = doc.section(format!(
        "Plan review against {base_label} ({})",
        super::history::short(&r.base)
    ));
    s.name("Review").paragraph(r.summary.clone());
    if !r.changes.is_empty() {
        s.table(changes::table(r.changes));
    }
    if r.unexplained.is_empty() {
        s.paragraph("Every moved deadline comes with an update saying why.");
    }
    if !r.moves.is_empty() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Deadline", "change"),
            Column::new("Reason given", "reason"),
        ]);
        for m in &r.moves {
            t.push(vec![
                Cell::Ref(m.change.r#ref.clone().into()),
                Cell::text(changes::describe_what(m.change)),
                Cell::text(m.reason.clone().unwrap_or_else(|| "(none)".into())),
            ]);
        }
        doc.section("Deadlines moved").name("Moves").table(t);
    }
    if !r.updates.is_empty() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Date", "date"),
            Column::new("Update", "text"),
        ]);
        for u in &r.updates {
            t.push(vec![
                Cell::Ref(u.r#ref.to_string().into()),
                Cell::Date(u.date),
                Cell::text(&u.text),
            ]);
        }
        doc.section("Progress recorded").name("Updates").table(t);
    }
    if !r.unexplained.is_empty() {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Problem", "problem"),
        ]);
        for c in &r.unexplained {
            t.push(vec![
                Cell::Ref(c.r#ref.clone().into()),
                Cell::text(format!(
                    "{}; no [[action.update]] says why: {HINT}",
                    changes::describe(c)
                )),
            ]);
        }
        doc.section("Deadlines moved without a reason").table(t);
    }
    doc
}
