//! `lscb document`: the plan as the document a board publishes, in Word,
//! HTML and Markdown.

use crate::support::{lscb, root, styled, word_paragraphs};

fn document(args: &[&str]) -> std::process::Output {
    lscb()
        .args(["--plan", "plan", "--as-of", "2017-12-01", "document"])
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn the_word_document_has_each_priority_objective_and_action_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    let out = document(&["--format", "docx", "-o", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (paragraphs, footer) = word_paragraphs(&path);
    let styled = |s: &str| styled(&paragraphs, s);
    assert_eq!(
        styled("Title"),
        ["South Gloucestershire Local Safeguarding Children Board: business plan 2017/18"]
    );
    let priorities = styled("Heading1");
    assert_eq!(priorities.len(), 5, "{priorities:?}");
    assert!(priorities[1].starts_with("Priority 2: To actively seek to capture"));
    assert_eq!(styled("Heading2").len(), 27, "one heading per objective");
    assert!(
        styled("Heading2")
            .contains(&"Objective 2: To rewrite and relaunch the multi-agency CSE guidance")
    );
    // Every action's ref is in a table, once.
    let cells = styled("TableText");
    let refs = cells
        .iter()
        .filter(|c| {
            let parts: Vec<&str> = c.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(refs, 61);
    // The first table: its header row (repeated on each page) and first action.
    let header: Vec<&str> = paragraphs
        .iter()
        .filter(|p| p.2 && p.0 == "TableText")
        .take(6)
        .map(|p| p.1.as_str())
        .collect();
    assert_eq!(
        header,
        [
            "Ref",
            "Action",
            "Lead",
            "Completion",
            "RAG",
            "Latest update"
        ]
    );
    let at = cells.iter().position(|c| *c == "1.1.1").unwrap();
    assert_eq!(
        cells[at + 2..at + 5],
        ["CSE Dedicated Consultant Social Worker", "May 2017", "Red"]
    );
    // Recurring deadlines in words; a description written as a list is a list.
    let at = cells.iter().position(|c| *c == "1.3.2").unwrap();
    assert_eq!(cells[at + 3], "Every half-year");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.0 == "ListBullet" && p.1 == "Research from other LSCBs")
    );
    assert!(
        footer.contains("business plan 2017/18, as of 1 Dec 2017"),
        "{footer}"
    );
}

#[test]
fn the_markdown_and_html_documents_say_the_same() {
    let out = document(&[]);
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with(
        "# South Gloucestershire Local Safeguarding Children Board: business plan 2017/18\n"
    ));
    assert!(md.contains("\n### Objective 1: To ensure the seraf is a useful tool"));
    assert!(md.contains(
        "| 1.3.2 | Monitor the completion of CSE training amongst the social care workforce"
    ));
    assert!(md.contains("| Every half-year | Red |"), "{md}");
    let out = document(&["--format", "html"]);
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<h3>Objective 1: To ensure the seraf is a useful tool"));
    assert!(html.contains("<li>Research from other LSCBs</li>"));
    // Word needs a file.
    let out = document(&["--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("a Word document is written to a file, not to standard output")
    );
}

#[test]
fn completion_is_in_the_boards_words() {
    let out = lscb()
        .args([
            "--plan",
            "examples/northbridge/plan",
            "--as-of",
            "2017-12-01",
            "document",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    let row = |r: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| {r} |")))
            .unwrap_or_else(|| panic!("no row {r}:\n{md}"))
            .to_string()
    };
    // A recurring deadline; a day that is not a month's end; a month's end.
    assert!(row("1.1.3").contains("| Quarterly |"), "{}", row("1.1.3"));
    assert!(row("1.2.2").contains("| 15 Nov 2017 |"), "{}", row("1.2.2"));
    assert!(
        row("3.1.2").contains("| October 2017 |"),
        "{}",
        row("3.1.2")
    );
}
