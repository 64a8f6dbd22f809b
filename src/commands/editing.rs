//! What every edit verb shares: load the plan (it must be valid), change one
//! file through `FileEdit`, re-validate the whole plan with the change, then
//! write it atomically, show it (`--dry-run`), or refuse with nothing written.

use std::path::Path;

use crate::cli::EditArgs;
use crate::diagnostic::Code;
use crate::edit::{EditError, FileEdit};
use crate::error::{Error, Result};
use crate::plan::load::{PlanFiles, load};
use crate::plan::{Action, Plan, Priority};
use crate::run::{self, Outcome};
use crate::source::SourceFile;
use crate::workspace;

use super::{Ctx, diff, find_action, invalid, load_all, note, print};

/// The plan before an edit: its files, and the findings it already has (so
/// only what the edit brings is shown afterwards).
pub(super) struct Before {
    pub files: PlanFiles,
    findings: Vec<(Code, String)>,
    _lock: workspace::PlanLock,
}

/// How long an edit waits for another to finish before it gives up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The plan as it is (it must be valid before it is edited) and its files.
/// The plan's edit lock is held from before the read until the write.
pub(super) fn load_for_edit(ctx: &Ctx) -> Result<(Before, Plan)> {
    let lock = workspace::lock_plan(&ctx.plan_dir, LOCK_WAIT)?;
    let (files, loaded) = load_all(ctx)?;
    let findings = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect();
    let Some(plan) = loaded.plan else {
        let note = "the plan has errors already: fix them before editing it".to_string();
        return Err(invalid(files, loaded.diagnostics, Some(note)));
    };
    Ok((
        Before {
            files,
            findings,
            _lock: lock,
        },
        plan,
    ))
}

/// The file a priority was read from.
pub(super) fn source<'f>(files: &'f PlanFiles, priority: &Priority) -> Result<&'f SourceFile> {
    files
        .priorities
        .iter()
        .find(|f| f.path == priority.file)
        .ok_or_else(|| Error::usage(format!("{} was not read", priority.file)))
}

/// An edit that cannot be made to the file as it is written (exit 2: the
/// plan is not at fault, its layout is one lscb does not edit).
pub(super) fn edit_error(file: &str) -> impl Fn(EditError) -> Error + use<'_> {
    move |e| Error::usage(format!("cannot edit {file}: {e}"))
}

/// A change to one file, ready to check and write.
pub(super) struct Change {
    pub file: String,
    pub text: String,
    /// What was done, for the confirmation line.
    pub summary: String,
}

/// One action's file, open for editing.
pub(super) struct Target<'a> {
    pub plan: &'a Plan,
    pub action: &'a Action,
    pub file: FileEdit,
    /// The file's path, for messages.
    pub path: &'a str,
}

/// Runs an edit of one action: `change` edits its file and says what it did;
/// the rest is the same for every verb.
pub(super) fn edit_action(
    ctx: &Ctx,
    reference: &str,
    args: &EditArgs,
    change: impl FnOnce(&mut Target<'_>) -> Result<String>,
) -> Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let (priority, action) = find_action(&plan, reference)?;
    let src = source(&before.files, priority)?;
    let mut target = Target {
        plan: &plan,
        action,
        file: FileEdit::parse(&src.text).map_err(edit_error(&src.path))?,
        path: &src.path,
    };
    let summary = change(&mut target)?;
    let file = target.file;
    let change = Change {
        file: src.path.clone(),
        text: file.finish(),
        summary,
    };
    apply(ctx, before, change, args)
}

/// Checks the plan with the change and writes it, or shows it (`--dry-run`), or
/// refuses (exit 1) if the plan would no longer be valid.
pub(super) fn apply(ctx: &Ctx, before: Before, change: Change, args: &EditArgs) -> Result<Outcome> {
    let Before {
        mut files,
        findings: old,
        _lock,
    } = before;
    let slot = files
        .priorities
        .iter_mut()
        .find(|f| f.path == change.file)
        .ok_or_else(|| Error::usage(format!("{} was not read", change.file)))?;
    let previous = std::mem::replace(
        slot,
        SourceFile::new(change.file.clone(), change.text.clone()),
    );
    let loaded = load(&files, ctx.today);
    if loaded.has_errors() {
        let note = format!(
            "refusing to change {}: the plan would not be valid (lines above are as they would be \
             after the change); nothing was written",
            change.file
        );
        return Err(invalid(files, loaded.diagnostics, Some(note)));
    }
    // Warnings the change brings (a done date after today, a dropped action
    // without notes) are allowed, but said.
    let new_warnings: Vec<_> = loaded
        .diagnostics
        .into_iter()
        .filter(|d| !old.contains(&(d.code, d.message.clone())))
        .collect();
    if !new_warnings.is_empty() {
        let _ = run::print_diagnostics(&new_warnings, &files.into_sources());
    }
    if args.dry_run {
        print(&diff(&change.file, &previous.text, &change.text))?;
        return Ok(Outcome::Success);
    }
    workspace::write_file(Path::new(&change.file), change.text.as_bytes())?;
    note(&format!("{} ({})", change.summary, change.file));
    Ok(Outcome::Success)
}

/// A date a TOML file can hold (years 0 to 9999).
pub(super) fn check_writable(date: chrono::NaiveDate) -> Result<()> {
    if !crate::edit::writable(date) {
        return Err(Error::usage(format!(
            "{date} cannot be written in a plan file: years run from 0000 to 9999"
        )));
    }
    Ok(())
}
