//! From the plan's files to a `Plan`, reporting every problem in every file.
//!
//! Pure: the files arrive already read (see `workspace`), and "today" arrives as
//! a parameter (for the done-in-the-future warning).

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use super::toml_read::{Reader, TableRef, Value};
use super::{
    Action, Board, Lead, Objective, Period, Plan, PlanYear, Priority, Ref, Register, Schedule,
    Status, Update, date, leads::normalize, parse_positive, schedule,
};
use crate::diagnostic::{self, Code, Diagnostic};
use crate::source::SourceFile;

pub const BOARD_KEYS: &[&str] = &["name", "year", "amber_days", "leads"];
pub const YEAR_KEYS: &[&str] = &["start", "end"];
pub const LEAD_KEYS: &[&str] = &["name", "aliases"];
pub const PRIORITY_KEYS: &[&str] = &["priority", "title", "short", "objective", "action"];
pub const OBJECTIVE_KEYS: &[&str] = &["number", "title"];
pub const ACTION_KEYS: &[&str] = &[
    "ref",
    "description",
    "lead",
    "due",
    "every",
    "done",
    "status",
    "impact",
    "tags",
    "notes",
    "update",
];
pub const UPDATE_KEYS: &[&str] = &["date", "text"];
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

/// Loads and validates the whole plan. `today` only feeds the done-in-the-future warning.
pub fn load(files: &PlanFiles, today: NaiveDate) -> Loaded {
    let mut diags = files.diagnostics.clone();
    let board = files
        .board
        .as_ref()
        .and_then(|src| read_board(src, &mut diags));

    let mut priorities = Vec::new();
    let mut numbers: HashMap<u32, (String, usize)> = HashMap::new();
    // Files are independent until the cross-file checks below: read them in parallel.
    let read = parallel_map(&files.priorities, |src| {
        let mut found = Vec::new();
        let priority = read_priority(src, board.as_ref(), today, &mut found);
        (priority, found)
    });
    for (src, (priority, found)) in files.priorities.iter().zip(read) {
        diags.extend(found);
        let Some((priority, number_span)) = priority else {
            continue;
        };
        if let Some((file, line)) = numbers.get(&priority.number) {
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
            numbers.insert(
                priority.number,
                (src.path.clone(), src.line_of(number_span.start)),
            );
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
        (Some(board), false) => {
            priorities.sort_by_key(|p| p.number);
            Some(Plan {
                board: board.into_board(),
                priorities,
            })
        }
        _ => None,
    };
    Loaded {
        plan,
        diagnostics: diags,
    }
}

/// Below this much text, threads cost more than they save.
const PARALLEL_BYTES: usize = 256 * 1024;

/// `items.iter().map(f)`, in order, spread over the machine's cores when the
/// files are big enough to be worth it.
fn parallel_map<T, R>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: AsRef<SourceFile> + Sync,
    R: Send,
{
    let bytes: usize = items.iter().map(|i| i.as_ref().text.len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
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

/// What could be read of `board.toml`; parts may be missing when it has errors.
struct BoardParts {
    name: Option<String>,
    year: Option<PlanYear>,
    amber_days: i64,
    register: Register,
}

impl BoardParts {
    fn into_board(self) -> Board {
        // Only called when there were no errors, so every part is present.
        let fallback = NaiveDate::MIN;
        Board {
            name: self.name.unwrap_or_default(),
            year: self.year.unwrap_or(PlanYear {
                start: fallback,
                end: fallback,
            }),
            amber_days: self.amber_days,
            register: self.register,
        }
    }
}

/// Parses a file, reporting syntax errors; `None` if it has any (findings after a
/// syntax error would only be noise).
fn parse<'i>(src: &'i SourceFile, diags: &mut Vec<Diagnostic>) -> Option<DeTable<'i>> {
    let (table, errors) = DeTable::parse_recoverable(&src.text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        let mut d = src.diagnostic(
            Code::TomlSyntax,
            span.clone(),
            format!("TOML syntax: {message}"),
        );
        if let Some(hint) = syntax_hint(&src.text, span.start) {
            d = d.with_help(hint);
        }
        diags.push(d);
    }
    None
}

/// Hints for the TOML slips people make in plan files.
fn syntax_hint(text: &str, offset: usize) -> Option<String> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let (key, value) = line.split_once('=')?;
    let value = value.split('#').next().unwrap_or("").trim();
    // A bare month such as `due = 2017-11`.
    let b = value.as_bytes();
    if b.len() == 7
        && b[4] == b'-'
        && value
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
    {
        return Some(format!(
            "a month needs quotes: {} = \"{value}\"",
            key.trim()
        ));
    }
    // Text without quotes.
    if value.chars().next().is_some_and(char::is_alphabetic) && !matches!(value, "true" | "false") {
        return Some(format!("text needs quotes: {} = \"{value}\"", key.trim()));
    }
    None
}

