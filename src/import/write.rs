//! Plan files built through `toml_edit` (keys and strings encoded by it and
//! `toml_writer`, never by hand), then given the canonical layout.

use chrono::NaiveDate;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::progress::ProgressOut;
use crate::edit::layout::{FileKind, layout};
use crate::edit::{date_value, string_value};
use crate::plan::{PlanYear, Register};

/// `board.toml`: the name, the plan year and the register.
pub fn board(name: &str, year: PlanYear, register: &Register) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("name", Item::Value(string_value(name)));
    let mut y = Table::new();
    y.insert("start", Item::Value(date_value(year.start)));
    y.insert("end", Item::Value(date_value(year.end)));
    doc.insert("year", Item::Table(y));
    let mut leads = Table::new();
    leads.set_implicit(true);
    for lead in &register.leads {
        let mut t = Table::new();
        t.insert("name", Item::Value(string_value(&lead.name)));
        if !lead.aliases.is_empty() {
            let aliases: Array = lead.aliases.iter().map(|a| string_value(a)).collect();
            t.insert("aliases", Item::Value(Value::Array(aliases)));
        }
        leads.insert(&lead.key, Item::Table(t));
    }
    doc.insert("leads", Item::Table(leads));
    finish(doc, FileKind::Board)
}

/// A deadline as the file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueValue {
    /// Month ends or days: (day, written as a month).
    Due(Vec<(NaiveDate, bool)>),
    Every(&'static str),
    /// Not understood: the year's end, with the document's wording in a comment.
    Unread {
        day: NaiveDate,
        wording: String,
    },
}

/// One action for a priority file.
#[derive(Clone, Debug)]
pub struct ActionOut {
    pub objective: u32,
    pub number: u32,
    pub description: String,
    pub leads: Vec<String>,
    pub due: DueValue,
    /// The document's own wording of the deadline, kept as a comment.
    pub wording: String,
    pub impact: String,
    pub progress: ProgressOut,
}

/// A priority file: the priority, its objectives in order, each followed by
/// its actions.
pub fn priority(
    number: u32,
    title: &str,
    objectives: &[(u32, String)],
    actions: &[ActionOut],
) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("priority", Item::Value(Value::from(i64::from(number))));
    doc.insert("title", Item::Value(string_value(title)));
    let mut objective_tables = ArrayOfTables::new();
    let mut action_tables = ArrayOfTables::new();
    // Table positions interleave objectives and their actions in the file.
    let mut position = 0isize;
    for (o, otitle) in objectives {
        let mut t = Table::new();
        t.insert("number", Item::Value(Value::from(i64::from(*o))));
        t.insert("title", Item::Value(string_value(otitle)));
        position += 1;
        t.set_position(Some(position));
        objective_tables.push(t);
        for a in actions.iter().filter(|a| a.objective == *o) {
            position += 1;
            let mut t = action(a);
            t.set_position(Some(position));
            action_tables.push(t);
        }
    }
    if !objective_tables.is_empty() {
        doc.insert("objective", Item::ArrayOfTables(objective_tables));
    }
    if !action_tables.is_empty() {
        doc.insert("action", Item::ArrayOfTables(action_tables));
    }
    finish(doc, FileKind::Priority)
}

fn action(a: &ActionOut) -> Table {
    let mut t = Table::new();
    t.insert(
        "ref",
        Item::Value(string_value(&format!("{}.{}", a.objective, a.number))),
    );
    t.insert("description", Item::Value(string_value(&a.description)));
    let lead = match a.leads.as_slice() {
        [one] => string_value(one),
        many => Value::Array(many.iter().map(|l| string_value(l)).collect()),
    };
    t.insert("lead", Item::Value(lead));
    let comment = comment_safe(&a.wording);
    let (key, mut value) = match &a.due {
        DueValue::Every(period) => ("every", string_value(period)),
        DueValue::Due(days) => {
            let one = |(d, month): &(NaiveDate, bool)| {
                if *month {
                    string_value(&d.format("%Y-%m").to_string())
                } else {
                    date_value(*d)
                }
            };
            let v = match days.as_slice() {
                [single] => one(single),
                many => Value::Array(many.iter().map(one).collect()),
            };
            ("due", v)
        }
        DueValue::Unread { day, .. } => ("due", date_value(*day)),
    };
    if !comment.is_empty() && !matches!(a.due, DueValue::Unread { .. }) {
        value
            .decor_mut()
            .set_suffix(format!("  # Completion: {comment}"));
    }
    t.insert(key, Item::Value(value));
    if let DueValue::Unread { wording, .. } = &a.due
        && let Some(mut k) = t.key_mut(key)
    {
        k.leaf_decor_mut().set_prefix(format!(
            "# Deadline as the document gives it: \"{}\" (not understood; set to the year's end)\n",
            comment_safe(wording).replace('"', "'")
        ));
    }
    let p = &a.progress;
    match p.done.as_slice() {
        [] => {}
        [one] => {
            t.insert("done", Item::Value(date_value(*one)));
        }
        many => {
            let days: Array = many.iter().map(|d| date_value(*d)).collect();
            t.insert("done", Item::Value(Value::Array(days)));
        }
    }
    if let Some(status) = p.status {
        t.insert("status", Item::Value(string_value(status.name())));
    }
    if !a.impact.is_empty() {
        t.insert("impact", Item::Value(string_value(&a.impact)));
    }
    if let Some(notes) = &p.notes {
        t.insert("notes", Item::Value(string_value(notes)));
    }
    if !p.updates.is_empty() {
        let mut updates = ArrayOfTables::new();
        for u in &p.updates {
            let mut ut = Table::new();
            ut.insert("date", Item::Value(date_value(u.date)));
            ut.insert("text", Item::Value(string_value(&u.text)));
            if let Some(status) = u.status {
                ut.insert("status", Item::Value(string_value(status.name())));
            }
            updates.push(ut);
        }
        t.insert("update", Item::ArrayOfTables(updates));
    }
    t
}

/// Text that can stand in a TOML comment: no line breaks or control characters.
pub fn comment_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn finish(doc: DocumentMut, kind: FileKind) -> String {
    let text = doc.to_string();
    layout(&text, kind).unwrap_or(text)
}
