//! Git access through the `git` binary, behind one small module (so a library
//! could replace it). Arguments are passed as arrays, never through a shell;
//! revisions are checked with `--end-of-options`, so none can be read as an option.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// A git repository, found from a folder inside it.
#[derive(Clone, Debug)]
pub struct Repo {
    pub root: PathBuf,
}

/// A file as stored at a commit: its path from the repository root and its blob id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub blob: String,
    /// A symbolic link (mode 120000): its "content" is where it points, and
    /// it is never read as a plan file.
    pub link: bool,
}

/// Modes of regular files in a git tree (a link is 120000, a submodule 160000).
fn is_regular(mode: &str) -> bool {
    matches!(mode, "100644" | "100755")
}

/// Blobs read from git: their bytes, and those skipped for their size.
#[derive(Debug, Default)]
pub struct Blobs {
    pub data: HashMap<String, Vec<u8>>,
    pub too_large: HashMap<String, u64>,
}

/// One commit of `git log`, with the files it changed under the path asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub author: String,
    /// The author date, YYYY-MM-DD.
    pub date: String,
    pub subject: String,
    /// (path, new blob id, or `None` when the file was deleted).
    pub changes: Vec<(String, Option<String>)>,
}

/// git writes an object id of zeros for "no object" (a deleted file), as long
/// as the repository's ids (40 hex digits for SHA-1, 64 for SHA-256).
fn is_null_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b == b'0')
}

