//! `lscb calendar`: the plan's deadlines as iCalendar, to stdout or a file.

use std::io::Write;

use crate::cli::CalendarArgs;
use crate::error::{Error, Result};
use crate::render;
use crate::report::calendar;
use crate::run::Outcome;
use crate::workspace;

use super::{Ctx, load_valid, note, resolve_lead};

pub fn run(ctx: &Ctx, args: &CalendarArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let lead = args
        .lead
        .as_deref()
        .map(|name| resolve_lead(&plan, name))
        .transpose()?;
    let cal = calendar::calendar(&plan, ctx.as_of, lead);
    match &args.output {
        Some(path) => {
            let mut bytes = Vec::new();
            render::ics::write(&cal, &mut bytes)
                .map_err(|e| Error::io(path.display(), "render", e))?;
            workspace::write_file(path, &bytes)?;
            note(&format!(
                "wrote {} ({} deadlines)",
                path.display(),
                cal.events.len()
            ));
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            render::ics::write(&cal, &mut out)
                .and_then(|()| out.flush())
                .map_err(Error::stdout)?;
        }
    }
    Ok(Outcome::Success)
}
