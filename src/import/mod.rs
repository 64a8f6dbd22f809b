//! `lscb import`: a board's plan document (the layout of the 2017/18 plan, as
//! text or in a Word file) to `board.toml` and one file per priority. Pure:
//! text in, files' text out (reading the file is the command's job).

mod deadline;
mod document;
mod docx;
mod write;

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

pub use deadline::{Deadline, read_deadline};
pub use document::{RawAction, RawObjective, RawPlan, RawPriority, clean_text, parse};
pub use docx::docx_text;
use write::{ActionOut, DueValue};

use crate::plan::leads::normalize;
use crate::plan::{PlanYear, Register};

/// Options for turning a document into plan files.
#[derive(Clone, Debug)]
pub struct Options {
    pub board_name: String,
    pub year: PlanYear,
    /// An existing register to resolve leads against (and to keep).
    pub register: Register,
}

/// The files to write, and what the import could not read.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// (file name, text), `board.toml` first.
    pub files: Vec<(String, String)>,
    /// One line per case the import could not read, for stderr.
    pub problems: Vec<String>,
}

/// The leads a cell names: split at ";" always, and at " and " only where both
/// sides are leads the document (or the register) names on their own.
pub fn split_leads(cell: &str, known: &[String]) -> Vec<String> {
    let is_known = |s: &str| known.iter().any(|k| normalize(k) == normalize(s));
    let mut out = Vec::new();
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let pieces: Vec<&str> = part.split(" and ").collect();
        if pieces.len() > 1 && pieces.iter().all(|p| is_known(p.trim())) {
            out.extend(pieces.iter().map(|p| p.trim().to_string()));
        } else {
            out.push(part.to_string());
        }
    }
    out
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A file name for a priority: its number and the title's first telling words.
fn file_name(p: &RawPriority) -> String {
    const SKIP: &[&str] = &[
        "to", "ensure", "that", "the", "there", "is", "are", "a", "an", "of", "and", "in", "on",
        "for", "with", "be", "by", "upon", "those", "within",
    ];
    let words: Vec<String> = p
        .title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.to_lowercase().as_str()))
        .take(4)
        .map(slug)
        .collect();
    let name = words.join("-");
    if name.is_empty() {
        format!("{}.toml", p.number)
    } else {
        format!("{}-{name}.toml", p.number)
    }
}

/// Builds the plan files from the document.
pub fn build(raw: &RawPlan, opts: &Options) -> Imported {
    let mut out = Imported::default();
    // Every whole lead cell part, for deciding where " and " splits.
    let mut known: Vec<String> = raw
        .priorities
        .iter()
        .flat_map(|p| &p.actions)
        .flat_map(|a| a.lead.split(';').map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    known.extend(
        opts.register
            .leads
            .iter()
            .flat_map(|l| l.spellings().map(str::to_string)),
    );

    // The register: the existing one, then leads met in the document, with case
    // and spacing variants folded in as aliases.
    let mut register = opts.register.clone();
    // By position, not by ref: a document may repeat a ref (validation says so).
    let mut leads_of: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for (pi, p) in raw.priorities.iter().enumerate() {
        for (ai, a) in p.actions.iter().enumerate() {
            let names = split_leads(&a.lead, &known);
            if names.is_empty() {
                out.problems.push(format!(
                    "{}.{}.{}: no lead given",
                    p.number, a.objective, a.number
                ));
            }
            for name in &names {
                match register.resolve(name) {
                    Some(i) => {
                        // Another spelling of a lead already known: kept as an alias.
                        if !register.leads[i].spellings().any(|s| s == name.as_str()) {
                            register.add_alias(i, name.clone());
                        }
                    }
                    None => {
                        let mut key = slug(name);
                        if key.is_empty() {
                            key = format!("lead-{}", register.leads.len() + 1);
                        }
                        while register.leads.iter().any(|l| l.key == key) {
                            key.push_str("-2");
                        }
                        register.push(crate::plan::Lead {
                            key,
                            name: name.clone(),
                            aliases: vec![],
                        });
                    }
                }
            }
            leads_of.insert((pi, ai), names);
        }
    }

    out.files.push((
        "board.toml".into(),
        write::board(&opts.board_name, opts.year, &register),
    ));
    let mut names_used: Vec<String> = Vec::new();
    for (pi, p) in raw.priorities.iter().enumerate() {
        let mut objectives = p.objectives.clone();
        objectives.sort_by_key(|o| o.number);
        let mut actions = Vec::new();
        for (ai, a) in p.actions.iter().enumerate() {
            let r = format!("{}.{}.{}", p.number, a.objective, a.number);
            if !objectives.iter().any(|o| o.number == a.objective) {
                out.problems.push(format!(
                    "{r}: objective {} is not in the document; the action was left out",
                    a.objective
                ));
                continue;
            }
            let due = match read_deadline(&a.completion, opts.year) {
                Some(Deadline::Every(period)) => DueValue::Every(period.name()),
                Some(Deadline::Due(days)) => DueValue::Due(days),
                None => {
                    out.problems.push(format!(
                        "{r}: could not read the deadline \"{}\"; set to the end of the plan year ({})",
                        a.completion, opts.year.end
                    ));
                    DueValue::Unread {
                        day: opts.year.end,
                        wording: a.completion.clone(),
                    }
                }
            };
            actions.push(ActionOut {
                objective: a.objective,
                number: a.number,
                description: a.description.clone(),
                leads: leads_of.get(&(pi, ai)).cloned().unwrap_or_default(),
                due,
                wording: a.completion.clone(),
            });
        }
        let objectives: Vec<(u32, String)> = objectives
            .iter()
            .map(|o| (o.number, o.title.clone()))
            .collect();
        let text = write::priority(p.number, &p.title, &objectives, &actions);
        // A repeated heading (a table header on every page) must not overwrite
        // the first file: the second gets its own name, and validation reports
        // the repeated priority number.
        let mut name = file_name(p);
        while names_used.contains(&name) {
            name = name.replacen(".toml", "-again.toml", 1);
        }
        names_used.push(name.clone());
        out.files.push((name, text));
    }
    out
}

/// The plan year: from `--year-start`, else April to March of the year the
/// document names ("2017/18").
pub fn plan_year(start: Option<NaiveDate>, raw: &RawPlan) -> Option<PlanYear> {
    let start = start.or_else(|| NaiveDate::from_ymd_opt(raw.year_hint?, 4, 1))?;
    let end = start.checked_add_months(Months::new(12))?.pred_opt()?;
    // Plan files hold four-digit years.
    if !(crate::edit::writable(start) && crate::edit::writable(end)) {
        return None;
    }
    Some(PlanYear { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads_split_only_where_both_sides_are_leads() {
        let known: Vec<String> = [
            "CSE Sub Group",
            "Strategic Safeguarding Service Manager",
            "Training Sub Group",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let cases: &[(&str, &[&str])] = &[
            (
                "CSE Sub Group and Strategic Safeguarding Service Manager",
                &["CSE Sub Group", "Strategic Safeguarding Service Manager"],
            ),
            ("Task and Finish Group", &["Task and Finish Group"]),
            (
                "Policy and Procedure Sub Group",
                &["Policy and Procedure Sub Group"],
            ),
            (
                "Senior Information Analyst; Consultant Social Worker",
                &["Senior Information Analyst", "Consultant Social Worker"],
            ),
            (
                "Training Sub Group and Someone Else",
                &["Training Sub Group and Someone Else"],
            ),
            ("", &[]),
        ];
        for (cell, expected) in cases {
            assert_eq!(split_leads(cell, &known), *expected, "{cell}");
        }
    }
}
