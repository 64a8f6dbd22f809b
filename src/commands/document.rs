//! `lscb document`: the plan as the document a board publishes.

use crate::cli::DocumentArgs;
use crate::error::Result;
use crate::report::document;
use crate::run::Outcome;

use super::history::working_tree;
use super::{Ctx, emit};

pub fn run(ctx: &Ctx, args: &DocumentArgs) -> Result<Outcome> {
    let (_, plan) = working_tree(ctx)?;
    emit(args.format.into(), args.output.as_deref(), &(), || {
        document::document(&plan, ctx.as_of)
    })?;
    Ok(Outcome::Success)
}
