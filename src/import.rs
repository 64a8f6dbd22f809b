//! `lscb import`: a board's plan document (the layout of the 2017/18 seed text,
//! or the same content in a Word file) to `board.toml` and one file per
//! priority. Pure: text in, files' text out.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::edit::string_value;
use crate::format::{FileKind, format};
use crate::plan::leads::normalize;
use crate::plan::{Period, PlanYear, Register, date};

/// One action as the document writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawAction {
    pub objective: u32,
    pub number: u32,
    pub description: String,
    pub completion: String,
    pub lead: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawObjective {
    pub number: u32,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawPriority {
    pub number: u32,
    pub title: String,
    pub objectives: Vec<RawObjective>,
    pub actions: Vec<RawAction>,
}

/// What the document holds, before any interpretation of deadlines or leads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawPlan {
    pub priorities: Vec<RawPriority>,
    /// A plan year named in the document ("2017/18"), if any.
    pub year_hint: Option<i32>,
}

enum Line<'a> {
    Priority(u32),
    Objective(u32, &'a str),
    Action(u32, u32, &'a str),
    Text(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    let upper = trimmed.to_uppercase();
    if let Some(rest) = upper.strip_prefix("STRATEGIC PRIORITY") {
        let digits: String = rest
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse() {
            return Line::Priority(n);
        }
    }
    // "N<TAB>text" or "N.M<TAB>text" at the start of the line.
    if let Some((head, text)) = line.split_once('\t') {
        let head = head.trim();
        let parts: Vec<_> = head.split('.').collect();
        let num = |s: &str| crate::plan::parse_positive(s);
        match parts.as_slice() {
            [o] if num(o).is_some() => return Line::Objective(num(o).unwrap_or(0), text),
            [o, a] if num(o).is_some() && num(a).is_some() => {
                return Line::Action(num(o).unwrap_or(0), num(a).unwrap_or(0), text);
            }
            _ => {}
        }
    }
    Line::Text(trimmed)
}

/// Reads the document's structure. A field broken over lines is joined back up.
pub fn parse(text: &str) -> RawPlan {
    let mut plan = RawPlan {
        year_hint: year_hint(text),
        ..RawPlan::default()
    };
    // What the next free-text line continues.
    #[derive(PartialEq)]
    enum Open {
        Nothing,
        PriorityTitle,
        Objective,
        Action,
    }
    let mut open = Open::Nothing;
    let mut pending_action: Option<(u32, u32, String)> = None;
    let flush = |plan: &mut RawPlan, pending: &mut Option<(u32, u32, String)>| {
        if let (Some((o, a, text)), Some(p)) = (pending.take(), plan.priorities.last_mut()) {
            p.actions.push(split_action(o, a, &text));
        }
    };
    for line in text.lines() {
        match classify(line) {
            Line::Priority(n) => {
                flush(&mut plan, &mut pending_action);
                plan.priorities.push(RawPriority {
                    number: n,
                    title: String::new(),
                    objectives: vec![],
                    actions: vec![],
                });
                open = Open::PriorityTitle;
            }
            Line::Objective(n, title) if !plan.priorities.is_empty() => {
                flush(&mut plan, &mut pending_action);
                if let Some(p) = plan.priorities.last_mut() {
                    p.objectives.push(RawObjective {
                        number: n,
                        title: title.trim().to_string(),
                    });
                }
                open = Open::Objective;
            }
            Line::Action(o, a, body) if !plan.priorities.is_empty() => {
                flush(&mut plan, &mut pending_action);
                pending_action = Some((o, a, body.trim().to_string()));
                open = Open::Action;
            }
            Line::Text(t) | Line::Objective(_, t) | Line::Action(_, _, t) => {
                if t.is_empty() {
                    continue;
                }
                match open {
                    Open::PriorityTitle => {
                        if let Some(p) = plan.priorities.last_mut() {
                            join(&mut p.title, t);
                        }
                    }
                    Open::Objective => {
                        if let Some(o) = plan
                            .priorities
                            .last_mut()
                            .and_then(|p| p.objectives.last_mut())
                        {
                            join(&mut o.title, t);
                        }
                    }
                    Open::Action => {
                        if let Some((_, _, body)) = pending_action.as_mut() {
                            join(body, t);
                        }
                    }
                    Open::Nothing => {}
                }
            }
        }
    }
    flush(&mut plan, &mut pending_action);
    for p in &mut plan.priorities {
        p.title = clean_text(&p.title);
        for o in &mut p.objectives {
            o.title = clean_text(&o.title);
        }
    }
    plan
}

fn join(into: &mut String, more: &str) {
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(more.trim());
}

/// "2017/18" or "2017-18" in the document: the plan year starting in 2017.
fn year_hint(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(6)).find_map(|i| {
        let w = &b[i..i + 7];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        (digits(0..4) && (w[4] == b'/' || w[4] == b'-') && digits(5..7))
            .then(|| std::str::from_utf8(&w[..4]).ok()?.parse().ok())
            .flatten()
    })
}

/// "DESCRIPTION Completion: WHEN Lead: WHO", or tab-separated cells from a
/// table row without the labels.
fn split_action(objective: u32, number: u32, body: &str) -> RawAction {
    let (rest, lead) = match body.rfind("Lead:") {
        Some(i) => (&body[..i], body[i + 5..].trim()),
        None => (body, ""),
    };
    let (description, completion) = match rest.rfind("Completion:") {
        Some(i) => (&rest[..i], rest[i + 11..].trim()),
        None => (rest, ""),
    };
    let (description, completion, lead) = if completion.is_empty() && lead.is_empty() {
        // A table row: description, completion, lead in their own cells.
        let cells: Vec<&str> = body.split('\t').map(str::trim).collect();
        match cells.as_slice() {
            [d, c, l] => (*d, *c, *l),
            _ => (description, completion, lead),
        }
    } else {
        (description, completion, lead)
    };
    RawAction {
        objective,
        number,
        description: clean_text(description),
        completion: completion.split_whitespace().collect::<Vec<_>>().join(" "),
        lead: lead.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Strips HTML list markup and bullet characters, keeping list items as lines
/// ("- item"); the text before the first item stays a plain line.
pub fn clean_text(raw: &str) -> String {
    const MARK: char = '\u{1}';
    let mut marked = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find('<') {
        marked.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                let tag = rest[start + 1..start + end].trim().to_lowercase();
                if tag.starts_with("ul") || tag.starts_with("ol") || tag.starts_with("li") {
                    marked.push(MARK);
                } else {
                    marked.push(' ');
                }
                rest = &rest[start + end + 1..];
            }
            None => {
                marked.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    marked.push_str(rest);
    let marked = marked.replace(['•', '·', '▪', '◦'], &MARK.to_string());
    let segments: Vec<String> = marked
        .split(MARK)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect();
    match segments.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [first, items @ ..] => {
            let mut out = first.clone();
            for item in items {
                out.push_str("\n- ");
                out.push_str(item);
            }
            out
        }
    }
}

/// A deadline as the document words it, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// Month ends ("May 17") or days ("24 May 2017"): (day, written as a month).
    Due(Vec<(NaiveDate, bool)>),
    Every(Period),
}

/// Reads deadline wording as boards write it; `None` when it cannot.
pub fn read_deadline(raw: &str, year: PlanYear) -> Option<Deadline> {
    let t = raw.trim().trim_end_matches('.').to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let every = |p| Some(Deadline::Every(p));
    match t.as_str() {
        "quarterly" | "quarterly reports" | "each quarter" | "every quarter" => {
            return every(Period::Quarter);
        }
        "twice yearly" | "twice a year" | "6 monthly" | "six monthly" | "half-yearly"
        | "half yearly" | "6-monthly" | "bi-annually" | "biannually" => {
            return every(Period::HalfYear);
        }
        "annually" | "annual" | "yearly" | "annual report" | "once a year" => {
            return every(Period::Year);
        }
        "monthly" | "each month" | "every month" => return every(Period::Month),
        _ => {}
    }
    if t.starts_with("two during") || t.starts_with("twice during") {
        let halves = crate::plan::schedule::every(year, Period::HalfYear);
        return Some(Deadline::Due(
            halves.into_iter().map(|d| (d, true)).collect(),
        ));
    }
    if let Some(d) = date::parse_month(&t) {
        return Some(Deadline::Due(vec![(d, true)]));
    }
    if let Some(d) = date::parse_iso(&t) {
        return Some(Deadline::Due(vec![(d, false)]));
    }
    let words: Vec<&str> = t.split(' ').collect();
    let year_of = |w: &str| -> Option<i32> {
        match w.len() {
            2 => Some(2000 + w.parse::<i32>().ok()?),
            4 => w.parse().ok(),
            _ => None,
        }
    };
    match words.as_slice() {
        [m, y] => {
            let d = date::month_end(year_of(y)?, date::month_number(m)?)?;
            Some(Deadline::Due(vec![(d, true)]))
        }
        [d, m, y] => {
            let day: u32 = d
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse()
                .ok()?;
            let d = NaiveDate::from_ymd_opt(year_of(y)?, date::month_number(m)?, day)?;
            Some(Deadline::Due(vec![(d, false)]))
        }
        _ => None,
    }
}

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

    out.files
        .push(("board.toml".into(), board_text(opts, &register)));
    let mut names_used: Vec<String> = Vec::new();
    for (pi, p) in raw.priorities.iter().enumerate() {
        let mut text = format!(
            "priority = {}\ntitle = {}\n",
            p.number,
            string_value(&p.title)
        );
        let mut objectives = p.objectives.clone();
        objectives.sort_by_key(|o| o.number);
        for o in &objectives {
            text.push_str(&format!(
                "\n[[objective]]\nnumber = {}\ntitle = {}\n",
                o.number,
                string_value(&o.title)
            ));
            for (ai, a) in p
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.objective == o.number)
            {
                let r = format!("{}.{}.{}", p.number, a.objective, a.number);
                text.push_str(&format!(
                    "\n[[action]]\nref = \"{}.{}\"\ndescription = {}\n",
                    a.objective,
                    a.number,
                    string_value(&a.description)
                ));
                let names = leads_of.get(&(pi, ai)).cloned().unwrap_or_default();
                let lead = match names.as_slice() {
                    [one] => string_value(one).to_string(),
                    many => format!(
                        "[{}]",
                        many.iter()
                            .map(|n| string_value(n).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                text.push_str(&format!("lead = {}\n", lead.trim()));
                let comment = if a.completion.is_empty() {
                    String::new()
                } else {
                    format!("  # Completion: {}", comment_safe(&a.completion))
                };
                match read_deadline(&a.completion, opts.year) {
                    Some(Deadline::Every(period)) => {
                        text.push_str(&format!("every = \"{}\"{comment}\n", period.name()))
                    }
                    Some(Deadline::Due(days)) => {
                        let shown: Vec<String> = days
                            .iter()
                            .map(|(d, month)| {
                                if *month {
                                    format!("\"{}\"", d.format("%Y-%m"))
                                } else {
                                    d.to_string()
                                }
                            })
                            .collect();
                        let value = if shown.len() == 1 {
                            shown[0].clone()
                        } else {
                            format!("[{}]", shown.join(", "))
                        };
                        text.push_str(&format!("due = {value}{comment}\n"));
                    }
                    None => {
                        out.problems.push(format!(
                            "{r}: could not read the deadline \"{}\"; set to the end of the plan year ({})",
                            a.completion, opts.year.end
                        ));
                        text.push_str(&format!(
                            "# Deadline as the document gives it: \"{}\" (not understood; set to the year's end)\ndue = {}\n",
                            comment_safe(&a.completion).replace('"', "'"),
                            opts.year.end
                        ));
                    }
                }
            }
        }
        for a in p
            .actions
            .iter()
            .filter(|a| !objectives.iter().any(|o| o.number == a.objective))
        {
            out.problems.push(format!(
                "{}.{}.{}: objective {} is not in the document; the action was left out",
                p.number, a.objective, a.number, a.objective
            ));
        }
        let formatted = format(&text, FileKind::Priority).unwrap_or(text);
        // A repeated heading (a table header on every page) must not overwrite
        // the first file: the second gets its own name, and validation reports
        // the repeated priority number.
        let mut name = file_name(p);
        while names_used.contains(&name) {
            name = name.replacen(".toml", "-again.toml", 1);
        }
        names_used.push(name.clone());
        out.files.push((name, formatted));
    }
    out
}

/// Text that can stand in a TOML comment: no line breaks or control characters.
fn comment_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn board_text(opts: &Options, register: &Register) -> String {
    let mut text = format!(
        "name = {}\n\n[year]\nstart = {}\nend = {}\n",
        string_value(&opts.board_name),
        opts.year.start,
        opts.year.end
    );
    for lead in &register.leads {
        let key = if lead
            .key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            lead.key.clone()
        } else {
            string_value(&lead.key).to_string()
        };
        text.push_str(&format!(
            "\n[leads.{key}]\nname = {}\n",
            string_value(&lead.name)
        ));
        if !lead.aliases.is_empty() {
            let aliases: Vec<String> = lead
                .aliases
                .iter()
                .map(|a| string_value(a).to_string())
                .collect();
            text.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
        }
    }
    format(&text, FileKind::Board).unwrap_or(text)
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

/// The text of a Word file (`word/document.xml`): a line per paragraph, a table
/// row as one line with its cells separated by tabs, `<w:tab/>` as a tab and
/// `<w:br/>` as a line break.
pub fn docx_text(bytes: &[u8]) -> anyhow::Result<String> {
    use std::io::Read;

    use anyhow::Context;
    use quick_xml::events::Event;

    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .context("not a Word (.docx) file: it is not a zip archive")?;
    // A plan is a few hundred KB of text; a document claiming more than this is
    // refused rather than read into memory.
    const MAX_XML: u64 = 64 * 1024 * 1024;
    let entry = zip
        .by_name("word/document.xml")
        .context("not a Word (.docx) file: it has no word/document.xml")?;
    let mut xml = String::new();
    entry
        .take(MAX_XML + 1)
        .read_to_string(&mut xml)
        .context("word/document.xml is not UTF-8")?;
    if xml.len() as u64 > MAX_XML {
        anyhow::bail!("word/document.xml is larger than 64 MiB; is this a business plan?");
    }

    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut cell_depth = 0usize;
    let mut row = String::new();
    let mut cell = String::new();
    let mut para = String::new();
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .context("word/document.xml is not well-formed XML")?
        {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tc" => {
                    cell_depth += 1;
                    cell.clear();
                }
                "tr" => row.clear(),
                "p" => para.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => para.push('\t'),
                "br" | "cr" => para.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let c = match r.resolve_char_ref().ok().flatten() {
                    Some(c) => Some(c),
                    None => match name.as_ref() {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                para.extend(c);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" if cell_depth > 0 => {
                    if !cell.is_empty() && !para.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&para);
                }
                "p" => {
                    out.push_str(&para);
                    out.push('\n');
                }
                "tc" => {
                    cell_depth = cell_depth.saturating_sub(1);
                    if !row.is_empty() {
                        row.push('\t');
                    }
                    row.push_str(cell.trim());
                }
                "tr" => {
                    out.push_str(&row);
                    out.push('\n');
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year() -> PlanYear {
        PlanYear {
            start: date::parse_iso("2017-04-01").unwrap(),
            end: date::parse_iso("2018-03-31").unwrap(),
        }
    }

    fn due(s: &str) -> Option<Vec<String>> {
        match read_deadline(s, year())? {
            Deadline::Due(d) => Some(d.iter().map(|(d, _)| d.to_string()).collect()),
            Deadline::Every(p) => Some(vec![format!("every {}", p.name())]),
        }
    }

    #[test]
    fn deadline_wording_as_boards_write_it() {
        let cases: &[(&str, &[&str])] = &[
            ("May 17", &["2017-05-31"]),
            ("Sept 17", &["2017-09-30"]),
            ("Sep 17", &["2017-09-30"]),
            ("December 2017", &["2017-12-31"]),
            ("Jan 18", &["2018-01-31"]),
            ("june 2017", &["2017-06-30"]),
            ("24 May 2017", &["2017-05-24"]),
            ("2017-05", &["2017-05-31"]),
            ("Quarterly", &["every quarter"]),
            ("Quarterly reports", &["every quarter"]),
            ("Twice yearly", &["every half-year"]),
            ("6 monthly", &["every half-year"]),
            ("half-yearly", &["every half-year"]),
            ("Annually", &["every year"]),
            ("annual", &["every year"]),
            ("Monthly", &["every month"]),
            ("Two during 2017 - 18", &["2017-09-30", "2018-03-31"]),
        ];
        for (text, expected) in cases {
            let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            assert_eq!(due(text), Some(expected), "{text}");
        }
        for unreadable in ["ongoing", "TBC", "", "Mayday 17", "May 171"] {
            assert_eq!(due(unreadable), None, "{unreadable}");
        }
    }

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

    #[test]
    fn list_markup_becomes_lines() {
        assert_eq!(
            clean_text(
                "<ul style=\"list-style-type: none\"> Ideas: <ul style=\"x\"> One (JS) <li>Two"
            ),
            "Ideas:\n- One (JS)\n- Two"
        );
        assert_eq!(
            clean_text("Oversight of: <ul> • Corporate parenting • FGM"),
            "Oversight of:\n- Corporate parenting\n- FGM"
        );
        assert_eq!(clean_text("plain  text <b>bold</b>"), "plain text bold");
        assert_eq!(clean_text("a < b"), "a < b");
    }

    #[test]
    fn the_structure_is_read_with_broken_fields_joined() {
        let text = "Business Plan 2017/18\n\nSTRATEGIC PRIORITY 1:\t\nThe statement\t\n1\tFirst objective\n1.1\tDo it Completion: May 17 Lead: Board Manager; SGS\n\n\tCollege Chaplain\n2\tEmpty objective\n\nSTRATEGIC PRIORITY 2:\n\nSecond statement\n1\tObjective\n1.1\tCell text\tMay 17\tBoard Manager\n";
        let raw = parse(text);
        assert_eq!(raw.year_hint, Some(2017));
        assert_eq!(raw.priorities.len(), 2);
        let p = &raw.priorities[0];
        assert_eq!(p.title, "The statement");
        assert_eq!(p.objectives.len(), 2);
        assert_eq!(p.actions[0].lead, "Board Manager; SGS College Chaplain");
        assert_eq!(p.actions[0].completion, "May 17");
        assert_eq!(raw.priorities[1].title, "Second statement");
        let cell = &raw.priorities[1].actions[0];
        assert_eq!(
            (
                cell.description.as_str(),
                cell.completion.as_str(),
                cell.lead.as_str()
            ),
            ("Cell text", "May 17", "Board Manager")
        );
    }
}
