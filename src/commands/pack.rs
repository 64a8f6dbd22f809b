//! `lscb pack`: the board meeting pack as Markdown, HTML, Excel or JSON.

use chrono::NaiveDate;

use crate::cli::PackArgs;
use crate::error::Result;
use crate::git::Repo;
use crate::plan::Plan;
use crate::plan::load::Known;
use crate::report::pack::{self, LastMeeting};
use crate::run::Outcome;

use super::history::{plan_at, working_tree};
use super::{Ctx, emit, leave};

pub fn run(ctx: &Ctx, args: &PackArgs) -> Result<Outcome> {
    let format = args.format.into();
    let (files, plan) = working_tree(ctx)?;
    let known = Known::new(&files, &plan);
    let next_meeting = next_meeting(ctx, args.next_meeting);
    let since = last_meeting(ctx, args.since.as_deref(), &plan, &known)?;
    let mut p = pack::pack(&plan, ctx.as_of, next_meeting, since.last());
    p.since_note = since.note;
    emit(format, args.output.as_deref(), &p, || pack::document(&p))?;
    leave(p);
    leave(since.plan);
    leave(known);
    leave(plan);
    leave(files);
    Ok(Outcome::Success)
}

/// The last meeting `--since` names, if it does.
pub(super) struct Since {
    /// How it was named, its day, and the plan as committed then.
    pub plan: Option<(String, NaiveDate, Plan)>,
    /// Why there is nothing to compare with, when the plan's history starts
    /// after the day named.
    pub note: Option<String>,
}

impl Since {
    pub fn last(&self) -> Option<LastMeeting<'_>> {
        self.plan.as_ref().map(|(label, day, plan)| LastMeeting {
            label: label.clone(),
            day: *day,
            plan,
        })
    }
}

/// The next meeting: as given, else eight weeks after the day.
pub(super) fn next_meeting(ctx: &Ctx, given: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    given.unwrap_or_else(|| {
        ctx.as_of
            .checked_add_signed(chrono::Duration::days(56))
            .unwrap_or(chrono::NaiveDate::MAX)
    })
}

/// The last meeting that `--since` names (a date, the last commit on or
/// before it, or any revision) and the plan as committed then.
pub(super) fn last_meeting(
    ctx: &Ctx,
    since: Option<&str>,
    plan: &Plan,
    known: &Known<'_>,
) -> Result<Since> {
    let Some(rev) = since else {
        return Ok(Since {
            plan: None,
            note: None,
        });
    };
    let repo = Repo::discover_with_history(&ctx.plan_dir)?;
    let id = match (repo.resolve(rev), crate::plan::date::parse_iso(rev)) {
        (Ok(id), _) => id,
        // The last meeting was before the plan was first committed: the
        // report is still made, and says so.
        (Err(_), Some(day)) => {
            return Ok(Since {
                plan: None,
                note: Some(format!(
                    "The plan's history starts after {}, so nothing is compared with the last meeting.",
                    crate::doc::human_date(day)
                )),
            });
        }
        (Err(e), None) => return Err(e),
    };
    let day = match crate::plan::date::parse_iso(rev) {
        Some(d) => d,
        None => repo.commit_day(&id)?,
    };
    let then = plan_at(ctx, &repo, &id, rev, Some(known), || Ok(plan.board.clone()))?;
    Ok(Since {
        plan: Some((rev.to_string(), day, then)),
        note: None,
    })
}
