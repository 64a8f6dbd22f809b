//! Reading typed values out of a spanned TOML tree, recording every problem instead of stopping.
//!
//! serde's derive stops at the first error in a file; the contract asks for every
//! problem in one run, so the loader walks a spanned tree (`tree`: spans on every
//! key and value) and converts field by field through these helpers.

use std::ops::Range;

use super::tree::{DeTable, DeValue};
use chrono::NaiveDate;
use smallvec::SmallVec;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;

pub use super::tree::Value;

/// A table together with the span a "missing key" finding should point at.
#[derive(Clone)]
pub struct TableRef<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub span: Range<usize>,
    /// How people name it in messages, e.g. "action 1.2.3" or "board.toml";
    /// written out only when a message needs it (most tables have none).
    pub what: &'t dyn std::fmt::Display,
}

impl<'t, 'i> TableRef<'t, 'i> {
    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }
}

/// Collects findings for one file while values are read from it.
pub struct Reader<'a> {
    pub src: &'a SourceFile,
    pub diags: &'a mut Vec<Diagnostic>,
    /// The last offset whose line was asked for, and that line.
    cursor: (usize, usize),
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a SourceFile, diags: &'a mut Vec<Diagnostic>) -> Reader<'a> {
        Reader::from_line(src, diags, 1)
    }

    /// A reader of text that starts on line `line` of its file (one action's
    /// text read on its own): `line_of` counts from there.
    pub fn from_line(
        src: &'a SourceFile,
        diags: &'a mut Vec<Diagnostic>,
        line: usize,
    ) -> Reader<'a> {
        Reader {
            src,
            diags,
            cursor: (0, line),
        }
    }

    /// The 1-based line of a byte offset, counted on from the last one asked
    /// for: the loader asks in file order, so a file is counted through about
    /// once, with no line index built for a file that has no findings.
    pub fn line_of(&mut self, offset: usize) -> usize {
        let bytes = self.src.text.as_bytes();
        let offset = offset.min(bytes.len());
        let (at, line) = self.cursor;
        let line = if offset >= at {
            line + memchr::memchr_iter(b'\n', &bytes[at..offset]).count()
        } else {
            line - memchr::memchr_iter(b'\n', &bytes[offset..at]).count()
        };
        self.cursor = (offset, line);
        line
    }
}

