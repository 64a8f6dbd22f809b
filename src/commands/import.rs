//! `lscb import FILE`: a plan document to a plan folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::cli::ImportArgs;
use crate::import::{self, Options};
use crate::plan::Register;
use crate::plan::load::{PlanFiles, load};
use crate::run::Outcome;
use crate::source::SourceFile;
use crate::workspace;

use super::{report_errors, valid_or_report};

const DEFAULT_NAME: &str = "Local Safeguarding Children Board";

pub fn run(today: NaiveDate, args: &ImportArgs) -> anyhow::Result<Outcome> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let is_docx = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        || bytes.starts_with(b"PK");
    let text = if is_docx {
        import::docx_text(&bytes)?
    } else {
        String::from_utf8(bytes).with_context(|| {
            format!(
                "{} is not UTF-8 text (save it as UTF-8, or give the .docx)",
                args.file.display()
            )
        })?
    };
    let raw = import::parse(&text);
    if raw.priorities.is_empty() {
        bail!(
            "no \"STRATEGIC PRIORITY N:\" headings found in {}",
            args.file.display()
        );
    }
    let Some(year) = import::plan_year(args.year_start, &raw) else {
        if args.year_start.is_some() {
            bail!("--year-start must fall in a plan year between 0000 and 9999");
        }
        bail!(
            "the document names no plan year (such as 2017/18): give --year-start, e.g. --year-start 2017-04-01"
        );
    };

    let (register, board_name) = match &args.leads {
        Some(path) => existing_register(path, today)?,
        None => (Register::default(), None),
    };
    let mut err = anstream::stderr().lock();
    let board_name = match (&args.name, board_name) {
        (Some(n), _) => n.clone(),
        (None, Some(n)) => n,
        (None, None) => {
            writeln!(
                err,
                "note: no --name given; board.toml says \"{DEFAULT_NAME}\": edit it"
            )?;
            DEFAULT_NAME.to_string()
        }
    };
    let imported = import::build(
        &raw,
        &Options {
            board_name,
            year,
            register,
        },
    );
    for problem in &imported.problems {
        writeln!(err, "import: {problem}")?;
    }

    // The new plan is checked before anything on disk is touched.
    let shown = |name: &str| args.out.join(name).to_string_lossy().replace('\\', "/");
    let mut new_files = PlanFiles::default();
    for (name, text) in &imported.files {
        let src = SourceFile::new(shown(name), text.clone());
        if name == "board.toml" {
            new_files.board = Some(src);
        } else {
            new_files.priorities.push(src);
        }
    }
    let loaded = load(&new_files, today);
    let old = existing_plan(&args.out, args.force)?;
    if loaded.has_errors() && old.is_some() {
        let note = format!(
            "the imported plan has errors, so the plan in {} was left as it is; import into a new folder and fix them there",
            args.out.display()
        );
        return Err(report_errors(&new_files, loaded.diagnostics, Some(&note)));
    }
    if let Some(old) = old {
        remove_plan_files(&args.out, &old)?;
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("could not create {}", args.out.display()))?;
    for (name, text) in &imported.files {
        let path = args.out.join(name);
        std::fs::write(&path, text)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    let actions: usize = raw.priorities.iter().map(|p| p.actions.len()).sum();
    if loaded.has_errors() {
        let note = format!(
            "wrote {}, but the plan has errors: fix them, then run `lscb validate`",
            args.out.display()
        );
        return Err(report_errors(&new_files, loaded.diagnostics, Some(&note)));
    }
    writeln!(
        err,
        "wrote {} ({} priorities, {actions} actions, {} leads){}",
        args.out.display(),
        raw.priorities.len(),
        loaded
            .plan
            .as_ref()
            .map_or(0, |p| p.board.register.leads.len()),
        if imported.problems.is_empty() {
            String::new()
        } else {
            format!("; {} to check, listed above", imported.problems.len())
        }
    )?;
    Ok(Outcome::Success)
}

/// The register (and name) of an existing board.toml.
fn existing_register(path: &Path, today: NaiveDate) -> anyhow::Result<(Register, Option<String>)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let files = PlanFiles {
        board: Some(SourceFile::new(path.to_string_lossy(), text)),
        ..PlanFiles::default()
    };
    let loaded = load(&files, today);
    let plan = valid_or_report(&files, loaded, None)?;
    Ok((plan.board.register, Some(plan.board.name)))
}

/// The plan already in `dir`, if any. A plan is replaced only with `--force`;
/// a folder holding other things (no board.toml) is never written into.
fn existing_plan(dir: &Path, force: bool) -> anyhow::Result<Option<PlanFiles>> {
    if !dir.exists() {
        return Ok(None);
    }
    if !dir.is_dir() {
        bail!(
            "{} is a file, not a folder; choose another --out",
            dir.display()
        );
    }
    let files = workspace::read_plan(dir)?;
    if files.board.is_some() {
        if !force {
            bail!(
                "{} already holds a plan; give --force to replace its files, or choose another --out",
                dir.display()
            );
        }
        return Ok(Some(files));
    }
    let empty = std::fs::read_dir(dir)
        .with_context(|| format!("could not list {}", dir.display()))?
        .next()
        .is_none();
    if !empty {
        bail!(
            "{} is not empty and holds no plan (no board.toml); import into a new or empty folder",
            dir.display()
        );
    }
    Ok(None)
}

/// Removes the old plan's files: regular files inside `dir` only (never a
/// file reached through a link that leads outside it, never a link's target).
fn remove_plan_files(dir: &Path, old: &PlanFiles) -> anyhow::Result<()> {
    let root = std::fs::canonicalize(dir)?;
    for src in old.board.iter().chain(&old.priorities) {
        let path = Path::new(&src.path);
        let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
        let inside = std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&root));
        if is_file && inside {
            std::fs::remove_file(path).with_context(|| format!("could not remove {}", src.path))?;
        }
    }
    Ok(())
}
