//! `lscb import FILE`: a plan document to a plan folder.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::import::{self, ColumnChoice, Kind, Options, TableOptions};
use crate::plan::Register;
use crate::plan::load::{PlanFiles, load};
use crate::run::Outcome;
use crate::source::SourceFile;
use crate::workspace::{self, OutFolder};

use super::{invalid, note, valid};

/// A placeholder that names no kind of board (children's or adults'); the
/// note after an import asks for the real name.
const DEFAULT_NAME: &str = "Safeguarding Board (name to be given)";

pub fn run(today: NaiveDate, args: &ImportArgs) -> Result<Outcome> {
    let bytes = workspace::read_input(&args.file)?;
    let kind = Kind::of(&args.file, &bytes);
    let table_options = TableOptions {
        columns: match &args.columns {
            Some(spec) => ColumnChoice::parse(spec).map_err(|why| {
                Error::usage(format!("--columns: {why}"))
                    .with_hint("for example --columns action=C,lead=D,due='By when'")
            })?,
            None => ColumnChoice::default(),
        },
        sheet: args.sheet.clone(),
        header_row: args.header_row.map(|n| n as usize - 1),
    };
    let tabular = args.columns.is_some() || args.sheet.is_some() || args.header_row.is_some();
    if tabular && kind == Kind::Text {
        return Err(Error::usage(
            "--columns, --sheet and --header-row are for trackers (.xlsx, .xls, .ods, .csv) and Word tables",
        ));
    }
    let read = import::read(kind, &bytes, &table_options).map_err(|e| in_file(e, &args.file))?;
    for line in &read.recognised {
        note(&format!("import: {line}"));
    }
    let mut raw = read.raw;
    // A table with no actions is nothing to import; a document may still
    // hold priorities with no actions yet.
    let tabular_read = !read.recognised.is_empty();
    if raw.priorities.is_empty() || (tabular_read && !has_actions(&raw)) {
        return Err(match kind {
            Kind::Text | Kind::Docx if !tabular_read => Error::usage(format!(
                "no \"STRATEGIC PRIORITY N:\" headings found in {}",
                args.file.display()
            )),
            _ => Error::usage(format!("no actions found in {}", args.file.display())),
        });
    }
    // A tracker's title rarely names the year; its file name often does.
    if raw.year_hint.is_none() {
        raw.year_hint =
            import::year_hint(&args.file.file_name().unwrap_or_default().to_string_lossy());
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
    let problems: Vec<&String> = read.problems.iter().chain(&imported.problems).collect();
    for problem in &problems {
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
        if problems.is_empty() {
            String::new()
        } else {
            format!("; {} to check, listed above", problems.len())
        }
    ));
    Ok(Outcome::Success)
}

/// A usage error about the file's content, naming the file.
fn in_file(e: Error, path: &Path) -> Error {
    match e {
        Error::Usage(mut m) => {
            m.text = format!("{}: {}", path.display(), m.text);
            Error::Usage(m)
        }
        other => other,
    }
}

fn has_actions(raw: &import::RawPlan) -> bool {
    raw.priorities.iter().any(|p| !p.actions.is_empty())
}

/// The register (and name) of an existing board.toml.
fn existing_register(path: &Path, today: NaiveDate) -> Result<(Register, Option<String>)> {
    let text = String::from_utf8(workspace::read_input(path)?)
        .map_err(|_| Error::usage(format!("{} is not UTF-8 text", path.display())))?;
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
    match workspace::out_folder(dir)? {
        OutFolder::Missing | OutFolder::Empty => Ok(false),
        OutFolder::Holds if dir.join(workspace::BOARD_FILE).exists() => {
            if !force {
                return Err(Error::usage(format!(
                    "{} already holds a plan; give --force to replace its files, or choose another --out",
                    dir.display()
                )));
            }
            only_plan_files(dir)?;
            Ok(true)
        }
        OutFolder::Holds => Err(Error::usage(format!(
            "{} is not empty and holds no plan (no board.toml); import into a new or empty folder",
            dir.display()
        ))),
    }
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
