//! The canonical layout of plan files (`lscb fmt`), comments kept. Pure.
//!
//! The layout: keys in the contract's order; one blank line before every table
//! header; no blank lines or indentation between a table's keys; `key = value`
//! with single spaces and a trailing comment two spaces after the value; strings
//! as basic strings (multi-line `"""` when they hold line breaks); short arrays
//! on one line, long ones one item per line. Table order and comments stay.

use toml_edit::{Array, Decor, DocumentMut, Item, Table, Value};

use super::{EditError, string_value};
use crate::plan::keys;

/// Arrays longer than this on one line are written one item per line.
const MAX_LINE: usize = 100;

/// Which kind of plan file: it decides the key orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Board,
    Priority,
}

/// Formats one file; an error if it is not valid TOML (or, as a safety net, if
/// formatting would change what the file says).
pub fn layout(text: &str, kind: FileKind) -> Result<String, EditError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        EditError(format!("not valid TOML: {}", e.message().trim()))
    })?;
    let root_keys = key_order(&[], kind);
    let root_has_values = doc.iter().any(|(_, item)| item.is_value());
    format_table(doc.as_table_mut(), root_keys, &[], kind);
    if !root_has_values {
        // Nothing above the first table: no blank line at the top of the file.
        strip_first_table_blank(&mut doc);
    }
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    let trailing = comment_block(&trailing);
    doc.set_trailing(if trailing.is_empty() {
        String::new()
    } else {
        format!("\n{trailing}")
    });
    let mut out = doc.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // The document is done with: not held beside the two reads below.
    drop(doc);
    let out = super::keep_style(text, out);
    // Formatting is presentation only: the data must read back the same.
    let parse = |t: &str| t.trim_start_matches('\u{feff}').parse::<toml::Table>().ok();
    let before = parse(text);
    if before.is_none() || before != parse(&out) {
        return Err(EditError(
            "formatting would change the file's data; left as it is (please report this)".into(),
        ));
    }
    Ok(out)
}

/// A root key put above a part of a file checked on its own, so the part
/// is laid out as it is in the file (its first header keeps its blank line).
const PART_ROOT: &str = "lscb_part = 0\n";

/// Whether a priority file is already in the layout, judged a part of about
/// `part` bytes at a time: `toml_edit` keeps every key, value and piece of
/// white space of what it reads, some 30 times the text, so a 16 MB file
/// checked whole held half a gigabyte.
///
/// `true` only when the whole file is valid TOML and every part is already
/// in the layout: each part starts at an `[[action]]` header (with the blank
/// and comment lines above it, which are the header's), and every rule of
/// the layout is one table's, one header's or one value's, so a file whose
/// parts all keep their layout keeps it whole. The whole file is read first
/// (into the loader's tree, a fraction of `toml_edit`'s size), since parts
/// read alone cannot see a rule across them, such as a table defined in two.
/// `false` means "not shown": the caller lays the file out whole (for the
/// diff, or the error). A file with CR line ends or a byte order mark is
/// never judged in parts.
pub fn in_layout_by_parts(text: &str, part: usize) -> bool {
    if text.contains('\r')
        || text.starts_with('\u{feff}')
        || !crate::plan::load::reads_plainly(text)
    {
        return false;
    }
    let mut start = 0;
    while start < text.len() {
        let end = part_end(text, start, part);
        let Some(piece) = text.get(start..end) else {
            return false;
        };
        let laid_out = if start == 0 {
            layout(piece, FileKind::Priority).is_ok_and(|out| out == piece)
        } else {
            let piece = format!("{PART_ROOT}{piece}");
            layout(&piece, FileKind::Priority).is_ok_and(|out| out == piece)
        };
        if !laid_out {
            return false;
        }
        start = end;
    }
    true
}

/// Where a part from `start` ends: at the first `[[action]]` line after
/// `part` bytes, moved up over the blank and comment lines above it.
fn part_end(text: &str, start: usize, part: usize) -> usize {
    let from = start.saturating_add(part);
    let Some(rest) = text.get(from..) else {
        return text.len();
    };
    let Some(at) = rest.find("\n[[action]]").map(|i| from + i + 1) else {
        return text.len();
    };
    // Back over the lines above the header that are blank or comments.
    let mut cut = at;
    while let Some(before) = text.get(..cut.saturating_sub(1)) {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = text.get(line_start..cut).unwrap_or("").trim();
        if cut <= start + 1 || !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        cut = line_start;
    }
    if cut <= start { text.len() } else { cut }
}

