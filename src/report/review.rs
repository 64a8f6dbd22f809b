//! `lscb review`: what a pull request does to the plan, and the deadlines it
//! moves without saying why.

use serde::Serialize;

use super::changes::{self, Change};
use crate::doc::{Annotation, Cell, Column, Document, Level, Table};
use crate::plan::Plan;

#[derive(Debug, Serialize)]
pub struct Review<'c> {
    pub base: String,
    pub summary: String,
    pub changes: &'c [Change],
    /// Deadlines moved without an update saying why.
    pub unexplained: Vec<&'c Change>,
}

pub const HINT: &str = "add an [[action.update]] to the action (lscb reschedule does this for you)";

pub fn review<'c>(old: &Plan, new: &Plan, base: String, found: &'c [Change]) -> Review<'c> {
    Review {
        base,
        summary: format!("This change {}.", changes::summary(old, new, found)),
        changes: found,
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

pub fn document(r: &Review<'_>, base_label: &str) -> Document {
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
    } else {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Problem", "problem"),
        ]);
        for c in &r.unexplained {
            t.push(vec![
                Cell::Ref(c.r#ref.clone()),
                Cell::Text(format!(
                    "{}; no [[action.update]] says why: {HINT}",
                    changes::describe(c)
                )),
            ]);
        }
        doc.section("Deadlines moved without a reason").table(t);
    }
    doc
}
