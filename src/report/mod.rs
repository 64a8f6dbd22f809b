//! Reports: pure functions from a plan and a day to rows (the contract's JSON
//! shapes, borrowing from the plan) and to a `Document` for every other format.
//! A report never knows which format it will be shown in.

pub mod annual;
pub mod calendar;
pub mod changes;
pub mod document;
pub mod history;
pub mod leads;
pub mod list;
pub mod overdue;
pub mod pack;
pub mod quarters;
pub mod review;
pub mod show;
pub mod site;
pub mod summary;

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::doc::{self, Cell};
use crate::plan::{Action, Plan, Priority, Progress, Rag};

/// The plan as of one day: each action with its progress. `live` works each
/// action's progress out as a report asks for it, holding nothing; `held`
/// works every one out once, for reports that share the day (the pack, six
/// reports over one day: one pass over 100,000 actions rather than six).
pub struct Day<'p> {
    pub plan: &'p Plan,
    pub as_of: NaiveDate,
    /// Each priority's actions' progress, in plan order; empty when live.
    held: Vec<Vec<Progress>>,
}

impl<'p> Day<'p> {
    pub fn live(plan: &'p Plan, as_of: NaiveDate) -> Day<'p> {
        Day {
            plan,
            as_of,
            held: Vec::new(),
        }
    }

    pub fn held(plan: &'p Plan, as_of: NaiveDate) -> Day<'p> {
        let held = plan
            .priorities
            .iter()
            .map(|p| {
                p.actions
                    .iter()
                    .map(|a| Progress::of(a, as_of, plan.board.amber_days))
                    .collect()
            })
            .collect();
        Day { plan, as_of, held }
    }

    /// The progress of `a`, the `action`th action of the `priority`th
    /// priority: held, or worked out (live, or an index outside the priority).
    pub fn progress(&self, priority: usize, action: usize, a: &Action) -> Cow<'_, Progress> {
        match self.held.get(priority).and_then(|p| p.get(action)) {
            Some(held) => Cow::Borrowed(held),
            None => Cow::Owned(Progress::of(a, self.as_of, self.plan.board.amber_days)),
        }
    }

    /// Every action in plan order, with its progress.
    pub fn each(&self, mut f: impl FnMut(&'p Priority, &'p Action, &Progress)) {
        for (i, p) in self.plan.priorities.iter().enumerate() {
            let p: &'p Priority = p;
            for (j, a) in p.actions.iter().enumerate() {
                f(p, a, &self.progress(i, j, a));
            }
        }
    }
}

/// Dates in a report's rows as ISO text (`2017-05-31`), written on the stack
/// rather than through `NaiveDate`'s formatter: a 100k-row JSON report
/// writes two dates a row. For `#[serde(serialize_with = ...)]`.
pub mod iso {
    use chrono::NaiveDate;
    use serde::Serializer;
    use serde::ser::SerializeSeq;

    pub fn date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        match crate::doc::iso_bytes(*d) {
            Some(bytes) => s.serialize_str(std::str::from_utf8(&bytes).unwrap_or_default()),
            // A year before 0 or after 9999: chrono's own text.
            None => s.collect_str(d),
        }
    }

    pub fn dates<S: Serializer>(ds: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        struct One(NaiveDate);
        impl serde::Serialize for One {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                date(&self.0, s)
            }
        }
        let mut seq = s.serialize_seq(Some(ds.len()))?;
        for d in ds {
            seq.serialize_element(&One(*d))?;
        }
        seq.end()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn dates_serialize_as_chrono_writes_them() {
            let days = [
                NaiveDate::from_ymd_opt(2017, 5, 31),
                NaiveDate::from_ymd_opt(1, 1, 1),
                NaiveDate::from_ymd_opt(9999, 12, 31),
                NaiveDate::from_ymd_opt(-5, 3, 9),
                NaiveDate::from_ymd_opt(12345, 10, 2),
            ]
            .map(Option::unwrap);
            for d in days {
                let mut out = Vec::new();
                date(&d, &mut serde_json::Serializer::new(&mut out)).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), format!("\"{d}\""));
            }
            let mut out = Vec::new();
            dates(&days, &mut serde_json::Serializer::new(&mut out)).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&days).unwrap()
            );
        }
    }
}

/// A RAG rating as a cell (`None`, a dropped action, shows "-").
pub fn rag_cell(rag: Option<Rag>) -> Cell<'static> {
    Cell::Rag(rag.map(|r| match r {
        Rag::Red => doc::Rag::Red,
        Rag::Amber => doc::Rag::Amber,
        Rag::Green => doc::Rag::Green,
    }))
}

