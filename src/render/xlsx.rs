//! Documents as an Excel workbook: a sheet per section, real dates and
//! numbers, RAG as words and fills, frozen header rows, column widths.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::doc::{Audience, Block, Cell, Document, Rag, Section, Table};

/// Excel's limit on the characters in one cell, counted as UTF-16 units (an
/// emoji counts twice).
pub const CELL_LIMIT: usize = 32_767;
const CUT_MARKER: &str = " [… cut: Excel holds at most 32,767 characters in a cell]";

struct Formats {
    header: Format,
    plain: Format,
    wrap: Format,
    day: Format,
    number: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Self {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Formats {
            header: border(
                Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_background_color(Color::RGB(0xE8E8E8)),
            ),
            plain: border(Format::new().set_align(rust_xlsxwriter::FormatAlign::Top)),
            wrap: border(
                Format::new()
                    .set_text_wrap()
                    .set_align(rust_xlsxwriter::FormatAlign::Top),
            ),
            day: border(Format::new().set_num_format("d mmm yyyy")),
            number: border(Format::new()),
            percent: border(Format::new().set_num_format("0.0")),
        }
    }

    fn rag(&self, rag: Option<Rag>) -> Format {
        let fill = match rag {
            Some(Rag::Red) => 0xF4C7C3,
            Some(Rag::Amber) => 0xFDE9B0,
            Some(Rag::Green) => 0xCFE8CF,
            None => 0xFFFFFF,
        };
        Format::new()
            .set_bold()
            .set_background_color(Color::RGB(fill))
            .set_border(FormatBorder::Thin)
    }
}

/// Text made inert (control characters shown) and cut to what a cell
/// holds, with a marker saying so.
pub fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    let s = super::neutral::block(s);
    if s.encode_utf16().count() <= CELL_LIMIT {
        return s;
    }
    let keep = CELL_LIMIT - CUT_MARKER.encode_utf16().count();
    let mut cut = String::new();
    let mut units = 0;
    for c in s.chars() {
        units += c.len_utf16();
        if units > keep {
            break;
        }
        cut.push(c);
    }
    cut.push_str(CUT_MARKER);
    cut.into()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// unique in the workbook.
fn sheet_name(section: &Section, index: usize, taken: &mut Vec<String>) -> String {
    let raw = section
        .name
        .as_deref()
        .or(section.heading.as_deref())
        .unwrap_or("Report");
    let clean: String = raw
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = clean.trim_matches('\'');
    let mut base: String = clean
        .chars()
        .take(31)
        .collect::<String>()
        .trim_end()
        .to_string();
    if base.trim().is_empty() {
        base = format!("Sheet {}", index + 1);
    }
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

pub fn to_bytes(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let mut taken = Vec::new();
    for (i, section) in doc.sections.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(section, i, &mut taken))?;
        write_section(ws, section, &f)?;
    }
    if doc.sections.is_empty() {
        book.add_worksheet();
    }
    book.save_to_buffer()
}

