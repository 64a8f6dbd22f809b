//! `lscb overdue`: what has slipped, who leads it, and by how much.

use chrono::NaiveDate;
use serde::Serialize;

use super::list::Filter;
use super::{Commentary, DESCRIPTION_WIDTH, Day, commentary, commentary_cell, commentary_column};
use crate::doc::{Block, Cell, Column, Document, Names, Section, Show, Table, human_date};
use crate::plan::{ActionState, Plan, Ref};

/// One overdue action, in the contract's JSON shape.
#[derive(Clone, Debug, Serialize)]
pub struct OverdueRow<'p> {
    #[serde(rename = "ref")]
    pub r#ref: Ref,
    pub description: &'p str,
    pub leads: Vec<&'p str>,
    /// Its earliest overdue deadline.
    #[serde(serialize_with = "super::iso::date")]
    pub due: NaiveDate,
    pub days_overdue: i64,
    /// How many of its deadlines are overdue.
    pub missed: usize,
    /// Its latest update on or before the day (why it is red).
    pub latest_update: Option<Commentary<'p>>,
    #[serde(skip)]
    pub lead_ids: &'p [usize],
}

/// Overdue actions and the scope they were drawn from.
#[derive(Clone, Debug)]
pub struct Overdue<'p> {
    pub rows: Vec<OverdueRow<'p>>,
    /// Actions in scope that could be overdue (the filter's, less dropped ones).
    pub considered: usize,
    pub as_of: NaiveDate,
}

/// Every overdue action, most overdue first, then by ref.
pub fn overdue<'p>(plan: &'p Plan, filter: &Filter, as_of: NaiveDate) -> Overdue<'p> {
    overdue_on(&Day::live(plan, as_of), filter)
}

/// As `overdue`, on a day whose progress may be held for several reports.
pub fn overdue_on<'p>(day: &Day<'p>, filter: &Filter) -> Overdue<'p> {
    let (plan, as_of) = (day.plan, day.as_of);
    let mut rows = Vec::new();
    let mut considered = 0;
    day.each(|p, a, progress| {
        if !filter.matches(p, a, progress) || progress.state == ActionState::Dropped {
            return;
        }
        considered += 1;
        let mut missed = progress.overdue();
        let Some(due) = missed.next() else { return };
        rows.push(OverdueRow {
            r#ref: a.r#ref,
            description: &a.description,
            leads: plan.lead_names(a),
            due,
            days_overdue: (as_of - due).num_days(),
            missed: 1 + missed.count(),
            latest_update: commentary(a, progress),
            lead_ids: &a.leads,
        });
    });
    // No two rows share a ref (a plan with a duplicate ref is not valid,
    // and reports are made only of valid plans), so no two compare equal:
    // an unstable sort gives the one order, moving fewer rows.
    rows.sort_unstable_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.r#ref.cmp(&b.r#ref))
    });
    Overdue {
        rows,
        considered,
        as_of,
    }
}

/// Overdue actions grouped per lead, in register order (an action with two leads
/// appears under both).
#[derive(Clone, Debug, Serialize)]
pub struct LeadGroup<'p> {
    pub lead: &'p str,
    pub key: &'p str,
    pub actions: Vec<OverdueRow<'p>>,
}

pub fn by_lead<'p>(plan: &'p Plan, report: &Overdue<'p>) -> Vec<LeadGroup<'p>> {
    plan.board
        .register
        .leads
        .iter()
        .enumerate()
        .filter_map(|(i, lead)| {
            let actions: Vec<_> = report
                .rows
                .iter()
                .filter(|r| r.lead_ids.contains(&i))
                .cloned()
                .collect();
            (!actions.is_empty()).then_some(LeadGroup {
                lead: &lead.name,
                key: &lead.key,
                actions,
            })
        })
        .collect()
}

/// "7 of 61 actions overdue as of 1 Oct 2017".
pub fn closing_line(overdue: usize, considered: usize, as_of: NaiveDate) -> String {
    format!(
        "{overdue} of {considered} action{} overdue as of {}",
        if considered == 1 { "" } else { "s" },
        human_date(as_of)
    )
}

