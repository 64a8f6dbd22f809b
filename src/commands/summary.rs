//! `lscb summary`: the plan on one screen.

use crate::cli::SummaryArgs;
use crate::error::Result;
use crate::report::summary;
use crate::run::Outcome;

use super::{Ctx, emit, leave, load_valid};

pub fn run(ctx: &Ctx, args: &SummaryArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let s = summary::summary(&plan, ctx.as_of);
    emit(
        args.out.format.into(),
        args.out.output.as_deref(),
        &s,
        || summary::document(&s),
    )?;
    leave(s);
    leave(plan);
    Ok(Outcome::Success)
}
