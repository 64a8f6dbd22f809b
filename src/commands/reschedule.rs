//! `lscb reschedule REF DUE --reason TEXT`: move the action's next unmet
//! deadline, logging why.

use crate::cli::RescheduleArgs;
use crate::edit::{Due, UpdateEntry};
use crate::error::{Error, Result};
use crate::plan::Progress;
use crate::run::Outcome;

use super::Ctx;
use super::editing::{check_writable, edit_action, edit_error};

pub fn run(ctx: &Ctx, args: &RescheduleArgs) -> Result<Outcome> {
    let Some(due) = Due::parse(&args.due) else {
        return Err(Error::usage(format!("`{}` is not a deadline", args.due))
            .with_hint("write a month as YYYY-MM or a day as YYYY-MM-DD"));
    };
    if args.reason.trim().is_empty() {
        return Err(Error::usage(
            "give the reason the deadline moves with --reason",
        ));
    }
    check_writable(ctx.as_of)?;
    edit_action(ctx, &args.r#ref, &args.edit, |t| {
        let r = t.action.r#ref;
        let e = edit_error(t.path);
        let progress = Progress::of(t.action, ctx.as_of, t.plan.board.amber_days);
        let Some(old_day) = progress.next_due() else {
            return Err(Error::refused(format!(
                "every deadline of {r} is met; there is nothing to reschedule"
            )));
        };
        let old = t
            .file
            .replace_due(r.objective, r.action, old_day, due)
            .map_err(&e)?;
        let logged = format!(
            "Deadline moved from {} to {}: {}",
            old.human(),
            due.human(),
            args.reason.trim()
        );
        let entry = UpdateEntry {
            date: ctx.as_of,
            text: logged.clone(),
            extra: vec![],
        };
        t.file
            .add_update(r.objective, r.action, &entry)
            .map_err(&e)?;
        Ok(format!("{r}: {logged}"))
    })
}
