//! `lscb list` and `lscb show` on the shipped plan and on fixtures.

use crate::support::{json, lscb, root};

#[test]
fn the_shipped_plan_lists_all_61_actions_in_the_contract_shape() {
    let v = json(
        &["list", "--format", "json", "--as-of", "2017-04-01"],
        &root(),
        0,
    );
    let actions = v.as_array().unwrap();
    assert_eq!(actions.len(), 61);
    let first = &actions[0];
    assert_eq!(first["ref"], "1.1.1");
    assert_eq!(first["priority"], 1);
    assert_eq!(first["objective"], 1);
    assert_eq!(
        first["leads"],
        serde_json::json!(["CSE Dedicated Consultant Social Worker"])
    );
    assert_eq!(first["deadlines"], serde_json::json!(["2017-05-31"]));
    assert_eq!(first["done"], serde_json::json!([]));
    assert_eq!(first["status"], "not-started");
    assert_eq!(first["rag"], "green");
    assert_eq!(first["file"], "plan/1-child-sexual-exploitation.toml");
    assert!(first["line"].as_u64().unwrap() > 1);
    assert!(
        first["description"]
            .as_str()
            .unwrap()
            .starts_with("Undertake a review of the SERAF")
    );

    let refs: Vec<_> = actions
        .iter()
        .map(|a| a["ref"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = refs.clone();
    sorted.sort_by_key(|r| {
        r.split('.')
            .map(|p| p.parse::<u32>().unwrap())
            .collect::<Vec<_>>()
    });
    assert_eq!(refs, sorted, "ref order, numerically");

    let by_ref = |r: &str| actions.iter().find(|a| a["ref"] == r).unwrap();
    // "Quarterly reports"
    assert_eq!(
        by_ref("3.3.1")["deadlines"],
        serde_json::json!(["2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31"])
    );
    // "Twice yearly"
    assert_eq!(
        by_ref("1.3.2")["deadlines"],
        serde_json::json!(["2017-09-30", "2018-03-31"])
    );
    // "Two during 2017 - 18"
    assert_eq!(by_ref("4.1.1")["deadlines"].as_array().unwrap().len(), 2);
    // Several leads in one cell, aliases resolved to the register's name.
    assert_eq!(
        by_ref("4.3.1")["leads"],
        serde_json::json!([
            "Strategic Safeguarding Service Manager",
            "LSCB Chair",
            "Prison Governor"
        ])
    );
    assert_eq!(
        by_ref("5.2.2")["leads"],
        serde_json::json!(["Board Manager", "SGS College Chaplain"])
    );
}

#[test]
fn filters_narrow_the_list() {
    let count = |args: &[&str]| {
        let mut all = vec!["list", "--format", "json", "--as-of", "2017-10-01"];
        all.extend_from_slice(args);
        json(&all, &root(), 0).as_array().unwrap().len()
    };
    assert_eq!(count(&["--priority", "2"]), 3);
    assert_eq!(count(&["--priority", "2", "--priority", "3"]), 10);
    // Any name or alias of the lead.
    assert_eq!(
        count(&["--lead", "chair of lscb"]),
        count(&["--lead", "LSCB Chair"])
    );
    assert_eq!(count(&["--search", "SERAF"]), 2);
    assert_eq!(count(&["--due-before", "2017-05-01"]), 7);
    assert_eq!(count(&["--due-after", "2018-03-31"]), 1);
    assert_eq!(
        count(&["--status", "not-started"]) + count(&["--status", "overdue"]),
        61
    );
}

#[test]
fn an_unknown_lead_filter_is_a_usage_error_with_a_hint() {
    lscb()
        .args(["list", "--lead", "Bord Manager"])
        .current_dir(root())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean \"Board Manager\"?"));
}

