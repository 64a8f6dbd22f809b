//! `lscb rollover`: next year's plan from this year's, as the contract's "The
//! year cycle" says. Pure: plan files in, new files' texts out.
//!
//! Each kept file is the old file edited (toml_edit), so a priority's title,
//! an objective's wording and the board's register keep their comments and
//! layout; what belongs to the old year goes: the actions that are complete or
//! dropped, each carried action's done dates, status, notes, progress log and
//! the comments above it (they describe how the old year went), and the
//! objectives and priorities left with nothing carried.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::layout::{FileKind, layout};
use super::value::{date_value, keep_style, string_value};
use crate::plan::date::month_end;
use crate::plan::load::PlanFiles;
use crate::plan::{ActionState, Plan, PlanYear, Progress, Ref, Schedule};
use crate::report::document::year_label;

/// What a rollover carried and what it left behind (full refs, plan order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub carried: Vec<Ref>,
    pub complete: Vec<Ref>,
    pub dropped: Vec<Ref>,
}

/// The new plan's files (path inside the plan folder, text) and what was
/// carried.
#[derive(Debug)]
pub struct Rollover {
    pub board: Option<(String, String)>,
    pub priorities: Vec<(String, String)>,
    pub summary: Summary,
    pub year: PlanYear,
}

#[derive(Debug, PartialEq, Eq)]
pub enum RolloverError {
    /// A file the plan was loaded from no longer parses (should not happen:
    /// the plan loaded), or the edit broke it.
    Toml { file: String, message: String },
}

/// The default new year: from the day after the old one ends, for one year.
pub fn next_year(old: PlanYear) -> PlanYear {
    let start = old.end.succ_opt().unwrap_or(old.end);
    let end = start
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    PlanYear { start, end }
}

/// The last day of a year's first quarter.
fn first_quarter_end(year: PlanYear) -> NaiveDate {
    year.start
        .checked_add_months(Months::new(3))
        .and_then(|d| d.pred_opt())
        .unwrap_or(year.end)
        .min(year.end)
}

/// A deadline as a board writes it: "YYYY-MM" for a month's last day.
fn deadline_value(d: NaiveDate) -> Value {
    if month_end(d.year(), d.month()) == Some(d) {
        string_value(&d.format("%Y-%m").to_string())
    } else {
        date_value(d)
    }
}

