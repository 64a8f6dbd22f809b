//! Calendars as iCalendar (RFC 5545): all-day events a calendar program
//! subscribes to. Written by hand rather than with a crate: the format is a
//! few dozen lines of rules, and the crate's defaults (a random UID, the clock
//! as DTSTAMP, an all-day DTEND equal to DTSTART, a lone CR left raw) are each
//! something lscb must not do.
//!
//! - Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
//!   character or an escape, and a folded line never begins with `::` (so no
//!   line can start a GitHub Actions workflow command).
//! - Text is made inert first (`neutral::block`: control characters shown),
//!   then escaped: `\` `;` `,` and line breaks.
//! - An all-day event is `DTSTART;VALUE=DATE` and `DTEND;VALUE=DATE` the day
//!   after (DTEND is exclusive), with `TRANSP:TRANSPARENT` so a deadline never
//!   makes its lead look busy.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::neutral;
use crate::doc::Calendar;

/// The most octets on one line, CRLF not counted (RFC 5545 3.1).
const LIMIT: usize = 75;

pub fn write(cal: &Calendar, out: &mut impl Write) -> io::Result<()> {
    let stamp = format!("{}T000000Z", day(cal.stamp));
    let mut w = Lines(out);
    w.raw("BEGIN:VCALENDAR")?;
    w.raw("VERSION:2.0")?;
    w.raw("PRODID:-//lscb//lscb calendar//EN")?;
    w.raw("CALSCALE:GREGORIAN")?;
    w.raw("METHOD:PUBLISH")?;
    // The name calendar programs show (RFC 7986 NAME; Outlook and Apple read
    // X-WR-CALNAME), and how often a subscriber fetches the feed again.
    w.text("NAME", &cal.name)?;
    w.text("X-WR-CALNAME", &cal.name)?;
    w.raw("REFRESH-INTERVAL;VALUE=DURATION:P1D")?;
    w.raw("X-PUBLISHED-TTL:P1D")?;
    for e in &cal.events {
        w.raw("BEGIN:VEVENT")?;
        w.text("UID", &e.uid)?;
        w.raw(&format!("DTSTAMP:{stamp}"))?;
        w.raw(&format!("DTSTART;VALUE=DATE:{}", day(e.day)))?;
        let end = e.day.succ_opt().unwrap_or(e.day);
        w.raw(&format!("DTEND;VALUE=DATE:{}", day(end)))?;
        w.text("SUMMARY", &e.summary)?;
        w.text("DESCRIPTION", &e.description)?;
        w.raw("TRANSP:TRANSPARENT")?;
        w.raw("END:VEVENT")?;
    }
    w.raw("END:VCALENDAR")
}

/// A DATE value: `20240131`.
fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

struct Lines<'w, W: Write>(&'w mut W);

impl<W: Write> Lines<'_, W> {
    /// A line lscb writes whole (no data in it).
    fn raw(&mut self, line: &str) -> io::Result<()> {
        self.0.write_all(line.as_bytes())?;
        self.0.write_all(b"\r\n")
    }

    /// `NAME:value` with the value as TEXT: made inert, escaped, folded.
    fn text(&mut self, name: &str, value: &str) -> io::Result<()> {
        let mut units = vec![format!("{name}:")];
        units.extend(escaped(value));
        for (i, l) in fold(&units).iter().enumerate() {
            if i > 0 {
                self.0.write_all(b" ")?;
            }
            self.0.write_all(l.as_bytes())?;
            self.0.write_all(b"\r\n")?;
        }
        Ok(())
    }
}

