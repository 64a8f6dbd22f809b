//! `lscb done REF`: record that the action's next deadline was met.

use crate::cli::DoneArgs;
use crate::error::{Error, Result};
use crate::run::Outcome;

use super::Ctx;
use super::editing::{check_writable, edit_action, edit_error};

pub fn run(ctx: &Ctx, args: &DoneArgs) -> Result<Outcome> {
    let date = args.date.unwrap_or(ctx.as_of);
    check_writable(date)?;
    edit_action(ctx, &args.r#ref, &args.edit, |t| {
        let r = t.action.r#ref;
        let (met, all) = (t.action.done.len(), t.action.deadlines.len());
        if met >= all {
            return Err(Error::refused(format!(
                "every deadline of {r} already has a done date ({met} of {all}); nothing was written"
            )));
        }
        t.file
            .add_done(r.objective, r.action, date)
            .map_err(edit_error(t.path))?;
        Ok(format!(
            "{r}: done {date} recorded (deadline {} of {all})",
            met + 1
        ))
    })
}
