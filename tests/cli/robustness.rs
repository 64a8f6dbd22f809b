//! Never panic, never lose data: the cases a review found, kept as tests.

use std::path::Path;
use std::process::Command;

use crate::support::{copy_dir, fixture, git, lscb};

fn plan_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), &dir.path().join("plan"));
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = lscb().args(args).current_dir(dir).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn import_force_never_deletes_outside_the_plan_or_a_non_plan_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&fixture("minimal"), &root.join("proj/plan"));
    std::fs::create_dir_all(root.join("other/cfg")).unwrap();
    std::fs::write(root.join("other/cfg/settings.toml"), "important = 1\n").unwrap();
    std::os::unix::fs::symlink(root.join("other/cfg"), root.join("proj/plan/shared")).unwrap();
    let doc = fixture("import/messy-plan.txt");
    let doc = doc.to_str().unwrap();

    let (code, err) = run(
        root,
        &[
            "import",
            doc,
            "--out",
            "proj/plan",
            "--name",
            "X",
            "--force",
        ],
    );
    // A plan folder holding a link is not one --force replaces.
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a plan file"), "{err}");
    assert!(
        root.join("other/cfg/settings.toml").exists(),
        "a file outside --out was deleted"
    );
    assert!(
        root.join("proj/plan/board.toml").exists(),
        "the plan was touched"
    );

    // A folder that holds other things is never written into, --force or not.
    std::fs::create_dir_all(root.join("rust")).unwrap();
    std::fs::write(root.join("rust/Cargo.toml"), "[package]\n").unwrap();
    let (code, err) = run(
        &root.join("rust"),
        &["import", doc, "--out", ".", "--name", "X", "--force"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds no plan"), "{err}");
    assert!(root.join("rust/Cargo.toml").exists());

    // --out naming a file.
    let (code, err) = run(
        &root.join("rust"),
        &["import", doc, "--out", "Cargo.toml", "--force"],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("rust/Cargo.toml")).unwrap(),
        "[package]\n"
    );
}

