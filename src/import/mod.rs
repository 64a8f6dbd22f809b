//! `lscb import`: a board's plan to `board.toml` and one file per priority,
//! from the text layout of the 2017/18 plan (as text or in a Word file), an
//! action tracker (xlsx, xls, ods, CSV), or a Word table. Pure: bytes in,
//! files' text out (reading the file is the command's job).

mod deadline;
mod document;
mod docx;
mod leads;
mod progress;
mod sheet;
mod table;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Months, NaiveDate};

pub use deadline::{Deadline, read_day, read_deadline};
pub use document::{RawAction, RawObjective, RawPlan, RawPriority, clean_text, parse, year_hint};
pub use docx::{Block, docx_blocks, docx_text};
pub use leads::{Known, always_split, fold_key, split_leads};
pub use table::{Cell, ColumnChoice, Field, Layout, Row, TableReader};
use write::{ActionOut, DueValue};

use crate::error::{Error, Result};
use crate::plan::{Lead, PlanYear, Register};

/// Options for turning a document into plan files.
#[derive(Clone, Debug)]
pub struct Options {
    pub board_name: String,
    pub year: PlanYear,
    /// An existing register to resolve leads against (and to keep).
    pub register: Register,
}

/// The files to write, and what the import could not read.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// (file name, text), `board.toml` first.
    pub files: Vec<(String, String)>,
    /// One line per case to check (a lead fold, an unread deadline), for stderr.
    pub problems: Vec<String>,
}

/// What kind of file a plan comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The text layout of the 2017/18 plan.
    Text,
    /// A Word file: its tables if one has a header row lscb recognises, else
    /// its text in the text layout.
    Docx,
    /// xlsx, xlsm, xlsb, xls, ods.
    Spreadsheet,
    Csv,
}

impl Kind {
    /// By the file's extension, else by its first bytes.
    pub fn of(path: &Path, bytes: &[u8]) -> Kind {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "docx" => Kind::Docx,
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Kind::Spreadsheet,
            "csv" | "tsv" => Kind::Csv,
            _ if bytes.starts_with(b"PK") && zip_has(bytes, "word/document.xml") => Kind::Docx,
            // A zip (xlsx, ods) or an OLE compound file (xls).
            _ if bytes.starts_with(b"PK") || bytes.starts_with(b"\xD0\xCF\x11\xE0") => {
                Kind::Spreadsheet
            }
            _ => Kind::Text,
        }
    }
}

fn zip_has(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_ok_and(|mut z| z.by_name(name).is_ok())
}

/// How to read a table: `--columns`, `--sheet`, `--header-row` (0-based here).
#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    pub columns: ColumnChoice,
    pub sheet: Option<String>,
    pub header_row: Option<usize>,
}

/// A document read: its structure, what was recognised (for stderr), and the
/// rows or tables that were not read.
#[derive(Clone, Debug, Default)]
pub struct Read {
    pub raw: RawPlan,
    pub recognised: Vec<String>,
    pub problems: Vec<String>,
}