/// A percentage to one decimal place (`None` when there is nothing to count).
pub fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// How long descriptions may be in a terminal table (full text elsewhere).
pub const DESCRIPTION_WIDTH: usize = 70;

/// Why an action stands where it does, for a reader of a board paper: for a
/// red or amber action, its latest update on or before the day; for a
/// dropped one, its notes (why it was dropped).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Commentary<'p> {
    /// The update's date (none for a dropped action's notes).
    pub date: Option<chrono::NaiveDate>,
    pub text: &'p str,
}

/// The commentary a board paper gives an action, if any (see `Commentary`).
pub fn commentary<'p>(
    action: &'p crate::plan::Action,
    progress: &crate::plan::Progress,
) -> Option<Commentary<'p>> {
    match progress.rag {
        Some(Rag::Red | Rag::Amber) => action
            .updates
            .iter()
            .rev()
            .find(|u| u.date <= progress.as_of)
            .map(|u| Commentary {
                date: Some(u.date),
                text: &u.text,
            }),
        None => action
            .notes
            .as_deref()
            .map(|text| Commentary { date: None, text }),
        Some(Rag::Green) => None,
    }
}

/// The commentary as a table cell: "21 Nov 2017: Audit days held".
pub fn commentary_cell<'p>(c: Option<&Commentary<'p>>) -> Cell<'p> {
    match c {
        Some(Commentary {
            date: Some(d),
            text,
        }) => Cell::text(format!("{}: {text}", doc::human_date(*d))),
        Some(Commentary { date: None, text }) => Cell::text(*text),
        None => Cell::Empty,
    }
}

/// The commentary column (in every format, cut short in a terminal).
pub fn commentary_column() -> doc::Column {
    doc::Column::new("Latest update", "latest_update")
        .shorten(50)
        .width(50.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_string(value: &impl serde::Serialize) -> String {
        serde_json::to_string(value).unwrap()
    }

    /// A day whose progress is held gives every report exactly what working
    /// each action out as asked gives: on the shipped plan and on a fixture
    /// with dated moves and status changes, through the year.
    #[test]
    fn held_and_live_days_give_the_same_reports() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["plan", "tests/fixtures/progress"] {
            let files = crate::workspace::read_plan(&root.join(dir)).unwrap();
            let today = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
            let plan = crate::plan::load::load(&files, today).plan.unwrap();
            for as_of in [
                "2017-04-01",
                "2017-06-20",
                "2017-11-15",
                "2018-03-31",
                "2018-09-01",
            ] {
                let as_of: NaiveDate = as_of.parse().unwrap();
                let (held, live) = (Day::held(&plan, as_of), Day::live(&plan, as_of));
                // An index outside its priority is worked out for the action
                // given, not read from the next priority's.
                let last = plan.priorities[0].actions.len();
                let of = |a| Progress::of(a, as_of, plan.board.amber_days);
                let next = of(&plan.priorities[1].actions[0]);
                if let Some(other) = plan.actions().map(|(_, a)| a).find(|&a| of(a) != next) {
                    assert_eq!(*held.progress(0, last, other), of(other));
                }
                let all = list::Filter::default();
                let dropped = list::Filter {
                    states: vec![crate::plan::ActionState::Dropped],
                    ..list::Filter::default()
                };
                for (what, held, live) in [
                    (
                        "list",
                        to_string(&list::rows_on(&held, &all)),
                        to_string(&list::rows_on(&live, &all)),
                    ),
                    (
                        "dropped",
                        to_string(&list::rows_on(&held, &dropped)),
                        to_string(&list::rows_on(&live, &dropped)),
                    ),
                    (
                        "overdue",
                        to_string(&overdue::overdue_on(&held, &all).rows),
                        to_string(&overdue::overdue_on(&live, &all).rows),
                    ),
                    (
                        "summary",
                        to_string(&summary::summary_on(&held)),
                        to_string(&summary::summary_on(&live)),
                    ),
                    (
                        "quarters",
                        to_string(&quarters::rows_on(&held)),
                        to_string(&quarters::rows_on(&live)),
                    ),
                    (
                        "leads",
                        to_string(&leads::rows_on(&held)),
                        to_string(&leads::rows_on(&live)),
                    ),
                ] {
                    assert_eq!(held, live, "{dir} {what} as of {as_of}");
                }
            }
        }
    }
}
