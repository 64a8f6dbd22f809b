//! `lscb leads [NAME]`: workload per lead, or one lead's actions.

use crate::cli::LeadsArgs;
use crate::report::{leads, list};
use crate::run::Outcome;

use super::{Ctx, description_width, emit, load_valid, resolve_lead};

pub fn run(ctx: &Ctx, args: &LeadsArgs) -> anyhow::Result<Outcome> {
    let plan = match load_valid(ctx)? {
        Ok(plan) => plan,
        Err(outcome) => return Ok(outcome),
    };
    match &args.name {
        Some(name) => {
            let filter = list::Filter {
                lead: Some(resolve_lead(&plan, name)?),
                ..Default::default()
            };
            let rows = list::rows(&plan, &filter, ctx.as_of);
            emit(
                args.format,
                &rows,
                || list::csv_table(&rows),
                || list::document(&rows, ctx.as_of, description_width(args.format)),
            )?;
        }
        None => {
            let rows = leads::rows(&plan, ctx.as_of);
            emit(
                args.format,
                &rows,
                || leads::table(&rows, true),
                || leads::document(&rows, ctx.as_of),
            )?;
        }
    }
    Ok(Outcome::Success)
}
