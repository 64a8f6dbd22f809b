//! The spanned tree the loader reads: every key and value with its place in
//! the file, built straight from `toml_parser`'s events.
//!
//! `toml::de::DeTable` holds the same tree, but builds it from a vector of
//! every event, through a map that hashes every key; that was a third of
//! `validate`'s time. Here the parser's events go straight into tables kept
//! as short vectors (a plan's tables hold a handful of keys).
//!
//! Only the TOML a plan needs is built this way: tables from `[a]`, `[a.b]`,
//! `[[a]]` and `[[a.b]]` headers, keys without dots, values of every kind.
//! Anything else (a dotted key, any error, a table defined twice, ...) gives
//! `None`, and the caller parses the file with `toml`, whose tree is then
//! converted, so a file is read the same whichever way it went; its error
//! messages are always `toml`'s.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use toml::value::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use crate::doc::bytes_all;

/// A value and where it is in the file. Offsets are kept in 32 bits (a
/// file over 64 MiB is never read), which for a big file's tree is a sixth
/// of its memory.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    start: u32,
    end: u32,
    value: T,
}

impl<T> Spanned<T> {
    fn new(span: Range<usize>, value: T) -> Spanned<T> {
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        Spanned {
            start: at(span.start),
            end: at(span.end),
            value,
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn get_ref(&self) -> &T {
        &self.value
    }

    fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    pub fn into_inner(self) -> T {
        self.value
    }
}

pub type Key<'i> = Spanned<Cow<'i, str>>;
pub type Value<'i> = Spanned<DeValue<'i>>;

/// A table: its keys in the order `toml` gives them.
#[derive(Clone, Debug, Default)]
pub struct DeTable<'i> {
    entries: Vec<(Key<'i>, Value<'i>)>,
    /// Made by a longer header (`[a.b]` makes `a`), so `[a]` may still define it.
    implicit: bool,
    /// `{ ... }`: nothing may add to it.
    inline: bool,
}

impl<'i> DeTable<'i> {
    pub fn get(&self, key: &str) -> Option<&Value<'i>> {
        self.entries
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Key<'i>, &Value<'i>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Takes a key's value out (the key stays, its value an empty table).
    pub fn take(&mut self, key: &str) -> Option<Value<'i>> {
        let i = self.position(key)?;
        let (_, value) = self.entries.get_mut(i)?;
        let span = value.span();
        Some(std::mem::replace(
            value,
            Spanned::new(span, DeValue::Table(DeTable::default())),
        ))
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.get_ref() == key)
    }
}

/// A value, as `toml::de::DeValue` has it; a float or a boolean keeps only
/// its kind, since no plan key takes one (a message names what was found).
#[derive(Clone, Debug)]
pub enum DeValue<'i> {
    String(Cow<'i, str>),
    Integer(DeInteger<'i>),
    Float,
    Boolean,
    Datetime(Datetime),
    Array(DeArray<'i>),
    Table(DeTable<'i>),
}

/// An integer as written, with its radix (its size is checked where it is read).
#[derive(Clone, Debug)]
pub struct DeInteger<'i> {
    digits: Cow<'i, str>,
    radix: u32,
}

impl DeInteger<'_> {
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn radix(&self) -> u32 {
        self.radix
    }
}

/// An array; `[[a]]` headers make an array of tables, which later headers extend.
#[derive(Clone, Debug, Default)]
pub struct DeArray<'i> {
    items: Vec<Value<'i>>,
    of_tables: bool,
}

impl<'i> DeArray<'i> {
    pub fn into_items(self) -> Vec<Value<'i>> {
        self.items
    }
}

