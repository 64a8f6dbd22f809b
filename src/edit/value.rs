//! Values as plan files write them: dates, strings (through `toml_writer`),
//! and the file's own line endings kept.

use chrono::{Datelike, NaiveDate};
use toml_edit::Value;
use toml_writer::{ToTomlValue, TomlStringBuilder};

/// The original file's line endings (CRLF or LF) and byte-order mark, which
/// toml_edit does not keep, put back on the edited text.
pub fn keep_style(original: &str, edited: String) -> String {
    let crlf = original.matches("\r\n").count();
    let lines = original.matches('\n').count();
    let mut out = edited.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    if crlf > 0 && crlf * 2 >= lines {
        out = out.replace('\n', "\r\n");
    }
    if original.starts_with('\u{feff}') {
        out.insert(0, '\u{feff}');
    }
    out
}

/// Whether a date can be written in TOML (a four-digit year).
pub fn writable(d: NaiveDate) -> bool {
    (0..=9999).contains(&d.year())
}

/// A bare TOML date (the caller checks `writable`).
pub fn date_value(d: NaiveDate) -> Value {
    let date = toml_edit::Date {
        year: u16::try_from(d.year()).unwrap_or(0),
        month: u8::try_from(d.month()).unwrap_or(0),
        day: u8::try_from(d.day()).unwrap_or(0),
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A string as a basic string, or a multi-line basic string (opening
/// delimiter, then a line break) when it holds line breaks.
pub fn string_value(s: &str) -> Value {
    let repr = if s.contains('\n') {
        // A CRLF file's line breaks inside a multi-line string are written as
        // line breaks; the file's own line endings are restored on writing.
        let lf = s.replace("\r\n", "\n");
        TomlStringBuilder::new(&lf).as_ml_basic().to_toml_value()
    } else {
        TomlStringBuilder::new(s).as_basic().to_toml_value()
    };
    repr.parse().unwrap_or_else(|_| Value::from(s))
}
