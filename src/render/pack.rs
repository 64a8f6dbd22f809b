//! The board meeting pack as Markdown, as one self-contained HTML file (inline
//! CSS and SVG, no scripts, prints on A4, RAG always in words), or as an Excel
//! workbook (a sheet per section, real dates, RAG as words and fills).

use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Document, Table};
use crate::plan::{Rag, date};
use crate::report::list::{ActionRow, due_cell, rag_cell};
use crate::report::pack::Pack;
use crate::report::{changes, leads, overdue, quarters, summary};

fn actions_table(rows: &[ActionRow]) -> Table {
    let mut t = Table::new(&["Ref", "Action", "Lead", "Due", "Status", "RAG"]);
    for r in rows {
        t.push(vec![
            r.r#ref.to_string(),
            r.description.clone(),
            r.leads.join("; "),
            due_cell(&r.deadlines, r.done.len()),
            r.status.name().to_string(),
            rag_cell(r.rag),
        ]);
    }
    t
}

fn headline(p: &Pack) -> Vec<String> {
    let t = &p.summary.totals;
    vec![
        format!(
            "{} actions: {} complete ({:.1}% of those not dropped), {} overdue, {} in progress, {} on hold, {} not started, {} dropped.",
            t.actions,
            t.complete,
            t.percent_complete,
            t.overdue,
            t.in_progress,
            t.on_hold,
            t.not_started,
            t.dropped
        ),
        format!("RAG: {} red, {} amber, {} green.", t.red, t.amber, t.green),
    ]
}

fn title(p: &Pack) -> String {
    format!("{}: board meeting pack, {}", p.board, date::human(p.as_of))
}

/// The pack as one document (Markdown, or text for a terminal).
pub fn document(p: &Pack) -> Document {
    let mut doc = Document::default();
    doc.heading(title(p));
    doc.text(format!(
        "Figures as of {}; next meeting {}.",
        date::human(p.as_of),
        date::human(p.next_meeting)
    ));
    doc.heading("Headline figures");
    for line in headline(p) {
        doc.text(line);
    }
    doc.heading("RAG by priority")
        .table(summary::table(&p.summary));
    doc.heading("Completion by quarter");
    let mut q = quarters::table(&p.quarters, true, false);
    if let Some(h) = q.headers.last_mut() {
        *h = "Met".into();
    }
    doc.table(q);
    doc.heading(format!("Overdue actions ({})", p.overdue.len()));
    if p.overdue.is_empty() {
        doc.text("None.");
    } else {
        let report = overdue::Overdue {
            rows: p.overdue.clone(),
            considered: p.summary.totals.actions - p.summary.totals.dropped,
            as_of: p.as_of,
        };
        doc.blocks.extend(overdue::document(&report, None).blocks);
    }
    doc.heading(format!(
        "Due before the next meeting ({})",
        date::human(p.next_meeting)
    ));
    if p.due_before_next_meeting.is_empty() {
        doc.text("None.");
    } else {
        doc.table(actions_table(&p.due_before_next_meeting));
    }
    match &p.since_last_meeting {
        Some(s) => {
            doc.heading(format!(
                "Completed since the last meeting ({})",
                date::human(s.since_day)
            ));
            if s.completed.is_empty() {
                doc.text("None.");
            } else {
                doc.table(actions_table(&s.completed));
            }
            doc.heading("Changed since the last meeting");
            doc.text(format!(
                "The plan's changes since {}: {}.",
                s.since, s.summary
            ));
            if !s.changes.is_empty() {
                doc.table(changes::table(&s.changes, false));
            }
        }
        None => {
            doc.heading("Since the last meeting");
            doc.text("Not shown: give --since with the last meeting's date or commit.");
        }
    }
    doc.heading("Actions by lead")
        .table(leads::table(&p.leads, false));
    doc
}

