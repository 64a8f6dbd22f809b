//! `lscb annual`: the plan year's report, on the fictional Riverside adults
//! board's whole year 2023/24.

use serde_json::{Value, json};

use crate::support::{copy_dir, json, lscb, root, styled, word_paragraphs};

const RIVERSIDE: &str = "examples/riverside/plan";

fn annual(plan: &str, args: &[&str]) -> std::process::Output {
    lscb()
        .args(["--plan", plan])
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The report's priorities without their titles (checked on their own).
fn priorities(v: &Value) -> Vec<Value> {
    v["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.as_object_mut().unwrap().remove("title");
            p
        })
        .collect()
}

#[test]
fn the_json_has_the_years_figures_as_of_its_end_whatever_today_is() {
    // `lscb()` sets today to 1 Oct 2017; the report is still as of the
    // plan year's end, 31 March 2024.
    let v = json(
        &["--plan", RIVERSIDE, "annual", "--format", "json"],
        &root(),
        0,
    );
    let mut top = v.clone();
    top.as_object_mut().unwrap().remove("priorities");
    assert_eq!(
        top,
        json!({
            "as_of": "2024-03-31",
            "actions": 21,
            "complete": 10,
            "complete_on_time": 7,
            "complete_late": 3,
            "open": 10,
            "dropped": 1,
            "deadlines_moved": 4,
        })
    );
    assert_eq!(
        priorities(&v),
        [
            json!({"priority": 1, "actions": 5, "complete": 3, "complete_on_time": 2,
                "complete_late": 1, "open": 2, "dropped": 0, "deadlines_moved": 2,
                "open_refs": ["1.1.3", "1.2.2"], "dropped_refs": []}),
            json!({"priority": 2, "actions": 5, "complete": 3, "complete_on_time": 2,
                "complete_late": 1, "open": 2, "dropped": 0, "deadlines_moved": 2,
                "open_refs": ["2.1.1", "2.2.2"], "dropped_refs": []}),
            json!({"priority": 3, "actions": 5, "complete": 3, "complete_on_time": 2,
                "complete_late": 1, "open": 2, "dropped": 0, "deadlines_moved": 0,
                "open_refs": ["3.1.3", "3.2.1"], "dropped_refs": []}),
            json!({"priority": 4, "actions": 6, "complete": 1, "complete_on_time": 1,
                "complete_late": 0, "open": 4, "dropped": 1, "deadlines_moved": 0,
                "open_refs": ["4.1.1", "4.1.3", "4.2.2", "4.2.3"], "dropped_refs": ["4.1.2"]}),
        ]
    );
    assert!(
        v["priorities"][2]["title"]
            .as_str()
            .unwrap()
            .starts_with("To improve the multi-agency response to adults who self-neglect")
    );
}

#[test]
fn as_of_a_day_in_the_year_done_dates_and_moves_after_it_do_not_count() {
    let v = json(
        &[
            "--plan",
            RIVERSIDE,
            "--as-of",
            "2023-10-01",
            "annual",
            "--format",
            "json",
        ],
        &root(),
        0,
    );
    assert_eq!(v["as_of"], "2023-10-01");
    // 1.1.2, 3.2.2 and 4.2.1 on time, 2.1.2 late; the moves of 20 June and
    // 22 August, not those of 17 October and 28 November.
    for (key, n) in [
        ("complete", 4),
        ("complete_on_time", 3),
        ("complete_late", 1),
        ("open", 16),
        ("dropped", 1),
        ("deadlines_moved", 2),
    ] {
        assert_eq!(v[key], n, "{key}");
    }
    // 1.2.1 was done in December: open on 1 October.
    assert_eq!(
        v["priorities"][0]["open_refs"],
        json!(["1.1.1", "1.1.3", "1.2.1", "1.2.2"])
    );
}

#[test]
fn the_markdown_says_what_was_delivered_carried_over_dropped_and_moved() {
    let md = stdout(&annual(RIVERSIDE, &["annual"]));
    assert!(md.starts_with(
        "# Riverside Safeguarding Adults Board (fictional): annual report on the business plan 2023/24\n"
    ), "{md}");
    for text in [
        "Plan year 1 April 2023 to 31 March 2024; figures as of 31 March 2024.",
        "Of 21 actions, 10 were complete by 31 March 2024: 7 on time and 3 late; 10 were still open and 1 was dropped.",
        "Deadlines were moved 4 times during the year, on 3 actions.",
        "| All priorities | 21 | 10 | 7 | 3 | 10 | 1 | 4 |",
        "## Priority 4: To ensure the Board is assured that partners' safeguarding arrangements are effective",
        "Of 6 actions, 1 was complete by 31 March 2024, on time; 4 were still open and 1 was dropped.",
        "One deadline was moved twice during the year.",
        "### Delivered (3)",
        "### Carried over to next year (4)",
        "### Dropped (1)",
        "### Deadlines moved (2)",
        // Delivered late, with the deadline missed; and the intended impact.
        "| 9 Aug 2023 | Late: due 30 Jun 2023, done 9 Aug 2023 | Referrals for a SAR are decided consistently",
        "| 26 Mar 2024 | Late (1 of 4 deadlines): due 30 Sep 2023, done 18 Oct 2023 |",
        // Met on time against a deadline moved in time.
        "| 7 Dec 2023 | On time | The Board hears directly from adults and carers",
        // Carried over: what is still due, and where it stands.
        "| Quality and Performance Sub Group; Head of Adult Social Care | 31 Dec 2023, 31 Mar 2024 | overdue | 26 Mar 2024: Q3 and Q4 dashboards to go to the May Board together |",
        // Dropped, and why.
        "| 27 Jun 2023 | Dropped at the June Board: the government has postponed the Liberty Protection Safeguards",
        // Every move: when, from, to and why.
        "| 20 Jun 2023 | Jul 2023 | Oct 2023 | Publication deferred: the police asked",
        "| 17 Oct 2023 | Oct 2023 | May 2024 | The trial has been adjourned to March 2024",
        "| 28 Nov 2023 | 31 Dec 2023 | 31 Jan 2024 | The Chair agreed",
        "| 22 Aug 2023 | Sep 2023 | Dec 2023 | Deadline moved from September to December",
    ] {
        assert!(md.contains(text), "missing {text:?}:\n{md}");
    }
    // Nothing was dropped or moved under priority 3, so no such headings.
    let p3 = &md[md.find("## Priority 3").unwrap()..md.find("## Priority 4").unwrap()];
    assert!(
        !p3.contains("### Dropped") && !p3.contains("### Deadlines moved"),
        "{p3}"
    );
    assert_eq!(
        md.matches("| 2.1.1 |").count(),
        3,
        "carried over, moved twice"
    );
}

