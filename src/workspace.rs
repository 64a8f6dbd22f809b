//! The I/O edge: finding the plan folder, reading its files (from disk or
//! from git), and writing files and folders atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Code;
use crate::error::{Error, Result};
use crate::plan::load::PlanFiles;
use crate::source::SourceFile;

pub const BOARD_FILE: &str = "board.toml";

/// Where the plan is: `--plan DIR`, else `$LSCB_PLAN`, else the first `plan/`
/// holding a `board.toml` found from `cwd` upward.
pub fn find_plan(explicit: Option<&Path>, env: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(dir) = explicit.or(env) {
        if !dir.is_dir() {
            let how = if explicit.is_some() {
                "--plan"
            } else {
                "$LSCB_PLAN"
            };
            return Err(Error::usage(format!(
                "plan folder `{}` (from {how}) does not exist or is not a folder",
                dir.display()
            )));
        }
        return Ok(dir.to_path_buf());
    }
    for dir in cwd.ancestors() {
        let candidate = dir.join("plan");
        if candidate.join(BOARD_FILE).is_file() {
            return Ok(relative_to(&candidate, cwd));
        }
    }
    Err(Error::usage(format!(
        "no plan folder found: looked for plan/{BOARD_FILE} in {} and every folder above it",
        cwd.display()
    ))
    .with_hint("pass --plan DIR or set LSCB_PLAN"))
}

/// A path as people want to see it: relative to the current folder when inside it.
fn relative_to(path: &Path, cwd: &Path) -> PathBuf {
    match path.strip_prefix(cwd) {
        // Run from inside the plan folder itself.
        Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Ok(rel) => rel.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Reads `board.toml` and every other `*.toml` under `dir` (recursively, hidden
/// entries skipped, sorted by path). Unreadable or non-UTF-8 files become findings;
/// only a folder that cannot be listed at all is an error. A folder without a
/// `board.toml` is not read further: it is probably not the plan folder, and
/// its other TOML files would only bury that one finding.
pub fn read_plan(dir: &Path) -> Result<PlanFiles> {
    let mut files = PlanFiles::default();
    let board_path = dir.join(BOARD_FILE);
    match std::fs::read(&board_path) {
        Ok(bytes) => files.board = decode(&board_path, bytes, &mut files),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let src = SourceFile::new(display(&board_path), "");
            files.diagnostics.push(
                src.diagnostic(Code::BoardMissing, 0..0, "board.toml is missing from the plan folder")
                    .with_help(format!(
                        "is `{}` the plan folder? It needs a board.toml with the board's name, plan year and leads",
                        display(dir)
                    )),
            );
            return Ok(files);
        }
        Err(e) => unreadable(&board_path, &e, &mut files),
    }

    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        // A dangling link or an unreadable sub-folder is a finding; the rest of
        // the plan is still read.
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.depth() > 0 => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let io = e
                    .io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string);
                unreadable(&path, &std::io::Error::other(io), &mut files);
                continue;
            }
            Err(e) => {
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder loop"));
                return Err(Error::io(dir.display(), "list the plan folder", io));
            }
        };
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

/// Where a file under the plan folder belongs, by its path relative to the folder
/// (`/`-separated): the same rules as the walk above, for files read from git.
fn plan_file_role(rel: &str) -> Option<bool> {
    let hidden = rel.split('/').any(|part| part.starts_with('.'));
    if hidden || !rel.ends_with(".toml") {
        return None;
    }
    Some(rel == BOARD_FILE)
}

/// A path inside the plan folder, from a path inside the repository.
fn inside<'p>(path: &'p str, rel: &str) -> &'p str {
    if rel == "." {
        return path;
    }
    path.strip_prefix(rel)
        .map_or(path, |p| p.trim_start_matches('/'))
}

/// The plan as it was at a commit, read from git (one `ls-tree`, one `cat-file`);
/// `None` when the plan folder held no files then (before the plan was added).
/// Paths are shown as they are for the working tree, so refs and files compare.
pub fn read_plan_at(
    repo: &crate::git::Repo,
    commit: &str,
    plan_dir: &Path,
) -> Result<Option<PlanFiles>> {
    let rel = repo.relative(plan_dir)?;
    let entries = repo.files_at(commit, &rel)?;
    if !entries
        .iter()
        .any(|e| plan_file_role(inside(&e.path, &rel)).is_some())
    {
        return Ok(None);
    }
    let ids: Vec<&str> = entries.iter().map(|e| e.blob.as_str()).collect();
    let mut blobs = repo.blobs(&ids)?;
    // A blob's bytes are moved out where only one file holds them.
    let mut holders: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for id in &ids {
        *holders.entry(id).or_default() += 1;
    }
    let holders: std::collections::HashMap<String, usize> = holders
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let mut files = PlanFiles::default();
    let mut found_board = false;
    let mut sorted = entries;
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for entry in sorted {
        let inside = inside(&entry.path, &rel);
        let Some(is_board) = plan_file_role(inside) else {
            continue;
        };
        let shown = plan_dir.join(inside);
        let bytes = if holders.get(&entry.blob) == Some(&1) {
            blobs.remove(&entry.blob).unwrap_or_default()
        } else {
            blobs.get(&entry.blob).cloned().unwrap_or_default()
        };
        let Some(src) = decode(&shown, bytes, &mut files) else {
            continue;
        };
        if is_board {
            found_board = true;
            files.board = Some(src);
        } else {
            files.priorities.push(src);
        }
    }
    if !found_board {
        let board_path = plan_dir.join(BOARD_FILE);
        let src = SourceFile::new(display(&board_path), "");
        files.diagnostics.push(src.diagnostic(
            Code::BoardMissing,
            0..0,
            format!(
                "board.toml is missing from the plan folder at commit {}",
                &commit[..commit.len().min(10)]
            ),
        ));
    }
    Ok(Some(files))
}

