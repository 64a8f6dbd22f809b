//! The document model: what a report says, before any format is chosen.
//!
//! Reports build a `Document` (sections of paragraphs, lists, tables and
//! charts); renderers turn it into a terminal table, CSV, Markdown, HTML,
//! Excel or Word. Cells know what they hold (a date, a count, a RAG rating), so
//! each renderer shows them its own way: a real date cell in Excel, ISO in
//! CSV, "31 May 2017" for people. This module depends on nothing else in the
//! crate.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};

/// A whole report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document<'a> {
    /// The document's own title (Markdown `#`, HTML `<h1>`, Word "Title").
    pub title: Option<String>,
    /// A line under the title (when and for whom).
    pub subtitle: Option<String>,
    /// A running footer for paged formats (Word), e.g. the board and the day.
    pub footer: Option<String>,
    pub sections: Vec<Section<'a>>,
}

/// A part of a report with its own heading (or none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section<'a> {
    pub heading: Option<String>,
    /// A short name: a workbook's sheet, a page's anchor.
    pub name: Option<String>,
    pub blocks: Vec<Block<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block<'a> {
    /// A heading within a section (Markdown `###`, HTML `<h3>`, Word
    /// "Heading 2"): an objective under its priority.
    Heading(String),
    Paragraph(String),
    /// A list of items, one line each.
    List(Vec<String>),
    Table(Table<'a>),
    Chart(Chart),
}

/// Who a table or column is for: people read titles and human dates; data
/// formats (CSV; Excel for columns) take keys and every field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    /// Terminal, Markdown, HTML, Word.
    People,
    /// CSV and Excel.
    Data,
    /// Only an interactive terminal (a bar drawn in block characters).
    Screen,
}

/// Where a renderer stands, for `Show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// A terminal a person is looking at.
    Screen,
    /// Any other output for people (a piped table, Markdown, HTML, Word).
    People,
    /// CSV and Excel.
    Data,
}

impl Show {
    pub fn for_audience(self, a: Audience) -> bool {
        matches!(
            (self, a),
            (Show::All, _)
                | (Show::People, Audience::Screen | Audience::People)
                | (Show::Screen, Audience::Screen)
                | (Show::Data, Audience::Data)
        )
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Right,
}

/// One column: its title for people, its key for data, and how it is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    pub key: String,
    pub show: Show,
    pub align: Align,
    /// In a terminal, text longer than this is cut with "…" (full text elsewhere).
    pub shorten: Option<usize>,
    /// A width hint in characters (Excel, Word).
    pub width: Option<f64>,
    /// What the text of its cells names, for a renderer that links (a site).
    pub names: Option<Names>,
}

/// What a cell's text names, so a renderer that makes links (the site) can
/// link it to that thing's page. A `Cell::Ref` names an action unless its
/// column says otherwise; in a `Cell::List` each item is a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Names {
    /// An action, by its ref (`1.2.3`).
    Action,
    /// A priority, by the label a table gives it (`summary`'s "1. Short name").
    Priority,
    /// A lead, by the register's name.
    Lead,
}

impl Column {
    pub fn new(title: &str, key: &str) -> Self {
        Column {
            title: title.to_string(),
            key: key.to_string(),
            show: Show::All,
            align: Align::Left,
            shorten: None,
            width: None,
            names: None,
        }
    }

    /// A column of counts or figures: right-aligned.
    pub fn number(title: &str, key: &str) -> Self {
        Column {
            align: Align::Right,
            ..Column::new(title, key)
        }
    }

    #[must_use]
    pub fn show(mut self, show: Show) -> Self {
        self.show = show;
        self
    }

    #[must_use]
    pub fn shorten(mut self, max: usize) -> Self {
        self.shorten = Some(max);
        self
    }

    #[must_use]
    pub fn width(mut self, chars: f64) -> Self {
        self.width = Some(chars);
        self
    }

    /// Its cells name priorities or leads (a site links each to its page).
    #[must_use]
    pub fn names(mut self, names: Names) -> Self {
        self.names = Some(names);
        self
    }
}

/// A table: columns and rows of typed cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table<'a> {
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    pub show: Show,
}

