//! Edits to one priority file through `toml_edit`, keeping every comment, blank
//! line and key order they do not touch. Pure: text in, text out. A file is
//! parsed once into a `FileEdit`, changed by any number of edits, and
//! written once.

pub mod layout;
pub mod rollover;
pub mod value;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::plan::keys;
pub use value::{date_value, keep_style, string_value, writable};

/// Why an edit could not be made (the plan itself is checked afterwards).
#[derive(Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

fn err<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// A deadline as the user gave it: a month (`"2017-05"`) or a day (`2017-05-24`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Month(NaiveDate),
    Day(NaiveDate),
}

impl Due {
    pub fn parse(s: &str) -> Option<Due> {
        let s = s.trim();
        crate::plan::date::parse_iso(s)
            .map(Due::Day)
            .or_else(|| crate::plan::date::parse_month(s).map(Due::Month))
            .filter(|d| writable(d.day()))
    }

    /// The deadline day it stands for.
    pub fn day(self) -> NaiveDate {
        match self {
            Due::Month(d) | Due::Day(d) => d,
        }
    }

    /// "May 2017" or "24 May 2017".
    pub fn human(self) -> String {
        match self {
            Due::Month(d) => d.format("%b %Y").to_string(),
            Due::Day(d) => crate::doc::human_date(d),
        }
    }

    /// The value as `due` writes it.
    pub fn value(self) -> Value {
        match self {
            Due::Month(d) => Value::from(d.format("%Y-%m").to_string()),
            Due::Day(d) => date_value(d),
        }
    }

    /// A deadline as the plan holds it.
    pub fn of(d: crate::plan::DeadlineValue) -> Due {
        if d.month {
            Due::Month(d.day)
        } else {
            Due::Day(d.day)
        }
    }

    /// `moved = { from = ..., to = ... }` for an `[[action.update]]`.
    pub fn moved(from: Due, to: Due) -> Value {
        let mut t = toml_edit::InlineTable::new();
        t.insert("from", from.value());
        t.insert("to", to.value());
        t.fmt();
        Value::InlineTable(t)
    }

    /// Reads a `due` entry back from the file.
    fn from_value(v: &Value) -> Option<Due> {
        match v {
            Value::String(s) => crate::plan::date::parse_month(s.value()).map(Due::Month),
            Value::Datetime(dt) => {
                let d = dt.value().date?;
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .map(Due::Day)
            }
            _ => None,
        }
    }
}

/// A decor's text (prefix and suffix), for looking for line breaks and comments.
fn decor_text(d: &toml_edit::Decor) -> String {
    [d.prefix(), d.suffix()]
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
        .collect()
}

/// The document and the index of action `O.A` in its `[[action]]` array.
fn find_action(
    doc: &mut DocumentMut,
    objective: u32,
    action: u32,
) -> Result<&mut Table, EditError> {
    let Some(actions) = doc.get_mut("action").and_then(Item::as_array_of_tables_mut) else {
        return err("the file has no [[action]] tables");
    };
    actions
        .iter_mut()
        .find(|t| ref_of(t) == Some((objective, action)))
        .map_or_else(
            || err(format!("no action {objective}.{action} in the file")),
            Ok,
        )
}

fn ref_of(t: &Table) -> Option<(u32, u32)> {
    let r = t.get("ref")?.as_str()?;
    let (o, a) = r.split_once('.')?;
    Some((
        crate::plan::parse_positive(o)?,
        crate::plan::parse_positive(a)?,
    ))
}

/// Sets `key`, keeping the old value's surrounding white space and trailing comment;
/// a new key goes where the contract's key order puts it.
fn set(table: &mut Table, key: &str, value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        _ => {
            table.insert(key, Item::Value(value));
            place_key(table, key);
        }
    }
}

/// Moves a just-inserted key after the last existing key that comes before it in
/// the contract's order; every other key keeps its place.
fn place_key(table: &mut Table, key: &str) {
    let canonical = |k: &str| keys::ACTION.iter().position(|c| *c == k);
    let Some(rank) = canonical(key) else { return };
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let anchor = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| *k != key && canonical(k).is_some_and(|r| r < rank))
        .map(|(i, _)| i)
        .max();
    let order = |k: &str| -> isize {
        if k == key {
            anchor.map_or(-1, |a| 2 * a as isize + 1)
        } else {
            2 * keys.iter().position(|x| x == k).unwrap_or(0) as isize
        }
    };
    table.sort_values_by(|k1, _, k2, _| order(k1.get()).cmp(&order(k2.get())));
}