fn read_board(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<BoardParts> {
    let root = parse(src, diags)?;
    let mut r = Reader { src, diags };
    let t = TableRef {
        table: &root,
        span: 0..0,
        what: "board.toml",
    };
    r.check_keys(&t, BOARD_KEYS);
    let name = r.required(&t, "name").and_then(|v| r.text("name", v));

    let year = r.required(&t, "year").and_then(|v| read_year(&mut r, v));
    let amber_days = match t.get("amber_days") {
        Some(v) => match r.integer("amber_days", v) {
            Some(n) if (0..=366).contains(&n) => n,
            Some(n) => {
                r.report(
                    Code::BadValue,
                    v.span(),
                    format!("`amber_days` must be 0 to 366, found {n}"),
                );
                DEFAULT_AMBER_DAYS
            }
            None => DEFAULT_AMBER_DAYS,
        },
        None => DEFAULT_AMBER_DAYS,
    };

    let mut register = Register::default();
    match t.get("leads") {
        Some(v) => match v.get_ref() {
            DeValue::Table(leads) => read_register(&mut r, leads, &mut register),
            _ => r.wrong_type("leads", v, "a table of leads ([leads.KEY] sections)"),
        },
        None => {
            r.report(
                Code::MissingKey,
                0..0,
                "board.toml has no register of leads",
            )
            .help = Some("add a [leads.KEY] section with a `name` for each lead".into());
        }
    }
    Some(BoardParts {
        name,
        year,
        amber_days,
        register,
    })
}

fn read_year(r: &mut Reader<'_>, v: &Value<'_>) -> Option<PlanYear> {
    let DeValue::Table(table) = v.get_ref() else {
        r.wrong_type("year", v, "a table with `start` and `end`");
        return None;
    };
    let t = TableRef {
        table,
        span: v.span(),
        what: "[year]",
    };
    r.check_keys_under(&t, YEAR_KEYS, Some(("[year]", BOARD_KEYS)));
    let start = r.required(&t, "start").and_then(|v| r.date("start", v));
    let end_value = r.required(&t, "end");
    let end = end_value.and_then(|v| r.date("end", v));
    let (start, end) = (start?, end?);
    if end <= start {
        let span = end_value.map_or(v.span(), |v| v.span());
        r.report(
            Code::BadYear,
            span,
            if end == start {
                format!("the plan year starts and ends on the same day ({start})")
            } else {
                format!("the plan year ends ({end}) before it starts ({start})")
            },
        )
        .help =
            Some("`end` must be after `start`, e.g. start = 2017-04-01, end = 2018-03-31".into());
        return None;
    }
    Some(PlanYear { start, end })
}

fn read_register(r: &mut Reader<'_>, leads: &DeTable<'_>, register: &mut Register) {
    // normalized spelling -> (key of the lead that claimed it, where)
    let mut claimed: HashMap<String, (String, usize)> = HashMap::new();
    for (key, v) in leads.iter() {
        let key_name = key.get_ref().to_string();
        let what = format!("[leads.{key_name}]");
        let DeValue::Table(table) = v.get_ref() else {
            r.wrong_type(&format!("leads.{key_name}"), v, "a table with a `name`");
            continue;
        };
        let t = TableRef {
            table,
            span: v.span(),
            what: &what,
        };
        r.check_keys(&t, LEAD_KEYS);
        let name_value = r.required(&t, "name");
        let name = name_value.and_then(|v| r.text("name", v));
        let mut spellings: Vec<(String, Range<usize>)> = vec![(key_name.clone(), key.span())];
        if let (Some(n), Some(v)) = (&name, name_value) {
            spellings.push((n.clone(), v.span()));
        }
        let mut aliases = Vec::new();
        if let Some(v) = t.get("aliases") {
            match v.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let Some(a) = r.text("aliases", item) {
                            spellings.push((a.clone(), item.span()));
                            aliases.push(a);
                        }
                    }
                }
                _ => r.wrong_type("aliases", v, "an array of strings"),
            }
        }
        // A lead may repeat its own spelling (key `board-manager`, name "Board Manager"
        // differ anyway); only a spelling claimed by another lead is an error.
        for (spelling, span) in spellings {
            let norm = normalize(&spelling);
            match claimed.get(&norm) {
                Some((other, line)) if *other != key_name => {
                    r.report(
                        Code::DuplicateLeadName,
                        span,
                        format!("\"{spelling}\" is already a name of lead `{other}` (line {line})"),
                    )
                    .help = Some(
                        "two leads may not share a name or alias; remove one or merge the leads"
                            .into(),
                    );
                }
                Some(_) => {}
                None => {
                    let line = r.src.line_of(span.start);
                    claimed.insert(norm, (key_name.clone(), line));
                }
            }
        }
        register.push(Lead {
            name: name.unwrap_or_else(|| key_name.clone()),
            key: key_name,
            aliases,
        });
    }
}

