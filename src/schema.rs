//! JSON Schema (draft-07) for plan files, for editors (taplo / Even Better TOML).
//!
//! The schema is generated with schemars from serde types that mirror the file
//! format. The loader reads files field by field (to report every problem), so
//! tests keep the two in step: the same key lists, and every fixture the loader
//! accepts deserializes into these types.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use crate::plan::Register;

/// A TOML local date (`2017-05-24`); editors see it as an ISO date string.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct LocalDate(pub toml::value::Datetime);

impl JsonSchema for LocalDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LocalDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date without quotes, e.g. 2017-05-24",
            "type": "string",
            "format": "date"
        })
    }
}

/// A month, `"YYYY-MM"`: due by its last day.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct Month(pub String);

impl JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A month in quotes, \"YYYY-MM\": due by its last day",
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"
        })
    }
}

/// A lead's name; the generated schema lists the register's names and aliases.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct LeadName(pub String);

impl JsonSchema for LeadName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LeadName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A lead from the register in board.toml (its key, name or an alias)",
            "type": "string",
            "minLength": 1
        })
    }
}

/// One value, or several in an array.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// A deadline: a date, or a month.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Deadline {
    Date(LocalDate),
    Month(Month),
}

/// `board.toml`: the board, its plan year and its register of leads.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardFile {
    /// The board's name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Days before a deadline when an action turns amber (default 30).
    #[schemars(range(min = 0, max = 366))]
    pub amber_days: Option<u32>,
    /// The board's rule: an open action has an update within this many days.
    #[schemars(range(min = 1, max = 3660))]
    pub update_days: Option<u32>,
    /// The board's rule: every action says these.
    pub require: Option<Vec<RequiredKey>>,
    /// The plan year; quarters are counted from its start.
    pub year: PlanYear,
    /// The register of leads: `[leads.KEY]` with a name and optional aliases.
    pub leads: BTreeMap<String, LeadEntry>,
}

/// An optional action key a board may require.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RequiredKey {
    Impact,
    Tags,
    Notes,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanYear {
    pub start: LocalDate,
    pub end: LocalDate,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadEntry {
    /// The lead's name as reports print it.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Other spellings of the same role.
    pub aliases: Option<Vec<String>>,
}

/// A priority file: one strategic priority, its objectives and actions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityFile {
    /// The priority's number, unique across the plan.
    #[schemars(range(min = 1))]
    pub priority: u32,
    #[schemars(length(min = 1))]
    pub title: String,
    /// A short name for tables.
    pub short: Option<String>,
    pub objective: Option<Vec<Objective>>,
    pub action: Option<Vec<Action>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Unique in the file.
    #[schemars(range(min = 1))]
    pub number: u32,
    #[schemars(length(min = 1))]
    pub title: String,
}

/// Recurring deadlines, at the end of each period of the plan year.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Every {
    Month,
    Quarter,
    HalfYear,
    Year,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeclaredStatus {
    NotStarted,
    InProgress,
    OnHold,
    Complete,
    Dropped,
}

/// An action. Exactly one of `due` and `every`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// OBJECTIVE.ACTION, e.g. "1.2".
    #[serde(rename = "ref")]
    #[schemars(regex(pattern = r"^[1-9][0-9]*\.[1-9][0-9]*$"))]
    pub r#ref: String,
    #[schemars(length(min = 1))]
    pub description: String,
    pub lead: OneOrMany<LeadName>,
    pub due: Option<OneOrMany<Deadline>>,
    pub every: Option<Every>,
    /// The days deadlines were met, matched to them in order.
    pub done: Option<OneOrMany<LocalDate>>,
    pub status: Option<DeclaredStatus>,
    /// The impact the board expects.
    pub impact: Option<String>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
    /// Where `lscb rollover` carried the action from: the old year and full
    /// ref, e.g. "2017/18 1.2.3".
    #[schemars(length(min = 1))]
    pub carried_from: Option<String>,
    /// The progress log.
    pub update: Option<Vec<Update>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub date: LocalDate,
    #[schemars(length(min = 1))]
    pub text: String,
    /// The action's status from this date on.
    pub status: Option<DeclaredStatus>,
    /// The status before the action's first dated status change.
    pub status_before: Option<DeclaredStatus>,
    /// On this date one deadline moved.
    pub moved: Option<Moved>,
}

/// A deadline moved: `from` (as it stood) became `to`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moved {
    pub from: Deadline,
    pub to: Deadline,
}

fn generator() -> SchemaGenerator {
    schemars::generate::SchemaSettings::draft07().into_generator()
}

/// TOML has no null (an optional key is simply left out): drops the `null`
/// alternatives schemars gives `Option` fields.
fn strip_null(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type") != Some(&Value::from("null")));
                if any.len() == 1
                    && let Some(Value::Object(only)) = any.pop()
                {
                    map.remove("anyOf");
                    for (k, val) in only {
                        map.entry(k).or_insert(val);
                    }
                }
            }
            map.values_mut().for_each(strip_null);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// The schema of `board.toml`.
