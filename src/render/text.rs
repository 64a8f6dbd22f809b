//! Documents for a terminal (box drawing, fitted to the window) or piped
//! (plain ASCII tables that survive any mail client or paste).

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, presets};
use unicode_width::UnicodeWidthStr;

use super::{Terminal, neutral, through};
use crate::doc::{Align, Audience, Block, Cell, Document, Table, bytes_all, has_newline};

/// A table reduced to what a person sees: visible columns, text cells.
pub(crate) struct TextTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub right: Vec<bool>,
}

impl TextTable {
    pub(crate) fn from(t: &Table, audience: Audience, shorten: bool) -> TextTable {
        let cols = t.visible(audience);
        let rows = t
            .rows
            .iter()
            .map(|row| {
                cols.iter()
                    .map(|&c| cell_text(t, &row, c, shorten).into_owned())
                    .collect()
            })
            .collect();
        TextTable {
            headers: headers(t, &cols),
            rows,
            right: right(t, &cols),
        }
    }
}

/// The titles of these columns, as a person reads them.
pub(crate) fn headers(t: &Table, cols: &[usize]) -> Vec<String> {
    cols.iter()
        .map(|&c| neutral::line(&t.columns[c].title).into_owned())
        .collect()
}

/// Which of these columns are right-aligned.
pub(crate) fn right(t: &Table, cols: &[usize]) -> Vec<bool> {
    cols.iter()
        .map(|&c| t.columns[c].align == Align::Right)
        .collect()
}

/// A cell as a person reads it in a text table: made inert, and cut short
/// where its column says (when `shorten`).
pub(crate) fn cell_text<'a>(
    t: &'a Table,
    row: &'a [Cell],
    c: usize,
    shorten: bool,
) -> Cow<'a, str> {
    let raw = row.get(c).map_or(Cow::Borrowed(""), Cell::shown);
    let text = through(raw, neutral::block);
    match t.columns.get(c).and_then(|col| col.shorten) {
        Some(max) if shorten => {
            let cut = through(text, |s| crate::doc::shortened(s, max));
            through(cut, neutral::guard)
        }
        _ => text,
    }
}

/// Writes a document for a terminal, or as plain text when piped.
pub fn write(doc: &Document, term: Terminal, out: &mut impl Write) -> io::Result<()> {
    let audience = if term.is_tty {
        Audience::Screen
    } else {
        Audience::People
    };
    let mut wrote = false;
    let heading = |out: &mut dyn Write, text: &str, wrote: &mut bool| -> io::Result<()> {
        if *wrote {
            out.write_all(b"\n")?;
        }
        writeln!(out, "{}", neutral::line(text))?;
        *wrote = true;
        Ok(())
    };
    if let Some(title) = &doc.title {
        heading(out, title, &mut wrote)?;
    }
    if let Some(sub) = &doc.subtitle {
        writeln!(out, "{}", neutral::line(sub))?;
        wrote = true;
    }
    for section in &doc.sections {
        if let Some(h) = &section.heading {
            heading(out, h, &mut wrote)?;
        }
        for block in &section.blocks {
            match block {
                Block::Heading(text) => writeln!(out, "{}", neutral::line(text))?,
                Block::Paragraph(text) => writeln!(out, "{}", neutral::block(text))?,
                Block::List(items) => {
                    for item in items {
                        writeln!(out, "- {}", neutral::line(item))?;
                    }
                }
                Block::Table(t) if t.show.for_audience(audience) => {
                    if term.is_tty {
                        let table = TextTable::from(t, audience, true);
                        writeln!(out, "{}", comfy(&table, term))?;
                    } else {
                        // Piped, each cell's text is made once, into one
                        // string, its column's width measured as it goes;
                        // then the rows are drawn from that string.
                        let cols = t.visible(audience);
                        let headers = headers(t, &cols);
                        let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
                        let texts = Texts::of(t, &cols, &mut widths);
                        let shape = Shape {
                            headers: &headers,
                            right: &right(t, &cols),
                            widths: &widths,
                        };
                        plain(&shape, |write| texts.each_row(write), out)?;
                    }
                }
                Block::Table(_) | Block::Chart(_) => continue,
            }
            wrote = true;
        }
    }
    Ok(())
}

