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
    let last = match &args.since {
        Some(rev) => {
            let repo = Repo::discover_with_history(&ctx.plan_dir)?;
            let id = repo.resolve(rev)?;
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
    let p = pack::pack(&plan, ctx.as_of, next_meeting, last);
    emit(format, args.output.as_deref(), &p, || pack::document(&p))?;
    Ok(Outcome::Success)
}
