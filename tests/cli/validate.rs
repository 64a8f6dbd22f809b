//! `lscb validate`: JSON findings, exit codes, plan discovery, colour.

use crate::support::{fixture, json, lscb, root, temp_plan};

#[test]
fn json_findings_carry_code_file_line_column_and_help() {
    let plan = fixture("invalid/unknown-lead");
    let v = json(
        &[
            "--plan",
            plan.to_str().unwrap(),
            "validate",
            "--format",
            "json",
        ],
        &root(),
        1,
    );
    let findings = v.as_array().unwrap();
    assert_eq!(findings.len(), 2);
    let first = &findings[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "E006");
    assert_eq!(first["line"], 11);
    assert_eq!(first["column"], 8);
    assert_eq!(first["help"], "did you mean \"Board Manager\"?");
    assert!(
        first["file"]
            .as_str()
            .unwrap()
            .ends_with("unknown-lead/1-test.toml")
    );
    assert_eq!(
        (
            &findings[1]["code"],
            &findings[1]["line"],
            &findings[1]["column"]
        ),
        (&"E006".into(), &17.into(), &26.into())
    );
}

#[test]
fn a_valid_plan_gives_an_empty_json_array() {
    let v = json(&["validate", "--format", "json"], &root(), 0);
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn the_plan_is_found_from_a_subfolder_and_from_the_environment() {
    let dir = temp_plan("minimal");
    let sub = dir.path().join("plan").join("deeper");
    std::fs::create_dir_all(&sub).unwrap();
    lscb().arg("validate").current_dir(&sub).assert().success();

    let elsewhere = tempfile::tempdir().unwrap();
    lscb()
        .arg("validate")
        .current_dir(elsewhere.path())
        .assert()
        .code(2);
    lscb()
        .arg("validate")
        .env("LSCB_PLAN", dir.path().join("plan"))
        .current_dir(elsewhere.path())
        .assert()
        .success();
}

#[test]
fn no_colour_when_piped_or_with_no_color() {
    let plan = fixture("invalid/unknown-lead");
    let out = lscb()
        .args(["--plan", plan.to_str().unwrap(), "validate"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

#[test]
fn colour_on_request_only() {
    let plan = fixture("invalid/unknown-lead");
    let stderr = |extra: &[&str]| {
        let out = lscb()
            .args(["--plan", plan.to_str().unwrap(), "validate"])
            .args(extra)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(stderr(&["--color", "always"]).contains('\u{1b}'));
    assert!(!stderr(&["--color", "never"]).contains('\u{1b}'));
    // Piped (as here), auto means no colour.
    assert!(!stderr(&[]).contains('\u{1b}'));
}

#[test]
fn commands_work_from_inside_the_plan_folder() {
    let dir = temp_plan("minimal");
    lscb()
        .arg("validate")
        .current_dir(dir.path().join("plan"))
        .assert()
        .success();
    let v = json(&["list", "--format", "json"], &dir.path().join("plan"), 0);
    assert_eq!(v[0]["file"], "./1-test.toml");
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_a_finding_and_the_rest_is_still_checked() {
    let dir = temp_plan("minimal");
    let plan = dir.path().join("plan");
    std::os::unix::fs::symlink("/nonexistent/file.toml", plan.join("2-gone.toml")).unwrap();
    let v = json(&["validate", "--format", "json"], dir.path(), 1);
    let codes: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E021"]);
}

#[test]
fn w101_compares_with_today_not_the_report_day() {
    let plan = fixture("warnings/all-warnings");
    let run = |today: &str, as_of: &str| {
        let out = lscb()
            .args([
                "--plan",
                plan.to_str().unwrap(),
                "--as-of",
                as_of,
                "validate",
                "--format",
                "json",
            ])
            .env("LSCB_TODAY", today)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array().unwrap().iter().any(|d| d["code"] == "W101")
    };
    // done = 2017-12-01 in the fixture.
    assert!(run("2017-10-01", "2017-10-01"));
    assert!(
        !run("2018-01-01", "2017-10-01"),
        "a report for a past day is no reason to warn"
    );
    assert!(run("2017-10-01", "2018-06-01"));
}

/// The board's own rules on the fictional Riverside board: `update_days = 90`
/// finds the one open action left without an update for 90 days at the year's
/// end; `require = ["impact"]` is met by every action, and missed by one
/// without it.
#[test]
fn the_boards_own_rules() {
    let out = lscb()
        .env("LSCB_TODAY", "2024-04-01")
        .args(["--plan", "examples/riverside/plan", "--as-of", "2024-03-31"])
        .args(["validate", "--format", "json"])
        .current_dir(crate::support::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [(
            "W108",
            "action 3.1.3 is open and its last update is dated 2023-11-21; the board asks for one every 90 days (as of 2024-03-31)"
        )]
    );
    // Earlier in the year every open action had a recent update but one.
    let out = lscb()
        .env("LSCB_TODAY", "2024-04-01")
        .args(["--plan", "examples/riverside/plan", "--as-of", "2023-12-31"])
        .args(["validate", "--format", "json"])
        .current_dir(crate::support::root())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array().unwrap().iter().all(|d| d["code"] == "W108"),
        "{v}"
    );

    // An action without `impact`, where the board requires it.
    let dir = crate::support::temp_plan("minimal");
    let board = dir.path().join("plan/board.toml");
    let text = std::fs::read_to_string(&board).unwrap();
    std::fs::write(
        &board,
        text.replace("[year]", "require = [\"impact\"]\n\n[year]"),
    )
    .unwrap();
    let out = lscb()
        .args(["--plan", "plan", "validate", "--format", "github"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("E026 missing-required: action 1.1.1 has no `impact`, which this board requires of every action"),
        "{text}"
    );
}

/// The loader gathers the files' findings without copying a lone broken
/// file's list: every finding of every file, read-level ones too, still
/// comes out once (the order is the final sort's; files shown by the same
/// name are the case where the gathering order shows, tested below).
#[test]
fn findings_of_several_files_are_all_reported_in_file_and_line_order() {
    let dir = temp_plan("minimal");
    let plan = dir.path().join("plan");
    // One finding (an unknown key) in the small file...
    std::fs::write(
        plan.join("1-test.toml"),
        std::fs::read_to_string(plan.join("1-test.toml")).unwrap() + "colour = \"red\"\n",
    )
    .unwrap();
    // ...three (the missing keys of an empty action) in the larger one...
    std::fs::write(
        plan.join("2-more.toml"),
        "priority = 2\ntitle = \"Two\"\n\n[[objective]]\nnumber = 1\ntitle = \"O\"\n\n\
         [[action]]\nref = \"1.1\"\ndescription = \"D\"\nlead = \"Board Manager\"\ndue = \"2017-05\"\n\n\
         [[action]]\ndue = \"2017-06\"\n",
    )
    .unwrap();
    // ...and one met while reading.
    std::fs::write(plan.join("0-latin1.toml"), b"title = \"caf\xe9\"\n").unwrap();
    let v = json(&["validate", "--format", "json"], dir.path(), 1);
    let got: Vec<(String, u64, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            (
                file.rsplit('/').next().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                format!(
                    "{} {}",
                    f["code"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                ),
            )
        })
        .collect();
    let want = |file: &str, line: u64, what: &str| (file.to_string(), line, what.to_string());
    assert_eq!(
        got,
        [
            want("0-latin1.toml", 1, "E018 the file is not UTF-8 text"),
            want(
                "1-test.toml",
                13,
                "E002 unknown key `colour` in action 1.1.1"
            ),
            want(
                "2-more.toml",
                14,
                "E003 [[action]] is missing the required key `ref`"
            ),
            want(
                "2-more.toml",
                14,
                "E003 [[action]] is missing the required key `description`"
            ),
            want(
                "2-more.toml",
                14,
                "E003 [[action]] is missing the required key `lead`"
            ),
        ]
    );
}

/// Two files shown by the same name (a `\` in one is shown as `/`): their
/// findings stay in file order, and neither is drawn against the other's
/// text (which once sliced past its end and panicked).
#[cfg(unix)]
#[test]
fn files_shown_by_the_same_name_keep_their_order_and_never_panic() {
    let dir = temp_plan("minimal");
    let plan = dir.path().join("plan");
    std::fs::remove_file(plan.join("1-test.toml")).unwrap();
    std::fs::create_dir(plan.join("1-a")).unwrap();
    // Two findings, one far down the longer file...
    let long = format!(
        "priority = 1\ntitle = \"P\"\nkeyDIR = 1\n{}deep = 1\n",
        "# a comment\n".repeat(30)
    );
    std::fs::write(plan.join("1-a/b.toml"), long).unwrap();
    // ...and three in the shorter, one on the same line as the first.
    std::fs::write(
        plan.join("1-a\\b.toml"),
        "priority = 2\ntitle = \"P\"\nkeyBSL = 1\nx = 1\ny = 1\n",
    )
    .unwrap();
    let v = json(&["validate", "--format", "json"], dir.path(), 1);
    let keys: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().split('`').nth(1).unwrap())
        .collect();
    // By line, and on the same line in the order the files were read.
    assert_eq!(keys, ["keyDIR", "keyBSL", "x", "y", "deep"]);
    let out = lscb()
        .arg("validate")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("error[E002]: unknown key `keyDIR`"),
        "{stderr}"
    );
    assert!(stderr.contains("5 errors, 0 warnings"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // No source line is drawn for either: which file it came from is not known.
    for line in ["deep = 1", "keyDIR = 1", "keyBSL = 1"] {
        assert!(!stderr.contains(&format!("| {line}")), "{stderr}");
    }
}

/// A reader of the findings that stops reading changes nothing validate
/// found: exit 1 (the plan's errors), not 2.
#[test]
fn closed_stderr_keeps_validates_own_exit_code() {
    let dir = temp_plan("minimal");
    std::fs::write(
        dir.path().join("plan/2-empty.toml"),
        format!(
            "priority = 2\ntitle = \"T\"\n\n[[objective]]\nnumber = 1\ntitle = \"O\"\n\n{}",
            "[[action]]\n".repeat(3000)
        ),
    )
    .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("lscb"))
        .arg("validate")
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before the first finding (about 250 KB of them) can be read.
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}
