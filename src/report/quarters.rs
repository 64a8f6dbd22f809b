//! `lscb quarters`: deadlines by quarter of the plan year, and how many were met.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::plan::schedule::Quarter;
use crate::plan::{ActionState, DeadlineState, Plan, Progress};
use crate::render::{Document, Table};

/// One quarter, in the contract's JSON shape (counting deadlines, not actions).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuarterRow {
    pub quarter: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: usize,
    pub met_on_time: usize,
    pub met_late: usize,
    pub overdue: usize,
    pub pending: usize,
    /// met / due × 100, one decimal.
    pub percent_met: f64,
    /// Whether the quarter lies within the plan year.
    pub in_plan_year: bool,
}

/// Every quarter holding a deadline of an action that is not dropped, in date order.
pub fn rows(plan: &Plan, as_of: NaiveDate) -> Vec<QuarterRow> {
    let year = plan.board.year;
    let mut quarters: BTreeMap<Quarter, [usize; 4]> = BTreeMap::new();
    for (_, a) in plan.actions() {
        let progress = Progress::of(a, as_of, plan.board.amber_days);
        if progress.state == ActionState::Dropped {
            continue;
        }
        for &(due, _, state) in &progress.deadlines {
            let Some(q) = Quarter::containing(year, due) else {
                continue;
            };
            let counts = quarters.entry(q).or_default();
            counts[match state {
                DeadlineState::MetOnTime => 0,
                DeadlineState::MetLate => 1,
                DeadlineState::Overdue => 2,
                DeadlineState::Pending => 3,
            }] += 1;
        }
    }
    quarters
        .into_iter()
        .map(|(q, [on_time, late, overdue, pending])| {
            let due = on_time + late + overdue + pending;
            QuarterRow {
                quarter: q.label(year),
                start: q.start,
                end: q.end,
                due,
                met_on_time: on_time,
                met_late: late,
                overdue,
                pending,
                percent_met: percent(on_time + late, due),
                in_plan_year: q.start >= year.start && q.end <= year.end,
            }
        })
        .collect()
}

/// A percentage to one decimal place.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

/// A ten-cell bar for a percentage.
pub fn bar(percent: f64) -> String {
    let filled = ((percent / 10.0).round() as usize).min(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

pub fn table(rows: &[QuarterRow], bars: bool, csv: bool) -> Table {
    let mut headers: Vec<&str> = if csv {
        vec![
            "quarter",
            "start",
            "end",
            "due",
            "met_on_time",
            "met_late",
            "overdue",
            "pending",
            "percent_met",
        ]
    } else {
        vec![
            "Quarter",
            "Dates",
            "Due",
            "Met on time",
            "Met late",
            "Overdue",
            "Pending",
            "% met",
        ]
    };
    if bars {
        headers.push("");
    }
    let numeric: Vec<usize> = if csv {
        (3..9).collect()
    } else {
        (2..8).collect()
    };
    let mut t = Table::new(&headers).numeric(&numeric);
    for r in rows {
        let mut cells = vec![if r.in_plan_year || csv {
            r.quarter.clone()
        } else {
            format!("{} (outside plan year)", r.quarter)
        }];
        if csv {
            cells.extend([r.start.to_string(), r.end.to_string()]);
        } else {
            cells.push(format!(
                "{} - {}",
                r.start.format("%-d %b"),
                crate::plan::date::human(r.end)
            ));
        }
        cells.extend(
            [r.due, r.met_on_time, r.met_late, r.overdue, r.pending].map(|n| n.to_string()),
        );
        cells.push(format!("{:.1}", r.percent_met));
        if bars {
            cells.push(bar(r.percent_met));
        }
        t.push(cells);
    }
    t
}

pub fn document(rows: &[QuarterRow], as_of: NaiveDate, bars: bool) -> Document {
    let due: usize = rows.iter().map(|r| r.due).sum();
    let met: usize = rows.iter().map(|r| r.met_on_time + r.met_late).sum();
    let mut doc = Document::default();
    doc.table(table(rows, bars, false)).text(format!(
        "{met} of {due} deadlines met ({:.1}%) as of {}; dropped actions left out",
        percent(met, due),
        crate::plan::date::human(as_of)
    ));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(2, 3), 66.7);
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent(0, 4), 0.0);
        assert_eq!(percent(4, 4), 100.0);
        assert_eq!(percent(0, 0), 0.0);
    }

    #[test]
    fn bars_fill_in_tenths() {
        assert_eq!(bar(0.0), "░░░░░░░░░░");
        assert_eq!(bar(66.7), "███████░░░");
        assert_eq!(bar(100.0), "██████████");
    }
}
