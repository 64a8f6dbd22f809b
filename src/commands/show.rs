//! `lscb show REF`: one action in full.

use crate::cli::ShowArgs;
use crate::error::Result;
use crate::report::show;
use crate::run::Outcome;

use super::{Ctx, emit, find_action, load_valid};

pub fn run(ctx: &Ctx, args: &ShowArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let (priority, action) = find_action(&plan, &args.r#ref)?;
    let detail = show::detail(&plan, priority, action, ctx.as_of);
    emit(
        args.out.format.into(),
        args.out.output.as_deref(),
        &detail,
        || show::document(&detail),
    )?;
    Ok(Outcome::Success)
}