fn days(ds: &[NaiveDate]) -> String {
    let shown: Vec<String> = ds.iter().map(|d| crate::doc::human_date(*d)).collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Rolls the plan over into `new`. `relative` gives a file's path inside the
/// plan folder from the path it was read as.
pub fn rollover(
    files: &PlanFiles,
    plan: &Plan,
    new: PlanYear,
    relative: impl Fn(&str) -> String,
) -> Result<Rollover, RolloverError> {
    let old = plan.board.year;
    let old_label = year_label(old);
    let mut summary = Summary::default();
    let mut board_out = None;
    let mut out = Vec::new();

    if let Some(board) = &files.board {
        let mut doc = parse(&board.path, &board.text)?;
        if !doc.contains_key("year") {
            doc["year"] = Item::Table(Table::new());
        }
        doc["year"]["start"] = Item::Value(date_value(new.start));
        doc["year"]["end"] = Item::Value(date_value(new.end));
        board_out = Some((
            relative(&board.path),
            finish(&board.path, &board.text, doc, FileKind::Board)?,
        ));
    }

    for priority in &plan.priorities {
        let mut carried = Vec::new();
        for action in &priority.actions {
            // Open or not as of the old year's end.
            match Progress::of(action, old.end, plan.board.amber_days).state {
                ActionState::Complete => summary.complete.push(action.r#ref),
                ActionState::Dropped => summary.dropped.push(action.r#ref),
                _ => {
                    summary.carried.push(action.r#ref);
                    carried.push(action);
                }
            }
        }
        if carried.is_empty() {
            continue;
        }
        let Some(source) = files.priorities.iter().find(|f| f.path == priority.file) else {
            continue;
        };
        let mut doc = parse(&source.path, &source.text)?;
        let kept_objectives: BTreeSet<u32> = carried.iter().map(|a| a.r#ref.objective).collect();

        // Objectives: only those with a carried action (written as
        // [[objective]] tables or as an inline array of tables).
        if let Some(mut objectives) = tables(&mut doc, "objective") {
            objectives.retain(|t| {
                t.get("number")
                    .and_then(Item::as_integer)
                    .and_then(|n| u32::try_from(n).ok())
                    .is_some_and(|n| kept_objectives.contains(&n))
            });
            doc["objective"] = Item::ArrayOfTables(objectives);
        }

        // Actions: the carried ones, each made new.
        let mut kept = ArrayOfTables::new();
        for table in tables(&mut doc, "action").iter().flat_map(|a| a.iter()) {
            let local = table.get("ref").and_then(Item::as_str).unwrap_or("");
            let Some(action) = carried
                .iter()
                .find(|a| format!("{}.{}", a.r#ref.objective, a.r#ref.action) == local)
            else {
                continue;
            };
            let mut t = table.clone();
            // The comments above an action describe how the old year went.
            t.decor_mut().set_prefix("\n");
            for key in ["done", "status", "notes", "update", "carried_from"] {
                t.remove(key);
            }
            t["carried_from"] = Item::Value(string_value(&format!("{old_label} {}", action.r#ref)));
            // Its deadlines as they stand in the files now: a move recorded
            // after the year's end counts.
            let latest = action
                .updates
                .iter()
                .map(|u| u.date)
                .chain(action.done.iter().copied())
                .fold(old.end, NaiveDate::max);
            let unmet: Vec<NaiveDate> = Progress::of(action, latest, plan.board.amber_days)
                .deadlines
                .iter()
                .filter(|(_, _, state)| !state.is_met())
                .map(|(d, _, _)| *d)
                .collect();
            let was_due = match action.schedule {
                Schedule::Every(p) => format!("every {}", p.name()),
                Schedule::Due if unmet.is_empty() => "no date".to_string(),
                Schedule::Due => days(&unmet),
            };
            if action.schedule == Schedule::Due {
                // Its unmet deadlines in the new year, else the end of the new
                // year's first quarter; any after the new year are kept too
                // (dropping them would lose a commitment).
                let mut due: Vec<NaiveDate> = unmet
                    .iter()
                    .copied()
                    .filter(|d| (new.start..=new.end).contains(d))
                    .collect();
                if due.is_empty() {
                    due.push(first_quarter_end(new));
                }
                due.extend(unmet.iter().copied().filter(|d| *d > new.end));
                t["due"] = Item::Value(match due.as_slice() {
                    [one] => deadline_value(*one),
                    many => Value::Array(many.iter().map(|d| deadline_value(*d)).collect()),
                });
            }
            let mut update = Table::new();
            update["date"] = Item::Value(date_value(new.start));
            let text = format!(
                "Carried over from {old_label} (action {}, due {was_due}): not complete at the year's end",
                action.r#ref
            );
            update["text"] = Item::Value(string_value(&text));
            let mut log = ArrayOfTables::new();
            log.push(update);
            t["update"] = Item::ArrayOfTables(log);
            kept.push(t);
        }
        doc["action"] = Item::ArrayOfTables(kept);
        out.push((
            relative(&source.path),
            finish(&source.path, &source.text, doc, FileKind::Priority)?,
        ));
    }
    Ok(Rollover {
        board: board_out,
        priorities: out,
        summary,
        year: new,
    })
}

fn parse(path: &str, text: &str) -> Result<DocumentMut, RolloverError> {
    text.parse::<DocumentMut>()
        .map_err(|e| RolloverError::Toml {
            file: path.to_string(),
            message: e.message().to_string(),
        })
}

/// A table array, whether written as `[[key]]` tables or as an inline array
/// of tables (`key = [{ ... }]`); taken out of the document.
fn tables(doc: &mut DocumentMut, key: &str) -> Option<ArrayOfTables> {
    doc.remove(key)?.into_array_of_tables().ok()
}

/// The edited file in the canonical layout, with the old file's line endings.
fn finish(
    path: &str,
    original: &str,
    doc: DocumentMut,
    kind: FileKind,
) -> Result<String, RolloverError> {
    let text = doc.to_string().replace("\r\n", "\n");
    layout(&text, kind)
        .map(|t| keep_style(original, t))
        .map_err(|e| RolloverError::Toml {
            file: path.to_string(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_next_year_follows_on_and_its_first_quarter_ends_three_months_in() {
        let old = PlanYear {
            start: day("2023-04-01"),
            end: day("2024-03-31"),
        };
        let new = next_year(old);
        assert_eq!((new.start, new.end), (day("2024-04-01"), day("2025-03-31")));
        assert_eq!(first_quarter_end(new), day("2024-06-30"));
        let leap = next_year(PlanYear {
            start: day("2023-03-01"),
            end: day("2024-02-29"),
        });
        assert_eq!(
            (leap.start, leap.end),
            (day("2024-03-01"), day("2025-02-28"))
        );
    }

    #[test]
    fn deadlines_are_written_as_a_board_writes_them() {
        assert_eq!(deadline_value(day("2024-06-30")).to_string(), "\"2024-06\"");
        assert_eq!(deadline_value(day("2024-06-15")).to_string(), "2024-06-15");
        assert_eq!(
            days(&[day("2024-02-29"), day("2024-03-31")]),
            "29 Feb 2024 and 31 Mar 2024"
        );
    }
}
