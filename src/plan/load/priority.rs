//! A priority file: its number, title, objectives and actions.

use std::ops::Range;

// The file's numbers and refs are looked up once or twice an action: std's
// SipHash took 3% of the pack's instructions. foldhash is several times
// quicker on small keys and is seeded at random on each run, so a hostile
// file cannot be written in advance to make its keys collide (the short run
// of a CLI gives no time to learn the seed).
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::tree::DeValue;
use chrono::NaiveDate;

use super::action::{ActionContext, full_ref, read_action};
use super::board::BoardParts;
use super::parse;
use super::toml_read::{Reader, TableRef};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::{Action, Objective, Priority, keys, parse_positive};
use crate::source::SourceFile;

pub(super) fn read_priority(
    src: &SourceFile,
    board: Option<&BoardParts>,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Priority, Range<usize>)> {
    let mut root = parse(src, diags)?;
    let mut r = Reader::new(src, diags);
    let t = TableRef {
        table: &root,
        span: 0..0,
        what: &"the priority file",
    };
    r.check_keys(&t, keys::PRIORITY);
    let number_value = r.required(&t, "priority");
    let number = number_value.and_then(|v| r.positive("priority", v));
    let title = r.required(&t, "title").and_then(|v| r.text("title", v));
    let short = r.optional_text(&t, "short");

    let mut objectives: Vec<Objective> = Vec::new();
    let mut objective_spans = Vec::new();
    // Each objective's number and line: a file may hold thousands.
    let mut numbers: HashMap<u32, usize> = HashMap::new();
    if let Some(v) = t.get("objective") {
        for (table, span) in r.tables("objective", v) {
            let ot = TableRef {
                table,
                span: span.clone(),
                what: &"[[objective]]",
            };
            r.check_keys(&ot, keys::OBJECTIVE);
            let num_value = r.required(&ot, "number");
            let num = num_value.and_then(|v| r.positive("number", v));
            let title = r.required(&ot, "title").and_then(|v| r.text("title", v));
            let Some(num) = num else { continue };
            if let Some(&line) = numbers.get(&num) {
                r.report(
                    Code::DuplicateObjective,
                    num_value.map_or(span.clone(), |v| v.span()),
                    format!("objective {num} is already defined on line {line}"),
                )
                .help = Some("give each objective in the file its own number".into());
                continue;
            }
            let line = r.line_of(span.start);
            numbers.insert(num, line);
            objectives.push(Objective {
                number: num,
                title: title.unwrap_or_default(),
                line,
            });
            objective_spans.push(span);
        }
    }

    let number_span = number_value.map_or(0..0, |v| v.span());
    // The actions are taken out of the tree and each dropped once read, so
    // a big file's tree and its actions are not all held at once.
    let action_value = root.take("action");
    let mut actions: Vec<Action> = Vec::new();
    let mut referenced: HashSet<u32> = HashSet::new();
    if let Some(v) = action_value {
        let ctx = ActionContext {
            priority: number,
            objectives: &objectives,
            numbers: &numbers,
            board,
            today,
        };
        let tables = r.owned_tables("action", v);
        // Sized once: grown by doubling, a file of 1000 actions copied
        // its actions nine times over, each time into new memory.
        actions.reserve_exact(tables.len());
        let mut refs: HashMap<(u32, u32), usize> = HashMap::with_capacity(tables.len());
        for (table, span) in tables {
            let table = &table;
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
