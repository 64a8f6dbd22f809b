//! Documents as Markdown that pastes cleanly into a board paper or a pull request.

use std::io::{self, Write};

use crate::doc::{Audience, Block, Document, Table};

use super::neutral;
use super::text::TextTable;

/// Text made inert for Markdown: backslashes, pipes and brackets escaped (no
/// table cell ends early, no link is made), `<`, `>` and `&` as HTML entities
/// (no HTML runs), control characters shown.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in neutral::block(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// A table cell: inert text with its line breaks as `<br>`, and a description
/// written as a list as an HTML list (GitHub and pandoc render both in a
/// table cell; a Markdown list cannot be in one).
pub fn cell(s: &str) -> String {
    let mut out = String::new();
    let pieces = super::pieces(s);
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            super::Piece::Line(l) => {
                if i > 0 && matches!(pieces[i - 1], super::Piece::Line(_)) {
                    out.push_str("<br>");
                }
                out.push_str(&text(l));
            }
            super::Piece::List(items) => {
                out.push_str("<ul>");
                for item in items {
                    out.push_str(&format!("<li>{}</li>", text(item)));
                }
                out.push_str("</ul>");
            }
        }
    }
    out
}

/// One line of text (a heading, a list item): inert, line breaks shown.
fn one_line(s: &str) -> String {
    text(&neutral::line(s))
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
        block(out, &format!("# {}\n", one_line(title)))?;
    }
    if let Some(sub) = &doc.subtitle {
        block(out, &format!("{}\n", text(sub)))?;
    }
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            block(out, &format!("## {}\n", one_line(h)))?;
        }
        for b in &section.blocks {
            match b {
                Block::Heading(h) => block(out, &format!("### {}\n", one_line(h)))?,
                Block::Paragraph(p) => block(out, &format!("{}\n", text(p)))?,
                Block::List(items) => {
                    let lines: String = items
                        .iter()
                        .map(|i| format!("- {}\n", one_line(i)))
                        .collect();
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

    #[test]
    fn a_description_written_as_a_list_stays_a_list_in_a_cell() {
        assert_eq!(
            cell("Ideas:\n- a <b>\n- c | d\nThen"),
            "Ideas:<ul><li>a &lt;b&gt;</li><li>c \\| d</li></ul>Then"
        );
    }
}
