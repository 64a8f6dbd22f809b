//! Report semantics through the JSON shapes of the contract.

use serde_json::json;

use crate::support::{fixture, json, root};

fn progress(args: &[&str]) -> serde_json::Value {
    let plan = fixture("progress");
    let mut all = vec!["--plan", plan.to_str().unwrap()];
    all.extend_from_slice(args);
    json(&all, &root(), 0)
}

#[test]
fn overdue_json_is_most_overdue_first_with_earliest_deadline_and_missed_count() {
    let v = progress(&["--as-of", "2017-10-01", "overdue", "--format", "json"]);
    let rows = v.as_array().unwrap();
    let refs: Vec<_> = rows.iter().map(|r| r["ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["1.1.9", "1.1.2", "1.1.1", "1.1.3"]);
    assert_eq!(rows[1]["due"], "2017-06-30");
    assert_eq!(rows[1]["days_overdue"], 93);
    assert_eq!(rows[1]["missed"], 1);
    assert_eq!(rows[1]["leads"], json!(["Board Manager"]));

    // Later, more of the quarterly deadlines are missed; the earliest stays the due date.
    let later = progress(&["--as-of", "2018-04-01", "overdue", "--format", "json"]);
    let quarterly = later
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ref"] == "1.1.3")
        .unwrap();
    assert_eq!(quarterly["due"], "2017-12-31");
    assert_eq!(quarterly["missed"], 2);
    // Dropped actions are never overdue.
    assert!(
        later
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["ref"] != "1.1.5")
    );
}

#[test]
fn leads_json_counts_joint_actions_for_each_lead_in_register_order() {
    let v = progress(&["--as-of", "2017-10-01", "leads", "--format", "json"]);
    assert_eq!(
        v,
        json!([
            {"lead": "Board Manager", "key": "board-manager", "actions": 5, "complete": 1, "overdue": 2,
             "open": 4, "dropped": 0, "refs": ["1.1.1", "1.1.2", "1.1.4", "1.1.7", "2.1.9"]},
            {"lead": "LSCB Chair", "key": "lscb-chair", "actions": 4, "complete": 0, "overdue": 0,
             "open": 4, "dropped": 0, "refs": ["1.1.6", "1.1.7", "1.1.8", "2.1.10"]},
            {"lead": "Training Sub Group", "key": "training", "actions": 3, "complete": 0, "overdue": 2,
             "open": 2, "dropped": 1, "refs": ["1.1.3", "1.1.5", "1.1.9"]}
        ])
    );
    let one = progress(&[
        "--as-of",
        "2017-10-01",
        "leads",
        "chair of lscb",
        "--format",
        "json",
    ]);
    assert_eq!(one.as_array().unwrap().len(), 4);
    assert_eq!(one[0]["ref"], "1.1.6");
    assert_eq!(one[0]["status"], "on-hold");
}

#[test]
fn quarters_json_counts_deadlines_and_percent_met() {
    let v = progress(&["--as-of", "2017-10-01", "quarters", "--format", "json"]);
    let q1 = &v[1];
    assert_eq!(q1["quarter"], "2017/18 Q1");
    assert_eq!(
        (&q1["start"], &q1["end"]),
        (&json!("2017-04-01"), &json!("2017-06-30"))
    );
    assert_eq!(
        [
            &q1["due"],
            &q1["met_on_time"],
            &q1["met_late"],
            &q1["overdue"],
            &q1["pending"]
        ],
        [&json!(3), &json!(2), &json!(0), &json!(1), &json!(0)]
    );
    assert_eq!(q1["percent_met"], 66.7);
    assert_eq!(v[0]["quarter"], "2016/17 Q4");
    assert_eq!(v[5]["quarter"], "2018/19 Q1");

    let cal = json(
        &[
            "--plan",
            fixture("calendar-year").to_str().unwrap(),
            "--as-of",
            "2017-10-01",
            "quarters",
            "--format",
            "json",
        ],
        &root(),
        0,
    );
    let labels: Vec<_> = cal
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2017 Q1", "2017 Q2", "2017 Q3", "2017 Q4"]);
}

#[test]
fn summary_json_has_totals_and_per_priority_counts() {
    let v = progress(&["--as-of", "2017-10-01", "summary", "--format", "json"]);
    let t = &v["totals"];
    assert_eq!(
        (&t["actions"], &t["complete"], &t["overdue"], &t["dropped"]),
        (&json!(11), &json!(1), &json!(4), &json!(1))
    );
    assert_eq!(
        (&t["red"], &t["amber"], &t["green"]),
        (&json!(4), &json!(2), &json!(4))
    );
    assert_eq!(t["percent_complete"], 10.0);
    assert_eq!(v["priorities"][0]["priority"], 1);
    assert_eq!(v["priorities"][1]["actions"], 2);
}

/// The acceptance check: on the shipped plan, as of 1 October 2017 (no
/// progress recorded), overdue lists exactly the actions whose first deadline is
/// before that day.
#[test]
fn shipped_plan_overdue_is_every_action_first_due_before_the_day() {
    let all = json(
        &["list", "--format", "json", "--as-of", "2017-10-01"],
        &root(),
        0,
    );
    let mut expected: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["deadlines"][0].as_str().unwrap() < "2017-10-01")
        .map(|a| a["ref"].as_str().unwrap().to_string())
        .collect();
    let overdue = json(
        &["overdue", "--format", "json", "--as-of", "2017-10-01"],
        &root(),
        0,
    );
    let mut got: Vec<String> = overdue
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["ref"].as_str().unwrap().to_string())
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(got.len(), 46);
}
