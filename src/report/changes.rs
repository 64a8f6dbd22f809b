//! What changed in the plan between two versions: the semantic diff behind
//! `changes`, `history`, `review` and the meeting pack.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use crate::doc::{Cell, Column, Show, Table, human_date, plural, shorten};
use crate::plan::{Action, Plan, Ref, Status, date};

/// The kinds of change, as JSON names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    Added,
    Removed,
    DeadlineMoved,
    Done,
    Status,
    Lead,
    Description,
}

impl Kind {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One change. `ref` is an action's `P.O.A`, an objective's `P.O` or a
/// priority's `P` (`what` says which).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    #[serde(rename = "ref")]
    pub r#ref: String,
    pub kind: Kind,
    pub from: Value,
    pub to: Value,
    /// For a moved deadline: how far, in days (later = positive = slipped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    pub what: &'static str,
    /// Where the action is in the newer plan (for annotations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Why, for a moved deadline or a changed status: the text of the dated
    /// update the change adds with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn change(r: String, kind: Kind, from: Value, to: Value, what: &'static str) -> Change {
    Change {
        r#ref: r,
        kind,
        from,
        to,
        days: None,
        what,
        file: None,
        line: None,
        reason: None,
    }
}

/// The text of the updates `b` adds over `a` that record what `pick` looks
/// for (a move, a status), else of any update it adds.
fn reason_for(
    a: &Action,
    b: &Action,
    pick: impl Fn(&crate::plan::Update) -> bool,
) -> Option<String> {
    let added: Vec<&crate::plan::Update> = b
        .updates
        .iter()
        .filter(|u| !a.updates.contains(u))
        .collect();
    let chosen: Vec<&str> = added
        .iter()
        .filter(|u| pick(u))
        .map(|u| u.text.as_str())
        .collect();
    let texts: Vec<&str> = if chosen.is_empty() {
        added.iter().map(|u| u.text.as_str()).collect()
    } else {
        chosen
    };
    (!texts.is_empty()).then(|| texts.join("; "))
}

fn status_name(s: Option<Status>) -> Value {
    s.map_or(Value::Null, |s| json!(s))
}

/// Every change from `old` to `new`, in ref order (priorities, objectives, then
/// actions, each compared numerically). One pass over each plan: both hold
/// their actions in ref order, so they are merged like sorted lists.
pub fn diff(old: &Plan, new: &Plan) -> Vec<Change> {
    use std::collections::HashSet;
    let mut out = Vec::new();
    let numbers = |p: &Plan| -> HashSet<u32> { p.priorities.iter().map(|x| x.number).collect() };
    let (old_numbers, new_numbers) = (numbers(old), numbers(new));
    for p in &new.priorities {
        if !old_numbers.contains(&p.number) {
            out.push(change(
                p.number.to_string(),
                Kind::Added,
                Value::Null,
                json!(p.title),
                "priority",
            ));
        }
    }
    for p in &old.priorities {
        if !new_numbers.contains(&p.number) {
            out.push(change(
                p.number.to_string(),
                Kind::Removed,
                json!(p.title),
                Value::Null,
                "priority",
            ));
        }
    }
    // Objectives present in one plan and not the other (priorities in both).
    let objectives = |from: &Plan, to: &Plan, kind: Kind, out: &mut Vec<Change>| {
        for p in &from.priorities {
            let Some(other) = to.priority(p.number) else {
                continue;
            };
            let there: HashSet<u32> = other.objectives.iter().map(|o| o.number).collect();
            for o in p.objectives.iter().filter(|o| !there.contains(&o.number)) {
                let (from_v, to_v) = match kind {
                    Kind::Added => (Value::Null, json!(o.title)),
                    _ => (json!(o.title), Value::Null),
                };
                out.push(change(
                    format!("{}.{}", p.number, o.number),
                    kind,
                    from_v,
                    to_v,
                    "objective",
                ));
            }
        }
    };
    objectives(new, old, Kind::Added, &mut out);
    objectives(old, new, Kind::Removed, &mut out);

    let mut before = old.actions().peekable();
    let mut after = new.actions().peekable();
    loop {
        let order = match (before.peek(), after.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some((_, a)), Some((_, b))) => a.r#ref.cmp(&b.r#ref),
        };
        let (found, at) = match order {
            std::cmp::Ordering::Less => {
                let Some((_, a)) = before.next() else { break };
                let removed = change(
                    a.r#ref.to_string(),
                    Kind::Removed,
                    json!(a.description),
                    Value::Null,
                    "action",
                );
                (vec![removed], None)
            }
            std::cmp::Ordering::Greater => {
                let Some((p, b)) = after.next() else { break };
                let added = change(
                    b.r#ref.to_string(),
                    Kind::Added,
                    Value::Null,
                    json!(b.description),
                    "action",
                );
                (vec![added], Some((p, b)))
            }
            std::cmp::Ordering::Equal => {
                let (Some((_, a)), Some((p, b))) = (before.next(), after.next()) else {
                    break;
                };
                (action_changes(old, a, new, b), Some((p, b)))
            }
        };
        let mut found = found;
        if let Some((p, b)) = at {
            for c in &mut found {
                c.file = Some(p.file.clone());
                c.line = Some(line_of(c.kind, b));
            }
        }
        out.extend(found);
    }
    out
}

