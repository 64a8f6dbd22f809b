//! Reports: pure functions from a plan and a day to rows (JSON) and documents (tables).

pub mod list;
pub mod show;
