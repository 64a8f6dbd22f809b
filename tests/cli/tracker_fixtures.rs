//! The tracker and Word-table fixtures of `tests/fixtures/import/`, defined
//! here and written by `cargo test -- --ignored write_import_fixtures`; a test
//! holds the committed files to these definitions.

use std::io::{Read, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::support::fixture;

/// A cell of the tracker: text, or a date (a date cell in the workbook, a UK
/// date in the CSV file).
#[derive(Clone, Copy)]
pub enum C {
    S(&'static str),
    D(i32, u32, u32),
}

use C::{D, S};

const E: C = S("");

/// The workbook's tracker sheet: title rows, a blank row, the header, and one
/// row per action with blank cells continuing the group above. The CSV file
/// holds the same rows under other names boards give the columns.
pub const XLSX_HEADER: [&str; 11] = [
    "No.",
    "Priority",
    "Objective",
    "Action",
    "Lead(s)",
    "By when",
    "RAG",
    "Update",
    "Date of update",
    "Impact",
    "Notes",
];
pub const CSV_HEADER: [&str; 11] = [
    "Ref",
    "Priority",
    "Outcome",
    "What we will do",
    "Owner",
    "Timescale",
    "Status",
    "Progress",
    "Updated",
    "How will we know?",
    "Notes",
];

pub const TITLES: [&str; 2] = [
    "Northbridge Safeguarding Children Board",
    "Business plan action tracker 2020/21",
];

#[rustfmt::skip]
pub const ROWS: &[[C; 11]] = &[
    [S("1.1.1"), S("1. Keep children safe online"), S("Train the workforce"),
     S("Run online safety training for all schools"),
     S("Training Sub Group and Education Lead"), D(2020, 9, 30), S("Green"),
     S("Two sessions held"), D(2020, 7, 15), S("Staff report more confidence"), S("for the board")],
    [S("1.1.2"), E, E,
     S("Review the online safety guidance:\n• for schools\n   ◦ primary\n   ◦ secondary\n• for parents"),
     S("Education Lead"), S("Q3"), S("On hold"),
     S("Waiting for national guidance"), S("01/10/2020"), E, E],
    [S("1.1.3"), E, E, S("Report to the Board"),
     S("Board Manager; Chair of the Board"), S("Quarterly"), S("Amber"), E, E, E, E],
    [S("1.2.1"), E, S("Hear from children"), S("Survey pupils"),
     S("Policy and Procedure Sub Group and Task and Finish Group"), S("end of March 2021"),
     S("Complete"), S("Survey done; results to the Board in April"), D(2021, 3, 20), E, E],
    [S("1.2.2"), E, E, S("Publish a \"you said, we did\" report"),
     S("Policy & Procedure Sub Group"), S("Quarter 4"), S("Completed 12/02/2021"), E, E, E, E],
    [E, E, E, E, E, E, E, E, E, E, E],
    [E, S("Priority 2: Neglect"), E, E, E, E, E, E, E, E, E],
    [E, E, S("2.1 Use the neglect toolkit"), S("Train staff in the toolkit"),
     S("Task and Finish Group"), S("31/12/2020"), S("Dropped"),
     S("Replaced by the national programme"), E, E, E],
    [S("2.1.2"), E, E, S("Audit use of the toolkit"),
     S("Policy and Procedure Sub Group, Board Manager"), S("Twice yearly"), S("Red"),
     S("01/09/2020: Audit tool agreed\n05/11/2020: First audit started"), E, E, E],
    [S("2.1.3"), E, E, S("Report the findings"),
     S("Chair of LSCB / Board Manager"), S("Dec 20"), S("Not started"), E, E, E, E],
    [S("2.2.1"), E, S("Hear from families"), S("Ask families what helped"),
     S("LSCB Chair"), S("ongoing"), S("In progress"), S("Questions drafted"),
     D(2020, 11, 30), E, E],
    [S("2.2.2"), E, E, S("Run a family panel"), S("Training Sub Group"),
     S("31 January 2021"), E, E, E, E, E],
    [S("2.2.3"), E, E, S("Share what families said with partners"),
     S("Chair LSCB & Education Lead"), S("Two during 2020 - 21"), E, E, E, E, E],
    [S("2.2.4"), E, E, S("Train panel members"), S("Training Subgroup"),
     S("by 28/02/2021"), S("G"), E, E, E, E],
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The tracker as a workbook: a "Read me" sheet first, then the tracker.
pub fn tracker_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2020, 4, 1).unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let readme = wb.add_worksheet().set_name("Read me").unwrap();
    readme
        .write_string(0, 0, "Update the tracker before each board meeting.")
        .unwrap();
    let ws = wb.add_worksheet().set_name("Tracker").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, title) in TITLES.iter().enumerate() {
        ws.write_string(r as u32, 0, *title).unwrap();
    }
    let header = TITLES.len() as u32 + 1;
    for (c, name) in XLSX_HEADER.iter().enumerate() {
        ws.write_string(header, c as u16, *name).unwrap();
    }
    for (r, row) in ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (header + 1 + r as u32, c as u16);
            match cell {
                S("") => {}
                S(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                D(y, m, d) => {
                    ws.write_date_with_format(r, c, day(*y, *m, *d), &date)
                        .unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The tracker as CSV (Excel's: CRLF, quotes where needed), dates as UK dates.
pub fn tracker_csv() -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for title in TITLES {
        w.write_record([title]).unwrap();
    }
    w.write_record(CSV_HEADER).unwrap();
    for row in ROWS {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                S(s) => (*s).to_string(),
                D(y, m, d) => day(*y, *m, *d).format("%d/%m/%Y").to_string(),
            })
            .collect();
        w.write_record(&cells).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// A paragraph of `word/document.xml`, in a style (or none).
pub fn para(style: &str, text: &str) -> String {
    let ppr = if style.is_empty() {
        String::new()
    } else {
        format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
    };
    format!(
        "<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape(text)
    )
}

/// A list item paragraph at a level.
fn item(level: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
        escape(text)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A table: rows of cells, each cell one or more paragraphs (already XML).
pub fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::from("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>");
    for row in rows {
        out.push_str("<w:tr>");
        for cell in row {
            out.push_str("<w:tc>");
            out.push_str(cell);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| para("", t)).collect()
}

/// The layout `lscb document --format docx` writes: Heading 1 "Priority N:
/// TITLE", Heading 2 "Objective N: TITLE", a table per objective with the
/// header `Ref | Action | Lead | Completion | RAG | Latest update`.
pub fn document_layout_xml() -> String {
    let header = cells(&[
        "Ref",
        "Action",
        "Lead",
        "Completion",
        "RAG",
        "Latest update",
    ]);
    let mut training = vec![para("", "Run online safety training:")];
    training.push(item(0, "for schools"));
    training.push(item(1, "primary"));
    training.push(item(1, "secondary"));
    training.push(item(0, "for parents"));
    let mut row1 = vec![para("", "1.1.1")];
    row1.push(training.concat());
    row1.extend(cells(&[
        "Training Sub Group; Education Lead",
        "30 September 2017",
        "Green",
        "10 Jun 2017: Two sessions held",
    ]));
    let body = [
        para(
            "Title",
            "Northbridge Safeguarding Children Board business plan 2017/18",
        ),
        para("", "Produced by lscb."),
        para("Heading1", "Priority 1: To keep children safe online"),
        para("Heading2", "Objective 1: To train the workforce"),
        table(&[
            header.clone(),
            row1,
            cells(&[
                "1.1.2",
                "Report to the Board",
                "Board Manager",
                "Quarterly",
                "Amber",
                "",
            ]),
            cells(&[
                "1.1.3",
                "Review the guidance",
                "Education Lead",
                "May 2017",
                "Red",
                "",
            ]),
        ]),
        para("Heading2", "Objective 2: To hear from children"),
        table(&[
            header.clone(),
            cells(&[
                "1.2.1",
                "Survey pupils",
                "Policy and Procedure Sub Group; Task and Finish Group",
                "Every half-year",
                "Amber",
                "",
            ]),
            cells(&[
                "1.2.2",
                "Publish the results",
                "Board Manager",
                "30 June 2017, 31 December 2017",
                "Green",
                "",
            ]),
            cells(&[
                "1.2.3",
                "Report to partners",
                "LSCB Chair",
                "September 2017, March 2018",
                "Green",
                "",
            ]),
        ]),
        para("Heading1", "Priority 2: To tackle neglect"),
        para("Heading2", "Objective 1: To use the neglect toolkit"),
        table(&[
            header,
            cells(&[
                "2.1.1",
                "Train staff in the toolkit",
                "Task and Finish Group",
                "31 March 2018",
                "-",
                "1 Sep 2017: Replaced by the national programme",
            ]),
        ]),
    ];
    body.concat()
}

/// A tracker kept as one Word table, with the column names of a tracker.
pub fn tracker_table_xml() -> String {
    let rows = vec![
        cells(&[
            "Ref",
            "Priority",
            "Outcome",
            "Action",
            "Responsible",
            "Deadline",
            "RAG/Status",
            "Commentary",
        ]),
        cells(&[
            "1.1",
            "Keep children safe online",
            "Train the workforce",
            "Run online safety training",
            "Training Sub-group",
            "Q2",
            "On hold",
            "",
        ]),
        cells(&[
            "1.2",
            "",
            "",
            "Report to the Board",
            "Board Manager",
            "Quarterly",
            "",
            "",
        ]),
        cells(&[
            "1.1",
            "Neglect",
            "Use the toolkit",
            "Train staff in the toolkit",
            "Training Sub Group and Board Manager",
            "31/12/2017",
            "Amber",
            "12/10/2017: Dates set",
        ]),
    ];
    [
        para("", "Action plan 2017-18"),
        table(&rows),
        para("", "Key: R = off track, A = at risk, G = on track"),
    ]
    .concat()
}

/// A Word file holding `body` (the inside of `<w:body>`).
pub fn docx(body: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        let parts = [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string(),
            ),
            (
                "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
            ),
            (
                "word/document.xml",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
                ),
            ),
        ];
        for (name, text) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// Every generated fixture: (file under tests/fixtures/import, bytes).
fn generated() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("tracker.xlsx", tracker_xlsx()),
        ("tracker.csv", tracker_csv().into_bytes()),
        ("document-tables.docx", docx(&document_layout_xml())),
        ("tracker-table.docx", docx(&tracker_table_xml())),
    ]
}

#[test]
#[ignore = "writes the fixtures: cargo test -- --ignored write_import_fixtures"]
fn write_import_fixtures() {
    for (name, bytes) in generated() {
        std::fs::write(fixture("import").join(name), bytes).unwrap();
    }
}

/// The cells of every sheet, read back with calamine.
fn workbook_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Data, DataType, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::DateTime(_) => format!("date {}", c.as_date().unwrap()),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn document_xml(bytes: &[u8]) -> String {
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_committed_fixtures_are_the_generated_ones() {
    for (name, bytes) in generated() {
        let path = fixture("import").join(name);
        let committed = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run cargo test -- --ignored write_import_fixtures",
                path.display()
            )
        });
        let same = match Path::new(name).extension().and_then(|e| e.to_str()) {
            Some("xlsx") => workbook_cells(&committed) == workbook_cells(&bytes),
            Some("docx") => document_xml(&committed) == document_xml(&bytes),
            _ => committed == bytes,
        };
        assert!(
            same,
            "{name} differs from its definition in tests/cli/tracker_fixtures.rs; run cargo test -- --ignored write_import_fixtures"
        );
    }
    // The workbook really holds date cells where the definition has dates.
    let cells = workbook_cells(&tracker_xlsx());
    assert_eq!(cells[1].0, "Tracker");
    assert_eq!(cells[1].1[4][5], "date 2020-09-30");
}