/// The key order of a table, by its path from the root.
fn key_order(path: &[&str], kind: FileKind) -> &'static [&'static str] {
    keys::for_table(kind == FileKind::Board, path)
}

fn format_table(t: &mut Table, order: &[&str], path: &[&str], kind: FileKind) {
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    t.sort_values_by(|k1, _, k2, _| rank(k1.get()).cmp(&rank(k2.get())));
    for (mut key, item) in t.iter_mut() {
        let name = key.get().to_string();
        let mut sub_path = path.to_vec();
        sub_path.push(&name);
        match item {
            Item::Value(v) => {
                let prefix = key
                    .leaf_decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("");
                let block = comment_block(prefix);
                key.leaf_decor_mut().set_prefix(block);
                key.leaf_decor_mut().set_suffix(" ");
                format_value(v, name.len());
            }
            Item::Table(sub) => {
                if !sub.is_implicit() {
                    format_header(sub.decor_mut());
                }
                format_table(sub, key_order(&sub_path, kind), &sub_path, kind);
            }
            Item::ArrayOfTables(a) => {
                for sub in a.iter_mut() {
                    format_header(sub.decor_mut());
                    format_table(sub, key_order(&sub_path, kind), &sub_path, kind);
                }
            }
            Item::None => {}
        }
    }
}

/// One blank line, then the comments that stood above the header; a trailing
/// comment two spaces after it.
fn format_header(decor: &mut Decor) {
    let prefix = decor
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    let suffix = decor
        .suffix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    decor.set_prefix(format!("\n{}", comment_block(&prefix)));
    decor.set_suffix(trailing_comment(&suffix));
}

fn strip_first_table_blank(doc: &mut DocumentMut) {
    /// The tables directly under `t` that have headers of their own.
    fn children(t: &Table) -> Vec<&Table> {
        t.iter()
            .flat_map(|(_, item)| match item {
                Item::Table(sub) => vec![sub],
                Item::ArrayOfTables(a) => a.iter().collect(),
                _ => vec![],
            })
            .collect()
    }
    fn min_position(t: &Table) -> Option<isize> {
        children(t)
            .into_iter()
            .flat_map(|sub| {
                let own = if sub.is_implicit() {
                    None
                } else {
                    sub.position()
                };
                own.into_iter().chain(min_position(sub))
            })
            .min()
    }
    fn strip(t: &mut Table, at: isize) {
        for (_, item) in t.iter_mut() {
            let tables: Vec<&mut Table> = match item {
                Item::Table(sub) => vec![sub],
                Item::ArrayOfTables(a) => a.iter_mut().collect(),
                _ => vec![],
            };
            for sub in tables {
                if sub.position() == Some(at) && !sub.is_implicit() {
                    let prefix = sub
                        .decor()
                        .prefix()
                        .and_then(|p| p.as_str())
                        .unwrap_or("")
                        .to_string();
                    sub.decor_mut()
                        .set_prefix(prefix.trim_start_matches('\n').to_string());
                }
                strip(sub, at);
            }
        }
    }
    if let Some(at) = min_position(doc.as_table()) {
        strip(doc.as_table_mut(), at);
    }
}

