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
