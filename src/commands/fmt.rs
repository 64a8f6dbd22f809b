//! `lscb fmt [--check]`: the canonical layout for every plan file.

use std::path::Path;

use crate::cli::FmtArgs;
use crate::edit::layout::{FileKind, layout};
use crate::error::Result;
use crate::run::Outcome;
use crate::workspace;

use super::{Ctx, closed_pipe_is_fine, diff, note, print};

pub fn run(ctx: &Ctx, args: &FmtArgs) -> Result<Outcome> {
    // Writing waits for (and holds off) any edit; checking needs no lock.
    let _lock = if args.check {
        None
    } else {
        Some(workspace::lock_plan(
            &ctx.plan_dir,
            std::time::Duration::from_secs(30),
        )?)
    };
    let files = workspace::read_plan(&ctx.plan_dir)?;
    let kinds = files
        .board
        .iter()
        .map(|f| (f, FileKind::Board))
        .chain(files.priorities.iter().map(|f| (f, FileKind::Priority)));
    let mut failed = false;
    let mut changed = Vec::new();
    for (src, kind) in kinds {
        let formatted = match layout(&src.text, kind) {
            Ok(text) => text,
            Err(e) => {
                note(&format!(
                    "cannot format {}: {e}\nhint: `lscb validate` shows where",
                    src.path
                ));
                failed = true;
                continue;
            }
        };
        if *formatted == *src.text {
            continue;
        }
        if args.check {
            closed_pipe_is_fine(print(&diff(&src.path, &src.text, &formatted)))?;
        } else {
            workspace::write_file(Path::new(&src.path), formatted.as_bytes())?;
        }
        changed.push(src.path.clone());
    }
    let verb = if args.check {
        "would reformat"
    } else {
        "formatted"
    };
    for path in &changed {
        note(&format!("{verb} {path}"));
    }
    // Files that could not be read (not UTF-8, say) are not formatted either.
    for d in files.diagnostics.iter().filter(|d| d.is_error()) {
        note(&format!("cannot format {}: {}", d.file, d.message));
        failed = true;
    }
    Ok(if failed || (args.check && !changed.is_empty()) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