/// "a string", "an integer", ... for messages.
pub fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float => "a number",
        DeValue::Boolean => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Reader<'_> {
    pub fn report(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(self.src.diagnostic(code, span, message));
        self.diags.last_mut().expect("just pushed")
    }

    pub fn wrong_type(&mut self, key: &str, v: &Value<'_>, expected: &str) {
        self.report(
            Code::WrongType,
            v.span(),
            format!(
                "`{key}` must be {expected}, found {}",
                describe(v.get_ref())
            ),
        );
    }

    /// Reports every key of `t` not in `known`, suggesting the nearest known key.
    pub fn check_keys(&mut self, t: &TableRef<'_, '_>, known: &[&str]) {
        self.check_keys_under(t, known, None);
    }

    /// As `check_keys`, for a table nested in a parent: a parent's key written
    /// below the nested header (a common TOML slip) gets a hint to move it up.
    pub fn check_keys_under(
        &mut self,
        t: &TableRef<'_, '_>,
        known: &[&str],
        parent: Option<(&str, &[&str])>,
    ) {
        for (key, _) in t.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let nearest = known
                .iter()
                .map(|k| (k, strsim::damerau_levenshtein(k, name)))
                .filter(|(k, d)| *d <= 2.max(k.len() / 3))
                .min_by_key(|(_, d)| *d);
            let help = match (nearest, parent) {
                (_, Some((header, keys))) if keys.contains(&name) => format!(
                    "`{name}` belongs above the {header} header; keys below a header belong to that table"
                ),
                (Some((k, _)), _) => format!("did you mean `{k}`?"),
                (None, _) => format!("allowed keys here: {}", known.join(", ")),
            };
            self.report(
                Code::UnknownKey,
                key.span(),
                format!("unknown key `{name}` in {}", t.what),
            )
            .help = Some(help);
        }
    }

    /// The value of a required key, or a finding pointing at the table.
    pub fn required<'t, 'i>(&mut self, t: &TableRef<'t, 'i>, key: &str) -> Option<&'t Value<'i>> {
        let v = t.get(key);
        if v.is_none() {
            self.report(
                Code::MissingKey,
                t.span.clone(),
                format!("{} is missing the required key `{key}`", t.what),
            )
            .help = Some(format!("add `{key} = ...` under this table's header"));
        }
        v
    }

    pub fn string(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        self.str(key, v).map(str::to_string)
    }

    /// As `string`, borrowed from the tree: for values only looked at.
    pub fn str<'v>(&mut self, key: &str, v: &'v Value<'_>) -> Option<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s),
            _ => {
                self.wrong_type(key, v, "a string");
                None
            }
        }
    }

    /// A string that must hold more than white space.
    pub fn text(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        self.text_str(key, v).map(str::to_string)
    }

    /// As `text`, borrowed from the tree: for values only looked at.
    pub fn text_str<'v>(&mut self, key: &str, v: &'v Value<'_>) -> Option<&'v str> {
        let s = self.str(key, v)?;
        if s.trim().is_empty() {
            self.report(Code::EmptyText, v.span(), format!("`{key}` is empty"))
                .help = Some(format!("write the {key} between the quotes"));
            return None;
        }
        Some(s)
    }

    pub fn optional_text(&mut self, t: &TableRef<'_, '_>, key: &str) -> Option<String> {
        t.get(key).and_then(|v| self.text(key, v))
    }

    pub fn integer(&mut self, key: &str, v: &Value<'_>) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.report(Code::BadValue, v.span(), format!("`{key}` is too large"));
                    None
                }
            },
            _ => {
                self.wrong_type(key, v, "an integer");
                None
            }
        }
    }

    /// A positive integer such as a priority or objective number.
    pub fn positive(&mut self, key: &str, v: &Value<'_>) -> Option<u32> {
        let n = self.integer(key, v)?;
        match u32::try_from(n) {
            Ok(n) if n > 0 => Some(n),
            _ => {
                self.report(
                    Code::BadValue,
                    v.span(),
                    format!("`{key}` must be a positive whole number, found {n}"),
                );
                None
            }
        }
    }

    /// A bare TOML date such as `2017-05-24`.
    pub fn date(&mut self, key: &str, v: &Value<'_>) -> Option<NaiveDate> {
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                let date = dt.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                });
                match (date, dt.time.is_some()) {
                    (Some(d), false) => Some(d),
                    (Some(d), true) => {
                        self.report(
                            Code::BadDate,
                            v.span(),
                            format!("`{key}` must be a date without a time of day"),
                        )
                        .help = Some(format!("write {d}"));
                        None
                    }
                    (None, _) => {
                        self.report(
                            Code::BadDate,
                            v.span(),
                            format!("`{key}` is not a valid date"),
                        )
                        .help = Some("write a date as YYYY-MM-DD, e.g. 2017-05-24".into());
                        None
                    }
                }
            }
            DeValue::String(s) => {
                let help = crate::plan::date::suggest_for(s).unwrap_or_else(|| {
                    "write a date as YYYY-MM-DD without quotes, e.g. 2017-05-24".into()
                });
                self.report(
                    Code::BadDate,
                    v.span(),
                    format!("`{key}` must be a TOML date, found the string \"{s}\""),
                )
                .help = Some(help);
                None
            }
            _ => {
                self.wrong_type(key, v, "a date");
                None
            }
        }
    }

    /// One value or an array of them, each read by `each` (every one, so
    /// each finding is made); `None` if the shape is wrong. The values
    /// `each` could read, in order, and whether it read them all.
    pub fn one_or_many<'t, 'i, A: smallvec::Array>(
        &mut self,
        key: &str,
        v: &'t Value<'i>,
        expected: &str,
        mut each: impl FnMut(&mut Self, &'t Value<'i>) -> Option<A::Item>,
    ) -> Option<(SmallVec<A>, bool)> {
        let items = match v.get_ref() {
            DeValue::Array(items) if !items.is_empty() => &items[..],
            DeValue::Array(_) => {
                self.report(
                    Code::EmptyText,
                    v.span(),
                    format!("`{key}` is an empty array"),
                )
                .help = Some(format!("give {expected}, or several in an array"));
                return None;
            }
            DeValue::Table(_) => {
                self.wrong_type(key, v, expected);
                return None;
            }
            _ => std::slice::from_ref(v),
        };
        let mut read = SmallVec::with_capacity(items.len());
        let mut all = true;
        for item in items {
            match each(self, item) {
                Some(value) => read.push(value),
                None => all = false,
            }
        }
        Some((read, all))
    }

    /// The tables of an array of tables (`[[objective]]`), each with its header span.
    pub fn tables<'t, 'i>(
        &mut self,
        key: &str,
        v: &'t Value<'i>,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let DeValue::Array(items) = v.get_ref() else {
            self.not_tables(key, v);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => self.not_a_table(key, other, item.span()),
            }
        }
        out
    }

    /// As `tables`, taking them out of the tree (each can be dropped once read).
    pub fn owned_tables<'i>(
        &mut self,
        key: &str,
        v: Value<'i>,
    ) -> Vec<(DeTable<'i>, Range<usize>)> {
        if !matches!(v.get_ref(), DeValue::Array(_)) {
            self.not_tables(key, &v);
            return Vec::new();
        }
        let DeValue::Array(items) = v.into_inner() else {
            return Vec::new();
        };
        let items = items.into_items();
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let span = item.span();
            match item.into_inner() {
                DeValue::Table(t) => out.push((t, span)),
                other => self.not_a_table(key, &other, span),
            }
        }
        out
    }

    fn not_tables(&mut self, key: &str, v: &Value<'_>) {
        self.report(
            Code::WrongType,
            v.span(),
            format!(
                "`{key}` must be an array of tables, found {}",
                describe(v.get_ref())
            ),
        )
        .help = Some(format!("start each entry with a [[{key}]] header"));
    }

    fn not_a_table(&mut self, key: &str, found: &DeValue<'_>, span: Range<usize>) {
        let found = describe(found);
        self.report(
            Code::WrongType,
            span,
            format!("each `{key}` entry must be a table, found {found}"),
        );
    }
}
