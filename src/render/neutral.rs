//! Neutralising data on its way out. Plan files, file names, git authors and
//! commit messages are hostile: nothing from them reaches an output raw.
//!
//! - Control characters are shown, not obeyed: C0 controls as their Control
//!   Pictures (ESC as `␛`), DEL as `␡`, C1 controls, bidirectional overrides
//!   and isolates, and line or paragraph separators as `<U+202E>`. A terminal
//!   never sees an escape sequence, a clipboard write or a text reversal.
//! - A line that would begin (after white space) with `::` gets a `\` before
//!   it, so nothing lscb prints from data can be a GitHub Actions workflow
//!   command; the commands it means to print (`render::github`) escape their
//!   data instead.
//!
//! Every renderer and every message on stderr goes through this module.

use std::borrow::Cow;

/// How a character must be shown, if not as itself.
fn replacement(c: char) -> Option<Cow<'static, str>> {
    let code = u32::from(c);
    match c {
        // Tab reads as space; a line break is handled by the caller.
        '\t' => Some(" ".into()),
        '\n' => None,
        _ if code < 0x20 => char::from_u32(0x2400 + code).map(|p| p.to_string().into()),
        '\u{7f}' => Some("\u{2421}".into()),
        '\u{80}'..='\u{9f}'
        | '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{feff}'
        // Noncharacters: not allowed in XML, a parse error in HTML.
        | '\u{fffe}'
        | '\u{ffff}' => Some(format!("<U+{code:04X}>").into()),
        _ => None,
    }
}

pub fn needs_work(s: &str) -> bool {
    // Printable ASCII and line breaks are shown as they are: only text with
    // anything else is looked at character by character.
    if crate::doc::has_pair(s.as_bytes(), b':') {
        return true;
    }
    let plain = crate::doc::bytes_all(s.as_bytes(), |b| (b.wrapping_sub(b' ') < 95) | (b == b'\n'));
    !plain && s.chars().any(replaced)
}

/// Whether `line` and `block` leave text as it is, known without looking at
/// it character by character: one line of printable ASCII with no `::` in
/// it. Renderers write such text straight out (most cells of a 100k-row
/// report are such text).
pub fn untouched_line(s: &str) -> bool {
    untouched_line_where(s, |_| true)
}

/// The same, each byte also passing `ok` (a renderer's own test, such as
/// nothing to escape), in the same pass over the text.
#[inline]
pub fn untouched_line_where(s: &str, ok: impl Fn(u8) -> bool) -> bool {
    let b = s.as_bytes();
    crate::doc::bytes_all(b, |c| (c.wrapping_sub(b' ') < 95) & ok(c))
        && !crate::doc::has_pair(b, b':')
}

/// Whether `block` changes a character: `replacement`'s characters and `\r`,
/// with printable ASCII and Latin-1 (a date's non-breaking space) turned
/// away without building a replacement.
fn replaced(c: char) -> bool {
    match c {
        '\n' | ' '..='~' | '\u{a0}'..='\u{ff}' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        _ => replacement(c).is_some(),
    }
}

/// Text for one line: every control character visible (a line break too, as
/// `␤`), and no workflow command at its start.
pub fn line(s: &str) -> Cow<'_, str> {
    if !needs_work(s) && !crate::doc::has_newline(s) {
        return s.into();
    }
    guard(&visible(s)).into_owned().into()
}

/// Every control character visible, a line break as `␤`; character by
/// character, so a prefix of the text maps to a prefix of the result (for
/// moving a span). Only for text shown after something of lscb's own, such
/// as a source line after its number.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push('\u{2424}'),
            c => match replacement(c) {
                Some(r) => out.push_str(&r),
                None => out.push(c),
            },
        }
    }
    out
}

/// Text that may run over several lines (a description, a table cell, a
/// diff): line breaks kept (CRLF as LF), every other control character
/// visible, and no line starting a workflow command.
pub fn block(s: &str) -> Cow<'_, str> {
    if !needs_work(s) {
        return s.into();
    }
    worked(s).into()
}

/// `block`'s work, done on any text.
fn worked(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    let mut out = String::with_capacity(s.len() + 8);
    for (i, l) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut shown = String::with_capacity(l.len());
        for c in l.chars() {
            match replacement(c) {
                Some(r) => shown.push_str(&r),
                None => shown.push(c),
            }
        }
        out.push_str(&guard(&shown));
    }
    out
}