/// One plan file being edited: parsed once, changed by any number of edits,
/// written once (in the original's line endings).
#[derive(Clone, Debug)]
pub struct FileEdit {
    original: String,
    doc: DocumentMut,
}

/// A new `[[action.update]]`: its date and text, and any further keys in
/// the contract's order.
#[derive(Clone, Debug)]
pub struct UpdateEntry {
    pub date: NaiveDate,
    pub text: String,
    pub extra: Vec<(&'static str, Value)>,
}

/// Fields of a new action.
#[derive(Clone, Debug)]
pub struct NewAction {
    pub description: String,
    pub leads: Vec<String>,
    pub due: Vec<Due>,
    pub every: Option<String>,
}

impl FileEdit {
    pub fn parse(text: &str) -> Result<FileEdit, EditError> {
        let doc = text.parse().map_err(|e: toml_edit::TomlError| {
            EditError(format!(
                "the file is not valid TOML: {}",
                e.message().trim()
            ))
        })?;
        Ok(FileEdit {
            original: text.to_string(),
            doc,
        })
    }

    /// The edited text.
    pub fn finish(&self) -> String {
        keep_style(&self.original, self.doc.to_string())
    }

    /// Records the next done date: `done` becomes a date, or grows into an array.
    pub fn add_done(
        &mut self,
        objective: u32,
        action: u32,
        date: NaiveDate,
    ) -> Result<(), EditError> {
        let t = find_action(&mut self.doc, objective, action)?;
        match t.get_mut("done") {
            None => set(t, "done", date_value(date)),
            Some(Item::Value(Value::Array(a))) => {
                let laid_out = a
                    .iter()
                    .any(|v| decor_text(v.decor()).contains(['\n', '#']))
                    || a.trailing()
                        .as_str()
                        .is_some_and(|t| t.contains(['\n', '#']));
                if laid_out {
                    // One item per line, or comments: the new date goes in like the
                    // last one, and nothing else moves.
                    let prefix = a
                        .iter()
                        .last()
                        .and_then(|v| v.decor().prefix().and_then(|p| p.as_str()))
                        .map(|p| p.split('#').next().unwrap_or(p).to_string())
                        .map(|p| {
                            if p.contains('\n') {
                                format!("\n{}", p.rsplit('\n').next().unwrap_or(""))
                            } else {
                                p
                            }
                        })
                        .unwrap_or_else(|| " ".into());
                    a.push_formatted(date_value(date).decorated(prefix, ""));
                } else {
                    a.push(date_value(date));
                    a.fmt();
                }
            }
            Some(Item::Value(old @ Value::Datetime(_))) => {
                let decor = old.decor().clone();
                let mut a = toml_edit::Array::new();
                a.push(old.clone().decorated("", ""));
                a.push(date_value(date));
                a.fmt();
                *old = Value::Array(a);
                *old.decor_mut() = decor;
            }
            Some(_) => {
                return err("`done` is neither a date nor an array of dates; fix it by hand first");
            }
        }
        Ok(())
    }

    /// Sets a key of the action to a value (`status`, `notes`).
    pub fn set_value(
        &mut self,
        objective: u32,
        action: u32,
        key: &str,
        value: Value,
    ) -> Result<(), EditError> {
        let t = find_action(&mut self.doc, objective, action)?;
        set(t, key, value);
        Ok(())
    }

    /// Appends an `[[action.update]]` entry after the action's last update.
    pub fn add_update(
        &mut self,
        objective: u32,
        action: u32,
        entry: &UpdateEntry,
    ) -> Result<(), EditError> {
        let after = last_position(find_action(&mut self.doc, objective, action)?);
        let position = make_room(&mut self.doc, after);
        let t = find_action(&mut self.doc, objective, action)?;
        let mut update = Table::new();
        update.insert("date", Item::Value(date_value(entry.date)));
        update.insert("text", Item::Value(string_value(&entry.text)));
        for (key, value) in &entry.extra {
            update.insert(key, Item::Value(value.clone()));
        }
        update.set_position(Some(position));
        update.decor_mut().set_prefix("\n");
        match t.get_mut("update") {
            Some(Item::ArrayOfTables(a)) => a.push(update),
            Some(_) => {
                return err(
                    "`update` is not an array of [[action.update]] tables; fix it by hand first",
                );
            }
            None => {
                let mut a = ArrayOfTables::new();
                a.push(update);
                t.insert("update", Item::ArrayOfTables(a));
            }
        }
        Ok(())
    }