fn write_section(ws: &mut Worksheet, section: &Section, f: &Formats) -> Result<(), XlsxError> {
    // The section's data tables; a section with none (only tables for people)
    // shows those.
    let tables_for = |a: Audience| -> Vec<&Table> {
        section
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) if t.show.for_audience(a) => Some(t),
                _ => None,
            })
            .collect()
    };
    let mut tables = tables_for(Audience::Data);
    let mut audience = Audience::Data;
    if tables.is_empty() {
        tables = tables_for(Audience::People);
        audience = Audience::People;
    }
    if tables.is_empty() {
        // Nothing to tabulate ("None."): the section's text, one line a row.
        let mut row = 0;
        for b in &section.blocks {
            let lines = match b {
                Block::Heading(p) | Block::Paragraph(p) => vec![p.clone()],
                Block::List(items) => items.clone(),
                _ => vec![],
            };
            for line in lines {
                ws.write_string(row, 0, fit(&line))?;
                row += 1;
            }
        }
        ws.set_column_width(0, 100)?;
        return Ok(());
    }
    let mut row: u32 = 0;
    let mut widths: Vec<f64> = Vec::new();
    for (n, t) in tables.iter().enumerate() {
        let cols = t.visible(audience);
        // A column with no width of its own is as wide as its header and its
        // cells, measured as they are written (up to a readable limit).
        let mut widest: Vec<Option<usize>> = Vec::with_capacity(cols.len());
        for (x, &c) in cols.iter().enumerate() {
            let col = &t.columns[c];
            let title = if col.title.is_empty() {
                &col.key
            } else {
                &col.title
            };
            ws.write_string_with_format(row, x as u16, fit(title), &f.header)?;
            widest.push(col.width.is_none().then(|| title.chars().count()));
        }
        if n == 0 {
            ws.set_freeze_panes(row + 1, 0)?;
        }
        for cells in t.rows.iter() {
            row += 1;
            for (x, &c) in cols.iter().enumerate() {
                let cell = cells.get(c).unwrap_or(&Cell::Empty);
                if let Some(Some(w)) = widest.get_mut(x) {
                    *w = (*w).max(match cell {
                        Cell::Date(_) => 12,
                        other => other.shown().chars().count(),
                    });
                }
                let x = x as u16;
                match cell {
                    Cell::Empty => ws.write_blank(row, x, &f.plain)?,
                    Cell::Int(i) => ws.write_number_with_format(row, x, *i as f64, &f.number)?,
                    Cell::Percent(Some(p)) => {
                        ws.write_number_with_format(row, x, *p, &f.percent)?
                    }
                    Cell::Percent(None) => ws.write_blank(row, x, &f.plain)?,
                    Cell::Date(d) => ws.write_date_with_format(row, x, d, &f.day)?,
                    Cell::Rag(r) => {
                        ws.write_string_with_format(row, x, r.map_or("-", Rag::name), &f.rag(*r))?
                    }
                    other => {
                        let text = other.human();
                        let format = if text.chars().count() > 30 || text.contains('\n') {
                            &f.wrap
                        } else {
                            &f.plain
                        };
                        ws.write_string_with_format(row, x, fit(&text), format)?
                    }
                };
            }
        }
        for (x, &c) in cols.iter().enumerate() {
            let w = t.columns[c].width.unwrap_or_else(|| {
                let w = widest.get(x).copied().flatten().unwrap_or(0);
                (w as f64 + 2.0).clamp(6.0, 60.0)
            });
            if widths.len() <= x {
                widths.resize(x + 1, 0.0);
            }
            widths[x] = widths[x].max(w);
        }
        row += 2;
    }
    for (x, w) in widths.iter().enumerate() {
        ws.set_column_width(x as u16, *w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_excels_limit_with_a_marker() {
        for unit in ["é", "😀"] {
            let long = unit.repeat(CELL_LIMIT + 1);
            let cut = fit(&long);
            let units = cut.encode_utf16().count();
            assert!(
                (CELL_LIMIT - 1..=CELL_LIMIT).contains(&units),
                "{unit}: {units}"
            );
            assert!(cut.ends_with(CUT_MARKER));
        }
        assert_eq!(fit("short"), "short");
        let exact = "x".repeat(CELL_LIMIT);
        assert_eq!(fit(&exact), exact);
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut taken = Vec::new();
        let s = |h: &str| Section {
            heading: Some(h.into()),
            ..Section::default()
        };
        assert_eq!(
            sheet_name(
                &s("Overdue actions [3]: by lead / priority, a long heading"),
                0,
                &mut taken
            ),
            "Overdue actions 3 by lead prior"
        );
        assert_eq!(sheet_name(&s("Quarters"), 1, &mut taken), "Quarters");
        assert_eq!(sheet_name(&s("quarters"), 2, &mut taken), "quarters (2)");
        assert_eq!(sheet_name(&s("***"), 3, &mut taken), "Sheet 4");
    }
}
