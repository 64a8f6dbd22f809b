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
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 && matches!(block, Block::Heading(_)) {
            out.push('\n');
        }
        match block {
            Block::Heading(h) => {
                out.push_str(h);
                out.push('\n');
            }
            Block::Text(t) => {
                out.push_str(t);
                out.push('\n');
            }
            Block::Table(t) => {
                out.push_str(&comfy(t, term).to_string());
                out.push('\n');
            }
        }
    }
    out
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

/// Renders one table as CSV (RFC 4180, quoted where needed).
pub fn to_csv(table: &Table) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&table.headers)?;
    for row in &table.rows {
        w.write_record(row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
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
            to_csv(&sample()).unwrap(),
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

    #[test]
    fn shorten_cuts_on_characters_and_marks_the_cut() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("éééééééééé", 5), "éééé…");
    }
}