fn read_priority(
    src: &SourceFile,
    board: Option<&BoardParts>,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Priority, Range<usize>)> {
    let root = parse(src, diags)?;
    let mut r = Reader { src, diags };
    let t = TableRef {
        table: &root,
        span: 0..0,
        what: "the priority file",
    };
    r.check_keys(&t, PRIORITY_KEYS);
    let number_value = r.required(&t, "priority");
    let number = number_value.and_then(|v| r.positive("priority", v));
    let title = r.required(&t, "title").and_then(|v| r.text("title", v));
    let short = r.optional_text(&t, "short");

    let mut objectives: Vec<Objective> = Vec::new();
    let mut objective_spans = Vec::new();
    if let Some(v) = t.get("objective") {
        for (table, span) in r.tables("objective", v) {
            let ot = TableRef {
                table,
                span: span.clone(),
                what: "[[objective]]",
            };
            r.check_keys(&ot, OBJECTIVE_KEYS);
            let num_value = r.required(&ot, "number");
            let num = num_value.and_then(|v| r.positive("number", v));
            let title = r.required(&ot, "title").and_then(|v| r.text("title", v));
            let Some(num) = num else { continue };
            if let Some(first) = objectives.iter().find(|o| o.number == num) {
                let line = first.line;
                r.report(
                    Code::DuplicateObjective,
                    num_value.map_or(span.clone(), |v| v.span()),
                    format!("objective {num} is already defined on line {line}"),
                )
                .help = Some("give each objective in the file its own number".into());
                continue;
            }
            objectives.push(Objective {
                number: num,
                title: title.unwrap_or_default(),
                line: src.line_of(span.start),
            });
            objective_spans.push(span);
        }
    }

    let mut actions: Vec<Action> = Vec::new();
    let mut referenced: Vec<u32> = Vec::new();
    if let Some(v) = t.get("action") {
        let ctx = ActionContext {
            priority: number,
            objectives: &objectives,
            board,
            today,
        };
        let mut refs: HashMap<(u32, u32), usize> = HashMap::new();
        for (table, span) in r.tables("action", v) {
            // An action that fails to load still counts for its objective (no W102 noise).
            if let Some(DeValue::String(s)) = table.get("ref").map(|v| v.get_ref()) {
                referenced.extend(s.split('.').next().and_then(parse_positive));
            }
            let Some((action, ref_span)) = read_action(&mut r, table, span, &ctx) else {
                continue;
            };
            let key = (action.r#ref.objective, action.r#ref.action);
            if let Some(line) = refs.get(&key) {
                r.report(
                    Code::DuplicateRef,
                    ref_span,
                    format!(
                        "{} is already defined on line {line}",
                        full_ref(number, &format!("{}.{}", key.0, key.1))
                    ),
                )
                .help = Some("give each action the next free number under its objective".into());
                continue;
            }
            refs.insert(key, action.line);
            actions.push(action);
        }
    }

    for (objective, span) in objectives.iter().zip(objective_spans) {
        if !referenced.contains(&objective.number) {
            r.report(
                Code::ObjectiveWithoutActions,
                span,
                format!("objective {} has no actions", objective.number),
            )
            .help = Some(format!(
                "add an [[action]] with ref = \"{}.1\", or remove the objective",
                objective.number
            ));
        }
    }

    actions.sort_by_key(|a| a.r#ref);
    let number_span = number_value.map_or(0..0, |v| v.span());
    Some((
        Priority {
            number: number?,
            title: title.unwrap_or_default(),
            short,
            objectives,
            actions,
            file: src.path.clone(),
        },
        number_span,
    ))
}

struct ActionContext<'a> {
    priority: Option<u32>,
    objectives: &'a [Objective],
    board: Option<&'a BoardParts>,
    today: NaiveDate,
}

/// Reads one `[[action]]`; `None` when its ref is unusable (other fields are still checked).
fn read_action(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    ctx: &ActionContext<'_>,
) -> Option<(Action, Range<usize>)> {
    let ref_value = table.get("ref");
    let ref_text = ref_value.and_then(|v| match v.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => None,
    });
    let what = match &ref_text {
        // The full ref, as every command prints and accepts it.
        Some(s) if is_short_ref(s) => full_ref(ctx.priority, s),
        Some(s) => format!("[[action]] with ref \"{s}\""),
        None => "[[action]]".to_string(),
    };
    let t = TableRef {
        table,
        span: span.clone(),
        what: &what,
    };
    r.check_keys(&t, ACTION_KEYS);

    let parsed_ref = r.required(&t, "ref").and_then(|v| read_ref(r, v, ctx));
    let description = r
        .required(&t, "description")
        .and_then(|v| r.text("description", v));
    let leads = r
        .required(&t, "lead")
        .and_then(|v| read_leads(r, v, ctx.board));
    let deadlines = read_deadlines(r, &t, ctx.board.and_then(|b| b.year));
    let done = t.get("done").and_then(|v| {
        let dates = r.one_or_many("done", v, "a date", |r, item| {
            let d = r.date("done", item)?;
            if d > ctx.today {
                r.report(
                    Code::DoneInFuture,
                    item.span(),
                    format!("done date {d} is after today ({})", ctx.today),
                )
                .help = Some("record a done date on or after the day the work was done".into());
            }
            Some(d)
        })?;
        let mut dates: Option<Vec<NaiveDate>> = dates.into_iter().collect();
        if let Some(d) = dates.as_mut() {
            d.sort();
        }
        dates.map(|d| (d, v.span()))
    });
    let status_value = t.get("status");
    let status = status_value.and_then(|v| {
        let s = r.string("status", v)?;
        let status = Status::parse(&s);
        if status.is_none() {
            r.report(Code::BadValue, v.span(), format!("unknown status \"{s}\""))
                .help = Some(format!("use one of: {}", Status::NAMES.join(", ")));
        }
        status
    });
    let impact = r.optional_text(&t, "impact");
    let notes = r.optional_text(&t, "notes");
    let tags = t
        .get("tags")
        .and_then(|v| {
            let DeValue::Array(items) = v.get_ref() else {
                r.wrong_type("tags", v, "an array of strings");
                return None;
            };
            Some(items.iter().filter_map(|i| r.text("tags", i)).collect())
        })
        .unwrap_or_default();
    let updates = t
        .get("update")
        .map(|v| read_updates(r, v, &what))
        .unwrap_or_default();

    // Rules across fields, only where each field could be read.
    if let (Some((deadlines, _)), Some((done, done_span))) = (&deadlines, &done)
        && done.len() > deadlines.len()
    {
        r.report(
            Code::TooManyDone,
            done_span.clone(),
            format!(
                "{} done dates but only {} deadline{}",
                done.len(),
                deadlines.len(),
                if deadlines.len() == 1 { "" } else { "s" }
            ),
        )
        .help = Some("each done date meets one deadline, in order; remove the extra dates".into());
    }
    // A `done` that could not be read has its own finding; "complete but unmet"
    // would only mislead.
    let done_unreadable = t.get("done").is_some() && done.is_none();
    if let (Some(Status::Complete), Some((deadlines, _)), false) =
        (status, &deadlines, done_unreadable)
    {
        let met = done.as_ref().map_or(0, |(d, _)| d.len());
        if let Some(unmet) = deadlines.get(met) {
            let which = if deadlines.len() == 1 {
                String::new()
            } else {
                format!(" ({} of {})", met + 1, deadlines.len())
            };
            r.report(
                Code::CompleteUnmet,
                status_value.map_or(span.clone(), |v| v.span()),
                format!("status is \"complete\" but deadline {unmet}{which} has no done date"),
            )
            .help = Some("add its done date to `done`, or change the status".into());
        }
    }
    if status == Some(Status::Dropped) && notes.is_none() {
        r.report(
            Code::DroppedWithoutNotes,
            status_value.map_or(span.clone(), |v| v.span()),
            format!("{what} is dropped but has no `notes` saying why"),
        )
        .help = Some("add notes = \"...\" with the reason it was dropped".into());
    }

    let (r#ref, ref_span) = parsed_ref?;
    let (deadlines, schedule) = deadlines.map_or((Vec::new(), Schedule::Due), |(d, s)| (d, s));
    Some((
        Action {
            r#ref,
            description: description.unwrap_or_default(),
            leads: leads.unwrap_or_default(),
            schedule,
            deadlines,
            done: done.map(|(d, _)| d).unwrap_or_default(),
            status,
            impact,
            tags,
            notes,
            updates,
            line: r.src.line_of(span.start),
        },
        ref_span,
    ))
}

/// `O.A` with positive numbers.
fn is_short_ref(s: &str) -> bool {
    s.split_once('.')
        .is_some_and(|(o, a)| parse_positive(o).is_some() && parse_positive(a).is_some())
}

/// "action P.O.A", or "action O.A" while the priority number is unknown.
fn full_ref(priority: Option<u32>, short: &str) -> String {
    match priority {
        Some(p) => format!("action {p}.{short}"),
        None => format!("action {short}"),
    }
}

fn read_ref(
    r: &mut Reader<'_>,
    v: &Value<'_>,
    ctx: &ActionContext<'_>,
) -> Option<(Ref, Range<usize>)> {
    let text = r.string("ref", v)?;
    let parts: Vec<_> = text.split('.').map(parse_positive).collect();
    let [Some(objective), Some(action)] = parts[..] else {
        r.report(
            Code::BadRef,
            v.span(),
            format!("\"{text}\" is not a valid action ref"),
        )
        .help = Some("write OBJECTIVE.ACTION with positive numbers, e.g. ref = \"2.1\"".into());
        return None;
    };
    if !ctx.objectives.iter().any(|o| o.number == objective) {
        let known: Vec<String> = ctx
            .objectives
            .iter()
            .map(|o| o.number.to_string())
            .collect();
        r.report(
            Code::MissingObjective,
            v.span(),
            format!(
                "{} belongs to objective {objective}, which this file does not define",
                full_ref(ctx.priority, &text)
            ),
        )
        .help = Some(if known.is_empty() {
            format!("add an [[objective]] with number = {objective}")
        } else {
            format!(
                "objectives in this file: {}; add [[objective]] number = {objective} or fix the ref",
                known.join(", ")
            )
        });
        return None;
    }
    // With no usable priority number the file's plan is not built, but its
    // refs are still checked (duplicates, objectives).
    let priority = ctx.priority.unwrap_or(0);
    Some((
        Ref {
            priority,
            objective,
            action,
        },
        v.span(),
    ))
}

fn read_leads(r: &mut Reader<'_>, v: &Value<'_>, board: Option<&BoardParts>) -> Option<Vec<usize>> {
    let names = r.one_or_many("lead", v, "a lead's name", |r, item| {
        let name = r.text("lead", item)?;
        // Without a readable register there is nothing to check names against.
        let register = &board?.register;
        let found = register.resolve(&name);
        if found.is_none() {
            let help = match register.closest(&name) {
                Some(c) => format!("did you mean \"{c}\"?"),
                None => "add the lead to the register in board.toml ([leads.KEY] with a `name`), or use a name it lists".into(),
            };
            r.report(
                Code::UnknownLead,
                item.span(),
                format!("unknown lead \"{name}\""),
            )
            .help = Some(help);
        }
        found
    })?;
    let mut leads: Vec<usize> = Vec::new();
    for i in names.into_iter().flatten() {
        if !leads.contains(&i) {
            leads.push(i);
        }
    }
    Some(leads)
}

/// The action's deadlines, ascending, and how they were written.
fn read_deadlines(
    r: &mut Reader<'_>,
    t: &TableRef<'_, '_>,
    year: Option<PlanYear>,
) -> Option<(Vec<NaiveDate>, Schedule)> {
    match (t.get("due"), t.get("every")) {
        (Some(due), Some(every)) => {
            r.report(
                Code::DeadlineKind,
                every.span(),
                format!("{} has both `due` and `every`", t.what),
            )
            .help = Some("keep one: `due` for fixed deadlines, `every` for a recurring one".into());
            // Both values are still checked, so every problem shows in one run.
            let _ = r.one_or_many("due", due, "a date or \"YYYY-MM\" month", read_due);
            let _ = read_every(r, every, None);
            None
        }
        (None, None) => {
            r.report(
                Code::DeadlineKind,
                t.span.clone(),
                format!("{} has no deadline: give `due` or `every`", t.what),
            )
            .help = Some("e.g. due = \"2017-05\" (end of May 2017) or every = \"quarter\"".into());
            None
        }
        (Some(due), None) => {
            let dates = r.one_or_many("due", due, "a date or \"YYYY-MM\" month", |r, item| {
                read_due(r, item)
            })?;
            let mut dates: Vec<NaiveDate> = dates.into_iter().collect::<Option<_>>()?;
            dates.sort();
            Some((dates, Schedule::Due))
        }
        (None, Some(every)) => read_every(r, every, year),
    }
}

/// The deadlines of `every = PERIOD` (none to give without a plan year).
fn read_every(
    r: &mut Reader<'_>,
    every: &Value<'_>,
    year: Option<PlanYear>,
) -> Option<(Vec<NaiveDate>, Schedule)> {
    let text = r.string("every", every)?;
    let Some(period) = Period::parse(&text) else {
        r.report(
            Code::BadValue,
            every.span(),
            format!("unknown period \"{text}\" for `every`"),
        )
        .help = Some(format!("use one of: {}", Period::NAMES.join(", ")));
        return None;
    };
    let year = year?;
    Some((schedule::every(year, period), Schedule::Every(period)))
}

fn read_due(r: &mut Reader<'_>, item: &Value<'_>) -> Option<NaiveDate> {
    match item.get_ref() {
        DeValue::String(s) => {
            let d = date::parse_month(s);
            if d.is_none() {
                let help = date::suggest_for(s).unwrap_or_else(|| {
                    "write a month as \"YYYY-MM\" (e.g. \"2017-05\") or a date as 2017-05-24".into()
                });
                r.report(
                    Code::BadDate,
                    item.span(),
                    format!("\"{s}\" is not a month or a date"),
                )
                .help = Some(help);
            }
            d
        }
        _ => r.date("due", item),
    }
}

fn read_updates(r: &mut Reader<'_>, v: &Value<'_>, what: &str) -> Vec<Update> {
    let what = format!("an update of {what}");
    let mut updates = Vec::new();
    for (table, span) in r.tables("action.update", v) {
        let t = TableRef {
            table,
            span,
            what: &what,
        };
        r.check_keys_under(&t, UPDATE_KEYS, Some(("[[action.update]]", ACTION_KEYS)));
        let date = r.required(&t, "date").and_then(|v| r.date("date", v));
        let text = r.required(&t, "text").and_then(|v| r.text("text", v));
        if let (Some(date), Some(text)) = (date, text) {
            updates.push(Update { date, text });
        }
    }
    updates.sort_by_key(|u| u.date);
    updates
}
