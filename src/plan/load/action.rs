//! One `[[action]]`: its ref, text, leads, deadlines, progress and log.

use std::ops::Range;

use super::tree::{DeTable, DeValue};
use chrono::NaiveDate;

use super::board::BoardParts;
use super::toml_read::{Reader, TableRef, Value};
use crate::diagnostic::Code;
use crate::plan::{
    Action, Dates, DeadlineValue, KeyLines, Leads, Move, Objective, Period, PlanYear, Ref,
    Required, Schedule, Status, Update, date, keys, names, parse_positive, schedule,
};

pub(super) struct ActionContext<'a> {
    pub priority: Option<u32>,
    pub objectives: &'a [Objective],
    /// The objectives' numbers (and lines), to look a ref's up.
    pub numbers: &'a foldhash::HashMap<u32, usize>,
    pub board: Option<&'a BoardParts>,
    pub today: NaiveDate,
}

/// Reads one `[[action]]`; `None` when its ref is unusable (other fields are still checked).
pub(super) fn read_action(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    ctx: &ActionContext<'_>,
) -> Option<(Action, Range<usize>)> {
    let ref_value = table.get("ref");
    let what = match ref_value.map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => ActionLabel::Ref(ctx.priority, s),
        _ => ActionLabel::Bare,
    };
    let t = TableRef {
        table,
        span: span.clone(),
        what: &what,
    };
    r.check_keys(&t, keys::ACTION);

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
        Some((all_sorted(dates)?, v.span()))
    });
    let status_value = t.get("status");
    let declared = status_value.and_then(|v| read_status(r, "status", v));
    let impact = r.optional_text(&t, "impact");
    let notes = r.optional_text(&t, "notes");
    let carried_from = r.optional_text(&t, "carried_from");
    let tags: Vec<String> = t
        .get("tags")
        .and_then(|v| {
            let DeValue::Array(items) = v.get_ref() else {
                r.wrong_type("tags", v, "an array of strings");
                return None;
            };
            Some(items.iter().filter_map(|i| r.text("tags", i)).collect())
        })
        .unwrap_or_default();
    let read = t
        .get("update")
        .map(|v| read_updates(r, v, &what))
        .unwrap_or_default();
    let year = ctx.board.and_then(|b| b.year);
    // Dated progress: the deadlines as planned and as they stand now, and
    // the status now.
    let (deadlines, planned) = match deadlines {
        Some((written, schedule)) => match replay(r, &schedule, written, &read, year) {
            Some((now, planned)) => (Some((now, schedule)), planned),
            None => (None, Dates::new()),
        },
        None => (None, Dates::new()),
    };
    let status = current_status(r, declared, status_value, &read);
    // A list of exactly its size: collected in place, the updates would keep
    // `read`'s room (a `ReadUpdate`, bigger than an `Update`, for each) for
    // the whole run.
    let mut updates: Vec<Update> = Vec::with_capacity(read.len());
    updates.extend(read.into_iter().map(|u| u.update));

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
    // The board's own rule: what every action must say.
    for required in ctx.board.map_or(&[][..], |b| &b.require[..]) {
        let missing = match required {
            Required::Impact => impact.is_none(),
            Required::Tags => tags.is_empty(),
            Required::Notes => notes.is_none(),
        };
        if missing {
            let key = required.name();
            r.report(
                Code::MissingRequired,
                span.clone(),
                format!("{what} has no `{key}`, which this board requires of every action"),
            )
            .help = Some(match required {
                Required::Impact => {
                    "add impact = \"...\": the difference the board expects the action to make"
                        .into()
                }
                Required::Tags => "add tags = [\"...\"]".into(),
                Required::Notes => "add notes = \"...\"".into(),
            });
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
    let (deadlines, schedule) = deadlines.map_or((Dates::new(), Schedule::Due), |(d, s)| (d, s));
    Some((
        Action {
            r#ref,
            description: description.unwrap_or_default(),
            leads: leads.unwrap_or_default(),
            schedule,
            deadlines,
            planned,
            done: done.map(|(d, _)| d).unwrap_or_default(),
            status,
            declared,
            impact: impact.map(String::into_boxed_str),
            tags,
            notes: notes.map(String::into_boxed_str),
            carried_from: carried_from.map(String::into_boxed_str),
            updates,
            line: r.line_of(span.start),
            lines: key_lines(r, table),
        },
        ref_span,
    ))
}

/// The lines the values of the keys a change points at start on, counted
/// in the order they stand in the file (the line count only moves forward).
fn key_lines(r: &mut Reader<'_>, table: &DeTable<'_>) -> KeyLines {
    let at = |key: &str| table.get(key).map(|v| v.span().start);
    let offsets = [
        at("due").or_else(|| at("every")),
        at("done"),
        at("status"),
        at("lead"),
        at("description"),
    ];
    let mut order = [0, 1, 2, 3, 4];
    order.sort_by_key(|&i| offsets[i]);
    let mut lines = [None; 5];
    for i in order {
        lines[i] = offsets[i].and_then(|offset| KeyLines::line(r.line_of(offset)));
    }
    let [deadline, done, status, lead, description] = lines;
    KeyLines {
        deadline,
        done,
        status,
        lead,
        description,
    }
}

/// How messages name an action: "action 1.2.3" (the full ref, as every
/// command prints and accepts it), "[[action]] with ref \"x\"" or "[[action]]".
/// A value, not a `String`: most actions have no finding to name them in.
enum ActionLabel<'a> {
    Ref(Option<u32>, &'a str),
    Bare,
}

impl std::fmt::Display for ActionLabel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActionLabel::Ref(Some(p), s) if is_short_ref(s) => write!(f, "action {p}.{s}"),
            ActionLabel::Ref(None, s) if is_short_ref(s) => write!(f, "action {s}"),
            ActionLabel::Ref(_, s) => write!(f, "[[action]] with ref \"{s}\""),
            ActionLabel::Bare => f.write_str("[[action]]"),
        }
    }
}

