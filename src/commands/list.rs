//! `lscb list`: actions with filters.

use crate::cli::ListArgs;
use crate::report::list;
use crate::run::Outcome;

use super::{Ctx, emit_actions, filter_from, load_valid};

pub fn run(ctx: &Ctx, args: &ListArgs) -> anyhow::Result<Outcome> {
    let plan = load_valid(ctx)?;
    let mut filter = filter_from(&plan, &args.filter)?;
    filter.states = args.status.clone();
    filter.due_before = args.due_before;
    filter.due_after = args.due_after;
    filter.search = args.search.clone();
    let rows = list::rows(&plan, &filter, ctx.as_of);
    drop(plan); // The rows hold all the report needs.
    emit_actions(args.format, &rows, ctx.as_of)?;
    Ok(Outcome::Success)
}
