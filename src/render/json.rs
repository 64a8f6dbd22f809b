//! JSON: a report's rows in the contract's shapes, from `derive(Serialize)`.
//!
//! The one renderer that does not take the document: the contract fixes each
//! report's JSON shape, and the rows already hold it. Characters a terminal
//! would obey (C1 controls, bidirectional overrides) are written as `\uXXXX`
//! escapes, so the data reads back the same but cannot act when printed.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::neutral::json_escape;
use crate::doc::{Json, JsonFields};
use crate::error::json_io;

/// serde_json's pretty layout, escaping what `json_escape` names.
struct Neutral<'a>(PrettyFormatter<'a>);

impl Formatter for Neutral<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        // Everything `json_escape` names is DEL or above.
        if crate::doc::bytes_all(s.as_bytes(), |b| b < 0x7f) {
            return w.write_all(s.as_bytes());
        }
        let mut rest = s;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| json_escape(*c)) {
            w.write_all(&rest.as_bytes()[..at])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Pretty JSON with a final newline.
pub fn write<T: Serialize + ?Sized>(value: &T, out: &mut impl Write) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, Neutral(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(json_io)?;
    out.write_all(b"\n")
}

/// Rows written out this many bytes at a time.
const FLUSH: usize = 64 * 1024;

/// `write` for a report's rows, written from their `JsonFields` rather than
/// through serde: serde_json escapes every key and string byte by byte, 13
/// keys a row for `list`. A string with nothing to escape (every key, most
/// values) is copied as it is; any other goes through `write`'s own
/// formatter. The bytes are `write`'s.
pub fn write_rows<R: JsonFields>(rows: &[R], out: &mut impl Write) -> io::Result<()> {
    if rows.is_empty() {
        return out.write_all(b"[]\n");
    }
    let mut buf = Vec::with_capacity(FLUSH + 4096);
    buf.push(b'[');
    for (i, row) in rows.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        object(&mut buf, 1, |field| row.fields(field));
        if buf.len() >= FLUSH {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.extend_from_slice(b"\n]\n");
    out.write_all(&buf)
}

/// Two spaces a level, as serde_json's pretty layout.
fn indent(buf: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        buf.extend_from_slice(b"  ");
    }
}

/// An object whose opening brace is at `depth`: `{}` when it has no fields.
fn object(
    buf: &mut Vec<u8>,
    depth: usize,
    fields: impl FnOnce(&mut dyn FnMut(&'static str, Json<'_>)),
) {
    buf.push(b'{');
    let mut first = true;
    fields(&mut |key, value| {
        buf.extend_from_slice(if first { b"\n" } else { b",\n" });
        first = false;
        indent(buf, depth + 1);
        string(buf, key);
        buf.extend_from_slice(b": ");
        json_value(buf, depth + 1, value);
    });
    if !first {
        buf.push(b'\n');
        indent(buf, depth);
    }
    buf.push(b'}');
}

/// An array of `items` at `depth`: `[]` when empty.
fn array<T>(buf: &mut Vec<u8>, depth: usize, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    buf.push(b'[');
    for (i, x) in items.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        indent(buf, depth + 1);
        item(buf, x);
    }
    if !items.is_empty() {
        buf.push(b'\n');
        indent(buf, depth);
    }
    buf.push(b']');
}

fn json_value(buf: &mut Vec<u8>, depth: usize, value: Json<'_>) {
    match value {
        Json::Null | Json::Date(None) => buf.extend_from_slice(b"null"),
        Json::Int(n) => buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
        Json::Str(s) => string(buf, s),
        Json::Strs(items) => array(buf, depth, items, |buf, s| string(buf, s)),
        Json::Date(Some(d)) => date(buf, d),
        Json::Dates(ds) => array(buf, depth, ds, |buf, d| date(buf, *d)),
        Json::Object(fields) => object(buf, depth, |field| {
            for (key, value) in fields {
                field(key, *value);
            }
        }),
    }
}

/// A date as `report::iso` writes it: ISO, or chrono's text for a year
/// outside 0 to 9999.
fn date(buf: &mut Vec<u8>, d: chrono::NaiveDate) {
    match crate::doc::iso_bytes(d) {
        Some(bytes) => {
            buf.push(b'"');
            buf.extend_from_slice(&bytes);
            buf.push(b'"');
        }
        None => string(buf, &d.to_string()),
    }
}

