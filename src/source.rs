//! A plan file's text with a line index, so any byte offset becomes `line:column`.

use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

/// A file's text, shared: the same version of a file, read for many commits,
/// is held once. An `Arc<String>` rather than an `Arc<str>`, which would
/// copy every file's text once more when read (22 MB at 100k actions).
pub type Text = std::sync::Arc<String>;

/// One file of the plan as read from disk (reading happens in `workspace`).
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to people, e.g. `plan/1-cse.toml`.
    pub path: String,
    pub text: Text,
    /// Where each line starts; worked out only when a finding needs it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl AsRef<SourceFile> for SourceFile {
    fn as_ref(&self) -> &SourceFile {
        self
    }
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile::shared(path, Text::new(text.into()))
    }

    /// A file whose text is already held elsewhere.
    pub fn shared(path: impl Into<String>, text: Text) -> Self {
        SourceFile {
            path: path.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            // memchr's iterator searches a block at a time; `match_indices`
            // starts a new search for every line, which cost a tenth of a
            // history run.
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset; clamps offsets past the end.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.line_starts().get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// A finding located at `span` in this file.
    pub fn diagnostic(
        &self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = self.clamp(span);
        let (line, column) = self.location(span.start);
        Diagnostic {
            severity: code.severity(),
            code,
            rule: code.name(),
            message: message.into(),
            file: self.path.clone(),
            line,
            column,
            help: None,
            span,
        }
    }

    /// The byte offset where a 1-based line starts (the end for a line past it).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts().partition_point(|&s| s <= offset).max(1)
    }

    fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let mut start = span.start.min(self.text.len());
        let mut end = span.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let file = SourceFile::new("f.toml", "a = 1\né = \"x\"\n");
        let cases = [
            (0, (1, 1)),
            (4, (1, 5)),
            (6, (2, 1)),
            (9, (2, 3)),
            (99, (3, 1)),
        ];
        for (offset, expected) in cases {
            assert_eq!(file.location(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn spans_inside_a_character_are_widened() {
        let file = SourceFile::new("f.toml", "é");
        let d = file.diagnostic(Code::BadValue, 1..1, "m");
        assert_eq!(d.span, 0..2);
        assert_eq!((d.line, d.column), (1, 1));
    }
}
