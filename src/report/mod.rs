//! Reports: pure functions from a plan and a day to rows (JSON) and documents (tables).

pub mod changes;
pub mod leads;
pub mod list;
pub mod overdue;
pub mod pack;
pub mod quarters;
pub mod show;
pub mod summary;
