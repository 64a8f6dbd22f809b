//! `lscb fmt [--check]`: the canonical layout for every plan file.

use std::io::Write;

use crate::cli::FmtArgs;
use crate::format::{FileKind, format};
use crate::run::Outcome;
use crate::workspace;

use super::{Ctx, edit::write_atomically, print};

pub fn run(ctx: &Ctx, args: &FmtArgs) -> anyhow::Result<Outcome> {
    let files = workspace::read_plan(&ctx.plan_dir)?;
    let kinds = files
        .board
        .iter()
        .map(|f| (f, FileKind::Board))
        .chain(files.priorities.iter().map(|f| (f, FileKind::Priority)));
    let mut err = anstream::stderr().lock();
    let mut failed = false;
    let mut changed = Vec::new();
    for (src, kind) in kinds {
        let formatted = match format(&src.text, kind) {
            Ok(text) => text,
            Err(e) => {
                writeln!(
                    err,
                    "cannot format {}: {e}\nhint: `lscb validate` shows where",
                    src.path
                )?;
                failed = true;
                continue;
            }
        };
        if formatted == src.text {
            continue;
        }
        if args.check {
            let diff = similar::TextDiff::from_lines(&src.text, &formatted);
            let unified = diff
                .unified_diff()
                .header(&format!("a/{}", src.path), &format!("b/{}", src.path))
                .to_string();
            print(&unified)?;
        } else {
            write_atomically(&src.path, &formatted)?;
        }
        changed.push(src.path.clone());
    }
    for path in &changed {
        let verb = if args.check {
            "would reformat"
        } else {
            "formatted"
        };
        writeln!(err, "{verb} {path}")?;
    }
    // Files that could not be read (not UTF-8, say) are not formatted either.
    for d in files.diagnostics.iter().filter(|d| d.is_error()) {
        writeln!(err, "cannot format {}: {}", d.file, d.message)?;
        failed = true;
    }
    Ok(if failed || (args.check && !changed.is_empty()) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
