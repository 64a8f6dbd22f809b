//! Dated progress: progress recorded with the edit commands on several days
//! leaves every earlier day's report byte for byte as it was on that day, and
//! `--at` reads the plan as committed.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{copy_dir, git, git_command, lscb, root};

/// Runs lscb on the plan in `dir` with "today" set to `today`.
fn run(dir: &Path, today: &str, args: &[&str]) -> (i32, String, String) {
    let out = lscb()
        .env("LSCB_TODAY", today)
        .args(["--plan", "plan"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every report a board paper is made of, as of `day`.
fn reports(dir: &Path, day: &str) -> BTreeMap<String, String> {
    let cases: &[&[&str]] = &[
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["list"],
        &["overdue"],
        &["overdue", "--format", "json"],
        &["quarters", "--format", "json"],
        &["quarters"],
        &["summary", "--format", "json"],
        &["show", "2.1.2", "--format", "json"],
        &["pack", "--next-meeting", "2018-06-30"],
    ];
    let mut out = BTreeMap::new();
    for args in cases {
        let mut all = vec!["--as-of", day];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = run(dir, "2018-03-31", &all);
        assert_eq!(code, 0, "{all:?}: {stderr}");
        out.insert(args.join(" "), without_lines(&stdout));
    }
    out
}

/// A report without the file line each action starts on: that says where the
/// action is in the file now (an update added above it moves it down), not
/// how the plan stood on the day.
fn without_lines(report: &str) -> String {
    report
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"line\":"))
        .map(|l| match l.rsplit_once(',') {
            // CSV: the last field is the line.
            Some((rest, n))
                if !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && l.contains(".toml,") =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_earlier_days_report_is_unchanged_by_later_progress() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("examples/northbridge/plan"),
        &dir.path().join("plan"),
    );
    let days: &[(&str, &[&[&str]])] = &[
        (
            "2017-12-05",
            &[
                &[
                    "status",
                    "2.1.2",
                    "in-progress",
                    "--note",
                    "Youth Forum elected",
                ],
                &[
                    "reschedule",
                    "2.1.3",
                    "2018-02",
                    "--reason",
                    "Survey moved to the spring term",
                ],
                &[
                    "reschedule",
                    "1.1.3",
                    "2018-01",
                    "--from",
                    "2017-12-31",
                    "--reason",
                    "Q3 report to the January Board",
                ],
            ],
        ),
        (
            "2018-01-10",
            &[
                &["done", "1.1.3", "--date", "2018-01-09"],
                &[
                    "status",
                    "2.2.2",
                    "dropped",
                    "--note",
                    "Merged into the regional review",
                ],
                &["update", "2.2.1", "Audit findings to the Board"],
            ],
        ),
        (
            "2018-02-20",
            &[
                &[
                    "reschedule",
                    "1.2.1",
                    "2018-04",
                    "--reason",
                    "Police restructure",
                ],
                &["status", "2.1.2", "on-hold", "--note", "Paused again"],
                &["done", "2.1.3", "--date", "2018-02-19"],
            ],
        ),
        (
            "2018-03-31",
            &[&[
                "reschedule",
                "1.2.1",
                "2018-06",
                "--reason",
                "Restructure not finished",
            ]],
        ),
    ];
    let mut seen: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    for (day, edits) in days {
        for edit in *edits {
            let mut args = vec!["--as-of", day];
            args.extend_from_slice(edit);
            let (code, _, stderr) = run(dir.path(), day, &args);
            assert_eq!(code, 0, "{args:?}: {stderr}");
        }
        // The reports as the board manager would have made them on this day.
        seen.insert(day, reports(dir.path(), day));
        // Every earlier day's reports, computed again now: unchanged.
        for (earlier, then) in &seen {
            let now = reports(dir.path(), earlier);
            for (report, text) in then {
                assert_eq!(
                    &now[report], text,
                    "`{report}` as of {earlier} changed after the edits of {day}"
                );
            }
        }
    }
    // The edits did change later days: the test has teeth.
    let first = &seen["2017-12-05"]["overdue --format json"];
    assert!(
        !first.contains("\"2.1.3\""),
        "2.1.3 was moved on 5 December: {first}"
    );
    let (_, before, _) = run(
        dir.path(),
        "2018-03-31",
        &["--as-of", "2017-12-04", "overdue", "--format", "json"],
    );
    assert!(
        before.contains("\"2.1.3\""),
        "2.1.3 was overdue before it moved: {before}"
    );
    let (_, show, _) = run(
        dir.path(),
        "2018-03-31",
        &["--as-of", "2018-03-31", "show", "1.2.1"],
    );
    assert!(show.contains("As planned"), "{show}");
    let (_, dropped, _) = run(
        dir.path(),
        "2018-03-31",
        &["--as-of", "2018-01-09", "show", "2.2.2", "--format", "json"],
    );
    // Dropped on 10 January: the day before, it was still in progress.
    assert!(dropped.contains("\"status\": \"in-progress\""), "{dropped}");
    assert!(!dropped.contains("dropped"), "{dropped}");
    let plan = std::fs::read_to_string(dir.path().join("plan/2-voice-of-the-child.toml")).unwrap();
    assert!(plan.contains("status_before = \"on-hold\""), "{plan}");
    let (code, _, err) = run(
        dir.path(),
        "2018-03-31",
        &["--as-of", "2018-03-31", "validate"],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn at_reads_the_plan_as_committed_and_edits_refuse_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("examples/northbridge/plan"),
        &dir.path().join("plan"),
    );
    let commit = |day: &str, message: &str| {
        git(dir.path(), &["add", "-A"]);
        let when = format!("{day}T12:00:00");
        let out = git_command(dir.path(), &["commit", "-q", "-m", message])
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .output()
            .unwrap();
        assert!(out.status.success());
    };
    git(dir.path(), &["init", "-q"]);
    commit("2017-12-01", "Plan at the December Board");
    let december = run(
        dir.path(),
        "2018-02-01",
        &["--as-of", "2017-12-01", "overdue"],
    )
    .1;
    let (code, _, err) = run(
        dir.path(),
        "2018-02-01",
        &[
            "--as-of",
            "2018-02-01",
            "done",
            "2.1.3",
            "--date",
            "2018-01-30",
        ],
    );
    assert_eq!(code, 0, "{err}");
    commit("2018-02-01", "2.1.3 done");
    // The working tree now: 2.1.3 done. As committed on 1 December: not.
    let (_, now, _) = run(
        dir.path(),
        "2018-02-01",
        &["--as-of", "2018-02-01", "list", "--format", "json"],
    );
    assert!(now.contains("\"2018-01-30\""), "{now}");
    let (code, then, err) = run(dir.path(), "2018-02-01", &["--at", "2017-12-01", "overdue"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(then, december, "--at DATE is also the --as-of day");
    let (_, then, _) = run(
        dir.path(),
        "2018-02-01",
        &[
            "--at",
            "HEAD~1",
            "--as-of",
            "2018-02-01",
            "list",
            "--format",
            "json",
        ],
    );
    assert!(!then.contains("\"2018-01-30\""), "{then}");
    for edit in [&["update", "2.1.3", "x"][..], &["done", "2.1.2"], &["fmt"]] {
        let mut args = vec!["--at", "HEAD"];
        args.extend_from_slice(edit);
        let (code, _, err) = run(dir.path(), "2018-02-01", &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("--at"), "{err}");
    }
    let (code, _, _) = run(dir.path(), "2018-02-01", &["--at", "HEAD", "validate"]);
    assert_eq!(code, 0);
    let (code, _, _) = run(
        dir.path(),
        "2018-02-01",
        &["--at", "HEAD", "fmt", "--check"],
    );
    assert_eq!(code, 0);
}
