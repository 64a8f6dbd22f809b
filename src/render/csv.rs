//! Documents as CSV (RFC 4180): every data table, keys as headers, ISO dates.
//! Consecutive tables with the same columns are one table (a report grouped
//! per lead is one CSV with a `lead` column).

use std::borrow::Cow;
use std::io::{self, Write};

use super::{neutral, through};
use crate::doc::{Audience, Cell, Document};
use crate::error::csv_io;

/// A cell as CSV writes it: data as data, text made inert (borrowed where
/// that changes nothing).
fn field<'c>(cell: &'c Cell<'_>) -> Cow<'c, str> {
    match cell {
        Cell::Text(_) | Cell::Ref(_) | Cell::List(_) => through(cell.data(), neutral::csv_cell),
        other => other.data(),
    }
}

/// A field for the csv writer, which takes bytes.
struct Field<'a>(Cow<'a, str>);

impl AsRef<[u8]> for Field<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
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
        for row in t.rows.iter() {
            let record = cols
                .iter()
                .map(|&c| Field(row.get(c).map_or(Cow::Borrowed(""), field)));
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