    /// Replaces the deadline falling on `old_day` with `due`; gives the deadline
    /// it replaced.
    pub fn replace_due(
        &mut self,
        objective: u32,
        action: u32,
        old_day: NaiveDate,
        due: Due,
    ) -> Result<Due, EditError> {
        let t = find_action(&mut self.doc, objective, action)?;
        let Some(Item::Value(v)) = t.get_mut("due") else {
            return err("the action has no `due` to move");
        };
        let slot: &mut Value = match v {
            Value::Array(a) => {
                let i = a
                    .iter()
                    .position(|x| Due::from_value(x).is_some_and(|d| d.day() == old_day));
                match i.and_then(|i| a.get_mut(i)) {
                    Some(x) => x,
                    None => return err(format!("no deadline on {old_day} in `due`")),
                }
            }
            single => single,
        };
        let Some(old) = Due::from_value(slot) else {
            return err("the deadline in `due` is not a month or a date; fix it by hand first");
        };
        // The space before the value stays; a comment after it (such as
        // import's "# Completion: May 17") spoke of the old deadline, so it goes.
        let prefix = slot.decor().prefix().cloned();
        *slot = due.value();
        if let Some(p) = prefix {
            slot.decor_mut().set_prefix(p);
        }
        Ok(old)
    }

    /// Adds an action under objective `objective`, numbered after its last action, and
    /// placed after that action's tables (or after the objective). Gives the new
    /// action's number.
    pub fn add_action(&mut self, objective: u32, new: &NewAction) -> Result<u32, EditError> {
        let doc = &mut self.doc;
        let objective_position = doc
            .get("objective")
            .and_then(Item::as_array_of_tables)
            .and_then(|a| {
                a.iter().find(|t| {
                    t.get("number").and_then(Item::as_integer) == Some(i64::from(objective))
                })
            })
            .and_then(Table::position);
        let Some(objective_position) = objective_position else {
            return err(format!("the file has no objective {objective}"));
        };
        let mut number = 0;
        let mut after = objective_position;
        let mut index = 0;
        if let Some(actions) = doc.get("action").and_then(Item::as_array_of_tables) {
            for (i, t) in actions.iter().enumerate() {
                if let Some((o, a)) = ref_of(t)
                    && o == objective
                {
                    number = number.max(a);
                    after = after.max(last_position(t));
                    index = i + 1;
                } else if t.position().is_some_and(|p| p < after) {
                    index = index.max(i + 1);
                }
            }
        }
        let Some(number) = number.checked_add(1) else {
            return err(format!("objective {objective} has no free action number"));
        };
        let position = make_room(doc, after);

        let mut t = Table::new();
        t.insert(
            "ref",
            Item::Value(Value::from(format!("{objective}.{number}"))),
        );
        t.insert("description", Item::Value(string_value(&new.description)));
        let lead = match new.leads.as_slice() {
            [one] => string_value(one),
            many => Value::Array(many.iter().map(|l| string_value(l)).collect()),
        };
        t.insert("lead", Item::Value(lead));
        match (&new.every, new.due.as_slice()) {
            (Some(period), _) => {
                t.insert("every", Item::Value(Value::from(period.as_str())));
            }
            (None, [one]) => {
                t.insert("due", Item::Value(one.value()));
            }
            (None, many) => {
                t.insert(
                    "due",
                    Item::Value(Value::Array(many.iter().map(|d| d.value()).collect())),
                );
            }
        }
        t.set_position(Some(position));
        t.decor_mut().set_prefix("\n");
        match doc.get_mut("action") {
            Some(Item::ArrayOfTables(a)) => a.insert(index.min(a.len()), t),
            Some(_) => return err("`action` is not an array of [[action]] tables"),
            None => {
                let mut a = ArrayOfTables::new();
                a.push(t);
                doc.insert("action", Item::ArrayOfTables(a));
            }
        }
        Ok(number)
    }
}

/// The document position of a table's header, or of its last nested table.
fn last_position(t: &Table) -> isize {
    let mut last = t.position().unwrap_or(0);
    for (_, item) in t.iter() {
        if let Item::ArrayOfTables(a) = item {
            for nested in a.iter() {
                last = last.max(last_position(nested));
            }
        }
    }
    last
}

/// Shifts every table after document position `after` down by one, freeing
/// `after + 1` for a new table.
fn make_room(doc: &mut DocumentMut, after: isize) -> isize {
    fn shift(t: &mut Table, after: isize) {
        if let Some(p) = t.position()
            && p > after
        {
            t.set_position(Some(p + 1));
        }
        for (_, item) in t.iter_mut() {
            match item {
                Item::Table(nested) => shift(nested, after),
                Item::ArrayOfTables(a) => a.iter_mut().for_each(|n| shift(n, after)),
                _ => {}
            }
        }
    }
    shift(doc.as_table_mut(), after);
    after + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"priority = 1 # the number
title = "T"

# First objective
[[objective]]
number = 1
title = "One"

[[action]]
ref = "1.1"
description = "First"   # odd spacing kept
lead = "Board Manager"
due = "2017-05"  # Completion: May 17
status = "in-progress" # was started

[[action.update]]
date = 2017-05-01
text = "Started"

# Second objective, with a comment that stays with it
[[objective]]
number = 2
title = "Two"

[[action]]
ref = "2.1"
description = "Second"
lead = ["Board Manager", "LSCB Chair"]
due = ["2017-06", 2017-09-15]
done = 2017-06-20
"#;

    fn d(s: &str) -> NaiveDate {
        crate::plan::date::parse_iso(s).unwrap()
    }

    fn add_done(text: &str, o: u32, a: u32, date: NaiveDate) -> Result<String, EditError> {
        let mut e = FileEdit::parse(text)?;
        e.add_done(o, a, date)?;
        Ok(e.finish())
    }

    fn set_value(text: &str, o: u32, a: u32, key: &str, v: Value) -> Result<String, EditError> {
        let mut e = FileEdit::parse(text)?;
        e.set_value(o, a, key, v)?;
        Ok(e.finish())
    }

    fn add_update(
        text: &str,
        o: u32,
        a: u32,
        date: NaiveDate,
        note: &str,
    ) -> Result<String, EditError> {
        let mut e = FileEdit::parse(text)?;
        let entry = UpdateEntry {
            date,
            text: note.to_string(),
            extra: vec![],
        };
        e.add_update(o, a, &entry)?;
        Ok(e.finish())
    }

    fn replace_due(
        text: &str,
        o: u32,
        a: u32,
        old: NaiveDate,
        due: Due,
    ) -> Result<(String, Due), EditError> {
        let mut e = FileEdit::parse(text)?;
        let replaced = e.replace_due(o, a, old, due)?;
        Ok((e.finish(), replaced))
    }

    fn add_action(text: &str, o: u32, new: &NewAction) -> Result<(String, u32), EditError> {
        let mut e = FileEdit::parse(text)?;
        let n = e.add_action(o, new)?;
        Ok((e.finish(), n))
    }

    /// Only the lines an edit names change: compares line sets.
    fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
        let diff = similar::TextDiff::from_lines(before, after);
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for c in diff.iter_all_changes() {
            match c.tag() {
                similar::ChangeTag::Delete => removed.push(c.value().trim_end().to_string()),
                similar::ChangeTag::Insert => added.push(c.value().trim_end().to_string()),
                similar::ChangeTag::Equal => {}
            }
        }
        (removed, added)
    }

