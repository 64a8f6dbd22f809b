//! The board meeting pack: every section a board paper needs, as one model that
//! the Markdown, HTML and Excel renderers share.

use chrono::NaiveDate;
use serde::Serialize;

use super::changes::{self, Change};
use super::leads::{self, LeadRow};
use super::list::{self, ActionRow, Filter};
use super::overdue::{self, OverdueRow};
use super::quarters::{self, QuarterRow};
use super::summary::{self, Summary};
use crate::plan::{ActionState, Plan, Progress};

/// What changed since the last meeting (only when `--since` names it).
#[derive(Clone, Debug, Serialize)]
pub struct SinceLastMeeting {
    /// How the last meeting was named (`--since`), and the day it stands for.
    pub since: String,
    pub since_day: NaiveDate,
    /// Actions complete now that were not then.
    pub completed: Vec<ActionRow>,
    pub changes: Vec<Change>,
    pub summary: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pack {
    pub board: String,
    pub as_of: NaiveDate,
    pub next_meeting: NaiveDate,
    pub summary: Summary,
    pub quarters: Vec<QuarterRow>,
    pub overdue: Vec<OverdueRow>,
    /// Actions with an unmet deadline after the day and up to the next meeting.
    pub due_before_next_meeting: Vec<ActionRow>,
    pub since_last_meeting: Option<SinceLastMeeting>,
    pub leads: Vec<LeadRow>,
}

/// The plan as it was at the last meeting, if known.
pub struct LastMeeting<'p> {
    pub label: String,
    pub day: NaiveDate,
    pub plan: &'p Plan,
}

pub fn pack(
    plan: &Plan,
    as_of: NaiveDate,
    next_meeting: NaiveDate,
    last: Option<LastMeeting<'_>>,
) -> Pack {
    let all = Filter::default();
    let due_before_next_meeting = plan
        .actions()
        .filter_map(|(p, a)| {
            let progress = Progress::of(a, as_of, plan.board.amber_days);
            let upcoming = progress
                .deadlines
                .iter()
                .any(|&(due, done, _)| done.is_none() && due > as_of && due <= next_meeting);
            (upcoming && progress.state != ActionState::Dropped)
                .then(|| list::ActionRow::new(plan, p, a, &progress))
        })
        .collect();
    let since_last_meeting = last.map(|last| {
        let found = changes::diff(last.plan, plan);
        let completed = list::rows(plan, &all, as_of)
            .into_iter()
            .filter(|row| {
                row.status == ActionState::Complete
                    && last.plan.find(row.r#ref).is_none_or(|(_, a)| {
                        Progress::of(a, last.day, plan.board.amber_days).state
                            != ActionState::Complete
                    })
            })
            .collect();
        SinceLastMeeting {
            since: last.label,
            since_day: last.day,
            completed,
            summary: changes::summary(last.plan, plan, &found),
            changes: found,
        }
    });
    Pack {
        board: plan.board.name.clone(),
        as_of,
        next_meeting,
        summary: summary::summary(plan, as_of),
        quarters: quarters::rows(plan, as_of),
        overdue: overdue::overdue(plan, &all, as_of).rows,
        due_before_next_meeting,
        since_last_meeting,
        leads: leads::rows(plan, as_of),
    }
}
