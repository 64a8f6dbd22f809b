//! Output plumbing: a closed standard output is success, quietly, in every
//! command and format (`lscb list --format csv | head -1`).

use std::process::Stdio;

use crate::support::{fixture, root};

/// Runs lscb with a standard output whose reading end is already closed, so
/// the first write fails with a broken pipe. Gives (exit code, stderr).
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("lscb"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("LSCB_PLAN")
        .env("NO_COLOR", "1")
        .env("LSCB_TODAY", "2017-10-01")
        .stdin(Stdio::null())
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped());
    let out = cmd.output().expect("lscb runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_is_success_in_every_command_and_format() {
    let northbridge = root().join("examples/northbridge/plan");
    let nb = northbridge.to_str().unwrap();
    let mut cases: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "csv", "json", "markdown"] {
        for command in [
            &["list"][..],
            &["overdue"],
            &["overdue", "--by", "lead"],
            &["leads"],
            &["leads", "Board Manager"],
            &["quarters"],
            &["summary"],
            &["show", "2.2.1"],
        ] {
            let mut args = vec!["--plan", nb, "--as-of", "2017-12-01"];
            args.extend(command);
            args.extend(["--format", format]);
            cases.push(args);
        }
    }
    for format in ["markdown", "html", "json"] {
        cases.push(vec!["--plan", nb, "pack", "--format", format]);
    }
    cases.push(vec!["--plan", nb, "validate", "--format", "json"]);
    cases.push(vec!["--plan", nb, "validate", "--format", "github"]);
    cases.push(vec!["completions", "bash"]);
    cases.push(vec!["man"]);
    // Checks keep their own exit code: a reader that stops reading does not
    // make an unformatted file formatted or a broken plan valid.
    let messy = fixture("edit/plan");
    let broken = fixture("invalid/several-files");
    let checks: Vec<Vec<&str>> = vec![
        vec!["--plan", messy.to_str().unwrap(), "fmt", "--check"],
        vec![
            "--plan",
            broken.to_str().unwrap(),
            "validate",
            "--format",
            "json",
        ],
        vec![
            "--plan",
            broken.to_str().unwrap(),
            "validate",
            "--format",
            "github",
        ],
    ];
    let reports = cases.len();
    cases.extend(checks);
    for (i, args) in cases.into_iter().enumerate() {
        let (code, stderr) = with_closed_stdout(&args);
        let expected = if i < reports { 0 } else { 1 };
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("pipe"),
            "{args:?} complained: {stderr}"
        );
    }
}

#[test]
fn a_full_disk_names_the_file() {
    // /dev/full accepts the open and fails every write with "no space".
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("lscb"))
        .args([
            "--plan",
            "examples/northbridge/plan",
            "pack",
            "--format",
            "html",
        ])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("could not write to standard output"), "{err}");
}