impl<'a> Table<'a> {
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            columns,
            rows: Rows::default(),
            show: Show::All,
        }
    }

    /// A table whose `len` rows are made when a renderer reads them, by
    /// `make(i)`, from rows the report already holds: a list of 100k actions
    /// is never held as cells, and each row's cells are dropped once written.
    pub fn made(
        columns: Vec<Column>,
        len: usize,
        make: impl Fn(usize) -> Vec<Cell<'a>> + 'a,
    ) -> Self {
        Table {
            columns,
            rows: Rows::Made {
                len,
                make: Rc::new(Maker {
                    make,
                    cells: PhantomData,
                }),
            },
            show: Show::All,
        }
    }

    #[must_use]
    pub fn show(mut self, show: Show) -> Self {
        self.show = show;
        self
    }

    /// The same table holding cells that own their text.
    pub fn into_owned(self) -> Table<'static> {
        Table {
            columns: self.columns,
            rows: self.rows.into_owned(),
            show: self.show,
        }
    }

    pub fn push(&mut self, row: Vec<Cell<'a>>) {
        self.rows.push(row);
    }

    /// The indexes of the columns an audience sees.
    pub fn visible(&self, a: Audience) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].show.for_audience(a))
            .collect()
    }
}

/// A table's rows: held as cells, or made one at a time as they are read.
/// Either way a renderer reads them with `iter` and sees the same cells.
#[derive(Clone)]
pub enum Rows<'a> {
    Held(Vec<Vec<Cell<'a>>>),
    Made {
        len: usize,
        make: Rc<dyn MakeRow + 'a>,
    },
}

/// What makes a made table's rows. The cells a row borrows live as long as
/// the maker, so a table of borrowed rows stays covariant in its lifetime
/// (a `Table<'static>` goes where a `Table<'p>` is wanted).
pub trait MakeRow {
    fn row(&self, i: usize) -> Vec<Cell<'_>>;
}

/// A closure as a `MakeRow`.
struct Maker<'a, F> {
    make: F,
    cells: PhantomData<Cell<'a>>,
}

impl<'a, F: Fn(usize) -> Vec<Cell<'a>>> MakeRow for Maker<'a, F> {
    fn row(&self, i: usize) -> Vec<Cell<'_>> {
        (self.make)(i)
    }
}

impl Default for Rows<'_> {
    fn default() -> Self {
        Rows::Held(Vec::new())
    }
}

