//! `lscb fmt [--check]`: the canonical layout for every plan file.

use std::path::Path;

use crate::cli::{FmtArgs, FmtFormat};
use crate::doc::{Annotation, Level};
use crate::edit::layout::{FileKind, in_layout_by_parts, layout};
use crate::error::Result;
use crate::run::Outcome;
use crate::workspace;

use super::{Ctx, closed_pipe_is_fine, diff, note, print};

/// Files bigger than this are checked a part at a time, of about `PART` bytes.
const PARTS_FROM: usize = 1024 * 1024;
const PART: usize = 256 * 1024;

pub fn run(ctx: &Ctx, args: &FmtArgs) -> Result<Outcome> {
    // Writing waits for (and holds off) any edit; checking needs no lock.
    let _lock = if args.check {
        None
    } else {
        Some(workspace::lock_plan(
            &ctx.plan_dir,
            std::time::Duration::from_secs(30),
        )?)
    };
    let files = super::read_files(ctx)?;
    let kinds = files
        .board
        .iter()
        .map(|f| (f, FileKind::Board))
        .chain(files.priorities.iter().map(|f| (f, FileKind::Priority)));
    let mut failed = false;
    let mut changed = Vec::new();
    for (src, kind) in kinds {
        // A big file already in the layout is shown so a part at a time (in
        // bounded memory); any other is laid out whole, for its diff.
        if args.check
            && kind == FileKind::Priority
            && src.text.len() > PARTS_FROM
            && in_layout_by_parts(&src.text, PART)
        {
            continue;
        }
        let formatted = match layout(&src.text, kind) {
            Ok(text) => text,
            Err(e) => {
                note(&format!(
                    "cannot format {}: {e}\nhint: `lscb validate` shows where",
                    src.path
                ));
                failed = true;
                continue;
            }
        };
        if *formatted == *src.text {
            continue;
        }
        if args.check && args.format == FmtFormat::Github {
            let mut out = Vec::new();
            let _ = crate::render::github::write(
                &annotations(&src.path, &src.text, &formatted),
                &mut out,
            );
            closed_pipe_is_fine(print(&String::from_utf8_lossy(&out)))?;
        } else if args.check {
            closed_pipe_is_fine(print(&diff(&src.path, &src.text, &formatted)))?;
        } else {
            workspace::write_file(Path::new(&src.path), formatted.as_bytes())?;
        }
        changed.push(src.path.clone());
    }
    let verb = if args.check {
        "would reformat"
    } else {
        "formatted"
    };
    for path in &changed {
        note(&format!("{verb} {path}"));
    }
    // Files that could not be read (not UTF-8, say) are not formatted either.
    for d in files.diagnostics.iter().filter(|d| d.is_error()) {
        note(&format!("cannot format {}: {}", d.file, d.message));
        failed = true;
    }
    Ok(if failed || (args.check && !changed.is_empty()) {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// One annotation per change `fmt` would make, at the lines it changes, with
/// the text to write there: a chair can fix the layout in GitHub's web editor
/// from the pull request's "Files changed" tab.
fn annotations(path: &str, before: &str, after: &str) -> Vec<Annotation> {
    use similar::{DiffOp, TextDiff};
    let diff = TextDiff::from_lines(before, after);
    let new_lines: Vec<&str> = after.split_inclusive('\n').collect();
    let mut out = Vec::new();
    for group in diff.grouped_ops(0) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old = first.old_range().start..last.old_range().end;
        let new = first.new_range().start..last.new_range().end;
        if group.iter().all(|op| matches!(op, DiffOp::Equal { .. })) {
            continue;
        }
        let text: String = new_lines[new.clone()].concat();
        let text = text.trim_end_matches(['\n', '\r']);
        let (line, end, message) = if old.is_empty() {
            // Only lines to add: after the line before them.
            let at = old.start.max(1);
            (at, None, format!("Add after line {at}:\n{text}"))
        } else if new.is_empty() {
            let message = if old.len() == 1 {
                format!("Remove line {}", old.start + 1)
            } else {
                format!("Remove lines {}-{}", old.start + 1, old.end)
            };
            (old.start + 1, (old.len() > 1).then_some(old.end), message)
        } else if old.len() == 1 {
            (
                old.start + 1,
                None,
                format!("Write line {} as:\n{text}", old.start + 1),
            )
        } else {
            (
                old.start + 1,
                Some(old.end),
                format!("Write lines {}-{} as:\n{text}", old.start + 1, old.end),
            )
        };
        out.push(Annotation {
            level: Level::Error,
            file: Some(path.to_string()),
            line: Some(line),
            end_line: end,
            title: Some("lscb fmt: layout".to_string()),
            message: format!("{message}\n(or run `lscb fmt` and commit the result)"),
            ..Annotation::default()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_is_one_annotation_with_the_text_to_write() {
        let before = "priority    = 1\ntitle = 'T'\n\n\n[[objective]]\nnumber=1\ntitle = \"O\"\n";
        let after = "priority = 1\ntitle = \"T\"\n\n[[objective]]\nnumber = 1\ntitle = \"O\"\n";
        let got: Vec<(usize, Option<usize>, String)> = annotations("plan/1.toml", before, after)
            .into_iter()
            .map(|a| (a.line.unwrap_or(0), a.end_line, a.message))
            .collect();
        let tail = "\n(or run `lscb fmt` and commit the result)";
        assert_eq!(
            got,
            [
                (
                    1,
                    Some(3),
                    format!("Write lines 1-3 as:\npriority = 1\ntitle = \"T\"{tail}")
                ),
                (6, None, format!("Write line 6 as:\nnumber = 1{tail}")),
            ]
        );
    }
}
