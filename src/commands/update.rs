//! `lscb update REF TEXT`: append a dated entry to the action's progress log.

use crate::cli::UpdateArgs;
use crate::edit::UpdateEntry;
use crate::error::{Error, Result};
use crate::run::Outcome;

use super::Ctx;
use super::editing::{check_writable, edit_action, edit_error};

pub fn run(ctx: &Ctx, args: &UpdateArgs) -> Result<Outcome> {
    if args.text.trim().is_empty() {
        return Err(Error::usage("the update text is empty"));
    }
    let date = args.date.unwrap_or(ctx.as_of);
    check_writable(date)?;
    edit_action(ctx, &args.r#ref, &args.edit, |t| {
        let r = t.action.r#ref;
        let entry = UpdateEntry {
            date,
            text: args.text.clone(),
            extra: vec![],
        };
        t.file
            .add_update(r.objective, r.action, &entry)
            .map_err(edit_error(t.path))?;
        Ok(format!("{r}: update of {date} logged"))
    })
}