    #[test]
    fn first_done_date_goes_after_the_deadline() {
        let out = add_done(FILE, 1, 1, d("2017-05-20")).unwrap();
        let (removed, added) = changed_lines(FILE, &out);
        assert!(removed.is_empty(), "{removed:?}");
        assert_eq!(added, ["done = 2017-05-20"]);
        assert!(out.contains("due = \"2017-05\"  # Completion: May 17\ndone = 2017-05-20\nstatus"));
    }

    #[test]
    fn a_single_done_date_grows_into_an_array() {
        let out = add_done(FILE, 2, 1, d("2017-09-10")).unwrap();
        let (removed, added) = changed_lines(FILE, &out);
        assert_eq!(removed, ["done = 2017-06-20"]);
        assert_eq!(added, ["done = [2017-06-20, 2017-09-10]"]);
    }

    #[test]
    fn replacing_a_value_keeps_its_trailing_comment() {
        let out = set_value(FILE, 1, 1, "status", string_value("on-hold")).unwrap();
        let (removed, added) = changed_lines(FILE, &out);
        assert_eq!(removed, ["status = \"in-progress\" # was started"]);
        assert_eq!(added, ["status = \"on-hold\" # was started"]);
    }

    #[test]
    fn updates_append_after_the_last_update_of_that_action() {
        let out = add_update(FILE, 1, 1, d("2017-06-01"), "Draft \"v2\" shared").unwrap();
        let (removed, mut added) = changed_lines(FILE, &out);
        assert!(removed.is_empty(), "{removed:?}");
        added.sort();
        assert_eq!(
            added,
            [
                "",
                "[[action.update]]",
                "date = 2017-06-01",
                "text = \"Draft \\\"v2\\\" shared\""
            ]
        );
        let at = out.find("date = 2017-06-01").unwrap();
        assert!(at < out.find("# Second objective").unwrap());
    }

