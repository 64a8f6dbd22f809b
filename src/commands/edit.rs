//! The edit verbs (`done`, `status`, `update`, `reschedule`, `add`): change one
//! action in place, re-validate the whole plan with the change, then write
//! atomically — or refuse, writing nothing.

use std::io::Write;

use anyhow::{Context, bail};

use crate::cli::{AddArgs, DoneArgs, EditArgs, RescheduleArgs, StatusArgs, UpdateArgs};
use crate::diagnostic::Code;
use crate::edit::{self, Due, NewAction};
use crate::plan::load::{PlanFiles, load};
use crate::plan::{Action, Period, Plan, Priority, Progress, Ref, Status};
use crate::run::Outcome;
use crate::source::SourceFile;

use super::{Ctx, PlanInvalid, load_all, print, print_diagnostics, report_errors, valid_or_report};

/// A change to one file, ready to check and write.
struct Change {
    file: String,
    text: String,
    /// What was done, for the confirmation line.
    summary: String,
}

/// The plan before an edit: its files, and the findings it already has (so
/// only what the edit brings is shown afterwards).
struct Before {
    files: PlanFiles,
    findings: Vec<(Code, String)>,
}

/// The plan as it is (it must be valid before it is edited) and its files.
fn load_for_edit(ctx: &Ctx) -> anyhow::Result<(Before, Plan)> {
    let (files, loaded) = load_all(ctx)?;
    let findings = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.clone()))
        .collect();
    let note = "the plan has errors already: fix them before editing it";
    let plan = valid_or_report(&files, loaded, Some(note))?;
    Ok((Before { files, findings }, plan))
}

fn find<'p>(plan: &'p Plan, r: &str) -> anyhow::Result<(&'p Priority, &'p Action)> {
    let r: Ref = r.parse().map_err(anyhow::Error::msg)?;
    plan.find(r)
        .with_context(|| format!("no action {r} in the plan\nhint: `lscb list` shows every ref"))
}

fn source<'f>(files: &'f PlanFiles, priority: &Priority) -> anyhow::Result<&'f SourceFile> {
    files
        .priorities
        .iter()
        .find(|f| f.path == priority.file)
        .with_context(|| format!("{} was not read", priority.file))
}

/// Checks the plan with the change and writes it, or shows it (`--dry-run`), or
/// refuses (exit 1) if the plan would no longer be valid.
fn apply(ctx: &Ctx, before: Before, change: Change, args: &EditArgs) -> anyhow::Result<Outcome> {
    let Before {
        mut files,
        findings: old,
    } = before;
    let before = std::mem::replace(
        slot_for(&mut files, &change.file)?,
        SourceFile::new(change.file.clone(), change.text.clone()),
    );
    let loaded = load(&files, ctx.today);
    if loaded.has_errors() {
        let note = format!(
            "refusing to change {}: the plan would not be valid (lines above are as they would be \
             after the change); nothing was written",
            change.file
        );
        return Err(report_errors(&files, loaded.diagnostics, Some(&note)));
    }
    // Warnings the change brings (a done date after today, a dropped action
    // without notes) are allowed, but said.
    let new_warnings: Vec<_> = loaded
        .diagnostics
        .into_iter()
        .filter(|d| !old.contains(&(d.code, d.message.clone())))
        .collect();
    if !new_warnings.is_empty() {
        print_diagnostics(&files, &new_warnings)?;
    }
    if args.dry_run {
        let diff = similar::TextDiff::from_lines(&before.text, &change.text);
        let unified = diff
            .unified_diff()
            .header(&format!("a/{}", change.file), &format!("b/{}", change.file))
            .to_string();
        print(&unified)?;
        return Ok(Outcome::Success);
    }
    write_atomically(&change.file, &change.text)?;
    let mut err = anstream::stderr().lock();
    writeln!(err, "{} ({})", change.summary, change.file)?;
    Ok(Outcome::Success)
}

fn slot_for<'f>(files: &'f mut PlanFiles, path: &str) -> anyhow::Result<&'f mut SourceFile> {
    files
        .priorities
        .iter_mut()
        .find(|f| f.path == path)
        .with_context(|| format!("{path} was not read"))
}

/// Temp file in the same folder, then rename: a crash leaves the old file or the
/// new one, never half of each. The file's permissions are kept.
pub(super) fn write_atomically(path: &str, text: &str) -> anyhow::Result<()> {
    let path = std::fs::canonicalize(path).with_context(|| format!("could not find {path}"))?;
    // A file someone made read-only is not silently replaced.
    if std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
        bail!(
            "{} is read-only; make it writable to change it",
            path.display()
        );
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(&path)
        .with_context(|| format!("could not open {} for writing", path.display()))?;
    file.write_all(text.as_bytes())?;
    file.commit()
        .with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}

/// A date a TOML file can hold (years 0 to 9999).
fn check_writable(date: chrono::NaiveDate) -> anyhow::Result<()> {
    if !edit::writable(date) {
        bail!("{date} cannot be written in a plan file: years run from 0000 to 9999");
    }
    Ok(())
}

/// A change that would break the plan: say why, exit 1.
fn refuse(message: &str) -> anyhow::Result<Outcome> {
    let mut err = anstream::stderr().lock();
    writeln!(err, "refusing: {message}")?;
    Err(PlanInvalid.into())
}

fn edit_error(e: edit::EditError, file: &str) -> anyhow::Error {
    anyhow::anyhow!("cannot edit {file}: {e}")
}

