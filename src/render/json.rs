//! JSON: a report's rows in the contract's shapes, from `derive(Serialize)`.
//!
//! The one renderer that does not take the document: the contract fixes each
//! report's JSON shape, and the rows already hold it.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::json_io;

/// Pretty JSON with a final newline.
pub fn write<T: Serialize + ?Sized>(value: &T, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(json_io)?;
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
