//! Renderers: a `Document` to bytes in each output format (one file per
//! format), plus JSON from the report's rows and diagnostics for people and CI.
//!
//! Renderers know nothing of reports or the command line: a new format is one
//! new file here and one arm in `write`.

pub mod csv;
pub mod diagnostics;
pub mod docx;
pub mod github;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod neutral;
pub mod site;
pub mod text;
pub mod xlsx;

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::doc::Document;

/// Every output format a report can take (each command offers its own subset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A table for a terminal (plain ASCII when piped).
    Table,
    Csv,
    Json,
    Markdown,
    Html,
    Xlsx,
    /// A Word document.
    Docx,
}

impl Format {
    /// Formats that are files, never text for a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

/// How the terminal looks: whether it is one, and how wide.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Output goes to a terminal: box drawing and width fitting are fine.
    pub is_tty: bool,
    pub width: Option<u16>,
}

/// Writes a report: JSON from its rows, every other format from its document
/// (built only when needed).
pub fn write<'d, T: Serialize + ?Sized>(
    format: Format,
    rows: &T,
    doc: impl FnOnce() -> Document<'d>,
    term: Terminal,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write(rows, out),
        _ => write_doc(format, &doc(), term, out),
    }
}

/// Writes a document in any format but JSON (which is written from rows:
/// for JSON this writes nothing).
pub fn write_doc(
    format: Format,
    doc: &Document,
    term: Terminal,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Json => Ok(()),
        Format::Csv => csv::write(doc, out),
        Format::Markdown => markdown::write(doc, out),
        Format::Table => text::write(doc, term, out),
        Format::Html => html::write(doc, out),
        Format::Xlsx => out.write_all(&xlsx::to_bytes(doc).map_err(io::Error::other)?),
        Format::Docx => docx::write(doc, out),
    }
}

/// `text` through `f`, kept as it is (borrowed, if it was) when `f` changes
/// nothing: a renderer of 100k rows copies only the cells it must change.
pub(crate) fn through<'a>(
    text: Cow<'a, str>,
    f: impl FnOnce(&str) -> Cow<'_, str>,
) -> Cow<'a, str> {
    let changed = match f(&text) {
        Cow::Owned(o) => Some(o),
        Cow::Borrowed(_) => None,
    };
    match changed {
        Some(o) => Cow::Owned(o),
        None => text,
    }
}

/// A document as text (for tests and messages).
pub fn to_string(format: Format, doc: &Document) -> String {
    let mut out = Vec::new();
    let _ = write(format, &(), || doc.clone(), Terminal::default(), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Dates as "31 Mar 2024" (and months as "Jul 2023") with non-breaking
/// spaces, so a narrow table column (Word, a printed page) never splits one
/// over lines.
pub fn unbroken_dates(text: &str) -> String {
    unbroken(text).into_owned()
}

/// A word without the ASCII punctuation around it (a byte at a time: such
/// punctuation is one byte, and no byte of a wider character is ASCII).
fn bare(w: &str) -> &str {
    let b = w.as_bytes();
    let start = b
        .iter()
        .position(|c| !c.is_ascii_punctuation())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_punctuation())
        .map_or(start, |i| i + 1);
    w.get(start..end).unwrap_or_default()
}

/// `unbroken_dates`, borrowed when there is no date to hold together (most
/// cells: one word, or words that are no date).
pub fn unbroken(text: &str) -> Cow<'_, str> {
    // Both kinds of date are two words, one a number (a day or a year): a
    // single word (a count) or text with no digit (most descriptions) has none.
    if memchr::memchr(b' ', text.as_bytes()).is_none()
        || crate::doc::bytes_all(text.as_bytes(), |b| !b.is_ascii_digit())
    {
        return Cow::Borrowed(text);
    }
    // Only the spaces that join a date change: the text is copied up to
    // each, in one pass, and not at all when there is none.
    let mut out: Option<String> = None;
    let mut copied = 0;
    joining_spaces(text, |space| {
        // (In order, so always a part; `get` rather than a panic if not.)
        if let Some(part) = text.get(copied..space) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
            out.push_str(part);
            out.push('\u{a0}');
            copied = space + 1;
        }
    });
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            out.into()
        }
    }
}

