//! A plan kept as a table (an Excel or CSV action tracker, a Word table): the
//! header row found below any title rows, its columns recognised by the names
//! boards give them (or as `--columns` says), and each row read as an action
//! of the priority and objective above it. Pure: rows of cells in, the
//! document's structure out.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::document::{RawAction, RawObjective, RawPlan, RawPriority, year_hint};
use crate::plan::parse_positive;

/// One cell: its text, and the day when it is a date cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub date: Option<NaiveDate>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            date: None,
        }
    }

    pub fn date(d: NaiveDate) -> Cell {
        Cell {
            text: d.to_string(),
            date: Some(d),
        }
    }

    fn is_empty(&self) -> bool {
        self.date.is_none() && self.text.trim().is_empty()
    }
}

pub type Row = Vec<Cell>;

/// What a column holds.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Field {
    Ref,
    Priority,
    Objective,
    Action,
    Lead,
    Due,
    Status,
    Update,
    Updated,
    Impact,
}

impl Field {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// The column names boards use, compared as lower-case words (punctuation
/// aside): a header is a field when it is one of these, or begins with one
/// (longest first) followed by more words ("Lead(s)/Owner" is "lead s owner").
const NAMES: &[(Field, &[&str])] = &[
    (
        Field::Ref,
        &[
            "ref",
            "refs",
            "ref no",
            "reference",
            "no",
            "no ref",
            "number",
            "action no",
            "action number",
            "action ref",
            "item",
            "item no",
            "id",
        ],
    ),
    (
        Field::Priority,
        &[
            "priority",
            "priorities",
            "strategic priority",
            "board priority",
            "priority area",
        ],
    ),
    (
        Field::Objective,
        &[
            "objective",
            "objectives",
            "outcome",
            "outcomes",
            "strategic objective",
            "intended outcome",
            "aim",
            "what we want to achieve",
        ],
    ),
    (
        Field::Action,
        &[
            "action",
            "actions",
            "what we will do",
            "what will we do",
            "what we are going to do",
            "action required",
            "actions required",
            "task",
            "tasks",
            "activity",
            "activities",
            "description",
            "action description",
        ],
    ),
    (
        Field::Lead,
        &[
            "lead",
            "leads",
            "lead s",
            "owner",
            "owners",
            "responsible",
            "responsibility",
            "who",
            "who is responsible",
            "lead officer",
            "lead agency",
            "lead person",
            "responsible officer",
            "responsible person",
            "action owner",
            "by whom",
        ],
    ),
    (
        Field::Due,
        &[
            "by when",
            "when",
            "timescale",
            "timescales",
            "timeframe",
            "deadline",
            "completion",
            "completion date",
            "target date",
            "target completion date",
            "due",
            "due date",
            "date due",
        ],
    ),
    (
        Field::Status,
        &[
            "rag",
            "status",
            "rag status",
            "rag rating",
            "current rag",
            "brag",
            "progress rating",
        ],
    ),
    (
        Field::Update,
        &[
            "update",
            "updates",
            "latest update",
            "progress",
            "progress update",
            "progress to date",
            "commentary",
            "comments",
            "comment",
        ],
    ),
    (
        Field::Updated,
        &[
            "updated",
            "date of update",
            "update date",
            "date updated",
            "last updated",
            "date of last update",
        ],
    ),
    (
        Field::Impact,
        &[
            "impact",
            "how will we know",
            "expected impact",
            "evidence of impact",
            "measure of success",
            "measures of success",
            "success measures",
            "success criteria",
            "outcome measures",
        ],
    ),
];

/// Names too general to start a longer header ("When was it agreed", "No of
/// staff"): only the whole header counts.
const WHOLE_ONLY: &[&str] = &["no", "when", "who", "due", "id", "item", "aim", "number"];

/// A header's words: lower case, letters and digits, single spaces.
fn header_words(s: &str) -> String {
    s.to_lowercase()
        .replace(['\'', '\u{2019}'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, if it is one boards use.
pub fn field_of(header: &str) -> Option<Field> {
    if header.trim() == "#" {
        return Some(Field::Ref);
    }
    let words = header_words(header);
    if words.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Field)> = None;
    for (field, names) in NAMES {
        for name in *names {
            if words == *name {
                return Some(*field);
            }
            let prefix = words
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(' '));
            if prefix && !WHOLE_ONLY.contains(name) && best.is_none_or(|(len, _)| name.len() > len)
            {
                best = Some((name.len(), *field));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// How `--columns` names a column.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pick {
    /// A column letter: A is 0.
    Letter(usize),
    /// A header, compared as words.
    Header(String),
    /// Not read at all.
    Nothing,
}

/// `--columns action=C,lead=Owner,status=-`: the columns the user names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnChoice(Vec<(Field, Pick)>);

impl ColumnChoice {
    /// Parses `KEY=COLUMN,...`: KEY one of ref, priority, objective, action,
    /// lead, due, status, update, updated, impact; COLUMN a column letter (one
    /// or two letters), a header (in quotes when it is one or two letters), or
    /// `-` for none.
    pub fn parse(spec: &str) -> Result<ColumnChoice, String> {
        let keys = || {
            <Field as strum::IntoEnumIterator>::iter()
                .map(Field::name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some((key, value)) = item.split_once('=') else {
                return Err(format!(
                    "`{item}` is not KEY=COLUMN (for example action=C or lead=Owner)"
                ));
            };
            let key = key.trim().to_lowercase();
            let field: Field = key.parse().map_err(|_| {
                format!("`{key}` is not a column lscb reads; use one of {}", keys())
            })?;
            if out.iter().any(|(f, _)| *f == field) {
                return Err(format!("`{key}` is given twice"));
            }
            let value = value.trim();
            let quoted = ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q));
            let pick = match quoted {
                Some(header) => Pick::Header(header_words(header)),
                None if value.is_empty() || value == "-" => Pick::Nothing,
                None if value.len() <= 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    Pick::Letter(letter_index(value))
                }
                None => Pick::Header(header_words(value)),
            };
            out.push((field, pick));
        }
        Ok(ColumnChoice(out))
    }

    fn pick(&self, field: Field) -> Option<&Pick> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, p)| p)
    }

