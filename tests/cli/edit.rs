//! Edit commands: in/out fixture trees. A file full of comments and odd spacing
//! comes back changed only where the command said; a change that would break the
//! plan leaves every file byte for byte as it was.

use std::path::Path;

use crate::support::{copy_dir, fixture, lscb};

const FILE: &str = "1-messy.toml";

/// Runs an edit on a copy of `tests/fixtures/edit/plan` as of 1 Oct 2017;
/// returns (exit code, stdout, stderr, the edited file, the board file).
fn run(args: &[&str]) -> (i32, String, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("edit/plan"), &plan);
    let out = lscb()
        .args(["--plan", plan.to_str().unwrap(), "--as-of", "2017-10-01"])
        .args(args)
        .output()
        .unwrap();
    let read = |name: &str| std::fs::read_to_string(plan.join(name)).unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        read(FILE),
        read("board.toml"),
    )
}

fn original(name: &str) -> String {
    std::fs::read_to_string(fixture("edit/plan").join(name)).unwrap()
}

fn expected(case: &str) -> String {
    let path = fixture("edit/expected").join(format!("{case}.toml"));
    if std::env::var_os("LSCB_BLESS").is_some() {
        return String::new();
    }
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()))
}

/// Checks an edit against its expected file (`LSCB_BLESS=1` writes the expected
/// files instead; review their diffs before committing).
fn check(case: &str, args: &[&str]) {
    let (code, _, stderr, after, board) = run(args);
    assert_eq!(code, 0, "{case}: {stderr}");
    assert_eq!(
        board,
        original("board.toml"),
        "{case}: board.toml must not change"
    );
    if std::env::var_os("LSCB_BLESS").is_some() {
        let path = fixture("edit/expected").join(format!("{case}.toml"));
        std::fs::write(Path::new(&path), &after).unwrap();
        return;
    }
    assert_eq!(after, expected(case), "{case}");
}

#[test]
fn done_adds_a_date_after_the_deadline() {
    check("done-first", &["done", "1.1.1", "--date", "2017-06-28"]);
}

#[test]
fn done_grows_a_single_date_into_an_array_keeping_its_comment() {
    check("done-second", &["done", "1.1.2", "--date", "2017-10-01"]);
}

#[test]
fn status_replaces_the_value_and_keeps_its_comment() {
    check("status", &["status", "1.1.2", "on-hold"]);
}

#[test]
fn status_with_a_note_logs_an_update_and_dropping_keeps_the_reason() {
    check(
        "status-dropped",
        &["status", "1.2.1", "dropped", "--note", "Merged into 1.1.2"],
    );
}

#[test]
fn update_appends_after_the_last_update() {
    check(
        "update",
        &["update", "1.1.2", "Q2 report | delayed, \"data late\""],
    );
}

#[test]
fn reschedule_moves_the_next_unmet_deadline_and_logs_why() {
    check(
        "reschedule",
        &[
            "reschedule",
            "1.2.1",
            "2017-11",
            "--reason",
            "Waiting for the audit",
        ],
    );
}

#[test]
fn add_numbers_the_new_action_and_places_it_with_its_objective() {
    check(
        "add",
        &[
            "add",
            "1.1",
            "--description",
            "A new action",
            "--lead",
            "lscb chair",
            "--due",
            "2018-01",
            "--due",
            "2018-03-15",
        ],
    );
}

#[test]
fn add_with_every_writes_a_recurring_action() {
    check(
        "add-every",
        &[
            "add",
            "1.2",
            "--description",
            "Quarterly report to the Board",
            "--lead",
            "Training Sub Group",
            "--every",
            "quarter",
        ],
    );
}

#[test]
fn edits_that_would_break_the_plan_write_nothing() {
    // Exit 1: the change would break the plan. Exit 2: the command cannot run
    // as given (a bad value, an unknown action).
    let cases: &[(i32, &[&str])] = &[
        (
            1,
            &[
                "add",
                "1.2",
                "--description",
                "x",
                "--lead",
                "Nobody",
                "--due",
                "2018-01",
            ],
        ),
        (2, &["done", "1.2.1", "--date", "2017-13-01"]),
        (1, &["status", "1.2.1", "complete"]),
        (2, &["reschedule", "1.1.1", "2017-13", "--reason", "x"]),
        (2, &["update", "9.9.9", "no such action"]),
        (2, &["update", "1.1", "a short ref"]),
        (2, &["update", "1.1.1", "  "]),
    ];
    for (expected, args) in cases {
        let (code, stdout, stderr, after, board) = run(args);
        assert_eq!(
            code, *expected,
            "{args:?}: stdout {stdout}, stderr {stderr}"
        );
        assert!(!stderr.is_empty(), "{args:?} should say why");
        assert_eq!(after, original(FILE), "{args:?} changed the file");
        assert_eq!(board, original("board.toml"));
    }
}

#[test]
fn an_unknown_lead_is_refused_with_exit_1_and_the_diagnostic() {
    let (code, _, stderr, after, _) = run(&[
        "add",
        "1.2",
        "--description",
        "x",
        "--lead",
        "Bord Manager",
        "--due",
        "2018-01",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("did you mean \"Board Manager\"?"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(after, original(FILE));
}

#[test]
fn a_done_date_beyond_the_deadlines_is_refused_with_exit_1() {
    let (code, _, stderr, after, _) = run(&["done", "1.1.1", "--date", "2017-06-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(after, original(FILE));
    // The action has one deadline, now met: a second done date is refused.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("edit/plan"), &plan);
    std::fs::write(plan.join(FILE), &after).unwrap();
    let out = lscb()
        .args([
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            "2017-10-01",
            "done",
            "1.1.1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(plan.join(FILE)).unwrap(), after);
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let (code, stdout, _, after, _) = run(&["update", "1.2.1", "Scoping", "--dry-run"]);
    assert_eq!(code, 0);
    assert_eq!(after, original(FILE));
    assert!(stdout.starts_with("--- a/"), "{stdout}");
    assert!(stdout.contains("+[[action.update]]"), "{stdout}");
    assert!(stdout.contains("+text = \"Scoping\""), "{stdout}");
}

#[cfg(unix)]
#[test]
fn writes_keep_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("edit/plan"), &plan);
    let file = plan.join(FILE);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    lscb()
        .args([
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            "2017-10-01",
            "update",
            "1.1.1",
            "x",
        ])
        .assert()
        .success();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}
