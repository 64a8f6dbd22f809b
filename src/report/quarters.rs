//! `lscb quarters`: deadlines by quarter of the plan year, and how many were met.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Day, percent};
use crate::doc::{
    Block, Cell, Chart, ChartRow, Column, Document, Series, Show, Table, Tone, human_date,
};
use crate::plan::schedule::Quarter;
use crate::plan::{ActionState, DeadlineState, Plan};

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
    /// met / (met + overdue) × 100, one decimal: the share of the deadlines
    /// already met or passed, so pending ones never drag it down; `None`
    /// (JSON null, "-" in tables) while none is met or passed.
    pub percent_met: Option<f64>,
    /// Whether the quarter lies within the plan year.
    pub in_plan_year: bool,
}

/// Every quarter holding a deadline of an action that is not dropped, in date order.
pub fn rows(plan: &Plan, as_of: NaiveDate) -> Vec<QuarterRow> {
    rows_on(&Day::live(plan, as_of))
}

/// As `rows`, on a day whose progress may be held for several reports.
pub fn rows_on(day: &Day<'_>) -> Vec<QuarterRow> {
    let year = day.plan.board.year;
    let mut quarters: BTreeMap<Quarter, [usize; 4]> = BTreeMap::new();
    day.each(|_, _, progress| {
        if progress.state == ActionState::Dropped {
            return;
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
    });
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
                percent_met: percent(on_time + late, on_time + late + overdue),
                in_plan_year: q.start >= year.start && q.end <= year.end,
            }
        })
        .collect()
}

/// A ten-cell bar for a percentage (blank when there is none yet).
pub fn bar(percent: Option<f64>) -> String {
    let Some(percent) = percent else {
        return String::new();
    };
    let filled = ((percent / 10.0).round() as usize).min(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

pub fn table(rows: &[QuarterRow]) -> Table<'static> {
    let mut t = Table::new(vec![
        Column::new("Quarter", "quarter").show(Show::People),
        Column::new("Quarter", "quarter").show(Show::Data),
        Column::new("Dates", "dates").show(Show::People),
        Column::new("Start", "start").show(Show::Data),
        Column::new("End", "end").show(Show::Data),
        Column::number("Due", "due"),
        Column::number("Met on time", "met_on_time"),
        Column::number("Met late", "met_late"),
        Column::number("Overdue", "overdue"),
        Column::number("Pending", "pending"),
        Column::number("% met", "percent_met"),
        Column::new("", "bar").show(Show::Screen),
    ]);
    for r in rows {
        let label = if r.in_plan_year {
            r.quarter.clone()
        } else {
            format!("{} (outside plan year)", r.quarter)
        };
        t.push(vec![
            Cell::text(label),
            Cell::text(r.quarter.clone()),
            Cell::text(format!(
                "{} - {}",
                r.start.format("%-d %b"),
                human_date(r.end)
            )),
            Cell::Date(r.start),
            Cell::Date(r.end),
            Cell::count(r.due),
            Cell::count(r.met_on_time),
            Cell::count(r.met_late),
            Cell::count(r.overdue),
            Cell::count(r.pending),
            Cell::Percent(r.percent_met),
            Cell::text(bar(r.percent_met)),
        ]);
    }
    t
}

/// The quarters as a stacked bar chart (for pages and papers).
pub fn chart(rows: &[QuarterRow]) -> Chart {
    let series = [
        ("met on time", Tone::Good),
        ("met late", Tone::Fair),
        ("overdue", Tone::Bad),
        ("pending", Tone::Neutral),
    ];
    Chart {
        caption: "Deadlines by quarter of the plan year: met on time, met late, overdue and \
                  pending (numbers in each bar; dropped actions left out)."
            .into(),
        series: series
            .iter()
            .map(|(name, tone)| Series {
                name: (*name).into(),
                tone: *tone,
            })
            .collect(),
        rows: rows
            .iter()
            .map(|q| ChartRow {
                label: q.quarter.clone(),
                values: vec![q.met_on_time, q.met_late, q.overdue, q.pending],
                note: match q.percent_met {
                    Some(p) => format!("{p:.1}% met"),
                    None => "none due yet".to_string(),
                },
            })
            .collect(),
    }
}

/// The closing line: deadlines met of those met or passed, and how many are
/// still to come.
pub fn closing_line(rows: &[QuarterRow], as_of: NaiveDate) -> String {
    let met: usize = rows.iter().map(|r| r.met_on_time + r.met_late).sum();
    let overdue: usize = rows.iter().map(|r| r.overdue).sum();
    let pending: usize = rows.iter().map(|r| r.pending).sum();
    let share = match percent(met, met + overdue) {
        Some(p) => format!(", {p:.1}%"),
        None => String::new(),
    };
    format!(
        "{met} of {} deadlines met or passed{share}; {pending} still to come; as of {}; dropped actions left out",
        met + overdue,
        human_date(as_of)
    )
}

pub fn document(rows: &[QuarterRow], as_of: NaiveDate) -> Document<'static> {
    let mut doc = Document::of(vec![
        Block::Table(table(rows)),
        Block::Paragraph(closing_line(rows, as_of)),
    ]);
    doc.sections[0].name = Some("Quarters".into());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(1, 3), Some(33.3));
        assert_eq!(percent(0, 4), Some(0.0));
        assert_eq!(percent(4, 4), Some(100.0));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn bars_fill_in_tenths() {
        assert_eq!(bar(Some(0.0)), "░░░░░░░░░░");
        assert_eq!(bar(Some(66.7)), "███████░░░");
        assert_eq!(bar(Some(100.0)), "██████████");
        assert_eq!(bar(None), "");
    }
}
