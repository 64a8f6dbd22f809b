//! A changed priority file read again by the one action the change lies in.
//!
//! Walking a plan's history, most commits change one action of one file; a
//! whole file parsed for each commit was most of `lscb history`'s time. When
//! the text that differs from the version already loaded lies inside one
//! `[[action]]` (from its header to the next action's or objective's), only
//! that action is read again, from its own text, and the rest of the file is
//! taken from the loaded version, its lines moved by the lines the change
//! added or took away.
//!
//! Every doubt gives `None`, and the caller reads the whole file: the action
//! text must parse alone, hold exactly one action and nothing else, read
//! without any finding (not even a warning), keep its ref, and end its last
//! line; and the old version of the same text must read back as exactly the
//! action loaded before, which shows the text holds the whole action (TOML
//! allows an `[[action.update]]` of it after a later `[[objective]]`). So the
//! result is the priority a full read gives, or the full read is done.

use super::tree::{self, DeValue};
use chrono::NaiveDate;

use super::action::{ActionContext, read_action};
use super::board::BoardParts;
use super::toml_read::Reader;
use crate::plan::{Action, KeyLines, Priority};
use crate::source::SourceFile;

/// The new version's priority, if the change from `old_text` (whose
/// priority is `old`) lies inside one action; `None` means read it whole.
pub(super) fn reread(
    old_text: &str,
    old: &Priority,
    src: &SourceFile,
    board: &BoardParts,
    today: NaiveDate,
) -> Option<Priority> {
    let (ob, nb) = (old_text.as_bytes(), src.text.as_bytes());
    let prefix = common(ob.chunks(64).zip(nb.chunks(64)), |a, b| {
        a.iter().zip(b).take_while(|(x, y)| x == y).count()
    });
    let most = ob.len().min(nb.len()) - prefix;
    let suffix = common(ob.rchunks(64).zip(nb.rchunks(64)), |a, b| {
        a.iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
    })
    .min(most);

    // Where each header of the old version starts: actions and objectives.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', ob).map(|i| i + 1))
        .collect();
    let at = |line: usize| starts.get(line.checked_sub(1)?).copied();
    let mut headers: Vec<usize> = old
        .actions
        .iter()
        .map(|a| a.line)
        .chain(old.objectives.iter().map(|o| o.line))
        .map(at)
        .collect::<Option<_>>()?;
    headers.sort_unstable();

    // The action whose text holds the first changed byte, and the end of
    // that text: the next header, or the end of the file.
    let (index, action) = old
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| at(a.line).is_some_and(|s| s <= prefix))
        .max_by_key(|(_, a)| a.line)?;
    let start = at(action.line)?;
    let end = headers
        .iter()
        .copied()
        .find(|&h| h > start)
        .unwrap_or(ob.len());
    if ob.len() - suffix > end {
        return None;
    }
    let new_end = (end + nb.len()).checked_sub(ob.len())?;
    // The action's text must end its last line, or the next header would
    // join it in the new file.
    if new_end < nb.len() && nb.get(new_end.checked_sub(1)?) != Some(&b'\n') {
        return None;
    }
    let old_part = old_text.get(start..end)?;
    let new_part = src.text.get(start..new_end)?;

    let numbers = old.objectives.iter().map(|o| (o.number, o.line)).collect();
    let ctx = ActionContext {
        priority: Some(old.number),
        objectives: &old.objectives,
        numbers: &numbers,
        board: Some(board),
        today,
    };
    let again = read_alone(&src.path, old_part, action.line, &ctx)?;
    if again != *action {
        return None;
    }
    let changed = read_alone(&src.path, new_part, action.line, &ctx)?;
    if changed.r#ref != action.r#ref {
        return None;
    }

    let lines = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count();
    let moved = lines(new_part) as isize - lines(old_part) as isize;
    let shift = |line: &mut usize| {
        if *line > action.line {
            *line = line.saturating_add_signed(moved);
        }
    };
    let mut priority = old.clone();
    for (i, a) in priority.actions.iter_mut().enumerate() {
        if i == index {
            continue;
        }
        shift(&mut a.line);
        let k = &mut a.lines;
        for line in [
            &mut k.deadline,
            &mut k.done,
            &mut k.status,
            &mut k.lead,
            &mut k.description,
        ]
        .into_iter()
        .flatten()
        {
            let mut at = line.get() as usize;
            shift(&mut at);
            // A line moved is still a line (1 or more).
            if let Some(moved) = KeyLines::line(at) {
                *line = moved;
            }
        }
    }
    for o in &mut priority.objectives {
        shift(&mut o.line);
    }
    *priority.actions.get_mut(index)? = changed;
    priority.file.clone_from(&src.path);
    Some(priority)
}

