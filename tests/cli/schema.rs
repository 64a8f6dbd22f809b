//! `lscb schema`: the committed schemas are current, and the serde types they
//! come from accept what the loader accepts and reject unknown keys.

use std::path::Path;

use lscb::schema::{BoardFile, PriorityFile};

use crate::support::{fixture, lscb, root};

#[test]
fn the_committed_schemas_are_what_lscb_schema_generates() {
    let out = tempfile::tempdir().unwrap();
    lscb()
        .args(["schema", "--out", out.path().to_str().unwrap()])
        .current_dir(root())
        .assert()
        .success();
    for name in ["board.schema.json", "priority.schema.json"] {
        let generated = std::fs::read_to_string(out.path().join(name)).unwrap();
        let committed = std::fs::read_to_string(root().join("schema").join(name)).unwrap();
        assert_eq!(
            committed, generated,
            "schema/{name} is stale: run `lscb schema`"
        );
    }
    lscb()
        .args(["schema", "--check"])
        .current_dir(root())
        .assert()
        .success();
}

#[test]
fn the_priority_schema_lists_the_registers_spellings() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/priority.schema.json")).unwrap(),
    )
    .unwrap();
    let names = schema["definitions"]["LeadName"]["anyOf"][0]["enum"]
        .as_array()
        .unwrap();
    for expected in [
        "LSCB Chair",
        "Chair of LSCB",
        "lscb-chair",
        "Task and Finish Group",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected} missing");
    }
}

fn check_dir(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        if path.file_name().unwrap() == "board.toml" {
            toml::from_str::<BoardFile>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else {
            toml::from_str::<PriorityFile>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

#[test]
fn every_valid_plan_fits_the_schema_types() {
    for dir in [
        "progress",
        "minimal",
        "calendar-year",
        "edit/plan",
        "warnings/all-warnings",
    ] {
        check_dir(&fixture(dir));
    }
    check_dir(&root().join("plan"));
    check_dir(&root().join("examples/northbridge/plan"));
}

#[test]
fn unknown_keys_do_not_fit_the_schema_types() {
    let text = std::fs::read_to_string(fixture("invalid/unknown-key/1-test.toml")).unwrap();
    assert!(toml::from_str::<PriorityFile>(&text).is_err());
}

#[test]
fn completions_and_man_page_need_no_plan() {
    let elsewhere = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = lscb()
            .args(["completions", shell])
            .current_dir(elsewhere.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("overdue"),
            "{shell}"
        );
    }
    let out = lscb()
        .arg("man")
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") && page.contains(".TH lscb 1"),
        "{page}"
    );
}

/// `lscb man` names no page that is not there: on stdout it refers to none,
/// and with --out every page it refers to is written beside it.
#[test]
fn man_pages_refer_only_to_pages_that_exist() {
    let page = lscb().arg("man").output().unwrap();
    assert_eq!(page.status.code(), Some(0));
    let text = String::from_utf8(page.stdout).unwrap();
    assert!(text.contains(".SH COMMANDS"), "{text}");
    assert!(text.contains("\\fBlscb validate \\-\\-help\\fR"), "{text}");
    assert!(!text.contains("lscb\\-validate(1)"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let out = lscb()
        .args(["man", "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut referenced = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (at, _) in text.match_indices("(1)") {
            let start = text[..at]
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |i| i + 1);
            let name = text[start..at].replace("\\-", "-");
            if name.starts_with("lscb") {
                referenced += 1;
                assert!(
                    dir.path().join(format!("{name}.1")).exists(),
                    "{name}(1) is not written"
                );
            }
        }
    }
    assert!(referenced > 10, "the main page lists the command pages");
}