/// The changes to one action only (as `diff` gives them for it).
pub fn diff_action(old: &Plan, new: &Plan, r: Ref) -> Vec<Change> {
    let mut found = match (old.find(r), new.find(r)) {
        (None, Some((_, b))) => vec![change(
            r.to_string(),
            Kind::Added,
            Value::Null,
            json!(b.description),
            "action",
        )],
        (Some((_, a)), None) => vec![change(
            r.to_string(),
            Kind::Removed,
            json!(a.description),
            Value::Null,
            "action",
        )],
        (Some((_, a)), Some((_, b))) => action_changes(old, a, new, b),
        (None, None) => vec![],
    };
    if let Some((p, b)) = new.find(r) {
        for c in &mut found {
            c.file = Some(p.file.clone());
            c.line = Some(line_of(c.kind, b));
        }
    }
    found
}

/// The line a change is about: the changed key's, else the action's header.
fn line_of(kind: Kind, a: &Action) -> usize {
    let key = match kind {
        Kind::DeadlineMoved => a.lines.deadline,
        Kind::Done => a.lines.done,
        Kind::Status => a.lines.status,
        Kind::Lead => a.lines.lead,
        Kind::Description => a.lines.description,
        Kind::Added | Kind::Removed => None,
    };
    key.map_or(a.line, |line| line.get() as usize)
}

fn dates(d: &[NaiveDate]) -> Value {
    json!(d)
}

fn action_changes(old: &Plan, a: &Action, new: &Plan, b: &Action) -> Vec<Change> {
    let r = a.r#ref.to_string();
    let mut out = Vec::new();
    if a.deadlines != b.deadlines {
        if a.deadlines.len() == b.deadlines.len() {
            for (from, to) in a.deadlines.iter().zip(&b.deadlines).filter(|(x, y)| x != y) {
                let mut c = change(
                    r.clone(),
                    Kind::DeadlineMoved,
                    json!(from),
                    json!(to),
                    "action",
                );
                c.days = Some((*to - *from).num_days());
                out.push(c);
            }
        } else {
            out.push(change(
                r.clone(),
                Kind::DeadlineMoved,
                dates(&a.deadlines),
                dates(&b.deadlines),
                "action",
            ));
        }
    }
    // Done dates recorded (or taken back): compared as multisets.
    let mut removed = a.done.clone();
    for d in &b.done {
        if let Some(i) = removed.iter().position(|x| x == d) {
            removed.remove(i);
        } else {
            out.push(change(
                r.clone(),
                Kind::Done,
                Value::Null,
                json!(d),
                "action",
            ));
        }
    }
    for d in removed {
        out.push(change(
            r.clone(),
            Kind::Done,
            json!(d),
            Value::Null,
            "action",
        ));
    }
    for c in out.iter_mut().filter(|c| c.kind == Kind::DeadlineMoved) {
        c.reason = reason_for(a, b, |u| u.moved.is_some());
    }
    if a.status != b.status {
        let mut c = change(
            r.clone(),
            Kind::Status,
            status_name(a.status),
            status_name(b.status),
            "action",
        );
        c.reason = reason_for(a, b, |u| u.status.is_some());
        out.push(c);
    }
    let (la, lb) = (old.lead_names(a), new.lead_names(b));
    if la != lb {
        out.push(change(
            r.clone(),
            Kind::Lead,
            json!(la),
            json!(lb),
            "action",
        ));
    }
    if a.description != b.description {
        out.push(change(
            r,
            Kind::Description,
            json!(a.description),
            json!(b.description),
            "action",
        ));
    }
    out
}

/// A value as people read it in a table.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => match date::parse_iso(s) {
            Some(d) => human_date(d),
            None => shorten(s, 60),
        },
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// How a change reads in a sentence: "deadline moved from 31 May 2017 to 30 Sep 2017 (+122 days)".
pub fn describe(c: &Change) -> String {
    let what = describe_what(c);
    match &c.reason {
        Some(why) => format!("{what}: {why}"),
        None => what,
    }
}

/// The change alone, without its reason.
pub fn describe_what(c: &Change) -> String {
    let (from, to) = (cell(&c.from), cell(&c.to));
    match c.kind {
        Kind::Added => format!("{} added: {to}", c.what),
        Kind::Removed => format!("{} removed: {from}", c.what),
        Kind::DeadlineMoved => match c.days {
            Some(days) => format!("deadline moved from {from} to {to} ({days:+} days)"),
            None => format!("deadlines changed from {from} to {to}"),
        },
        Kind::Done if c.to.is_null() => format!("done date {from} taken back"),
        Kind::Done => format!("done {to}"),
        Kind::Status => format!(
            "status {} -> {}",
            if from.is_empty() { "(none)" } else { &from },
            if to.is_empty() { "(none)" } else { &to }
        ),
        Kind::Lead => format!("lead {from} -> {to}"),
        Kind::Description => "description reworded".to_string(),
    }
}

