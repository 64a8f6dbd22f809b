//! A Word file's body as blocks: paragraphs (with their style) and tables (as
//! rows of cells); and as text, paragraphs as lines and table rows as
//! tab-separated cells, for the text layout's reader.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::table::{Cell, Row};
use crate::error::{Error, Result};

/// A paragraph or a table of the document's body, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph {
        /// The style's id ("Heading1"), empty for the default.
        style: String,
        text: String,
    },
    /// Rows of cells. A cell's paragraphs are its lines; list items read
    /// "- item", nested ones "  - item".
    Table(Vec<Vec<String>>),
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: String,
    /// The list level, for a list item (numbered or a List style).
    list: Option<usize>,
    text: String,
}

impl Para {
    /// The paragraph as a line of a cell.
    fn line(&self) -> String {
        match self.list {
            Some(level) => format!("{}- {}", "  ".repeat(level.min(4)), self.text.trim()),
            None => self.text.clone(),
        }
    }
}

/// A table being read: its rows, the row being read, the cell being read.
#[derive(Default)]
struct TableAcc {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
}

/// The body of a Word file (`word/document.xml`) as blocks. `<w:tab/>` is a
/// tab and `<w:br/>` a line break; a table inside a cell adds its rows to
/// that cell as lines, cells joined by " | ".
pub fn docx_blocks(bytes: &[u8]) -> Result<Vec<Block>> {
    let not_word = |why: &str| Error::usage(format!("not a Word (.docx) file: {why}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| not_word("it is not a zip archive"))?;
    // A plan is a few hundred KB of text; a document claiming more than this is
    // refused rather than read into memory.
    const MAX_XML: u64 = 64 * 1024 * 1024;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| not_word("it has no word/document.xml"))?;
    let mut xml = String::new();
    entry
        .take(MAX_XML + 1)
        .read_to_string(&mut xml)
        .map_err(|_| not_word("word/document.xml is not UTF-8"))?;
    if xml.len() as u64 > MAX_XML {
        return Err(not_word(
            "word/document.xml is larger than 64 MiB; is this a business plan?",
        ));
    }

    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut blocks = Vec::new();
    let mut tables: Vec<TableAcc> = Vec::new();
    let mut para = Para::default();
    let mut in_text = false;
    let mut in_ppr = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|_| not_word("word/document.xml is not well-formed XML"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => tables.push(TableAcc::default()),
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.row.clear();
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.cell.clear();
                    }
                }
                "p" => para = Para::default(),
                "pPr" => in_ppr = true,
                _ => paragraph_property(&e, &mut para),
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" if !in_ppr => para.text.push('\t'),
                "br" | "cr" => para.text.push('\n'),
                _ => paragraph_property(&e, &mut para),
            },
            Event::Text(t) if in_text => para.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let c = match r.resolve_char_ref().ok().flatten() {
                    Some(c) => Some(c),
                    None => match name.as_ref() {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                para.text.extend(c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "pPr" => in_ppr = false,
                "p" => match tables.last_mut() {
                    Some(t) => {
                        if !para.text.trim().is_empty() {
                            t.cell.push(para.line());
                        }
                    }
                    None => blocks.push(Block::Paragraph {
                        style: std::mem::take(&mut para.style),
                        text: std::mem::take(&mut para.text),
                    }),
                },
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell).join("\n");
                        t.row.push(cell);
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                "tbl" => {
                    if let Some(done) = tables.pop() {
                        match tables.last_mut() {
                            Some(outer) => {
                                outer.cell.extend(done.rows.iter().map(|r| r.join(" | ")))
                            }
                            None => blocks.push(Block::Table(done.rows)),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

/// A paragraph's style and list level.
fn paragraph_property(e: &BytesStart<'_>, para: &mut Para) {
    match e.local_name().as_ref() {
        "pStyle" => {
            para.style = val(e).unwrap_or_default();
            if para.style.starts_with("List") {
                para.list.get_or_insert(0);
            }
        }
        "ilvl" => para.list = Some(val(e).and_then(|v| v.parse().ok()).unwrap_or(0)),
        // numId 0 switches numbering off.
        "numId" if val(e).as_deref() == Some("0") => para.list = None,
        "numId" => {
            para.list.get_or_insert(0);
        }
        _ => {}
    }
}

/// An attribute `w:val`.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        // Style ids and levels are plain names and numbers: no escapes to undo.
        (a.key.local_name().as_ref() == "val").then(|| a.value.to_string())
    })
}

/// The document as text for the text layout's reader: a line per paragraph, a
/// table row as one line with its cells separated by tabs (a cell's
/// paragraphs joined by spaces, list items marked with "•" so they stay
/// items of a list).
pub fn docx_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph { text, .. } => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Table(rows) => {
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|cell| {
                            cell.lines()
                                .map(|l| match l.trim_start().strip_prefix("- ") {
                                    Some(item) => format!("• {item}"),
                                    None => l.to_string(),
                                })
                                .collect::<Vec<_>>()
                                .join(" ")
                                .trim()
                                .to_string()
                        })
                        .collect();
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// A table's rows as cells for the table reader.
pub fn table_rows(rows: &[Vec<String>]) -> Vec<Row> {
    rows.iter()
        .map(|r| r.iter().map(|c| Cell::text(c.clone())).collect())
        .collect()
}
