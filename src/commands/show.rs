//! `lscb show REF`: one action in full.

use crate::cli::ShowArgs;
use crate::plan::Ref;
use crate::report::{list, show};
use crate::run::Outcome;

use super::{Ctx, emit, load_valid};

pub fn run(ctx: &Ctx, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let plan = load_valid(ctx)?;
    let r: Ref = args.r#ref.parse().map_err(anyhow::Error::msg)?;
    let Some((priority, action)) = plan.find(r) else {
        anyhow::bail!("no action {r} in the plan\nhint: `lscb list` shows every ref");
    };
    let detail = show::detail(&plan, priority, action, ctx.as_of);
    emit(
        args.format,
        &detail,
        || list::csv_table(std::slice::from_ref(&detail.row)),
        || show::document(&detail),
    )?;
    Ok(Outcome::Success)
}
