//! Documents as Markdown that pastes cleanly into a board paper or a pull request.

use std::io::{self, Write};

use crate::doc::{Audience, Block, Document, Table};

use super::text::TextTable;

/// Escapes a cell for a Markdown table: pipes and line breaks would end the cell.
pub fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

pub fn write(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    let mut first = true;
    let mut block = |out: &mut dyn Write, text: &str| -> io::Result<()> {
        if !first {
            out.write_all(b"\n")?;
        }
        first = false;
        out.write_all(text.as_bytes())
    };
    if let Some(title) = &doc.title {
        block(out, &format!("# {}\n", cell(title)))?;
    }
    if let Some(sub) = &doc.subtitle {
        block(out, &format!("{sub}\n"))?;
    }
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            block(out, &format!("## {}\n", cell(h)))?;
        }
        for b in &section.blocks {
            match b {
                Block::Paragraph(text) => block(out, &format!("{text}\n"))?,
                Block::List(items) => {
                    let lines: String = items.iter().map(|i| format!("- {}\n", cell(i))).collect();
                    block(out, &lines)?;
                }
                Block::Table(t) if t.show.for_audience(Audience::People) => {
                    block(out, &table(t))?;
                }
                Block::Table(_) | Block::Chart(_) => {}
            }
        }
    }
    Ok(())
}

fn table(t: &Table) -> String {
    let t = TextTable::from(t, Audience::People, false);
    let line = |cells: &[String]| {
        let cells: Vec<_> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(&t.headers);
    let rule: Vec<&str> = t
        .right
        .iter()
        .map(|&r| if r { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in &t.rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Cell, Column};

    #[test]
    fn markdown_escapes_pipes_and_line_breaks() {
        let mut t = Table::new(vec![Column::new("Ref", "ref"), Column::number("N", "n")]);
        t.push(vec![Cell::text("a | b\nc"), Cell::Int(3)]);
        let mut doc = Document::of(vec![Block::Table(t)]);
        doc.title = Some("Pack".into());
        let mut out = Vec::new();
        write(&doc, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "# Pack\n\n| Ref | N |\n|---|---:|\n| a \\| b<br>c | 3 |\n"
        );
    }
}
