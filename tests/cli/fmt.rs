//! `lscb fmt`: canonical, idempotent, comments kept, `--check` writes nothing.

use crate::support::{copy_dir, fixture, lscb, root};

#[test]
fn fmt_check_passes_on_the_shipped_plan_and_the_example() {
    lscb()
        .args(["fmt", "--check"])
        .current_dir(root())
        .assert()
        .success();
    lscb()
        .args(["--plan", "examples/northbridge/plan", "fmt", "--check"])
        .current_dir(root())
        .assert()
        .success();
}

#[test]
fn fmt_check_fails_on_a_messy_copy_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("edit/plan"), &plan);
    let before = std::fs::read_to_string(plan.join("1-messy.toml")).unwrap();
    let out = lscb()
        .args(["--plan", plan.to_str().unwrap(), "fmt", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("-priority    = 1        # never renumber"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+priority = 1  # never renumber"),
        "{stdout}"
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("would reformat")
    );
    assert_eq!(
        std::fs::read_to_string(plan.join("1-messy.toml")).unwrap(),
        before
    );
}

#[test]
fn fmt_twice_changes_nothing_the_second_time_and_keeps_every_comment_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("edit/plan"), &plan);
    let file = plan.join("1-messy.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    let list = |plan: &std::path::Path| {
        lscb()
            .args([
                "--plan",
                plan.to_str().unwrap(),
                "--as-of",
                "2017-10-01",
                "list",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let listed_before = list(&plan);

    lscb()
        .args(["--plan", plan.to_str().unwrap(), "fmt"])
        .assert()
        .success();
    let once = std::fs::read_to_string(&file).unwrap();
    assert_ne!(once, before);
    lscb()
        .args(["--plan", plan.to_str().unwrap(), "fmt", "--check"])
        .assert()
        .success();
    lscb()
        .args(["--plan", plan.to_str().unwrap(), "fmt"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), once);

    for comment in before
        .lines()
        .filter_map(|l| l.find('#').map(|i| l[i..].trim()))
    {
        assert!(once.contains(comment), "lost comment {comment:?}:\n{once}");
    }
    // Same plan, line numbers aside.
    let strip_lines = |json: Vec<u8>| {
        let mut v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        for a in v.as_array_mut().unwrap() {
            a.as_object_mut().unwrap().remove("line");
        }
        v
    };
    assert_eq!(strip_lines(list(&plan)), strip_lines(listed_before));
}

#[test]
fn a_file_that_is_not_toml_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("invalid/toml-syntax"), &plan);
    let before = std::fs::read_to_string(plan.join("1-test.toml")).unwrap();
    let out = lscb()
        .args(["--plan", plan.to_str().unwrap(), "fmt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("cannot format")
    );
    assert_eq!(
        std::fs::read_to_string(plan.join("1-test.toml")).unwrap(),
        before
    );
}
