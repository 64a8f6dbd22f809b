//! Documents as CSV (RFC 4180): every data table, keys as headers, ISO dates.
//! Consecutive tables with the same columns are one table (a report grouped
//! per lead is one CSV with a `lead` column).

use std::io::{self, Write};

use super::{neutral, through};
use crate::doc::{Audience, Cell, Document};
use crate::error::csv_io;

/// A cell as CSV writes it onto the end of `out`: data as data, text made
/// inert. Into one string a row, so a row of numbers and dates makes no
/// string of its own for each (a 100k-row list has six such cells a row).
fn push_field(out: &mut String, cell: &Cell<'_>) {
    match cell {
        Cell::Text(_) | Cell::Ref(_) | Cell::List(_) => {
            out.push_str(&through(cell.data(), neutral::csv_cell));
        }
        Cell::Int(n) => out.push_str(itoa::Buffer::new().format(*n)),
        Cell::Date(d) => crate::doc::push_iso_date(out, *d),
        Cell::Dates(ds) => crate::doc::push_joined_dates(out, ds, "; ", crate::doc::push_iso_date),
        other => out.push_str(&other.data()),
    }
}

pub fn write(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Option<Vec<String>> = None;
    for t in doc.tables().filter(|t| t.show.for_audience(Audience::Data)) {
        let cols = t.visible(Audience::Data);
        let keys: Vec<String> = cols
            .iter()
            .map(|&c| neutral::csv_cell(&t.columns[c].key).into_owned())
            .collect();
        if header.as_ref() != Some(&keys) {
            w.write_record(&keys).map_err(csv_io)?;
            header = Some(keys);
        }
        let (mut fields, mut ends) = (String::new(), Vec::with_capacity(cols.len()));
        for row in t.rows.iter() {
            fields.clear();
            ends.clear();
            for &c in &cols {
                if let Some(cell) = row.get(c) {
                    push_field(&mut fields, cell);
                }
                ends.push(fields.len());
            }
            let mut start = 0;
            let record = ends.iter().map(|&end| {
                let field = fields.as_bytes().get(start..end).unwrap_or_default();
                start = end;
                field
            });
            w.write_record(record).map_err(csv_io)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Block, Cell, Column, Show, Table};

    #[test]
    fn csv_quotes_what_needs_it_and_merges_same_shaped_tables() {
        let table = |lead: &'static str| {
            let mut t = Table::new(vec![
                Column::new("Lead", "lead").show(Show::Data),
                Column::new("Ref", "ref"),
                Column::new("Action", "description"),
                Column::new("Due", "due_text").show(Show::People),
            ]);
            t.push(vec![
                Cell::text(lead),
                Cell::Ref("1.1.1".into()),
                Cell::text("a | b\nc"),
                Cell::text("soon"),
            ]);
            Block::Table(t)
        };
        let doc = Document::of(vec![table("A"), Block::Paragraph("x".into()), table("B")]);
        let mut out = Vec::new();
        write(&doc, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "lead,ref,description\nA,1.1.1,\"a | b\nc\"\nB,1.1.1,\"a | b\nc\"\n"
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A field written into the row's string reads as the cell's data
        /// made inert, whatever the cell.
        #[test]
        fn a_field_is_the_cells_data_made_inert(
            n in any::<i64>(),
            days in prop::collection::vec(-4_000_000i32..4_000_000, 0..3),
            text in "[=+@a-z \\-\t\r\n\u{1b}\u{202e}é]{0,8}",
        ) {
            let dates: Vec<_> = days
                .iter()
                .filter_map(|&d| chrono::NaiveDate::from_num_days_from_ce_opt(d))
                .collect();
            let mut cells = vec![
                Cell::Int(n),
                Cell::Dates(dates.clone().into()),
                Cell::text(text.as_str()),
                Cell::Ref(text.as_str().into()),
                Cell::List(vec![text.as_str().into(), "b".into()]),
                Cell::Rag(None),
                Cell::Percent(None),
                Cell::Empty,
            ];
            cells.extend(dates.iter().map(|&d| Cell::Date(d)));
            for cell in cells {
                let mut out = String::from("x,");
                push_field(&mut out, &cell);
                let data = match &cell {
                    Cell::Text(_) | Cell::Ref(_) | Cell::List(_) => {
                        neutral::csv_cell(&cell.data()).into_owned()
                    }
                    other => other.data().into_owned(),
                };
                prop_assert_eq!(&out[2..], data, "{:?}", cell);
            }
        }
    }
}
