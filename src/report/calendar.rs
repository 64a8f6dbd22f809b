//! `lscb calendar`: every deadline of every action not dropped, as an all-day
//! event a lead subscribes to in Outlook, Google or Apple Calendar.

use chrono::NaiveDate;

use crate::doc::{Calendar, Event, human_date, slug};
use crate::plan::{Action, ActionState, DeadlineState, Plan, Priority, Progress};

/// The calendar as of a day: deadlines as they stood then, in ref order and
/// then deadline order; with `lead` (a register index) only that lead's
/// actions.
pub fn calendar(plan: &Plan, as_of: NaiveDate, lead: Option<usize>) -> Calendar {
    let actions = plan
        .actions()
        .filter(|(_, a)| lead.is_none_or(|l| a.leads.contains(&l)));
    of_actions(plan, as_of, name(plan, lead), actions)
}

/// "BOARD: deadlines", or "BOARD: deadlines for LEAD".
pub fn name(plan: &Plan, lead: Option<usize>) -> String {
    match lead.and_then(|l| plan.board.register.leads.get(l)) {
        Some(l) => format!("{}: deadlines for {}", plan.board.name, l.name),
        None => format!("{}: deadlines", plan.board.name),
    }
}

/// The calendar of these actions (those not dropped as of the day).
pub fn of_actions<'p>(
    plan: &'p Plan,
    as_of: NaiveDate,
    name: String,
    actions: impl Iterator<Item = (&'p Priority, &'p Action)>,
) -> Calendar {
    let board = board_slug(&plan.board.name);
    let mut events = Vec::new();
    for (p, a) in actions {
        let progress = Progress::of(a, as_of, plan.board.amber_days);
        if progress.state == ActionState::Dropped {
            continue;
        }
        events.extend(events_of(plan, p, a, &progress, &board));
    }
    Calendar {
        name,
        stamp: as_of,
        events,
    }
}

/// The board's part of every UID: its name as a slug (`riverside-sab`).
pub fn board_slug(name: &str) -> String {
    match slug(name) {
        s if s.is_empty() => "lscb".to_string(),
        s => s,
    }
}

/// One event per deadline: `UID` `REF-N@BOARD` (N counts from 1 in deadline
/// order), the ref and description as its summary, and its leads, the
/// deadline's state and the action's in the description.
fn events_of(
    plan: &Plan,
    priority: &Priority,
    action: &Action,
    progress: &Progress,
    board: &str,
) -> Vec<Event> {
    let leads = plan.lead_names(action).join("; ");
    let total = progress.deadlines.len();
    let moved = action.moved_on(progress.as_of);
    let rag = progress.rag.map_or("-", |r| r.name());
    let summary = format!(
        "{} {}",
        action.r#ref,
        action
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    progress
        .deadlines
        .iter()
        .enumerate()
        .map(|(i, &(due, done, state))| {
            let mut lines = vec![
                format!("Lead: {leads}"),
                format!("Deadline {} of {total}: {}", i + 1, deadline(state, done)),
            ];
            if let Some(planned) = moved.get(i).map(|m| m.0).filter(|p| *p != due) {
                lines.push(format!("As planned: {}", human_date(planned)));
            }
            lines.push(format!(
                "Action: {}, RAG {rag}, as of {}",
                progress.state.name(),
                human_date(progress.as_of)
            ));
            lines.push(format!(
                "Priority {}: {}",
                priority.number,
                priority.label()
            ));
            Event {
                uid: format!("{}-{}@{board}", action.r#ref, i + 1),
                day: due,
                summary: summary.clone(),
                description: lines.join("\n"),
            }
        })
        .collect()
}

/// "met on time (done 18 Oct 2023)", "overdue", "pending".
fn deadline(state: DeadlineState, done: Option<NaiveDate>) -> String {
    match done {
        Some(d) => format!("{} (done {})", state.label(), human_date(d)),
        None => state.label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_board_always_has_a_slug() {
        assert_eq!(
            board_slug("Riverside Safeguarding Adults Board (fictional)"),
            "riverside-safeguarding-adults-board-fictional"
        );
        assert_eq!(board_slug("Ŵ"), "lscb");
    }
}