pub fn done(ctx: &Ctx, args: &DoneArgs) -> anyhow::Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let files = &before.files;
    let (priority, action) = find(&plan, &args.r#ref)?;
    let date = args.date.unwrap_or(ctx.as_of);
    check_writable(date)?;
    let src = source(files, priority)?;
    let r = action.r#ref;
    if action.done.len() >= action.deadlines.len() {
        return refuse(&format!(
            "every deadline of {r} already has a done date ({} of {}); nothing was written",
            action.done.len(),
            action.deadlines.len()
        ));
    }
    let text = edit::add_done(&src.text, r.objective, r.action, date)
        .map_err(|e| edit_error(e, &src.path))?;
    let n = action.done.len() + 1;
    let change = Change {
        file: src.path.clone(),
        text,
        summary: format!(
            "{r}: done {date} recorded (deadline {n} of {})",
            action.deadlines.len()
        ),
    };
    apply(ctx, before, change, &args.edit)
}

pub fn status(ctx: &Ctx, args: &StatusArgs) -> anyhow::Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let files = &before.files;
    let (priority, action) = find(&plan, &args.r#ref)?;
    let src = source(files, priority)?;
    let r = action.r#ref;
    let name = crate::plan::Status::NAMES
        .into_iter()
        .find(|n| Status::parse(n) == Some(args.status))
        .unwrap_or("in-progress");
    let e = |e| edit_error(e, &src.path);
    let mut text = edit::set_value(
        &src.text,
        r.objective,
        r.action,
        "status",
        edit::string_value(name),
    )
    .map_err(e)?;
    if let Some(note) = &args.note {
        if args.status == Status::Dropped && action.notes.is_none() {
            text = edit::set_value(
                &text,
                r.objective,
                r.action,
                "notes",
                edit::string_value(note),
            )
            .map_err(e)?;
        }
        let logged = format!("Status set to {name}: {note}");
        check_writable(ctx.as_of)?;
        text = edit::add_update(&text, r.objective, r.action, ctx.as_of, &logged).map_err(e)?;
    }
    let change = Change {
        file: src.path.clone(),
        text,
        summary: format!("{r}: status set to {name}"),
    };
    apply(ctx, before, change, &args.edit)
}

pub fn update(ctx: &Ctx, args: &UpdateArgs) -> anyhow::Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let files = &before.files;
    let (priority, action) = find(&plan, &args.r#ref)?;
    let src = source(files, priority)?;
    let r = action.r#ref;
    if args.text.trim().is_empty() {
        bail!("the update text is empty");
    }
    let date = args.date.unwrap_or(ctx.as_of);
    check_writable(date)?;
    let text = edit::add_update(&src.text, r.objective, r.action, date, &args.text)
        .map_err(|e| edit_error(e, &src.path))?;
    let change = Change {
        file: src.path.clone(),
        text,
        summary: format!("{r}: update of {date} logged"),
    };
    apply(ctx, before, change, &args.edit)
}

pub fn reschedule(ctx: &Ctx, args: &RescheduleArgs) -> anyhow::Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let files = &before.files;
    let (priority, action) = find(&plan, &args.r#ref)?;
    let src = source(files, priority)?;
    let r = action.r#ref;
    let Some(due) = Due::parse(&args.due) else {
        bail!(
            "`{}` is not a deadline; write a month as YYYY-MM or a day as YYYY-MM-DD",
            args.due
        );
    };
    if args.reason.trim().is_empty() {
        bail!("give the reason the deadline moves with --reason");
    }
    let progress = Progress::of(action, ctx.as_of, plan.board.amber_days);
    let Some(old_day) = progress.next_due() else {
        bail!("every deadline of {r} is met; there is nothing to reschedule");
    };
    let e = |e| edit_error(e, &src.path);
    let (text, old) =
        edit::replace_due(&src.text, r.objective, r.action, old_day, due).map_err(e)?;
    let logged = format!(
        "Deadline moved from {} to {}: {}",
        old.human(),
        due.human(),
        args.reason.trim()
    );
    check_writable(ctx.as_of)?;
    let text = edit::add_update(&text, r.objective, r.action, ctx.as_of, &logged).map_err(e)?;
    let change = Change {
        file: src.path.clone(),
        text,
        summary: format!("{r}: {logged}"),
    };
    apply(ctx, before, change, &args.edit)
}

pub fn add(ctx: &Ctx, args: &AddArgs) -> anyhow::Result<Outcome> {
    let (before, plan) = load_for_edit(ctx)?;
    let files = &before.files;
    let (p, o) = args
        .objective
        .split_once('.')
        .and_then(|(p, o)| {
            Some((
                crate::plan::parse_positive(p)?,
                crate::plan::parse_positive(o)?,
            ))
        })
        .with_context(|| {
            format!(
                "`{}` is not an objective; write PRIORITY.OBJECTIVE, e.g. 1.2",
                args.objective
            )
        })?;
    let Some(priority) = plan.priorities.iter().find(|x| x.number == p) else {
        bail!("no priority {p} in the plan");
    };
    if priority.objective(o).is_none() {
        bail!("priority {p} has no objective {o}");
    }
    let due = args
        .due
        .iter()
        .map(|d| {
            Due::parse(d)
                .with_context(|| format!("`{d}` is not a deadline; write YYYY-MM or YYYY-MM-DD"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(every) = &args.every
        && Period::parse(every).is_none()
    {
        bail!(
            "`{every}` is not a period; use one of: {}",
            Period::NAMES.join(", ")
        );
    }
    let src = source(files, priority)?;
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
    let (text, number) =
        edit::add_action(&src.text, o, &new).map_err(|e| edit_error(e, &src.path))?;
    let change = Change {
        file: src.path.clone(),
        text,
        summary: format!("{p}.{o}.{number}: added"),
    };
    apply(ctx, before, change, &args.edit)
}
