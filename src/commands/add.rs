//! `lscb add P.O`: add an action under an objective, with the next free number.

use crate::cli::AddArgs;
use crate::edit::{Due, FileEdit, NewAction};
use crate::error::{Error, Result};
use crate::plan::{Period, names, parse_positive};
use crate::run::Outcome;

use super::Ctx;
use super::editing::{Change, apply, edit_error, load_for_edit, source};

pub fn run(ctx: &Ctx, args: &AddArgs) -> Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let (p, o) = args
        .objective
        .split_once('.')
        .and_then(|(p, o)| Some((parse_positive(p)?, parse_positive(o)?)))
        .ok_or_else(|| {
            Error::usage(format!("`{}` is not an objective", args.objective))
                .with_hint("write PRIORITY.OBJECTIVE, e.g. 1.2")
        })?;
    let Some(priority) = plan.priority(p) else {
        return Err(Error::usage(format!("no priority {p} in the plan")));
    };
    if priority.objective(o).is_none() {
        return Err(Error::usage(format!("priority {p} has no objective {o}")));
    }
    let due = args
        .due
        .iter()
        .map(|d| {
            Due::parse(d).ok_or_else(|| {
                Error::usage(format!("`{d}` is not a deadline"))
                    .with_hint("write YYYY-MM or YYYY-MM-DD")
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if let Some(every) = &args.every
        && Period::parse(every).is_none()
    {
        return Err(Error::usage(format!("`{every}` is not a period"))
            .with_hint(format!("use one of: {}", names::<Period>().join(", "))));
    }
    let src = source(&before.files, priority)?;
    // Leads are written as the register names them, where it does.
    let register = &plan.board.register;
    let leads = args
        .lead
        .iter()
        .map(|l| {
            register
                .resolve(l)
                .map_or_else(|| l.clone(), |i| register.leads[i].name.clone())
        })
        .collect();
    let new = NewAction {
        description: args.description.clone(),
        leads,
        due,
        every: args.every.clone(),
    };
    let mut file = FileEdit::parse(&src.text).map_err(edit_error(&src.path))?;
    let number = file.add_action(o, &new).map_err(edit_error(&src.path))?;
    let change = Change {
        file: src.path.clone(),
        text: file.finish(),
        summary: format!("{p}.{o}.{number}: added"),
    };
    apply(ctx, before, change, &args.edit)
}