/// The changes: a sentence each for people; every field for data formats.
pub fn table(changes: &[Change]) -> Table<'static> {
    let raw = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    };
    let mut t = Table::new(vec![
        Column::new("Ref", "ref").width(8.0),
        Column::new("What", "what").show(Show::Data),
        Column::new("Kind", "kind").show(Show::Data),
        Column::new("Change", "change")
            .show(Show::People)
            .width(80.0),
        Column::new("From", "from").show(Show::Data),
        Column::new("To", "to").show(Show::Data),
        Column::number("Days", "days").show(Show::Data),
    ]);
    for c in changes {
        t.push(vec![
            Cell::Ref(c.r#ref.clone().into()),
            Cell::text(c.what),
            Cell::text(c.kind.name()),
            Cell::text(describe(c)),
            Cell::text(raw(&c.from)),
            Cell::text(raw(&c.to)),
            c.days.map_or(Cell::Empty, Cell::Int),
        ]);
    }
    t
}

/// "completes 2 actions, moves 1 deadline by 61 days, adds 1 action".
pub fn summary(old: &Plan, new: &Plan, changes: &[Change]) -> String {
    let completes = new
        .actions()
        .filter(|(_, b)| {
            let done = |a: &Action| !a.deadlines.is_empty() && a.done.len() >= a.deadlines.len();
            done(b) && old.find(b.r#ref).is_none_or(|(_, a)| !done(a))
        })
        .count();
    let actions_with = |kind: Kind| {
        changes
            .iter()
            .filter(|c| c.kind == kind && c.what == "action")
            .count()
    };
    let mut parts = Vec::new();
    if completes > 0 {
        parts.push(format!(
            "completes {}",
            plural(completes, "action", "actions")
        ));
    }
    let moved = changes
        .iter()
        .filter(|c| c.kind == Kind::DeadlineMoved)
        .count();
    if moved > 0 {
        // Each move with its own action and days: delays of different
        // actions are never added together.
        let each: Vec<String> = changes
            .iter()
            .filter(|c| c.kind == Kind::DeadlineMoved)
            .map(|c| match c.days {
                Some(d) => format!("{} {d:+} days", c.r#ref),
                None => format!("{} several", c.r#ref),
            })
            .collect();
        let shown = each.len().min(5);
        let more = if each.len() > shown {
            format!(" and {} more", each.len() - shown)
        } else {
            String::new()
        };
        parts.push(format!(
            "moves {} ({}{more})",
            plural(moved, "deadline", "deadlines"),
            each[..shown].join(", ")
        ));
    }
    let done = changes
        .iter()
        .filter(|c| c.kind == Kind::Done && !c.to.is_null())
        .count();
    if done > 0 {
        parts.push(format!(
            "records {}",
            plural(done, "done date", "done dates")
        ));
    }
    for (kind, verb, one, many) in [
        (Kind::Added, "adds", "action", "actions"),
        (Kind::Removed, "removes", "action", "actions"),
        (Kind::Status, "changes", "status", "statuses"),
        (Kind::Lead, "changes the lead of", "action", "actions"),
        (Kind::Description, "rewords", "action", "actions"),
    ] {
        let n = actions_with(kind);
        if n > 0 {
            parts.push(format!("{verb} {}", plural(n, one, many)));
        }
    }
    for what in ["objective", "priority"] {
        let added = changes
            .iter()
            .filter(|c| c.what == what && c.kind == Kind::Added)
            .count();
        let removed = changes
            .iter()
            .filter(|c| c.what == what && c.kind == Kind::Removed)
            .count();
        let many = if what == "priority" {
            "priorities"
        } else {
            "objectives"
        };
        if added > 0 {
            parts.push(format!("adds {}", plural(added, what, many)));
        }
        if removed > 0 {
            parts.push(format!("removes {}", plural(removed, what, many)));
        }
    }
    if parts.is_empty() {
        "changes nothing in the plan".to_string()
    } else {
        parts.join(", ")
    }
}

/// Deadlines that moved with no new `[[action.update]]` for that action in the
/// same change: the board would not know why.
pub fn unexplained_moves<'c>(old: &Plan, new: &Plan, changes: &'c [Change]) -> Vec<&'c Change> {
    let mut out: Vec<&Change> = Vec::new();
    for c in changes.iter().filter(|c| c.kind == Kind::DeadlineMoved) {
        if out.iter().any(|o| o.r#ref == c.r#ref) {
            continue;
        }
        let Ok(r) = c.r#ref.parse() else { continue };
        let (Some((_, a)), Some((_, b))) = (old.find(r), new.find(r)) else {
            continue;
        };
        let explained = b.updates.iter().any(|u| !a.updates.contains(u));
        if !explained {
            out.push(c);
        }
    }
    out
}
