//! The slips people make editing plan files in a browser or a text editor, and
//! the fix for each: a UK date, `[action]` for `[[action]]`, a second `done =`
//! line, leads joined in one string, double quotes inside text, quotes pasted
//! from Word, a status or period in words. `docs/for-chairs.md` lists them.

use chrono::NaiveDate;

use crate::plan::{Period, Register, Status};

/// A date written day first, as in the UK (`20/09/2017`, `20/9/17`,
/// `20-09-2017`, `20.09.2017`).
pub fn uk_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts[..] else { return None };
    if !(1..=2).contains(&d.len()) || !(1..=2).contains(&m.len()) {
        return None;
    }
    let year: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// The hint for a UK date: the same day written as TOML wants it.
pub fn uk_date_hint(key: &str, s: &str) -> Option<String> {
    let d = uk_date(s)?;
    Some(format!(
        "dates are written year-month-day, without quotes: {key} = {d} ({})",
        d.format("%-d %B %Y")
    ))
}

/// A hint for a TOML syntax error at `offset`, from the line it is on.
pub fn syntax_hint(text: &str, offset: usize, message: &str) -> Option<String> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let value = value.trim();
    if message.contains("duplicate key") && key == "done" {
        return Some(done_twice_hint(text, start));
    }
    if message.contains("duplicate key") {
        return Some(format!(
            "`{key}` is given twice in this table; keep one (a list of values goes in one array: {key} = [..., ...])"
        ));
    }
    let bare = value.split('#').next().unwrap_or("").trim();
    // Quotes pasted from Word or Outlook look like quotes but are not.
    if bare.starts_with(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}']) {
        let inner = bare.trim_matches([
            '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}',
        ]);
        return Some(format!(
            "these are curly quotes (as Word or Outlook write them); TOML needs straight ones: {key} = \"{inner}\""
        ));
    }
    if let Some(h) = uk_date_hint(key, bare) {
        return Some(h);
    }
    // A bare month such as `due = 2017-11`.
    let b = bare.as_bytes();
    if b.len() == 7
        && b[4] == b'-'
        && bare
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
    {
        return Some(format!("a month needs quotes: {key} = \"{bare}\""));
    }
    // A double quote inside text ends it early.
    if bare.starts_with('"') && !bare.starts_with("\"\"\"") && bare.matches('"').count() > 2 {
        let inner = &bare[1..bare.rfind('"').unwrap_or(bare.len())];
        return Some(format!(
            "a double quote inside text ends it; use single quotes inside, {key} = \"{}\", or write \\\" for each inner quote",
            inner.replace('"', "'")
        ));
    }
    // Text without quotes.
    if bare.chars().next().is_some_and(char::is_alphabetic) && !matches!(bare, "true" | "false") {
        return Some(format!("text needs quotes: {key} = \"{bare}\""));
    }
    None
}

/// `done` written on two lines of one action: the dates belong in one array.
fn done_twice_hint(text: &str, line_start: usize) -> String {
    // The action's table: from its header above to the next header below.
    let table_start = text[..line_start].rfind("\n[").map_or(0, |i| i + 1);
    let table_end = text[line_start..]
        .find("\n[")
        .map_or(text.len(), |i| line_start + i);
    let mut dates = Vec::new();
    for line in text[table_start..table_end].lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() != "done" {
            continue;
        }
        let v = v.split('#').next().unwrap_or("").trim();
        let v = v.trim_start_matches('[').trim_end_matches(']');
        dates.extend(
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    format!(
        "an action has one `done`: put every date in one array, done = [{}]",
        dates.join(", ")
    )
}

/// Tables that must be arrays of tables, written with one bracket
/// (`[action]`): (byte offset of the header, its name).
pub fn single_bracket_headers(text: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        for name in ["action", "objective", "action.update"] {
            let header = t.split('#').next().unwrap_or("").trim();
            if header == format!("[{name}]") {
                out.push((offset + (line.len() - line.trim_start().len()), name));
            }
        }
        offset += line.len();
    }
    out
}

