//! `lscb list`: actions with filters.

use crate::cli::ListArgs;
use crate::error::Result;
use crate::render::{self, Format};
use crate::report::list;
use crate::run::Outcome;

use super::{Ctx, emit, filter_from, leave, load_valid, write_out};

pub fn run(ctx: &Ctx, args: &ListArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let mut filter = filter_from(&plan, &args.filter)?;
    filter.states = args.status.clone();
    filter.due_before = args.due_before;
    filter.due_after = args.due_after;
    filter.search = args.search.clone();
    let rows = list::rows(&plan, &filter, ctx.as_of);
    let format = args.out.format.into();
    match (format, args.out.output.as_deref()) {
        // 100k rows of JSON on stdout: written from the rows' fields, the
        // same bytes as serde's (`render::json::write_rows`).
        (Format::Json, None) => write_out(|out| render::json::write_rows(&rows, out))?,
        (_, output) => emit(format, output, &rows, || list::document(&rows, ctx.as_of))?,
    }
    leave(rows);
    leave(plan);
    Ok(Outcome::Success)
}
