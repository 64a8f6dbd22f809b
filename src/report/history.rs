//! `lscb history REF`: every commit that changed one action, and how far its
//! deadlines moved.

use serde::Serialize;

use super::changes::{self, Change, Kind};
use crate::doc::{Cell, Column, Document, Show, Table, plural};
use crate::plan::Ref;

/// One commit that changed the action.
#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Serialize)]
pub struct History {
    #[serde(rename = "ref")]
    pub r#ref: Ref,
    pub commits: Vec<HistoryEntry>,
    /// How many times its deadlines moved, and by how many days in all.
    pub deadline_moves: usize,
    pub days_moved: i64,
    /// Commits whose plan had errors, so could not be compared.
    pub skipped: Vec<String>,
}

impl History {
    pub fn new(r: Ref, commits: Vec<HistoryEntry>, skipped: Vec<String>) -> History {
        let moves: Vec<&Change> = commits
            .iter()
            .flat_map(|e| &e.changes)
            .filter(|c| c.kind == Kind::DeadlineMoved)
            .collect();
        History {
            r#ref: r,
            deadline_moves: moves.len(),
            days_moved: moves.iter().filter_map(|c| c.days).sum(),
            commits,
            skipped,
        }
    }
}

/// A commit id as people read it.
pub fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}

pub fn table(h: &History) -> Table<'_> {
    let mut t = Table::new(vec![
        Column::new("Date", "date"),
        Column::new("Commit", "commit"),
        Column::new("Author", "author"),
        Column::new("Change", "change").show(Show::People),
        Column::new("Kind", "kind").show(Show::Data),
    ]);
    for e in &h.commits {
        for c in &e.changes {
            t.push(vec![
                Cell::text(&e.date),
                Cell::text(short(&e.commit)),
                Cell::text(&e.author),
                Cell::text(changes::describe(c)),
                Cell::text(c.kind.name()),
            ]);
        }
    }
    t
}

pub fn document(h: &History) -> Document<'_> {
    let mut doc = Document::new();
    let s = doc.section(format!("History of action {}", h.r#ref));
    s.name("History").table(table(h)).paragraph(format!(
        "Deadline moved {}, {} days in all.",
        plural(h.deadline_moves, "time", "times"),
        h.days_moved
    ));
    if !h.skipped.is_empty() {
        s.paragraph(format!(
            "Not compared (the plan had errors): {}",
            h.skipped.join(", ")
        ));
    }
    doc
}
