//! `lscb import`: the seed document reproduces the shipped plan; deadline
//! wording, lead splitting, Word files, unreadable text, never overwriting.

use serde_json::Value;

use crate::support::{fixture, import, json, lscb, priority_titles, root};

/// Descriptions compared as text: list markers and line breaks aside.
fn normalized(list: &Value) -> Vec<(String, Value, Value, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let text: String = a["description"]
                .as_str()
                .unwrap()
                .lines()
                .map(|l| l.trim().trim_start_matches("- "))
                .collect::<Vec<_>>()
                .join(" ");
            (
                a["ref"].as_str().unwrap().to_string(),
                a["leads"].clone(),
                a["deadlines"].clone(),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

#[test]
fn importing_the_seed_reproduces_the_shipped_plan() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fixture("import/business-plan-2017-18.txt");
    let board = root().join("plan/board.toml");
    let (code, err) = import(
        &[
            seed.to_str().unwrap(),
            "--out",
            "plan",
            "--leads",
            board.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("5 priorities, 61 actions, 24 leads"), "{err}");
    lscb()
        .args(["validate", "--deny-warnings"])
        .current_dir(dir.path())
        .assert()
        .success();
    lscb()
        .args(["fmt", "--check"])
        .current_dir(dir.path())
        .assert()
        .success();

    let args = ["list", "--format", "json", "--as-of", "2017-10-01"];
    let imported = json(&args, dir.path(), 0);
    let shipped = json(&args, &root(), 0);
    assert_eq!(normalized(&imported), normalized(&shipped));

    assert_eq!(priority_titles(dir.path()), priority_titles(&root()));
}

#[test]
fn without_a_register_leads_come_from_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fixture("import/business-plan-2017-18.txt");
    let (code, err) = import(&[seed.to_str().unwrap(), "--name", "SG LSCB"], dir.path());
    assert_eq!(code, 0, "{err}");
    let v = json(
        &["leads", "--format", "json", "--as-of", "2017-04-01"],
        dir.path(),
        0,
    );
    let names: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lead"].as_str().unwrap())
        .collect();
    // Split where both sides are leads named elsewhere...
    assert!(
        names.contains(&"CSE Sub Group")
            && names.contains(&"Strategic Safeguarding Service Manager")
    );
    assert!(!names.iter().any(|n| n.contains(" and Strategic")));
    // ...but not inside a lead's own name, and a broken line is joined.
    assert!(names.contains(&"Task and Finish Group"));
    assert!(names.contains(&"Policy and Procedure Sub Group"));
    assert!(names.contains(&"SGS College Chaplain"));
    // The chair's three spellings are one lead, its workload in one place,
    // and the fold is listed for checking.
    assert!(names.contains(&"LSCB Chair"));
    assert!(!names.contains(&"Chair of LSCB") && !names.contains(&"Chair LSCB"));
    let chair = v
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lead"] == "LSCB Chair")
        .unwrap();
    assert_eq!(chair["actions"], 8, "{chair}");
    assert!(
        err.contains(
            "import: leads \"LSCB Chair\", \"Chair of LSCB\" and \"Chair LSCB\" folded into one, \"LSCB Chair\"; if they differ, split them in board.toml\n"
        ),
        "{err}"
    );
    let board = std::fs::read_to_string(dir.path().join("plan/board.toml")).unwrap();
    assert!(
        board.contains("[leads.lscb-chair]\nname = \"LSCB Chair\"\naliases = [\"Chair of LSCB\", \"Chair LSCB\"]\n"),
        "{board}"
    );
    // "Quality Sub Group" is not a spelling of "Quality Assurance Sub Group".
    assert!(names.contains(&"Quality Sub Group") && names.contains(&"Quality Assurance Sub Group"));
}

#[test]
fn a_word_document_with_tables_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let docx = fixture("import/small-plan.docx");
    let (code, err) = import(
        &[docx.to_str().unwrap(), "--name", "Docx Board"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let v = json(
        &["list", "--format", "json", "--as-of", "2017-04-01"],
        dir.path(),
        0,
    );
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["description"], "Run a survey of children in care");
    assert_eq!(
        rows[0]["leads"],
        serde_json::json!(["Children in Care Council", "Board Manager"])
    );
    assert_eq!(rows[0]["deadlines"], serde_json::json!(["2017-12-31"]));
    assert_eq!(
        rows[1]["deadlines"].as_array().unwrap().len(),
        4,
        "quarterly"
    );
    assert_eq!(
        rows[2]["description"],
        "Publish a \"you said, we did\" report"
    );
    assert_eq!(
        rows[2]["leads"],
        serde_json::json!(["Children in Care Council"])
    );
    let s = json(&["summary", "--format", "json"], dir.path(), 0);
    assert_eq!(
        s["priorities"][0]["title"],
        "To ensure children & families are heard"
    );
    assert_eq!(
        s["priorities"][1]["actions"], 0,
        "a priority with no actions is kept"
    );
}

#[test]
fn unreadable_deadlines_are_kept_listed_and_set_to_the_years_end() {
    let dir = tempfile::tempdir().unwrap();
    let doc = fixture("import/messy-plan.txt");
    let (code, err) = import(&[doc.to_str().unwrap(), "--name", "Messy"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1.1.2: could not read the deadline \"ongoing\"; set to the end of the plan year (2020-03-31)"), "{err}");
    let text =
        std::fs::read_to_string(dir.path().join("plan/1-keep-children-safe-online.toml")).unwrap();
    assert!(
        text.contains("# Deadline as the document gives it: \"ongoing\""),
        "{text}"
    );
    let v = json(&["show", "1.1.3", "--format", "json"], dir.path(), 0);
    assert_eq!(v["schedule"], "every half-year");
    assert_eq!(
        v["leads"],
        serde_json::json!(["Board Manager", "Chair of the Board"])
    );
    let v = json(&["show", "1.2.1", "--format", "json"], dir.path(), 0);
    assert_eq!(
        v["description"],
        "Survey pupils\n- on what worries them online\n- on whom they would tell"
    );
    // "education lead" is the same lead as "Education Lead", kept as an alias
    // and listed as a fold.
    let board = std::fs::read_to_string(dir.path().join("plan/board.toml")).unwrap();
    assert!(board.contains("aliases = [\"education lead\"]"), "{board}");
    assert!(
        err.contains("import: leads \"Education Lead\" and \"education lead\" folded into one, \"Education Lead\""),
        "{err}"
    );
}

#[test]
fn an_existing_plan_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let doc = fixture("import/messy-plan.txt");
    let doc = doc.to_str().unwrap();
    assert_eq!(import(&[doc, "--name", "First"], dir.path()).0, 0);
    let board = dir.path().join("plan/board.toml");
    let before = std::fs::read_to_string(&board).unwrap();
    let (code, err) = import(&[doc, "--name", "Second"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("already holds a plan; give --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&board).unwrap(), before);
    let (code, err) = import(&[doc, "--name", "Second", "--force"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&board)
            .unwrap()
            .contains("name = \"Second\"")
    );
}

#[test]
fn import_makes_the_folders_above_out_as_mkdir_p_would() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = import(
        &[
            root()
                .join("tests/fixtures/import/messy-plan.txt")
                .to_str()
                .unwrap(),
            "--out",
            "new/boards/plan",
            "--name",
            "Example Board",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("new/boards/plan/board.toml").is_file());
    let names: Vec<String> = std::fs::read_dir(dir.path().join("new/boards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["plan"], "no staging folder left behind");
}
