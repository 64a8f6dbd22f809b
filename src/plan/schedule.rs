//! Deadlines and progress as of a day: which deadlines are met, late, overdue or pending.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use smallvec::SmallVec;

use super::{Action, Dates, Period, PlanYear, Status};

/// The start of the period `months` months after (or before) `start`. Where
/// the month is too short for the start's day (a year starting 29 February,
/// a month from 31 January), the period starts on the first of the month
/// after, so no period ends a day early.
pub fn period_start(start: NaiveDate, months: i64) -> Option<NaiveDate> {
    let n = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    let day = if months >= 0 {
        start.checked_add_months(n)?
    } else {
        start.checked_sub_months(n)?
    };
    if day.day() == start.day() {
        Some(day)
    } else {
        day.succ_opt()
    }
}

/// The deadlines of `every = PERIOD`: the last day of each period of the plan year,
/// counted from its start. A final period cut short by the year's end falls due on
/// the year's last day.
pub fn every(year: PlanYear, period: Period) -> Dates {
    let mut out = Dates::new();
    for k in 1.. {
        let Some(next_start) = period_start(year.start, i64::from(period.months()) * k) else {
            break;
        };
        let Some(end) = next_start.pred_opt() else {
            break;
        };
        if end >= year.end {
            out.push(year.end);
            break;
        }
        out.push(end);
    }
    out
}

/// Where one deadline stands as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, strum::EnumIter, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum DeadlineState {
    MetOnTime,
    MetLate,
    Overdue,
    Pending,
}

impl DeadlineState {
    pub fn is_met(self) -> bool {
        matches!(self, DeadlineState::MetOnTime | DeadlineState::MetLate)
    }

    /// "met on time", as a sentence says it.
    pub fn label(self) -> String {
        <&str>::from(self).replace('-', " ")
    }
}

/// The derived state of an action as of a day (first that applies, as the contract lists).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ActionState {
    Dropped,
    Complete,
    Overdue,
    OnHold,
    InProgress,
    NotStarted,
}

impl ActionState {
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<ActionState> {
        s.parse().ok()
    }
}

/// Red, amber, green; dropped actions have none.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    strum::EnumIter,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One action's progress as of a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub as_of: NaiveDate,
    /// Each deadline with the done date that met it (if done on or before
    /// `as_of`); up to two inline, as most actions have (the pack holds one
    /// `Progress` an action).
    pub deadlines: SmallVec<[(NaiveDate, Option<NaiveDate>, DeadlineState); 2]>,
    pub state: ActionState,
    pub rag: Option<Rag>,
}

impl Progress {
    /// Works out an action's progress as of `as_of`, from the plan as it
    /// stood that day: its deadlines and status then (dated moves and status
    /// changes after it undone), and done dates after it not yet done.
    pub fn of(action: &Action, as_of: NaiveDate, amber_days: i64) -> Progress {
        // The done dates up to the day meet the deadlines in order, the
        // first the first.
        let mut done = action.done.iter().copied().filter(|d| *d <= as_of);
        let status = action.status_on(as_of);
        let dropped = status == Some(Status::Dropped);
        let deadlines: SmallVec<[_; 2]> = action
            .deadlines_on(as_of)
            .iter()
            .map(|&due| {
                let met = done.next();
                let state = match met {
                    Some(d) if d <= due => DeadlineState::MetOnTime,
                    Some(_) => DeadlineState::MetLate,
                    // Dropped actions are never overdue.
                    None if as_of > due && !dropped => DeadlineState::Overdue,
                    None => DeadlineState::Pending,
                };
                (due, met, state)
            })
            .collect();
        let all_met = deadlines.iter().all(|d| d.2.is_met());
        let any_met = deadlines.iter().any(|d| d.2.is_met());
        let any_overdue = deadlines.iter().any(|d| d.2 == DeadlineState::Overdue);
        let state = if dropped {
            ActionState::Dropped
        } else if all_met {
            ActionState::Complete
        } else if any_overdue {
            ActionState::Overdue
        } else if status == Some(Status::OnHold) {
            ActionState::OnHold
        } else if status == Some(Status::InProgress) || any_met {
            ActionState::InProgress
        } else {
            ActionState::NotStarted
        };
        let next_unmet = deadlines.iter().find(|d| !d.2.is_met()).map(|d| d.0);
        let rag = match state {
            ActionState::Dropped => None,
            ActionState::Overdue => Some(Rag::Red),
            ActionState::Complete => Some(Rag::Green),
            ActionState::OnHold => Some(Rag::Amber),
            _ => match next_unmet {
                Some(due) if (due - as_of).num_days() <= amber_days => Some(Rag::Amber),
                _ => Some(Rag::Green),
            },
        };
        Progress {
            as_of,
            deadlines,
            state,
            rag,
        }
    }