/// The comment lines of a decor prefix, without indentation; runs of blank lines
/// become one, none at the start; one kept at the end when there was one (a
/// comment set apart from what follows stays apart).
fn comment_block(raw: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut blank = false;
    for line in raw.lines().map(str::trim) {
        if line.is_empty() {
            blank = !lines.is_empty();
            continue;
        }
        if !line.starts_with('#') {
            continue;
        }
        if blank {
            lines.push("");
            blank = false;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    if blank {
        out.push('\n');
    }
    out
}

/// A value's trailing comment, two spaces after it; nothing if there is none.
fn trailing_comment(raw: &str) -> String {
    match raw.find('#') {
        Some(i) => format!("  {}", raw[i..].trim_end()),
        None => String::new(),
    }
}

fn format_value(v: &mut Value, key_len: usize) {
    let suffix = trailing_comment(v.decor().suffix().and_then(|s| s.as_str()).unwrap_or(""));
    normalize(v);
    if let Value::Array(a) = v {
        layout_array(a, key_len + 3, suffix.len());
    }
    v.decor_mut().set_prefix(" ");
    v.decor_mut().set_suffix(suffix);
}

/// Rewrites a value in the canonical representation (decor left to the caller).
fn normalize(v: &mut Value) {
    let new = match v {
        Value::String(s) => Some(string_value(s.value())),
        Value::Integer(i) => Some(Value::from(*i.value())),
        Value::Boolean(b) => Some(Value::from(*b.value())),
        Value::Datetime(d) => Some(Value::from(*d.value())),
        Value::Float(_) | Value::InlineTable(_) => None,
        Value::Array(a) => {
            for item in a.iter_mut() {
                let decor = item.decor().clone();
                normalize(item);
                *item.decor_mut() = decor;
            }
            None
        }
    };
    if let Some(mut new) = new {
        *new.decor_mut() = v.decor().clone();
        *v = new;
    }
}

fn has_comment(a: &Array) -> bool {
    let decor_comment = |d: &Decor| {
        [d.prefix(), d.suffix()]
            .into_iter()
            .flatten()
            .any(|s| s.as_str().is_some_and(|s| s.contains('#')))
    };
    a.iter().any(|v| decor_comment(v.decor()))
        || a.trailing().as_str().is_some_and(|s| s.contains('#'))
}

/// One line when it fits, else one item per line; arrays holding comments keep
/// their line breaks (only indentation is normalized).
fn layout_array(a: &mut Array, indent: usize, suffix_len: usize) {
    if has_comment(a) {
        return;
    }
    a.fmt();
    a.set_trailing_comma(false);
    a.set_trailing("");
    let one_line = Value::Array(a.clone()).to_string();
    if indent + one_line.trim().len() + suffix_len <= MAX_LINE || a.is_empty() {
        return;
    }
    for item in a.iter_mut() {
        item.decor_mut().set_prefix("\n    ");
        item.decor_mut().set_suffix("");
    }
    a.set_trailing_comma(true);
    a.set_trailing("\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = r#"# Top comment
priority    = 1        # never renumber
short = 'Short'
title = 'Title with a \ backslash'
   # objective one, indented comment


[[objective]]   # trailing header comment
title = "First objective"
number=1
[[action]]
due   = "2017-06"    # Completion: June 17
ref = "1.1"
description = """
Multi-line:
- first"""
lead = [ "Board Manager" ,  "Chair of LSCB" ]   # joint

tags = ["a", "b"]
"#;

    const FORMATTED: &str = r#"# Top comment
priority = 1  # never renumber
title = "Title with a \\ backslash"
short = "Short"

# objective one, indented comment

[[objective]]  # trailing header comment
number = 1
title = "First objective"

[[action]]
ref = "1.1"
description = """
Multi-line:
- first"""
lead = ["Board Manager", "Chair of LSCB"]  # joint
due = "2017-06"  # Completion: June 17
tags = ["a", "b"]
"#;

    #[test]
    fn a_messy_file_gets_the_canonical_layout() {
        assert_eq!(layout(MESSY, FileKind::Priority).unwrap(), FORMATTED);
    }

    #[test]
    fn formatting_is_idempotent() {
        let once = layout(MESSY, FileKind::Priority).unwrap();
        assert_eq!(layout(&once, FileKind::Priority).unwrap(), once);
    }

    #[test]
    fn long_arrays_go_one_item_per_line() {
        let text = "aliases = [\"A very long alias number one\", \"A very long alias number two\", \"A very long alias number three\"]\n";
        let out = layout(text, FileKind::Board).unwrap();
        assert_eq!(
            out,
            "aliases = [\n    \"A very long alias number one\",\n    \"A very long alias number two\",\n    \"A very long alias number three\",\n]\n"
        );
        assert_eq!(layout(&out, FileKind::Board).unwrap(), out);
    }

    #[test]
    fn arrays_with_comments_keep_their_lines() {
        let text = "due = [\n  \"2017-05\", # first\n  \"2017-09\",\n]\n";
        let out = layout(text, FileKind::Priority).unwrap();
        assert!(out.contains("# first"), "{out}");
    }

    #[test]
    fn a_file_starting_with_a_table_has_no_leading_blank_line() {
        let out = layout("\n\n[year]\nstart = 2017-04-01\n", FileKind::Board).unwrap();
        assert_eq!(out, "[year]\nstart = 2017-04-01\n");
    }

    #[test]
    fn broken_toml_is_an_error() {
        assert!(layout("a = [", FileKind::Board).is_err());
    }
}
