//! Documents as Word files (.docx, WordprocessingML written directly): real
//! heading styles (Word's navigation pane lists them), real tables whose
//! header rows repeat on every page, A4 with page numbers and a footer,
//! lists as lists, RAG in words and colour.
//!
//! Written by hand rather than with docx-rs: docx-rs defines no heading
//! styles, cannot mark a header row to repeat, and writes some elements out
//! of the order Word's schema requires (Word then offers to "recover" the
//! file, bokuweb/docx-rs#724). The parts below are the few a document needs;
//! the zip crate (already used to read .docx) packs them. The output is the
//! same bytes for the same document.

use std::io::{self, Write};

use zip::write::SimpleFileOptions;

use super::neutral;
use crate::doc::{Align, Audience, Block, Cell, Document, Rag, Table};

/// A4 in twentieths of a point, with 2 cm margins.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: u32 = 1134;
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;

pub fn to_bytes(doc: &Document) -> io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let title = doc.title.as_deref().unwrap_or("lscb");
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core(title)),
        ("docProps/app.xml", APP.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/numbering.xml", NUMBERING.to_string()),
        (
            "word/footer1.xml",
            footer(doc.footer.as_deref().unwrap_or("")),
        ),
        ("word/document.xml", body(doc)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

pub fn write(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    out.write_all(&to_bytes(doc)?)
}

/// Text for XML: made inert (control characters shown) and escaped.
fn esc(s: &str) -> String {
    let shown = neutral::block(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not allowed in XML 1.0 at all.
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A run of text (line breaks in it become separate runs with `<w:br/>`).
fn run(text: &str, bold: bool) -> String {
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    let mut out = String::new();
    for (i, line) in text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
    {
        if i > 0 {
            out.push_str(&format!("<w:r>{props}<w:br/></w:r>"));
        }
        out.push_str(&format!(
            "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(line)
        ));
    }
    out
}

/// A paragraph in a style (`None`: Normal).
fn para(style: Option<&str>, text: &str) -> String {
    let props = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    format!("<w:p>{props}{}</w:p>", run(text, false))
}

/// A bulleted list item.
fn bullet(text: &str, small: bool) -> String {
    let size = if small {
        "<w:rPr><w:sz w:val=\"16\"/></w:rPr>"
    } else {
        ""
    };
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>{}</w:pPr>{}</w:p>",
        if small {
            "<w:spacing w:after=\"0\"/>"
        } else {
            ""
        },
        run(text, false).replace("<w:r>", &format!("<w:r>{size}"))
    )
}

/// A cell's paragraphs: lines of text; lines written as "- item" (a
/// description written as a list) stay a list.
fn cell_paragraphs(text: &str, align: Align, bold: bool) -> String {
    let jc = if align == Align::Right {
        "<w:jc w:val=\"right\"/>"
    } else {
        ""
    };
    let mut out = String::new();
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        if let Some(item) = line.strip_prefix("- ") {
            out.push_str(&bullet(item, true));
        } else {
            out.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>{jc}</w:pPr>{}</w:p>",
                run(line, bold)
            ));
        }
    }
    if out.is_empty() {
        out.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
    }
    out
}

fn rag_fill(r: Rag) -> &'static str {
    match r {
        Rag::Red => "F4C7C3",
        Rag::Amber => "FDE9B0",
        Rag::Green => "CFE8CF",
    }
}

