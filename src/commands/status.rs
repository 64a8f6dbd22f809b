//! `lscb status REF STATE [--note TEXT]`: change an action's status, recorded
//! as a dated `[[action.update]]` (`status = ...`), so a report for an earlier
//! day still shows the status as it was then.

use crate::cli::StatusArgs;
use crate::edit::{UpdateEntry, string_value};
use crate::error::Result;
use crate::plan::Status;
use crate::run::Outcome;

use super::Ctx;
use super::editing::{check_writable, edit_action, edit_error};

pub fn run(ctx: &Ctx, args: &StatusArgs) -> Result<Outcome> {
    check_writable(ctx.as_of)?;
    edit_action(ctx, &args.r#ref, &args.edit, |t| {
        let r = t.action.r#ref;
        let e = edit_error(t.path);
        let name = args.status.name();
        let dated: Vec<_> = t
            .action
            .updates
            .iter()
            .filter(|u| u.status.is_some())
            .collect();
        let mut extra = vec![("status", string_value(name))];
        // The first dated change says what the status was before it, so a
        // report for an earlier day still shows that status.
        if dated.is_empty()
            && let Some(before) = t.action.declared
        {
            extra.push(("status_before", string_value(before.name())));
        }
        let entry = UpdateEntry {
            date: ctx.as_of,
            text: match &args.note {
                Some(note) => note.trim().to_string(),
                None => format!("Status set to {name}"),
            },
            extra,
        };
        t.file
            .add_update(r.objective, r.action, &entry)
            .map_err(&e)?;
        // The `status` key says the latest dated status: this one, unless a
        // later-dated one is already recorded.
        if dated.iter().all(|u| u.date <= ctx.as_of) {
            t.file
                .set_value(r.objective, r.action, "status", string_value(name))
                .map_err(&e)?;
        }
        if args.status == Status::Dropped
            && t.action.notes.is_none()
            && let Some(note) = &args.note
        {
            t.file
                .set_value(r.objective, r.action, "notes", string_value(note))
                .map_err(&e)?;
        }
        Ok(format!("{r}: status set to {name} from {}", ctx.as_of))
    })
}