impl<'a> Rows<'a> {
    pub fn len(&self) -> usize {
        match self {
            Rows::Held(rows) => rows.len(),
            Rows::Made { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`: borrowed when held, made when not.
    pub fn get(&self, i: usize) -> Option<Cow<'_, [Cell<'_>]>> {
        match self {
            Rows::Held(rows) => rows.get(i).map(|r| Cow::Borrowed(r.as_slice())),
            Rows::Made { len, make } => (i < *len).then(|| Cow::Owned(make.row(i))),
        }
    }

    /// Every row in order (a made row is made again on each pass).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Cow<'_, [Cell<'_>]>> {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// Adds a row; made rows are made and held first, so the new one follows them.
    pub fn push(&mut self, row: Vec<Cell<'a>>) {
        let mut rows = match std::mem::take(self) {
            Rows::Held(rows) => rows,
            made => made.owned(),
        };
        rows.push(row);
        *self = Rows::Held(rows);
    }
}

impl Rows<'_> {
    /// The same rows as held cells owning their text.
    pub fn into_owned(self) -> Rows<'static> {
        Rows::Held(self.owned())
    }

    fn owned(self) -> Vec<Vec<Cell<'static>>> {
        let own = |row: Vec<Cell<'_>>| row.into_iter().map(Cell::into_owned).collect();
        match self {
            Rows::Held(rows) => rows.into_iter().map(own).collect(),
            Rows::Made { len, make } => (0..len).map(|i| own(make.row(i))).collect(),
        }
    }
}

impl PartialEq for Rows<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl fmt::Debug for Rows<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Red, amber, green.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub fn name(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
        }
    }

    /// The word with a capital, as a paper prints it.
    pub fn word(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
        }
    }
}

/// One cell, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    /// A count or any whole number.
    Int(i64),
    /// A percentage with one decimal; `None` when there is nothing to count ("-").
    Percent(Option<f64>),
    Date(NaiveDate),
    /// Several dates (all of an action's deadlines).
    Dates(Cow<'a, [NaiveDate]>),
    /// A RAG rating; `None` for a dropped action ("-").
    Rag(Option<Rag>),
    /// An action's reference, such as `1.2.3` (a renderer may link it).
    Ref(Cow<'a, str>),
    /// Several names (an action's leads), "; " between them.
    List(Vec<Cow<'a, str>>),
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    pub fn count(n: usize) -> Cell<'a> {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The same cell owning its text.
    pub fn into_owned(self) -> Cell<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        match self {
            Cell::Empty => Cell::Empty,
            Cell::Text(s) => Cell::Text(own(s)),
            Cell::Int(n) => Cell::Int(n),
            Cell::Percent(p) => Cell::Percent(p),
            Cell::Date(d) => Cell::Date(d),
            Cell::Dates(ds) => Cell::Dates(Cow::Owned(ds.into_owned())),
            Cell::Rag(r) => Cell::Rag(r),
            Cell::Ref(s) => Cell::Ref(own(s)),
            Cell::List(items) => Cell::List(items.into_iter().map(own).collect()),
        }
    }

    /// The cell as people read it.
    pub fn human(&self) -> String {
        self.shown().into_owned()
    }

    /// The same, borrowed where the cell holds the text itself (a renderer
    /// of 100k rows need not copy every description).
    pub fn shown(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) | Cell::Ref(s) => Cow::Borrowed(s),
            Cell::Int(n) => n.to_string().into(),
            Cell::Percent(Some(p)) => format!("{p:.1}").into(),
            Cell::Percent(None) | Cell::Rag(None) => Cow::Borrowed("-"),
            Cell::Date(d) => human_date(*d).into(),
            Cell::Dates(ds) => joined_dates(ds, ", ", push_human_date).into(),
            Cell::Rag(Some(r)) => Cow::Borrowed(r.word()),
            Cell::List(items) => match items.as_slice() {
                [one] => Cow::Borrowed(one),
                _ => items.join("; ").into(),
            },
        }
    }

    /// The cell as data formats write it: ISO dates, "; " between items,
    /// nothing for an absent value.
    pub fn machine(&self) -> String {
        self.data().into_owned()
    }

    /// The same, borrowed where the cell holds the text itself.
    pub fn data(&self) -> Cow<'_, str> {
        match self {
            Cell::Percent(None) => Cow::Borrowed(""),
            Cell::Date(d) => iso_date(*d).into(),
            Cell::Dates(ds) => joined_dates(ds, "; ", push_iso_date).into(),
            Cell::Rag(Some(r)) => Cow::Borrowed(r.name()),
            other => other.shown(),
        }
    }
}

/// A stacked bar chart (deadlines by quarter): one bar per row, one segment
/// per series, each segment labelled with its number so it reads without colour.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    pub caption: String,
    pub series: Vec<Series>,
    pub rows: Vec<ChartRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub tone: Tone,
}

/// What a series means, for the colour a renderer gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Fair,
    Bad,
    Neutral,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    pub label: String,
    /// One value per series.
    pub values: Vec<usize>,
    /// Shown after the bar, e.g. "75.0% met".
    pub note: String,
}

/// A finding at a place in a file, for CI annotations (GitHub Actions).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotation {
    pub level: Level,
    pub file: Option<String>,
    pub line: Option<usize>,
    /// The last line it covers, when more than one.
    pub end_line: Option<usize>,
    pub column: Option<usize>,
    pub title: Option<String>,
    pub message: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    #[default]
    Notice,
    Warning,
    Error,
}

impl<'a> Document<'a> {
    pub fn new() -> Self {
        Document::default()
    }

    /// The same document owning every cell, made rows made now: for a
    /// document kept after the rows it borrows are gone (a site's pages).
    pub fn into_owned(self) -> Document<'static> {
        let block = |b: Block<'_>| match b {
            Block::Heading(s) => Block::Heading(s),
            Block::Paragraph(s) => Block::Paragraph(s),
            Block::List(items) => Block::List(items),
            Block::Table(t) => Block::Table(t.into_owned()),
            Block::Chart(c) => Block::Chart(c),
        };
        Document {
            title: self.title,
            subtitle: self.subtitle,
            footer: self.footer,
            sections: self
                .sections
                .into_iter()
                .map(|s| Section {
                    heading: s.heading,
                    name: s.name,
                    blocks: s.blocks.into_iter().map(block).collect(),
                })
                .collect(),
        }
    }

    /// A document of one untitled section.
    pub fn of(blocks: Vec<Block<'a>>) -> Self {
        Document {
            sections: vec![Section {
                blocks,
                ..Section::default()
            }],
            ..Document::default()
        }
    }

    pub fn section(&mut self, heading: impl Into<String>) -> &mut Section<'a> {
        self.sections.push(Section {
            heading: Some(heading.into()),
            ..Section::default()
        });
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// Every table, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table<'a>> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
        })
    }
}

impl<'a> Section<'a> {
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = Some(name.into());
        self
    }

    pub fn heading(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading(text.into()));
        self
    }

    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }

    pub fn list(&mut self, items: Vec<String>) -> &mut Self {
        self.blocks.push(Block::List(items));
        self
    }

    pub fn table(&mut self, table: Table<'a>) -> &mut Self {
        self.blocks.push(Block::Table(table));
        self
    }

    pub fn chart(&mut self, chart: Chart) -> &mut Self {
        self.blocks.push(Block::Chart(chart));
        self
    }
}

/// A calendar of all-day events (iCalendar): one event per deadline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calendar {
    /// Its name in a calendar program ("Riverside SAB: deadlines").
    pub name: String,
    /// The day the calendar stands for. Every event's stamp (DTSTAMP) is this
    /// day at 00:00:00 UTC, never the clock, so the same plan and day give the
    /// same bytes, and a later day's feed is newer than an earlier one's.
    pub stamp: NaiveDate,
    pub events: Vec<Event>,
}

/// One all-day event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Unique in the calendar and the same from run to run.
    pub uid: String,
    pub day: NaiveDate,
    /// One line.
    pub summary: String,
    /// Any number of lines.
    pub description: String,
}

/// A static site: pages (each a document at a path under the site's folder),
/// calendars, and the page of each thing a table names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Site<'a> {
    /// Shown at the top of every page (the board).
    pub name: String,
    /// The links at the top of every page.
    pub nav: Vec<Link>,
    pub pages: Vec<Page<'a>>,
    /// Calendar files, by path.
    pub calendars: Vec<(String, Calendar)>,
    /// Where a renderer links what a cell names: (what, text) to a path.
    pub links: HashMap<(Names, String), String>,
    /// The last line of every page (when and from what it was made).
    pub footer: String,
}

/// One page of a site.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page<'a> {
    /// From the site's folder, `/` between parts: `actions/1-2-3.html`.
    pub path: String,
    pub doc: Document<'a>,
    /// Its short name where a trail ends ("Action 1.2.3"; default: its title).
    pub name: Option<String>,
    /// Where the page sits, from the home page down to its parent.
    pub trail: Vec<Link>,
    /// Links to pages and files about the same thing (a lead's calendar).
    pub related: Vec<Link>,
    /// Offer a filter over its tables (an extra: the page reads the same
    /// without it).
    pub filter: bool,
}

/// A link within a site: text, and a path from the site's folder (with an
/// optional `#fragment`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub path: String,
}

impl Link {
    pub fn new(text: impl Into<String>, path: impl Into<String>) -> Link {
        Link {
            text: text.into(),
            path: path.into(),
        }
    }
}

/// A value of a report row's JSON, for the JSON renderer's quick path: a
/// report with 100,000 rows describes each row's fields (`JsonFields`) and the
/// renderer writes them, byte for byte as the row's `Serialize` would.
#[derive(Clone, Copy, Debug)]
pub enum Json<'a> {
    Null,
    Int(u64),
    Str(&'a str),
    Strs(&'a [&'a str]),
    /// An ISO date (`null` for none).
    Date(Option<NaiveDate>),
    Dates(&'a [NaiveDate]),
    /// An object's fields, in order.
    Object(&'a [(&'static str, Json<'a>)]),
}

/// A row whose JSON is its fields, in its `Serialize` order.
pub trait JsonFields {
    fn fields(&self, field: &mut dyn FnMut(&'static str, Json<'_>));
}

/// Text as a name for a file or an anchor: ASCII letters in lower case and
/// digits; every run of anything else is one hyphen, none at either end. So
/// `"Board Manager (interim)"` is `board-manager-interim`, and nothing from the
/// text can name another folder. May be empty.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A date as people read it in a table: `31 May 2017`.
pub fn human_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(11);
    push_human_date(&mut out, d);
    out
}

/// Dates written one after another by `push`, with `sep` between them.
fn joined_dates(ds: &[NaiveDate], sep: &str, push: fn(&mut String, NaiveDate)) -> String {
    let mut out = String::with_capacity(ds.len() * 13);
    push_joined_dates(&mut out, ds, sep, push);
    out
}

/// The same onto the end of `out` (a renderer writing a cell in place).
pub fn push_joined_dates(
    out: &mut String,
    ds: &[NaiveDate],
    sep: &str,
    push: fn(&mut String, NaiveDate),
) {
    for (i, d) in ds.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        push(out, *d);
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `human_date` onto the end of `out`, written directly: chrono's format
/// strings are parsed on every call, and a table of 100k rows has 100k dates.
pub fn push_human_date(out: &mut String, d: NaiveDate) {
    push_human_date_spaced(out, d, ' ');
}

/// The same, with `space` between day, month and year.
pub fn push_human_date_spaced(out: &mut String, d: NaiveDate, space: char) {
    let day = d.day();
    if day >= 10 {
        out.push(digit(day / 10));
    }
    out.push(digit(day % 10));
    out.push(space);
    out.push_str(MONTHS.get(d.month0() as usize).copied().unwrap_or("?"));
    out.push(space);
    push_year(out, d);
}

/// An ISO date (`2017-05-31`), as `NaiveDate`'s `Display` writes it.
pub fn iso_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_iso_date(&mut out, d);
    out
}

/// `iso_date` onto the end of `out`.
pub fn push_iso_date(out: &mut String, d: NaiveDate) {
    match iso_bytes(d) {
        Some(bytes) => out.push_str(std::str::from_utf8(&bytes).unwrap_or_default()),
        None => {
            use std::fmt::Write;
            let _ = write!(out, "{d}");
        }
    }
}

/// `YYYY-MM-DD` as bytes on the stack, for a year from 0 to 9999 (any other
/// is left to chrono, which writes a sign or five digits).
pub fn iso_bytes(d: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    // Each is a single digit (0 to 9), so the cast keeps it.
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (m, day) = (d.month(), d.day());
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// The year as chrono's `%Y` writes it: four digits, zero padded; any other
/// year (a sign, or five digits) through chrono itself.
fn push_year(out: &mut String, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(y) if y <= 9999 => {
            for n in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                out.push(digit(n));
            }
        }
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "{}", d.format("%Y"));
        }
    }
}