/// The plan after each commit that changed it, oldest first: one `git log` and
/// one `cat-file` for the whole history.
pub fn plan_history(
    repo: &crate::git::Repo,
    plan_dir: &Path,
) -> Result<Vec<(crate::git::Commit, PlanFiles)>> {
    let rel = repo.relative(plan_dir)?;
    let commits = repo.log(&rel)?;
    let ids: Vec<&str> = commits
        .iter()
        .flat_map(|c| c.changes.iter().filter_map(|(_, blob)| blob.as_deref()))
        .collect();
    let blobs = repo.blobs(&ids)?;
    // The plan folder's files, kept up to date commit by commit.
    let mut tree: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for commit in commits {
        for (path, blob) in &commit.changes {
            match blob {
                Some(b) => tree.insert(path.clone(), b.clone()),
                None => tree.remove(path),
            };
        }
        let mut files = PlanFiles::default();
        for (path, blob) in &tree {
            let inside = inside(path, &rel);
            let Some(is_board) = plan_file_role(inside) else {
                continue;
            };
            let bytes = blobs.get(blob).cloned().unwrap_or_default();
            let Some(src) = decode(&plan_dir.join(inside), bytes, &mut files) else {
                continue;
            };
            if is_board {
                files.board = Some(src);
            } else {
                files.priorities.push(src);
            }
        }
        out.push((commit, files));
    }
    Ok(out)
}

/// Writes one file all at once: a temporary file beside it (named
/// `.NAME.XXXXXX`, hidden, so never read as a plan file), then a rename over
/// the old one, so a crash leaves the old file or the new one, never half of
/// each. The old file's permissions are kept. A read-only file and a symbolic
/// link are refused: lscb never writes through a link.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = display(path);
    let refuse = |why: &str| {
        Error::io(
            &shown,
            "write",
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, why),
        )
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(refuse(
                "it is a symbolic link, and lscb does not write through links; \
                 replace the link with the file itself",
            ));
        }
        Ok(m) if m.permissions().readonly() => {
            return Err(refuse("it is read-only; make it writable to change it"));
        }
        _ => {}
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path)
        .map_err(|e| Error::io(&shown, "open for writing", e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(&shown, "write", e))?;
    file.commit().map_err(|e| Error::io(&shown, "write", e))
}

/// Replaces the folder `dir` with one holding exactly `files` (paths relative
/// to it) plus whatever of the old folder `keep` says to carry over: the new
/// folder is written beside the old one, then swapped in. A failure before the
/// swap leaves the old folder as it was; the swap is two renames.
pub fn replace_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    keep: impl Fn(&Path) -> bool,
) -> Result<()> {
    let shown = display(dir);
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::usage(format!("`{shown}` names no folder")))?;
    let staging = parent.join(format!(".{name}.lscb-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.lscb-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| {
        std::fs::create_dir(&staging).map_err(|e| Error::io(display(&staging), "create", e))?;
        for (rel, bytes) in files {
            let path = staging.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(|e| Error::io(display(p), "create", e))?;
            }
            let mut f = std::fs::File::create_new(&path)
                .map_err(|e| Error::io(display(&path), "create", e))?;
            f.write_all(bytes)
                .and_then(|()| f.sync_all())
                .map_err(|e| Error::io(display(&dir.join(rel)), "write", e))?;
        }
        if dir.exists() {
            copy_kept(dir, &staging, &keep)?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if dir.exists() {
        std::fs::rename(dir, &retired).map_err(|e| Error::io(&shown, "move aside", e))?;
        if let Err(e) = std::fs::rename(&staging, dir) {
            let _ = std::fs::rename(&retired, dir);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(Error::io(&shown, "replace", e));
        }
        let _ = std::fs::remove_dir_all(&retired);
    } else {
        std::fs::rename(&staging, dir).map_err(|e| Error::io(&shown, "create", e))?;
    }
    Ok(())
}

/// Copies what `keep` accepts from the old folder into the new one (regular
/// files and folders only; links are not followed).
fn copy_kept(from: &Path, to: &Path, keep: &impl Fn(&Path) -> bool) -> Result<()> {
    for entry in WalkDir::new(from).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| {
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("a loop"));
            Error::io(display(from), "list", io)
        })?;
        let Ok(rel) = entry.path().strip_prefix(from) else {
            continue;
        };
        if !keep(rel) || to.join(rel).exists() {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
                .map_err(|e| Error::io(display(&target), "create", e))?;
        } else if entry.file_type().is_file() {
            if let Some(p) = target.parent() {
                std::fs::create_dir_all(p).map_err(|e| Error::io(display(p), "create", e))?;
            }
            std::fs::copy(entry.path(), &target)
                .map_err(|e| Error::io(display(entry.path()), "copy", e))?;
        }
    }
    Ok(())
}

/// Whether a path (relative to the plan folder) is a file the plan is read from.
pub fn is_plan_file(rel: &Path) -> bool {
    plan_file_role(&rel.to_string_lossy().replace('\\', "/")).is_some()
}
