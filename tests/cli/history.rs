//! `changes`, `history`, `review` on small git repositories built here.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{copy_dir, fixture, git, git_command, lscb};

/// A repository holding a copy of the progress fixture as `plan/`, committed.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        Repo::with_init(&["init", "-q"])
    }

    /// A repository made with these `git init` arguments (an object format, say).
    fn with_init(init: &[&str]) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture("progress"), &dir.path().join("plan"));
        let repo = Repo { dir };
        repo.git(init);
        repo.commit("2017-09-01", "Plan as agreed");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git(self.path(), args)
    }

    /// Runs an edit command on the plan as of 1 Oct 2017, which must succeed.
    fn edit_with(&self, args: &[&str]) {
        let plan = self.path().join("plan");
        lscb()
            .args(["--plan", plan.to_str().unwrap(), "--as-of", "2017-10-01"])
            .args(args)
            .assert()
            .success();
    }

    fn commit(&self, day: &str, message: &str) {
        self.git(&["add", "-A"]);
        let when = format!("{day}T12:00:00");
        let out = git_command(self.path(), &["commit", "-q", "-m", message])
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.path().join("plan").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} not in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn lscb(&self, args: &[&str]) -> (i32, String, String) {
        let out = lscb()
            .args(["--as-of", "2017-12-01"])
            .args(args)
            .current_dir(self.path())
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn json(&self, args: &[&str], code: i32) -> Value {
        let (c, out, err) = self.lscb(args);
        assert_eq!(c, code, "{err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }
}

fn kinds(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["ref"].as_str().unwrap().to_string(),
                c["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn changes_reports_every_kind_of_change() {
    let repo = Repo::new();
    repo.edit("1-progress.toml", "due = \"2017-06\"", "due = \"2017-08\"");
    repo.edit(
        "1-progress.toml",
        "due = 2017-09-30",
        "due = 2017-09-30\ndone = 2017-09-28",
    );
    repo.edit(
        "1-progress.toml",
        "status = \"on-hold\"",
        "status = \"in-progress\"",
    );
    repo.edit(
        "1-progress.toml",
        "lead = \"LSCB Chair\"\ndue = \"2018-05\"",
        "lead = \"Board Manager\"\ndue = \"2018-05\"",
    );
    repo.edit(
        "1-progress.toml",
        "Due before the plan year",
        "Due before the plan year began",
    );
    repo.edit(
        "0-second.toml",
        "[[action]]\nref = \"1.9\"",
        "[[objective]]\nnumber = 2\ntitle = \"New objective\"\n\n[[action]]\nref = \"2.1\"\ndescription = \"New action\"\nlead = \"Board Manager\"\ndue = \"2018-03\"\n\n[[action]]\nref = \"1.9\"",
    );
    let v = repo.json(&["changes", "--since", "HEAD", "--format", "json"], 0);
    assert_eq!(
        kinds(&v),
        [
            ("2.2", "added"),
            ("1.1.1", "done"),
            ("1.1.2", "deadline-moved"),
            ("1.1.6", "status"),
            ("1.1.8", "lead"),
            ("1.1.9", "description"),
            ("2.2.1", "added"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let moved = &v[2];
    assert_eq!(
        (&moved["from"], &moved["to"], &moved["days"]),
        (&json!("2017-06-30"), &json!("2017-08-31"), &json!(62))
    );
    assert_eq!(v[0]["what"], "objective");
    assert_eq!(v[3]["from"], "on-hold");
    assert_eq!(v[4]["to"], json!(["Board Manager"]));

    // Removing an action, and the working tree against a named revision.
    repo.commit("2017-10-02", "October progress");
    repo.edit("0-second.toml", "[[action]]\nref = \"2.1\"\ndescription = \"New action\"\nlead = \"Board Manager\"\ndue = \"2018-03\"\n", "");
    let v = repo.json(&["changes", "--since", "HEAD", "--format", "json"], 0);
    assert_eq!(kinds(&v), [("2.2.1".to_string(), "removed".to_string())]);
    // --until a revision; a date means the last commit on or before it.
    let v = repo.json(
        &[
            "changes",
            "--since",
            "2017-09-15",
            "--until",
            "HEAD",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v.as_array().unwrap().len(), 7);
    let v = repo.json(
        &[
            "changes",
            "--since",
            "HEAD~1",
            "--until",
            "2017-09-30",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v, json!([]));
}

#[test]
fn history_lists_the_commits_that_changed_an_action() {
    let repo = Repo::new();
    let run = |args: &[&str]| repo.edit_with(args);
    run(&["reschedule", "1.1.2", "2017-08", "--reason", "Data late"]);
    repo.commit("2017-09-10", "Move 1.1.2");
    run(&["update", "1.1.1", "Unrelated"]);
    repo.commit("2017-09-20", "Touch 1.1.1 only");
    run(&["reschedule", "1.1.2", "2017-10-15", "--reason", "Again"]);
    run(&["done", "1.1.2", "--date", "2017-10-01"]);
    repo.commit("2017-10-01", "Move and finish 1.1.2");

    let v = repo.json(&["history", "1.1.2", "--format", "json"], 0);
    let commits = v["commits"].as_array().unwrap();
    let subjects: Vec<_> = commits
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        ["Plan as agreed", "Move 1.1.2", "Move and finish 1.1.2"]
    );
    assert_eq!(commits[1]["date"], "2017-09-10");
    assert_eq!(commits[1]["author"], "Board Manager");
    assert_eq!(v["deadline_moves"], 2);
    assert_eq!(v["days_moved"], 62 + 45);
    let last: Vec<_> = commits[2]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(last, ["deadline-moved", "done"]);

    let (code, _, err) = repo.lscb(&["history", "9.9.9"]);
    assert_eq!(code, 2, "{err}");
}

/// SHA-256 repositories have 64-digit ids, and a deleted file's id is 64 zeros.
#[test]
fn sha256_repositories_work() {
    let repo = Repo::with_init(&["init", "-q", "--object-format=sha256"]);
    assert_eq!(repo.git(&["rev-parse", "HEAD"]).trim().len(), 64);
    repo.edit_with(&["reschedule", "1.1.2", "2017-08", "--reason", "Data late"]);
    repo.commit("2017-09-10", "Move 1.1.2");
    // A file deleted and then restored: git logs the deletion with a null id.
    let second = repo.path().join("plan/0-second.toml");
    let kept = std::fs::read_to_string(&second).unwrap();
    std::fs::remove_file(&second).unwrap();
    repo.commit("2017-09-15", "Remove priority 0");
    std::fs::write(&second, kept).unwrap();
    repo.commit("2017-09-16", "Restore priority 0");

    let v = repo.json(&["history", "1.1.2", "--format", "json"], 0);
    let subjects: Vec<_> = v["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Plan as agreed", "Move 1.1.2"]);
    let first = v["commits"][0]["commit"].as_str().unwrap();
    assert_eq!(first.len(), 64);
    let v = repo.json(&["changes", "--since", "HEAD~3", "--format", "json"], 0);
    assert_eq!(
        kinds(&v),
        [("1.1.2".to_string(), "deadline-moved".to_string())]
    );
}

#[test]
fn review_fails_when_a_deadline_moves_without_an_update() {
    let repo = Repo::new();
    repo.git(&["branch", "-M", "main"]);
    repo.git(&["checkout", "-q", "-b", "chair/edits"]);
    repo.edit("0-second.toml", "due = \"2018-01\"", "due = \"2018-03\"");
    repo.edit_with(&["done", "1.1.1", "--date", "2017-09-29"]);
    let (code, out, _) = repo.lscb(&["review", "--base", "main"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("completes 1 action, moves 1 deadline (2.1.10 +59 days), records 1 done date"),
        "{out}"
    );
    let (_, github, _) = repo.lscb(&["review", "--base", "main", "--format", "github"]);
    assert!(
        // At the changed line (the deadline), not the [[action]] header.
        github.contains("::error file=plan/0-second.toml,line=12::2.1.10: deadline moved"),
        "{github}"
    );
    assert!(
        github.starts_with("::notice::This change completes 1 action"),
        "{github}"
    );

    // Saying why makes it pass.
    repo.edit(
        "0-second.toml",
        "status = \"in-progress\"\n",
        "status = \"in-progress\"\n\n[[action.update]]\ndate = 2017-10-01\ntext = \"Deadline moved to March: audit first\"\n",
    );
    let v = repo.json(&["review", "--base", "main", "--format", "json"], 0);
    assert_eq!(v["unexplained"], json!([]));
    let (_, md, _) = repo.lscb(&["review", "--base", "main", "--format", "markdown"]);
    assert!(md.starts_with("## Plan review against main"), "{md}");
}

#[test]
fn clear_errors_outside_git_and_for_unknown_revisions() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("progress"), &dir.path().join("plan"));
    let out = lscb()
        .args(["changes", "--since", "HEAD"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a git repository"));

    let repo = Repo::new();
    let (code, _, err) = repo.lscb(&["changes", "--since", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(err.contains("`no-such-branch` is not a revision"), "{err}");
    // Something that looks like an option is a revision, never an option.
    let (code, _, err) = repo.lscb(&["changes", "--since=--output=/tmp/x"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = repo.lscb(&["changes", "--since", "1990-01-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("no commit on or before 1990-01-01"), "{err}");
}

#[test]
fn the_pack_shows_what_was_completed_and_changed_since_the_last_meeting() {
    let repo = Repo::new();
    repo.edit_with(&["done", "1.1.1", "--date", "2017-09-29"]);
    repo.commit("2017-10-01", "1.1.1 done");
    let v = repo.json(&["pack", "--since", "2017-09-01", "--format", "json"], 0);
    let since = &v["since_last_meeting"];
    assert_eq!(since["since_day"], "2017-09-01");
    let completed: Vec<_> = since["completed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["ref"].as_str().unwrap())
        .collect();
    assert_eq!(completed, ["1.1.1"]);
    assert_eq!(since["changes"][0]["kind"], "done");
    let (code, md, _) = repo.lscb(&["pack", "--since", "HEAD~1"]);
    assert_eq!(code, 0);
    assert!(md.contains("## Completed since the last meeting"), "{md}");
    assert!(md.contains("## Changed since the last meeting"), "{md}");
}

/// A pull request as GitHub's CI checks it out: a clone whose only copy of
/// the base branch is `origin/main`, and a shallow clone.
#[test]
fn ci_checkouts_work_or_say_what_to_change() {
    let origin = Repo::new();
    origin.git(&["branch", "-M", "main"]);
    origin.git(&["checkout", "-q", "-b", "chair/edits"]);
    origin.edit_with(&["reschedule", "1.1.2", "2017-08", "--reason", "Data late"]);
    origin.commit("2017-10-02", "Move 1.1.2");
    origin.git(&["checkout", "-q", "main"]);

    let work = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    let clone = work.path().join("full");
    git(
        work.path(),
        &["clone", "-q", "--no-local", &url, clone.to_str().unwrap()],
    );
    git(
        &clone,
        &["checkout", "-q", "-b", "pr", "origin/chair/edits"],
    );
    git(&clone, &["branch", "-q", "-D", "main"]);
    let run = |dir: &Path, args: &[&str]| {
        let out = lscb().args(args).current_dir(dir).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, out, err) = run(&clone, &["review", "--base", "main", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["moves"][0]["ref"], "1.1.2");
    assert_eq!(v["moves"][0]["reason"], "Data late");
    assert_eq!(v["updates"].as_array().unwrap().len(), 1);

    let shallow = work.path().join("shallow");
    git(
        work.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--branch",
            "chair/edits",
            &url,
            shallow.to_str().unwrap(),
        ],
    );
    for args in [
        &["history", "1.1.2"][..],
        &["changes", "--since", "HEAD"],
        &["review", "--base", "main"],
        &["pack", "--since", "HEAD"],
    ] {
        let (code, _, err) = run(&shallow, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("fetch-depth: 0"), "{args:?}: {err}");
    }
}

/// `changes --since main` on a branch compares from where it left main, so
/// other chairs' work merged to main since is not shown as taken back.
#[test]
fn changes_since_a_branch_compare_from_the_merge_base() {
    let repo = Repo::new();
    repo.git(&["branch", "-M", "main"]);
    repo.git(&["checkout", "-q", "-b", "chair/a"]);
    repo.edit_with(&["update", "1.1.2", "Mine"]);
    repo.commit("2017-10-02", "Chair A's update");
    repo.git(&["checkout", "-q", "main"]);
    repo.edit_with(&["done", "1.1.1", "--date", "2017-09-29"]);
    repo.commit("2017-10-03", "Chair B's done date, merged");
    repo.git(&["checkout", "-q", "chair/a"]);
    let v = repo.json(&["changes", "--since", "main", "--format", "json"], 0);
    assert_eq!(kinds(&v), Vec::<(String, String)>::new(), "{v}");
}
