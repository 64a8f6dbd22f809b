//! `lscb overdue`: the board manager's list before a meeting.

use crate::cli::{GroupBy, OverdueArgs};
use crate::error::Result;
use crate::report::overdue;
use crate::run::Outcome;

use super::{Ctx, emit, filter_from, load_valid};

pub fn run(ctx: &Ctx, args: &OverdueArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let filter = filter_from(&plan, &args.filter)?;
    let report = overdue::overdue(&plan, &filter, ctx.as_of);
    let format = args.format.into();
    match args.by {
        None => emit(format, None, &report.rows, || overdue::document(&report))?,
        Some(GroupBy::Lead) => {
            let groups = overdue::by_lead(&plan, &report);
            emit(format, None, &groups, || {
                overdue::document_by_lead(&groups, &report)
            })?
        }
    }
    Ok(Outcome::Success)
}
