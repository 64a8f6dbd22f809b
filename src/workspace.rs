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

/// The largest plan file lscb reads (a plan is a few hundred KB; anything
/// this size is a mistake or an attack).
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Reads `board.toml` and every other `*.toml` under `dir` (recursively, hidden
/// entries skipped, sorted by path). Unreadable or non-UTF-8 files become findings;
/// only a folder that cannot be listed at all is an error. A folder without a
/// `board.toml` is not read further: it is probably not the plan folder, and
/// its other TOML files would only bury that one finding.
///
/// Reads stay inside the folder: a link whose target is outside it is not
/// followed (a warning names it), a link to a folder is not descended (its
/// files are read where they are), FIFOs and devices are never opened, and a
/// file over 64 MiB is refused.
pub fn read_plan(dir: &Path) -> Result<PlanFiles> {
    let mut files = PlanFiles::default();
    let root = std::fs::canonicalize(dir).map_err(|e| Error::io(display(dir), "open", e))?;
    let board_path = dir.join(BOARD_FILE);
    match read_inside(&board_path, Some(&root)) {
        Read::Text(bytes) => files.board = decode(&board_path, bytes, &mut files),
        Read::Missing => {
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
        other => {
            other.report(&board_path, &mut files);
            if files.board.is_none() && !files.diagnostics.iter().any(|d| d.is_error()) {
                let src = SourceFile::new(display(&board_path), "");
                files.diagnostics.push(src.diagnostic(
                    Code::BoardMissing,
                    0..0,
                    "board.toml could not be read from the plan folder",
                ));
            }
        }
    }

    // Hidden entries are skipped; an interrupted edit's temporary file among
    // them (`.NAME.toml.XXXXXX`) is worth a warning.
    let mut leftovers = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = is_hidden(e);
            if hidden && e.file_type().is_file() && is_temp_name(&e.file_name().to_string_lossy()) {
                leftovers.push(e.path().to_path_buf());
            }
            !hidden
        });
    for entry in walker {
        // An unreadable sub-folder is a finding; the rest of the plan is still read.
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
        if entry.file_type().is_dir() || !is_toml || path == board_path {
            continue;
        }
        match read_inside(path, Some(&root)) {
            Read::Text(bytes) => {
                if let Some(src) = decode(path, bytes, &mut files) {
                    files.priorities.push(src);
                }
            }
            Read::Missing | Read::Folder => {}
            other => other.report(path, &mut files),
        }
    }
    for path in leftovers {
        let src = SourceFile::new(display(&path), "");
        files.diagnostics.push(
            src.diagnostic(
                Code::LeftoverTempFile,
                0..0,
                "a temporary file left by an interrupted edit",
            )
            .with_help(
                "if no lscb is running, delete it; `.*.toml.*` in .gitignore keeps it out of git",
            ),
        );
    }
    Ok(files)
}

/// A temporary file of an atomic write: `.NAME.toml.` and six letters or digits.
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((base, suffix)) = rest.rsplit_once('.') else {
        return false;
    };
    base.ends_with(".toml")
        && suffix.len() == 6
        && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What reading one path of the plan folder gave.
enum Read {
    Text(Vec<u8>),
    Missing,
    /// A link to a folder: its files are read where they are.
    Folder,
    /// A link whose target is outside the plan folder.
    Outside(PathBuf),
    /// A FIFO, socket or device.
    NotAFile,
    TooLarge(u64),
    Failed(std::io::Error),
}

impl Read {
    fn report(self, path: &Path, files: &mut PlanFiles) {
        let src = SourceFile::new(display(path), "");
        let d = match self {
            Read::Text(_) | Read::Missing | Read::Folder => return,
            Read::Failed(e) => return unreadable(path, &e, files),
            Read::Outside(target) => src
                .diagnostic(
                    Code::LinkOutside,
                    0..0,
                    format!(
                        "a link to {} outside the plan folder; not followed",
                        display(&target)
                    ),
                )
                .with_help("put the file itself in the plan folder"),
            Read::NotAFile => src
                .diagnostic(
                    Code::NotAFile,
                    0..0,
                    "not a regular file (a FIFO, socket or device); not opened",
                )
                .with_help("plan files are ordinary text files"),
            Read::TooLarge(len) => src
                .diagnostic(
                    Code::TooLarge,
                    0..0,
                    format!("the file is {len} bytes; lscb reads plan files of at most 64 MiB"),
                )
                .with_help("a plan file is a few hundred KB: is this the right file?"),
        };
        files.diagnostics.push(d);
    }
}