#[test]
fn show_gives_everything_about_one_action() {
    let v = json(
        &["show", "5.2.2", "--format", "json", "--as-of", "2017-10-01"],
        &root(),
        0,
    );
    assert_eq!(v["ref"], "5.2.2");
    assert!(
        v["objective_title"]
            .as_str()
            .unwrap()
            .starts_with("To build on the strategic relationships")
    );
    assert_eq!(v["deadline_states"][0]["state"], "pending");
    lscb()
        .args(["show", "9.9.9"])
        .current_dir(root())
        .assert()
        .code(2);
    lscb()
        .args(["show", "1.x"])
        .current_dir(root())
        .assert()
        .code(2);
}

/// `list --format json` on stdout is written from the rows' fields
/// (`render::json::write_rows`); with `-o` it goes through serde. Both must
/// give the same bytes, for text that needs escaping, empty and nested
/// values, and no rows at all.
#[test]
fn json_on_stdout_is_byte_for_byte_the_serde_json_of_the_rows() {
    let dir = crate::support::temp_plan("minimal");
    let plan = dir.path().join("plan");
    std::fs::write(
        plan.join("2-hostile.toml"),
        concat!(
            "priority = 2\ntitle = \"Two\"\n\n[[objective]]\nnumber = 1\ntitle = \"O\"\n\n",
            "[[action]]\nref = \"1.1\"\n",
            "description = \"quote \\\" back \\\\ bell \\u0007 tab \\t del \\u007f rlo \\u202e é 中 \\u0085 end\"\n",
            "lead = \"Board Manager\"\ndue = [\"2017-05\", \"2017-09\"]\ndone = [2017-05-20]\n\n",
            "[[action.update]]\ndate = 2017-06-01\ntext = \"late: \\\"waiting\\\"\\nsecond line\"\n\n",
            "[[action]]\nref = \"1.2\"\ndescription = \"Dropped one\"\nlead = \"Board Manager\"\n",
            "due = \"2017-06\"\nstatus = \"dropped\"\nnotes = \"Merged into \\\"1.1\\\"\"\n\n",
            "[[action]]\nref = \"1.3\"\ndescription = \"See C:\\\\plans\"\nlead = \"Board Manager\"\nevery = \"quarter\"\n",
        ),
    )
    .unwrap();
    let out_file = dir.path().join("out.json");
    for extra in [&[][..], &["--status", "complete"][..]] {
        let stdout = lscb()
            .args(["list", "--format", "json", "--as-of", "2017-10-01"])
            .args(extra)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(stdout.status.code(), Some(0));
        let written = lscb()
            .args(["list", "--format", "json", "--as-of", "2017-10-01", "-o"])
            .arg(&out_file)
            .args(extra)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(written.status.code(), Some(0));
        let serde = std::fs::read(&out_file).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&stdout.stdout),
            String::from_utf8_lossy(&serde)
        );
        if extra.is_empty() {
            let v: serde_json::Value = serde_json::from_slice(&serde).unwrap();
            let rows = v.as_array().unwrap();
            assert_eq!(rows.len(), 4);
            assert_eq!(
                rows[1]["description"],
                "quote \" back \\ bell \u{7} tab \t del \u{7f} rlo \u{202e} é 中 \u{85} end"
            );
            assert_eq!(rows[1]["commentary"]["date"], "2017-06-01");
            assert_eq!(rows[2]["commentary"]["date"], serde_json::Value::Null);
            // Printable ASCII but for quotes, or a backslash: escaped all the same.
            assert_eq!(rows[2]["commentary"]["text"], "Merged into \"1.1\"");
            assert_eq!(rows[3]["description"], "See C:\\plans");
            assert_eq!(rows[2]["rag"], serde_json::Value::Null);
            let text = String::from_utf8(serde).unwrap();
            assert!(
                text.contains("\\u007f rlo \\u202e é 中 \\u0085 end"),
                "{text}"
            );
        } else {
            assert_eq!(stdout.stdout, b"[]\n");
        }
    }
}
