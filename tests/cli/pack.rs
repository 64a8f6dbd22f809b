//! `lscb pack`: every section, in Markdown, HTML (self-contained, escaped,
//! accessible) and Excel.

use std::io::Read;

use crate::support::{copy_dir, lscb, root, styled, word_paragraphs};

fn pack(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = lscb()
        .args([
            "--plan",
            "examples/northbridge/plan",
            "--as-of",
            "2017-12-01",
            "pack",
            "--next-meeting",
            "2018-01-31",
        ])
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_markdown_pack_has_every_section() {
    let (code, out, err) = pack(&[]);
    assert_eq!(code, 0, "{err}");
    let md = String::from_utf8(out).unwrap();
    for heading in [
        "## Headline figures",
        "## RAG by priority",
        "## Completion by quarter",
        "## Overdue actions (5)",
        "## Due before the next meeting (31 Jan 2018)",
        "## Dropped actions (1)",
        "## Actions by lead",
    ] {
        assert!(md.contains(heading), "missing {heading}:\n{md}");
    }
    // No command-line hints in a paper: without --since, no such section.
    assert!(
        !md.contains("--since") && !md.contains("Since the last meeting"),
        "{md}"
    );
    assert!(
        md.contains("| 2.2.1 | Undertake a multi-agency audit"),
        "{md}"
    );
}

#[test]
fn the_html_pack_is_one_self_contained_escaped_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("examples/northbridge/plan"), &plan);
    let file = plan.join("3-board-effectiveness.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "Produce a seven-minute",
            "Produce <script>alert(1)</script> & a seven-minute",
            1,
        ),
    )
    .unwrap();
    let out = lscb()
        .args([
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            "2017-12-01",
            "pack",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; a seven-minute"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("<link") && !html.contains(" src=") && !html.contains("url("),
        "no external resources"
    );
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("<svg") && html.contains("role=\"img\""));
    assert!(html.contains("<th scope=\"col\">"));
    // RAG is always in words, not colour alone.
    assert!(html.contains("<td class=\"rag amber\">Amber</td>"));
    for (class, word) in [("red", "Red"), ("amber", "Amber"), ("green", "Green")] {
        let cells = html.matches(&format!("<td class=\"rag {class}\">")).count();
        let words = html
            .matches(&format!("<td class=\"rag {class}\">{word}</td>"))
            .count();
        assert_eq!(cells, words, "{class}");
    }
}

#[test]
fn the_excel_pack_has_a_sheet_per_section_with_real_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.xlsx");
    let (code, _, err) = pack(&["--format", "xlsx", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    for sheet in [
        "Headline",
        "RAG by priority",
        "Quarters",
        "Overdue",
        "Due next",
        "By lead",
    ] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{sheet}: {workbook}"
        );
    }
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(
        styles.contains("d mmm yyyy"),
        "dates are formatted as dates"
    );
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(
        strings.contains("red") && strings.contains("amber"),
        "RAG in words"
    );

    let (code, _, err) = pack(&["--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("-o FILE"), "{err}");
}

#[test]
fn the_word_pack_has_heading_styles_repeating_table_headers_and_commentary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.docx");
    let out = lscb()
        .args([
            "--plan",
            "examples/riverside/plan",
            "--as-of",
            "2024-03-01",
            "pack",
            "--format",
            "docx",
            "-o",
        ])
        .arg(&path)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let (paragraphs, footer) = word_paragraphs(&path);
    let styled = |s: &str| styled(&paragraphs, s);
    assert_eq!(styled("Title").len(), 1, "{paragraphs:?}");
    assert_eq!(
        styled("Heading1"),
        [
            "Headline figures",
            "RAG by priority",
            "Completion by quarter",
            "Overdue actions (4)",
            "Due before the next meeting (26 Apr 2024)",
            "Dropped actions (1)",
            "Actions by lead",
        ]
    );
    // The overdue table: a header row Word repeats on every page, then the
    // four overdue actions in order, each with its latest update.
    let cells: Vec<&str> = paragraphs
        .iter()
        .filter(|p| p.0 == "TableText")
        .map(|p| p.1.as_str())
        .collect();
    let header = cells.iter().position(|c| *c == "Days overdue").unwrap();
    assert!(
        paragraphs.iter().any(|p| p.1 == "Days overdue" && p.2),
        "the overdue table's header row is marked to repeat"
    );
    let refs: Vec<&str> = cells[header..]
        .iter()
        .copied()
        .filter(|c| ["4.1.1", "4.1.3", "3.1.3", "2.2.2"].contains(c))
        .take(4)
        .collect();
    assert_eq!(refs, ["4.1.1", "4.1.3", "3.1.3", "2.2.2"]);
    assert!(cells.contains(
        &"20 Feb 2024: Validation found some concerns counted twice when they were transferred between teams; the fix is being tested"
    ));
    assert!(cells.contains(&"Red"), "RAG in words");
    // No command-line hints in a board paper.
    assert!(
        !paragraphs
            .iter()
            .any(|p| p.1.contains("lscb ") || p.1.contains("--"))
    );
    assert!(
        footer.contains(" PAGE ") && footer.contains(" NUMPAGES "),
        "{footer}"
    );
    assert!(footer.contains("as of 1 Mar 2024"), "{footer}");

    // Word is a file: without -o the pack says how, and writes nothing.
    let out = lscb()
        .args([
            "--plan",
            "examples/riverside/plan",
            "pack",
            "--format",
            "docx",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE"));
}

/// An adults board's papers never call it a children's board: every word
/// about the board comes from its own files.
#[test]
fn no_output_calls_an_adults_board_a_childrens_board() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("examples/riverside/plan"), &plan);
    // The plan's own text mentions its children's partnership; take that out
    // so anything left was lscb's own wording.
    for entry in std::fs::read_dir(&plan).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace(
                "Safeguarding Children Partnership",
                "partnership for young people",
            )
            .replace("children's partnership", "young people's partnership"),
        )
        .unwrap();
    }
    let runs: &[&[&str]] = &[
        &["pack"],
        &["pack", "--format", "html"],
        &["document"],
        &["overdue"],
        &["summary"],
        &["leads"],
        &["quarters"],
        &["list"],
        &["show", "2.1.1"],
        &["validate"],
    ];
    for args in runs {
        let out = lscb()
            .arg("--plan")
            .arg(&plan)
            .args(["--as-of", "2024-03-01"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .to_lowercase();
        for word in ["children", "lscb chair", "local safeguarding"] {
            assert!(!text.contains(word), "{args:?} says {word}:\n{text}");
        }
    }
}