/// The digit for `n` (0 to 9).
fn digit(n: u32) -> char {
    char::from_digit(n % 10, 10).unwrap_or('0')
}

/// Shortens text to `max` characters, ending with "…" when cut; line breaks
/// and runs of white space become one space.
pub fn shorten(s: &str, max: usize) -> String {
    shortened(s, max).into_owned()
}

/// `shorten`, borrowing text that needs no change (one line, single spaces,
/// short enough): most of a table's cells.
pub fn shortened(s: &str, max: usize) -> Cow<'_, str> {
    let flat: Cow<'_, str> = if is_flat(s) {
        Cow::Borrowed(s)
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ").into()
    };
    if flat.len() <= max {
        return flat;
    }
    if flat.is_ascii() {
        // One byte a character: the cut falls at `max - 1`.
        let kept = flat[..max.saturating_sub(1)].trim_end();
        let mut out = String::with_capacity(kept.len() + 3);
        out.push_str(kept);
        out.push('…');
        return out.into();
    }
    // Where the character after the first `max` starts, if there is one; and
    // where the cut (one character fewer, for the "…") falls.
    let mut ends = flat.char_indices().map(|(i, _)| i);
    let cut = ends.nth(max.saturating_sub(1));
    let over = if max == 0 { cut } else { ends.next() };
    match (over, cut) {
        (None, _) | (_, None) => flat,
        (Some(_), Some(cut)) => format!("{}…", flat[..cut].trim_end()).into(),
    }
}

