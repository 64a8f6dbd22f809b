//! The I/O edge for reading a plan: finding the plan folder and reading its files.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use walkdir::WalkDir;

use crate::diagnostic::Code;
use crate::plan::load::PlanFiles;
use crate::source::SourceFile;

pub const BOARD_FILE: &str = "board.toml";

/// Where the plan is: `--plan DIR`, else `$LSCB_PLAN`, else the first `plan/`
/// holding a `board.toml` found from `cwd` upward.
pub fn find_plan(
    explicit: Option<&Path>,
    env: Option<&Path>,
    cwd: &Path,
) -> anyhow::Result<PathBuf> {
    if let Some(dir) = explicit.or(env) {
        if !dir.is_dir() {
            let how = if explicit.is_some() {
                "--plan"
            } else {
                "$LSCB_PLAN"
            };
            bail!(
                "plan folder `{}` (from {how}) does not exist or is not a folder",
                dir.display()
            );
        }
        return Ok(dir.to_path_buf());
    }
    for dir in cwd.ancestors() {
        let candidate = dir.join("plan");
        if candidate.join(BOARD_FILE).is_file() {
            return Ok(relative_to(&candidate, cwd));
        }
    }
    bail!(
        "no plan folder found: looked for plan/{BOARD_FILE} in {} and every folder above it\n\
         hint: pass --plan DIR or set LSCB_PLAN",
        cwd.display()
    )
}

/// A path as people want to see it: relative to the current folder when inside it.
fn relative_to(path: &Path, cwd: &Path) -> PathBuf {
    path.strip_prefix(cwd)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Reads `board.toml` and every other `*.toml` under `dir` (recursively, hidden
/// entries skipped, sorted by path). Unreadable or non-UTF-8 files become findings;
/// only a folder that cannot be listed at all is an error.
pub fn read_plan(dir: &Path) -> anyhow::Result<PlanFiles> {
    let mut files = PlanFiles::default();
    let board_path = dir.join(BOARD_FILE);
    match std::fs::read(&board_path) {
        Ok(bytes) => files.board = decode(&board_path, bytes, &mut files),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let src = SourceFile::new(display(&board_path), "");
            files.diagnostics.push(
                src.diagnostic(Code::BoardMissing, 0..0, "board.toml is missing from the plan folder")
                    .with_help("every plan folder needs a board.toml with the board's name, plan year and leads"),
            );
        }
        Err(e) => unreadable(&board_path, &e, &mut files),
    }

    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        let entry =
            entry.with_context(|| format!("could not list the plan folder {}", dir.display()))?;
        let path = entry.path();
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        if !entry.file_type().is_file() || !is_toml || path == board_path {
            continue;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                if let Some(src) = decode(path, bytes, &mut files) {
                    files.priorities.push(src);
                }
            }
            Err(e) => unreadable(path, &e, &mut files),
        }
    }
    Ok(files)
}

fn unreadable(path: &Path, e: &std::io::Error, files: &mut PlanFiles) {
    let src = SourceFile::new(display(path), "");
    files.diagnostics.push(src.diagnostic(
        Code::Unreadable,
        0..0,
        format!("could not read the file: {e}"),
    ));
}

fn decode(path: &Path, bytes: Vec<u8>, files: &mut PlanFiles) -> Option<SourceFile> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(display(path), text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let src = SourceFile::new(display(path), prefix);
            files.diagnostics.push(
                src.diagnostic(Code::NotUtf8, valid..valid, "the file is not UTF-8 text")
                    .with_help("save the file as UTF-8 (most editors offer this under \"Save with encoding\")"),
            );
            None
        }
    }
}
