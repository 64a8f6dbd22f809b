//! Documents as Markdown that pastes cleanly into a board paper or a pull request.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::doc::{Audience, Block, Document, Table};

use super::neutral;
use super::text;

/// Text made inert for Markdown: backslashes, pipes and brackets escaped (no
/// table cell ends early, no link is made), `<`, `>` and `&` as HTML entities
/// (no HTML runs), control characters shown.
pub fn text(s: &str) -> String {
    inert(s).into_owned()
}

/// `text`, borrowed when nothing in it needs a change.
fn inert(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| matches!(c, '\\' | '|' | '[' | ']' | '<' | '>' | '&');
    let shown = neutral::block(s);
    if !shown.contains(escaped) {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
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
    out.into()
}

/// A table cell: inert text with its line breaks as `<br>`, and a description
/// written as a list as an HTML list (GitHub and pandoc render both in a
/// table cell; a Markdown list cannot be in one).
pub fn cell(s: &str) -> String {
    let mut out = String::new();
    push_cell(&mut out, s);
    out
}

/// `cell` onto the end of `out`.
fn push_cell(out: &mut String, s: &str) {
    // One line, not a list: the cell is its text.
    if !s.contains('\n') && !s.ends_with('\r') && !s.starts_with("- ") {
        out.push_str(&inert(s));
        return;
    }
    let pieces = super::pieces(s);
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            super::Piece::Line(l) => {
                if i > 0 && matches!(pieces[i - 1], super::Piece::Line(_)) {
                    out.push_str("<br>");
                }
                out.push_str(&inert(l));
            }
            super::Piece::List(items) => {
                out.push_str("<ul>");
                for item in items {
                    out.push_str("<li>");
                    out.push_str(&inert(item));
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
    }
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
                    block(out, "")?;
                    table(t, out)?;
                }
                Block::Table(_) | Block::Chart(_) => {}
            }
        }
    }
    Ok(())
}

/// The table, written out in pieces (a 100k-row table need not be one string).
fn table(t: &Table, sink: &mut dyn Write) -> io::Result<()> {
    let cols = t.visible(Audience::People);
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        out.push_str("| ");
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            push_cell(out, c);
        }
        out.push_str(" |\n");
    };
    let mut out = String::new();
    line(
        &mut out,
        &mut text::headers(t, &cols).iter().map(String::as_str),
    );
    let rule: Vec<&str> = text::right(t, &cols)
        .iter()
        .map(|&r| if r { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in t.rows.iter() {
        let cells = cols.iter().map(|&c| text::cell_text(t, &row, c, false));
        let cells: Vec<Cow<'_, str>> = cells.collect();
        line(&mut out, &mut cells.iter().map(AsRef::as_ref));
        if out.len() > 64 * 1024 {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    sink.write_all(out.as_bytes())
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
