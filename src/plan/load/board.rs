//! `board.toml`: the board's name, its plan year and its register of leads.

use std::collections::HashMap;
use std::ops::Range;

use super::tree::{DeTable, DeValue};
use chrono::NaiveDate;

use super::toml_read::{Reader, TableRef, Value};
use super::{DEFAULT_AMBER_DAYS, parse};
use crate::diagnostic::{Code, Diagnostic};
use crate::plan::leads::normalize;
use crate::plan::{Board, Lead, PlanYear, Register, Required, keys};
use crate::source::SourceFile;

/// What could be read of `board.toml`; parts may be missing when it has errors.
pub(super) struct BoardParts {
    pub name: Option<String>,
    pub year: Option<PlanYear>,
    pub amber_days: i64,
    pub update_days: Option<i64>,
    pub require: Vec<Required>,
    pub register: Register,
}

impl BoardParts {
    /// The parts of a board already read.
    pub(super) fn from_board(b: Board) -> BoardParts {
        BoardParts {
            name: Some(b.name),
            year: Some(b.year),
            amber_days: b.amber_days,
            update_days: b.update_days,
            require: b.require,
            register: b.register,
        }
    }

    pub(super) fn into_board(self) -> Board {
        // Only called when there were no errors, so every part is present.
        let fallback = NaiveDate::MIN;
        Board {
            name: self.name.unwrap_or_default(),
            year: self.year.unwrap_or(PlanYear {
                start: fallback,
                end: fallback,
            }),
            amber_days: self.amber_days,
            update_days: self.update_days,
            require: self.require,
            register: self.register,
        }
    }
}

pub(super) fn read_board(src: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<BoardParts> {
    let root = parse(src, diags)?;
    let mut r = Reader::new(src, diags);
    let t = TableRef {
        table: &root,
        span: 0..0,
        what: &"board.toml",
    };
    r.check_keys(&t, keys::BOARD);
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

    let update_days = t.get("update_days").and_then(|v| match r.integer("update_days", v) {
        Some(n) if (1..=3660).contains(&n) => Some(n),
        Some(n) => {
            r.report(
                Code::BadValue,
                v.span(),
                format!("`update_days` must be 1 to 3660, found {n}"),
            )
            .help = Some("the most days an open action may go without an [[action.update]], e.g. update_days = 60".into());
            None
        }
        None => None,
    });
    let require = t
        .get("require")
        .and_then(|v| {
            let DeValue::Array(items) = v.get_ref() else {
                r.wrong_type("require", v, "an array such as [\"impact\"]");
                return None;
            };
            let mut out = Vec::new();
            for item in items.iter() {
                let Some(s) = r.string("require", item) else {
                    continue;
                };
                match s.parse::<Required>() {
                    Ok(k) if !out.contains(&k) => out.push(k),
                    Ok(_) => {}
                    Err(_) => {
                        r.report(
                            Code::BadValue,
                            item.span(),
                            format!("`require` cannot require \"{s}\""),
                        )
                        .help = Some(format!(
                            "use any of: {}",
                            crate::plan::names::<Required>().join(", ")
                        ));
                    }
                }
            }
            Some(out)
        })
        .unwrap_or_default();

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
        update_days,
        require,
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
        what: &"[year]",
    };
    r.check_keys_under(&t, keys::YEAR, Some(("[year]", keys::BOARD)));
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
        r.check_keys(&t, keys::LEAD);
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
