//! `lscb status REF STATE [--note TEXT]`: set an action's status.

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
        t.file
            .set_value(r.objective, r.action, "status", string_value(name))
            .map_err(&e)?;
        if let Some(note) = &args.note {
            if args.status == Status::Dropped && t.action.notes.is_none() {
                t.file
                    .set_value(r.objective, r.action, "notes", string_value(note))
                    .map_err(&e)?;
            }
            let entry = UpdateEntry {
                date: ctx.as_of,
                text: format!("Status set to {name}: {note}"),
                extra: vec![],
            };
            t.file
                .add_update(r.objective, r.action, &entry)
                .map_err(&e)?;
        }
        Ok(format!("{r}: status set to {name}"))
    })
}