/// A file named on the command line (the document `import` reads), held to
/// the plan reader's rules: a FIFO, socket or device is never opened, and a
/// file over 64 MiB is refused. A link is followed (the user named it), but
/// only to a regular file.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let shown = display(path);
    match read_inside(path, None) {
        Read::Text(bytes) => Ok(bytes),
        Read::Missing => Err(Error::io(
            shown,
            "read",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        )),
        Read::Folder | Read::NotAFile => Err(Error::usage(format!(
            "{shown} is not a regular file (a folder, FIFO, socket or device); not opened"
        ))),
        Read::TooLarge(len) => Err(Error::usage(format!(
            "{shown} is {len} bytes; lscb reads files of at most 64 MiB"
        ))
        .with_hint("a plan document or tracker is a few MB at most: is this the right file?")),
        Read::Outside(_) => Err(Error::usage(format!("{shown} could not be read"))),
        Read::Failed(e) => Err(Error::io(shown, "read", e)),
    }
}

/// Reads a file of the plan folder, following a link only to a regular file
/// inside `root` (the folder's canonical path); with no root, a link to a
/// regular file anywhere.
fn read_inside(path: &Path, root: Option<&Path>) -> Read {
    use std::io::Read as _;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Missing,
        Err(e) => return Read::Failed(e),
    };
    let meta = if meta.file_type().is_symlink() {
        let target = match std::fs::canonicalize(path) {
            Ok(t) => t,
            Err(e) => return Read::Failed(e),
        };
        if let Some(root) = root
            && !target.starts_with(root)
        {
            return Read::Outside(target);
        }
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => return Read::Folder,
            Ok(m) => m,
            Err(e) => return Read::Failed(e),
        }
    } else {
        meta
    };
    if !meta.is_file() {
        return Read::NotAFile;
    }
    if meta.len() > MAX_FILE {
        return Read::TooLarge(meta.len());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Read::Failed(e),
    };
    // A file that grew since it was measured is still held to the limit.
    match file.take(MAX_FILE + 1).read_to_end(&mut bytes) {
        Ok(n) if n as u64 > MAX_FILE => Read::TooLarge(n as u64),
        Ok(_) => Read::Text(bytes),
        Err(e) => Read::Failed(e),
    }
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
    let ids: Vec<&str> = entries
        .iter()
        .filter(|e| !e.link)
        .map(|e| e.blob.as_str())
        .collect();
    let mut blobs = repo.blobs(&ids, MAX_FILE)?;
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
        if entry.link {
            let src = SourceFile::new(display(&shown), "");
            files.diagnostics.push(
                src.diagnostic(Code::LinkOutside, 0..0, "a link in git; not followed")
                    .with_help("put the file itself in the plan folder"),
            );
            continue;
        }
        if let Some(&size) = blobs.too_large.get(&entry.blob) {
            Read::TooLarge(size).report(&shown, &mut files);
            continue;
        }
        let bytes = if holders.get(&entry.blob) == Some(&1) {
            blobs.data.remove(&entry.blob).unwrap_or_default()
        } else {
            blobs.data.get(&entry.blob).cloned().unwrap_or_default()
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

/// The plan folder's history: every commit that changed it, oldest first,
/// read with one `git log` and one `cat-file`. Each version of a file is held
/// once; `snapshots` gives the plan's files after each commit, one at a time.
pub struct PlanHistory {
    rel: String,
    plan_dir: PathBuf,
    commits: Vec<crate::git::Commit>,
    versions: std::collections::HashMap<String, Version>,
}

/// One version of a file as git holds it.
enum Version {
    Text(crate::source::Text),
    /// Not UTF-8: the readable start, and where it stops being readable.
    NotUtf8(crate::source::Text, usize),
    TooLarge(u64),
}

impl PlanHistory {
    pub fn read(repo: &crate::git::Repo, plan_dir: &Path, tip: &str) -> Result<PlanHistory> {
        let rel = repo.relative(plan_dir)?;
        let commits = repo.log(&rel, tip)?;
        // In history order, each once: git stores a version as a delta on a
        // neighbouring one, and its cache of delta bases only helps when they
        // are asked for in order. Sorted by id, 10,000 commits spent a third
        // of their time in git inflating the same bases again.
        let mut seen = std::collections::HashSet::new();
        let ids: Vec<&str> = commits
            .iter()
            .flat_map(|c| c.changes.iter().filter_map(|(_, blob)| blob.as_deref()))
            .filter(|id| seen.insert(*id))
            .collect();
        let blobs = repo.blobs(&ids, MAX_FILE)?;
        let mut versions: std::collections::HashMap<String, Version> = blobs
            .data
            .into_iter()
            .map(|(id, bytes)| {
                let v = match String::from_utf8(bytes) {
                    Ok(text) => Version::Text(text.into()),
                    Err(e) => {
                        let valid = e.utf8_error().valid_up_to();
                        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                        Version::NotUtf8(prefix.into(), valid)
                    }
                };
                (id, v)
            })
            .collect();
        versions.extend(
            blobs
                .too_large
                .into_iter()
                .map(|(id, size)| (id, Version::TooLarge(size))),
        );
        Ok(PlanHistory {
            rel,
            plan_dir: plan_dir.to_path_buf(),
            commits,
            versions,
        })
    }

    /// Each commit with the plan's files after it, oldest first.
    pub fn snapshots(&self) -> impl Iterator<Item = (&crate::git::Commit, PlanFiles)> + '_ {
        // The plan folder's files, kept up to date commit by commit.
        let mut tree: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
        self.commits.iter().map(move |commit| {
            for (path, blob) in &commit.changes {
                match blob {
                    Some(b) => tree.insert(path, b),
                    None => tree.remove(path.as_str()),
                };
            }
            let mut files = PlanFiles::default();
            for (path, blob) in &tree {
                let inside = inside(path, &self.rel);
                let Some(is_board) = plan_file_role(inside) else {
                    continue;
                };
                let shown = self.plan_dir.join(inside);
                let src = match self.versions.get(*blob) {
                    Some(Version::Text(text)) => SourceFile::shared(display(&shown), text.clone()),
                    Some(Version::NotUtf8(prefix, valid)) => {
                        let src = SourceFile::shared(display(&shown), prefix.clone());
                        files.diagnostics.push(src.diagnostic(
                            Code::NotUtf8,
                            *valid..*valid,
                            "the file is not UTF-8 text",
                        ));
                        continue;
                    }
                    Some(Version::TooLarge(size)) => {
                        Read::TooLarge(*size).report(&shown, &mut files);
                        continue;
                    }
                    None => continue,
                };
                if is_board {
                    files.board = Some(src);
                } else {
                    files.priorities.push(src);
                }
            }
            (commit, files)
        })
    }
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
        Ok(m) if links(&m) > 1 => {
            return Err(refuse(
                "it has other hard links, which replacing it would leave holding the old \
                 text; copy it to a file of its own first",
            ));
        }
        _ => {}
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path)
        .map_err(|e| Error::io(&shown, "open for writing", e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(&shown, "write", e))?;
    file.commit().map_err(|e| Error::io(&shown, "write", e))
}