/// Reads a plan from a file's bytes.
pub fn read(kind: Kind, bytes: &[u8], opts: &TableOptions) -> Result<Read> {
    match kind {
        Kind::Text => {
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                Error::usage("the file is not UTF-8 text")
                    .with_hint("save it as UTF-8, or give the .docx, .xlsx or .csv")
            })?;
            Ok(Read {
                raw: parse(&text),
                ..Read::default()
            })
        }
        Kind::Csv => {
            let (rows, note) = sheet::csv_rows(bytes)?;
            let mut read = one_table(&rows, opts, "CSV file")?;
            read.recognised.splice(0..0, note);
            Ok(read)
        }
        Kind::Spreadsheet => {
            let sheets = sheet::workbook(bytes)?;
            let names = || {
                sheets
                    .iter()
                    .map(|s| format!("\"{}\"", s.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if let Some(wanted) = &opts.sheet {
                let Some(s) = sheets
                    .iter()
                    .find(|s| s.name.trim().eq_ignore_ascii_case(wanted.trim()))
                else {
                    return Err(Error::usage(format!("there is no sheet \"{wanted}\""))
                        .with_hint(format!("the sheets are {}", names())));
                };
                return one_table(&s.rows, opts, &format!("sheet \"{}\"", s.name));
            }
            // The first sheet with a header row (a tracker often has a cover sheet first).
            let mut first_error = None;
            for s in &sheets {
                match one_table(&s.rows, opts, &format!("sheet \"{}\"", s.name)) {
                    Ok(read) => return Ok(read),
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            Err(first_error.unwrap_or_else(|| Error::usage("the workbook has no sheets")))
        }
        Kind::Docx => {
            let blocks = docx_blocks(bytes)?;
            match word_tables(&blocks, opts)? {
                Some(read) => Ok(read),
                None => Ok(Read {
                    raw: parse(&docx_text(&blocks)),
                    ..Read::default()
                }),
            }
        }
    }
}

/// One table (a sheet, a CSV file).
fn one_table(rows: &[Row], opts: &TableOptions, what: &str) -> Result<Read> {
    let layout = Layout::find(rows, &opts.columns, opts.header_row).map_err(|why| {
        Error::usage(format!("{what}: {why}")).with_hint(
            "name the columns with --columns action=C,lead=D,... (and the header row with --header-row N)",
        )
    })?;
    let mut reader = TableReader::default();
    reader.table(rows, &layout, &|i| format!("{what}, row {}", i + 1));
    let mut recognised = vec![format!(
        "{what}: the header is row {}",
        layout.header_row + 1
    )];
    recognised.extend(layout.describe());
    let problems = std::mem::take(&mut reader.problems);
    Ok(Read {
        raw: reader.finish(),
        recognised,
        problems,
    })
}

/// A Word file whose plan is in tables: the tables with a header row lscb
/// recognises, under the "Priority N: TITLE" and "Objective N: TITLE"
/// paragraphs above them. `None` when no table has such a header.
fn word_tables(blocks: &[Block], opts: &TableOptions) -> Result<Option<Read>> {
    let tables: Vec<(usize, Vec<Row>)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(rows) => Some(docx::table_rows(rows)),
            Block::Paragraph { .. } => None,
        })
        .enumerate()
        .collect();
    let layouts: Vec<Option<Layout>> = tables
        .iter()
        .map(|(_, rows)| Layout::find(rows, &opts.columns, opts.header_row).ok())
        .collect();
    if layouts.iter().all(Option::is_none) {
        return Ok(None);
    }
    let mut reader = TableReader::default();
    let mut recognised: Vec<String> = Vec::new();
    let mut described: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    let mut skipped = Vec::new();
    let mut t = 0;
    for block in blocks {
        match block {
            Block::Paragraph { text, .. } => reader.paragraph(text),
            Block::Table(_) => {
                let (n, rows) = &tables[t];
                match &layouts[t] {
                    Some(layout) => {
                        reader.table(rows, layout, &|i| format!("table {}, row {}", n + 1, i + 1));
                        let mut lines = vec![format!("the header is row {}", layout.header_row + 1)];
                        lines.extend(layout.describe());
                        match described.iter_mut().find(|(l, _)| *l == lines) {
                            Some((_, which)) => which.push(n + 1),
                            None => described.push((lines, vec![n + 1])),
                        }
                    }
                    None => skipped.push(format!(
                        "table {} of the Word file has no header row lscb recognises; it was not read",
                        n + 1
                    )),
                }
                t += 1;
            }
        }
    }
    for (lines, which) in described {
        let numbers: Vec<String> = which.iter().map(ToString::to_string).collect();
        let tables = match numbers.as_slice() {
            [one] => format!("Word table {one}"),
            many => format!("Word tables {}", join_and(many)),
        };
        let mut lines = lines.into_iter();
        recognised.push(format!("{tables}: {}", lines.next().unwrap_or_default()));
        recognised.extend(lines);
    }
    let mut problems = skipped;
    problems.append(&mut reader.problems);
    Ok(Some(Read {
        raw: reader.finish(),
        recognised,
        problems,
    }))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A file name for a priority: its number and the title's first telling words.
fn file_name(p: &RawPriority) -> String {
    const SKIP: &[&str] = &[
        "to", "ensure", "that", "the", "there", "is", "are", "a", "an", "of", "and", "in", "on",
        "for", "with", "be", "by", "upon", "those", "within",
    ];
    let words: Vec<String> = p
        .title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.to_lowercase().as_str()))
        .take(4)
        .map(slug)
        .collect();
    let name = words.join("-");
    if name.is_empty() {
        format!("{}.toml", p.number)
    } else {
        format!("{}-{name}.toml", p.number)
    }
}

