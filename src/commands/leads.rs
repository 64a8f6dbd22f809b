//! `lscb leads [NAME]`: workload per lead, or one lead's actions.

use crate::cli::LeadsArgs;
use crate::error::Result;
use crate::report::{leads, list};
use crate::run::Outcome;

use super::{Ctx, emit, leave, load_valid, resolve_lead};

pub fn run(ctx: &Ctx, args: &LeadsArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let format = args.out.format.into();
    let output = args.out.output.as_deref();
    match &args.name {
        Some(name) => {
            let filter = list::Filter {
                lead: Some(resolve_lead(&plan, name)?),
                ..Default::default()
            };
            let rows = list::rows(&plan, &filter, ctx.as_of);
            emit(format, output, &rows, || list::document(&rows, ctx.as_of))?;
            leave(rows);
        }
        None => {
            let rows = leads::rows(&plan, ctx.as_of);
            emit(format, output, &rows, || leads::document(&rows, ctx.as_of))?;
            leave(rows);
        }
    }
    leave(plan);
    Ok(Outcome::Success)
}
