//! `lscb import` of trackers and Word tables: the same tracker as xlsx and as
//! CSV gives the same plan, with every column name, deadline wording,
//! progress mapping and lead-splitting case of `tracker_fixtures.rs`; the
//! Word layouts; `--columns`; folds into a register; the input file's limits.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{fixture, import, json, lscb, priority_titles, root};

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join("plan").join(file)).unwrap()
}

/// (ref, leads, deadlines, done, state) of every action, as `list` gives them.
fn actions(dir: &Path, as_of: &str) -> Vec<Value> {
    let v = json(&["list", "--format", "json", "--as-of", as_of], dir, 0);
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| json!([a["ref"], a["leads"], a["deadlines"], a["done"], a["status"]]))
        .collect()
}

/// What the tracker fixture must give, action by action.
fn tracker_plan() -> Vec<Value> {
    vec![
        // A date cell; "A and B" split, both leads named alone elsewhere.
        json!([
            "1.1.1",
            ["Training Sub Group", "Education Lead"],
            ["2020-09-30"],
            [],
            "overdue"
        ]),
        // "Q3" of a 2020/21 year; blank priority and objective continue.
        json!(["1.1.2", ["Education Lead"], ["2020-12-31"], [], "overdue"]),
        json!([
            "1.1.3",
            ["Board Manager", "Chair of the Board"],
            ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31"],
            [],
            "overdue"
        ]),
        // "end of March 2021"; two leads whose own names hold "and".
        json!([
            "1.2.1",
            ["Policy and Procedure Sub Group", "Task and Finish Group"],
            ["2021-03-31"],
            [],
            "not-started"
        ]),
        // "Quarter 4"; "Completed 12/02/2021" is the done date; "&" folds.
        json!([
            "1.2.2",
            ["Policy and Procedure Sub Group"],
            ["2021-03-31"],
            ["2021-02-12"],
            "complete"
        ]),
        // "Priority 2: Neglect" on a row of its own; "2.1 ..." objective; no ref: numbered.
        json!([
            "2.1.1",
            ["Task and Finish Group"],
            ["2020-12-31"],
            [],
            "dropped"
        ]),
        // "," splits; "Twice yearly".
        json!([
            "2.1.2",
            ["Policy and Procedure Sub Group", "Board Manager"],
            ["2020-09-30", "2021-03-31"],
            [],
            "overdue"
        ]),
        // " / " always splits; "Chair of LSCB", "LSCB Chair", "Chair LSCB" fold.
        json!([
            "2.1.3",
            ["Chair of LSCB", "Board Manager"],
            ["2020-12-31"],
            [],
            "overdue"
        ]),
        // "ongoing": the year's end.
        json!([
            "2.2.1",
            ["Chair of LSCB"],
            ["2021-03-31"],
            [],
            "in-progress"
        ]),
        json!([
            "2.2.2",
            ["Training Sub Group"],
            ["2021-01-31"],
            [],
            "overdue"
        ]),
        // " & " splits; "Two during 2020 - 21".
        json!([
            "2.2.3",
            ["Chair of LSCB", "Education Lead"],
            ["2020-09-30", "2021-03-31"],
            [],
            "overdue"
        ]),
        // "by 28/02/2021"; "Training Subgroup" folds.
        json!([
            "2.2.4",
            ["Training Sub Group"],
            ["2021-02-28"],
            [],
            "overdue"
        ]),
    ]
}

/// The stderr lines to check that both formats of the tracker give.
const TRACKER_CHECKS: &str = "\
import: leads \"Training Sub Group\" and \"Training Subgroup\" folded into one, \"Training Sub Group\"; if they differ, split them in board.toml
import: leads \"Policy and Procedure Sub Group\" and \"Policy & Procedure Sub Group\" folded into one, \"Policy and Procedure Sub Group\"; if they differ, split them in board.toml
import: leads \"Chair of LSCB\", \"LSCB Chair\" and \"Chair LSCB\" folded into one, \"Chair of LSCB\"; if they differ, split them in board.toml
import: 1.2.1: the tracker says \"Complete\" with no completion date; kept as a note, no done date set
import: 2.2.1: could not read the deadline \"ongoing\"; set to the end of the plan year (2021-03-31)
import: RAG colours with no update date were not kept (lscb works RAG out from the deadlines): 1.1.3 Amber, 2.2.4 Green
wrote plan (2 priorities, 12 actions, 7 leads); 6 to check, listed above
";

