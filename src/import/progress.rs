//! A tracker's progress columns (RAG/Status, Update, Updated) as plan
//! progress: dated updates, a status where the tracker's word means one, a
//! done date only where the tracker gives one. Pure. `docs/import.md` lists
//! each mapping.

use chrono::NaiveDate;

use super::deadline::read_day;
use crate::plan::Status;
use crate::plan::load::mistakes::status_in_words;

/// What a RAG/Status cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackerStatus {
    Empty,
    /// A status the plan has (not `complete`: that needs done dates).
    Status(Status),
    /// "Complete", "Completed 12/03/2018", "Blue": with the day if it gives one.
    Complete(Option<NaiveDate>),
    /// Red, amber or green: the tracker's own judgement, which lscb derives.
    Rag(&'static str),
    /// Anything else ("Delayed", "See update").
    Other,
}

/// Reads a RAG/Status cell.
pub fn read_status(cell: &str) -> TrackerStatus {
    let t = cell.trim().trim_end_matches('.').to_lowercase();
    if t.is_empty() || t == "-" {
        return TrackerStatus::Empty;
    }
    if let Some(rest) = ["completed", "complete", "done", "achieved", "met"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
    {
        let rest = rest
            .trim()
            .trim_start_matches(['-', ':', '(', ',', '–'])
            .trim();
        let rest = rest.trim_start_matches("on ").trim_end_matches(')').trim();
        if rest.is_empty() {
            return TrackerStatus::Complete(None);
        }
        if let Some(d) = read_day(rest) {
            return TrackerStatus::Complete(Some(d));
        }
    }
    if t == "blue" || t == "b" {
        return TrackerStatus::Complete(None);
    }
    if let Some(rag) = rag(&t) {
        return TrackerStatus::Rag(rag);
    }
    match status_in_words(&t) {
        Some(Status::Complete) => return TrackerStatus::Complete(None),
        Some(s) => return TrackerStatus::Status(s),
        None => {}
    }
    // "Amber - on hold", "Red (dropped)": a status word wins over a colour.
    let pieces: Vec<&str> = t
        .split(['-', '/', '(', ')', ',', ':', '–'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.len() > 1 {
        if let Some(s) = pieces.iter().find_map(|p| status_in_words(p)) {
            return match s {
                Status::Complete => TrackerStatus::Complete(None),
                s => TrackerStatus::Status(s),
            };
        }
        if let Some(r) = pieces.iter().find_map(|p| rag(p)) {
            return TrackerStatus::Rag(r);
        }
    }
    TrackerStatus::Other
}

fn rag(t: &str) -> Option<&'static str> {
    match t {
        "r" | "red" => Some("Red"),
        "a" | "amber" => Some("Amber"),
        "g" | "green" => Some("Green"),
        _ => None,
    }
}

/// One dated entry for `[[action.update]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateOut {
    pub date: NaiveDate,
    pub text: String,
    pub status: Option<Status>,
}

/// An action's progress as the plan file writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgressOut {
    pub done: Vec<NaiveDate>,
    pub status: Option<Status>,
    pub notes: Option<String>,
    pub updates: Vec<UpdateOut>,
    /// Lines for stderr: what to check.
    pub problems: Vec<String>,
    /// A RAG colour with no day to date it: not kept (lscb works RAG out from
    /// the deadlines), but listed.
    pub rag_not_kept: Option<&'static str>,
}

/// The tracker's cells for one action.
pub struct TrackerProgress<'a> {
    pub status: &'a str,
    pub update: &'a str,
    pub updated: &'a str,
    /// How many deadlines the action has (a done date is set only for one).
    pub deadlines: usize,
}

