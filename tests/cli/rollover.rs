//! `lscb rollover`: next year's plan from the fictional Riverside board's
//! whole year 2023/24, carrying exactly the actions open at its end.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{copy_dir, lscb, root};

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn rollover(plan: &Path, args: &[&str]) -> (i32, String, String) {
    let out = lscb()
        .arg("--plan")
        .arg(plan)
        .arg("rollover")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn rollover_carries_exactly_the_open_actions_into_a_plan_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("examples/riverside/plan"), &plan);
    let before = snapshot(&plan);
    let next = dir.path().join("2024-25");
    let (code, out, err) = rollover(
        &plan,
        &["--out", next.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        summary,
        serde_json::json!({
            "carried": ["1.1.3", "1.2.2", "2.1.1", "2.2.2", "3.1.3", "3.2.1", "4.1.1", "4.1.3", "4.2.2", "4.2.3"],
            "complete": ["1.1.1", "1.1.2", "1.2.1", "2.1.2", "2.1.3", "2.2.1", "3.1.1", "3.1.2", "3.2.2", "4.2.1"],
            "dropped": ["4.1.2"],
        })
    );
    assert_eq!(snapshot(&plan), before, "the old plan is untouched");

    // The new plan validates, in its own year, with the same board.
    let check = lscb()
        .arg("--plan")
        .arg(&next)
        .args(["--as-of", "2024-04-01", "validate"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let board = std::fs::read_to_string(next.join("board.toml")).unwrap();
    assert!(board.contains("name = \"Riverside Safeguarding Adults Board (fictional)\""));
    assert!(
        board.contains("[year]\nstart = 2024-04-01\nend = 2025-03-31\n"),
        "{board}"
    );
    assert!(
        board.contains("[leads.independent-chair]"),
        "the register comes along"
    );
    assert!(
        board.contains("update_days = 90\nrequire = [\"impact\"]\n"),
        "the board's rules come along: {board}"
    );
    assert!(
        board.contains("# The register of leads."),
        "and its comments: {board}"
    );

    // Each carried action: its ref, its deadlines in the new year (an unmet
    // one that falls in it, else the end of the new year's first quarter),
    // recurring ones still recurring, no progress but one update.
    let list = lscb()
        .arg("--plan")
        .arg(&next)
        .args(["--as-of", "2024-04-01", "list", "--format", "json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["ref"].as_str().unwrap().to_string(),
                r["deadlines"][0].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("1.1.3", "2024-09-30"),
        ("1.2.2", "2024-06-30"),
        ("2.1.1", "2024-05-31"),
        ("2.2.2", "2024-06-30"),
        ("3.1.3", "2024-06-30"),
        ("3.2.1", "2024-06-30"),
        ("4.1.1", "2024-06-30"),
        ("4.1.3", "2024-06-30"),
        ("4.2.2", "2024-06-30"),
        ("4.2.3", "2024-06-30"),
    ];
    assert_eq!(
        got,
        want.map(|(r, d)| (r.to_string(), d.to_string(), "not-started".to_string()))
    );
    let p1 = std::fs::read_to_string(next.join("1-making-safeguarding-personal.toml")).unwrap();
    assert!(p1.contains("every = \"half-year\""), "{p1}");
    assert!(p1.contains("carried_from = \"2023/24 1.1.3\""), "{p1}");
    assert!(
        p1.contains("[[action.update]]\ndate = 2024-04-01\ntext = \"Carried over from 2023/24 (action 1.1.3, due every half-year): not complete at the year's end\"\n"),
        "{p1}"
    );
    assert!(!p1.contains("done ="), "no done dates: {p1}");
    assert!(!p1.contains("status ="), "no status: {p1}");
    assert_eq!(
        p1.matches("[[action.update]]").count(),
        2,
        "one update per carried action"
    );
    let p2 = std::fs::read_to_string(next.join("2-learning-from-reviews.toml")).unwrap();
    assert!(p2.contains("due 29 Feb 2024): not complete"), "{p2}");
    // Objectives with nothing carried are left out: priority 2's objective 1
    // carries 2.1.1, its objective 2 carries 2.2.2; nothing else.
    assert_eq!(p2.matches("[[objective]]").count(), 2, "{p2}");
    assert_eq!(p2.matches("[[action]]").count(), 2, "{p2}");
}

#[test]
fn rollover_refuses_a_folder_that_is_not_empty_and_a_year_that_overlaps() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("examples/riverside/plan");
    let next = dir.path().join("next");
    std::fs::create_dir(&next).unwrap();
    std::fs::write(next.join("notes.txt"), "mine").unwrap();
    let (code, out, err) = rollover(&plan, &["--out", next.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(snapshot(&next).len(), 1, "nothing written");
    assert_eq!(
        std::fs::read_to_string(next.join("notes.txt")).unwrap(),
        "mine"
    );

    let fresh = dir.path().join("fresh");
    let (code, _, err) = rollover(
        &plan,
        &["--out", fresh.to_str().unwrap(), "--start", "2024-01-01"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("must start after this one ends (2024-03-31)"),
        "{err}"
    );
    assert!(!fresh.exists());

    // An empty folder is fine, and --start sets a year of its own.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, out, err) = rollover(
        &plan,
        &["--out", empty.to_str().unwrap(), "--start", "2024-06-01"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Carried 10 open actions from 2023/24 into 2024/25 (1 Jun 2024 to 31 May 2025): 1.1.3, 1.2.2,"),
        "{out}"
    );
    let board = std::fs::read_to_string(empty.join("board.toml")).unwrap();
    assert!(
        board.contains("start = 2024-06-01\nend = 2025-05-31\n"),
        "{board}"
    );
}

#[test]
fn a_plan_with_errors_is_not_rolled_over() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("examples/riverside/plan"), &plan);
    let file = plan.join("4-board-assurance.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("ref = \"1.1\"", "ref = \"9.1\"", 1)).unwrap();
    let next = dir.path().join("next");
    let (code, out, err) = rollover(&plan, &["--out", next.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("4-board-assurance.toml:"), "{err}");
    assert!(!next.exists(), "nothing written");
}

#[test]
fn rollover_never_writes_inside_the_plan_folder_or_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("examples/riverside/plan"), &plan);
    let before = snapshot(&plan);
    for out in [plan.join("next"), plan.clone(), dir.path().to_path_buf()] {
        let (code, _, err) = rollover(&plan, &["--out", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{}: {err}", out.display());
    }
    let (_, _, err) = rollover(&plan, &["--out", plan.join("next").to_str().unwrap()]);
    assert!(err.contains("is inside the plan folder"), "{err}");
    assert_eq!(snapshot(&plan), before, "the plan is as it was");

    // A link to an empty folder, even written with a trailing slash.
    let target = dir.path().join("target");
    std::fs::create_dir(&target).unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (code, _, err) = rollover(&plan, &["--out", &format!("{}/", link.display())]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a link"), "{err}");
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lscb-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let (code, _, err) = rollover(
        &plan,
        &["--out", dir.path().join("no/such/x").to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("the folder it would go in does not exist"),
        "{err}"
    );
}

/// A priority file written every legal way lscb reads: actions as an inline
/// array, CRLF line endings with a multi-line description, in a subfolder
/// beside a same-named file; a move recorded after the year's end; a
/// deadline beyond the new year.
#[test]
fn rollover_carries_actions_however_the_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    std::fs::create_dir_all(plan.join("a")).unwrap();
    std::fs::create_dir_all(plan.join("b")).unwrap();
    std::fs::write(
        plan.join("board.toml"),
        "name = \"Testshire Safeguarding Partnership\"\n\n[year]\nstart = 2024-01-01\nend = 2024-12-31\n\n[leads.manager]\nname = \"Business Manager\"\n",
    )
    .unwrap();
    std::fs::write(
        plan.join("a/p.toml"),
        "priority = 1\ntitle = \"Inline\"\nobjective = [{ number = 1, title = \"One\" }, { number = 2, title = \"Two\" }]\naction = [\n  { ref = \"1.1\", description = \"Open\", lead = \"Business Manager\", due = \"2024-12\" },\n  { ref = \"2.1\", description = \"Done\", lead = \"Business Manager\", due = \"2024-06\", done = 2024-06-01 },\n]\n",
    )
    .unwrap();
    std::fs::write(
        plan.join("b/p.toml"),
        "priority = 2\r\ntitle = \"CRLF\"\r\n\r\n[[objective]]\r\nnumber = 1\r\ntitle = \"One\"\r\n\r\n[[action]]\r\nref = \"1.1\"\r\ndescription = \"\"\"Seek views:\r\n- the survey\r\n- the youth forum\"\"\"\r\nlead = \"Business Manager\"\r\ndue = \"2025-09\"\r\n\r\n[[action.update]]\r\ndate = 2025-01-15\r\ntext = \"Moved: the survey runs in the summer\"\r\nmoved = { from = \"2024-12\", to = \"2025-09\" }\r\n\r\n[[action]]\r\nref = \"1.2\"\r\ndescription = \"Two years\"\r\nlead = \"Business Manager\"\r\ndue = [\"2024-06\", \"2026-06\"]\r\ndone = 2024-06-10\r\n",
    )
    .unwrap();
    let check = lscb()
        .arg("--plan")
        .arg(&plan)
        .args(["--as-of", "2024-12-31", "validate"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let next = dir.path().join("next");
    let (code, out, err) = rollover(
        &plan,
        &["--out", next.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        summary["carried"],
        serde_json::json!(["1.1.1", "2.1.1", "2.1.2"])
    );

    let a = std::fs::read_to_string(next.join("a/p.toml")).unwrap();
    assert!(
        a.contains("ref = \"1.1\"") && a.contains("due = \"2025-03\""),
        "{a}"
    );
    assert!(!a.contains("\"Two\""), "objective 2 carried nothing: {a}");
    let b = std::fs::read_to_string(next.join("b/p.toml")).unwrap();
    assert!(b.contains("\r\n"), "CRLF kept");
    assert!(!b.contains("\r\r"), "{b:?}");
    // The move recorded after the year's end stands: due September 2025.
    assert!(b.contains("due = \"2025-09\"\r\n"), "{b}");
    assert!(b.contains("(action 2.1.1, due 30 Sep 2025)"), "{b}");
    // A deadline beyond the new year is kept, after the new year's one.
    assert!(b.contains("due = [\"2025-03\", \"2026-06\"]"), "{b}");

    let check = lscb()
        .arg("--plan")
        .arg(&next)
        .args(["--as-of", "2025-01-01", "validate"])
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