fn comfy(t: &TextTable, term: Terminal) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    if term.is_tty {
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = term.width {
            table.set_width(w);
        }
    } else {
        table.load_style(presets::ASCII_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        table.force_no_tty();
    }
    table.set_header(&t.headers);
    for row in &t.rows {
        table.add_row(row);
    }
    for (c, right) in t.right.iter().enumerate() {
        if *right && let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// A row's cells, handed to the piped table one row at a time.
type RowSink<'s> = dyn FnMut(&[Drawn<'_>]) -> io::Result<()> + 's;

/// A cell's text as drawn, with its width when it is one line (measured
/// once, as the column's width was worked out).
#[derive(Clone, Copy)]
struct Drawn<'a> {
    text: &'a str,
    width: Option<usize>,
}

impl<'a> Drawn<'a> {
    /// Text whose width is measured when it is drawn.
    fn text(text: &'a str) -> Self {
        Drawn { text, width: None }
    }
}

/// The text of every visible cell of a table, made once (a made row is
/// made once, not once to measure and again to draw): one string, where
/// each cell's text ends in it, and each one-line cell's width.
struct Texts {
    text: String,
    ends: Vec<usize>,
    /// A one-line cell's width; `u32::MAX` for a cell of several lines (or
    /// too wide to hold), measured again when drawn.
    widths: Vec<u32>,
    rows: usize,
    cols: usize,
}

impl Texts {
    /// The texts of `t`'s columns `cols`, each column's width in `widths`
    /// widened to its widest cell.
    fn of(t: &Table, cols: &[usize], widths: &mut [usize]) -> Texts {
        let cells = t.rows.len().saturating_mul(cols.len());
        let mut texts = Texts {
            text: String::new(),
            ends: Vec::with_capacity(cells),
            widths: Vec::with_capacity(cells),
            rows: t.rows.len(),
            cols: cols.len(),
        };
        for row in t.rows.iter() {
            for (w, &c) in widths.iter_mut().zip(cols) {
                let (drawn, line) = match push_plain(&mut texts.text, t, &row, c) {
                    Some(line) => (line.max(1), Some(line)),
                    None => {
                        let text = cell_text(t, &row, c, true);
                        texts.text.push_str(&text);
                        let line = (!has_newline(&text)).then(|| line_width(&text));
                        (width(&text), line)
                    }
                };
                *w = (*w).max(drawn);
                texts.ends.push(texts.text.len());
                let held = line.and_then(|l| u32::try_from(l).ok());
                texts.widths.push(held.unwrap_or(u32::MAX));
            }
        }
        texts
    }

    /// Hands each row's cells to `write`, in order.
    fn each_row(&self, write: &mut RowSink<'_>) -> io::Result<()> {
        let mut cells = Vec::with_capacity(self.cols);
        let mut start = 0;
        let mut held = self.ends.iter().zip(&self.widths);
        for _ in 0..self.rows {
            cells.clear();
            for (&end, &width) in held.by_ref().take(self.cols) {
                cells.push(Drawn {
                    text: self.text.get(start..end).unwrap_or_default(),
                    width: (width != u32::MAX).then_some(width as usize),
                });
                start = end;
            }
            write(&cells)?;
        }
        Ok(())
    }
}