/// Whether every byte of `s` passes `ok`. With no early exit, which the
/// compiler turns into vector instructions: a 100k-row report asks this of
/// every cell, and nearly every cell passes.
#[inline]
pub fn bytes_all(s: &[u8], ok: impl Fn(u8) -> bool) -> bool {
    s.iter().fold(0u8, |fails, &b| fails | u8::from(!ok(b))) == 0
}

/// Whether byte `c` comes twice in a row in `s` (`::`, two spaces). Also
/// with no early exit: the texts asked are a cell's, a few dozen bytes.
#[inline]
pub fn has_pair(s: &[u8], c: u8) -> bool {
    let next = s.get(1..).unwrap_or_default();
    s.iter()
        .zip(next)
        .fold(0u8, |found, (&a, &b)| found | u8::from((a == c) & (b == c)))
        != 0
}

/// Whether `s` holds a line break.
pub fn has_newline(s: &str) -> bool {
    memchr::memchr(b'\n', s.as_bytes()).is_some()
}

/// Whether `split_whitespace` and a join with single spaces give `s` back:
/// no white space but single spaces between words.
pub fn is_flat(s: &str) -> bool {
    if s.is_ascii() {
        let b = s.as_bytes();
        return b.first() != Some(&b' ')
            && b.last() != Some(&b' ')
            && !has_pair(b, b' ')
            && bytes_all(b, |c| !(b'\t'..=b'\r').contains(&c));
    }
    let mut after_space = true;
    for c in s.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// "1 action" or "3 actions".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn cells_read_one_way_for_people_and_another_for_data() {
        let cases = [
            (Cell::Date(d("2017-05-01")), "1 May 2017", "2017-05-01"),
            (
                Cell::Dates(vec![d("2017-06-30"), d("2017-09-30")].into()),
                "30 Jun 2017, 30 Sep 2017",
                "2017-06-30; 2017-09-30",
            ),
            (Cell::Percent(Some(66.666)), "66.7", "66.7"),
            (Cell::Percent(None), "-", ""),
            (Cell::Rag(Some(Rag::Amber)), "Amber", "amber"),
            (Cell::Rag(None), "-", "-"),
            (Cell::count(7), "7", "7"),
            (Cell::List(vec!["A".into(), "B".into()]), "A; B", "A; B"),
            (Cell::Empty, "", ""),
        ];
        for (cell, human, machine) in cases {
            assert_eq!(
                (cell.human().as_str(), cell.machine().as_str()),
                (human, machine)
            );
        }
    }

    #[test]
    fn made_rows_read_as_the_same_cells_held_rows_hold() {
        let names = ["Board", "Panel", "Chair"];
        let columns = || vec![Column::new("Name", "name"), Column::number("N", "n")];
        let make = |i: usize| vec![Cell::text(names[i]), Cell::count(i)];
        let made = Table::made(columns(), names.len(), make);
        let mut held = Table::new(columns());
        for i in 0..names.len() {
            held.push(make(i));
        }
        assert!(matches!(made.rows, Rows::Made { len: 3, .. }));
        assert_eq!(made.rows.len(), 3);
        assert_eq!(made, held);
        let texts: Vec<String> = made.rows.iter().map(|r| r[0].human()).collect();
        assert_eq!(texts, ["Board", "Panel", "Chair"]);
        assert_eq!(made.rows.get(3), None);
        // Owned, a made table is held; a row pushed onto it comes last.
        let mut owned = made.clone().into_owned();
        assert!(matches!(owned.rows, Rows::Held(_)));
        assert_eq!(owned, held);
        let mut pushed = made;
        pushed.push(vec![Cell::text("Lead"), Cell::count(3)]);
        owned.push(vec![Cell::text("Lead"), Cell::count(3)]);
        assert_eq!(pushed, owned);
        assert_eq!(pushed.rows.len(), 4);
    }

    #[test]
    fn columns_are_shown_to_their_audience() {
        let t = Table::new(vec![
            Column::new("Ref", "ref"),
            Column::new("Due", "due").show(Show::People),
            Column::new("", "file").show(Show::Data),
            Column::new("", "bar").show(Show::Screen),
        ]);
        assert_eq!(t.visible(Audience::Screen), [0, 1, 3]);
        assert_eq!(t.visible(Audience::People), [0, 1]);
        assert_eq!(t.visible(Audience::Data), [0, 2]);
    }

    #[test]
    fn slugs_hold_only_lower_case_letters_digits_and_single_hyphens() {
        let cases = [
            ("Board Manager", "board-manager"),
            ("  Q&P Sub Group ", "q-p-sub-group"),
            ("../../etc/passwd", "etc-passwd"),
            ("Ärzte \u{1b}[31m red", "rzte-31m-red"),
            ("C:\\con", "c-con"),
            ("---", ""),
            ("", ""),
        ];
        for (text, slug_) in cases {
            assert_eq!(slug(text), slug_, "{text:?}");
        }
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let days = [
            "2017-05-01",
            "2017-12-31",
            "0999-01-09",
            "0001-10-10",
            "9999-12-31",
        ]
        .map(d)
        .into_iter()
        .chain([NaiveDate::MIN, NaiveDate::MAX])
        .chain(NaiveDate::from_ymd_opt(-1, 2, 3))
        .chain(NaiveDate::from_ymd_opt(10000, 2, 3));
        for day in days {
            assert_eq!(
                human_date(day),
                format!("{} {}", day.day(), day.format("%b %Y"))
            );
            assert_eq!(iso_date(day), day.to_string());
        }
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The pair check answers as looking at each two bytes in turn.
        #[test]
        fn has_pair_finds_two_in_a_row(
            s in proptest::collection::vec(proptest::sample::select(b": a".to_vec()), 0..70),
        ) {
            let slow = s.windows(2).any(|w| w == b"::");
            proptest::prop_assert_eq!(has_pair(&s, b':'), slow);
        }

        /// The blocked check answers as a byte-by-byte one, across block edges.
        #[test]
        fn bytes_all_is_all(
            s in proptest::collection::vec(proptest::prop_oneof![
                9 => proptest::sample::select(b"a :~".to_vec()),
                1 => proptest::num::u8::ANY,
            ], 0..100),
        ) {
            let printable = |b: u8| (b' '..=b'~').contains(&b);
            proptest::prop_assert_eq!(bytes_all(&s, printable), s.iter().all(|&b| printable(b)));
        }

        /// `shortened`'s quick paths (flat text, ASCII) cut where counting
        /// characters does.
        #[test]
        fn shortened_matches_cutting_by_characters(
            s in proptest::prop_oneof![
                // Mostly plain ASCII (the quick path), then anything.
                proptest::collection::vec(proptest::sample::select(vec![
                    "a", "Board", " ", "  ", "\t",
                ]), 0..10),
                proptest::collection::vec(proptest::sample::select(vec![
                    "a", "Board", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}",
                    "é", "日本", "…", "\u{2028}",
                ]), 0..10),
            ].prop_map(|p: Vec<&str>| p.concat()),
            max in 0usize..12,
        ) {
            let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = if flat.chars().count() <= max {
                flat
            } else {
                let kept: String = flat.chars().take(max.saturating_sub(1)).collect();
                format!("{}…", kept.trim_end())
            };
            proptest::prop_assert_eq!(shortened(&s, max).into_owned(), expected);
        }
    }

    #[test]
    fn shorten_cuts_on_characters_and_marks_the_cut() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("éééééééééé", 5), "éééé…");
        for flat in ["", "a b", "exactly 10"] {
            assert!(matches!(shortened(flat, 10), Cow::Borrowed(_)), "{flat:?}");
        }
        for (raw, cut) in [
            (" a", "a"),
            ("a ", "a"),
            ("a\u{a0}b", "a b"),
            ("a\tb", "a b"),
        ] {
            assert_eq!(shortened(raw, 10), cut, "{raw:?}");
        }
    }
}