/// How many bytes two texts have in common, compared a block at a time
/// (`same` counts within the first block that differs).
fn common<'a>(
    blocks: impl Iterator<Item = (&'a [u8], &'a [u8])>,
    same: impl Fn(&[u8], &[u8]) -> usize,
) -> usize {
    let mut n = 0;
    for (a, b) in blocks {
        if a == b {
            n += a.len();
        } else {
            return n + same(a, b);
        }
    }
    n
}

/// One action's text read on its own, its lines counted from `line`; `None`
/// unless it is exactly one action that reads without a finding.
fn read_alone(path: &str, text: &str, line: usize, ctx: &ActionContext<'_>) -> Option<Action> {
    let root = tree::parse(text)?;
    let mut entries = root.iter();
    let (key, value) = entries.next()?;
    if entries.next().is_some() || key.get_ref().as_ref() != "action" {
        return None;
    }
    let DeValue::Array(items) = value.get_ref() else {
        return None;
    };
    let [item] = &items[..] else {
        return None;
    };
    let DeValue::Table(table) = item.get_ref() else {
        return None;
    };
    let src = SourceFile::new(path, text);
    let mut diags = Vec::new();
    let mut r = Reader::from_line(&src, &mut diags, line);
    let (action, _) = read_action(&mut r, table, item.span(), ctx)?;
    diags.is_empty().then_some(action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::{PlanFiles, board, load};

    /// A generated plan's first priority file, loaded, with its board.
    fn loaded() -> (SourceFile, Priority, BoardParts) {
        let today = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
        let mut files = PlanFiles::default();
        for (name, text) in crate::synth::synth(2, 20, 3) {
            let src = SourceFile::new(format!("plan/{name}"), text);
            if name == "board.toml" {
                files.board = Some(src);
            } else {
                files.priorities.push(src);
            }
        }
        let plan = load(&files, today).plan.unwrap_or_else(|| panic!("valid"));
        let src = files.priorities.swap_remove(0);
        let priority = plan
            .priorities
            .iter()
            .find(|p| p.file == src.path)
            .map(|p| Priority::clone(p))
            .unwrap_or_else(|| panic!("loaded"));
        let board_src = files.board.unwrap_or_else(|| panic!("a board"));
        let board =
            board::read_board(&board_src, &mut Vec::new()).unwrap_or_else(|| panic!("board"));
        (src, priority, board)
    }

    fn again(
        src: &SourceFile,
        old: &Priority,
        board: &BoardParts,
        new: String,
    ) -> Option<Priority> {
        let today = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
        let changed = SourceFile::new(src.path.clone(), new);
        reread(&src.text, old, &changed, board, today)
    }

    #[test]
    fn a_change_inside_one_action_reads_only_that_action_again() {
        let (src, old, board) = loaded();
        let text = src
            .text
            .replacen("description = \"", "description = \"Now ", 1);
        let p = again(&src, &old, &board, text).unwrap_or_else(|| panic!("read again"));
        let first = p
            .actions
            .iter()
            .min_by_key(|a| a.line)
            .map(|a| a.description.as_str());
        assert!(first.is_some_and(|d| d.starts_with("Now ")), "{first:?}");
    }

    #[test]
    fn a_change_outside_every_action_is_read_whole() {
        let (src, old, board) = loaded();
        let title = src
            .text
            .replacen("title = \"Objective", "title = \"Renamed objective", 1);
        assert!(again(&src, &old, &board, title).is_none());
        let header = src
            .text
            .replacen("[[action]]\n", "[[action]]\n\n[[action]]\n", 1);
        assert!(again(&src, &old, &board, header).is_none());
    }
}