/// The piped table, written straight out: what comfy-table draws with its
/// ASCII_FULL_CONDENSED preset, without building its model (100k rows in
/// comfy-table take seconds and hundreds of MiB; this holds the shown text
/// of each cell once, and draws a row's worth at a time). `rows` hands each
/// row's texts, in order, to the function it is given.
fn plain(
    t: &Shape<'_>,
    rows: impl FnOnce(&mut RowSink<'_>) -> io::Result<()>,
    sink: &mut impl Write,
) -> io::Result<()> {
    let widths = t.widths;
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
    let mut out = String::new();
    border(&mut out, '-', true);
    let headers: Vec<Drawn<'_>> = t.headers.iter().map(|h| Drawn::text(h)).collect();
    plain_row(&mut out, &headers, widths, t.right);
    border(&mut out, '=', false);
    rows(&mut |cells| {
        plain_row(&mut out, cells, widths, t.right);
        if out.len() > 64 * 1024 {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
        Ok(())
    })?;
    border(&mut out, '-', true);
    sink.write_all(out.as_bytes())
}

/// What the piped table needs besides its cells: headers, alignment and
/// each column's width (its widest cell or header).
struct Shape<'s> {
    headers: &'s [String],
    right: &'s [bool],
    widths: &'s [usize],
}

/// The piped table of a `TextTable` (for the tests that hold it to comfy-table).
#[cfg(test)]
fn plain_text_table(t: &TextTable, sink: &mut impl Write) -> io::Result<()> {
    let widths: Vec<usize> = (0..t.headers.len())
        .map(|i| {
            let cells = t
                .rows
                .iter()
                .map(|row| row.get(i).map_or("", AsRef::as_ref));
            cells
                .chain([t.headers[i].as_str()])
                .map(width)
                .max()
                .unwrap_or(1)
        })
        .collect();
    let shape = Shape {
        headers: &t.headers,
        right: &t.right,
        widths: &widths,
    };
    plain(
        &shape,
        |write| {
            for row in &t.rows {
                let cells: Vec<Drawn<'_>> = row.iter().map(|c| Drawn::text(c)).collect();
                write(&cells)?;
            }
            Ok(())
        },
        sink,
    )
}

/// A cell of plain text (printable ASCII, no `::` for `neutral` to guard)
/// onto the end of `out` as `cell_text` gives it, cut where its column
/// says, and the width of that line (0 for no text); without `cell_text`'s
/// steps, as most cells of a 100k-row list are such text. None, and
/// nothing written, for any other cell.
fn push_plain(out: &mut String, t: &Table, row: &[Cell], c: usize) -> Option<usize> {
    let s = match row.get(c)? {
        Cell::Text(s) | Cell::Ref(s) => s.as_ref(),
        Cell::List(items) if items.len() == 1 => items.first()?.as_ref(),
        _ => return None,
    };
    if !neutral::untouched_line(s) {
        return None;
    }
    let shorten = t.columns.get(c).and_then(|col| col.shorten);
    // `shortened` makes white space single spaces, whatever the length.
    if shorten.is_some() && !crate::doc::is_flat(s) {
        return None;
    }
    match shorten {
        Some(max) if s.len() > max => {
            // Cut as `shortened` cuts flat ASCII: its first `max - 1`
            // characters, trailing space dropped, and "…".
            let kept = s.get(..max.checked_sub(1)?)?.trim_end();
            out.push_str(kept);
            out.push('…');
            Some(kept.len() + 1)
        }
        _ => {
            out.push_str(s);
            Some(s.len())
        }
    }
}

/// How wide a cell is drawn, as comfy-table measures it: its widest line,
/// at least one. Printable ASCII is one column a byte.
fn width(cell: &str) -> usize {
    let w = if printable(cell) {
        cell.len()
    } else {
        cell.split('\n').map(line_width).max().unwrap_or(0)
    };
    w.max(1)
}

/// Whether text is all printable ASCII (one column a byte).
fn printable(s: &str) -> bool {
    bytes_all(s.as_bytes(), |b| b.wrapping_sub(b' ') < 95)
}

/// The width of one line of a cell. Printable ASCII, a non-breaking space
/// (in a date) and "…" (ending a cut description) are one column each and
/// join no other character into a wider one, so text of nothing else is as
/// wide as it has characters; anything else is measured character by
/// character, as comfy-table measures it.
fn line_width(line: &str) -> usize {
    if printable(line) {
        return line.len();
    }
    // A cut description: printable ASCII and a closing "…" (three bytes).
    if line.strip_suffix('…').is_some_and(printable) {
        return line.len() - 2;
    }
    let mut n = 0;
    for c in line.chars() {
        if !matches!(c, ' '..='~' | '\u{a0}' | '…') {
            return line.width();
        }
        n += 1;
    }
    n
}

/// One row of the piped table: a cell split at '\n' takes as many lines as
/// its longest, the others padded below.
fn plain_row(out: &mut String, cells: &[Drawn<'_>], widths: &[usize], right: &[bool]) {
    let cell = |i: usize| cells.get(i).copied().unwrap_or(Drawn::text(""));
    let one_line = |c: &Drawn<'_>| c.width.is_some() || !has_newline(c.text);
    let height = if cells.iter().all(one_line) {
        1
    } else {
        (0..widths.len())
            .map(|i| cell(i).text.split('\n').count())
            .max()
            .unwrap_or(1)
    };
    for line in 0..height {
        out.push('|');
        for (i, w) in widths.iter().enumerate() {
            let c = cell(i);
            let (text, known) = if height == 1 {
                (c.text, c.width)
            } else {
                (c.text.split('\n').nth(line).unwrap_or(""), None)
            };
            let pad = w.saturating_sub(known.unwrap_or_else(|| line_width(text)));
            out.push(' ');
            if right.get(i).copied().unwrap_or(false) {
                spaces(out, pad);
                out.push_str(text);
            } else {
                out.push_str(text);
                spaces(out, pad);
            }
            out.push_str(" |");
        }
        out.push('\n');
    }
}

/// `n` spaces onto the end of `out`.
fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// The piped table as comfy-table would draw it (for the tests that hold
/// `plain` to it).
#[cfg(test)]
pub(crate) fn comfy_plain(t: &TextTable) -> String {
    comfy(t, Terminal::default()).to_string() + "\n"
}

#[cfg(test)]
pub(crate) fn plain_string(t: &TextTable) -> String {
    let mut out = Vec::new();
    plain_text_table(t, &mut out).unwrap_or(());
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Cell, Column};

    fn sample() -> Table<'static> {
        let mut t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::number("N", "n"),
            Column::new("Text", "text").shorten(12),
        ]);
        t.push(vec![
            Cell::Ref("1.1.1".into()),
            Cell::Int(12345),
            Cell::text("two\nlines, é and …"),
        ]);
        t.push(vec![Cell::Ref("2".into()), Cell::Int(7), Cell::text("x")]);
        t.push(vec![Cell::text("wide 日本"), Cell::Empty, Cell::Empty]);
        t
    }

    /// The hand-written piped table draws exactly what comfy-table draws.
    #[test]
    fn plain_tables_match_comfy_table() {
        let empty = Table::new(vec![Column::new("Only", "o"), Column::new("Headers", "h")]);
        for table in [sample(), empty] {
            let t = TextTable::from(&table, Audience::People, false);
            assert_eq!(plain_string(&t), comfy_plain(&t));
        }
    }

    /// Cells that are printable ASCII but for one control character, or
    /// that would start a workflow command, never take the quick path raw.
    #[test]
    fn piped_cells_are_neutralised_whatever_path_they_take() {
        let mut t = Table::new(vec![
            Column::new("A", "a"),
            Column::new("B", "b").shorten(30),
        ]);
        t.push(vec![Cell::text("x\u{1b}[2J"), Cell::text("::error::x")]);
        t.push(vec![
            Cell::Ref("::warning::y".into()),
            Cell::text("tab\there"),
        ]);
        let mut out = Vec::new();
        write(
            &Document::of(vec![Block::Table(t)]),
            Terminal::default(),
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\t'), "{text}");
        for shown in ["x␛[2J", "\\::error::x", "\\::warning::y", "tab here"] {
            assert!(text.contains(shown), "{shown} in {text}");
        }
    }

    #[test]
    fn piped_documents_are_plain_ascii_with_shortened_text() {
        let doc = Document::of(vec![
            Block::Table(sample()),
            Block::Paragraph("3 rows".into()),
        ]);
        let mut out = Vec::new();
        write(&doc, Terminal::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("| 1.1.1     | 12345 | two lines,… |"),
            "{text}"
        );
        assert!(text.ends_with("+\n3 rows\n"), "{text}");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::doc::Column;

    /// Text with what trips up a table: tabs, carriage returns, line breaks,
    /// wide and zero-width characters, combining marks, emoji.
    fn cell() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Board", " ", "  ", "\t", "\r", "\r\n", "\n", "日本", "\u{200B}", "e\u{301}",
            "😀", "|", "-", "+", "…", "",
        ]);
        prop::collection::vec(pieces, 0..8).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

        /// A line's width, counted without unicode-width where every
        /// character is one column, is unicode-width's.
        #[test]
        fn a_lines_width_is_unicode_widths(
            line in prop::collection::vec(prop::sample::select(vec![
                "a", " ", "~", "\u{a0}", "…", "日", "e\u{301}", "\u{fe0f}", "\u{200d}", "😀",
                "\u{7f}", "\u{85}", "\t",
            ]), 0..10).prop_map(|p| p.concat())
        ) {
            prop_assert_eq!(line_width(&line), line.width());
        }

        /// A cell the quick path takes is written as `cell_text` writes it,
        /// with the width `line_width` gives; it takes nothing it would change.
        #[test]
        fn the_quick_path_writes_what_cell_text_writes(
            text in prop::collection::vec(prop::sample::select(vec![
                "a", "Board", " ", "  ", ":", "::", "\u{1b}", "\t", "\r", "\n", "\u{7f}",
                "é", "…", "-", "|",
            ]), 0..10).prop_map(|p| p.concat()),
            max in prop::option::of(0usize..12),
            kind in 0usize..3,
        ) {
            let mut column = Column::new("T", "t");
            if let Some(m) = max {
                column = column.shorten(m);
            }
            let t = Table::new(vec![column]);
            let cell = match kind {
                0 => Cell::text(text.as_str()),
                1 => Cell::Ref(text.as_str().into()),
                _ => Cell::List(vec![text.as_str().into()]),
            };
            let row = [cell];
            let mut out = String::new();
            if let Some(w) = push_plain(&mut out, &t, &row, 0) {
                let full = cell_text(&t, &row, 0, true);
                prop_assert_eq!(&out, &full);
                prop_assert_eq!(w, line_width(&full));
            } else {
                prop_assert_eq!(out, "");
            }
        }

        /// The hand-written piped table draws what comfy-table draws, whatever the text.
        #[test]
        fn plain_tables_match_comfy_table(
            headers in prop::collection::vec(cell(), 1..4),
            rows in prop::collection::vec(prop::collection::vec(cell(), 1..4), 0..4),
            right in prop::collection::vec(any::<bool>(), 4),
        ) {
            let n = headers.len();
            let t = TextTable {
                rows: rows.into_iter().map(|mut r| { r.resize(n, String::new()); r }).collect(),
                right: right[..n].to_vec(),
                headers,
            };
            prop_assert_eq!(plain_string(&t), comfy_plain(&t));
        }

        /// A document's table written piped (through `write`'s own width
        /// pass, made rows, rows shorter than the columns) draws what
        /// comfy-table draws of the same cells, cut where a column says.
        #[test]
        fn piped_documents_match_comfy_table(
            headers in prop::collection::vec(cell(), 1..4),
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..4), 0..4),
            cut in prop::option::of(1usize..14),
        ) {
            let columns = || {
                headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| match cut {
                        Some(m) if i == 0 => Column::new(h, "k").shorten(m),
                        _ => Column::new(h, "k"),
                    })
                    .collect::<Vec<_>>()
            };
            let made = Table::made(columns(), rows.len(), |i| {
                rows[i].iter().map(|c| Cell::text(c.as_str())).collect()
            });
            let mut held = Table::new(columns());
            for r in &rows {
                held.push(r.iter().map(|c| Cell::text(c.as_str())).collect());
            }
            let expected = comfy_plain(&TextTable::from(&held, Audience::People, true));
            for t in [made, held] {
                let mut out = Vec::new();
                write(&Document::of(vec![Block::Table(t)]), Terminal::default(), &mut out).unwrap();
                prop_assert_eq!(String::from_utf8(out).unwrap(), expected.clone());
            }
        }
    }
}