    /// The field `--columns` gives a column, by its letter or header.
    fn field_at(&self, index: usize, header: &str) -> Option<Field> {
        let words = header_words(header);
        self.0.iter().find_map(|(f, p)| match p {
            Pick::Letter(i) if *i == index => Some(*f),
            Pick::Header(h) if !words.is_empty() && *h == words => Some(*f),
            _ => None,
        })
    }
}

/// "A" is 0, "Z" 25, "AA" 26.
fn letter_index(letters: &str) -> usize {
    letters.bytes().fold(0, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    }) - 1
}

/// The letter of a 0-based column: 0 is "A", 26 "AA".
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(index % 26).unwrap_or(0));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One column of the header row and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub field: Option<Field>,
    /// Given by `--columns`.
    pub chosen: bool,
}

/// The header row (0-based) and its columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub header_row: usize,
    pub columns: Vec<Column>,
}

/// How many rows from the top the header row may be.
const HEADER_SEARCH: usize = 30;

impl Layout {
    /// The header row: the given one, else the first of the top rows in which
    /// two or more cells are recognised column names and an action column is
    /// found (by name, or as `--columns` says).
    pub fn find(
        rows: &[Row],
        choice: &ColumnChoice,
        header_row: Option<usize>,
    ) -> Result<Layout, String> {
        if let Some(n) = header_row {
            let row = rows
                .get(n)
                .ok_or_else(|| format!("there is no row {} in the table", n + 1))?;
            let layout = Layout::of(n, row, choice);
            if layout.column(Field::Action).is_none() {
                return Err(format!(
                    "row {} names no action column; name it with --columns action=LETTER",
                    n + 1
                ));
            }
            return Ok(layout);
        }
        for (n, row) in rows.iter().enumerate().take(HEADER_SEARCH) {
            let named = row
                .iter()
                .filter(|c| {
                    c.date.is_none()
                        && (field_of(&c.text).is_some()
                            || choice.field_at(usize::MAX, &c.text).is_some())
                })
                .count();
            let layout = Layout::of(n, row, choice);
            if named >= 2 && layout.column(Field::Action).is_some() {
                return Ok(layout);
            }
        }
        Err(format!(
            "no header row in the first {HEADER_SEARCH} rows: none names an action column and another (such as Lead or By when)"
        ))
    }

