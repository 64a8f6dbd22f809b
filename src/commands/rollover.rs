//! `lscb rollover --out DIR`: next year's plan in a new folder, the old plan
//! untouched (see `edit::rollover`).

use std::io::Write;

use crate::cli::{RolloverArgs, SummaryFormat};
use crate::edit::rollover::{self, RolloverError, next_year};
use crate::error::{Error, Result};
use crate::plan::PlanYear;
use crate::plan::load::{PlanFiles, load};
use crate::report::document::year_label;
use crate::run::Outcome;
use crate::source::SourceFile;
use crate::workspace;

use super::history::working_tree;
use super::{Ctx, invalid, note};

pub fn run(ctx: &Ctx, args: &RolloverArgs) -> Result<Outcome> {
    let out = &args.out;
    refuse_unless_empty(out)?;
    let (files, plan) = working_tree(ctx)?;
    let default = next_year(plan.board.year);
    let start = args.start.unwrap_or(default.start);
    let end = match (args.end, args.start) {
        (Some(end), _) => end,
        (None, Some(_)) => start
            .checked_add_months(chrono::Months::new(12))
            .and_then(|d| d.pred_opt())
            .unwrap_or(start),
        (None, None) => default.end,
    };
    if end <= start {
        return Err(Error::usage(format!(
            "the new year must end after it starts ({start} to {end})"
        )));
    }
    if start <= plan.board.year.end {
        return Err(Error::usage(format!(
            "the new year must start after this one ends ({})",
            plan.board.year.end
        ))
        .with_hint("leave out --start to start the day after"));
    }
    let rolled = rollover::rollover(&files, &plan, PlanYear { start, end }).map_err(
        |RolloverError::Toml { file, message }| {
            Error::usage(format!("{file} could not be rolled over: {message}"))
        },
    )?;

    // The new plan is checked before anything is written: a rollover never
    // leaves a folder that does not validate.
    let shown = |name: &str| out.join(name).to_string_lossy().replace('\\', "/");
    let mut new_files = PlanFiles::default();
    for (name, text) in &rolled.files {
        let src = SourceFile::new(shown(name), text.clone());
        if name == workspace::BOARD_FILE {
            new_files.board = Some(src);
        } else {
            new_files.priorities.push(src);
        }
    }
    let loaded = load(&new_files, start);
    if loaded.has_errors() {
        return Err(invalid(
            new_files,
            loaded.diagnostics,
            Some(format!(
                "the rolled-over plan would not validate, so {} was not written",
                out.display()
            )),
        ));
    }
    let bytes: Vec<(String, Vec<u8>)> = rolled
        .files
        .iter()
        .map(|(name, text)| (name.clone(), text.clone().into_bytes()))
        .collect();
    workspace::replace_folder(out, &bytes, |_| false)?;

    let s = &rolled.summary;
    let mut stdout = std::io::stdout().lock();
    let written = match args.format {
        SummaryFormat::Json => serde_json::to_writer_pretty(&mut stdout, s)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(stdout)),
        SummaryFormat::Table => {
            let refs = |r: &[crate::plan::Ref]| {
                if r.is_empty() {
                    "none".to_string()
                } else {
                    r.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            writeln!(
                stdout,
                "Carried {} open actions from {} into {} ({} to {}): {}\nLeft {} complete: {}\nLeft {} dropped: {}",
                s.carried.len(),
                year_label(plan.board.year),
                year_label(rolled.year),
                crate::doc::human_date(start),
                crate::doc::human_date(end),
                refs(&s.carried),
                s.complete.len(),
                refs(&s.complete),
                s.dropped.len(),
                refs(&s.dropped),
            )
        }
    };
    written.map_err(Error::stdout)?;
    note(&format!("wrote {}", out.display()));
    Ok(Outcome::Success)
}

/// The new folder must be new, or empty: a rollover never writes over a plan.
fn refuse_unless_empty(dir: &std::path::Path) -> Result<()> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::usage(format!(
            "{} is a link; give a new folder as --out",
            dir.display()
        )));
    }
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file; give a new folder as --out",
            dir.display()
        )));
    }
    let empty = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir.display(), "list", e))?
        .next()
        .is_none();
    if !empty {
        return Err(Error::usage(format!(
            "{} is not empty; rollover writes next year's plan into a new or empty folder",
            dir.display()
        ))
        .with_hint("choose another --out"));
    }
    Ok(())
}