impl<'i> std::ops::Deref for DeArray<'i> {
    type Target = [Value<'i>];
    fn deref(&self) -> &Self::Target {
        &self.items
    }
}

/// More keys than this in one table: leave the file to `toml`, whose map
/// finds a key without going through them all (a plan's tables hold a
/// dozen; a board's register one per lead). Every table is held to it, the
/// ones headers make on their way too, so hostile headers cannot make the
/// search through a table's keys quadratic.
const MANY_KEYS: usize = 256;

/// The same depth of nesting `toml` allows.
const DEPTH: u32 = 80;

/// About this much text is lexed at a time.
const CHUNK: usize = 256 * 1024;

thread_local! {
    /// The lexer's tokens, reused by each part `parse` reads on this thread.
    static TOKENS: Cell<Vec<Token>> = const { Cell::new(Vec::new()) };
}

/// The most tokens the thread keeps room for between parts: a part of
/// `CHUNK` bytes of a plan holds about 60,000.
const KEPT_TOKENS: usize = 1 << 17;

/// The file's tree, or `None` where `toml` must read it (see the module).
///
/// A big file is read a part at a time, each ending before a line that
/// starts `[[`: the lexer keeps every token of what it reads (24 bytes each,
/// several times the text), and TOML reads a header line the same whatever
/// came before it. A part cut inside a string or an array fails to parse,
/// and the file is left to `toml`.
pub fn parse(text: &str) -> Option<DeTable<'_>> {
    let mut builder = Builder {
        source: Source::new(""),
        base: 0,
        root: DeTable::default(),
        current: DeTable::default(),
        header: None,
        reading: None,
        key: None,
        stack: Vec::new(),
        spare_path: Vec::new(),
        bad: false,
    };
    let mut errors = Failed(false);
    let mut start = 0;
    loop {
        let end = part_end(text, start);
        let source = Source::new(text.get(start..end)?);
        builder.source = source;
        builder.base = start;
        // One vector of tokens a thread, kept from part to part and file to
        // file: `into_vec` asked for a new one each time, room for a token a
        // byte, and every page of it was new memory to fault in and miss in
        // the cache (half the cache misses of `validate`).
        let mut tokens = TOKENS.take();
        tokens.clear();
        tokens.extend(source.lex());
        let mut checked = ValidateWhitespace::new(&mut builder, source);
        let mut guarded = RecursionGuard::new(&mut checked, DEPTH);
        toml_parser::parser::parse_document(&tokens, &mut guarded, &mut errors);
        // Kept only at a part's size: a file read as one big part (its
        // `[[` headers indented) would otherwise keep its every token alive
        // for the rest of the run.
        if tokens.capacity() <= KEPT_TOKENS {
            TOKENS.set(tokens);
        }
        if builder.bad || errors.0 || !builder.stack.is_empty() || builder.key.is_some() {
            return None;
        }
        if end >= text.len() {
            break;
        }
        start = end;
    }
    builder.finish_table();
    (!builder.bad).then_some(builder.root)
}

/// Where the part of `text` from `start` ends: at the first line starting
/// `[[` after `CHUNK` bytes, else at the end.
fn part_end(text: &str, start: usize) -> usize {
    let from = start.saturating_add(CHUNK);
    let Some(rest) = text.as_bytes().get(from..) else {
        return text.len();
    };
    memchr::memmem::find(rest, b"\n[[").map_or(text.len(), |i| from + i + 1)
}