pub fn board_schema() -> serde_json::Value {
    let mut schema = generator().into_root_schema_for::<BoardFile>().to_value();
    strip_null(&mut schema);
    schema["title"] = "lscb board.toml".into();
    schema
}

/// The schema of a priority file. `lead` accepts what lscb accepts: every
/// spelling in the register, in any case and with any spacing (an editor
/// offers the register's spellings as they are written).
pub fn priority_schema(register: &Register) -> serde_json::Value {
    let mut schema = generator()
        .into_root_schema_for::<PriorityFile>()
        .to_value();
    strip_null(&mut schema);
    schema["title"] = "lscb priority file".into();
    let names: Vec<&str> = register.leads.iter().flat_map(|l| l.spellings()).collect();
    if let Some(lead) = schema.pointer_mut("/definitions/LeadName") {
        if names.is_empty() {
            return schema;
        }
        let any: Vec<String> = names.iter().map(|n| loose_pattern(n)).collect();
        let pattern = format!("^\\s*(?:{})\\s*$", any.join("|"));
        lead["anyOf"] = serde_json::json!([{ "enum": names }, { "pattern": pattern }]);
    }
    schema
}

/// A regular expression (ECMA-262, as JSON Schema uses) matching a name as
/// lscb does: letters in either case, any run of white space for a space.
fn loose_pattern(name: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push_str("\\s+");
            space = false;
        }
        let (lower, upper) = (c.to_lowercase().to_string(), c.to_uppercase().to_string());
        if lower != upper && lower.chars().count() == 1 && upper.chars().count() == 1 {
            out.push('[');
            out.push_str(&lower);
            out.push_str(&upper);
            out.push(']');
        } else if ".^$*+?()[]{}|\\/".contains(c) {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::keys::{
        ACTION as ACTION_KEYS, BOARD as BOARD_KEYS, LEAD as LEAD_KEYS, OBJECTIVE as OBJECTIVE_KEYS,
        PRIORITY as PRIORITY_KEYS, UPDATE as UPDATE_KEYS, YEAR as YEAR_KEYS,
    };

    fn properties(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(|p| p.as_object())
            .unwrap_or_else(|| panic!("no {pointer}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        v.sort();
        v
    }

    /// The schema and the loader accept the same keys, table by table.
    #[test]
    fn schema_keys_match_the_loader() {
        let board = board_schema();
        assert_eq!(properties(&board, "/properties"), sorted(BOARD_KEYS));
        assert_eq!(
            properties(&board, "/definitions/PlanYear/properties"),
            sorted(YEAR_KEYS)
        );
        assert_eq!(
            properties(&board, "/definitions/LeadEntry/properties"),
            sorted(LEAD_KEYS)
        );
        let priority = priority_schema(&Register::default());
        assert_eq!(properties(&priority, "/properties"), sorted(PRIORITY_KEYS));
        assert_eq!(
            properties(&priority, "/definitions/Objective/properties"),
            sorted(OBJECTIVE_KEYS)
        );
        assert_eq!(
            properties(&priority, "/definitions/Action/properties"),
            sorted(ACTION_KEYS)
        );
        assert_eq!(
            properties(&priority, "/definitions/Update/properties"),
            sorted(UPDATE_KEYS)
        );
    }

    #[test]
    fn lead_names_match_in_any_case_and_spacing() {
        assert_eq!(
            loose_pattern("Head of Children's (CSC)"),
            "[hH][eE][aA][dD]\\s+[oO][fF]\\s+[cC][hH][iI][lL][dD][rR][eE][nN]'[sS]\\s+\\([cC][sS][cC]\\)"
        );
        let register = Register::new(vec![crate::plan::Lead {
            key: "board-manager".into(),
            name: "Board Manager".into(),
            aliases: vec![],
        }]);
        let schema = priority_schema(&register);
        let lead = &schema["definitions"]["LeadName"]["anyOf"];
        assert_eq!(
            lead[0]["enum"],
            serde_json::json!(["board-manager", "Board Manager"])
        );
        assert_eq!(
            lead[1]["pattern"],
            "^\\s*(?:[bB][oO][aA][rR][dD]-[mM][aA][nN][aA][gG][eE][rR]|[bB][oO][aA][rR][dD]\\s+[mM][aA][nN][aA][gG][eE][rR])\\s*$"
        );
    }

    #[test]
    fn schemas_are_draft_07_and_close_every_table() {
        let priority = priority_schema(&Register::default());
        assert_eq!(
            priority["$schema"],
            "http://json-schema.org/draft-07/schema#"
        );
        assert_eq!(priority["additionalProperties"], false);
        assert_eq!(
            priority["definitions"]["Action"]["additionalProperties"],
            false
        );
    }
}