/// Turns the progress cells into plan progress:
/// - the Update cell: each line that starts with a day ("12/03/2018: ...")
///   starts a dated update; text before any such line is dated by the
///   Updated cell, or goes to `notes` when the tracker gives no day;
/// - the RAG/Status cell: a status where it names one (on hold, dropped, in
///   progress, not started), dated like the update (an update's `status`)
///   or, undated, as the `status` key; "complete" with a day, on an action
///   with one deadline, is its done date; "complete" without one, or any
///   other word, is kept as text, never as a done date; a RAG colour is
///   kept in a dated update's text, and undated it is not kept (lscb works
///   RAG out from the deadlines) but reported in `rag_not_kept`.
pub fn progress(cells: &TrackerProgress<'_>, r: &str) -> ProgressOut {
    let mut out = ProgressOut::default();
    let updated = read_day(cells.updated).filter(|d| crate::edit::writable(*d));
    let raw_updated = cells.updated.trim();
    let (undated, mut dated) = dated_entries(cells.update);

    let status_cell = cells.status.trim();
    let (status, status_note) = match read_status(status_cell) {
        TrackerStatus::Empty => (None, None),
        TrackerStatus::Status(s) => (Some(s), None),
        TrackerStatus::Complete(Some(d)) if cells.deadlines == 1 && crate::edit::writable(d) => {
            out.done.push(d);
            (None, None)
        }
        TrackerStatus::Complete(day) => {
            out.problems.push(match day {
                Some(d) => format!(
                    "{r}: the tracker says \"{status_cell}\" ({d}) but the action has {} deadlines; kept as a note, no done date set",
                    cells.deadlines
                ),
                None => format!(
                    "{r}: the tracker says \"{status_cell}\" with no completion date; kept as a note, no done date set"
                ),
            });
            (
                None,
                Some(format!(
                    "The tracker's status: {status_cell} (no done date was set from it)"
                )),
            )
        }
        TrackerStatus::Rag(colour) => {
            out.rag_not_kept = Some(colour);
            (None, Some(format!("The tracker's RAG: {colour}")))
        }
        TrackerStatus::Other => (None, Some(format!("The tracker's status: {status_cell}"))),
    };

    // The day the tracker's status and undated update stand as of.
    let as_of = updated.or_else(|| dated.iter().map(|u| u.date).max());
    if updated.is_none() && !raw_updated.is_empty() {
        out.problems.push(format!(
            "{r}: could not read the update date \"{raw_updated}\"; the update was kept undated"
        ));
    }
    let mut text: Vec<String> = Vec::new();
    text.extend((!undated.is_empty()).then(|| undated.clone()));
    // A colour is the tracker's judgement on a day; undated, it is dropped.
    if as_of.is_some() {
        out.rag_not_kept = None;
    }
    text.extend(status_note.filter(|_| as_of.is_some() || out.rag_not_kept.is_none()));
    match as_of {
        Some(day) => {
            let joined = text.join("\n");
            match dated.iter_mut().find(|u| u.date == day) {
                Some(u) => {
                    if !joined.is_empty() {
                        u.text = format!("{}\n{joined}", u.text);
                    }
                    u.status = status;
                }
                None if !joined.is_empty() || status.is_some() => {
                    let joined = if joined.is_empty() {
                        format!("Status in the tracker: {status_cell}")
                    } else {
                        joined
                    };
                    dated.push(UpdateOut {
                        date: day,
                        text: joined,
                        status,
                    });
                }
                None => {}
            }
        }
        None => {
            out.status = status;
            if !text.is_empty() {
                out.notes = Some(text.join("\n"));
            }
        }
    }
    dated.sort_by_key(|u| u.date);
    out.updates = dated;
    // A dropped action says why (validate warns otherwise).
    let dropped = out.status == Some(Status::Dropped)
        || out
            .updates
            .iter()
            .any(|u| u.status == Some(Status::Dropped));
    if dropped && out.notes.is_none() {
        out.notes = Some(format!("Dropped in the tracker (\"{status_cell}\")"));
    }
    out
}

/// The update cell's lines: the text before the first dated line, and one
/// entry per dated line ("12/03/2018: text", "12 March 2018 - text") with the
/// undated lines after it.
fn dated_entries(cell: &str) -> (String, Vec<UpdateOut>) {
    let mut undated: Vec<&str> = Vec::new();
    let mut dated: Vec<UpdateOut> = Vec::new();
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match leading_day(line) {
            Some((date, text)) => dated.push(UpdateOut {
                date,
                text: text.to_string(),
                status: None,
            }),
            None => match dated.last_mut() {
                Some(u) => {
                    if !u.text.is_empty() {
                        u.text.push('\n');
                    }
                    u.text.push_str(line);
                }
                None => undated.push(line),
            },
        }
    }
    for u in &mut dated {
        if u.text.is_empty() {
            u.text = "(no text in the tracker)".into();
        }
    }
    (undated.join("\n"), dated)
}