/// Builds the plan files from the document.
pub fn build(raw: &RawPlan, opts: &Options) -> Imported {
    let mut out = Imported::default();
    // Every lead named on its own (a cell's part between ";"), and the
    // register's, for deciding where " and ", "&" and "," part leads.
    let mut known = Known::default();
    for a in raw.priorities.iter().flat_map(|p| &p.actions) {
        for part in always_split(&a.lead) {
            known.add(&part);
        }
    }
    for spelling in opts.register.leads.iter().flat_map(Lead::spellings) {
        known.add(spelling);
    }
    // By position, not by ref: a document may repeat a ref (validation says so).
    let mut leads_of: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for (pi, p) in raw.priorities.iter().enumerate() {
        for (ai, a) in p.actions.iter().enumerate() {
            let names = split_leads(&a.lead, &known, &opts.register);
            if names.is_empty() {
                out.problems.push(format!(
                    "{}.{}.{}: no lead given",
                    p.number, a.objective, a.number
                ));
            }
            leads_of.insert((pi, ai), names);
        }
    }
    let named: Vec<&str> = leads_of.values().flatten().map(String::as_str).collect();
    let (register, folds) = register_of(&opts.register, &named);
    out.problems.extend(folds);

    out.files.push((
        "board.toml".into(),
        write::board(&opts.board_name, opts.year, &register),
    ));
    let mut names_used: Vec<String> = Vec::new();
    let mut rag_not_kept: Vec<String> = Vec::new();
    for (pi, p) in raw.priorities.iter().enumerate() {
        let mut objectives = p.objectives.clone();
        objectives.sort_by_key(|o| o.number);
        let mut actions = Vec::new();
        for (ai, a) in p.actions.iter().enumerate() {
            let r = format!("{}.{}.{}", p.number, a.objective, a.number);
            if !objectives.iter().any(|o| o.number == a.objective) {
                out.problems.push(format!(
                    "{r}: objective {} is not in the document; the action was left out",
                    a.objective
                ));
                continue;
            }
            let (due, deadlines) = match read_deadline(&a.completion, opts.year) {
                Some(Deadline::Every(period)) => (
                    DueValue::Every(period.name()),
                    crate::plan::schedule::every(opts.year, period).len(),
                ),
                Some(Deadline::Due(days)) => {
                    let n = days.len();
                    (DueValue::Due(days), n)
                }
                None => {
                    out.problems.push(format!(
                        "{r}: could not read the deadline \"{}\"; set to the end of the plan year ({})",
                        a.completion, opts.year.end
                    ));
                    let unread = DueValue::Unread {
                        day: opts.year.end,
                        wording: a.completion.clone(),
                    };
                    (unread, 1)
                }
            };
            let mut progress = progress::progress(
                &progress::TrackerProgress {
                    status: &a.status,
                    update: &a.update,
                    updated: &a.updated,
                    deadlines,
                },
                &r,
            );
            out.problems.append(&mut progress.problems);
            if let Some(colour) = progress.rag_not_kept {
                rag_not_kept.push(format!("{r} {colour}"));
            }
            actions.push(ActionOut {
                objective: a.objective,
                number: a.number,
                description: a.description.clone(),
                leads: leads_of.get(&(pi, ai)).cloned().unwrap_or_default(),
                due,
                wording: a.completion.clone(),
                impact: a.impact.clone(),
                progress,
            });
        }
        let objectives: Vec<(u32, String)> = objectives
            .iter()
            .map(|o| (o.number, o.title.clone()))
            .collect();
        let text = write::priority(p.number, &p.title, &objectives, &actions);
        // A repeated heading (a table header on every page) must not overwrite
        // the first file: the second gets its own name, and validation reports
        // the repeated priority number.
        let mut name = file_name(p);
        while names_used.contains(&name) {
            name = name.replacen(".toml", "-again.toml", 1);
        }
        names_used.push(name.clone());
        out.files.push((name, text));
    }
    if !rag_not_kept.is_empty() {
        out.problems.push(format!(
            "RAG colours with no update date were not kept (lscb works RAG out from the deadlines): {}",
            rag_not_kept.join(", ")
        ));
    }
    out
}