/// How many names a file has (hard links); 1 where that cannot be told.
fn links(m: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(m)
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        1
    }
}

/// The lock file edits hold while they read, check and write the plan.
pub const LOCK_FILE: &str = ".lscb.lock";

/// Held while an edit reads, checks and writes the plan: a second edit waits
/// for it, so two edits at the same moment both land, one after the other.
#[derive(Debug)]
pub struct PlanLock(#[allow(dead_code)] std::fs::File);

/// Takes the plan folder's edit lock, waiting up to `wait` for another edit
/// to finish; then refuses (exit 1, nothing written) and says to run it again.
pub fn lock_plan(dir: &Path, wait: std::time::Duration) -> Result<PlanLock> {
    let path = dir.join(LOCK_FILE);
    let shown = display(&path);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::io(
            &shown,
            "open",
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "it is not a plain file (lscb does not follow links); delete it",
            ),
        ));
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&shown, "open", e))?;
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(PlanLock(file)),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::refused(
                    "another lscb is editing the plan and has not finished; nothing was written",
                )
                .with_hint("run the command again"));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&shown, "lock", e)),
        }
    }
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
    let (parent, name) = parent_and_name(dir)?;
    // A new folder's missing parents are made, as `mkdir -p` would.
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(display(&parent), "create", e))?;
    let staging = parent.join(format!(".{name}.lscb-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.lscb-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| {
        write_staging(&staging, dir, files)?;
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
        if let Err(e) = std::fs::rename(dir, &retired) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(Error::io(&shown, "move aside", e));
        }
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

/// What is at a folder a command is to write (`--out`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFolder {
    Missing,
    Empty,
    /// A folder holding something: each command decides whether it may
    /// replace it.
    Holds,
}

