//! `lscb reschedule REF DUE --reason TEXT`: move one deadline, recording the
//! move as a dated `[[action.update]]` (`moved = { from, to }`), so a report
//! for an earlier day still shows the deadline as it was then.

use crate::cli::RescheduleArgs;
use crate::edit::{Due, UpdateEntry};
use crate::error::{Error, Result};
use crate::plan::{Progress, Schedule};
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
        // Which deadline: the one --from names, else the next one not met.
        let old_day = match args.from {
            Some(day) => {
                if !progress.deadlines.iter().any(|d| d.0 == day) {
                    let all: Vec<String> =
                        progress.deadlines.iter().map(|d| d.0.to_string()).collect();
                    return Err(Error::usage(format!(
                        "{r} has no deadline on {day} (as of {})",
                        ctx.as_of
                    ))
                    .with_hint(format!("its deadlines: {}", all.join(", "))));
                }
                day
            }
            None => progress.next_due().ok_or_else(|| {
                Error::refused(format!(
                    "every deadline of {r} is met; there is nothing to reschedule"
                ))
                .with_hint("give --from DATE to move a met deadline")
            })?,
        };
        if old_day == due.day() {
            return Err(Error::usage(format!(
                "the deadline is already {}",
                due.day()
            )));
        }
        let old = match t.action.schedule {
            // `due` holds the deadlines as they are now: the moved one is
            // written there, and the update records where it was.
            Schedule::Due => t
                .file
                .replace_due(r.objective, r.action, old_day, due)
                .map_err(&e)?,
            // `every` keeps the period ends as planned; the update alone
            // moves this one occurrence.
            Schedule::Every(_) => Due::Day(old_day),
        };
        let entry = UpdateEntry {
            date: ctx.as_of,
            text: args.reason.trim().to_string(),
            extra: vec![("moved", Due::moved(old, due))],
        };
        t.file
            .add_update(r.objective, r.action, &entry)
            .map_err(&e)?;
        Ok(format!(
            "{r}: deadline moved from {} to {}: {}",
            old.human(),
            due.human(),
            args.reason.trim()
        ))
    })
}