/// The register: the given one, then the leads the document names, each
/// once. A name the register resolves is its lead (another spelling becomes
/// an alias); a near-duplicate of a register lead's spelling (by `fold_key`)
/// is folded into it; the document's own names are grouped by fold key, each
/// group one lead named by its most used spelling (the first met on a tie)
/// with the others as aliases. Each fold is a line for checking.
fn register_of(base: &Register, named: &[&str]) -> (Register, Vec<String>) {
    let mut register = base.clone();
    let mut lines = Vec::new();
    let mut base_keys: HashMap<String, usize> = HashMap::new();
    for (i, lead) in base.leads.iter().enumerate() {
        for s in lead.spellings() {
            base_keys.entry(fold_key(s)).or_insert(i);
        }
    }
    // Fold key -> spellings in the order met, with how often each is used.
    let mut groups: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for name in named {
        if let Some(i) = base.resolve(name) {
            // Another spelling of a lead already known: kept as an alias.
            if !register.leads[i].spellings().any(|s| s == *name) {
                register.add_alias(i, (*name).to_string());
            }
            continue;
        }
        let key = fold_key(name);
        if let Some(&i) = base_keys.get(&key) {
            if register.resolve(name).is_none() {
                register.add_alias(i, (*name).to_string());
                lines.push(format!(
                    "lead \"{name}\" folded into \"{}\" of --leads; if they differ, split them in board.toml",
                    base.leads[i].name
                ));
            }
            continue;
        }
        let at = match groups.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                groups.push((key, Vec::new()));
                groups.len() - 1
            }
        };
        let spellings = &mut groups[at].1;
        match spellings.iter_mut().find(|(s, _)| s == name) {
            Some((_, n)) => *n += 1,
            None => spellings.push(((*name).to_string(), 1)),
        }
    }
    for (_, spellings) in groups {
        let most = spellings.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let Some(chosen) = spellings.iter().position(|(_, n)| *n == most) else {
            continue;
        };
        let name = spellings[chosen].0.clone();
        let aliases: Vec<String> = spellings
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != chosen)
            .map(|(_, (s, _))| s.clone())
            .collect();
        if !aliases.is_empty() {
            let quoted: Vec<String> = spellings.iter().map(|(s, _)| format!("\"{s}\"")).collect();
            lines.push(format!(
                "leads {} folded into one, \"{name}\"; if they differ, split them in board.toml",
                join_and(&quoted)
            ));
        }
        let mut key = slug(&name);
        if key.is_empty() {
            key = format!("lead-{}", register.leads.len() + 1);
        }
        while register.leads.iter().any(|l| l.key == key) {
            key.push_str("-2");
        }
        register.push(Lead { key, name, aliases });
    }
    (register, lines)
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The plan year: from `--year-start`, else April to March of the year the
/// document names ("2017/18").
pub fn plan_year(start: Option<NaiveDate>, raw: &RawPlan) -> Option<PlanYear> {
    let start = start.or_else(|| NaiveDate::from_ymd_opt(raw.year_hint?, 4, 1))?;
    let end = start.checked_add_months(Months::new(12))?.pred_opt()?;
    // Plan files hold four-digit years.
    if !(crate::edit::writable(start) && crate::edit::writable(end)) {
        return None;
    }
    Some(PlanYear { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// No cell, however odd, makes the readers of cells panic.
        #[test]
        fn any_cell_text_is_read_without_panicking(cell in "\\PC{0,40}", year_start in 1900i32..2100) {
            let year = PlanYear {
                start: NaiveDate::from_ymd_opt(year_start, 4, 1).unwrap_or_default(),
                end: NaiveDate::from_ymd_opt(year_start + 1, 3, 31).unwrap_or_default(),
            };
            let _ = read_deadline(&cell, year);
            let _ = read_day(&cell);
            let _ = progress::read_status(&cell);
            let _ = table::cell_text(&cell);
            let _ = table::heading(&cell);
            let _ = table::field_of(&cell);
            let _ = ColumnChoice::parse(&cell);
            let mut known = Known::default();
            known.add(&cell);
            let _ = split_leads(&format!("{cell} and {cell}, {cell}"), &known, &Register::default());
            let rows = vec![
                vec![Cell::text("Action"), Cell::text("Lead")],
                vec![Cell::text(cell.clone()), Cell::text(cell.clone())],
            ];
            if let Ok(layout) = Layout::find(&rows, &ColumnChoice::default(), None) {
                let mut reader = TableReader::default();
                reader.paragraph(&cell);
                reader.table(&rows, &layout, &|i| i.to_string());
                let _ = reader.finish();
            }
        }
    }

    fn names(register: &Register) -> Vec<(String, Vec<String>)> {
        register
            .leads
            .iter()
            .map(|l| (l.name.clone(), l.aliases.clone()))
            .collect()
    }

    #[test]
    fn near_duplicates_fold_into_the_most_used_spelling() {
        let named = [
            "Chair of LSCB",
            "LSCB Chair",
            "LSCB Chair",
            "Chair LSCB",
            "CSE Sub-group",
            "CSE Sub Group",
            "Board Manager",
        ];
        let (register, lines) = register_of(&Register::default(), &named);
        assert_eq!(
            names(&register),
            [
                (
                    "LSCB Chair".to_string(),
                    vec!["Chair of LSCB".to_string(), "Chair LSCB".to_string()]
                ),
                (
                    "CSE Sub-group".to_string(),
                    vec!["CSE Sub Group".to_string()]
                ),
                ("Board Manager".to_string(), vec![]),
            ]
        );
        assert_eq!(
            lines,
            [
                "leads \"Chair of LSCB\", \"LSCB Chair\" and \"Chair LSCB\" folded into one, \"LSCB Chair\"; if they differ, split them in board.toml",
                "leads \"CSE Sub-group\" and \"CSE Sub Group\" folded into one, \"CSE Sub-group\"; if they differ, split them in board.toml",
            ]
        );
    }

    #[test]
    fn near_duplicates_of_a_register_lead_become_its_aliases() {
        let base = Register::new(vec![Lead {
            key: "lscb-chair".into(),
            name: "LSCB Chair".into(),
            aliases: vec![],
        }]);
        let (register, lines) = register_of(&base, &["Chair of the LSCB", "lscb chair"]);
        assert_eq!(
            names(&register),
            [(
                "LSCB Chair".to_string(),
                vec!["Chair of the LSCB".to_string(), "lscb chair".to_string()]
            )]
        );
        // A spelling the register already resolves is no fold.
        assert_eq!(
            lines,
            [
                "lead \"Chair of the LSCB\" folded into \"LSCB Chair\" of --leads; if they differ, split them in board.toml"
            ]
        );
    }
}