/// `toml`'s tree as this module's (for a file `parse` left to `toml`).
pub fn from_toml(table: toml::de::DeTable<'_>) -> DeTable<'_> {
    DeTable {
        entries: table
            .into_iter()
            .map(|(k, v)| {
                let (key_span, span) = (k.span(), v.span());
                (
                    Spanned::new(key_span, k.into_inner()),
                    Spanned::new(span, value_from_toml(v.into_inner())),
                )
            })
            .collect(),
        implicit: false,
        inline: false,
    }
}

fn value_from_toml(v: toml::de::DeValue<'_>) -> DeValue<'_> {
    use toml::de::DeValue as T;
    match v {
        T::String(s) => DeValue::String(s),
        T::Integer(i) => DeValue::Integer(DeInteger {
            radix: i.radix(),
            digits: Cow::Owned(i.as_str().to_string()),
        }),
        T::Float(_) => DeValue::Float,
        T::Boolean(_) => DeValue::Boolean,
        T::Datetime(d) => DeValue::Datetime(d),
        T::Array(items) => DeValue::Array(DeArray {
            items: items
                .into_iter()
                .map(|item| {
                    let span = item.span();
                    Spanned::new(span, value_from_toml(item.into_inner()))
                })
                .collect(),
            of_tables: false,
        }),
        T::Table(t) => DeValue::Table(from_toml(t)),
    }
}

/// Notes that the parser found an error (its message is `toml`'s to give).
struct Failed(bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// A table header: its keys, and its span from `[` to `]`.
struct Header<'i> {
    path: Vec<Key<'i>>,
    span: Range<usize>,
    array: bool,
}

/// A value being read: an array, or an inline table and the key its next value takes.
enum Frame<'i> {
    Array(usize, Vec<Value<'i>>),
    Inline(usize, DeTable<'i>, Option<Key<'i>>),
}

struct Builder<'i> {
    /// The part of the file being read, and where it starts in the file.
    source: Source<'i>,
    base: usize,
    root: DeTable<'i>,
    /// The table the key-values go into: the root's own keys, then each header's.
    current: DeTable<'i>,
    /// The header `current` belongs to.
    header: Option<Header<'i>>,
    /// A header being read, between its brackets.
    reading: Option<Header<'i>>,
    /// The key of the key-value being read.
    key: Option<Key<'i>>,
    stack: Vec<Frame<'i>>,
    /// An emptied header path, kept for the next header (one allocation a
    /// file, not one a header).
    spare_path: Vec<Key<'i>>,
    /// Something this builder leaves to `toml`.
    bad: bool,
}

impl<'i> Builder<'i> {
    fn raw(&self, span: Span, kind: Option<Encoding>) -> Option<Raw<'i>> {
        Some(Raw::new_unchecked(self.text(span)?, kind, span))
    }

    /// The text of a span of the part read.
    fn text(&self, span: Span) -> Option<&'i str> {
        self.source.input().get(span.start()..span.end())
    }

    /// A span of the part read, as a span of the file.
    fn at(&self, span: Span) -> Range<usize> {
        self.base + span.start()..self.base + span.end()
    }

    /// Puts the table just read where its header says.
    fn finish_table(&mut self) {
        // `current` gathers each table's keys in turn: the table takes a
        // copy of exactly its size (one allocation, none to grow and shrink),
        // and `current` keeps its room for the next.
        let table = DeTable {
            entries: self.current.entries.drain(..).collect(),
            implicit: std::mem::take(&mut self.current.implicit),
            inline: std::mem::take(&mut self.current.inline),
        };
        let Some(mut header) = self.header.take() else {
            // The keys before the first header are the root's.
            self.root = table;
            return;
        };
        self.place(&header, table);
        header.path.clear();
        self.spare_path = header.path;
    }

    fn place(&mut self, header: &Header<'i>, table: DeTable<'i>) {
        let Some((key, path)) = header.path.split_last() else {
            self.bad = true;
            return;
        };
        let value = Spanned::new(header.span.clone(), DeValue::Table(table));
        let Some(parent) = descend(&mut self.root, path) else {
            self.bad = true;
            return;
        };
        match (header.array, parent.position(key.get_ref())) {
            (true, None) => parent.entries.push((
                key.clone(),
                Spanned::new(
                    header.span.clone(),
                    DeValue::Array(DeArray {
                        items: vec![value],
                        of_tables: true,
                    }),
                ),
            )),
            (true, Some(i)) => match parent.entries.get_mut(i).map(|e| e.1.get_mut()) {
                Some(DeValue::Array(a)) if a.of_tables => a.items.push(value),
                _ => self.bad = true,
            },
            // `start_table` took any table of this name out.
            (false, None) => parent.entries.push((key.clone(), value)),
            (false, Some(_)) => self.bad = true,
        }
        if parent.entries.len() > MANY_KEYS {
            self.bad = true;
        }
        // (`descend` holds the tables on the header's way to the same limit.)
    }

    /// Starts the table of a header just read.
    fn start_table(&mut self, header: Header<'i>) {
        if !header.array {
            // A table a longer header made may be defined once; it keeps what
            // it holds, and moves to where this one ends (as in `toml`).
            let Some((key, path)) = header.path.split_last() else {
                self.bad = true;
                return;
            };
            let Some(parent) = descend(&mut self.root, path) else {
                self.bad = true;
                return;
            };
            if let Some(i) = parent.position(key.get_ref()) {
                match parent.entries.remove(i).1.into_inner() {
                    DeValue::Table(t) if t.implicit => self.current = t,
                    _ => self.bad = true,
                }
            }
        }
        self.current.implicit = false;
        self.header = Some(header);
    }

    /// A value just read goes into its array, its inline table or the current table.
    fn value(&mut self, value: Value<'i>) {
        let (table, key) = match self.stack.last_mut() {
            Some(Frame::Array(_, items)) => {
                items.push(value);
                return;
            }
            Some(Frame::Inline(_, table, key)) => (table, key.take()),
            None => (&mut self.current, self.key.take()),
        };
        match key {
            Some(key) if table.position(key.get_ref()).is_none() && table.len() < MANY_KEYS => {
                table.entries.push((key, value));
            }
            _ => self.bad = true,
        }
    }
}