/// A JSON string: copied when no byte needs escaping (printable ASCII but
/// `"` and `\\`), else through `write`'s formatter.
fn string(buf: &mut Vec<u8>, s: &str) {
    let plain = crate::doc::bytes_all(s.as_bytes(), |b| {
        (b.wrapping_sub(b' ') < 95) & (b != b'"') & (b != b'\\')
    });
    if plain {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        let mut ser =
            serde_json::Serializer::with_formatter(&mut *buf, Neutral(PrettyFormatter::new()));
        // Writing a string to a Vec cannot fail.
        let _ = s.serialize(&mut ser);
    }
}

/// The same, as a string.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    // Writing to a Vec fails only if the value cannot be serialized, which
    // derived types cannot.
    let _ = write(value, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A date as the reports' rows serialize one (`report::iso`, which a
    /// renderer does not import): ISO, or chrono's text outside 0 to 9999.
    fn iso<S: serde::Serializer>(d: &chrono::NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        match crate::doc::iso_bytes(*d) {
            Some(bytes) => s.serialize_str(std::str::from_utf8(&bytes).unwrap()),
            None => s.collect_str(d),
        }
    }

    fn isos<S: serde::Serializer>(ds: &[chrono::NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct One(#[serde(serialize_with = "iso")] chrono::NaiveDate);
        s.collect_seq(ds.iter().map(|d| One(*d)))
    }

    /// A row of every kind of value, serialized as a report's rows are.
    #[derive(Serialize)]
    struct Row<'a> {
        text: &'a str,
        count: u64,
        items: Vec<&'a str>,
        #[serde(serialize_with = "isos")]
        days: Vec<chrono::NaiveDate>,
        none: Option<&'a str>,
        inner: Inner<'a>,
    }

    #[derive(Serialize)]
    struct Inner<'a> {
        #[serde(serialize_with = "iso")]
        day: chrono::NaiveDate,
        text: &'a str,
    }

    impl JsonFields for Row<'_> {
        fn fields(&self, field: &mut dyn FnMut(&'static str, Json<'_>)) {
            field("text", Json::Str(self.text));
            field("count", Json::Int(self.count));
            field("items", Json::Strs(&self.items));
            field("days", Json::Dates(&self.days));
            field("none", Json::Null);
            field(
                "inner",
                Json::Object(&[
                    ("day", Json::Date(Some(self.inner.day))),
                    ("text", Json::Str(self.inner.text)),
                ]),
            );
        }
    }

    proptest::proptest! {
        /// `write_rows` gives `write`'s bytes, whatever the text and dates.
        #[test]
        fn rows_written_from_their_fields_are_serde_json_byte_for_byte(
            rows in proptest::collection::vec(
                (
                    proptest::prelude::any::<String>(),
                    proptest::prelude::any::<u64>(),
                    proptest::collection::vec("[ -~]{0,6}|\\PC{0,4}|[\\x00-\\x1f\\x7f-\\u{9f}\"\\\\]{1,3}", 0..3),
                    proptest::collection::vec(-1_000_000i32..5_000_000, 0..3),
                ),
                0..4,
            )
        ) {
            let rows: Vec<Row<'_>> = rows
                .iter()
                .map(|(text, count, items, days)| Row {
                    text,
                    count: *count,
                    items: items.iter().map(String::as_str).collect(),
                    days: days
                        .iter()
                        .filter_map(|n| chrono::NaiveDate::from_num_days_from_ce_opt(*n))
                        .collect(),
                    none: None,
                    inner: Inner {
                        day: chrono::NaiveDate::from_num_days_from_ce_opt(*count as i32 % 4_000_000)
                            .unwrap_or_default(),
                        text: items.first().map_or("", String::as_str),
                    },
                })
                .collect();
            let mut fast = Vec::new();
            write_rows(&rows, &mut fast).unwrap();
            proptest::prop_assert_eq!(
                String::from_utf8(fast).unwrap(),
                to_string(&rows)
            );
        }
    }

    #[test]
    fn json_escapes_what_a_terminal_would_obey_and_reads_back_the_same() {
        let data = ["\u{1b}[2J", "a\u{202e}b", "c1\u{9b}x", "plain é"];
        let text = to_string(&data);
        assert_eq!(
            text,
            "[\n  \"\\u001b[2J\",\n  \"a\\u202eb\",\n  \"c1\\u009bx\",\n  \"plain é\"\n]\n"
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, data);
    }
}