#[test]
fn before_the_years_end_open_actions_are_still_open_not_carried_over() {
    let md = stdout(&annual(RIVERSIDE, &["--as-of", "2023-10-01", "annual"]));
    assert!(md.contains("### Still open (4)"), "{md}");
    assert!(!md.contains("Carried over"), "{md}");
    assert!(
        md.contains("Deadlines were moved twice in the year up to 1 October 2023, on 2 actions.")
    );
}

#[test]
fn the_html_report_escapes_what_the_plan_says() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join(RIVERSIDE), &plan);
    let file = plan.join("4-board-assurance.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "notes = \"Dropped at the June Board:",
            "notes = \"<script>alert(1)</script> & <b>Dropped</b> at the June Board:",
            1,
        ),
    )
    .unwrap();
    let file = plan.join("2-learning-from-reviews.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "text = \"Publication deferred:",
            "text = \"<img src=x onerror=alert(2)> Publication deferred:",
            1,
        ),
    )
    .unwrap();
    let html = stdout(&annual(
        plan.to_str().unwrap(),
        &["annual", "--format", "html"],
    ));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Dropped&lt;/b&gt; at the June Board"
    ));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; Publication deferred"));
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains(
        "<h1>Riverside Safeguarding Adults Board (fictional): annual report on the business plan 2023/24</h1>"
    ));
    assert!(html.contains("<h3>Deadlines moved (2)</h3>"));
}

#[test]
fn the_word_report_has_a_title_a_heading_per_priority_and_the_moves_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annual.docx");
    let out = annual(
        RIVERSIDE,
        &["annual", "--format", "docx", "-o", path.to_str().unwrap()],
    );
    stdout(&out);
    let (paragraphs, footer) = word_paragraphs(&path);
    let styled = |s: &str| styled(&paragraphs, s);
    assert_eq!(
        styled("Title"),
        [
            "Riverside Safeguarding Adults Board (fictional): annual report on the business plan 2023/24"
        ]
    );
    let headings = styled("Heading1");
    assert_eq!(headings.len(), 5, "{headings:?}");
    assert_eq!(headings[0], "The year in figures");
    for (i, h) in headings[1..].iter().enumerate() {
        assert!(h.starts_with(&format!("Priority {}: To ", i + 1)), "{h}");
    }
    assert!(styled("Heading2").contains(&"Deadlines moved (2)"));
    let body = styled("");
    assert!(body.contains(
        &"Of 21 actions, 10 were complete by 31 March 2024: 7 on time and 3 late; 10 were still open and 1 was dropped."
    ), "{body:?}");
    // The moves table: its header row, then each move's cells after the action.
    let cells = styled("TableText");
    let header = ["Ref", "Action", "Moved on", "From", "To", "Why"];
    let at = cells
        .windows(header.len())
        .position(|w| w == header)
        .expect("the moves table's header");
    assert!(
        paragraphs.iter().any(|p| p.2 && p.1 == "Moved on"),
        "a header row"
    );
    let rows = &cells[at + header.len()..];
    assert_eq!(rows[0], "1.1.1");
    assert_eq!(rows[2..5], ["28 Nov 2023", "31 Dec 2023", "31 Jan 2024"]);
    assert!(rows[5].starts_with("The Chair agreed that the December Board"));
    assert_eq!(rows[6], "1.2.1");
    assert_eq!(rows[8..11], ["22 Aug 2023", "Sep 2023", "Dec 2023"]);
    // The dropped action's reason.
    assert!(cells.iter().any(|c| c.starts_with(
        "Dropped at the June Board: the government has postponed the Liberty Protection Safeguards"
    )));
    assert!(
        footer.contains("annual report on the business plan 2023/24, as of 31 Mar 2024"),
        "{footer}"
    );
}

#[test]
fn a_word_report_needs_a_file() {
    let out = annual(RIVERSIDE, &["annual", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a Word document is written to a file, not to standard output"),
        "{err}"
    );
    assert!(err.contains("-o"), "{err}");
}

#[test]
fn an_invalid_plan_is_refused() {
    let out = annual(
        "tests/fixtures/invalid/bad-date",
        &["annual", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"2017-13\" is not a month or a date"),
        "{err}"
    );
}