/// A table: the header row repeats on every page, rows do not split across
/// pages, column widths follow the columns' hints.
/// Column widths in twentieths of a point, from the text itself: no column
/// narrower than its longest word (so "Overdue" and "4.1.1" never break
/// inside), and the room left shared out by how much more each would like.
fn column_widths(t: &Table, cols: &[usize]) -> Vec<u32> {
    // 8 pt Arial averages about 4.4 pt a character; cells have margins.
    const CHAR: f64 = 90.0;
    const PADDING: f64 = 200.0;
    // Bold text (headers, RAG words, refs) is wider.
    const BOLD: f64 = 1.15;
    let chars = |s: &str, scale: f64| s.chars().count() as f64 * scale;
    // Per column, in one pass over the rows (a made row is made once): its
    // longest word and longest line, header included, and the characters
    // of its cells.
    #[derive(Clone, Copy)]
    struct Measure {
        word: f64,
        line: f64,
        cells: f64,
    }
    let mut measures: Vec<Measure> = cols
        .iter()
        .map(|_| Measure {
            word: 3.0,
            line: 0.0,
            cells: 0.0,
        })
        .collect();
    let measure = |m: &mut Measure, s: &str, k: f64| {
        m.word = s
            .split([' ', '\n'])
            .map(|w| chars(w, k))
            .fold(m.word, f64::max);
        m.line = s.lines().map(|l| chars(l, k)).fold(m.line, f64::max);
    };
    for (m, &c) in measures.iter_mut().zip(cols) {
        measure(m, &t.columns[c].title, BOLD);
    }
    for r in t.rows.iter() {
        for (m, &c) in measures.iter_mut().zip(cols) {
            let (s, k) = match r.get(c) {
                Some(Cell::Rag(Some(r))) => (r.word().to_string(), BOLD),
                Some(Cell::Rag(None)) => ("Dropped".to_string(), 1.0),
                Some(cell) => (
                    super::unbroken_dates(&cell.human()),
                    if c == 0 { BOLD } else { 1.0 },
                ),
                None => (String::new(), 1.0),
            };
            measure(m, &s, k);
            m.cells += chars(&s, k);
        }
    }
    let (mut least, mut most, mut weight) = (Vec::new(), Vec::new(), Vec::new());
    for m in measures {
        let word = m.word.min(18.0);
        let line = m.line.max(word).min(70.0);
        // Long text (an action's description) earns more of the spare room
        // than a short one (a lead's name).
        let mean = m.cells / t.rows.len().max(1) as f64;
        least.push(word * CHAR + PADDING);
        most.push(line * CHAR + PADDING);
        weight.push((line - word) * mean.sqrt());
    }
    let total = f64::from(TEXT_WIDTH);
    let (sum_least, sum_most): (f64, f64) = (least.iter().sum(), most.iter().sum());
    let widths: Vec<f64> = if sum_most <= total {
        // Everything fits on one line: spread the spare room evenly.
        most.iter().map(|m| m * total / sum_most).collect()
    } else if sum_least >= total {
        least.iter().map(|l| l * total / sum_least).collect()
    } else {
        let spare = total - sum_least;
        let sum_weight: f64 = weight.iter().sum::<f64>().max(1.0);
        least
            .iter()
            .zip(&weight)
            .map(|(l, w)| l + spare * w / sum_weight)
            .collect()
    };
    widths.into_iter().map(|w| w as u32).collect()
}

fn table(t: &Table) -> String {
    let cols = t.visible(Audience::People);
    if cols.is_empty() {
        return String::new();
    }
    let widths = column_widths(t, &cols);
    let mut out = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"PlanTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    for w in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    // The header row, repeated at the top of every page the table runs onto.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (i, &c) in cols.iter().enumerate() {
        out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8E8E8\"/></w:tcPr>{}</w:tc>",
            widths[i],
            cell_paragraphs(&t.columns[c].title, t.columns[c].align, true)
        ));
    }
    out.push_str("</w:tr>");
    for row in t.rows.iter() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, &c) in cols.iter().enumerate() {
            let cell = row.get(c).unwrap_or(&Cell::Empty);
            let (text, fill, bold) = match cell {
                Cell::Rag(Some(r)) => (r.word().to_string(), Some(rag_fill(*r)), true),
                Cell::Rag(None) => ("Dropped".to_string(), None, false),
                other => (super::unbroken_dates(&other.human()), None, i == 0),
            };
            let shd = fill.map_or(String::new(), |f| {
                format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>")
            });
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{shd}</w:tcPr>{}</w:tc>",
                widths[i],
                cell_paragraphs(&text, t.columns[c].align, bold)
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and one after a table that
    // ends a cell or the document.
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableGap\"/></w:pPr></w:p>");
    out
}

fn body(doc: &Document) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>"
    ));
    if let Some(t) = &doc.title {
        out.push_str(&para(Some("Title"), &neutral::line(t)));
    }
    if let Some(s) = &doc.subtitle {
        out.push_str(&para(Some("Subtitle"), s));
    }
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            out.push_str(&para(Some("Heading1"), &neutral::line(h)));
        }
        for b in &section.blocks {
            match b {
                Block::Heading(h) => out.push_str(&para(Some("Heading2"), &neutral::line(h))),
                Block::Paragraph(p) => out.push_str(&para(None, p)),
                Block::List(items) => {
                    for i in items {
                        out.push_str(&bullet(i, false));
                    }
                }
                Block::Table(t) if t.show.for_audience(Audience::People) => {
                    out.push_str(&table(t));
                }
                // The quarters' figures follow the chart as a table.
                Block::Table(_) | Block::Chart(_) => {}
            }
        }
    }
    out.push_str(&format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    ));
    out
}

