//! `lscb list`: actions with filters.

use crate::cli::ListArgs;
use crate::report::list;
use crate::run::Outcome;

use super::{Ctx, description_width, emit, filter_from, load_valid};

pub fn run(ctx: &Ctx, args: &ListArgs) -> anyhow::Result<Outcome> {
    let plan = match load_valid(ctx)? {
        Ok(plan) => plan,
        Err(outcome) => return Ok(outcome),
    };
    let mut filter = filter_from(&plan, &args.filter)?;
    filter.states = args.status.clone();
    filter.due_before = args.due_before;
    filter.due_after = args.due_after;
    filter.search = args.search.clone();
    let rows = list::rows(&plan, &filter, ctx.as_of);
    emit(
        args.format,
        &rows,
        || list::csv_table(&rows),
        || list::document(&rows, ctx.as_of, description_width(args.format)),
    )?;
    Ok(Outcome::Success)
}