/// Looks at an output folder the same way for every command that writes
/// one: a link (even written `x/`), a file and the file system's root are
/// refused before any work, so a refusal writes nothing.
pub fn out_folder(dir: &Path) -> Result<OutFolder> {
    let dir: PathBuf = dir.components().collect();
    let shown = display(&dir);
    let Ok(meta) = std::fs::symlink_metadata(&dir) else {
        return Ok(OutFolder::Missing);
    };
    if meta.file_type().is_symlink() {
        return Err(Error::usage(format!(
            "{shown} is a link; lscb writes no folder through a link"
        ))
        .with_hint("give the folder itself as --out"));
    }
    if !meta.is_dir() {
        return Err(Error::usage(format!(
            "{shown} is a file, not a folder; choose another --out"
        )));
    }
    if std::fs::canonicalize(&dir).is_ok_and(|c| c.parent().is_none()) {
        return Err(Error::usage(
            "--out / would replace the whole file system; choose another --out",
        ));
    }
    let empty = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&shown, "list", e))?
        .next()
        .is_none();
    Ok(if empty {
        OutFolder::Empty
    } else {
        OutFolder::Holds
    })
}

/// The folder a path is in (`.` for a bare name) and its own name.
fn parent_and_name(dir: &Path) -> Result<(PathBuf, String)> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::usage(format!("`{}` names no folder", display(dir))))?;
    Ok((parent, name))
}

/// Writes `files` into a new staging folder for `dir` (errors name the
/// files as they will be in `dir`).
fn write_staging(staging: &Path, dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir(staging).map_err(|e| Error::io(display(staging), "create", e))?;
    for (rel, bytes) in files {
        let path = staging.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).map_err(|e| Error::io(display(p), "create", e))?;
        }
        let mut f = std::fs::File::create_new(&path)
            .map_err(|e| Error::io(display(&dir.join(rel)), "create", e))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| Error::io(display(&dir.join(rel)), "write", e))?;
    }
    Ok(())
}

/// Creates the folder `dir` holding exactly `files`, all at once: written
/// beside it, then renamed into place. `dir` may exist only as an empty
/// folder, which the rename replaces; anything put into it meanwhile makes
/// the rename fail and is left alone. Nothing is ever deleted but the
/// staging folder and an empty `dir`.
pub fn create_folder(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let shown = display(dir);
    let (parent, name) = parent_and_name(dir)?;
    let staging = parent.join(format!(".{name}.lscb-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let written = (|| {
        write_staging(&staging, dir, files)?;
        // On Unix a rename replaces an empty folder and fails on any other.
        // Elsewhere, an empty folder is removed first (remove_dir refuses a
        // folder that is not empty).
        match std::fs::rename(&staging, dir) {
            Ok(()) => Ok(()),
            Err(_) if dir.is_dir() && std::fs::remove_dir(dir).is_ok() => {
                std::fs::rename(&staging, dir).map_err(|e| Error::io(&shown, "create", e))
            }
            Err(e) => Err(Error::io(&shown, "create", e)
                .with_hint("the folder must be new or empty: choose another --out")),
        }
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    written
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
