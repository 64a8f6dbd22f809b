//! `--format xlsx -o FILE` for every report: the workbook read back with
//! calamine, its cells checked (real dates, numbers, the header row).

use calamine::{Data, DataType, Reader, open_workbook_auto_from_rs};

use crate::support::{lscb, root};

/// Runs a report on the Northbridge board as of 1 December 2017 into an
/// Excel file; gives its first sheet's rows.
fn workbook(args: &[&str]) -> (Vec<String>, Vec<Vec<Data>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let out = lscb()
        .args([
            "--plan",
            "examples/northbridge/plan",
            "--as-of",
            "2017-12-01",
        ])
        .args(args)
        .args(["--format", "xlsx", "-o", path.to_str().unwrap()])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&path).unwrap();
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    (names, range.rows().map(<[Data]>::to_vec).collect())
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_report_writes_a_workbook_with_real_dates() {
    let (sheets, rows) = workbook(&["overdue"]);
    assert_eq!(sheets, ["Overdue"]);
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "Ref",
            "Action",
            "Lead",
            "Due",
            "Days overdue",
            "Missed",
            "Latest update"
        ]
    );
    assert_eq!(text(&rows[1][0]), "2.1.3");
    assert_eq!(
        rows[1][3].as_date(),
        chrono::NaiveDate::from_ymd_opt(2017, 6, 30),
        "a real date cell"
    );
    assert_eq!(rows[1][4], Data::Float(154.0));

    let (_, rows) = workbook(&["list"]);
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header[..4], ["Ref", "Priority", "Objective", "Action"]);
    assert_eq!(rows.len(), 17, "a header and 16 actions");

    let (_, rows) = workbook(&["quarters"]);
    assert_eq!(text(&rows[0][0]), "Quarter");
    assert_eq!(
        rows[1][1].as_date(),
        chrono::NaiveDate::from_ymd_opt(2017, 4, 1)
    );

    let (_, rows) = workbook(&["summary"]);
    assert_eq!(text(&rows[0][0]), "Priority");
    assert_eq!(text(&rows.last().unwrap()[1]), "All priorities");

    let (_, rows) = workbook(&["leads"]);
    assert_eq!(text(&rows[1][0]), "Board Manager");
    assert_eq!(rows[1][2], Data::Float(2.0));
}

#[test]
fn an_excel_workbook_never_goes_to_the_terminal() {
    let out = lscb()
        .args([
            "--plan",
            "examples/northbridge/plan",
            "list",
            "--format",
            "xlsx",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o FILE"));
}