/// The table a header's leading keys lead to, making the missing ones; the
/// last table of an array of tables is the one a header extends.
fn descend<'t, 'i>(
    mut table: &'t mut DeTable<'i>,
    path: &[Key<'i>],
) -> Option<&'t mut DeTable<'i>> {
    for key in path {
        let i = match table.position(key.get_ref()) {
            Some(i) => i,
            None => {
                let implicit = DeTable {
                    implicit: true,
                    ..DeTable::default()
                };
                if table.entries.len() >= MANY_KEYS {
                    return None;
                }
                table.entries.push((
                    key.clone(),
                    Spanned::new(key.span(), DeValue::Table(implicit)),
                ));
                table.entries.len() - 1
            }
        };
        table = match table.entries.get_mut(i)?.1.get_mut() {
            DeValue::Table(t) if !t.inline => t,
            DeValue::Array(a) if a.of_tables => match a.items.last_mut()?.get_mut() {
                DeValue::Table(t) => t,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

impl EventReceiver for Builder<'_> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open(span, false);
    }
    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close(span);
    }
    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open(span, true);
    }
    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close(span);
    }
    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let table = DeTable {
            inline: true,
            ..DeTable::default()
        };
        self.stack
            .push(Frame::Inline(self.base + span.start(), table, None));
        true
    }
    fn inline_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        match self.stack.pop() {
            Some(Frame::Inline(start, table, None)) => {
                let end = self.base + span.end();
                self.value(Spanned::new(start..end, DeValue::Table(table)));
            }
            _ => self.bad = true,
        }
    }
    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.stack
            .push(Frame::Array(self.base + span.start(), Vec::new()));
        true
    }
    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        match self.stack.pop() {
            Some(Frame::Array(start, items)) => {
                let array = DeArray {
                    items,
                    of_tables: false,
                };
                let end = self.base + span.end();
                self.value(Spanned::new(start..end, DeValue::Array(array)));
            }
            _ => self.bad = true,
        }
    }
    fn simple_key(&mut self, span: Span, kind: Option<Encoding>, error: &mut dyn ErrorSink) {
        let plain = match kind {
            None => self.plain_bare(span),
            Some(Encoding::BasicString) => self.plain_basic(span),
            Some(_) => None,
        };
        let name = match plain {
            Some(name) => Cow::Borrowed(name),
            None => {
                let Some(raw) = self.raw(span, kind) else {
                    self.bad = true;
                    return;
                };
                let mut name = Cow::Borrowed("");
                raw.decode_key(&mut name, error);
                name
            }
        };
        let key = Spanned::new(self.at(span), name);
        // A second key before the value is a dotted key: left to `toml`.
        let slot = match (&mut self.reading, self.stack.last_mut()) {
            (Some(header), _) => {
                header.path.push(key);
                return;
            }
            (None, Some(Frame::Inline(_, _, slot))) => slot,
            (None, Some(Frame::Array(..))) => {
                self.bad = true;
                return;
            }
            (None, None) => &mut self.key,
        };
        if slot.replace(key).is_some() {
            self.bad = true;
        }
    }
    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.reading.is_none() {
            self.bad = true;
        }
    }
    fn scalar(&mut self, span: Span, kind: Option<Encoding>, error: &mut dyn ErrorSink) {
        if kind == Some(Encoding::BasicString)
            && let Some(text) = self.plain_basic(span)
        {
            self.value(Spanned::new(
                self.at(span),
                DeValue::String(Cow::Borrowed(text)),
            ));
            return;
        }
        let Some(raw) = self.raw(span, kind) else {
            self.bad = true;
            return;
        };
        let mut text = Cow::Borrowed("");
        let value = match raw.decode_scalar(&mut text, error) {
            ScalarKind::String => DeValue::String(text),
            ScalarKind::Boolean(_) => DeValue::Boolean,
            ScalarKind::DateTime => match text.parse::<Datetime>() {
                Ok(d) => DeValue::Datetime(d),
                Err(_) => {
                    self.bad = true;
                    return;
                }
            },
            ScalarKind::Float => DeValue::Float,
            ScalarKind::Integer(radix) => DeValue::Integer(DeInteger {
                digits: text,
                radix: radix.value(),
            }),
        };
        self.value(Spanned::new(self.at(span), value));
    }
    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.bad = true;
    }
}