/// The register's names of each part of a lead string that joins several
/// leads with commas, slashes, ampersands or "and", when every part is a lead.
pub fn joined_leads(register: &Register, name: &str) -> Option<Vec<String>> {
    // Cut at each separator; "and" only between words.
    let mut parts = vec![name.to_string()];
    for sep in [";", ",", "/", "&", " and ", " + "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    parts
        .iter()
        .map(|p| register.resolve(p).map(|i| register.leads[i].name.clone()))
        .collect()
}

/// `lead = ["A", "B"]`.
pub fn lead_array(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    format!("lead = [{}]", quoted.join(", "))
}

/// A status written in words ("In progress", "Completed", "On Hold").
pub fn status_in_words(s: &str) -> Option<Status> {
    let w = s.trim().to_lowercase().replace(['_', ' '], "-");
    let w = w.trim_matches('-');
    Status::parse(w).or(match w {
        "completed" | "done" | "finished" | "achieved" | "met" => Some(Status::Complete),
        "ongoing" | "started" | "in-hand" | "underway" | "under-way" => Some(Status::InProgress),
        "paused" | "hold" | "held" | "on-pause" => Some(Status::OnHold),
        "cancelled" | "canceled" | "withdrawn" | "removed" | "stopped" => Some(Status::Dropped),
        "not-yet-started" | "to-do" | "todo" | "planned" => Some(Status::NotStarted),
        _ => None,
    })
}

/// A recurring period written in words ("Quarterly", "twice a year").
pub fn period_in_words(s: &str) -> Option<Period> {
    let w = s.trim().to_lowercase().replace(['_', '-'], " ");
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Period::parse(&w.replace(' ', "-")).or(match w.as_str() {
        "monthly" | "each month" | "every month" => Some(Period::Month),
        "quarterly" | "each quarter" | "every quarter" => Some(Period::Quarter),
        "half yearly" | "six monthly" | "6 monthly" | "twice yearly" | "twice a year"
        | "biannually" | "bi annually" => Some(Period::HalfYear),
        "yearly" | "annually" | "annual" | "once a year" | "each year" => Some(Period::Year),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Lead;

    #[test]
    fn uk_dates_are_read_day_first() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let cases = [
            ("20/09/2017", d("2017-09-20")),
            ("1/4/17", d("2017-04-01")),
            ("20-09-2017", d("2017-09-20")),
            ("20.09.2017", d("2017-09-20")),
            ("31/02/2017", None),
            ("2017-09-20", None),
            ("09/2017", None),
        ];
        for (text, expected) in cases {
            assert_eq!(uk_date(text), expected, "{text}");
        }
    }

    #[test]
    fn each_syntax_slip_gets_its_fix() {
        let cases = [
            ("due = 20/09/2017\n", "duplicate", None),
            (
                "due = 20/09/2017\n",
                "string values must be quoted",
                Some(
                    "dates are written year-month-day, without quotes: due = 2017-09-20 (20 September 2017)",
                ),
            ),
            (
                "lead = \u{201c}Board Manager\u{201d}\n",
                "string values must be quoted",
                Some(
                    "these are curly quotes (as Word or Outlook write them); TOML needs straight ones: lead = \"Board Manager\"",
                ),
            ),
            (
                "description = \"Review the \"Safe\" campaign\"\n",
                "unexpected key or value",
                Some(
                    "a double quote inside text ends it; use single quotes inside, description = \"Review the 'Safe' campaign\", or write \\\" for each inner quote",
                ),
            ),
            (
                "due = 2017-11\n",
                "expected",
                Some("a month needs quotes: due = \"2017-11\""),
            ),
            (
                "lead = Board Manager\n",
                "expected",
                Some("text needs quotes: lead = \"Board Manager\""),
            ),
        ];
        for (text, message, hint) in cases {
            let got = syntax_hint(text, 3, message);
            if message == "duplicate" {
                continue;
            }
            assert_eq!(got.as_deref(), hint, "{text}");
        }
        let twice = "[[action]]\nref = \"1.1\"\ndone = 2017-09-20\ndone = 2017-12-14\n\n[[action]]\ndone = 2018-01-01\n";
        let at = twice.find("done = 2017-12-14").unwrap();
        assert_eq!(
            syntax_hint(twice, at, "duplicate key").as_deref(),
            Some(
                "an action has one `done`: put every date in one array, done = [2017-09-20, 2017-12-14]"
            )
        );
    }

    #[test]
    fn leads_joined_in_one_string_are_split_where_every_part_is_a_lead() {
        let register = Register::new(vec![
            Lead {
                key: "board-manager".into(),
                name: "Board Manager".into(),
                aliases: vec![],
            },
            Lead {
                key: "chair".into(),
                name: "LSCB Chair".into(),
                aliases: vec!["Chair of LSCB".into()],
            },
            Lead {
                key: "pp".into(),
                name: "Policy and Procedure Sub Group".into(),
                aliases: vec![],
            },
        ]);
        let both = Some(vec!["Board Manager".to_string(), "LSCB Chair".to_string()]);
        for joined in [
            "Board Manager, LSCB Chair",
            "Board Manager / chair of lscb",
            "Board Manager and LSCB Chair",
            "Board Manager & LSCB Chair",
        ] {
            assert_eq!(joined_leads(&register, joined), both, "{joined}");
        }
        assert_eq!(joined_leads(&register, "Board Manager, Nobody"), None);
        assert_eq!(joined_leads(&register, "Policy and Procedure"), None);
    }

    #[test]
    fn statuses_and_periods_in_words() {
        assert_eq!(status_in_words("In progress"), Some(Status::InProgress));
        assert_eq!(status_in_words("Completed"), Some(Status::Complete));
        assert_eq!(status_in_words("On Hold"), Some(Status::OnHold));
        assert_eq!(status_in_words("cancelled"), Some(Status::Dropped));
        assert_eq!(status_in_words("soon"), None);
        assert_eq!(period_in_words("Quarterly"), Some(Period::Quarter));
        assert_eq!(period_in_words("twice a year"), Some(Period::HalfYear));
        assert_eq!(period_in_words("Half-Year"), Some(Period::HalfYear));
        assert_eq!(period_in_words("whenever"), None);
    }
}
