//! Deadline wording as boards and trackers write it ("May 17", "31/12/2020",
//! "Q3", "end of March 2021", "Quarterly reports", "Two during 2017 - 18",
//! "30 June 2017, 31 December 2017"), read into deadlines. Pure.

use chrono::{Datelike, NaiveDate};

use crate::plan::load::mistakes::{period_in_words, uk_date};
use crate::plan::{Period, PlanYear, date};

/// A deadline as the document words it, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// Month ends ("May 17") or days ("24 May 2017"): (day, written as a month).
    Due(Vec<(NaiveDate, bool)>),
    Every(Period),
}

/// Reads deadline wording as boards write it; `None` when it cannot.
pub fn read_deadline(raw: &str, year: PlanYear) -> Option<Deadline> {
    let t = words(raw);
    if let Some(p) = read_period(&t) {
        return Some(Deadline::Every(p));
    }
    if t.starts_with("two during") || t.starts_with("twice during") {
        let halves = crate::plan::schedule::every(year, Period::HalfYear);
        return Some(Deadline::Due(
            halves.into_iter().map(|d| (d, true)).collect(),
        ));
    }
    if let Some(one) = read_one(&t, year) {
        return Some(Deadline::Due(vec![one]));
    }
    // Several deadlines in one cell, as `lscb document` writes them and boards
    // list them: "30 June 2017, 31 December 2017", "May 2017; Nov 2017".
    let parts: Vec<&str> = t
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let mut days = parts
        .iter()
        .map(|p| read_one(p, year))
        .collect::<Option<Vec<_>>>()?;
    days.sort();
    days.dedup();
    Some(Deadline::Due(days))
}

/// A single day written as trackers write one: ISO (`2017-05-24`, as a
/// spreadsheet date cell arrives), UK (`24/05/2017`), or in words
/// ("24 May 2017", "24th May 17"). For update dates.
pub fn read_day(raw: &str) -> Option<NaiveDate> {
    let t = words(raw);
    if let Some(d) = date::parse_iso(&t).or_else(|| uk_date(&t)) {
        return Some(d);
    }
    match t.split(' ').collect::<Vec<_>>().as_slice() {
        [d, m, y] => day_month_year(d, m, y),
        _ => None,
    }
}

/// Lower case, single spaces, no closing full stop.
fn words(raw: &str) -> String {
    let t = raw.trim().trim_end_matches('.').to_lowercase();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A recurring deadline in words: "Quarterly", "6 monthly", "Every half-year".
fn read_period(t: &str) -> Option<Period> {
    match t {
        "quarterly reports" | "each quarter" => return Some(Period::Quarter),
        "annual report" => return Some(Period::Year),
        _ => {}
    }
    if let Some(p) = period_in_words(t) {
        return Some(p);
    }
    let rest = t
        .strip_prefix("every ")
        .or_else(|| t.strip_prefix("each "))?;
    match rest {
        "3 months" | "three months" => Some(Period::Quarter),
        "6 months" | "six months" => Some(Period::HalfYear),
        "12 months" | "twelve months" => Some(Period::Year),
        _ => Period::parse(&rest.replace(' ', "-")),
    }
}

/// One deadline: a day or a month end, or the end of a quarter of the plan year.
fn read_one(t: &str, year: PlanYear) -> Option<(NaiveDate, bool)> {
    let t = strip_lead_in(t);
    if let Some(d) = date::parse_month(t) {
        return Some((d, true));
    }
    if let Some(d) = date::parse_iso(t).or_else(|| uk_date(t)) {
        return Some((d, false));
    }
    if let Some(d) = quarter_end(t, year) {
        return Some((d, d == month_end_of(d)));
    }
    // "March 2021", "Mar-21", "Sept 17".
    let words: Vec<&str> = t.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [m, y] => {
            let d = date::month_end(year_of(y)?, date::month_number(m)?)?;
            Some((d, true))
        }
        [d, m, y] => Some((day_month_year(d, m, y)?, false)),
        _ => None,
    }
}

/// "by", "end of", "by the end of" and the like before a date.
fn strip_lead_in(t: &str) -> &str {
    const LEAD_INS: &[&str] = &[
        "by the end of ",
        "by end of ",
        "by end ",
        "the end of ",
        "end of ",
        "end ",
        "no later than ",
        "before ",
        "by ",
        "due ",
    ];
    let mut t = t.trim();
    while let Some(rest) = LEAD_INS.iter().find_map(|p| t.strip_prefix(p)) {
        t = rest.trim();
    }
    t
}

