//! The text layout of a board's plan document (as the 2017/18 plan writes
//! it): "STRATEGIC PRIORITY N:" headings, "N<TAB>objective" and
//! "N.M<TAB>action … Completion: WHEN Lead: WHO" lines, HTML list fragments,
//! bullets, fields broken over lines. Pure: text in, structure out.

/// One action as the document writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawAction {
    pub objective: u32,
    pub number: u32,
    pub description: String,
    /// The deadline in the document's words (a date cell as `YYYY-MM-DD`).
    pub completion: String,
    pub lead: String,
    /// A tracker's RAG/Status cell.
    pub status: String,
    /// A tracker's Update/Progress cell.
    pub update: String,
    /// A tracker's Updated (date of update) cell.
    pub updated: String,
    /// A tracker's Impact/How will we know cell.
    pub impact: String,
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
/// The second year must follow the first, so a date ("2017-05-24") is not one.
pub fn year_hint(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(6)).find_map(|i| {
        let w = &b[i..i + 7];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && (w[4] == b'/' || w[4] == b'-') && digits(5..7)) {
            return None;
        }
        let after = b.get(i + 7);
        if after.is_some_and(u8::is_ascii_digit) || (i > 0 && b[i - 1].is_ascii_digit()) {
            return None;
        }
        let first: i32 = std::str::from_utf8(&w[..4]).ok()?.parse().ok()?;
        let second: i32 = std::str::from_utf8(&w[5..7]).ok()?.parse().ok()?;
        (second == (first + 1) % 100).then_some(first)
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
        ..RawAction::default()
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

#[cfg(test)]
mod tests {
    use super::*;

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