    /// The columns of header row `n`.
    fn of(n: usize, row: &[Cell], choice: &ColumnChoice) -> Layout {
        let mut columns: Vec<Column> = row
            .iter()
            .enumerate()
            .map(|(index, c)| {
                let header = if c.date.is_some() {
                    String::new()
                } else {
                    c.text.split_whitespace().collect::<Vec<_>>().join(" ")
                };
                let field = choice.field_at(index, &header);
                Column {
                    index,
                    header,
                    chosen: field.is_some(),
                    field,
                }
            })
            .collect();
        // A column chosen by letter beyond the header row's last cell.
        for (field, pick) in &choice.0 {
            if let Pick::Letter(i) = pick
                && !columns.iter().any(|c| c.index == *i)
            {
                columns.push(Column {
                    index: *i,
                    header: String::new(),
                    field: Some(*field),
                    chosen: true,
                });
            }
        }
        columns.sort_by_key(|c| c.index);
        // Then the names boards use, each field once, leftmost first.
        for i in 0..columns.len() {
            if columns[i].chosen {
                continue;
            }
            let Some(f) = field_of(&columns[i].header) else {
                continue;
            };
            let taken = columns.iter().any(|c| c.field == Some(f));
            if !taken && choice.pick(f).is_none() {
                columns[i].field = Some(f);
            }
        }
        Layout {
            header_row: n,
            columns,
        }
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.index)
    }

    /// What was recognised, a line per column, then the fields not found.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.columns {
            if c.header.is_empty() && c.field.is_none() {
                continue;
            }
            let what = match c.field {
                Some(f) if c.chosen => format!("{} (--columns)", f.name()),
                Some(f) => f.name().to_string(),
                None => "not read".to_string(),
            };
            out.push(format!(
                "column {} \"{}\": {what}",
                column_letter(c.index),
                c.header
            ));
        }
        let missing: Vec<&str> = <Field as strum::IntoEnumIterator>::iter()
            .filter(|f| self.column(*f).is_none())
            .map(Field::name)
            .collect();
        if !missing.is_empty() {
            out.push(format!("no column for: {}", missing.join(", ")));
        }
        out
    }

    /// Whether `row` repeats the header (a header on every page).
    fn is_header(&self, row: &[Cell]) -> bool {
        let named: Vec<&Column> = self.columns.iter().filter(|c| c.field.is_some()).collect();
        !named.is_empty()
            && named.iter().all(|c| {
                row.get(c.index)
                    .is_some_and(|cell| header_words(&cell.text) == header_words(&c.header))
            })
            && named.iter().any(|c| !c.header.is_empty())
    }
}

/// A ref as a tracker writes it: "1.2.3" (priority, objective, action), "2.3"
/// (objective, action), "3"; "P1.2.3" and "1.2.3." too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct TrackerRef {
    priority: Option<u32>,
    objective: Option<u32>,
    action: Option<u32>,
}

fn read_ref(text: &str) -> TrackerRef {
    let t = text
        .trim()
        .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ')
        .trim_end_matches('.');
    let parts: Option<Vec<u32>> = t.split('.').map(parse_positive).collect();
    match parts.as_deref() {
        Some([p, o, a]) => TrackerRef {
            priority: Some(*p),
            objective: Some(*o),
            action: Some(*a),
        },
        Some([o, a]) => TrackerRef {
            priority: None,
            objective: Some(*o),
            action: Some(*a),
        },
        Some([a]) => TrackerRef {
            action: Some(*a),
            ..TrackerRef::default()
        },
        _ => TrackerRef::default(),
    }
}

