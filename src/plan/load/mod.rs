//! From the plan's files to a `Plan`, reporting every problem in every file.
//!
//! Pure: the files arrive already read (see `workspace`), and "today" arrives
//! as a parameter (for the done-in-the-future warning). Each file is read by
//! its own module (`board`, `priority`, `action`); this module runs them and
//! makes the checks across files.

mod action;
mod board;
pub mod mistakes;
mod priority;
mod reread;
mod toml_read;
mod tree;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use tree::DeTable;

use super::Plan;
use crate::diagnostic::{self, Code, Diagnostic};
use crate::source::{SourceFile, Text};

pub const DEFAULT_AMBER_DAYS: i64 = 30;

/// The plan's files, as read from disk.
#[derive(Clone, Debug, Default)]
pub struct PlanFiles {
    /// `board.toml`, if it could be read.
    pub board: Option<SourceFile>,
    /// Every priority file, in a stable order.
    pub priorities: Vec<SourceFile>,
    /// Problems met while reading (missing board, not UTF-8, unreadable).
    pub diagnostics: Vec<Diagnostic>,
}

impl PlanFiles {
    /// The files' texts, for showing findings in context.
    pub fn into_sources(self) -> Vec<SourceFile> {
        self.board.into_iter().chain(self.priorities).collect()
    }
}

/// The result of loading: the plan when it has no errors, and every finding.
#[derive(Debug)]
pub struct Loaded {
    pub plan: Option<Plan>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Priorities already loaded, to take again where a file's text (and the
/// board's) is the same, rather than parse it twice: comparing two versions
/// of a plan, most files have not changed.
pub struct Known<'a> {
    board: &'a str,
    /// The board as that plan read it: an unchanged board.toml is not read again.
    read_board: &'a super::Board,
    by_path: HashMap<&'a str, (&'a Text, &'a Arc<super::Priority>)>,
}

impl<'a> Known<'a> {
    /// The priorities of a valid plan loaded from these files.
    pub fn new(files: &'a PlanFiles, plan: &'a Plan) -> Known<'a> {
        let texts: HashMap<&str, &Text> = files
            .priorities
            .iter()
            .map(|f| (f.path.as_str(), &f.text))
            .collect();
        let by_path = plan
            .priorities
            .iter()
            .filter_map(|p| Some((p.file.as_str(), (*texts.get(p.file.as_str())?, p))))
            .collect();
        Known {
            board: files.board.as_ref().map_or("", |b| &*b.text),
            read_board: &plan.board,
            by_path,
        }
    }

    /// The priority of a file: taken as it was if its text is the same,
    /// else read again by the one action a change lies in, where it can be.
    fn get(
        &self,
        src: &SourceFile,
        board: Option<&board::BoardParts>,
        today: NaiveDate,
    ) -> Option<Arc<super::Priority>> {
        let (text, p) = self.by_path.get(src.path.as_str())?;
        // The same version of a file is often the same shared text.
        if Arc::ptr_eq(text, &src.text) || ***text == *src.text {
            return Some(Arc::clone(p));
        }
        reread::reread(text, p, src, board?, today).map(Arc::new)
    }
}

/// As `load`, taking from `known` every priority whose file is unchanged, and
/// the board when board.toml is; a file changed inside one action is read
/// again by that action alone (see `reread`). The plan is the same as `load` gives; where
/// it has errors, they come from a full load, so they are exactly `load`'s.
/// A valid plan's warnings are those of the files read again (an unchanged
/// file's warnings are the known plan's).
pub fn load_reusing(files: &PlanFiles, today: NaiveDate, known: &Known<'_>) -> Loaded {
    let same_board = files.board.as_ref().map(|b| b.text.as_str()) == Some(known.board);
    if !same_board {
        return load(files, today);
    }
    let board = BoardSource::Known(known.read_board);
    let loaded = load_with(files, today, board, |src, board| {
        known.get(src, board, today)
    });
    if loaded.has_errors() {
        return load(files, today);
    }
    loaded
}

/// Whether `text` is TOML the loader reads into its own tree (valid, and
/// without the rarer forms it leaves to `toml`), read a part at a time so a
/// big file's check holds a fraction of what `toml` would.
pub fn reads_plainly(text: &str) -> bool {
    tree::parse(text).is_some()
}

/// Loads and validates the whole plan. `today` only feeds the done-in-the-future warning.
pub fn load(files: &PlanFiles, today: NaiveDate) -> Loaded {
    load_with(files, today, BoardSource::File, |_, _| None)
}

/// Where `load_with` takes the board from.
enum BoardSource<'a> {
    /// Read board.toml.
    File,
    /// The same board.toml, already read into a valid plan.
    Known(&'a super::Board),
}

