//! `lscb quarters`: completion by quarter of the plan year.

use crate::cli::QuartersArgs;
use crate::error::Result;
use crate::report::quarters;
use crate::run::Outcome;

use super::{Ctx, emit, leave, load_valid};

pub fn run(ctx: &Ctx, args: &QuartersArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let rows = quarters::rows(&plan, ctx.as_of);
    emit(
        args.out.format.into(),
        args.out.output.as_deref(),
        &rows,
        || quarters::document(&rows, ctx.as_of),
    )?;
    leave(rows);
    leave(plan);
    Ok(Outcome::Success)
}