/// A heading or group cell: "Priority 1: Title", "Strategic priority 2 -
/// Title", "1. Title", "1.2 Title" (the last number counts), or a title alone.
fn numbered<'a>(text: &'a str, words: &[&str]) -> (Option<u32>, &'a str) {
    let t = text.trim();
    // ASCII lower case keeps byte offsets, so `t` can be cut where `lower` is.
    let lower = t.to_ascii_lowercase();
    let mut rest = t;
    for w in words {
        let after = lower.strip_prefix(w).unwrap_or("");
        if after.starts_with(|c: char| c == ' ' || c.is_ascii_digit()) {
            rest = t.get(w.len()..).unwrap_or(t).trim_start();
            break;
        }
    }
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let number_text = rest[..digits_end].trim_end_matches('.');
    let after = &rest[digits_end..];
    let separated = after.is_empty()
        || after.starts_with([' ', ':', '-', '–', '—', ')'])
        || rest[..digits_end].ends_with('.');
    let number = number_text
        .rsplit('.')
        .next()
        .and_then(parse_positive)
        .filter(|_| separated && !number_text.is_empty());
    if number.is_none() {
        return (None, t);
    }
    let title = after
        .trim_start_matches([' ', ':', '-', '–', '—', ')'])
        .trim();
    (number, title)
}

/// Whether a paragraph is a "Priority N: TITLE" or "Objective N: TITLE"
/// heading, as `lscb document --format docx` writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heading {
    Priority(u32, String),
    Objective(u32, String),
}

