//! `lscb validate`: every problem in every file, for people, tools and GitHub Actions.

use crate::cli::{DiagnosticFormat, ValidateArgs};
use crate::error::{Error, Result};
use crate::render;
use crate::run::{self, Outcome};

use super::{Ctx, closed_pipe_is_fine, load_all, note, print};

pub fn run(ctx: &Ctx, args: &ValidateArgs) -> Result<Outcome> {
    let (files, loaded) = load_all(ctx)?;
    let diags = &loaded.diagnostics;
    match args.format {
        DiagnosticFormat::Human if diags.is_empty() => {
            let n = loaded.plan.as_ref().map_or(0, |p| p.actions().count());
            note(&format!(
                "{}: plan is valid ({n} actions)",
                ctx.plan_dir.display()
            ));
        }
        DiagnosticFormat::Human => {
            let sources = files.into_sources();
            run::print_diagnostics(diags, &sources)
                .map_err(|e| Error::io("standard error", "write to", e))?;
        }
        DiagnosticFormat::Json => closed_pipe_is_fine(print(&render::json::to_string(diags)))?,
        DiagnosticFormat::Github => {
            closed_pipe_is_fine(print(&render::diagnostics::github(diags)))?
        }
    }
    let fail = loaded.has_errors() || (args.deny_warnings && !diags.is_empty());
    Ok(if fail {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
