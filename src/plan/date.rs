//! Dates as the plan writes them: TOML dates, `"YYYY-MM"` months, and hints for human spellings.

use chrono::{Months, NaiveDate};

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Parses a `"YYYY-MM"` month string to the month's last day.
pub fn parse_month(s: &str) -> Option<NaiveDate> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    month_end(y.parse().ok()?, m.parse().ok()?)
}

/// Parses a full ISO date `YYYY-MM-DD` (as typed on the command line).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A suggestion for a deadline written the way people write it ("May 17",
/// "Sept 2017", "2017-05-24" in quotes): what to write instead.
pub fn suggest_for(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(d) = parse_iso(t) {
        return Some(format!("write the date without quotes: {d}"));
    }
    if let Some(d) = super::load::mistakes::uk_date(t) {
        return Some(format!(
            "dates are written year-month-day, without quotes: {d} ({})",
            d.format("%-d %B %Y")
        ));
    }
    let mut words = t.split_whitespace();
    let (month, year) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let month = month_number(month)?;
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    let d = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(format!(
        "write \"{}\" for {}",
        d.format("%Y-%m"),
        d.format("%B %Y")
    ))
}

/// The month number of an English month name or abbreviation ("Sept", "sep", "September").
pub fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(&w))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_end_on_their_last_day() {
        let cases = [
            ("2017-05", Some(d(2017, 5, 31))),
            ("2018-02", Some(d(2018, 2, 28))),
            ("2016-02", Some(d(2016, 2, 29))),
            ("2017-12", Some(d(2017, 12, 31))),
            ("2017-13", None),
            ("2017-00", None),
            ("2017-5", None),
            ("May 17", None),
            ("+017-05", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_month(text), expected, "{text}");
        }
    }

    #[test]
    fn human_spellings_get_a_suggestion() {
        let cases = [
            ("May 17", Some("write \"2017-05\" for May 2017")),
            ("Sept 17", Some("write \"2017-09\" for September 2017")),
            ("December 2017", Some("write \"2017-12\" for December 2017")),
            (
                "2017-05-24",
                Some("write the date without quotes: 2017-05-24"),
            ),
            ("Ma 17", None),
            ("soon", None),
        ];
        for (text, expected) in cases {
            assert_eq!(suggest_for(text).as_deref(), expected, "{text}");
        }
    }
}
