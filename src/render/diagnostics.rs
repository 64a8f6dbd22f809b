//! Diagnostics for people (source line and caret), for tools (JSON) and for GitHub Actions.

use std::collections::HashMap;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::neutral;
use crate::diagnostic::{Diagnostic, Severity};
use crate::doc::{self, Annotation};
use crate::source::SourceFile;

/// Renders diagnostics as rustc does: header, `file:line:col`, source line, caret, help.
/// `styled` adds ANSI colour (`run::print_diagnostics` asks for it only where
/// anstream would show it).
/// Each finding is written as it is rendered, so a plan with a million
/// findings never holds its whole report.
pub fn write_human(
    diagnostics: &[Diagnostic],
    sources: &[&SourceFile],
    styled: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    // Two files can be shown by the same name (a `\` in one shown as `/`, or
    // names that are not UTF-8): their findings are shown without a source
    // line rather than with the other file's.
    let mut by_path: HashMap<&str, Option<&SourceFile>> = HashMap::new();
    for src in sources {
        by_path
            .entry(src.path.as_str())
            .and_modify(|seen| *seen = None)
            .or_insert(Some(*src));
    }
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let id = d.code.id();
        // The message, the help and the file name carry data: shown, not obeyed.
        let message = neutral::line(&d.message);
        let file = neutral::line(&d.file);
        let help = d.help.as_deref().map(neutral::line);
        let title = level.primary_title(message.as_ref()).id(id.as_str());
        let source = by_path
            .get(d.file.as_str())
            .copied()
            .flatten()
            .filter(|s| !s.text.is_empty());
        let excerpt = source.and_then(|src| excerpt(src, d));
        let mut group = match &excerpt {
            Some((text, line_start, span)) => title.element(
                Snippet::source(text.as_str())
                    .line_start(*line_start)
                    .path(file.as_ref())
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            ),
            None => title.element(
                Origin::path(file.as_ref())
                    .line(d.line)
                    .char_column(d.column),
            ),
        };
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        let report: [Group<'_>; 1] = [group];
        out.write_all(renderer.render(&report).as_bytes())?;
        out.write_all(b"\n\n")?;
    }
    Ok(())
}

/// The source line a diagnostic's span starts on, made inert (control and
/// bidi characters shown), with the span moved to match.
/// None where the span does not fall on the text's characters (a finding
/// shown against another file's text): no source line then, not a panic.
fn excerpt(src: &SourceFile, d: &Diagnostic) -> Option<(String, usize, std::ops::Range<usize>)> {
    let text: &str = &src.text;
    let start = text.get(..d.span.start)?.rfind('\n').map_or(0, |i| i + 1);
    // Show at most the first line of a long span (a multi-line string, a table).
    let end = text
        .get(d.span.start..)?
        .find('\n')
        .map_or(text.len(), |i| d.span.start + i);
    let span_end = d.span.end.min(end).max(d.span.start);
    // A carriage return ending the line is the file's line ending, not data.
    let line_text = text.get(start..end)?;
    let raw = line_text.strip_suffix('\r').unwrap_or(line_text);
    let shown = neutral::visible;
    let from = (d.span.start - start).min(raw.len());
    let to = (span_end - start).min(raw.len());
    let line = shown(raw);
    // Neutralising is per character, so a prefix maps to a prefix.
    let span = shown(raw.get(..from)?).len()..shown(raw.get(..to)?).len();
    Some((line, d.line, span))
}

/// One-line summary: "2 errors, 1 warning".
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// Findings as CI annotations, the rule's code leading the message and the
/// hint on a line of its own.
fn annotation(d: &Diagnostic) -> Annotation {
    let mut message = format!("{} {}: {}", d.code.id(), d.code.name(), d.message);
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Annotation {
        level: match d.severity {
            Severity::Error => doc::Level::Error,
            Severity::Warning => doc::Level::Warning,
        },
        file: Some(d.file.clone()),
        line: Some(d.line),
        column: Some(d.column),
        message,
        ..Annotation::default()
    }
}

/// GitHub Actions workflow commands, one per finding, each written as it is made.
pub fn write_github(diagnostics: &[Diagnostic], out: &mut impl Write) -> io::Result<()> {
    for d in diagnostics {
        super::github::write(std::slice::from_ref(&annotation(d)), out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn github_lines_carry_file_line_column_and_help() {
        let src = SourceFile::new("plan/a,b.toml", "x = 1\nlead = \"Bord\"\n");
        let d = src
            .diagnostic(Code::UnknownLead, 13..19, "unknown lead \"Bord\"")
            .with_help("did you mean \"Board Manager\"?");
        assert_eq!(
            {
                let mut out = Vec::new();
                write_github(&[d], &mut out).unwrap();
                String::from_utf8(out).unwrap()
            },
            "::error file=plan/a%2Cb.toml,line=2,col=8::E006 unknown-lead: unknown lead \"Bord\"%0Ahelp: did you mean \"Board Manager\"?\n"
        );
    }

    #[test]
    fn human_output_points_at_the_line_and_column() {
        let src = SourceFile::new("plan/p.toml", "a = 1\nlead = \"Bord\"\n");
        let d = src
            .diagnostic(Code::UnknownLead, 13..19, "unknown lead \"Bord\"")
            .with_help("did you mean \"Board Manager\"?");
        let mut out = Vec::new();
        write_human(&[d], &[&src], false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("error[E006]: unknown lead \"Bord\""),
            "{text}"
        );
        assert!(text.contains("plan/p.toml:2:8"), "{text}");
        assert!(text.contains("lead = \"Bord\""), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(
            text.contains("help: did you mean \"Board Manager\"?"),
            "{text}"
        );
    }
}
