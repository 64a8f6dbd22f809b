//! The text of a Word file: paragraphs as lines, table rows as tab-separated
//! cells, for the document reader.

use std::io::Read;

use quick_xml::events::Event;

use crate::error::{Error, Result};

/// The text of a Word file (`word/document.xml`): a line per paragraph, a table
/// row as one line with its cells separated by tabs, `<w:tab/>` as a tab and
/// `<w:br/>` as a line break.
pub fn docx_text(bytes: &[u8]) -> Result<String> {
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
    let mut out = String::new();
    let mut cell_depth = 0usize;
    let mut row = String::new();
    let mut cell = String::new();
    let mut para = String::new();
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .map_err(|_| not_word("word/document.xml is not well-formed XML"))?
        {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tc" => {
                    cell_depth += 1;
                    cell.clear();
                }
                "tr" => row.clear(),
                "p" => para.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => para.push('\t'),
                "br" | "cr" => para.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
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
                para.extend(c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" if cell_depth > 0 => {
                    if !cell.is_empty() && !para.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&para);
                }
                "p" => {
                    out.push_str(&para);
                    out.push('\n');
                }
                "tc" => {
                    cell_depth = cell_depth.saturating_sub(1);
                    if !row.is_empty() {
                        row.push('\t');
                    }
                    row.push_str(cell.trim());
                }
                "tr" => {
                    out.push_str(&row);
                    out.push('\n');
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
