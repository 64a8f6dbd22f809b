//! Deadline wording as boards write it ("May 17", "Quarterly reports",
//! "Two during 2017 - 18"), read into deadlines. Pure.

use chrono::NaiveDate;

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
}
