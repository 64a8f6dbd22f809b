//! `lscb import FILE`: a plan document to a plan folder.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::import::{self, Options};
use crate::plan::Register;
use crate::plan::load::{PlanFiles, load};
use crate::run::Outcome;
use crate::source::SourceFile;
use crate::workspace;

use super::{invalid, note, valid};

/// A placeholder that names no kind of board (children's or adults'); the
/// note after an import asks for the real name.
const DEFAULT_NAME: &str = "Safeguarding Board (name to be given)";

pub fn run(today: NaiveDate, args: &ImportArgs) -> Result<Outcome> {
    let bytes = std::fs::read(&args.file).map_err(|e| Error::io(args.file.display(), "read", e))?;
    let is_docx = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        || bytes.starts_with(b"PK");
    let text = if is_docx {
        import::docx_text(&bytes)?
    } else {
        String::from_utf8(bytes).map_err(|_| {
            Error::usage(format!("{} is not UTF-8 text", args.file.display()))
                .with_hint("save it as UTF-8, or give the .docx")
        })?
    };
    let raw = import::parse(&text);
    if raw.priorities.is_empty() {
        return Err(Error::usage(format!(
            "no \"STRATEGIC PRIORITY N:\" headings found in {}",
            args.file.display()
        )));
    }
    let Some(year) = import::plan_year(args.year_start, &raw) else {
        if args.year_start.is_some() {
            return Err(Error::usage(
                "--year-start must fall in a plan year between 0000 and 9999",
            ));
        }
        return Err(
            Error::usage("the document names no plan year (such as 2017/18)")
                .with_hint("give --year-start, e.g. --year-start 2017-04-01"),
        );
    };

    let (register, board_name) = match &args.leads {
        Some(path) => existing_register(path, today)?,
        None => (Register::default(), None),
    };
    let board_name = match (&args.name, board_name) {
        (Some(n), _) => n.clone(),
        (None, Some(n)) => n,
        (None, None) => {
            note(&format!(
                "note: no --name given; board.toml says \"{DEFAULT_NAME}\": edit it"
            ));
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
        note(&format!("import: {problem}"));
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
    if loaded.has_errors() && old {
        let note = format!(
            "the imported plan has errors, so the plan in {} was left as it is; import into a new folder and fix them there",
            args.out.display()
        );
        return Err(invalid(new_files, loaded.diagnostics, Some(note)));
    }
    let bytes: Vec<(String, Vec<u8>)> = imported
        .files
        .iter()
        .map(|(name, text)| (name.clone(), text.clone().into_bytes()))
        .collect();
    // The new folder is written beside the old one and swapped in; the old
    // folder's hidden files (.gitignore, .gitkeep) come along.
    workspace::replace_folder(&args.out, &bytes, |rel| {
        rel.components().count() == 1 && rel.to_string_lossy().starts_with('.')
    })?;
    let actions: usize = raw.priorities.iter().map(|p| p.actions.len()).sum();
    if loaded.has_errors() {
        let note = format!(
            "wrote {}, but the plan has errors: fix them, then run `lscb validate`",
            args.out.display()
        );
        return Err(invalid(new_files, loaded.diagnostics, Some(note)));
    }
    note(&format!(
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
    ));
    Ok(Outcome::Success)
}

/// The register (and name) of an existing board.toml.
fn existing_register(path: &Path, today: NaiveDate) -> Result<(Register, Option<String>)> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path.display(), "read", e))?;
    let files = PlanFiles {
        board: Some(SourceFile::new(path.to_string_lossy(), text)),
        ..PlanFiles::default()
    };
    let loaded = load(&files, today);
    let plan = valid(files, loaded, None)?;
    Ok((plan.board.register, Some(plan.board.name)))
}

/// Whether `dir` already holds a plan. A plan is replaced only with
/// `--force`; a folder holding other things (no board.toml) is never written
/// into.
fn existing_plan(dir: &Path, force: bool) -> Result<bool> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::usage(format!(
            "{} is a link; give the folder itself as --out",
            dir.display()
        )));
    }
    if !dir.exists() {
        return Ok(false);
    }
    if std::fs::canonicalize(dir).is_ok_and(|c| c.parent().is_none()) {
        return Err(Error::usage(
            "--out / would replace the whole file system; give a plan folder",
        ));
    }
    if !dir.is_dir() {
        return Err(Error::usage(format!(
            "{} is a file, not a folder; choose another --out",
            dir.display()
        )));
    }
    if dir.join(workspace::BOARD_FILE).exists() {
        if !force {
            return Err(Error::usage(format!(
                "{} already holds a plan; give --force to replace its files, or choose another --out",
                dir.display()
            )));
        }
        only_plan_files(dir)?;
        return Ok(true);
    }
    let empty = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir.display(), "list", e))?
        .next()
        .is_none();
    if !empty {
        return Err(Error::usage(format!(
            "{} is not empty and holds no plan (no board.toml); import into a new or empty folder",
            dir.display()
        )));
    }
    Ok(false)
}

/// A folder `--force` may replace holds nothing but plan files, folders of
/// them and hidden files; anything else (or a link, or more entries than any
/// plan has) is refused before anything is written, so no one's other files
/// are swept away with the plan.
fn only_plan_files(dir: &Path) -> Result<()> {
    const MAX_ENTRIES: usize = 10_000;
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for (n, entry) in walker.enumerate() {
        let entry = entry.map_err(|e| {
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("a loop"));
            Error::io(dir.display(), "list", io)
        })?;
        if n >= MAX_ENTRIES {
            return Err(Error::usage(format!(
                "{} holds more than {MAX_ENTRIES} entries; it is not a plan folder --force may replace",
                dir.display()
            )));
        }
        let t = entry.file_type();
        let plan_file = t.is_file() && entry.path().extension().is_some_and(|e| e == "toml");
        if !(plan_file || t.is_dir()) {
            return Err(Error::usage(format!(
                "{} holds {}, which is not a plan file; --force replaces plan folders only",
                dir.display(),
                entry.path().display()
            ))
            .with_hint("move it out of the folder, or import into a new folder"));
        }
    }
    Ok(())
}
