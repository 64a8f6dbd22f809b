//! `lscb overdue`: the board manager's list before a meeting.

use crate::cli::{GroupBy, OverdueArgs};
use crate::error::Result;
use crate::report::overdue;
use crate::run::Outcome;

use super::{Ctx, emit, filter_from, leave, load_valid};

pub fn run(ctx: &Ctx, args: &OverdueArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let filter = filter_from(&plan, &args.filter)?;
    let report = overdue::overdue(&plan, &filter, ctx.as_of);
    let format = args.out.format.into();
    let output = args.out.output.as_deref();
    match args.by {
        None => emit(format, output, &report.rows, || overdue::document(&report))?,
        Some(GroupBy::Lead) => {
            let groups = overdue::by_lead(&plan, &report);
            emit(format, output, &groups, || {
                overdue::document_by_lead(&groups, &report)
            })?;
            leave(groups);
        }
    }
    leave(report);
    leave(plan);
    Ok(Outcome::Success)
}
