//! Presentation: one table model, rendered as a terminal table, CSV, Markdown; JSON via serde.

pub mod diagnostics;
pub mod pack;

use comfy_table::{CellAlignment, ContentArrangement, presets};
use serde::Serialize;

/// Output formats every report takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

/// A table of text cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns holding numbers, right-aligned in terminal tables.
    pub numeric: Vec<usize>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|h| (*h).to_string()).collect(),
            ..Table::default()
        }
    }

    pub fn numeric(mut self, columns: &[usize]) -> Self {
        self.numeric = columns.to_vec();
        self
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }
}

/// A report as people read it: headings, tables and lines of text, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Table(Table),
    Text(String),
}

impl Document {
    pub fn heading(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading(text.into()));
        self
    }

    pub fn table(&mut self, table: Table) -> &mut Self {
        self.blocks.push(Block::Table(table));
        self
    }

    pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Text(text.into()));
        self
    }
}

/// How the terminal looks: whether it is one, and how wide.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Output goes to a terminal: box drawing and width fitting are fine.
    pub is_tty: bool,
    pub width: Option<u16>,
}

/// Renders a document for a terminal, or as plain ASCII when piped.
pub fn to_text(doc: &Document, term: Terminal) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_text(doc, term, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes a document for a terminal, or as plain ASCII when piped; a long table
/// is written a few rows at a time.
pub fn write_text(
    doc: &Document,
    term: Terminal,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 && matches!(block, Block::Heading(_)) {
            out.write_all(b"\n")?;
        }
        match block {
            Block::Heading(text) | Block::Text(text) => writeln!(out, "{text}")?,
            Block::Table(t) if term.is_tty => writeln!(out, "{}", comfy(t, term))?,
            Block::Table(t) => plain_table(t, out)?,
        }
    }
    Ok(())
}

fn comfy(t: &Table, term: Terminal) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    if term.is_tty {
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = term.width {
            table.set_width(w);
        }
    } else {
        // Piped: plain ASCII that survives any mail client or paste (and is not
        // mistaken for Markdown: `--format markdown` is for that).
        table.load_style(presets::ASCII_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        table.force_no_tty();
    }
    table.set_header(&t.headers);
    for row in &t.rows {
        table.add_row(row);
    }
    for &c in &t.numeric {
        if let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// The piped table, written straight out: what comfy-table draws with its
/// ASCII_FULL_CONDENSED preset, without building its model (100k rows in
/// comfy-table take seconds and hundreds of MiB; this takes a table's worth).
fn plain_table(t: &Table, sink: &mut impl std::io::Write) -> std::io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let columns = t.headers.len();
    let lines = |cell: &str| -> Vec<String> {
        cell.split('\n').map(|l| l.trim_end().to_string()).collect()
    };
    let mut widths: Vec<usize> = t
        .headers
        .iter()
        .map(|h| lines(h).iter().map(|l| l.width()).max().unwrap_or(0))
        .collect();
    for row in &t.rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let w = cell
                .split('\n')
                .map(|l| l.trim_end().width())
                .max()
                .unwrap_or(0);
            widths[i] = widths[i].max(w);
        }
    }
    let border = |out: &mut String, fill: char, joints: bool| {
        out.push('+');
        for (i, w) in widths.iter().enumerate() {
            out.extend(std::iter::repeat_n(fill, w + 2));
            if i + 1 < widths.len() {
                out.push(if joints { '+' } else { fill });
            }
        }
        out.push_str("+\n");
    };
    let write_row = |out: &mut String, cells: &[String]| {
        let split: Vec<Vec<String>> = (0..columns)
            .map(|i| lines(cells.get(i).map_or("", String::as_str)))
            .collect();
        let height = split.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            out.push('|');
            for (i, w) in widths.iter().enumerate() {
                let text = split[i].get(line).map_or("", String::as_str);
                let pad = w - text.width();
                out.push(' ');
                if t.numeric.contains(&i) {
                    out.extend(std::iter::repeat_n(' ', pad));
                    out.push_str(text);
                } else {
                    out.push_str(text);
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                out.push_str(" |");
            }
            out.push('\n');
        }
    };
    let mut out = String::new();
    border(&mut out, '-', true);
    write_row(&mut out, &t.headers);
    border(&mut out, '=', false);
    for row in &t.rows {
        write_row(&mut out, row);
        if out.len() > 64 * 1024 {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    border(&mut out, '-', true);
    sink.write_all(out.as_bytes())
}

/// Escapes a cell for a Markdown table: pipes and line breaks would end the cell.
pub fn markdown_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// Renders a document as Markdown that pastes cleanly into a board paper.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading(h) => {
                out.push_str("## ");
                out.push_str(&markdown_cell(h));
                out.push('\n');
            }
            Block::Text(t) => {
                out.push_str(t);
                out.push('\n');
            }
            Block::Table(t) => {
                let line = |cells: &[String]| {
                    let cells: Vec<_> = cells.iter().map(|c| markdown_cell(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&line(&t.headers));
                let rule: Vec<_> = (0..t.headers.len())
                    .map(|i| {
                        if t.numeric.contains(&i) {
                            "---:"
                        } else {
                            "---"
                        }
                        .to_string()
                    })
                    .collect();
                out.push_str(&format!("|{}|\n", rule.join("|")));
                for row in &t.rows {
                    out.push_str(&line(row));
                }
            }
        }
    }
    out
}

/// Writes one table as CSV (RFC 4180, quoted where needed).
pub fn write_csv(table: &Table, out: impl std::io::Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&table.headers)?;
    for row in &table.rows {
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(())
}

/// Pretty JSON with a final newline.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

/// Shortens text to `max` characters, ending with "…" when cut; line breaks become spaces.
pub fn shorten(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(&["Ref", "Action"]);
        t.push(vec!["1.1.1".into(), "a | b\nc".into()]);
        t
    }

    #[test]
    fn markdown_escapes_pipes_and_line_breaks() {
        let mut doc = Document::default();
        doc.table(sample());
        assert_eq!(
            to_markdown(&doc),
            "| Ref | Action |\n|---|---|\n| 1.1.1 | a \\| b<br>c |\n"
        );
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(
            {
                let mut out = Vec::new();
                write_csv(&sample(), &mut out).unwrap();
                String::from_utf8(out).unwrap()
            },
            "Ref,Action\n1.1.1,\"a | b\nc\"\n"
        );
    }

    #[test]
    fn piped_tables_are_plain_ascii() {
        let mut doc = Document::default();
        doc.table(sample());
        let text = to_text(&doc, Terminal::default());
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("1.1.1"));
    }

    /// The hand-written piped table draws exactly what comfy-table draws.
    #[test]
    fn plain_tables_match_comfy_table() {
        let mut t = Table::new(&["Ref", "N", "Text"]).numeric(&[1]);
        t.push(vec![
            "1.1.1".into(),
            "12345".into(),
            "two\nlines, é and …".into(),
        ]);
        t.push(vec!["2".into(), "7".into(), "x".into()]);
        t.push(vec!["wide 日本".into(), "".into(), "".into()]);
        let empty = Table::new(&["Only", "Headers"]);
        for table in [t, empty, sample()] {
            let mut plain = Vec::new();
            plain_table(&table, &mut plain).unwrap();
            let plain = String::from_utf8(plain).unwrap();
            let expected = comfy(&table, Terminal::default()).to_string() + "\n";
            assert_eq!(plain, expected);
        }
    }

    #[test]
    fn shorten_cuts_on_characters_and_marks_the_cut() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("éééééééééé", 5), "éééé…");
    }
}