#[test]
fn an_invalid_import_does_not_replace_a_valid_plan() {
    let dir = plan_copy("minimal");
    let doc = dir.path().join("dup.txt");
    std::fs::write(
        &doc,
        "Plan 2017/18\nSTRATEGIC PRIORITY 1:\nSame title\n1\tObj\n1.1\tA Completion: May 17 Lead: X\n\
         STRATEGIC PRIORITY 1:\nSame title\n1\tObj\n1.1\tB Completion: May 17 Lead: Y\n",
    )
    .unwrap();
    let before = std::fs::read_to_string(dir.path().join("plan/1-test.toml")).unwrap();
    let (code, err) = run(dir.path(), &["import", "dup.txt", "--name", "X", "--force"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("E007"),
        "the repeated priority is reported: {err}"
    );
    assert!(err.contains("left as it is"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan/1-test.toml")).unwrap(),
        before
    );

    // Into a new folder, both priorities are written (neither overwrites the other).
    let (code, _) = run(
        dir.path(),
        &["import", "dup.txt", "--name", "X", "--out", "fresh"],
    );
    assert_eq!(code, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("fresh"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 3, "board and two priority files");
}

#[test]
fn edits_keep_crlf_line_endings_and_a_byte_order_mark() {
    let dir = plan_copy("edit/plan");
    let file = dir.path().join("plan/1-messy.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    std::fs::write(&file, &crlf).unwrap();
    let (code, err) = run(
        dir.path(),
        &[
            "--as-of",
            "2017-10-01",
            "done",
            "1.1.1",
            "--date",
            "2017-06-10",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.starts_with('\u{feff}'), "BOM kept");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "every line ends in CRLF"
    );
    assert_eq!(
        after.lines().count(),
        crlf.lines().count() + 1,
        "one line added"
    );

    let (code, err) = run(dir.path(), &["fmt"]);
    assert_eq!(code, 0, "{err}");
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert!(formatted.starts_with('\u{feff}'));
    assert_eq!(
        formatted.matches('\n').count(),
        formatted.matches("\r\n").count()
    );
    assert!(!formatted.contains("\\u000D"), "{formatted}");
    assert_eq!(run(dir.path(), &["fmt", "--check"]).0, 0);
}

#[test]
fn done_keeps_comments_inside_a_multi_line_done_array() {
    let dir = plan_copy("edit/plan");
    let file = dir.path().join("plan/1-messy.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "done = 2017-06-20   # Q1 on time",
        "done = [\n  2017-06-20,  # Q1 on time, minuted\n  # (Q2 pending sign-off)\n]  # done list",
    );
    std::fs::write(&file, &text).unwrap();
    let (code, err) = run(
        dir.path(),
        &[
            "--as-of",
            "2017-10-20",
            "done",
            "1.1.2",
            "--date",
            "2017-10-15",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&file).unwrap();
    for comment in [
        "# Q1 on time, minuted",
        "# (Q2 pending sign-off)",
        "# done list",
    ] {
        assert!(after.contains(comment), "lost {comment}:\n{after}");
    }
    assert!(after.contains("2017-10-15"), "{after}");
}

#[test]
fn dates_a_plan_file_cannot_hold_are_refused() {
    let dir = plan_copy("edit/plan");
    let file = dir.path().join("plan/1-messy.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    for args in [
        &["done", "1.1.1", "--date=-0001-11-20"][..],
        &["reschedule", "1.2.1", "+70000-02-01", "--reason", "typo"],
        &["--as-of", "+20000-01-01", "update", "1.1.1", "x"],
    ] {
        let (code, err) = run(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "{args:?}");
    }
}

#[test]
fn extreme_values_do_not_panic() {
    let dir = plan_copy("edit/plan");
    let (code, err) = run(dir.path(), &["--as-of", "+262142-12-31", "pack"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("plan/1-messy.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("ref = \"1.2\"", "ref = \"1.4294967295\"");
    std::fs::write(&file, text).unwrap();
    let (code, err) = run(
        dir.path(),
        &[
            "--as-of",
            "2017-10-01",
            "add",
            "1.1",
            "--description",
            "x",
            "--lead",
            "Board Manager",
            "--due",
            "2017-12",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no free action number"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_is_no_reason_to_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Command::new(assert_cmd::cargo::cargo_bin!("lscb"))
        .args([
            "--plan",
            fixture("invalid/unknown-lead").to_str().unwrap(),
            "validate",
        ])
        .env("NO_COLOR", "1")
        .stderr(full)
        .status()
        .unwrap();
    // Could not write its report: an I/O failure (2), never a panic (101).
    assert_eq!(status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = plan_copy("edit/plan");
    let file = dir.path().join("plan/1-messy.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    let (code, err) = run(
        dir.path(),
        &["--as-of", "2017-10-01", "update", "1.1.1", "x"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn history_works_when_the_plan_is_the_repository_root_and_before_it_existed() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("README"), "before the plan\n").unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "start"]);
    copy_dir(&fixture("minimal"), repo);
    git(repo, &["add", "."]);
    git(
        repo,
        &["commit", "-q", "-m", "plan\u{1f}with\u{1e}odd bytes"],
    );

    let (code, err) = run(
        repo,
        &[
            "--plan", ".", "changes", "--since", "HEAD", "--format", "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Against the commit before the plan: everything is added, nothing fails.
    let out = lscb()
        .args([
            "--plan", ".", "changes", "--since", "HEAD~1", "--format", "json",
        ])
        .current_dir(repo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|c| c["ref"] == "1.1.1" && c["kind"] == "added"),
        "{v}"
    );
    let (code, err) = run(repo, &["--plan", ".", "review", "--base", "HEAD~1"]);
    assert_eq!(code, 0, "{err}");
    // An odd commit subject does not hide the commit.
    let out = lscb()
        .args(["--plan", ".", "history", "1.1.1", "--format", "json"])
        .current_dir(repo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["commits"][0]["subject"], "plan\u{1f}with\u{1e}odd bytes");
}