fn footer(text: &str) -> String {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
            "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
            "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs></w:pPr>",
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:tab/></w:r>",
            "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>",
            "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>",
            "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>",
            "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>",
            "</w:p></w:ftr>"
        ),
        TEXT_WIDTH,
        esc(&neutral::line(text))
    )
}

fn core(title: &str) -> String {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">",
            "<dc:title>{}</dc:title><dc:creator>lscb</dc:creator></cp:coreProperties>"
        ),
        esc(&neutral::line(title))
    )
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>",
    "<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    "</Relationships>"
);

const APP: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>lscb</Application></Properties>"
);

/// Normal, Title, Subtitle, Heading 1-2 (with outline levels, so Word's
/// navigation pane lists them), table text, a bullet list, the footer, and a
/// table style with thin borders.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" w:eastAsia=\"Arial\"/>",
    "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>",
    "<w:pPr><w:spacing w:after=\"80\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>",
    "<w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:color w:val=\"404040\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>",
    "<w:pPr><w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"999999\"/></w:pBdr>",
    "<w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>",
    "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr>",
    "<w:rPr><w:b/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>",
    "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"TableGap\"><w:name w:val=\"Table Gap\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:pPr><w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr><w:rPr><w:sz w:val=\"8\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>",
    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"60\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>",
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>",
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"table\" w:styleId=\"PlanTable\"><w:name w:val=\"Plan Table\"/><w:basedOn w:val=\"TableNormal\"/>",
    "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/>",
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/>",
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/></w:tblBorders>",
    "<w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"70\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar>",
    "</w:tblPr></w:style>",
    "</w:styles>"
);

/// One bullet list (numId 1).
const NUMBERING: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
    "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>",
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/>",
    "<w:pPr><w:ind w:left=\"360\" w:hanging=\"240\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/></w:rPr></w:lvl>",
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Column, Section};

    fn part(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn a_document_becomes_a_word_file_with_styles_tables_and_a_footer() {
        let mut t = Table::new(vec![Column::new("Ref", "ref"), Column::new("RAG", "rag")]);
        t.push(vec![Cell::Ref("1.1.1".into()), Cell::Rag(Some(Rag::Red))]);
        t.push(vec![Cell::text("Do:\n- one <b>\n- two"), Cell::Rag(None)]);
        let doc = Document {
            title: Some("Board & pack".into()),
            subtitle: Some("As of 1 Dec 2017".into()),
            footer: Some("Board, as of 1 Dec 2017".into()),
            sections: vec![Section {
                heading: Some("Overdue \u{1b}[2J".into()),
                blocks: vec![Block::Table(t), Block::List(vec!["a".into()])],
                ..Section::default()
            }],
        };
        let bytes = to_bytes(&doc).unwrap();
        assert_eq!(bytes, to_bytes(&doc).unwrap(), "the same bytes every time");
        let body = part(&bytes, "word/document.xml");
        assert!(body.contains("<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Board &amp; pack</w:t>"), "{body}");
        assert!(body.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Overdue ␛[2J</w:t>"), "{body}");
        assert!(body.contains("<w:tblHeader/>"), "{body}");
        assert!(body.contains("w:fill=\"F4C7C3\""), "{body}");
        assert!(body.contains(">Red<"), "{body}");
        assert!(body.contains("one &lt;b&gt;"), "{body}");
        assert_eq!(
            body.matches("ListBullet").count(),
            3,
            "two list lines in a cell, one list item"
        );
        assert_eq!(
            crate::render::unbroken_dates(
                "due 31 Mar 2024 (4 of 4), then 1 Apr; September 2023, (30 Jun 2024) and 12 items"
            ),
            "due 31\u{a0}Mar\u{a0}2024 (4 of 4), then 1\u{a0}Apr; September\u{a0}2023, (30\u{a0}Jun\u{a0}2024) and 12 items"
        );
        assert!(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
        let styles = part(&bytes, "word/styles.xml");
        assert!(
            styles.contains("<w:name w:val=\"heading 1\"/>")
                && styles.contains("<w:outlineLvl w:val=\"0\"/>")
        );
        let footer = part(&bytes, "word/footer1.xml");
        assert!(
            footer.contains("Board, as of 1 Dec 2017")
                && footer.contains(" PAGE ")
                && footer.contains(" NUMPAGES ")
        );
    }
}
