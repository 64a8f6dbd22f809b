//! The contract's key lists, table by table, in canonical order: the loader
//! checks keys against them, `fmt` orders keys by them, edits place new keys
//! by them, and a test holds the editor schema to them.

pub const BOARD: &[&str] = &[
    "name",
    "year",
    "amber_days",
    "update_days",
    "require",
    "leads",
];
pub const YEAR: &[&str] = &["start", "end"];
pub const LEAD: &[&str] = &["name", "aliases"];
pub const PRIORITY: &[&str] = &["priority", "title", "short", "objective", "action"];
pub const OBJECTIVE: &[&str] = &["number", "title"];
pub const ACTION: &[&str] = &[
    "ref",
    "description",
    "lead",
    "due",
    "every",
    "done",
    "status",
    "impact",
    "tags",
    "notes",
    "carried_from",
    "update",
];
pub const UPDATE: &[&str] = &["date", "text", "status", "status_before", "moved"];
pub const MOVED: &[&str] = &["from", "to"];

/// Which table of which file a key list belongs to, by the table's path from
/// the file's root (`["action", "update"]` for `[[action.update]]`).
pub fn for_table(board_file: bool, path: &[&str]) -> &'static [&'static str] {
    match (board_file, path) {
        (true, []) => BOARD,
        (true, ["year"]) => YEAR,
        (true, ["leads", _]) => LEAD,
        (false, []) => PRIORITY,
        (false, ["objective"]) => OBJECTIVE,
        (false, ["action"]) => ACTION,
        (false, ["action", "update"]) => UPDATE,
        (false, ["action", "update", "moved"]) => MOVED,
        _ => &[],
    }
}