/// The overdue table; grouped under a lead, the lead is a column for data
/// formats only (people read it in the heading). Its rows are made from
/// `rows` as a renderer reads them.
pub fn table<'r>(rows: &'r [OverdueRow<'_>], group: Option<&'r str>) -> Table<'r> {
    Table::made(columns(group.is_some()), rows.len(), move |i| {
        rows.get(i).map_or_else(Vec::new, |r| cells(r, group))
    })
}

/// The same table holding its cells, their text borrowed from the plan: for
/// a page kept after `rows` are gone.
pub fn held_table<'p>(rows: &[OverdueRow<'p>], group: Option<&'p str>) -> Table<'p> {
    let mut t = Table::new(columns(group.is_some()));
    for r in rows {
        t.push(cells(r, group));
    }
    t
}

fn columns(grouped: bool) -> Vec<Column> {
    let mut columns = Vec::new();
    if grouped {
        columns.push(Column::new("Group", "lead").show(Show::Data));
    }
    columns.extend([
        Column::new("Ref", "ref").width(8.0),
        Column::new("Action", "description")
            .shorten(DESCRIPTION_WIDTH)
            .width(60.0),
        Column::new("Lead", "leads")
            .width(28.0)
            .names(Names::Lead)
            .show(if grouped { Show::Data } else { Show::All }),
        Column::new("Due", "due"),
        Column::number("Days overdue", "days_overdue"),
        Column::number("Missed", "missed"),
        commentary_column(),
    ]);
    columns
}

/// A row's cells in `columns`' order.
fn cells<'p>(r: &OverdueRow<'p>, group: Option<&'p str>) -> Vec<Cell<'p>> {
    let mut cells = Vec::with_capacity(8);
    if let Some(lead) = group {
        cells.push(Cell::text(lead));
    }
    cells.extend([
        Cell::Ref(r.r#ref.string().into()),
        Cell::text(r.description),
        Cell::List(r.leads.iter().map(|&l| l.into()).collect()),
        Cell::Date(r.due),
        Cell::Int(r.days_overdue),
        Cell::count(r.missed),
        commentary_cell(r.latest_update.as_ref()),
    ]);
    cells
}

/// The overdue actions (a table when there are any) and the closing line,
/// `considered` and `as_of` as in `Overdue`.
pub fn blocks<'r>(
    rows: &'r [OverdueRow<'_>],
    considered: usize,
    as_of: NaiveDate,
) -> Vec<Block<'r>> {
    with_closing(
        (!rows.is_empty()).then(|| table(rows, None)),
        closing_line(rows.len(), considered, as_of),
    )
}

/// The same, the table held (see `held_table`).
pub fn held_blocks<'p>(
    rows: &[OverdueRow<'p>],
    considered: usize,
    as_of: NaiveDate,
) -> Vec<Block<'p>> {
    with_closing(
        (!rows.is_empty()).then(|| held_table(rows, None)),
        closing_line(rows.len(), considered, as_of),
    )
}

fn with_closing(table: Option<Table<'_>>, closing: String) -> Vec<Block<'_>> {
    table
        .map(Block::Table)
        .into_iter()
        .chain([Block::Paragraph(closing)])
        .collect()
}

pub fn document<'r>(report: &'r Overdue<'_>) -> Document<'r> {
    let mut doc = Document::of(blocks(&report.rows, report.considered, report.as_of));
    doc.sections[0].name = Some("Overdue".into());
    doc
}

/// A section per lead, then the closing line.
pub fn document_by_lead<'r>(groups: &'r [LeadGroup<'_>], report: &Overdue<'_>) -> Document<'r> {
    let mut doc = Document::new();
    for g in groups {
        doc.section(format!("{} ({} overdue)", g.lead, g.actions.len()))
            .table(table(&g.actions, Some(g.lead)));
    }
    doc.sections.push(Section {
        blocks: vec![Block::Paragraph(closing_line(
            report.rows.len(),
            report.considered,
            report.as_of,
        ))],
        ..Section::default()
    });
    doc
}
