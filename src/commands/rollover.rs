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
use crate::workspace::{self, OutFolder};
use std::path::{Path, PathBuf};

use super::history::working_tree;
use super::{Ctx, invalid, note};

pub fn run(ctx: &Ctx, args: &RolloverArgs) -> Result<Outcome> {
    // `x/` and `x/.` are the folder `x`.
    let out: &Path = &args.out.components().collect::<PathBuf>();
    refuse_unless_empty(out, &ctx.plan_dir)?;
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
    let relative = |path: &str| {
        Path::new(path)
            .strip_prefix(&ctx.plan_dir)
            .map_or_else(|_| path.to_string(), |r| r.to_string_lossy().into_owned())
    };
    let rolled = rollover::rollover(&files, &plan, PlanYear { start, end }, relative).map_err(
        |RolloverError::Toml { file, message }| {
            Error::usage(format!("{file} could not be rolled over: {message}"))
        },
    )?;

    // The new plan is checked before anything is written: a rollover never
    // leaves a folder that does not validate.
    let shown = |name: &str| out.join(name).to_string_lossy().replace('\\', "/");
    let mut new_files = PlanFiles {
        board: rolled
            .board
            .as_ref()
            .map(|(name, text)| SourceFile::new(shown(name), text.clone())),
        ..PlanFiles::default()
    };
    for (name, text) in &rolled.priorities {
        new_files
            .priorities
            .push(SourceFile::new(shown(name), text.clone()));
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
    // A safety net: the new plan holds exactly the actions said to be carried.
    let written: Vec<crate::plan::Ref> = loaded
        .plan
        .iter()
        .flat_map(|p| {
            p.priorities
                .iter()
                .flat_map(|pr| pr.actions.iter().map(|a| a.r#ref))
        })
        .collect();
    let mut expected = rolled.summary.carried.clone();
    let mut got = written.clone();
    expected.sort();
    got.sort();
    if got != expected {
        return Err(Error::refused(format!(
            "the rolled-over plan would hold {} actions, not the {} open ones, so {} was not written (please report this)",
            got.len(),
            expected.len(),
            out.display()
        )));
    }
    let bytes: Vec<(String, Vec<u8>)> = rolled
        .board
        .iter()
        .chain(&rolled.priorities)
        .map(|(name, text)| (name.clone(), text.clone().into_bytes()))
        .collect();
    workspace::create_folder(out, &bytes)?;

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

/// The new folder must be new, or empty, and outside the plan folder (whose
/// files it would otherwise join): a rollover never writes over a plan.
fn refuse_unless_empty(dir: &Path, plan_dir: &Path) -> Result<()> {
    let found = workspace::out_folder(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(parent), Some(name)) = (std::fs::canonicalize(parent), dir.file_name()) else {
        return Err(Error::usage(format!(
            "{} cannot be made: the folder it would go in does not exist",
            dir.display()
        ))
        .with_hint("create the folder above it first, or choose another --out"));
    };
    let target = parent.join(name);
    if let Ok(plan) = std::fs::canonicalize(plan_dir)
        && (target.starts_with(&plan) || plan.starts_with(&target))
    {
        return Err(Error::usage(format!(
            "{} is inside the plan folder (or holds it); next year's plan goes in a folder of its own",
            dir.display()
        ))
        .with_hint("choose a folder beside the plan, e.g. --out ../plan-next-year"));
    }
    if found == OutFolder::Holds {
        return Err(Error::usage(format!(
            "{} is not empty; rollover writes next year's plan into a new or empty folder",
            dir.display()
        ))
        .with_hint("choose another --out"));
    }
    Ok(())
}
