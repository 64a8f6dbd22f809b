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
