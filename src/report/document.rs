//! `lscb document`: the plan itself as the document a board publishes. Each
//! priority under its title, each objective under its own heading, and a
//! table of its actions: ref, action, lead(s), completion in the board's
//! words, RAG and the latest update. `lscb import` reads it back.

use chrono::{Datelike, NaiveDate};

use super::{commentary, commentary_cell, commentary_column, rag_cell};
use crate::doc::{Cell, Column, Document, Table, human_date};
use crate::plan::date::month_end;
use crate::plan::{Action, Period, Plan, PlanYear, Progress, Schedule};

/// "2017/18" for a plan year that starts in 2017 and ends in 2018; "2024"
/// for a calendar year.
pub fn year_label(year: PlanYear) -> String {
    if year.start.year() == year.end.year() {
        year.start.year().to_string()
    } else {
        format!("{}/{:02}", year.start.year(), year.end.year() % 100)
    }
}

/// When an action is to be done, in the words a board's plan uses: a month
/// ("May 2017") for a deadline at a month's end, else the day ("15 May
/// 2017"); "Quarterly" and the like for a recurring one.
pub fn completion(action: &Action, as_of: NaiveDate) -> String {
    match action.schedule {
        Schedule::Every(p) => match p {
            Period::Month => "Monthly",
            Period::Quarter => "Quarterly",
            Period::HalfYear => "Every half-year",
            Period::Year => "Annually",
        }
        .to_string(),
        Schedule::Due => action
            .deadlines_on(as_of)
            .iter()
            .map(|&d| {
                if month_end(d.year(), d.month()) == Some(d) {
                    d.format("%B %Y").to_string()
                } else {
                    human_date(d)
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub fn document(plan: &Plan, as_of: NaiveDate) -> Document<'_> {
    let board = &plan.board;
    let mut doc = Document {
        title: Some(format!(
            "{}: business plan {}",
            board.name,
            year_label(board.year)
        )),
        subtitle: Some(format!(
            "{} to {}. Progress as of {}.",
            human_date(board.year.start),
            human_date(board.year.end),
            human_date(as_of)
        )),
        footer: Some(format!(
            "{}: business plan {}, as of {}",
            board.name,
            year_label(board.year),
            human_date(as_of)
        )),
        sections: Vec::new(),
    };
    for priority in &plan.priorities {
        let section = doc.section(format!("Priority {}: {}", priority.number, priority.title));
        section.name(format!("Priority {}", priority.number));
        for objective in &priority.objectives {
            section.heading(format!(
                "Objective {}: {}",
                objective.number, objective.title
            ));
            let mut table = Table::new(vec![
                Column::new("Ref", "ref"),
                Column::new("Action", "action").width(60.0),
                Column::new("Lead", "lead").width(22.0),
                Column::new("Completion", "completion").width(14.0),
                Column::new("RAG", "rag"),
                commentary_column(),
            ]);
            let actions = priority
                .actions
                .iter()
                .filter(|a| a.r#ref.objective == objective.number);
            for action in actions {
                let progress = Progress::of(action, as_of, board.amber_days);
                table.push(vec![
                    Cell::Ref(action.r#ref.to_string().into()),
                    Cell::text(&action.description),
                    Cell::text(plan.lead_names(action).join("; ")),
                    Cell::text(completion(action, as_of)),
                    rag_cell(progress.rag),
                    commentary_cell(commentary(action, &progress).as_ref()),
                ]);
            }
            if table.rows.is_empty() {
                section.paragraph("No actions yet.");
            } else {
                section.table(table);
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn plan_years_are_labelled_as_boards_write_them() {
        let year = |a, b| PlanYear {
            start: day(a),
            end: day(b),
        };
        assert_eq!(year_label(year("2017-04-01", "2018-03-31")), "2017/18");
        assert_eq!(year_label(year("2099-04-01", "2100-03-31")), "2099/00");
        assert_eq!(year_label(year("2024-01-01", "2024-12-31")), "2024");
    }
}