/// "Q3", "Quarter 3", "Qtr 3" (optionally "Q3 2017/18"): the last day of that
/// quarter of the plan year.
fn quarter_end(t: &str, year: PlanYear) -> Option<NaiveDate> {
    let rest = ["quarter ", "qtr ", "q"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    let mut words = rest.split(' ');
    let n: usize = words.next()?.trim().parse().ok()?;
    // A year label after it must be the plan year's own ("2017/18", "2017-18").
    if let Some(label) = words.next() {
        let first: i32 = label.get(..4)?.parse().ok()?;
        if first != year.start.year() || words.next().is_some() {
            return None;
        }
    }
    let ends = crate::plan::schedule::every(year, Period::Quarter);
    ends.get(n.checked_sub(1)?).copied()
}

fn month_end_of(d: NaiveDate) -> NaiveDate {
    date::month_end(d.year(), d.month()).unwrap_or(d)
}

fn year_of(w: &str) -> Option<i32> {
    if !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match w.len() {
        2 => Some(2000 + w.parse::<i32>().ok()?),
        4 => w.parse().ok(),
        _ => None,
    }
}

/// "24 May 2017", "24th may 17".
fn day_month_year(d: &str, m: &str, y: &str) -> Option<NaiveDate> {
    let digits = d.trim_end_matches(|c: char| c.is_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(&d[digits.len()..], "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    NaiveDate::from_ymd_opt(year_of(y)?, date::month_number(m)?, digits.parse().ok()?)
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
            Deadline::Due(d) => Some(
                d.iter()
                    .map(|(d, month)| {
                        if *month {
                            d.format("%Y-%m").to_string()
                        } else {
                            d.to_string()
                        }
                    })
                    .collect(),
            ),
            Deadline::Every(p) => Some(vec![format!("every {}", p.name())]),
        }
    }

    #[test]
    fn deadline_wording_as_boards_write_it() {
        let cases: &[(&str, &[&str])] = &[
            ("May 17", &["2017-05"]),
            ("Sept 17", &["2017-09"]),
            ("Sep 17", &["2017-09"]),
            ("December 2017", &["2017-12"]),
            ("Jan 18", &["2018-01"]),
            ("june 2017", &["2017-06"]),
            ("24 May 2017", &["2017-05-24"]),
            ("2017-05", &["2017-05"]),
            ("Quarterly", &["every quarter"]),
            ("Quarterly reports", &["every quarter"]),
            ("Twice yearly", &["every half-year"]),
            ("6 monthly", &["every half-year"]),
            ("half-yearly", &["every half-year"]),
            ("Annually", &["every year"]),
            ("annual", &["every year"]),
            ("Monthly", &["every month"]),
            ("Two during 2017 - 18", &["2017-09", "2018-03"]),
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
    fn deadline_wording_as_trackers_and_lscb_document_write_it() {
        let cases: &[(&str, &[&str])] = &[
            ("31/12/2017", &["2017-12-31"]),
            ("1/6/17", &["2017-06-01"]),
            ("31.01.2018", &["2018-01-31"]),
            ("2017-11-30", &["2017-11-30"]),
            ("Q3", &["2017-12"]),
            ("q1", &["2017-06"]),
            ("Quarter 4", &["2018-03"]),
            ("Qtr 2", &["2017-09"]),
            ("end of Q2", &["2017-09"]),
            ("Q3 2017/18", &["2017-12"]),
            ("end of March 2018", &["2018-03"]),
            ("End March 2018", &["2018-03"]),
            ("By the end of November 2017", &["2017-11"]),
            ("by 30/09/2017", &["2017-09-30"]),
            ("Mar-18", &["2018-03"]),
            ("31st May 2017", &["2017-05-31"]),
            ("31 May 2017", &["2017-05-31"]),
            ("May 2017", &["2017-05"]),
            ("Every half-year", &["every half-year"]),
            ("Every quarter", &["every quarter"]),
            ("every month", &["every month"]),
            ("Every year", &["every year"]),
            ("every 6 months", &["every half-year"]),
            (
                "30 June 2017, 31 December 2017",
                &["2017-06-30", "2017-12-31"],
            ),
            ("May 2017, November 2017", &["2017-05", "2017-11"]),
            ("31/12/2017; 31/03/2018", &["2017-12-31", "2018-03-31"]),
        ];
        for (text, expected) in cases {
            let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            assert_eq!(due(text), Some(expected), "{text}");
        }
        for unreadable in [
            "Q5",
            "Q0",
            "Q3 2019/20",
            "31/13/2017",
            "ongoing, May 2017",
            "end of the year",
            "32nd May 2017",
            "5x May 2017",
        ] {
            assert_eq!(due(unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn update_days_in_each_spelling() {
        let d = date::parse_iso("2017-06-10");
        for text in [
            "2017-06-10",
            "10/06/2017",
            "10/6/17",
            "10 June 2017",
            "10th Jun 2017",
        ] {
            assert_eq!(read_day(text), d, "{text}");
        }
        assert_eq!(read_day("June 2017"), None);
        assert_eq!(read_day("soon"), None);
    }
}