/// A date cell as `unbroken(&cell.shown())` reads, written straight onto
/// `out` (a pack of 100k actions has a date cell on every row, which would
/// otherwise be written, then read for dates and written again). False, and
/// nothing written, for any other cell, or a date whose year is not four
/// digits (which `unbroken` does not hold to its month).
pub fn push_unbroken_dates(out: &mut String, cell: &crate::doc::Cell) -> bool {
    use crate::doc::Cell;
    use chrono::Datelike;
    let dates = match cell {
        Cell::Date(d) => std::slice::from_ref(d),
        Cell::Dates(ds) => ds.as_ref(),
        _ => return false,
    };
    if !dates.iter().all(|d| (0..=9999).contains(&d.year())) {
        return false;
    }
    let unbroken = |out: &mut String, d| crate::doc::push_human_date_spaced(out, d, '\u{a0}');
    crate::doc::push_joined_dates(out, dates, ", ", unbroken);
    true
}

/// Whether two words side by side are one date: "31 Mar", "Mar 2024",
/// "September 2023", "(31 Mar 2024)".
fn joined(before: &str, w: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let is_day = |w: &str| {
        let w = w.trim_start_matches('(');
        (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let is_month = |w: &str| {
        // Every month starts with one of these capitals: most words are
        // turned away on their first letter.
        let first = w.bytes().find(|b| !b.is_ascii_punctuation());
        if !first.is_some_and(|b| b"JFMASOND".contains(&b)) {
            return false;
        }
        // A month's name or its first three letters.
        let w = bare(w);
        MONTHS
            .iter()
            .any(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
    };
    let is_year = |w: &str| {
        let w = bare(w);
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
    };
    (is_day(before) && is_month(w)) || (is_month(before) && is_year(w))
}

/// Each space of `text` (split at single spaces) between two `joined`
/// words, in order, to `found`. One of the two words is always a number (a
/// day or a year), so only the words either side of each word with a digit
/// are looked at, not every pair of a description's words. (Two words with
/// digits are never joined, as a month has none, so no space is found
/// twice.)
fn joining_spaces(text: &str, mut found: impl FnMut(usize)) {
    let b = text.as_bytes();
    // The word holding byte `at` (empty between two spaces, as `split` gives).
    let word_at = |at: usize| {
        let start = memchr::memrchr(b' ', &b[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b' ', &b[at..]).map_or(b.len(), |i| at + i);
        (start, end)
    };
    let mut at = 0;
    while let Some(i) = b[at..].iter().position(u8::is_ascii_digit) {
        let (start, end) = word_at(at + i);
        let w = &text[start..end];
        if start > 0 {
            let (from, to) = word_at(start - 1);
            if joined(&text[from..to], w) {
                found(start - 1);
            }
        }
        if end < b.len() {
            let (from, to) = word_at(end + 1);
            if joined(w, &text[from..to]) {
                found(end);
            }
        }
        at = end;
    }
}

/// A cell's text in pieces: lines of text, and runs of lines written as
/// "- item" (a description written as a list), so each format can keep a
/// list a list.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Line(&'a str),
    List(Vec<&'a str>),
}

pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece> = Vec::new();
    // A CRLF file's multi-line text: the CR is part of the line break.
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        match (line.strip_prefix("- "), out.last_mut()) {
            (Some(item), Some(Piece::List(items))) => items.push(item),
            (Some(item), _) => out.push(Piece::List(vec![item])),
            (None, _) => out.push(Piece::Line(line)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_months_are_never_split() {
        assert_eq!(
            unbroken_dates("from Jul 2023 to 31 Oct 2023; The 2023 plan"),
            "from Jul\u{a0}2023 to 31\u{a0}Oct\u{a0}2023; The 2023 plan"
        );
        // Punctuation before a month's first letter.
        assert_eq!(unbroken_dates("(Mar 2024)"), "(Mar\u{a0}2024)");
        assert_eq!(unbroken_dates("\"March\" 2017"), "\"March\"\u{a0}2017");
        assert_eq!(unbroken_dates("due (31 Mar"), "due (31\u{a0}Mar");
        // A single word, or words with no digit, are left alone.
        assert_eq!(unbroken_dates("31"), "31");
        assert_eq!(unbroken_dates("March and May"), "March and May");
    }

    proptest::proptest! {
        /// A date cell written straight out reads as `unbroken` makes its
        /// text, for any dates; and any other cell is left to `unbroken`.
        #[test]
        fn date_cells_written_unbroken_read_as_unbroken_text(
            days in proptest::collection::vec(-4_000_000i32..4_000_000, 0..4),
            one in proptest::prelude::any::<bool>(),
        ) {
            use crate::doc::Cell;
            let dates: Vec<_> = days
                .iter()
                .filter_map(|&n| chrono::NaiveDate::from_num_days_from_ce_opt(n))
                .collect();
            let cell = match dates.first() {
                Some(&d) if one => Cell::Date(d),
                _ => Cell::Dates(dates.clone().into()),
            };
            let mut out = String::from("<td>");
            if push_unbroken_dates(&mut out, &cell) {
                let shown = cell.shown();
                proptest::prop_assert_eq!(&out[4..], unbroken(&shown));
            } else {
                proptest::prop_assert_eq!(out, "<td>");
                proptest::prop_assert!(dates.iter().any(|d| !(0..=9999).contains(&chrono::Datelike::year(d))));
            }
        }
    }

    #[test]
    fn other_cells_are_not_written_as_dates() {
        let mut out = String::new();
        for cell in [
            crate::doc::Cell::text("31 Mar 2024"),
            crate::doc::Cell::Int(2024),
            crate::doc::Cell::Empty,
        ] {
            assert!(!push_unbroken_dates(&mut out, &cell));
        }
        assert_eq!(out, "");
    }

    proptest::proptest! {
        /// `unbroken`'s quick looks (a space, a digit, the words beside a
        /// digit) never turn away text in which a pair of words is one date.
        #[test]
        fn unbroken_joins_exactly_the_pairs_that_are_dates(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "31", "(31", "1", "123", "2024", "2024)", "(2024", "2024;", "2024x", "Mar",
                "Mar,", "March", "\"March\"", "(Mar", "Dec.", "May", "may", "Ma", "mar",
                "Sept", "section", "11", "Board", "the", "", "é", "é9", "Néo", "x9", "D4", "-",
            ]), 0..8)
        ) {
            let text = words.join(" ");
            let mut pairwise = String::new();
            let mut before: Option<&str> = None;
            for w in text.split(' ') {
                if let Some(b) = before {
                    pairwise.push(if joined(b, w) { '\u{a0}' } else { ' ' });
                }
                pairwise.push_str(w);
                before = Some(w);
            }
            proptest::prop_assert_eq!(unbroken(&text), pairwise);
        }
    }

    #[test]
    fn a_description_written_as_a_list_is_found_as_one() {
        assert_eq!(
            pieces("Seek views through:\n- the survey\n- the Youth Board\nThen report."),
            [
                Piece::Line("Seek views through:"),
                Piece::List(vec!["the survey", "the Youth Board"]),
                Piece::Line("Then report."),
            ]
        );
        assert_eq!(pieces("one line"), [Piece::Line("one line")]);
        assert_eq!(
            pieces("Views:\r\n- a\r\n- b"),
            [Piece::Line("Views:"), Piece::List(vec!["a", "b"])],
            "a CRLF file's line breaks are line breaks"
        );
        assert_eq!(pieces("-not a list"), [Piece::Line("-not a list")]);
    }
}
