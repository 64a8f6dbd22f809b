//! `lscb pack`: the board meeting pack as Markdown, HTML, Excel or JSON.

use std::io::Write;

use anyhow::{Context, bail};

use crate::cli::{PackArgs, PackFormat};
use crate::git::Repo;
use crate::render;
use crate::report::pack::{LastMeeting, pack};
use crate::run::Outcome;

use super::{Ctx, history::plan_at, load_valid, print};

pub fn run(ctx: &Ctx, args: &PackArgs) -> anyhow::Result<Outcome> {
    if args.format == PackFormat::Xlsx && args.output.is_none() {
        bail!("an Excel workbook cannot go to the terminal: give -o FILE, e.g. -o pack.xlsx");
    }
    let plan = load_valid(ctx)?;
    let next_meeting = args.next_meeting.unwrap_or_else(|| {
        ctx.as_of
            .checked_add_signed(chrono::Duration::days(56))
            .unwrap_or(chrono::NaiveDate::MAX)
    });
    let last_plan;
    let last = match &args.since {
        Some(rev) => {
            let repo = Repo::discover(&ctx.plan_dir)?;
            let id = repo.resolve(rev)?;
            let day = match crate::plan::date::parse_iso(rev) {
                Some(d) => d,
                None => repo.commit_day(&id)?,
            };
            last_plan = plan_at(ctx, &repo, &id, rev, || Ok(plan.board.clone()))?;
            Some(LastMeeting {
                label: rev.clone(),
                day,
                plan: &last_plan,
            })
        }
        None => None,
    };
    let p = pack(&plan, ctx.as_of, next_meeting, last);
    let bytes = match args.format {
        PackFormat::Markdown => render::to_markdown(&render::pack::document(&p)).into_bytes(),
        PackFormat::Html => render::pack::html(&p).into_bytes(),
        PackFormat::Json => render::to_json(&p)?.into_bytes(),
        PackFormat::Xlsx => render::pack::xlsx(&p)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes)
                .with_context(|| format!("could not write {}", path.display()))?;
            writeln!(anstream::stderr().lock(), "wrote {}", path.display())?;
        }
        None => print(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(Outcome::Success)
}
