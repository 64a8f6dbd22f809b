//! `lscb quarters`: completion by quarter of the plan year.

use crate::cli::QuartersArgs;
use crate::render::Format;
use crate::report::quarters;
use crate::run::Outcome;

use super::{Ctx, emit, load_valid, terminal};

pub fn run(ctx: &Ctx, args: &QuartersArgs) -> anyhow::Result<Outcome> {
    let plan = load_valid(ctx)?;
    let rows = quarters::rows(&plan, ctx.as_of);
    // Bars only where a person is looking at a terminal.
    let bars = args.format == Format::Table && terminal().is_tty;
    emit(
        args.format,
        &rows,
        || quarters::table(&rows, false, true),
        || quarters::document(&rows, ctx.as_of, bars),
    )?;
    Ok(Outcome::Success)
}
