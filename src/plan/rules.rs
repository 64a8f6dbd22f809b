//! The board's own rules that depend on the day: `update_days` (warning
//! `stale-update`). Pure; `validate` turns what it finds into findings.

use chrono::NaiveDate;

use super::{Action, ActionState, Plan, Priority, Progress};

/// An open action with no update dated in the board's `update_days` up to
/// the day.
#[derive(Clone, Debug)]
pub struct Stale<'p> {
    pub priority: &'p Priority,
    pub action: &'p Action,
    /// Its latest update on or before the day, if any.
    pub last: Option<NaiveDate>,
    pub days: i64,
}

/// Every action open as of `as_of` (neither complete nor dropped) whose
/// latest update on or before it is older than `update_days` (an update
/// dated `update_days` before the day still counts).
pub fn stale_updates(plan: &Plan, as_of: NaiveDate) -> Vec<Stale<'_>> {
    let Some(days) = plan.board.update_days else {
        return Vec::new();
    };
    let Some(since) = as_of.checked_sub_signed(chrono::Duration::days(days)) else {
        return Vec::new();
    };
    plan.actions()
        .filter_map(|(p, a)| {
            let state = Progress::of(a, as_of, plan.board.amber_days).state;
            if matches!(state, ActionState::Complete | ActionState::Dropped) {
                return None;
            }
            let last = a
                .updates
                .iter()
                .map(|u| u.date)
                .filter(|d| *d <= as_of)
                .max();
            (last.is_none_or(|d| d < since)).then_some(Stale {
                priority: p,
                action: a,
                last,
                days,
            })
        })
        .collect()
}