const CSS: &str = r#"
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
p.meta { color: #333; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #888; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.rag { font-weight: 600; white-space: nowrap; }
.red { background: #f4c7c3; } .amber { background: #fde9b0; } .green { background: #cfe8cf; }
ul.headline { padding-left: 5mm; margin: 0; }
ul.headline li { margin: 0.5mm 0; }
figure { margin: 0 0 3mm; }
figcaption { font-size: 9pt; color: #333; }
svg text { font-family: inherit; font-size: 9px; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
"#;

fn rag_td(rag: Option<Rag>) -> Markup {
    match rag {
        Some(r) => {
            let word = match r {
                Rag::Red => "Red",
                Rag::Amber => "Amber",
                Rag::Green => "Green",
            };
            html! { td class={ "rag " (r.name()) } { (word) } }
        }
        None => html! { td class="rag" { "- (dropped)" } },
    }
}

fn actions_html(rows: &[ActionRow]) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { "Ref" } th scope="col" { "Action" } th scope="col" { "Lead" } th scope="col" { "Due" } th scope="col" { "Status" } th scope="col" { "RAG" } } }
            tbody {
                @for r in rows {
                    tr {
                        th scope="row" { (r.r#ref) }
                        td { (r.description) }
                        td { (r.leads.join("; ")) }
                        td { (due_cell(&r.deadlines, r.done.len())) }
                        td { (r.status.name()) }
                        (rag_td(r.rag))
                    }
                }
            }
        }
    }
}

/// A stacked bar per quarter: met on time, met late, overdue, pending, each
/// labelled with its number so the chart reads without colour.
fn quarter_chart(p: &Pack) -> Markup {
    let rows = &p.quarters;
    let width = 680.0_f64;
    let label_w = 150.0;
    let bar_w = width - label_w - 80.0;
    let row_h = 22.0;
    let height = row_h * rows.len() as f64 + 30.0;
    let parts = |q: &quarters::QuarterRow| {
        [
            (q.met_on_time, "#3a7d3a", "met on time"),
            (q.met_late, "#8fbf8f", "met late"),
            (q.overdue, "#c0392b", "overdue"),
            (q.pending, "#bdbdbd", "pending"),
        ]
    };
    let max = rows.iter().map(|q| q.due).max().unwrap_or(1).max(1) as f64;
    // Each bar's segments laid out left to right: (x, width, count, colour, what).
    let segments = |q: &quarters::QuarterRow| {
        let mut x = label_w;
        let mut out = Vec::new();
        for (n, colour, what) in parts(q) {
            if n > 0 {
                let w = bar_w * n as f64 / max;
                out.push((x, w, n, colour, what));
                x += w;
            }
        }
        out
    };
    html! {
        figure {
            svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby="quarters-caption" {
                @for (i, q) in rows.iter().enumerate() {
                    @let y = 5.0 + i as f64 * row_h;
                    text x="0" y={ (y + 13.0) } { (q.quarter) }
                    @for (x, w, n, colour, what) in segments(q) {
                        rect x=(x) y=(y) width=(w) height="16" fill=(colour) stroke="#333" stroke-width="0.5" { title { (n) " " (what) } }
                        @if w >= 14.0 {
                            text x={ (x + w / 2.0 - 3.0) } y={ (y + 12.0) } fill=(if what == "overdue" || what == "met on time" { "#fff" } else { "#000" }) { (n) }
                        }
                    }
                    text x={ (label_w + bar_w + 6.0) } y={ (y + 13.0) } { (format!("{:.1}% met", q.percent_met)) }
                }
                @let ly = height - 8.0;
                @for (i, (colour, what)) in [("#3a7d3a", "met on time"), ("#8fbf8f", "met late"), ("#c0392b", "overdue"), ("#bdbdbd", "pending")].iter().enumerate() {
                    rect x={ (label_w + i as f64 * 110.0) } y={ (ly - 8.0) } width="10" height="10" fill=(colour) stroke="#333" stroke-width="0.5" {}
                    text x={ (label_w + i as f64 * 110.0 + 14.0) } y=(ly) { (what) }
                }
            }
            figcaption id="quarters-caption" { "Deadlines by quarter of the plan year: met on time, met late, overdue and pending (numbers in each bar; dropped actions left out)." }
        }
    }
}

fn table_html(t: &Table) -> Markup {
    html! {
        table {
            thead { tr { @for (i, h) in t.headers.iter().enumerate() { th scope="col" class=[t.numeric.contains(&i).then_some("num")] { (h) } } } }
            tbody {
                @for row in &t.rows {
                    tr {
                        @for (i, cell) in row.iter().enumerate() {
                            @if i == 0 { th scope="row" { (cell) } }
                            @else { td class=[t.numeric.contains(&i).then_some("num")] { (cell) } }
                        }
                    }
                }
            }
        }
    }
}

/// The pack as one HTML file (maud escapes every value).
pub fn html(p: &Pack) -> String {
    let priorities = summary::table(&p.summary);
    let quarter_table = quarters::table(&p.quarters, false, false);
    let lead_table = leads::table(&p.leads, false);
    let markup = html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title(p)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (p.board) }
                    p.meta { "Board meeting pack. Figures as of " strong { (date::human(p.as_of)) } "; next meeting " (date::human(p.next_meeting)) "." }
                }
                section {
                    h2 { "Headline figures" }
                    ul.headline { @for line in headline(p) { li { (line) } } }
                }
                section {
                    h2 { "RAG by priority" }
                    (table_html(&priorities))
                }
                section {
                    h2 { "Completion by quarter" }
                    (quarter_chart(p))
                    (table_html(&quarter_table))
                }
                section {
                    h2 { "Overdue actions (" (p.overdue.len()) ")" }
                    @if p.overdue.is_empty() { p { "None." } } @else {
                        table {
                            thead { tr { th scope="col" { "Ref" } th scope="col" { "Action" } th scope="col" { "Lead" } th scope="col" { "Due" } th scope="col" class="num" { "Days overdue" } th scope="col" class="num" { "Missed" } th scope="col" { "RAG" } } }
                            tbody {
                                @for r in &p.overdue {
                                    tr {
                                        th scope="row" { (r.r#ref) }
                                        td { (r.description) }
                                        td { (r.leads.join("; ")) }
                                        td { (date::human(r.due)) }
                                        td.num { (r.days_overdue) }
                                        td.num { (r.missed) }
                                        (rag_td(Some(Rag::Red)))
                                    }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { "Due before the next meeting (" (date::human(p.next_meeting)) ")" }
                    @if p.due_before_next_meeting.is_empty() { p { "None." } } @else { (actions_html(&p.due_before_next_meeting)) }
                }
                @match &p.since_last_meeting {
                    Some(s) => {
                        section {
                            h2 { "Completed since the last meeting (" (date::human(s.since_day)) ")" }
                            @if s.completed.is_empty() { p { "None." } } @else { (actions_html(&s.completed)) }
                        }
                        section {
                            h2 { "Changed since the last meeting" }
                            p { "Since " (s.since) ", the plan " (s.summary) "." }
                            @if !s.changes.is_empty() { (table_html(&changes::table(&s.changes, false))) }
                        }
                    }
                    None => {
                        section {
                            h2 { "Since the last meeting" }
                            p { "Not shown: give --since with the last meeting's date or commit." }
                        }
                    }
                }
                section {
                    h2 { "Actions by lead" }
                    (table_html(&lead_table))
                }
            }
        }
    };
    markup.into_string()
}

/// The pack as an Excel workbook.
pub fn xlsx(p: &Pack) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet};
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8E8E8))
        .set_border(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let plain = Format::new().set_border(FormatBorder::Thin);
    let day = Format::new()
        .set_num_format("d mmm yyyy")
        .set_border(FormatBorder::Thin);
    let rag_format = |rag: Option<Rag>| {
        let fill = match rag {
            Some(Rag::Red) => 0xF4C7C3,
            Some(Rag::Amber) => 0xFDE9B0,
            Some(Rag::Green) => 0xCFE8CF,
            None => 0xFFFFFF,
        };
        Format::new()
            .set_bold()
            .set_background_color(Color::RGB(fill))
            .set_border(FormatBorder::Thin)
    };

    enum Cell {
        Text(String),
        Wrap(String),
        Number(f64),
        Day(NaiveDate),
        Rag(Option<Rag>),
    }
    let mut sheet = |name: &str,
                     headers: &[&str],
                     rows: Vec<Vec<Cell>>,
                     widths: &[f64]|
     -> anyhow::Result<()> {
        let ws: &mut Worksheet = book.add_worksheet();
        ws.set_name(name)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => ws.write_string_with_format(r, c, s, &plain)?,
                    Cell::Wrap(s) => ws.write_string_with_format(r, c, s, &wrap)?,
                    Cell::Number(n) => ws.write_number_with_format(r, c, *n, &plain)?,
                    Cell::Day(d) => ws.write_date_with_format(r, c, d, &day)?,
                    Cell::Rag(rag) => ws.write_string_with_format(
                        r,
                        c,
                        rag.map_or("-", Rag::name),
                        &rag_format(*rag),
                    )?,
                };
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    };
    let text = |s: &str| Cell::Text(s.to_string());
    let n = |x: usize| Cell::Number(x as f64);

    let t = &p.summary.totals;
    sheet(
        "Headline",
        &["Figure", "Value"],
        vec![
            vec![text("Board"), text(&p.board)],
            vec![text("As of"), Cell::Day(p.as_of)],
            vec![text("Next meeting"), Cell::Day(p.next_meeting)],
            vec![text("Actions"), n(t.actions)],
            vec![text("Complete"), n(t.complete)],
            vec![
                text("% complete (not dropped)"),
                Cell::Number(t.percent_complete),
            ],
            vec![text("Overdue"), n(t.overdue)],
            vec![text("In progress"), n(t.in_progress)],
            vec![text("On hold"), n(t.on_hold)],
            vec![text("Not started"), n(t.not_started)],
            vec![text("Dropped"), n(t.dropped)],
            vec![text("Red"), n(t.red)],
            vec![text("Amber"), n(t.amber)],
            vec![text("Green"), n(t.green)],
        ],
        &[28.0, 60.0],
    )?;
    let priority_rows = p
        .summary
        .priorities
        .iter()
        .map(|x| {
            let c = &x.counts;
            vec![
                n(x.priority as usize),
                Cell::Wrap(x.short.clone().unwrap_or_else(|| x.title.clone())),
                n(c.actions),
                n(c.complete),
                n(c.overdue),
                n(c.red),
                n(c.amber),
                n(c.green),
                Cell::Number(c.percent_complete),
            ]
        })
        .collect();
    sheet(
        "RAG by priority",
        &[
            "Priority",
            "Name",
            "Actions",
            "Complete",
            "Overdue",
            "Red",
            "Amber",
            "Green",
            "% complete",
        ],
        priority_rows,
        &[9.0, 40.0, 9.0, 10.0, 9.0, 7.0, 8.0, 8.0, 11.0],
    )?;
    let quarter_rows = p
        .quarters
        .iter()
        .map(|q| {
            vec![
                text(&q.quarter),
                Cell::Day(q.start),
                Cell::Day(q.end),
                n(q.due),
                n(q.met_on_time),
                n(q.met_late),
                n(q.overdue),
                n(q.pending),
                Cell::Number(q.percent_met),
            ]
        })
        .collect();
    sheet(
        "Quarters",
        &[
            "Quarter",
            "Start",
            "End",
            "Due",
            "Met on time",
            "Met late",
            "Overdue",
            "Pending",
            "% met",
        ],
        quarter_rows,
        &[12.0, 12.0, 12.0, 6.0, 11.0, 9.0, 9.0, 9.0, 8.0],
    )?;
    let overdue_rows = p
        .overdue
        .iter()
        .map(|r| {
            vec![
                text(&r.r#ref.to_string()),
                Cell::Wrap(r.description.clone()),
                Cell::Wrap(r.leads.join("; ")),
                Cell::Day(r.due),
                n(r.days_overdue.max(0) as usize),
                n(r.missed),
                Cell::Rag(Some(Rag::Red)),
            ]
        })
        .collect();
    sheet(
        "Overdue",
        &[
            "Ref",
            "Action",
            "Lead",
            "Due",
            "Days overdue",
            "Missed",
            "RAG",
        ],
        overdue_rows,
        &[8.0, 60.0, 28.0, 12.0, 12.0, 8.0, 7.0],
    )?;
    let action_rows = |rows: &[ActionRow]| -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|r| {
                let next = r
                    .deadlines
                    .get(r.done.len())
                    .or(r.deadlines.last())
                    .copied();
                vec![
                    text(&r.r#ref.to_string()),
                    Cell::Wrap(r.description.clone()),
                    Cell::Wrap(r.leads.join("; ")),
                    next.map_or_else(|| text(""), Cell::Day),
                    text(r.status.name()),
                    Cell::Rag(r.rag),
                ]
            })
            .collect()
    };
    let action_headers = ["Ref", "Action", "Lead", "Due", "Status", "RAG"];
    let action_widths = [8.0, 60.0, 28.0, 12.0, 12.0, 7.0];
    sheet(
        "Due next",
        &action_headers,
        action_rows(&p.due_before_next_meeting),
        &action_widths,
    )?;
    if let Some(s) = &p.since_last_meeting {
        sheet(
            "Completed",
            &action_headers,
            action_rows(&s.completed),
            &action_widths,
        )?;
        let change_rows = s
            .changes
            .iter()
            .map(|c| {
                vec![
                    text(&c.r#ref),
                    text(c.kind.name()),
                    Cell::Wrap(changes::describe(c)),
                ]
            })
            .collect();
        sheet(
            "Changes",
            &["Ref", "Kind", "Change"],
            change_rows,
            &[8.0, 16.0, 80.0],
        )?;
    }
    let lead_rows = p
        .leads
        .iter()
        .map(|l| {
            vec![
                text(&l.lead),
                n(l.actions),
                n(l.complete),
                n(l.overdue),
                n(l.open),
                n(l.dropped),
            ]
        })
        .collect();
    sheet(
        "By lead",
        &["Lead", "Actions", "Complete", "Overdue", "Open", "Dropped"],
        lead_rows,
        &[40.0, 9.0, 10.0, 9.0, 7.0, 9.0],
    )?;
    Ok(book.save_to_buffer()?)
}