impl<'i> Builder<'i> {
    /// A basic string with nothing to decode: its text between the quotes,
    /// as `decode_scalar` would give it. Most of a plan's values are such
    /// strings, and the decoder looked at them a byte at a time. Anything
    /// else (an escape, a control character, which `toml` refuses with its
    /// own message) is left to the decoder.
    fn plain_basic(&self, span: Span) -> Option<&'i str> {
        let text = self.text(span)?.strip_prefix('"')?.strip_suffix('"')?;
        // The bytes a basic string holds as they are (`toml_parser`'s
        // `basic-unescaped`, with tab), tested with no early exit.
        let plain = |b: u8| (b >= 0x20 || b == b'\t') && !matches!(b, b'"' | b'\\' | 0x7f);
        bytes_all(text.as_bytes(), plain).then_some(text)
    }

    /// A bare key as `decode_key` would give it: one or more of `A-Za-z0-9_-`
    /// (anything else is left to the decoder and its message).
    fn plain_bare(&self, span: Span) -> Option<&'i str> {
        let raw = self.text(span)?;
        let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        (!raw.is_empty() && bytes_all(raw.as_bytes(), plain)).then_some(raw)
    }

    fn open(&mut self, span: Span, array: bool) {
        self.finish_table();
        self.reading = Some(Header {
            path: std::mem::take(&mut self.spare_path),
            span: self.at(span),
            array,
        });
    }

    fn close(&mut self, span: Span) {
        match self.reading.take() {
            Some(mut header) => {
                header.span.end = self.base + span.end();
                self.start_table(header);
            }
            None => self.bad = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Where two trees differ (keys, spans, kinds, texts), if they do.
    fn differ(a: &DeTable<'_>, b: &DeTable<'_>, at: &str) -> Option<String> {
        if a.len() != b.len() {
            return Some(format!("{at}: {} keys against {}", a.len(), b.len()));
        }
        for ((ka, va), (kb, vb)) in a.iter().zip(b.iter()) {
            let here = format!("{at}.{}", ka.get_ref());
            if ka.get_ref() != kb.get_ref() || ka.span() != kb.span() {
                return Some(format!("{here}: key {ka:?} against {kb:?}"));
            }
            if let Some(d) = differ_value(va, vb, &here) {
                return Some(d);
            }
        }
        None
    }

    fn differ_value(a: &Value<'_>, b: &Value<'_>, at: &str) -> Option<String> {
        if a.span() != b.span() {
            return Some(format!("{at}: span {:?} against {:?}", a.span(), b.span()));
        }
        match (a.get_ref(), b.get_ref()) {
            (DeValue::String(x), DeValue::String(y)) if x == y => None,
            (DeValue::Integer(x), DeValue::Integer(y))
                if x.as_str() == y.as_str() && x.radix() == y.radix() =>
            {
                None
            }
            (DeValue::Float, DeValue::Float) | (DeValue::Boolean, DeValue::Boolean) => None,
            (DeValue::Datetime(x), DeValue::Datetime(y)) if x == y => None,
            (DeValue::Array(x), DeValue::Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y.iter())
                .enumerate()
                .find_map(|(i, (p, q))| differ_value(p, q, &format!("{at}[{i}]"))),
            (DeValue::Table(x), DeValue::Table(y)) => differ(x, y, at),
            (x, y) => Some(format!("{at}: {x:?} against {y:?}")),
        }
    }

    /// Whatever this module builds, `toml` reads without error into the
    /// same tree; where `toml` finds an error, this module builds nothing.
    fn agrees(text: &str) -> Result<(), String> {
        let (theirs, errors) = toml::de::DeTable::parse_recoverable(text);
        match (parse(text), errors.is_empty()) {
            (Some(_), false) => Err(format!("built a tree toml refuses: {errors:?}")),
            (Some(ours), true) => match differ(&ours, &from_toml(theirs.into_inner()), "") {
                Some(d) => Err(d),
                None => Ok(()),
            },
            (None, _) => Ok(()),
        }
    }

    /// Every TOML file the project ships or tests with.
    fn project_files() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        ["plan", "examples", "tests/fixtures"]
            .iter()
            .flat_map(|d| walkdir::WalkDir::new(root.join(d)))
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .filter_map(|e| {
                Some((
                    e.path().to_path_buf(),
                    std::fs::read_to_string(e.path()).ok()?,
                ))
            })
            .collect()
    }

    #[test]
    fn every_project_file_reads_as_toml_reads_it() {
        let files = project_files();
        assert!(files.len() > 50, "{} files", files.len());
        let mut built = 0;
        for (path, text) in &files {
            if let Err(e) = agrees(text) {
                panic!("{}: {e}", path.display());
            }
            built += usize::from(parse(text).is_some());
        }
        // The valid plans are built here, not left to `toml`.
        assert!(built * 2 > files.len(), "{built} of {} built", files.len());
        for (name, text) in crate::synth::synth(3, 60, 11) {
            assert!(parse(&text).is_some(), "{name}");
            assert_eq!(agrees(&text), Ok(()), "{name}");
        }
    }

    #[test]
    fn what_is_left_to_toml() {
        for text in [
            "a.b = 1\n",                         // a dotted key
            "a = { b.c = 1 }\n",                 // a dotted key inside
            "a = 1\na = 2\n",                    // a key twice
            "[a]\n[a]\n",                        // a table twice
            "[a]\nb = 1\n[a.b]\n",               // a table over a value
            "a = { b = 1 }\n[a.c]\n",            // adding to an inline table
            "a = [1]\n[[a]]\n",                  // an array of tables over an array
            "[[a]]\n[a]\n",                      // a table over an array of tables
            "a = 2017-02-30\n",                  // no such day
            "a = \"unterminated\n",              // a syntax error
            "# a comment with a \u{7f} in it\n", // a control character
        ] {
            assert!(parse(text).is_none(), "{text:?}");
            assert_eq!(agrees(text), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn a_table_of_more_keys_than_a_plan_has_is_left_to_toml() {
        // Headers that each make a new table on their way (`[kN.b]`): built
        // here, each would search a root growing without end.
        let many = (0..=MANY_KEYS)
            .map(|i| format!("[k{i}.b]\n"))
            .collect::<String>();
        assert!(parse(&many).is_none());
        assert_eq!(agrees(&many), Ok(()));
        let under_an_array = format!("[[a]]\n{}", many.replace("[k", "[a.k"));
        assert!(parse(&under_an_array).is_none());
        let keys = (0..=MANY_KEYS)
            .map(|i| format!("k{i} = 1\n"))
            .collect::<String>();
        assert!(parse(&keys).is_none());
        // A table just under the limit is built.
        let fewer = (0..MANY_KEYS - 1)
            .map(|i| format!("[k{i}.b]\n"))
            .collect::<String>();
        assert!(parse(&fewer).is_some());
    }

    #[test]
    fn a_table_defined_after_a_longer_header_moves_to_where_it_ends() {
        let text = "[a.b]\nx = 1\n[c]\n[a]\ny = 2\n";
        let t = parse(text).unwrap_or_default();
        let keys: Vec<&str> = t.iter().map(|(k, _)| k.get_ref().as_ref()).collect();
        assert_eq!(keys, ["c", "a"]);
        assert_eq!(agrees(text), Ok(()));
    }

    /// The largest priority file of a generated plan of `actions` actions.
    fn big_file(actions: usize) -> String {
        crate::synth::synth(1, actions, 5)
            .into_iter()
            .map(|(_, text)| text)
            .max_by_key(String::len)
            .unwrap_or_default()
    }

    #[test]
    fn a_file_read_in_parts_reads_as_toml_reads_it_whole() {
        let text = big_file(3000);
        assert!(text.len() > 2 * CHUNK, "{} bytes", text.len());
        let tree = parse(&text);
        assert!(tree.is_some());
        assert_eq!(agrees(&text), Ok(()));
    }

    #[test]
    fn a_part_cut_inside_a_string_leaves_the_file_to_toml() {
        let mut text = big_file(3000);
        // The first `[[` line after the first part's size is inside a string.
        let at = CHUNK + text[CHUNK..].find("\n[[").unwrap_or_default() + 1;
        text.insert_str(at, "notes = \"\"\"\n[[not a header]]\n\"\"\"\n");
        let (_, errors) = toml::de::DeTable::parse_recoverable(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(parse(&text).is_none());
    }

    /// Lines of TOML of every shape the builder handles or leaves to `toml`.
    fn line() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "[a]",
            "[a.b]",
            "[ a . b ]",
            "[\"a\".b]",
            "[[a]]",
            "[[a.b]]",
            "[[ a.b ]]",
            "[b]",
            "[[b.c.d]]",
            "x = 1",
            "y = \"two\"",
            "'z' = 'lit'",
            "\"q\" = \"\\u00e9\"",
            // Basic strings the quick path takes, and ones it leaves to the decoder.
            "y = \"\"",
            "y = \"tab\there, \u{85} é\"",
            "y = \"del\u{7f}\"",
            "y = \"nul\u{0}\"",
            "y = \"cr\r\"",
            "y = \"esc \\\\ \\\" q\"",
            "y = \"open",
            // Keys the quick paths take, and ones they leave to the decoder.
            "a-b_9 = 1",
            "\"\" = 1",
            "\"k\\tq\" = 1",
            "é = 1",
            "a$ = 1",
            "[\"x y\".\"\"]",
            "x.y = 1",
            "w = [1, 2, [3]]",
            "v = { p = 1, q = [ { r = 2 } ] }",
            "u = {}",
            "t = 2017-05-24",
            "s = 1979-05-27T07:32:00Z",
            "r = 0x1f",
            "f = 1.5",
            "g = true",
            "h = \"\"\"\nmulti\nline\"\"\"",
            "i = [\n  1, # one\n  2,\n]",
            "# comment",
            "",
            "x = ",
            "[a",
            "= 1",
            "j = [1,,2]",
            "k = { a = 1, a = 2 }",
            "l = 1 m = 2",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

        #[test]
        fn generated_toml_reads_as_toml_reads_it(lines in prop::collection::vec(line(), 0..14)) {
            let text = lines.join("\n") + "\n";
            prop_assert_eq!(agrees(&text), Ok(()), "{}", text);
        }
    }
}