/// A line that would start a workflow command (`::name …` after any white
/// space) gets a backslash in front of its first `::`.
pub fn guard(l: &str) -> Cow<'_, str> {
    let trimmed = l.trim_start();
    if trimmed.starts_with("::") {
        let at = l.len() - trimmed.len();
        format!("{}\\{}", &l[..at], trimmed).into()
    } else {
        l.into()
    }
}

/// Every line of some text through `guard` (text lscb wrote itself, such as a
/// diff's markers, around data already made visible).
pub fn guard_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| guard(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A cell for a CSV file opened in a spreadsheet: as `block`, and a cell that
/// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
/// `'` so it is never read as a formula (OWASP's rule for CSV injection).
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let shown = block(s);
    if formula {
        format!("'{shown}").into()
    } else {
        shown
    }
}

/// Characters JSON may carry that a terminal would obey, escaped as `\uXXXX`
/// (the data reads back the same; serde_json already escapes C0 controls).
pub fn json_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `replaced` is `\r` or a replacement, for every character there is.
    #[test]
    fn replaced_is_exactly_the_characters_block_changes() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(
                replaced(c),
                c == '\r' || replacement(c).is_some(),
                "{:04x}",
                u32::from(c)
            );
        }
    }

    proptest! {
        /// The quick look (`needs_work`) never lets through text the work would change.
        #[test]
        fn text_passed_as_it_is_needs_no_work(
            s in prop::collection::vec(prop::sample::select(vec![
                "a", " ", ":", "::", "\n", "\r", "\t", "\u{1b}", "\u{7f}", "\u{85}", "\u{202e}",
                "\u{2028}", "\u{feff}", "é", "日", "~", "\u{0}", "\u{fffe}",
            ]), 0..12).prop_map(|p| p.concat())
        ) {
            prop_assert_eq!(block(&s).into_owned(), worked(&s));
        }
    }

    proptest! {
        /// Text said to need nothing is left as it is by both `line` and `block`.
        #[test]
        fn untouched_lines_are_left_as_they_are(
            s in prop::collection::vec(prop::sample::select(vec![
                "a", " ", ":", "::", "\n", "\r", "\t", "\u{1b}", "\u{7f}", "é", "~", "- ",
            ]), 0..10).prop_map(|p| p.concat())
        ) {
            if untouched_line(&s) {
                prop_assert_eq!(line(&s), s.as_str());
                prop_assert_eq!(block(&s), s.as_str());
            }
        }
    }

    #[test]
    fn controls_are_shown_not_obeyed() {
        let cases = [
            ("plain text", "plain text"),
            ("\u{1b}]52;c;ZXZpbA==\u{7}", "␛]52;c;ZXZpbA==␇"),
            ("\u{1b}[2J\u{1b}[H", "␛[2J␛[H"),
            ("a\u{202e}cba", "a<U+202E>cba"),
            ("tab\there", "tab here"),
            ("del\u{7f}", "del␡"),
            ("c1\u{9b}31m", "c1<U+009B>31m"),
            ("lone\rcr", "lone␍cr"),
            ("non\u{fffe}char\u{ffff}", "non<U+FFFE>char<U+FFFF>"),
        ];
        for (raw, shown) in cases {
            assert_eq!(line(raw), shown, "{raw:?}");
            assert_eq!(block(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn no_line_can_start_a_workflow_command() {
        assert_eq!(
            line("Lead\n::error file=x::owned"),
            "Lead␤::error file=x::owned"
        );
        assert_eq!(line("::warning::x"), "\\::warning::x");
        assert_eq!(
            block("first\n  ::error::x\r\nlast"),
            "first\n  \\::error::x\nlast"
        );
        assert_eq!(
            guard_lines(" ::set-output::x\n+ok"),
            " \\::set-output::x\n+ok"
        );
        assert_eq!(block("a :: b"), "a :: b");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let cases = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "' x"),
            ("\rx", "'␍x"),
            ("ok = fine", "ok = fine"),
        ];
        for (raw, cell) in cases {
            assert_eq!(csv_cell(raw), cell, "{raw:?}");
        }
    }
}