pub fn heading(text: &str) -> Option<Heading> {
    let lower = text.trim().to_lowercase();
    let starts = |w: &str| {
        lower.strip_prefix(w).is_some_and(|r| {
            r.starts_with(' ') && r.trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
    };
    if starts("priority") || starts("strategic priority") {
        let (n, title) = numbered(text, &["strategic priority", "priority"]);
        return Some(Heading::Priority(n?, title.to_string()));
    }
    if starts("objective") || starts("outcome") {
        let (n, title) = numbered(text, &["objective", "outcome"]);
        return Some(Heading::Objective(n?, title.to_string()));
    }
    None
}

/// Cell text for a description: each line kept, bullets ("•", "-", "*", "◦",
/// "o") as "- item", nested ones (indented, or "◦"/"o"/"▪") as "  - item".
pub fn cell_text(raw: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in raw.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let bullet = ["• ", "- ", "* ", "– ", "·"]
            .iter()
            .find_map(|b| t.strip_prefix(b))
            .or_else(|| t.strip_prefix('•'));
        let nested = ["◦", "▪", "o "].iter().find_map(|b| t.strip_prefix(b));
        match (bullet, nested) {
            (Some(item), _) if indent >= 2 => out.push(format!("  - {}", words(item))),
            (Some(item), _) => out.push(format!("- {}", words(item))),
            (None, Some(item)) => out.push(format!("  - {}", words(item))),
            (None, None) => out.push(words(t)),
        }
    }
    out.join("\n")
}

#[derive(Debug, Default)]
struct PriorityAcc {
    title: Option<String>,
    objectives: BTreeMap<u32, Option<String>>,
    /// Objectives in the order met.
    order: Vec<u32>,
    actions: Vec<RawAction>,
}

/// Reads tables (and the headings between them) into the document's structure.
#[derive(Debug, Default)]
pub struct TableReader {
    priorities: BTreeMap<u32, PriorityAcc>,
    order: Vec<u32>,
    current_priority: Option<u32>,
    current_objective: Option<u32>,
    /// Lines for stderr: rows that were not read, dates worth a look.
    pub problems: Vec<String>,
    /// Text above the header rows (a title, "2020/21"), for the plan year.
    titles: Vec<String>,
}

impl TableReader {
    /// A paragraph between tables: a priority or objective heading sets the
    /// group the next rows belong to; other text may name the plan year.
    pub fn paragraph(&mut self, text: &str) {
        // "STRATEGIC PRIORITY 1:" alone: its title may come later.
        let titled = |t: String| Some(t).filter(|t| !t.is_empty());
        match heading(text) {
            Some(Heading::Priority(n, title)) => self.set_priority(n, titled(title)),
            Some(Heading::Objective(n, title)) => {
                let p = self.priority_or_first();
                self.set_objective(p, n, titled(title));
            }
            None => {
                if !text.trim().is_empty() {
                    self.titles.push(text.trim().to_string());
                }
            }
        }
    }

    /// The rows of one table below its header row; `place` names a row for
    /// messages ("row 7").
    pub fn table(&mut self, rows: &[Row], layout: &Layout, place: &dyn Fn(usize) -> String) {
        for row in rows.iter().take(layout.header_row) {
            let text: Vec<&str> = row
                .iter()
                .map(|c| c.text.trim())
                .filter(|t| !t.is_empty())
                .collect();
            if !text.is_empty() {
                self.titles.push(text.join(" "));
            }
        }
        for (i, row) in rows.iter().enumerate().skip(layout.header_row + 1) {
            if row.iter().all(Cell::is_empty) || layout.is_header(row) {
                continue;
            }
            self.row(row, layout, &place(i));
        }
    }

    fn row(&mut self, row: &[Cell], layout: &Layout, place: &str) {
        let cell = |f: Field| layout.column(f).and_then(|i| row.get(i));
        let text = |f: Field| cell(f).map_or(String::new(), |c| c.text.trim().to_string());
        let r = read_ref(&text(Field::Ref));
        let priority_cell = text(Field::Priority);
        let objective_cell = text(Field::Objective);

        // The group: a cell's own, else the ref's, else the one above.
        if !priority_cell.is_empty() {
            let (n, title) = numbered(&priority_cell, &["strategic priority", "priority", "p"]);
            let n = r
                .priority
                .or(n)
                .or_else(|| self.priority_titled(title))
                .unwrap_or_else(|| self.next_priority());
            self.set_priority(n, Some(title.to_string()).filter(|t| !t.is_empty()));
        } else if let Some(n) = r.priority {
            self.set_priority(n, None);
        }
        let p = self.priority_or_first();
        if !objective_cell.is_empty() {
            let (n, title) = numbered(&objective_cell, &["objective", "outcome", "o"]);
            let n = r
                .objective
                .or(n)
                .or_else(|| self.objective_titled(p, title))
                .unwrap_or_else(|| self.next_objective(p));
            self.set_objective(p, n, Some(title.to_string()).filter(|t| !t.is_empty()));
        } else if let Some(n) = r.objective {
            self.set_objective(p, n, None);
        }

        let action = cell_text(&text(Field::Action));
        if action.is_empty() {
            let grouping = !priority_cell.is_empty() || !objective_cell.is_empty();
            let other = row.iter().any(|c| !c.is_empty());
            if !grouping && other {
                self.problems
                    .push(format!("{place}: no action text; the row was skipped"));
            }
            return;
        }
        let o = match self.current_objective {
            Some(o) => o,
            None => {
                let o = self.next_objective(p);
                self.set_objective(p, o, None);
                o
            }
        };
        let number = r.action.unwrap_or_else(|| {
            self.priorities.get(&p).map_or(1, |acc| {
                acc.actions
                    .iter()
                    .filter(|a| a.objective == o)
                    .map(|a| a.number)
                    .max()
                    .map_or(1, |n| n + 1)
            })
        });
        let due = cell(Field::Due);
        if let Some(d) = due.and_then(|c| c.date)
            && d.day() == 1
        {
            self.problems.push(format!(
                "{p}.{o}.{number}: the deadline cell is the date {}; a month typed into Excel (\"{}\") becomes its first day, so if the month was meant, write due = \"{}\"",
                d.format("%-d %B %Y"),
                d.format("%b-%y"),
                d.format("%Y-%m")
            ));
        }
        let raw = RawAction {
            objective: o,
            number,
            description: action,
            completion: text(Field::Due)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            lead: text(Field::Lead),
            status: text(Field::Status),
            update: text(Field::Update),
            updated: text(Field::Updated),
            impact: cell_text(&text(Field::Impact)),
        };
        if let Some(acc) = self.priorities.get_mut(&p) {
            acc.actions.push(raw);
        }
    }

    fn set_priority(&mut self, n: u32, title: Option<String>) {
        let acc = self.priorities.entry(n).or_default();
        if acc.title.is_none() {
            acc.title = title;
        }
        if !self.order.contains(&n) {
            self.order.push(n);
        }
        if self.current_priority != Some(n) {
            self.current_objective = None;
        }
        self.current_priority = Some(n);
    }

    fn set_objective(&mut self, p: u32, n: u32, title: Option<String>) {
        let acc = self.priorities.entry(p).or_default();
        let slot = acc.objectives.entry(n).or_default();
        if slot.is_none() {
            *slot = title;
        }
        if !acc.order.contains(&n) {
            acc.order.push(n);
        }
        self.current_objective = Some(n);
    }

    fn priority_or_first(&mut self) -> u32 {
        match self.current_priority {
            Some(p) => p,
            None => {
                let p = self.next_priority();
                self.set_priority(p, None);
                p
            }
        }
    }

    fn next_priority(&self) -> u32 {
        self.priorities.keys().max().map_or(1, |n| n + 1)
    }

    fn next_objective(&self, p: u32) -> u32 {
        self.priorities
            .get(&p)
            .and_then(|acc| acc.objectives.keys().max())
            .map_or(1, |n| n + 1)
    }

    fn priority_titled(&self, title: &str) -> Option<u32> {
        let words = header_words(title);
        self.priorities
            .iter()
            .find(|(_, acc)| {
                acc.title
                    .as_deref()
                    .is_some_and(|t| header_words(t) == words)
            })
            .map(|(n, _)| *n)
    }

    fn objective_titled(&self, p: u32, title: &str) -> Option<u32> {
        let words = header_words(title);
        self.priorities.get(&p).and_then(|acc| {
            acc.objectives
                .iter()
                .find(|(_, t)| t.as_deref().is_some_and(|t| header_words(t) == words))
                .map(|(n, _)| *n)
        })
    }

    /// Whether any action was read.
    pub fn is_empty(&self) -> bool {
        self.priorities.values().all(|p| p.actions.is_empty())
    }

    /// The structure read: priorities in the order met, untitled ones named
    /// by the table's title (when it is the only one) or "Priority N".
    pub fn finish(self) -> RawPlan {
        let only = self.order.len() == 1;
        let title_text = self.titles.join("\n");
        let default_title = self.titles.first().cloned();
        let mut plan = RawPlan {
            year_hint: year_hint(&title_text),
            ..RawPlan::default()
        };
        let mut priorities = self.priorities;
        for n in self.order {
            let Some(acc) = priorities.remove(&n) else {
                continue;
            };
            let title = acc
                .title
                .or_else(|| default_title.clone().filter(|_| only))
                .unwrap_or_else(|| format!("Priority {n}"));
            let objectives = acc
                .order
                .iter()
                .map(|o| RawObjective {
                    number: *o,
                    title: acc
                        .objectives
                        .get(o)
                        .cloned()
                        .flatten()
                        .unwrap_or_else(|| format!("Objective {o}")),
                })
                .collect();
            plan.priorities.push(RawPriority {
                number: n,
                title,
                objectives,
                actions: acc.actions,
            });
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        cells.iter().map(|c| Cell::text(*c)).collect()
    }

    #[test]
    fn column_names_boards_use() {
        let cases = [
            ("No.", Some(Field::Ref)),
            ("Ref", Some(Field::Ref)),
            ("#", Some(Field::Ref)),
            ("No./Ref", Some(Field::Ref)),
            ("Priority", Some(Field::Priority)),
            ("Objective/Outcome", Some(Field::Objective)),
            ("OUTCOME", Some(Field::Objective)),
            ("Action/What we will do", Some(Field::Action)),
            ("What we will do", Some(Field::Action)),
            ("Lead(s)", Some(Field::Lead)),
            ("Lead(s)/Owner", Some(Field::Lead)),
            ("Owner", Some(Field::Lead)),
            ("Responsible", Some(Field::Lead)),
            ("By when?", Some(Field::Due)),
            ("Timescale", Some(Field::Due)),
            ("Deadline", Some(Field::Due)),
            ("Completion", Some(Field::Due)),
            ("RAG", Some(Field::Status)),
            ("RAG/Status", Some(Field::Status)),
            ("Status", Some(Field::Status)),
            ("Update", Some(Field::Update)),
            ("Progress", Some(Field::Update)),
            ("Update/Progress/Commentary", Some(Field::Update)),
            ("Latest update", Some(Field::Update)),
            ("Commentary", Some(Field::Update)),
            ("Updated", Some(Field::Updated)),
            ("Date of update", Some(Field::Updated)),
            ("Impact", Some(Field::Impact)),
            ("How will we know?", Some(Field::Impact)),
            (
                "How will we know it has made a difference?",
                Some(Field::Impact),
            ),
            ("Impact/How will we know", Some(Field::Impact)),
            ("Notes", None),
            ("No of staff", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(field_of(header), expected, "{header}");
        }
    }

    #[test]
    fn columns_option_letters_headers_and_none() {
        let c = ColumnChoice::parse("action=C, lead='Who', status=-, due=AB, impact=How we know")
            .unwrap();
        assert_eq!(
            c.0,
            [
                (Field::Action, Pick::Letter(2)),
                (Field::Lead, Pick::Header("who".into())),
                (Field::Status, Pick::Nothing),
                (Field::Due, Pick::Letter(27)),
                (Field::Impact, Pick::Header("how we know".into())),
            ]
        );
        assert!(
            ColumnChoice::parse("colour=C")
                .unwrap_err()
                .contains("use one of ref")
        );
        assert!(ColumnChoice::parse("action").is_err());
        assert!(ColumnChoice::parse("action=C,action=D").is_err());
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(letter_index("ab"), 27);
    }

    #[test]
    fn the_header_row_is_found_below_title_rows() {
        let rows = vec![
            row(&["Board business plan 2020/21"]),
            row(&["Action tracker", "", "Last reviewed March"]),
            row(&["Ref", "Action", "Lead", "Notes"]),
            row(&["1", "Do it", "Board Manager", ""]),
        ];
        let layout = Layout::find(&rows, &ColumnChoice::default(), None).unwrap();
        assert_eq!(layout.header_row, 2);
        assert_eq!(layout.column(Field::Lead), Some(2));
        assert_eq!(
            layout.describe(),
            [
                "column A \"Ref\": ref",
                "column B \"Action\": action",
                "column C \"Lead\": lead",
                "column D \"Notes\": not read",
                "no column for: priority, objective, due, status, update, updated, impact",
            ]
        );
        // --columns moves a field and drops another.
        let choice = ColumnChoice::parse("lead=D,ref=-").unwrap();
        let layout = Layout::find(&rows, &choice, None).unwrap();
        assert_eq!(layout.column(Field::Lead), Some(3));
        assert_eq!(layout.column(Field::Ref), None);
        assert!(Layout::find(&rows[..2], &ColumnChoice::default(), None).is_err());
    }

    #[test]
    fn group_cells_continue_and_refs_number_actions() {
        let rows = vec![
            row(&["Priority", "Objective", "Ref", "Action"]),
            row(&["1. Keep children safe", "Train staff", "", "First"]),
            row(&["", "", "", "Second"]),
            row(&["", "Audit", "", "Third"]),
            row(&["Priority 3: Listen", "", "3.2.5", "Fourth"]),
            row(&["", "", "", "Fifth"]),
        ];
        let layout = Layout::find(&rows, &ColumnChoice::default(), None).unwrap();
        let mut reader = TableReader::default();
        reader.table(&rows, &layout, &|i| format!("row {}", i + 1));
        let plan = reader.finish();
        let refs: Vec<String> = plan
            .priorities
            .iter()
            .flat_map(|p| {
                p.actions.iter().map(move |a| {
                    format!(
                        "{}.{}.{} {}",
                        p.number, a.objective, a.number, a.description
                    )
                })
            })
            .collect();
        assert_eq!(
            refs,
            [
                "1.1.1 First",
                "1.1.2 Second",
                "1.2.1 Third",
                "3.2.5 Fourth",
                "3.2.6 Fifth"
            ]
        );
        assert_eq!(plan.priorities[0].title, "Keep children safe");
        assert_eq!(plan.priorities[0].objectives[1].title, "Audit");
        assert_eq!(plan.priorities[1].title, "Listen");
        assert_eq!(plan.priorities[1].objectives[0].title, "Objective 2");
    }

    #[test]
    fn a_date_cell_on_the_first_of_a_month_is_listed() {
        let day = |s| crate::plan::date::parse_iso(s).unwrap();
        let rows = vec![
            row(&["Action", "By when"]),
            vec![Cell::text("Audit"), Cell::date(day("2021-03-01"))],
            vec![Cell::text("Report"), Cell::date(day("2021-03-02"))],
        ];
        let layout = Layout::find(&rows, &ColumnChoice::default(), None).unwrap();
        let mut reader = TableReader::default();
        reader.table(&rows, &layout, &|i| format!("row {}", i + 1));
        assert_eq!(
            reader.problems,
            [
                "1.1.1: the deadline cell is the date 1 March 2021; a month typed into Excel (\"Mar-21\") becomes its first day, so if the month was meant, write due = \"2021-03\""
            ]
        );
        let plan = reader.finish();
        assert_eq!(plan.priorities[0].actions[0].completion, "2021-03-01");
    }

    #[test]
    fn a_heading_without_a_title_leaves_the_title_to_come() {
        let mut reader = TableReader::default();
        reader.paragraph("STRATEGIC PRIORITY 1:");
        reader.paragraph("Objective 2: Hear children");
        let rows = vec![
            row(&["Action", "Lead"]),
            row(&["Ask them", "Board Manager"]),
        ];
        let layout = Layout::find(&rows, &ColumnChoice::default(), None).unwrap();
        reader.table(&rows, &layout, &|i| format!("row {}", i + 1));
        let plan = reader.finish();
        assert_eq!(plan.priorities[0].title, "Priority 1");
        assert_eq!(plan.priorities[0].objectives[0].title, "Hear children");
        assert_eq!(plan.priorities[0].actions[0].objective, 2);
    }

    #[test]
    fn headings_and_numbered_cells() {
        assert_eq!(
            heading("Priority 2: Voice of the child"),
            Some(Heading::Priority(2, "Voice of the child".into()))
        );
        assert_eq!(
            heading("Objective 10: Hear them"),
            Some(Heading::Objective(10, "Hear them".into()))
        );
        assert_eq!(heading("Priorities for next year"), None);
        assert_eq!(
            numbered("1.2 Train staff", &["objective"]),
            (Some(2), "Train staff")
        );
        assert_eq!(
            numbered("16+ care leavers", &["priority"]),
            (None, "16+ care leavers")
        );
        assert_eq!(
            numbered("P2 - Neglect", &["priority", "p"]),
            (Some(2), "Neglect")
        );
        assert_eq!(numbered("3", &["priority"]), (Some(3), ""));
    }

    #[test]
    fn cell_bullets_and_nested_items_stay_lines() {
        assert_eq!(
            cell_text("Run training for:\n• schools\n   ◦ primary\n  - secondary\n• GPs"),
            "Run training for:\n- schools\n  - primary\n  - secondary\n- GPs"
        );
    }
}