impl Repo {
    /// The repository holding `dir`; a clear error when there is none.
    pub fn discover(dir: &Path) -> Result<Repo> {
        let out = git_in(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            Error::git(format!(
                "the plan folder {} is not in a git repository",
                dir.display()
            ))
            .with_hint(e.to_string())
        })?;
        Ok(Repo {
            root: PathBuf::from(out.trim_end_matches('\n')),
        })
    }

    fn run(&self, args: &[&str]) -> Result<String> {
        git_in(&self.root, args)
    }

    /// The commit a revision names. A date (YYYY-MM-DD) means the last commit on
    /// or before that day.
    pub fn resolve(&self, rev: &str) -> Result<String> {
        if let Some(day) = crate::plan::date::parse_iso(rev) {
            let before = format!("--before={day} 23:59:59");
            let out = self.run(&["rev-list", "-1", "--first-parent", &before, "HEAD"])?;
            let id = out.trim();
            if id.is_empty() {
                return Err(Error::git(format!("no commit on or before {day}")));
            }
            return Ok(id.to_string());
        }
        // `:/text` (the youngest commit whose message matches) is a commit
        // already, and `^{commit}` after it would be part of the text.
        let spec = if rev.starts_with(":/") {
            rev.to_string()
        } else {
            format!("{rev}^{{commit}}")
        };
        self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ])
        .map(|s| s.trim().to_string())
        .or_else(|e| {
            // A CI checkout (actions/checkout) has the base branch only as
            // origin/BRANCH.
            let remote = format!("refs/remotes/origin/{rev}^{{commit}}");
            if rev.starts_with(":/") || rev.starts_with('-') {
                return Err(e);
            }
            self.run(&[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &remote,
            ])
            .map(|s| s.trim().to_string())
        })
        .map_err(|_| {
            Error::usage(format!(
                "`{rev}` is not a revision in {}",
                self.root.display()
            ))
            .with_hint("give a commit, branch or tag, or a date as YYYY-MM-DD")
        })
    }

    /// The repository for reading the plan's history: a shallow clone is
    /// refused, since its history would be wrong (everything "added" in the
    /// one commit it holds), not merely short.
    pub fn discover_with_history(dir: &Path) -> Result<Repo> {
        let repo = Repo::discover(dir)?;
        let shallow = repo.run(&["rev-parse", "--is-shallow-repository"])?;
        if shallow.trim() == "true" {
            return Err(Error::git(
                "this clone is shallow: it holds only the latest commits, so the plan's history cannot be read",
            )
            .with_hint(
                "in GitHub Actions give actions/checkout `fetch-depth: 0`; elsewhere run `git fetch --unshallow`",
            ));
        }
        Ok(repo)
    }

    /// Whether commit `a` is an ancestor of (or is) commit `b`.
    pub fn is_ancestor(&self, a: &str, b: &str) -> Result<bool> {
        let out = git_command(&self.root)
            .args(["merge-base", "--is-ancestor", "--end-of-options", a, b])
            .stdin(Stdio::null())
            .output()
            .map_err(not_installed)?;
        match out.status.code() {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => Err(Error::git(format!(
                "git merge-base failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))),
        }
    }

    /// A commit's date (committer date, YYYY-MM-DD).
    pub fn commit_day(&self, id: &str) -> Result<chrono::NaiveDate> {
        let out = self.run(&["show", "-s", "--format=%cs", "--end-of-options", id])?;
        crate::plan::date::parse_iso(out.trim())
            .ok_or_else(|| Error::git(format!("git gave no date for {id}")))
    }

    /// The common ancestor of two commits.
    pub fn merge_base(&self, a: &str, b: &str) -> Result<String> {
        Ok(self
            .run(&["merge-base", "--end-of-options", a, b])?
            .trim()
            .to_string())
    }

    /// Every file under `dir` (relative to the root) at a commit.
    pub fn files_at(&self, commit: &str, dir: &str) -> Result<Vec<Entry>> {
        let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", commit, "--", dir])?;
        Ok(out
            .split('\0')
            .filter_map(|line| {
                let (meta, path) = line.split_once('\t')?;
                let mut fields = meta.split(' ');
                let (mode, kind, blob) = (fields.next()?, fields.next()?, fields.next()?);
                (kind == "blob").then(|| Entry {
                    path: path.to_string(),
                    blob: blob.to_string(),
                    link: !is_regular(mode),
                })
            })
            .collect())
    }

    /// The contents of many blobs through one `git cat-file --batch`, read as
    /// git answers; a blob larger than `limit` is skipped unread and listed in
    /// `Blobs::too_large` (a repository cannot make lscb hold a huge file).
    pub fn blobs(&self, ids: &[&str], limit: u64) -> Result<Blobs> {
        use std::io::BufRead;
        let broken = |what: &str| Error::git(format!("git cat-file failed: {what}"));
        let mut child = git_command(&self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(not_installed)?;
        let mut stdin = child.stdin.take().ok_or_else(|| broken("no stdin"))?;
        let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
        // Write from a thread: git answers while we are still asking.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let stdout = child.stdout.take().ok_or_else(|| broken("no stdout"))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 16, stdout);
        let mut blobs = Blobs::default();
        let mut header = String::new();
        loop {
            header.clear();
            let n = reader
                .read_line(&mut header)
                .map_err(|e| broken(&e.to_string()))?;
            if n == 0 {
                break;
            }
            let line = header.trim_end_matches('\n');
            let fields: Vec<&str> = line.split(' ').collect();
            let [id, _kind, size] = fields[..] else {
                // "ID missing": nothing follows it.
                continue;
            };
            let size: u64 = size
                .parse()
                .map_err(|_| broken(&format!("unexpected answer `{line}`")))?;
            let id = id.to_string();
            if size > limit {
                let skipped =
                    std::io::copy(&mut (&mut reader).take(size + 1), &mut std::io::sink())
                        .map_err(|e| broken(&e.to_string()))?;
                if skipped < size + 1 {
                    return Err(broken("short read"));
                }
                blobs.too_large.insert(id, size);
                continue;
            }
            let mut body = vec![0; usize::try_from(size).unwrap_or(0)];
            reader
                .read_exact(&mut body)
                .map_err(|_| broken("short read"))?;
            let mut newline = [0u8; 1];
            let _ = reader.read_exact(&mut newline);
            blobs.data.insert(id, body);
        }
        writer
            .join()
            .map_err(|_| broken("writing to git failed"))?
            .map_err(|e| broken(&e.to_string()))?;
        let status = child.wait().map_err(|e| broken(&e.to_string()))?;
        if !status.success() {
            return Err(broken("it exited with an error"));
        }
        Ok(blobs)
    }

    /// The commits that changed files under `dir`, oldest first, following the
    /// first parent, each with the blobs it wrote: one `git log` for all of history.
    pub fn log(&self, dir: &str, tip: &str) -> Result<Vec<Commit>> {
        // A repository without commits has no history yet.
        if self
            .run(&["rev-parse", "--verify", "--quiet", "HEAD"])
            .is_err()
        {
            return Ok(vec![]);
        }
        let walk = ["--reverse", "--first-parent", "-z"];
        // The files each commit wrote. Records start with \x1e and the commit id;
        // paths are NUL-terminated, so a \x1e inside one is told apart below.
        let raw = self.run(
            &[
                &["log"][..],
                &walk,
                &[
                    "--diff-merges=first-parent",
                    "--no-renames",
                    "--no-ext-diff",
                    "--no-textconv",
                    "--raw",
                    "--no-abbrev",
                    "--format=%x1e%H",
                    "--end-of-options",
                    tip,
                    "--",
                    dir,
                ],
            ]
            .concat(),
        )?;
        // Who, when and why, NUL-separated (git keeps NUL out of all three).
        let meta = self.run(
            &[
                &["log"][..],
                &walk,
                &[
                    "--date=short",
                    "--format=%H%x00%an%x00%ad%x00%s",
                    "--end-of-options",
                    tip,
                    "--",
                    dir,
                ],
            ]
            .concat(),
        )?;
        let mut about: HashMap<&str, (&str, &str, &str)> = HashMap::new();
        let tokens: Vec<&str> = meta
            .split('\0')
            .map(|t| t.trim_start_matches('\n'))
            .collect();
        for chunk in tokens.chunks(4) {
            if let [id, author, date, subject] = chunk {
                about.insert(id, (author, date, subject));
            }
        }

        let mut records: Vec<String> = Vec::new();
        for piece in raw.split('\x1e') {
            let starts_commit = piece
                .split_once('\0')
                .is_some_and(|(id, _)| is_commit_id(id))
                || is_commit_id(piece.trim_end());
            match records.last_mut() {
                Some(last) if !starts_commit => {
                    last.push('\x1e');
                    last.push_str(piece);
                }
                _ if piece.is_empty() => {}
                _ => records.push(piece.to_string()),
            }
        }
        let mut commits = Vec::new();
        for record in &records {
            let (id, raw) = record.split_once('\0').unwrap_or((record.trim_end(), ""));
            let mut changes = Vec::new();
            let mut tokens = raw.trim_start_matches('\n').split('\0');
            while let (Some(meta), Some(path)) = (tokens.next(), tokens.next()) {
                let fields: Vec<&str> = meta.split(' ').collect();
                let (Some(&mode), Some(&new)) = (fields.get(1), fields.get(3)) else {
                    continue;
                };
                // A link or submodule is no file of the plan: as if deleted.
                let blob = (!is_null_id(new) && is_regular(mode)).then(|| new.to_string());
                changes.push((path.to_string(), blob));
            }
            let (author, date, subject) = about.get(id).copied().unwrap_or(("", "", ""));
            commits.push(Commit {
                id: id.to_string(),
                author: author.to_string(),
                date: date.to_string(),
                subject: subject.to_string(),
                changes,
            });
        }
        Ok(commits)
    }

    /// A folder's path relative to the repository root, with `/` separators.
    pub fn relative(&self, dir: &Path) -> Result<String> {
        let dir = std::fs::canonicalize(dir).map_err(|e| Error::io(dir.display(), "find", e))?;
        let root = std::fs::canonicalize(&self.root)
            .map_err(|e| Error::io(self.root.display(), "find", e))?;
        let rel = dir.strip_prefix(&root).map_err(|_| {
            Error::git(format!(
                "{} is outside the repository {}",
                dir.display(),
                root.display()
            ))
        })?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        // The repository's root itself: "" is no pathspec, "." is.
        Ok(if rel.is_empty() { ".".to_string() } else { rel })
    }
}

/// A full commit id (SHA-1 or SHA-256, lower-case hex).
fn is_commit_id(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Settings that keep a repository from making git run a program or page:
/// signatures are not checked, no file-system monitor, no pager (and `log`
/// adds `--no-ext-diff --no-textconv`). Paths are literal, never globs.
const SAFE: &[&str] = &[
    "-c",
    "log.showSignature=false",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.pager=cat",
    "-c",
    "core.hooksPath=/dev/null",
    "--no-pager",
    "--literal-pathspecs",
];

/// `git -C DIR` with the safe settings; every git command lscb runs starts here.
fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(SAFE);
    // No prompt for credentials or an editor, whatever the repository says.
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_EDITOR", "true");
    cmd
}

fn not_installed(e: std::io::Error) -> Error {
    Error::git(format!("could not run git: {e}")).with_hint("is git installed and on the PATH?")
}

fn git_in(dir: &Path, args: &[&str]) -> Result<String> {
    let out = git_command(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(not_installed)?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(Error::git(format!(
            "git {} failed: {}",
            args.first().unwrap_or(&""),
            stderr.trim()
        )));
    }
    String::from_utf8(out.stdout).map_err(|_| Error::git("git printed something that is not UTF-8"))
}