/// "an update of action 1.2.3".
struct UpdateLabel<'a, 'b>(&'a ActionLabel<'b>);

impl std::fmt::Display for UpdateLabel<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an update of {}", self.0)
    }
}

/// `O.A` with positive numbers.
fn is_short_ref(s: &str) -> bool {
    s.split_once('.')
        .is_some_and(|(o, a)| parse_positive(o).is_some() && parse_positive(a).is_some())
}

/// "action P.O.A", or "action O.A" while the priority number is unknown.
pub(super) fn full_ref(priority: Option<u32>, short: &str) -> String {
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
    let text = r.str("ref", v)?;
    let mut parts = text.split('.').map(parse_positive);
    let (Some(Some(objective)), Some(Some(action)), None) =
        (parts.next(), parts.next(), parts.next())
    else {
        r.report(
            Code::BadRef,
            v.span(),
            format!("\"{text}\" is not a valid action ref"),
        )
        .help = Some("write OBJECTIVE.ACTION with positive numbers, e.g. ref = \"2.1\"".into());
        return None;
    };
    if !ctx.numbers.contains_key(&objective) {
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
                full_ref(ctx.priority, text)
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

fn read_leads(r: &mut Reader<'_>, v: &Value<'_>, board: Option<&BoardParts>) -> Option<Leads> {
    let names = r.one_or_many("lead", v, "a lead's name", |r, item| {
        let name = r.text_str("lead", item)?;
        // Without a readable register there is nothing to check names against.
        let register = &board?.register;
        let found = register.resolve(name);
        if found.is_none() {
            let help = match (super::mistakes::joined_leads(register, name), register.closest(name)) {
                (Some(parts), _) => format!(
                    "these are {} leads in one string; give each its own: {}",
                    parts.len(),
                    super::mistakes::lead_array(&parts)
                ),
                (None, Some(c)) => format!("did you mean \"{c}\"?"),
                (None, None) => "add the lead to the register in board.toml ([leads.KEY] with a `name`), or use a name it lists".into(),
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
    // The names found, each once (an unknown one has its finding).
    let (mut leads, _) = names;
    let mut kept = 0;
    for i in 0..leads.len() {
        if !leads[..kept].contains(&leads[i]) {
            leads[kept] = leads[i];
            kept += 1;
        }
    }
    leads.truncate(kept);
    Some(leads)
}

/// Dates `one_or_many` read, ascending, if it read every one: a list of
/// dates with one unreadable is not read in part (its finding is made).
fn all_sorted((mut dates, all): (Dates, bool)) -> Option<Dates> {
    dates.sort();
    all.then_some(dates)
}

/// The action's deadlines, ascending, and how they were written.
fn read_deadlines(
    r: &mut Reader<'_>,
    t: &TableRef<'_, '_>,
    year: Option<PlanYear>,
) -> Option<(Dates, Schedule)> {
    match (t.get("due"), t.get("every")) {
        (Some(due), Some(every)) => {
            r.report(
                Code::DueOrEvery,
                every.span(),
                format!("{} has both `due` and `every`", t.what),
            )
            .help = Some("keep one: `due` for fixed deadlines, `every` for a recurring one".into());
            // Both values are still checked, so every problem shows in one run.
            let _: Option<(Dates, bool)> =
                r.one_or_many("due", due, "a date or \"YYYY-MM\" month", read_due);
            let _ = read_every(r, every, None);
            None
        }
        (None, None) => {
            r.report(
                Code::DueOrEvery,
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
            Some((all_sorted(dates)?, Schedule::Due))
        }
        (None, Some(every)) => read_every(r, every, year),
    }
}

/// The deadlines of `every = PERIOD` (none to give without a plan year).
fn read_every(
    r: &mut Reader<'_>,
    every: &Value<'_>,
    year: Option<PlanYear>,
) -> Option<(Dates, Schedule)> {
    let text = r.str("every", every)?;
    let Some(period) = Period::parse(text) else {
        r.report(
            Code::BadValue,
            every.span(),
            format!("unknown period \"{text}\" for `every`"),
        )
        .help = Some(match super::mistakes::period_in_words(text) {
            Some(meant) => format!("did you mean every = \"{}\"?", meant.name()),
            None => format!("use one of: {}", names::<Period>().join(", ")),
        });
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

/// A status value (`status`, `status_before`), with a hint for one in words.
fn read_status(r: &mut Reader<'_>, key: &str, v: &Value<'_>) -> Option<Status> {
    let s = r.str(key, v)?;
    let status = Status::parse(s);
    if status.is_none() {
        let help = match super::mistakes::status_in_words(s) {
            Some(meant) => format!("did you mean {key} = \"{}\"?", meant.name()),
            None => format!("use one of: {}", names::<Status>().join(", ")),
        };
        r.report(Code::BadValue, v.span(), format!("unknown status \"{s}\""))
            .help = Some(help);
    }
    status
}

/// An update as read, with where its dated keys are (for findings).
struct ReadUpdate {
    update: Update,
    status_span: Option<Range<usize>>,
    moved_span: Option<Range<usize>>,
}

fn read_updates(r: &mut Reader<'_>, v: &Value<'_>, action: &ActionLabel<'_>) -> Vec<ReadUpdate> {
    let what = UpdateLabel(action);
    let tables = r.tables("action.update", v);
    let mut updates = Vec::with_capacity(tables.len());
    for (table, span) in tables {
        let t = TableRef {
            table,
            span,
            what: &what,
        };
        r.check_keys_under(&t, keys::UPDATE, Some(("[[action.update]]", keys::ACTION)));
        let date = r.required(&t, "date").and_then(|v| r.date("date", v));
        let text = r.required(&t, "text").and_then(|v| r.text("text", v));
        let status_value = t.get("status");
        let status = status_value.and_then(|v| read_status(r, "status", v));
        let status_before = t
            .get("status_before")
            .and_then(|v| read_status(r, "status_before", v));
        let moved_value = t.get("moved");
        let moved = moved_value.and_then(|v| read_move(r, v));
        let broken = (status_value.is_some() && status.is_none())
            || (moved_value.is_some() && moved.is_none());
        if let (Some(date), Some(text), false) = (date, text, broken) {
            updates.push(ReadUpdate {
                update: Update {
                    date,
                    text,
                    status,
                    status_before,
                    moved,
                },
                status_span: status_value.map(|v| v.span()),
                moved_span: moved_value.map(|v| v.span()),
            });
        }
    }
    // In date order; entries of one day keep the file's order.
    updates.sort_by_key(|u| u.update.date);
    updates
}

/// `moved = { from = DEADLINE, to = DEADLINE }`.
fn read_move(r: &mut Reader<'_>, v: &Value<'_>) -> Option<Move> {
    let DeValue::Table(table) = v.get_ref() else {
        r.wrong_type("moved", v, "a table { from = ..., to = ... }");
        return None;
    };
    let t = TableRef {
        table,
        span: v.span(),
        what: &"`moved`",
    };
    r.check_keys(&t, keys::MOVED);
    let side = |r: &mut Reader<'_>, key: &str| match t.get(key) {
        Some(v) => read_deadline_value(r, v),
        None => {
            r.report(
                Code::MissingKey,
                v.span(),
                format!("`moved` is missing `{key}`"),
            )
            .help = Some(
                "write both deadlines: moved = { from = \"2017-06\", to = \"2017-08\" }".into(),
            );
            None
        }
    };
    let from = side(r, "from");
    let to = side(r, "to");
    Some(Move {
        from: from?,
        to: to?,
    })
}

/// A deadline as `due` writes it: a date, or a `"YYYY-MM"` month.
fn read_deadline_value(r: &mut Reader<'_>, v: &Value<'_>) -> Option<DeadlineValue> {
    let month = matches!(v.get_ref(), DeValue::String(_));
    read_due(r, v).map(|day| DeadlineValue { day, month })
}

/// Replays the dated moves over the written deadlines: gives (the deadlines
/// now, the deadlines as planned), both ascending. For `due` the written
/// deadlines are the ones now and every move is undone, latest first; for
/// `every` they are the plan and every move is applied, earliest first. A
/// move whose deadline is not there is reported at it.
fn replay(
    r: &mut Reader<'_>,
    schedule: &Schedule,
    written: Dates,
    updates: &[ReadUpdate],
    year: Option<PlanYear>,
) -> Option<(Dates, Dates)> {
    let moves: Vec<(&ReadUpdate, Move)> = updates
        .iter()
        .filter_map(|u| Some((u, u.update.moved?)))
        .collect();
    for (u, _) in &moves {
        if let Some(year) = year
            && u.update.date < year.start
        {
            r.report(
                Code::MoveBeforeYear,
                u.moved_span.clone().unwrap_or(0..0),
                format!(
                    "a deadline move dated {}, before the plan year starts ({})",
                    u.update.date, year.start
                ),
            )
            .help = Some(
                "check the update's date: a deadline of this plan moved before the plan began?"
                    .into(),
            );
        }
    }
    if moves.is_empty() {
        // Nothing moved: the deadlines as planned are the ones now, held once.
        let mut now = written;
        now.sort();
        return Some((now, Dates::new()));
    }
    let mut list = written.clone();
    let mut ok = true;
    let forward = matches!(schedule, Schedule::Every(_));
    let order: Vec<&(&ReadUpdate, Move)> = if forward {
        moves.iter().collect()
    } else {
        moves.iter().rev().collect()
    };
    for (u, m) in order {
        let (find, put) = if forward {
            (m.from, m.to)
        } else {
            (m.to, m.from)
        };
        match list.iter().position(|x| *x == find.day) {
            Some(i) => list[i] = put.day,
            None => {
                ok = false;
                let (side, key) = if forward {
                    ("from", "the period ends of `every`")
                } else {
                    ("to", "`due`")
                };
                r.report(
                    Code::MoveNotThere,
                    u.moved_span.clone().unwrap_or(0..0),
                    format!(
                        "this move's `{side}` ({}) is not a deadline in {key} as it stood then",
                        find.day
                    ),
                )
                .help = Some(if forward {
                    "`from` must be a period end of `every` (or where an earlier move put it)"
                        .into()
                } else {
                    "`to` must be a deadline in `due` (as later moves left it); `due` holds the deadlines as they are now".into()
                });
            }
        }
    }
    if !ok {
        return None;
    }
    list.sort();
    let mut written = written;
    written.sort();
    Some(if forward {
        (list, written)
    } else {
        (written, list)
    })
}

/// The status now: the latest dated status, else the `status` key; a key
/// that disagrees with the latest dated status is reported at both.
fn current_status(
    r: &mut Reader<'_>,
    declared: Option<Status>,
    status_value: Option<&Value<'_>>,
    updates: &[ReadUpdate],
) -> Option<Status> {
    let Some(latest) = updates.iter().rev().find(|u| u.update.status.is_some()) else {
        return declared;
    };
    let now = latest.update.status;
    if let (Some(key), Some(v)) = (declared, status_value)
        && Some(key) != now
    {
        let dated = now.map_or("", Status::name);
        r.report(
            Code::StatusMismatch,
            v.span(),
            format!(
                "status is \"{}\" but the latest dated status ({}) is \"{dated}\"",
                key.name(),
                latest.update.date
            ),
        )
        .help = Some(format!("make them agree: status = \"{dated}\""));
        r.report(
            Code::StatusMismatch,
            latest.status_span.clone().unwrap_or(0..0),
            format!(
                "the latest dated status is \"{dated}\" but the action's status is \"{}\"",
                key.name()
            ),
        )
        .help = Some("the action's `status` must say what its latest dated update says".into());
    }
    now
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::plan::load::{PlanFiles, load};
    use crate::source::SourceFile;

    /// Action 1.1 written with `keys`, loaded: its leads (register indexes)
    /// and the names of the findings.
    fn loaded_with(keys: &str) -> (Vec<usize>, Vec<&'static str>) {
        let board = "name = \"B\"\n[year]\nstart = 2017-04-01\nend = 2018-03-31\n\
                     [leads.manager]\nname = \"Board Manager\"\n\
                     [leads.chair]\nname = \"LSCB Chair\"\naliases = [\"Chair of LSCB\"]\n";
        let priority = format!(
            "priority = 1\ntitle = \"P\"\n[[objective]]\nnumber = 1\ntitle = \"O\"\n\
             [[action]]\nref = \"1.1\"\ndescription = \"Do it\"\n{keys}"
        );
        let files = PlanFiles {
            board: Some(SourceFile::new("plan/board.toml", board)),
            priorities: vec![SourceFile::new("plan/1-p.toml", priority)],
            diagnostics: Vec::new(),
        };
        let today = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
        let loaded = load(&files, today);
        let codes = loaded.diagnostics.iter().map(|d| d.code.name()).collect();
        let leads = loaded
            .plan
            .and_then(|p| Some(p.priorities.first()?.actions.first()?.leads.to_vec()));
        (leads.unwrap_or_default(), codes)
    }

    #[test]
    fn a_lead_named_twice_is_held_once_where_first_named() {
        let (leads, codes) = loaded_with(
            "due = \"2017-05\"\n\
             lead = [\"LSCB Chair\", \"Board Manager\", \"Chair of LSCB\", \"Board Manager\"]\n",
        );
        assert_eq!((leads, codes), (vec![1, 0], vec![]));
        let (leads, codes) = loaded_with("due = \"2017-05\"\nlead = \"Chair of LSCB\"\n");
        assert_eq!((leads, codes), (vec![1], vec![]));
    }

    /// A list of deadlines or done dates with one that cannot be read is
    /// not read in part: its one finding, and none that the part would make
    /// (more done dates than deadlines; complete with a deadline unmet).
    #[test]
    fn dates_with_one_unreadable_are_not_read_in_part() {
        let lead = "lead = \"Board Manager\"\n";
        let (_, codes) = loaded_with(&format!(
            "{lead}due = [\"2017-05\", \"bad\"]\ndone = [2017-05-01, 2017-06-01]\n"
        ));
        assert_eq!(codes, ["bad-date"]);
        let (_, codes) = loaded_with(&format!(
            "{lead}due = [\"2017-05\", \"2017-09\"]\ndone = [\"bad\", 2017-05-01]\n\
             status = \"complete\"\n"
        ));
        assert_eq!(codes, ["bad-date"]);
    }
}
