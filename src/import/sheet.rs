//! Spreadsheets (xlsx, xls, ods through calamine) and CSV files as rows of
//! cells, date cells kept as dates. Pure: bytes in, rows out.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, open_workbook_auto_from_rs};

use super::table::{Cell, Row};
use crate::error::{Error, Result};

/// One sheet: its name and rows, the first row and column where the
/// spreadsheet has them (so column letters are the spreadsheet's own).
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
}

/// Every sheet of a workbook (the format is told by the content).
pub fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>> {
    let not_sheet = |why: String| {
        Error::usage(format!("not a spreadsheet lscb can read: {why}"))
            .with_hint("save it from Excel as .xlsx, or as CSV")
    };
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| not_sheet(e.to_string()))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| not_sheet(e.to_string()))?;
        // The used range may start below and right of A1.
        let (top, left) = range.start().unwrap_or((0, 0));
        let left = usize::try_from(left).unwrap_or(0);
        let mut rows: Vec<Row> = (0..top).map(|_| Vec::new()).collect();
        for r in range.rows() {
            let mut row: Row = vec![Cell::default(); left];
            row.extend(r.iter().map(cell));
            while row.last().is_some_and(|c| *c == Cell::default()) {
                row.pop();
            }
            rows.push(row);
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::DateTime(_) | Data::DateTimeIso(_) => match d.as_date() {
            Some(day) => Cell::date(day),
            None => Cell::text(d.to_string()),
        },
        Data::String(s) => Cell::text(s.clone()),
        // Numbers come as floats even when whole (a ref of 3 is 3.0).
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cell::text(format!("{f:.0}")),
        Data::Float(f) => Cell::text(f.to_string()),
        Data::Int(i) => Cell::text(i.to_string()),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::Empty | Data::Error(_) | Data::DurationIso(_) => Cell::default(),
    }
}

/// A CSV file's rows. The separator is the one the first lines use most
/// (",", ";" as Excel writes CSV in much of Europe, or a tab); a byte-order
/// mark is dropped; text that is not UTF-8 is read as Windows-1252, as Excel
/// saves "CSV (Comma delimited)", and said so in the second value.
pub fn csv_rows(bytes: &[u8]) -> Result<(Vec<Row>, Option<String>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), None),
        Err(_) => (
            windows_1252(bytes),
            Some("the file is not UTF-8; read it as Windows-1252 (Excel's \"CSV (Comma delimited)\")".to_string()),
        ),
    };
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| head.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| Error::usage(format!("not a CSV file lscb can read: {e}")))?;
        rows.push(record.iter().map(Cell::text).collect());
    }
    Ok((rows, note))
}

/// Windows-1252 bytes as text (Latin-1, with the printable characters Windows
/// puts at 0x80-0x9F: curly quotes, dashes, the euro sign).
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_separators_marks_and_encodings() {
        let (rows, note) = csv_rows(b"\xEF\xBB\xBFRef;Action\n1;\"Do it; now\"\n").unwrap();
        assert_eq!(rows[1][1].text, "Do it; now");
        assert!(note.is_none());
        let (rows, note) = csv_rows(b"Ref,Action\n1,\x93Quoted\x94 \x96 caf\xe9\n").unwrap();
        assert_eq!(rows[1][1].text, "\u{201c}Quoted\u{201d} \u{2013} caf\u{e9}");
        assert!(note.is_some());
    }

    #[test]
    fn garbage_is_not_a_spreadsheet() {
        let err = workbook(b"not a workbook at all").err().unwrap();
        assert!(err.to_string().contains("not a spreadsheet"), "{err}");
    }
}
