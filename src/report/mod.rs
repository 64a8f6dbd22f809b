//! Reports: pure functions from a plan and a day to rows (the contract's JSON
//! shapes, borrowing from the plan) and to a `Document` for every other format.
//! A report never knows which format it will be shown in.

pub mod changes;
pub mod history;
pub mod leads;
pub mod list;
pub mod overdue;
pub mod pack;
pub mod quarters;
pub mod review;
pub mod show;
pub mod summary;

use crate::doc::{self, Cell};
use crate::plan::Rag;

/// A RAG rating as a cell (`None`, a dropped action, shows "-").
pub fn rag_cell(rag: Option<Rag>) -> Cell {
    Cell::Rag(rag.map(|r| match r {
        Rag::Red => doc::Rag::Red,
        Rag::Amber => doc::Rag::Amber,
        Rag::Green => doc::Rag::Green,
    }))
}

/// A percentage to one decimal place (`None` when there is nothing to count).
pub fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// How long descriptions may be in a terminal table (full text elsewhere).
pub const DESCRIPTION_WIDTH: usize = 70;