fn load_with(
    files: &PlanFiles,
    today: NaiveDate,
    board: BoardSource<'_>,
    known: impl Fn(&SourceFile, Option<&board::BoardParts>) -> Option<Arc<super::Priority>> + Sync,
) -> Loaded {
    let mut diags = files.diagnostics.clone();
    let board = match board {
        BoardSource::Known(b) => Some(board::BoardParts::from_board(b.clone())),
        BoardSource::File => files
            .board
            .as_ref()
            .and_then(|src| board::read_board(src, &mut diags)),
    };

    let mut priorities = Vec::new();
    // Each priority number's file and span; its line is worked out only for
    // a duplicate (a reused file's line index is never built otherwise).
    let mut numbers: HashMap<u32, (&SourceFile, std::ops::Range<usize>)> = HashMap::new();
    // Files are independent until the cross-file checks below: read them in parallel.
    let read = parallel_map(&files.priorities, |src| {
        if let Some(p) = known(src, board.as_ref()) {
            return (Some((p, 0..0)), Vec::new());
        }
        let mut found = Vec::new();
        let priority = priority::read_priority(src, board.as_ref(), today, &mut found)
            .map(|(p, span)| (Arc::new(p), span));
        (priority, found)
    });
    // The findings, in file order (the sort below keeps it for files shown
    // by the same name). Where only one file has any, its list is taken as
    // it is: extending an empty one would hold them all twice.
    let mut found: Vec<Vec<Diagnostic>> = vec![diags];
    let read: Vec<_> = read
        .into_iter()
        .map(|(priority, f)| {
            found.push(f);
            priority
        })
        .collect();
    let mut diags = if found.iter().filter(|f| !f.is_empty()).count() <= 1 {
        found
            .into_iter()
            .find(|f| !f.is_empty())
            .unwrap_or_default()
    } else {
        let mut all = Vec::with_capacity(found.iter().map(Vec::len).sum());
        for f in found {
            all.extend(f);
        }
        all
    };
    for (src, priority) in files.priorities.iter().zip(read) {
        let Some((priority, number_span)) = priority else {
            continue;
        };
        if let Some((first, first_span)) = numbers.get(&priority.number) {
            let (file, line) = (&first.path, first.line_of(first_span.start));
            diags.push(
                src.diagnostic(
                    Code::DuplicatePriority,
                    number_span,
                    format!("priority {} is already used by {file}", priority.number),
                )
                .with_help(format!(
                    "{file}:{line} has the same number; give each priority its own"
                )),
            );
        } else {
            numbers.insert(priority.number, (src, number_span));
        }
        priorities.push(priority);
    }
    if files.priorities.is_empty()
        && files.diagnostics.is_empty()
        && let Some(src) = &files.board
    {
        diags.push(
            src.diagnostic(
                Code::NoPriorities,
                0..0,
                "the plan folder holds no priority files",
            )
            .with_help("add one `*.toml` file per strategic priority beside board.toml"),
        );
    }

    diagnostic::sort(&mut diags);
    let has_errors = diags.iter().any(Diagnostic::is_error);
    let plan = match (board, has_errors) {
        (Some(board), false) => Some(Plan::new(board.into_board(), priorities)),
        _ => None,
    };
    Loaded {
        plan,
        diagnostics: diags,
    }
}

/// Below this much text, threads cost more than they save.
const PARALLEL_BYTES: usize = 256 * 1024;

/// The machine's cores, asked once: std reads the cgroup files on every
/// call, which cost a history run a thirtieth of its time (one load a commit).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `items.iter().map(f)`, in order, spread over the machine's cores when the
/// files are big enough to be worth it.
fn parallel_map<T, R>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: AsRef<SourceFile> + Sync,
    R: Send,
{
    let bytes: usize = items.iter().map(|i| i.as_ref().text.len()).sum();
    let threads = cores().min(items.len());
    if threads < 2 || bytes < PARALLEL_BYTES {
        return items.iter().map(f).collect();
    }
    // Chunks of similar total size, so one thread does not get all the big files.
    let target = bytes.div_ceil(threads);
    let mut chunks: Vec<&[T]> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        size += item.as_ref().text.len();
        if size >= target {
            chunks.push(&items[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < items.len() {
        chunks.push(&items[start..]);
    }
    let f = &f;
    std::thread::scope(|scope| {
        // This thread takes the first chunk itself: one thread fewer, and much of
        // the plan is allocated where the report that follows can reuse it.
        let (first, rest) = chunks
            .split_first()
            .map_or((&[][..], &[][..]), |(a, b)| (*a, b));
        let handles: Vec<_> = rest
            .iter()
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out: Vec<R> = first.iter().map(f).collect();
        for h in handles {
            out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
    })
}

/// Parses a file, reporting syntax errors; `None` if it has any (findings after a
/// syntax error would only be noise).
fn parse<'i>(src: &'i SourceFile, diags: &mut Vec<Diagnostic>) -> Option<DeTable<'i>> {
    if let Some(table) = tree::parse(&src.text) {
        return Some(table);
    }
    let (table, errors) = toml::de::DeTable::parse_recoverable(&src.text);
    if errors.is_empty() {
        return Some(tree::from_toml(table.into_inner()));
    }
    // `[action]` where `[[action]]` is meant: one finding per such header, in
    // place of the "duplicate key" errors the parser gives for every key of
    // the second one.
    let single = mistakes::single_bracket_headers(&src.text);
    for (at, name) in &single {
        diags.push(
            src.diagnostic(
                Code::TomlSyntax,
                *at..*at + name.len() + 2,
                format!("`[{name}]` starts a single table, so a second one repeats its keys"),
            )
            .with_help(format!(
                "write [[{name}]] with two brackets: each entry starts its own [[{name}]]"
            )),
        );
    }
    let first_single = single.first().map(|(at, _)| *at);
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        if message.contains("duplicate key") && first_single.is_some_and(|at| span.start >= at) {
            continue;
        }
        let mut d = src.diagnostic(
            Code::TomlSyntax,
            span.clone(),
            format!("TOML syntax: {message}"),
        );
        if let Some(hint) = mistakes::syntax_hint(&src.text, span.start, &message) {
            d = d.with_help(hint);
        }
        diags.push(d);
    }
    None
}