    /// Deadlines overdue as of the day, earliest first.
    pub fn overdue(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.deadlines
            .iter()
            .filter(|d| d.2 == DeadlineState::Overdue)
            .map(|d| d.0)
    }

    /// Done dates counted as of the day.
    pub fn done(&self) -> Vec<NaiveDate> {
        self.deadlines.iter().filter_map(|d| d.1).collect()
    }

    /// The first deadline not yet met.
    pub fn next_due(&self) -> Option<NaiveDate> {
        self.deadlines.iter().find(|d| !d.2.is_met()).map(|d| d.0)
    }
}

/// A quarter of (or around) the plan year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Quarter {
    /// The quarter holding `day`, counted in three-month steps from the plan year's start
    /// (before and after the year too).
    pub fn containing(year: PlanYear, day: NaiveDate) -> Option<Quarter> {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let origin = months(year.start);
        let mut offset = (months(day) - origin).div_euclid(3) * 3;
        // A year starting mid-month: a day before the start day belongs to the previous quarter.
        let shift = |off: i64| period_start(year.start, off);
        let mut start = shift(offset)?;
        if start > day {
            offset -= 3;
            start = shift(offset)?;
        }
        let end = shift(offset + 3)?.pred_opt()?;
        Some(Quarter { start, end })
    }

    /// The label boards use: `2017 Q1` for a calendar year (starting 1 January),
    /// `2017/18 Q1` for any other (a UK financial year starts in April).
    pub fn label(&self, year: PlanYear) -> String {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let offset = (months(self.start) - months(year.start)).div_euclid(3);
        let year_index = offset.div_euclid(4);
        let q = offset.rem_euclid(4) + 1;
        let first = i64::from(year.start.year()) + year_index;
        if year.start.month() == 1 && year.start.day() == 1 {
            format!("{first} Q{q}")
        } else {
            format!("{first}/{:02} Q{q}", (first + 1).rem_euclid(100))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Ref, Schedule};

    fn d(s: &str) -> NaiveDate {
        crate::plan::date::parse_iso(s).unwrap()
    }

    fn year() -> PlanYear {
        PlanYear {
            start: d("2017-04-01"),
            end: d("2018-03-31"),
        }
    }

    fn action(deadlines: &[&str], done: &[&str], status: Option<Status>) -> Action {
        Action {
            r#ref: Ref {
                priority: 1,
                objective: 1,
                action: 1,
            },
            description: "x".into(),
            leads: smallvec::smallvec![0],
            schedule: Schedule::Due,
            deadlines: deadlines.iter().map(|s| d(s)).collect(),
            planned: deadlines.iter().map(|s| d(s)).collect(),
            done: done.iter().map(|s| d(s)).collect(),
            status,
            declared: status,
            impact: None,
            tags: vec![],
            notes: None,
            carried_from: None,
            updates: vec![],
            line: 1,
            lines: Default::default(),
        }
    }

    #[test]
    fn every_period_ends_at_the_last_day_of_each_period() {
        let q: Vec<_> = every(year(), Period::Quarter)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(q, ["2017-06-30", "2017-09-30", "2017-12-31", "2018-03-31"]);
        let h: Vec<_> = every(year(), Period::HalfYear)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(h, ["2017-09-30", "2018-03-31"]);
        assert_eq!(every(year(), Period::Month).len(), 12);
        assert_eq!(every(year(), Period::Month)[10], d("2018-02-28"));
        assert_eq!(every(year(), Period::Year)[..], [d("2018-03-31")]);
    }

    #[test]
    fn a_year_starting_on_a_leap_day_has_one_yearly_and_four_quarterly_deadlines() {
        let leap = PlanYear {
            start: d("2024-02-29"),
            end: d("2025-02-28"),
        };
        assert_eq!(every(leap, Period::Year)[..], [d("2025-02-28")]);
        assert_eq!(
            every(leap, Period::Quarter)[..],
            [
                d("2024-05-28"),
                d("2024-08-28"),
                d("2024-11-28"),
                d("2025-02-28")
            ]
        );
        let q4 = Quarter::containing(leap, d("2025-02-28")).unwrap();
        assert_eq!((q4.start, q4.end), (d("2024-11-29"), d("2025-02-28")));
        assert_eq!(q4.label(leap), "2024/25 Q4");
        let from_jan_31 = PlanYear {
            start: d("2024-01-31"),
            end: d("2025-01-30"),
        };
        let months = every(from_jan_31, Period::Month);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], d("2024-02-29"));
    }

    #[test]
    fn a_short_year_ends_its_last_period_on_its_last_day() {
        let short = PlanYear {
            start: d("2017-04-01"),
            end: d("2017-11-15"),
        };
        assert_eq!(
            every(short, Period::Quarter)[..],
            [d("2017-06-30"), d("2017-09-30"), d("2017-11-15")]
        );
    }

    #[test]
    fn the_deadline_day_itself_is_not_overdue() {
        let a = action(&["2017-05-31"], &[], None);
        assert_eq!(
            Progress::of(&a, d("2017-05-31"), 30).state,
            ActionState::NotStarted
        );
        assert_eq!(
            Progress::of(&a, d("2017-06-01"), 30).state,
            ActionState::Overdue
        );
    }

    #[test]
    fn done_dates_meet_deadlines_in_order() {
        let a = action(
            &["2017-06-30", "2017-09-30"],
            &["2017-06-20", "2017-10-05"],
            None,
        );
        let p = Progress::of(&a, d("2017-12-01"), 30);
        let states: Vec<_> = p.deadlines.iter().map(|x| x.2).collect();
        assert_eq!(states, [DeadlineState::MetOnTime, DeadlineState::MetLate]);
        assert_eq!(p.state, ActionState::Complete);
        assert_eq!(p.rag, Some(Rag::Green));
    }

    #[test]
    fn done_dates_after_the_day_do_not_count() {
        let a = action(&["2017-06-30"], &["2017-06-20"], Some(Status::Complete));
        let before = Progress::of(&a, d("2017-06-19"), 30);
        assert_eq!(before.state, ActionState::NotStarted);
        assert_eq!(before.done(), Vec::<NaiveDate>::new());
        assert_eq!(
            Progress::of(&a, d("2017-06-20"), 30).state,
            ActionState::Complete
        );
    }

    #[test]
    fn states_follow_the_contract_order() {
        let cases = [
            (
                action(&["2017-05-31"], &[], Some(Status::Dropped)),
                ActionState::Dropped,
                None,
            ),
            (
                action(&["2017-05-31"], &[], Some(Status::OnHold)),
                ActionState::Overdue,
                Some(Rag::Red),
            ),
            (
                action(&["2017-12-31"], &[], Some(Status::OnHold)),
                ActionState::OnHold,
                Some(Rag::Amber),
            ),
            (
                action(&["2017-12-31"], &[], Some(Status::InProgress)),
                ActionState::InProgress,
                Some(Rag::Green),
            ),
            (
                action(&["2017-05-31", "2017-12-31"], &["2017-05-01"], None),
                ActionState::InProgress,
                Some(Rag::Green),
            ),
            (
                action(&["2017-12-31"], &[], None),
                ActionState::NotStarted,
                Some(Rag::Green),
            ),
            (
                action(&["2017-07-01"], &[], None),
                ActionState::NotStarted,
                Some(Rag::Amber),
            ),
            (
                action(&["2017-07-02"], &[], None),
                ActionState::NotStarted,
                Some(Rag::Green),
            ),
        ];
        for (i, (a, state, rag)) in cases.into_iter().enumerate() {
            let p = Progress::of(&a, d("2017-06-01"), 30);
            assert_eq!((p.state, p.rag), (state, rag), "case {i}");
        }
    }

    #[test]
    fn dropped_actions_are_never_overdue() {
        let a = action(&["2017-05-31"], &[], Some(Status::Dropped));
        let p = Progress::of(&a, d("2018-01-01"), 30);
        assert_eq!(p.overdue().count(), 0);
    }

    #[test]
    fn quarters_count_from_the_plan_year_start() {
        let y = year();
        let cases = [
            ("2017-04-01", "2017-04-01", "2017-06-30", "2017/18 Q1"),
            ("2017-06-30", "2017-04-01", "2017-06-30", "2017/18 Q1"),
            ("2018-03-31", "2018-01-01", "2018-03-31", "2017/18 Q4"),
            ("2018-04-30", "2018-04-01", "2018-06-30", "2018/19 Q1"),
            ("2017-03-31", "2017-01-01", "2017-03-31", "2016/17 Q4"),
        ];
        for (day, start, end, label) in cases {
            let q = Quarter::containing(y, d(day)).unwrap();
            assert_eq!(
                (q.start, q.end, q.label(y).as_str()),
                (d(start), d(end), label),
                "{day}"
            );
        }
        let calendar = PlanYear {
            start: d("2017-01-01"),
            end: d("2017-12-31"),
        };
        let q = Quarter::containing(calendar, d("2017-05-31")).unwrap();
        assert_eq!(q.label(calendar), "2017 Q2");
        let mid_january = PlanYear {
            start: d("2017-01-15"),
            end: d("2018-01-14"),
        };
        let q = Quarter::containing(mid_january, d("2017-01-20")).unwrap();
        assert_eq!(q.label(mid_january), "2017/18 Q1");
    }
}
