//! `lscb overdue`: the board manager's list before a meeting.

use crate::cli::{GroupBy, OverdueArgs};
use crate::report::overdue;
use crate::run::Outcome;

use super::{Ctx, description_width, emit, filter_from, load_valid};

pub fn run(ctx: &Ctx, args: &OverdueArgs) -> anyhow::Result<Outcome> {
    let plan = load_valid(ctx)?;
    let filter = filter_from(&plan, &args.filter)?;
    let report = overdue::overdue(&plan, &filter, ctx.as_of);
    let width = description_width(args.format);
    match args.by {
        None => emit(
            args.format,
            &report.rows,
            || overdue::csv_table(&report, None),
            || overdue::document(&report, width),
        )?,
        Some(GroupBy::Lead) => {
            let groups = overdue::by_lead(&plan, &report);
            emit(
                args.format,
                &groups,
                || overdue::csv_table(&report, Some(&groups)),
                || overdue::document_by_lead(&groups, &report, width),
            )?
        }
    }
    Ok(Outcome::Success)
}
