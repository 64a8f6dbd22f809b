//! `lscb list`: actions with filters.

use crate::cli::ListArgs;
use crate::error::Result;
use crate::report::list;
use crate::run::Outcome;

use super::{Ctx, emit, filter_from, leave, load_valid};

pub fn run(ctx: &Ctx, args: &ListArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let mut filter = filter_from(&plan, &args.filter)?;
    filter.states = args.status.clone();
    filter.due_before = args.due_before;
    filter.due_after = args.due_after;
    filter.search = args.search.clone();
    let rows = list::rows(&plan, &filter, ctx.as_of);
    emit(
        args.out.format.into(),
        args.out.output.as_deref(),
        &rows,
        || list::document(&rows, ctx.as_of),
    )?;
    leave(rows);
    leave(plan);
    Ok(Outcome::Success)
}
