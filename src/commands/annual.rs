//! `lscb annual`: the plan year's report, as of the year's end.

use chrono::NaiveDate;

use crate::cli::AnnualArgs;
use crate::error::Result;
use crate::plan::date::parse_iso;
use crate::report::annual;
use crate::run::Outcome;

use super::{Ctx, emit, load_valid};

/// `as_of` is `--as-of` as given: the report is as of the plan year's end
/// unless a day is asked for (`--as-of`, or `--at` given a date, which
/// stands for that day as in every report).
pub fn run(ctx: &Ctx, as_of: Option<NaiveDate>, args: &AnnualArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let as_of = as_of
        .or_else(|| ctx.at.as_deref().and_then(parse_iso))
        .unwrap_or(plan.board.year.end);
    let report = annual::annual(&plan, as_of);
    emit(args.format.into(), args.output.as_deref(), &report, || {
        annual::document(&report)
    })?;
    Ok(Outcome::Success)
}