#[test]
fn the_xlsx_tracker_imports_with_every_column_wording_and_lead_case() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("import/tracker.xlsx");
    let (code, err) = import(
        &[file.to_str().unwrap(), "--name", "Northbridge"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    // The cover sheet has no header row: the tracker sheet is read.
    let recognised = "\
import: sheet \"Tracker\": the header is row 4
import: column A \"No.\": ref
import: column B \"Priority\": priority
import: column C \"Objective\": objective
import: column D \"Action\": action
import: column E \"Lead(s)\": lead
import: column F \"By when\": due
import: column G \"RAG\": status
import: column H \"Update\": update
import: column I \"Date of update\": updated
import: column J \"Impact\": impact
import: column K \"Notes\": not read
";
    assert_eq!(err, format!("{recognised}{TRACKER_CHECKS}"));
    assert_eq!(actions(dir.path(), "2021-03-31"), tracker_plan());
    lscb()
        .args(["fmt", "--check"])
        .current_dir(dir.path())
        .assert()
        .success();

    let p1 = read(dir.path(), "1-keep-children-safe-online.toml");
    // A dated update, the tracker's RAG kept in its text; the impact column.
    assert!(
        p1.contains("due = 2020-09-30  # Completion: 2020-09-30\nimpact = \"Staff report more confidence\"\n\n[[action.update]]\ndate = 2020-07-15\ntext = \"\"\"\nTwo sessions held\nThe tracker's RAG: Green\"\"\"\n"),
        "{p1}"
    );
    // Nested bullets stay lines; a UK date typed as text dates the update,
    // which carries the status "On hold".
    assert!(
        p1.contains("description = \"\"\"\nReview the online safety guidance:\n- for schools\n  - primary\n  - secondary\n- for parents\"\"\"\nlead = \"Education Lead\"\ndue = \"2020-12\"  # Completion: Q3\n\n[[action.update]]\ndate = 2020-10-01\ntext = \"Waiting for national guidance\"\nstatus = \"on-hold\"\n"),
        "{p1}"
    );
    // "Complete" with no date: an update's text, never a done date.
    assert!(
        p1.contains("date = 2021-03-20\ntext = \"\"\"\nSurvey done; results to the Board in April\nThe tracker's status: Complete (no done date was set from it)\"\"\"\n"),
        "{p1}"
    );
    assert!(
        p1.contains("due = \"2021-03\"  # Completion: Quarter 4\ndone = 2021-02-12\n"),
        "{p1}"
    );
    // An undated RAG colour is not written anywhere.
    assert!(!p1.contains("Amber"), "{p1}");

    let p2 = read(dir.path(), "2-neglect.toml");
    // Undated: the status key, the update as notes.
    assert!(
        p2.contains("status = \"dropped\"\nnotes = \"Replaced by the national programme\"\n"),
        "{p2}"
    );
    assert!(
        p2.contains("due = \"2020-12\"  # Completion: Dec 20\nstatus = \"not-started\"\n"),
        "{p2}"
    );
    // Dated lines of the update cell are updates of their own.
    assert!(
        p2.contains("[[action.update]]\ndate = 2020-09-01\ntext = \"Audit tool agreed\"\n\n[[action.update]]\ndate = 2020-11-05\ntext = \"\"\"\nFirst audit started\nThe tracker's RAG: Red\"\"\"\n"),
        "{p2}"
    );
    assert!(
        p2.contains("# Deadline as the document gives it: \"ongoing\" (not understood; set to the year's end)\ndue = 2021-03-31\n\n[[action.update]]\ndate = 2020-11-30\ntext = \"Questions drafted\"\nstatus = \"in-progress\"\n"),
        "{p2}"
    );
    // The status as of a day before its update is derived, as for any plan.
    let v = json(
        &["show", "1.1.2", "--format", "json", "--as-of", "2020-09-01"],
        dir.path(),
        0,
    );
    assert_eq!(v["status"], "not-started");
    let v = json(
        &["show", "1.1.2", "--format", "json", "--as-of", "2020-10-02"],
        dir.path(),
        0,
    );
    assert_eq!(v["status"], "on-hold");

    let board = read(dir.path(), "board.toml");
    assert!(
        board.contains("[leads.chair-of-lscb]\nname = \"Chair of LSCB\"\naliases = [\"LSCB Chair\", \"Chair LSCB\"]\n"),
        "{board}"
    );
    assert!(
        board.contains("[year]\nstart = 2020-04-01\nend = 2021-03-31\n"),
        "{board}"
    );
}

#[test]
fn the_csv_tracker_gives_the_same_plan_as_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("import/tracker.csv");
    let (code, err) = import(
        &[file.to_str().unwrap(), "--name", "Northbridge"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let recognised = "\
import: CSV file: the header is row 3
import: column A \"Ref\": ref
import: column B \"Priority\": priority
import: column C \"Outcome\": objective
import: column D \"What we will do\": action
import: column E \"Owner\": lead
import: column F \"Timescale\": due
import: column G \"Status\": status
import: column H \"Progress\": update
import: column I \"Updated\": updated
import: column J \"How will we know?\": impact
import: column K \"Notes\": not read
";
    assert_eq!(err, format!("{recognised}{TRACKER_CHECKS}"));
    assert_eq!(actions(dir.path(), "2021-03-31"), tracker_plan());

    let xlsx = tempfile::tempdir().unwrap();
    let file = fixture("import/tracker.xlsx");
    assert_eq!(
        import(
            &[file.to_str().unwrap(), "--name", "Northbridge"],
            xlsx.path()
        )
        .0,
        0
    );
    // The files differ only in the deadline comments (a date cell is shown ISO).
    let without_comments = |dir: &Path, name: &str| {
        read(dir, name)
            .lines()
            .map(|l| l.split("  # Completion:").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    for name in [
        "board.toml",
        "1-keep-children-safe-online.toml",
        "2-neglect.toml",
    ] {
        assert_eq!(
            without_comments(dir.path(), name),
            without_comments(xlsx.path(), name),
            "{name}"
        );
    }
    assert!(
        read(dir.path(), "1-keep-children-safe-online.toml")
            .contains("due = 2020-09-30  # Completion: 30/09/2020\n")
    );
}

#[test]
fn a_word_file_in_the_layout_lscb_document_writes() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("import/document-tables.docx");
    let (code, err) = import(
        &[file.to_str().unwrap(), "--name", "Northbridge"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "\
import: Word tables 1, 2 and 3: the header is row 1
import: column A \"Ref\": ref
import: column B \"Action\": action
import: column C \"Lead\": lead
import: column D \"Completion\": due
import: column E \"RAG\": status
import: column F \"Latest update\": update
import: no column for: priority, objective, updated, impact
import: RAG colours with no update date were not kept (lscb works RAG out from the deadlines): 1.1.2 Amber, 1.1.3 Red, 1.2.1 Amber, 1.2.2 Green, 1.2.3 Green
wrote plan (2 priorities, 7 actions, 6 leads); 1 to check, listed above
"
    );
    assert_eq!(
        actions(dir.path(), "2017-10-01"),
        vec![
            json!([
                "1.1.1",
                ["Training Sub Group", "Education Lead"],
                ["2017-09-30"],
                [],
                "overdue"
            ]),
            json!([
                "1.1.2",
                ["Board Manager"],
                ["2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31"],
                [],
                "overdue"
            ]),
            json!(["1.1.3", ["Education Lead"], ["2017-05-31"], [], "overdue"]),
            json!([
                "1.2.1",
                ["Policy and Procedure Sub Group", "Task and Finish Group"],
                ["2017-09-30", "2018-03-31"],
                [],
                "overdue"
            ]),
            json!([
                "1.2.2",
                ["Board Manager"],
                ["2017-06-30", "2017-12-31"],
                [],
                "overdue"
            ]),
            json!([
                "1.2.3",
                ["LSCB Chair"],
                ["2017-09-30", "2018-03-31"],
                [],
                "overdue"
            ]),
            json!([
                "2.1.1",
                ["Task and Finish Group"],
                ["2018-03-31"],
                [],
                "not-started"
            ]),
        ]
    );
    let s = json(&["summary", "--format", "json"], dir.path(), 0);
    let titles: Vec<&Value> = s["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["title"])
        .collect();
    assert_eq!(
        titles,
        ["To keep children safe online", "To tackle neglect"]
    );
    let p1 = read(dir.path(), "1-keep-children-safe-online.toml");
    assert!(
        p1.contains("[[objective]]\nnumber = 2\ntitle = \"To hear from children\"\n"),
        "{p1}"
    );
    // List paragraphs in a cell stay lines, nested ones indented; the latest
    // update's day starts a dated update.
    let v = json(&["show", "1.1.1", "--format", "json"], dir.path(), 0);
    assert_eq!(
        v["description"],
        "Run online safety training:\n- for schools\n  - primary\n  - secondary\n- for parents"
    );
    assert!(
        p1.contains("[[action.update]]\ndate = 2017-06-10\ntext = \"\"\"\nTwo sessions held\nThe tracker's RAG: Green\"\"\"\n"),
        "{p1}"
    );
    assert!(
        p1.contains("every = \"half-year\"  # Completion: Every half-year\n"),
        "{p1}"
    );
    assert!(
        p1.contains("due = \"2017-05\"  # Completion: May 2017\n"),
        "{p1}"
    );
}

#[test]
fn a_word_file_holding_a_tracker_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("import/tracker-table.docx");
    let (code, err) = import(
        &[file.to_str().unwrap(), "--name", "Northbridge"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("import: Word table 1: the header is row 1\nimport: column A \"Ref\": ref\nimport: column B \"Priority\": priority\nimport: column C \"Outcome\": objective\nimport: column D \"Action\": action\nimport: column E \"Responsible\": lead\nimport: column F \"Deadline\": due\nimport: column G \"RAG/Status\": status\nimport: column H \"Commentary\": update\nimport: no column for: updated, impact\n"),
        "{err}"
    );
    assert!(err.contains("import: leads \"Training Sub-group\" and \"Training Sub Group\" folded into one, \"Training Sub-group\""), "{err}");
    assert_eq!(
        actions(dir.path(), "2017-10-01"),
        vec![
            // Two-part refs are objective.action; "Q2" of the 2017-18 year.
            json!([
                "1.1.1",
                ["Training Sub-group"],
                ["2017-09-30"],
                [],
                "overdue"
            ]),
            json!([
                "1.1.2",
                ["Board Manager"],
                ["2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31"],
                [],
                "overdue"
            ]),
            // A priority cell without a number is the next priority.
            json!([
                "2.1.1",
                ["Training Sub-group", "Board Manager"],
                ["2017-12-31"],
                [],
                "not-started"
            ]),
        ]
    );
    let p1 = read(dir.path(), "1-keep-children-safe-online.toml");
    assert!(
        p1.contains("due = \"2017-09\"  # Completion: Q2\nstatus = \"on-hold\"\n"),
        "{p1}"
    );
}

#[test]
fn columns_names_what_the_tracker_does_not() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("odd.csv"),
        "Plan 2017/18\nItem,What,Who owns it,Finish,Colour,Tier\n1,Run the audit,Board Manager,31/12/2017,On hold,\n2,Report it,Board Manager,Q4,,\n",
    )
    .unwrap();
    let (code, err) = import(&["odd.csv"], dir.path());
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: odd.csv: CSV file: no header row in the first 30 rows: none names an action column and another (such as Lead or By when)\nhint: name the columns with --columns action=C,lead=D,... (and the header row with --header-row N)\n"
    );
    let (code, err) = import(
        &[
            "odd.csv",
            "--name",
            "Odd",
            "--columns",
            "action=B,lead=Who owns it,due='Finish',status=E,ref=-",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("import: CSV file: the header is row 2\nimport: column A \"Item\": not read\nimport: column B \"What\": action (--columns)\nimport: column C \"Who owns it\": lead (--columns)\nimport: column D \"Finish\": due (--columns)\nimport: column E \"Colour\": status (--columns)\nimport: column F \"Tier\": not read\nimport: no column for: ref, priority, objective, update, updated, impact\n"),
        "{err}"
    );
    let v = actions(dir.path(), "2017-10-01");
    assert_eq!(
        v,
        vec![
            json!(["1.1.1", ["Board Manager"], ["2017-12-31"], [], "on-hold"]),
            json!([
                "1.1.2",
                ["Board Manager"],
                ["2018-03-31"],
                [],
                "not-started"
            ]),
        ]
    );
    // A key lscb does not know, and --columns on a text document.
    let (code, err) = import(&["odd.csv", "--columns", "colour=E"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("--columns: `colour` is not a column lscb reads; use one of ref, priority, objective, action, lead, due, status, update, updated, impact"), "{err}");
    let seed = fixture("import/messy-plan.txt");
    let (code, err) = import(
        &[
            seed.to_str().unwrap(),
            "--columns",
            "action=B",
            "--out",
            "x",
        ],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--columns, --sheet and --header-row are for trackers"),
        "{err}"
    );
}

#[test]
fn a_sheet_and_header_row_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("import/tracker.xlsx");
    let file = file.to_str().unwrap();
    let (code, err) = import(&[file, "--sheet", "Read me"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("sheet \"Read me\": no header row in the first 30 rows"),
        "{err}"
    );
    let (code, err) = import(&[file, "--sheet", "Nope"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("there is no sheet \"Nope\"\nhint: the sheets are \"Read me\", \"Tracker\""),
        "{err}"
    );
    let (code, err) = import(
        &[
            file,
            "--sheet",
            "tracker",
            "--header-row",
            "4",
            "--name",
            "N",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("import: sheet \"Tracker\": the header is row 4\n"),
        "{err}"
    );
}

#[test]
fn a_near_duplicate_of_a_register_lead_folds_into_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("board.toml"),
        "name = \"B\"\n\n[year]\nstart = 2017-04-01\nend = 2018-03-31\n\n[leads.board-chair]\nname = \"Board Chair\"\n\n[leads.policy-and-procedure-sub-group]\nname = \"Policy and Procedure Sub Group\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("t.csv"),
        "Ref,Action,Lead,By when\n1.1,Chair the review,Chair of the Board,Q1\n1.2,Write the policy,Policy & Procedure Sub-group and Chair of the Board,Q2\n",
    )
    .unwrap();
    let (code, err) = import(
        &[
            "t.csv",
            "--leads",
            "board.toml",
            "--out",
            "p",
            "--year-start",
            "2017-04-01",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("import: lead \"Chair of the Board\" folded into \"Board Chair\" of --leads; if they differ, split them in board.toml\nimport: lead \"Policy & Procedure Sub-group\" folded into \"Policy and Procedure Sub Group\" of --leads; if they differ, split them in board.toml\n"),
        "{err}"
    );
    assert!(
        err.contains("wrote p (1 priorities, 2 actions, 2 leads)"),
        "{err}"
    );
    let v = json(&["--plan", "p", "list", "--format", "json"], dir.path(), 0);
    assert_eq!(
        v[1]["leads"],
        json!(["Policy and Procedure Sub Group", "Board Chair"])
    );
}

#[test]
fn the_file_to_import_is_held_to_the_plan_readers_limits() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    let (code, err) = import(&["big.csv"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("big.csv is 68157440 bytes; lscb reads files of at most 64 MiB"),
        "{err}"
    );
    let fifo = dir.path().join("pipe.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // A FIFO is never opened (opening one would hang this test).
    let (code, err) = import(&["pipe.csv"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("pipe.csv is not a regular file"), "{err}");
    let (code, err) = import(&["."], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains(". is not a regular file"), "{err}");
}

#[test]
fn a_plan_written_by_lscb_document_imports_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("plan.docx");
    lscb()
        .args([
            "--plan",
            "plan",
            "document",
            "--format",
            "docx",
            "--as-of",
            "2017-10-01",
            "-o",
        ])
        .arg(&doc)
        .current_dir(root())
        .assert()
        .success();
    let board = root().join("plan/board.toml");
    let (code, err) = import(
        &[doc.to_str().unwrap(), "--leads", board.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("wrote plan (5 priorities, 61 actions, 24 leads)"),
        "{err}"
    );
    // Refs, descriptions (lists and all), leads and deadlines come back exactly.
    let shown = |cwd: &Path| {
        let v = json(
            &["list", "--format", "json", "--as-of", "2017-10-01"],
            cwd,
            0,
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| json!([a["ref"], a["description"], a["leads"], a["deadlines"]]))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(dir.path()), shown(&root()));
    assert_eq!(priority_titles(dir.path()), priority_titles(&root()));
}

#[test]
fn a_csv_saved_by_excel_in_windows_1252_is_read_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("import/tracker.csv")).unwrap();
    // "Café" in Windows-1252 (é is 0xE9), as Excel's "CSV (Comma delimited)"
    // saves it, at the start of the first action's priority cell.
    let at = text.find("\n1.1.1,").expect("a first action row") + "\n1.1.1,".len();
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend_from_slice(b"Caf\xe9 ");
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    let file = dir.path().join("tracker.csv");
    std::fs::write(&file, &bytes).unwrap();
    let (code, err) = import(
        &[
            file.to_str().unwrap(),
            "--name",
            "Northbridge",
            "--out",
            "p",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the file is not UTF-8; read it as Windows-1252"),
        "{err}"
    );
    let all: String = std::fs::read_dir(dir.path().join("p"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(all.contains("Café "), "é read as é");
}
