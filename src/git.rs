//! Git access through the `git` binary, behind one small module (so a library
//! could replace it). Arguments are passed as arrays, never through a shell;
//! revisions are checked with `--end-of-options`, so none can be read as an option.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

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

const NO_BLOB: &str = "0000000000000000000000000000000000000000";

impl Repo {
    /// The repository holding `dir`; a clear error when there is none.
    pub fn discover(dir: &Path) -> anyhow::Result<Repo> {
        let out = git_in(dir, &["rev-parse", "--show-toplevel"]).with_context(|| {
            format!(
                "the plan folder {} is not in a git repository",
                dir.display()
            )
        })?;
        Ok(Repo {
            root: PathBuf::from(out.trim_end_matches('\n')),
        })
    }

    fn run(&self, args: &[&str]) -> anyhow::Result<String> {
        git_in(&self.root, args)
    }

    /// The commit a revision names. A date (YYYY-MM-DD) means the last commit on
    /// or before that day.
    pub fn resolve(&self, rev: &str) -> anyhow::Result<String> {
        if let Some(day) = crate::plan::date::parse_iso(rev) {
            let before = format!("--before={day} 23:59:59");
            let out = self.run(&["rev-list", "-1", "--first-parent", &before, "HEAD"])?;
            let id = out.trim();
            if id.is_empty() {
                bail!("no commit on or before {day}");
            }
            return Ok(id.to_string());
        }
        let spec = format!("{rev}^{{commit}}");
        self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ])
        .map(|s| s.trim().to_string())
        .map_err(|_| anyhow::anyhow!("`{rev}` is not a revision in {}", self.root.display()))
    }

    /// A commit's date (committer date, YYYY-MM-DD).
    pub fn commit_day(&self, id: &str) -> anyhow::Result<chrono::NaiveDate> {
        let out = self.run(&["show", "-s", "--format=%cs", "--end-of-options", id])?;
        crate::plan::date::parse_iso(out.trim())
            .with_context(|| format!("git gave no date for {id}"))
    }

    /// The common ancestor of two commits.
    pub fn merge_base(&self, a: &str, b: &str) -> anyhow::Result<String> {
        Ok(self
            .run(&["merge-base", "--end-of-options", a, b])?
            .trim()
            .to_string())
    }

    /// Every file under `dir` (relative to the root) at a commit.
    pub fn files_at(&self, commit: &str, dir: &str) -> anyhow::Result<Vec<Entry>> {
        let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", commit, "--", dir])?;
        Ok(out
            .split('\0')
            .filter_map(|line| {
                let (meta, path) = line.split_once('\t')?;
                let mut fields = meta.split(' ');
                let (_mode, kind, blob) = (fields.next()?, fields.next()?, fields.next()?);
                (kind == "blob").then(|| Entry {
                    path: path.to_string(),
                    blob: blob.to_string(),
                })
            })
            .collect())
    }

    /// The contents of many blobs through one `git cat-file --batch`.
    pub fn blobs(&self, ids: &[&str]) -> anyhow::Result<HashMap<String, Vec<u8>>> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("could not run git (is it installed?)")?;
        let mut stdin = child.stdin.take().context("git's stdin")?;
        let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
        // Write from a thread: git answers while we are still asking.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut out = Vec::new();
        child
            .stdout
            .take()
            .context("git's stdout")?
            .read_to_end(&mut out)?;
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("writing to git failed"))??;
        let status = child.wait()?;
        if !status.success() {
            bail!("git cat-file failed");
        }
        let mut blobs = HashMap::new();
        let mut rest = out.as_slice();
        while !rest.is_empty() {
            let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
                break;
            };
            let header = String::from_utf8_lossy(&rest[..nl]).to_string();
            rest = &rest[nl + 1..];
            let fields: Vec<&str> = header.split(' ').collect();
            let [id, _kind, size] = fields[..] else {
                bail!("git cat-file: unexpected answer `{header}`");
            };
            let size: usize = size
                .parse()
                .with_context(|| format!("git cat-file: `{header}`"))?;
            let body = rest.get(..size).context("git cat-file: short read")?;
            blobs.insert(id.to_string(), body.to_vec());
            rest = rest.get(size + 1..).unwrap_or_default();
        }
        Ok(blobs)
    }

    /// The commits that changed files under `dir`, oldest first, following the
    /// first parent, each with the blobs it wrote: one `git log` for all of history.
    pub fn log(&self, dir: &str) -> anyhow::Result<Vec<Commit>> {
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
                    "--raw",
                    "--no-abbrev",
                    "--format=%x1e%H",
                    "HEAD",
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
                    "HEAD",
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
                let Some(&new) = fields.get(3) else { continue };
                let blob = (new != NO_BLOB).then(|| new.to_string());
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
    pub fn relative(&self, dir: &Path) -> anyhow::Result<String> {
        let dir = std::fs::canonicalize(dir)
            .with_context(|| format!("could not find {}", dir.display()))?;
        let root = std::fs::canonicalize(&self.root)?;
        let rel = dir.strip_prefix(&root).with_context(|| {
            format!(
                "{} is outside the repository {}",
                dir.display(),
                root.display()
            )
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

fn git_in(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("could not run git (is it installed?)")?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        bail!(
            "git {} failed: {}",
            args.first().unwrap_or(&""),
            stderr.trim()
        );
    }
    String::from_utf8(out.stdout).context("git printed something that is not UTF-8")
}