    #[test]
    fn the_first_update_of_an_action_goes_before_the_next_table() {
        let out = add_update(FILE, 2, 1, d("2017-06-21"), "Met").unwrap();
        assert!(
            out.ends_with(
                "done = 2017-06-20\n\n[[action.update]]\ndate = 2017-06-21\ntext = \"Met\"\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn rescheduling_replaces_one_deadline_in_its_own_form() {
        let (out, old) =
            replace_due(FILE, 2, 1, d("2017-09-15"), Due::Month(d("2017-12-31"))).unwrap();
        assert_eq!(old, Due::Day(d("2017-09-15")));
        let (removed, added) = changed_lines(FILE, &out);
        assert_eq!(removed, ["due = [\"2017-06\", 2017-09-15]"]);
        assert_eq!(added, ["due = [\"2017-06\", \"2017-12\"]"]);

        let (out, old) =
            replace_due(FILE, 1, 1, d("2017-05-31"), Due::Day(d("2017-09-01"))).unwrap();
        assert_eq!(old, Due::Month(d("2017-05-31")));
        // The comment beside the old deadline named it: it goes with it.
        assert!(out.contains("due = 2017-09-01\nstatus"), "{out}");
        assert!(!out.contains("May 17"), "{out}");
    }

    #[test]
    fn new_actions_take_the_next_number_after_the_objectives_last_action() {
        let new = NewAction {
            description: "Line one\nLine \"two\"".into(),
            leads: vec!["Board Manager".into()],
            due: vec![Due::Month(d("2017-12-31"))],
            every: None,
        };
        let (out, number) = add_action(FILE, 1, &new).unwrap();
        assert_eq!(number, 2);
        let (removed, _) = changed_lines(FILE, &out);
        assert!(removed.is_empty());
        let new_at = out.find("ref = \"1.2\"").unwrap();
        assert!(new_at > out.find("text = \"Started\"").unwrap(), "{out}");
        assert!(new_at < out.find("# Second objective").unwrap(), "{out}");
        assert!(
            out.contains("description = \"\"\"\nLine one\nLine \"two\"\"\"\"\n"),
            "{out}"
        );
        // The result parses back to the same text.
        let reparsed: DocumentMut = out.parse().unwrap();
        let actions = reparsed["action"].as_array_of_tables().unwrap();
        assert_eq!(
            actions.get(1).unwrap()["description"].as_str(),
            Some("Line one\nLine \"two\"")
        );
    }

    #[test]
    fn strings_read_back_as_written() {
        let cases = [
            "Minutes say:\nsee \"\"\"",
            "x\n\"\"\"\"\"",
            "x\nends \\\"",
            "plain",
            "say \"hi\"",
            "a\\b",
            "tab\there",
            "two\nlines",
            "quotes \"\"\" inside\nyes",
            "ends with \"\nquote\"",
            "\"\"",
            "nul \u{0}",
        ];
        for s in cases {
            let v = string_value(s);
            let doc: DocumentMut = format!("k = {v}\n").parse().unwrap();
            assert_eq!(doc["k"].as_str(), Some(s), "{v}");
        }
        assert_eq!(string_value("a \"b\"").to_string(), "\"a \\\"b\\\"\"");
        assert_eq!(
            string_value("x\nthe \"journey\"").to_string(),
            "\"\"\"\nx\nthe \"journey\"\"\"\""
        );
    }

    #[test]
    fn missing_things_are_errors_not_panics() {
        assert!(add_done(FILE, 9, 9, d("2017-01-01")).is_err());
        assert!(add_done("not = [toml", 1, 1, d("2017-01-01")).is_err());
        assert!(
            add_action(
                FILE,
                7,
                &NewAction {
                    description: "x".into(),
                    leads: vec!["a".into()],
                    due: vec![],
                    every: Some("year".into())
                }
            )
            .is_err()
        );
        assert!(replace_due(FILE, 2, 1, d("2020-01-01"), Due::Day(d("2020-02-01"))).is_err());
    }
}
