//! `lscb validate`: every problem in every file, for people, tools and GitHub Actions.

use crate::cli::{DiagnosticFormat, ValidateArgs};
use crate::diagnostic::Code;
use crate::error::{Error, Result};
use crate::render;
use crate::run::{self, Outcome};

use super::{Ctx, closed_pipe_is_fine, load_all, note, write_out};

pub fn run(ctx: &Ctx, args: &ValidateArgs) -> Result<Outcome> {
    let (files, mut loaded) = load_all(ctx)?;
    // The board's rules that depend on the day (--as-of, default today).
    if let Some(plan) = &loaded.plan {
        for s in crate::plan::rules::stale_updates(plan, ctx.as_of) {
            let Some(src) = files.priorities.iter().find(|f| f.path == s.priority.file) else {
                continue;
            };
            let at = src.line_start(s.action.line);
            let last = match s.last {
                Some(d) => format!("its last update is dated {d}"),
                None => "it has no update".to_string(),
            };
            loaded.diagnostics.push(
                src.diagnostic(
                    Code::StaleUpdate,
                    at..at,
                    format!(
                        "action {} is open and {last}; the board asks for one every {} days (as of {})",
                        s.action.r#ref, s.days, ctx.as_of
                    ),
                )
                .with_help("add an [[action.update]] saying how it stands (`lscb update REF TEXT`)"),
            );
        }
        crate::diagnostic::sort(&mut loaded.diagnostics);
    }
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
            closed_pipe_is_fine(run::print_diagnostics(diags, &sources).map_err(Error::stderr))?;
        }
        DiagnosticFormat::Json => {
            closed_pipe_is_fine(write_out(|out| render::json::write(diags, out)))?
        }
        DiagnosticFormat::Github => closed_pipe_is_fine(write_out(|out| {
            render::diagnostics::write_github(diags, out)
        }))?,
    }
    let fail = loaded.has_errors() || (args.deny_warnings && !diags.is_empty());
    Ok(if fail {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
