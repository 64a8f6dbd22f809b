//! `lscb validate`: every problem in every file, for people, tools and GitHub Actions.

use std::io::Write;

use crate::cli::ValidateArgs;
use crate::render::{self, diagnostics::DiagnosticFormat};
use crate::run::Outcome;

use super::{Ctx, load_all, print, print_diagnostics};

pub fn run(ctx: &Ctx, args: &ValidateArgs) -> anyhow::Result<Outcome> {
    let (files, loaded) = load_all(ctx)?;
    let diags = &loaded.diagnostics;
    match args.format {
        DiagnosticFormat::Human => {
            if diags.is_empty() {
                let n = loaded.plan.as_ref().map_or(0, |p| p.actions().count());
                let mut err = anstream::stderr().lock();
                writeln!(
                    err,
                    "{}: plan is valid ({n} actions)",
                    ctx.plan_dir.display()
                )?;
            } else {
                print_diagnostics(&files, diags)?;
            }
        }
        DiagnosticFormat::Json => print(&render::to_json(diags)?)?,
        DiagnosticFormat::Github => print(&render::diagnostics::github(diags))?,
    }
    let fail = loaded.has_errors() || (args.deny_warnings && !diags.is_empty());
    Ok(if fail {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