/// "12/03/2018: text", "12 March 2018 - text", "[2018-03-12] text", or the
/// day at the end: "text (12/03/2018)".
fn leading_day(line: &str) -> Option<(NaiveDate, &str)> {
    if let Some((text, day)) = line.strip_suffix(')').and_then(|l| l.rsplit_once('('))
        && let Some(d) = read_day(day)
        && crate::edit::writable(d)
    {
        return Some((d, text.trim()));
    }
    let body = line.trim_start_matches(['[', '(']);
    for sep in [": ", " - ", " – ", " — ", "] ", ") ", ":"] {
        if let Some((head, rest)) = body.split_once(sep)
            && let Some(d) = read_day(head.trim_end_matches([']', ')']))
            && crate::edit::writable(d)
        {
            return Some((d, rest.trim()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::date::parse_iso;

    fn day(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn status_cells_in_each_wording() {
        let cases = [
            ("On hold", TrackerStatus::Status(Status::OnHold)),
            ("Paused", TrackerStatus::Status(Status::OnHold)),
            ("Dropped", TrackerStatus::Status(Status::Dropped)),
            ("Cancelled", TrackerStatus::Status(Status::Dropped)),
            ("In progress", TrackerStatus::Status(Status::InProgress)),
            ("Not started", TrackerStatus::Status(Status::NotStarted)),
            ("Amber - on hold", TrackerStatus::Status(Status::OnHold)),
            ("Complete", TrackerStatus::Complete(None)),
            ("Completed.", TrackerStatus::Complete(None)),
            ("Blue", TrackerStatus::Complete(None)),
            (
                "Completed 12/03/2018",
                TrackerStatus::Complete(Some(day("2018-03-12"))),
            ),
            (
                "Complete (12 March 2018)",
                TrackerStatus::Complete(Some(day("2018-03-12"))),
            ),
            ("G", TrackerStatus::Rag("Green")),
            ("Amber", TrackerStatus::Rag("Amber")),
            ("RED", TrackerStatus::Rag("Red")),
            ("Delayed", TrackerStatus::Other),
            ("", TrackerStatus::Empty),
        ];
        for (cell, expected) in cases {
            assert_eq!(read_status(cell), expected, "{cell}");
        }
    }

    fn run(status: &str, update: &str, updated: &str, deadlines: usize) -> ProgressOut {
        progress(
            &TrackerProgress {
                status,
                update,
                updated,
                deadlines,
            },
            "1.1.1",
        )
    }

    #[test]
    fn a_dated_update_carries_the_status() {
        let p = run("On hold", "Waiting for the audit", "12/03/2018", 1);
        assert_eq!(
            p.updates,
            [UpdateOut {
                date: day("2018-03-12"),
                text: "Waiting for the audit".into(),
                status: Some(Status::OnHold),
            }]
        );
        assert_eq!((p.status, p.notes, p.done.len()), (None, None, 0));
    }

    #[test]
    fn undated_progress_goes_to_the_status_key_and_notes() {
        let p = run("On hold", "Waiting for the audit", "", 1);
        assert_eq!(p.status, Some(Status::OnHold));
        assert_eq!(p.notes.as_deref(), Some("Waiting for the audit"));
        assert!(p.updates.is_empty());
        // An undated colour is not kept, only reported.
        let p = run("Amber", "", "", 1);
        assert_eq!((p.notes, p.rag_not_kept), (None, Some("Amber")));
        let p = run("Amber", "", "01/03/2018", 1);
        assert_eq!(p.updates[0].text, "The tracker's RAG: Amber");
        assert_eq!(p.rag_not_kept, None);
    }

    #[test]
    fn complete_never_invents_a_done_date() {
        let p = run("Complete", "Report published", "12/03/2018", 1);
        assert!(p.done.is_empty() && p.status.is_none());
        assert_eq!(
            p.updates[0].text,
            "Report published\nThe tracker's status: Complete (no done date was set from it)"
        );
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        // With a day, on a one-deadline action, it is the done date.
        let p = run("Completed 01/03/2018", "", "", 1);
        assert_eq!(p.done, [day("2018-03-01")]);
        // Not on an action with several deadlines.
        let p = run("Completed 01/03/2018", "", "", 4);
        assert!(p.done.is_empty());
        assert!(p.notes.unwrap().contains("Completed 01/03/2018"));
    }

    #[test]
    fn dated_lines_in_the_update_cell_are_updates_of_their_own() {
        let p = run(
            "Amber",
            "Older note\nDraft shared (01/02/2018)\nwith partners\n2018-03-12 - Signed off",
            "",
            1,
        );
        assert_eq!(p.updates.len(), 2);
        assert_eq!(p.updates[0].date, day("2018-02-01"));
        assert_eq!(p.updates[0].text, "Draft shared\nwith partners");
        // The latest entry takes the undated text and the tracker's RAG.
        assert_eq!(
            p.updates[1].text,
            "Signed off\nOlder note\nThe tracker's RAG: Amber"
        );
    }

    #[test]
    fn a_dropped_action_says_why() {
        let p = run("Cancelled", "", "01/03/2018", 1);
        assert_eq!(p.updates[0].status, Some(Status::Dropped));
        assert_eq!(p.updates[0].text, "Status in the tracker: Cancelled");
        assert_eq!(
            p.notes.as_deref(),
            Some("Dropped in the tracker (\"Cancelled\")")
        );
    }
}