/// A TEXT value as the pieces folding may not split: one character, or one
/// escape (`\\`, `\;`, `\,`, `\n`).
fn escaped(value: &str) -> Vec<String> {
    neutral::block(value)
        .chars()
        .map(|c| match c {
            '\\' => "\\\\".to_string(),
            ';' => "\\;".to_string(),
            ',' => "\\,".to_string(),
            '\n' => "\\n".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The pieces as lines of at most 75 octets, each line after the first to be
/// written after a space (which counts). No line begins with `::`: the break
/// moves back a piece at a time. Only hostile text (a run of colons longer
/// than a line) can make a line longer than 75 octets, which RFC 5545 allows
/// ("SHOULD NOT") and every reader unfolds the same.
fn fold(units: &[String]) -> Vec<String> {
    // Whether a line starting at piece `i` would begin with "::".
    let begins_command = |i: usize| {
        units[i..]
            .iter()
            .flat_map(|u| u.chars())
            .take(2)
            .eq("::".chars())
    };
    let mut lines = Vec::new();
    let (mut start, mut len, mut i) = (0, 0, 0);
    while let Some(u) = units.get(i) {
        let limit = if lines.is_empty() { LIMIT } else { LIMIT - 1 };
        if len + u.len() <= limit || i == start {
            len += u.len();
            i += 1;
            continue;
        }
        let mut at = i;
        while at > start + 1 && i - at < LIMIT && begins_command(at) {
            at -= 1;
        }
        if begins_command(at) {
            // In a run of colons: break at its last colon instead.
            len += u.len();
            i += 1;
            continue;
        }
        lines.push(units[start..at].concat());
        start = at;
        len = units[start..i].iter().map(String::len).sum();
    }
    lines.push(units[start..].concat());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Event;

    fn d(s: &str) -> NaiveDate {
        crate::plan::date::parse_iso(s).unwrap()
    }

    fn render(summary: &str, description: &str) -> String {
        let cal = Calendar {
            name: "Board, deadlines".into(),
            stamp: d("2024-01-15"),
            events: vec![Event {
                uid: "1.2.3-1@board".into(),
                day: d("2024-02-29"),
                summary: summary.into(),
                description: description.into(),
            }],
        };
        let mut out = Vec::new();
        write(&cal, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_event_is_a_whole_day_stamped_with_the_day_it_stands_for() {
        let ics = render("1.2.3 Audit", "Lead: Board Manager");
        for line in [
            "UID:1.2.3-1@board\r\n",
            "DTSTAMP:20240115T000000Z\r\n",
            "DTSTART;VALUE=DATE:20240229\r\n",
            "DTEND;VALUE=DATE:20240301\r\n",
            "X-WR-CALNAME:Board\\, deadlines\r\n",
        ] {
            assert!(ics.contains(line), "{line:?} in {ics}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn text_is_escaped_and_made_inert() {
        let ics = render("a, b; c\\d", "one\r\ntwo\u{1b}]52;c;x\u{7}\u{202e}three");
        assert!(ics.contains("SUMMARY:a\\, b\\; c\\\\d\r\n"), "{ics}");
        assert!(
            ics.contains("DESCRIPTION:one\\ntwo␛]52\\;c\\;x␇<U+202E>three\r\n"),
            "{ics}"
        );
        assert!(!ics.contains('\u{1b}'));
    }

    #[test]
    fn lines_fold_at_75_octets_between_characters_and_escapes() {
        let long = "é,".repeat(60) + &"x".repeat(200);
        let ics = render(&long, "");
        for l in ics.split("\r\n") {
            assert!(l.len() <= LIMIT, "{} octets: {l}", l.len());
            assert!(!l.ends_with('\\'), "an escape split: {l}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "é\\,".repeat(60))));
    }

    #[test]
    fn a_run_of_colons_longer_than_a_line_still_begins_no_line_with_two() {
        let ics = render(&format!("a{}b", ":".repeat(200)), "");
        for l in ics.split("\r\n") {
            assert!(!l.trim_start().starts_with("::"), "{l}");
        }
        assert!(
            ics.replace("\r\n ", "")
                .contains(&format!("SUMMARY:a{}b", ":".repeat(200)))
        );
    }

    #[test]
    fn no_folded_line_begins_a_workflow_command() {
        for n in 0..80 {
            let text = format!("{}::error::owned", "x".repeat(n));
            let ics = render(&text, &format!("{}\n::warning::x", "y".repeat(n)));
            for l in ics.split("\r\n") {
                assert!(!l.trim_start().starts_with("::"), "{l}");
            }
            // Folding changes nothing once unfolded.
            let whole = format!("SUMMARY:{}\r\n", escaped(&text).concat());
            assert!(ics.replace("\r\n ", "").contains(&whole), "{ics}");
        }
    }
}
