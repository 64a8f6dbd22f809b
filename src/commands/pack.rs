//! `lscb pack`: the board meeting pack as Markdown, HTML, Excel or JSON.

use crate::cli::PackArgs;
use crate::error::Result;
use crate::git::Repo;
use crate::report::pack::{self, LastMeeting};
use crate::run::Outcome;

use super::history::{plan_at, working_tree};
use super::{Ctx, emit};
use crate::plan::load::Known;

pub fn run(ctx: &Ctx, args: &PackArgs) -> Result<Outcome> {
    let format = args.format.into();
    let (files, plan) = working_tree(ctx)?;
    let known = Known::new(&files, &plan);
    let next_meeting = args.next_meeting.unwrap_or_else(|| {
        ctx.as_of
            .checked_add_signed(chrono::Duration::days(56))
            .unwrap_or(chrono::NaiveDate::MAX)
    });
    let last_plan;
    let mut since_note = None;
    let last = match &args.since {
        Some(rev) => 'since: {
            let repo = Repo::discover_with_history(&ctx.plan_dir)?;
            let id = match (repo.resolve(rev), crate::plan::date::parse_iso(rev)) {
                (Ok(id), _) => id,
                // The last meeting was before the plan was first committed:
                // the pack is still made, and says so.
                (Err(_), Some(day)) => {
                    since_note = Some(format!(
                        "The plan's history starts after {}, so nothing is compared with the last meeting.",
                        crate::doc::human_date(day)
                    ));
                    break 'since None;
                }
                (Err(e), None) => return Err(e),
            };
            let day = match crate::plan::date::parse_iso(rev) {
                Some(d) => d,
                None => repo.commit_day(&id)?,
            };
            last_plan = plan_at(ctx, &repo, &id, rev, Some(&known), || {
                Ok(plan.board.clone())
            })?;
            Some(LastMeeting {
                label: rev.clone(),
                day,
                plan: &last_plan,
            })
        }
        None => None,
    };
    let mut p = pack::pack(&plan, ctx.as_of, next_meeting, last);
    p.since_note = since_note;
    emit(format, args.output.as_deref(), &p, || pack::document(&p))?;
    Ok(Outcome::Success)
}
