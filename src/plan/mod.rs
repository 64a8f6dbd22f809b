//! The domain: a board's business plan, loaded from TOML, validated, and read as of a day.

pub mod date;
pub mod keys;
pub mod leads;
pub mod load;
pub mod rules;
pub mod schedule;

use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use smallvec::SmallVec;
use strum::IntoEnumIterator;

pub use leads::{Lead, Register};
pub use schedule::{ActionState, DeadlineState, Progress, Rag};

/// The whole plan: the board and its priorities, in priority order, each
/// priority's actions in ref order.
#[derive(Clone, Debug)]
pub struct Plan {
    pub board: Board,
    /// Shared, so a plan loaded again with most files unchanged (another
    /// commit's version) takes those priorities without copying them.
    pub priorities: Vec<Arc<Priority>>,
}

/// `board.toml`: the board, its plan year and its register of leads.
#[derive(Clone, Debug)]
pub struct Board {
    pub name: String,
    pub year: PlanYear,
    pub amber_days: i64,
    /// The board's rule: an open action has an update within this many days
    /// (warning `stale-update`).
    pub update_days: Option<i64>,
    /// The board's rule: every action says these (error `missing-required`).
    pub require: Vec<Required>,
    pub register: Register,
}

/// An optional action key a board may require of every action.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Required {
    Impact,
    Tags,
    Notes,
}

impl Required {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// The plan year; quarters are counted from `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// One strategic priority (one file).
#[derive(Clone, Debug, PartialEq)]
pub struct Priority {
    pub number: u32,
    pub title: String,
    pub short: Option<String>,
    pub objectives: Vec<Objective>,
    pub actions: Vec<Action>,
    /// The file it came from, as shown to people.
    pub file: String,
}

impl Priority {
    /// The name tables use: `short` if given, else the title.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }

    pub fn objective(&self, number: u32) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.number == number)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Objective {
    pub number: u32,
    pub title: String,
    pub line: usize,
}

/// An action's full reference `PRIORITY.OBJECTIVE.ACTION`, ordered numerically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ref {
    pub priority: u32,
    pub objective: u32,
    pub action: u32,
}

impl Ref {
    /// `P.O.A` written into a buffer on the stack: a 100k-row report writes
    /// a ref on every row, and `format!` costs more than the row's own work.
    pub fn text(self) -> RefText {
        let mut t = RefText {
            bytes: [0; 32],
            len: 0,
        };
        for (i, n) in [self.priority, self.objective, self.action]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                t.push(b'.');
            }
            let mut digits = [0u8; 10];
            let mut k = digits.len();
            let mut n = n;
            loop {
                k -= 1;
                // A digit: 0 to 9, so the cast keeps it.
                digits[k] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            for &d in &digits[k..] {
                t.push(d);
            }
        }
        t
    }

    /// `P.O.A` as a `String`, without `fmt` (`to_string` goes through a
    /// `Formatter`): a table of actions makes one on every row.
    pub fn string(self) -> String {
        self.text().as_str().to_owned()
    }
}

/// A ref's text (at most three 10-digit numbers and two dots).
pub struct RefText {
    bytes: [u8; 32],
    len: usize,
}

impl RefText {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits and dots are pushed.
        std::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

impl Serialize for Ref {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text().as_str())
    }
}

impl std::str::FromStr for Ref {
    type Err = String;

    /// Parses `P.O.A` with positive integers.
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<_> = s.trim().split('.').map(parse_positive).collect();
        match parts.as_slice() {
            [Some(p), Some(o), Some(a)] => Ok(Ref {
                priority: *p,
                objective: *o,
                action: *a,
            }),
            _ => Err(format!(
                "`{s}` is not an action reference; write PRIORITY.OBJECTIVE.ACTION, e.g. 1.2.3"
            )),
        }
    }
}

/// A positive integer written in plain digits, without leading zeros (`"1.01"`
/// is not a ref: it would silently mean 1.1).
pub fn parse_positive(s: &str) -> Option<u32> {
    if s.is_empty() || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n > 0)
}

/// An action's dates (deadlines, done dates): most have one or two, held
/// in the action itself, not in an allocation of their own; more than four
/// (a monthly `every`) go to the heap. As big as a `Vec`.
pub type Dates = SmallVec<[NaiveDate; 4]>;

/// An action's leads, as indexes into the register; likewise up to two inline.
pub type Leads = SmallVec<[usize; 2]>;

/// One action of the plan, with its deadlines already worked out.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub r#ref: Ref,
    pub description: String,
    /// Indexes into the board's register, in the order the file names them.
    pub leads: Leads,
    pub schedule: Schedule,
    /// All deadlines as they stand now (every dated move applied), ascending.
    pub deadlines: Dates,
    /// All deadlines as first planned (every dated move undone), ascending;
    /// empty when no move is dated, the plan then being `deadlines` (read
    /// through `planned()`).
    pub planned: Dates,
    /// All done dates, ascending (matched in order to the deadlines).
    pub done: Dates,
    /// The status now: the latest dated status, else the `status` key.
    pub status: Option<Status>,
    /// The `status` key itself.
    pub declared: Option<Status>,
    pub impact: Option<Box<str>>,
    pub tags: Vec<String>,
    pub notes: Option<Box<str>>,
    /// Where a rolled-over action came from: the old year's label and full
    /// ref, e.g. "2017/18 1.2.3".
    pub carried_from: Option<Box<str>>,
    pub updates: Vec<Update>,
    /// The line of its `[[action]]` header.
    pub line: usize,
    /// The lines of the keys a change points at.
    pub lines: KeyLines,
}

/// Where an action's keys are, so a finding about a change can point at the
/// changed line rather than the action's header. In 32 bits (no file over
/// 64 MiB is read), and never 0 (lines count from 1), so a missing key costs
/// nothing more: held for every action, a quarter of the size of
/// `Option<usize>`s.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyLines {
    /// `due` or `every`.
    pub deadline: Option<NonZeroU32>,
    pub done: Option<NonZeroU32>,
    pub status: Option<NonZeroU32>,
    pub lead: Option<NonZeroU32>,
    pub description: Option<NonZeroU32>,
}

impl KeyLines {
    /// A line (1 or more) as held; one past `u32` is held as `u32::MAX`.
    pub fn line(line: usize) -> Option<NonZeroU32> {
        NonZeroU32::new(u32::try_from(line).unwrap_or(u32::MAX))
    }
}

/// How the deadlines were written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    Due,
    Every(Period),
}

/// A recurring deadline period for `every`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Period {
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        s.parse().ok()
    }

    pub fn months(self) -> u32 {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::HalfYear => 6,
            Period::Year => 12,
        }
    }

    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// The `status` a file may declare.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Serialize,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Status {
    NotStarted,
    InProgress,
    OnHold,
    Complete,
    Dropped,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        s.parse().ok()
    }

    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// Every name of a strum-named enum, in declaration order ("use one of: ...").
pub fn names<T: IntoEnumIterator + Into<&'static str>>() -> Vec<&'static str> {
    T::iter().map(Into::into).collect()
}

/// An entry of an action's progress log; dated status changes and deadline
/// moves are entries too, so the plan as of any day can be worked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Update {
    pub date: NaiveDate,
    pub text: String,
    /// The action's status from this date on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The status before the action's first dated status change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_before: Option<Status>,
    /// On this date one deadline moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<Move>,
}

impl Update {
    pub fn note(date: NaiveDate, text: impl Into<String>) -> Update {
        Update {
            date,
            text: text.into(),
            status: None,
            status_before: None,
            moved: None,
        }
    }
}

/// A deadline as a plan file writes it: a day, or a month (due by its last day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeadlineValue {
    pub day: NaiveDate,
    pub month: bool,
}

impl DeadlineValue {
    /// "May 2017" or "24 May 2017".
    pub fn human(self) -> String {
        if self.month {
            self.day.format("%b %Y").to_string()
        } else {
            crate::doc::human_date(self.day)
        }
    }
}

impl Serialize for DeadlineValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.day)
    }
}

/// One deadline moved: `from` became `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Move {
    pub from: DeadlineValue,
    pub to: DeadlineValue,
}

impl Action {
    /// Whether any update carries a dated status or move (else the plan's
    /// keys say everything, for every day).
    fn dated(&self) -> bool {
        self.updates
            .iter()
            .any(|u| u.status.is_some() || u.moved.is_some())
    }

    /// All deadlines as first planned, ascending.
    pub fn planned(&self) -> &[NaiveDate] {
        if self.planned.is_empty() {
            &self.deadlines
        } else {
            &self.planned
        }
    }

    /// The deadlines as they stood on day `d`, ascending: for `due`, every
    /// move dated after `d` undone; for `every`, the period ends with every
    /// move dated on or before `d` applied. (Both are the planned deadlines
    /// with the moves up to `d` applied.)
    pub fn deadlines_on(&self, d: NaiveDate) -> Cow<'_, [NaiveDate]> {
        if !self.updates.iter().any(|u| u.moved.is_some()) {
            return Cow::Borrowed(&self.deadlines);
        }
        let mut out: Vec<NaiveDate> = self.moved_on(d).into_iter().map(|(_, now)| now).collect();
        out.sort();
        Cow::Owned(out)
    }

    /// Each deadline as planned beside where it stood on day `d`, in the
    /// order of the latter.
    pub fn moved_on(&self, d: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
        let mut pairs: Vec<(NaiveDate, NaiveDate)> =
            self.planned().iter().map(|&p| (p, p)).collect();
        for (u, m) in self.moves() {
            if u.date > d {
                break;
            }
            // Validation holds every move to a deadline that is there.
            if let Some(pair) = pairs.iter_mut().find(|(_, now)| *now == m.from.day) {
                pair.1 = m.to.day;
            }
        }
        pairs.sort_by_key(|&(_, now)| now);
        pairs
    }

    /// The status on day `d`: the latest dated status on or before it; if
    /// dated statuses all come later, the earliest one's `status_before`;
    /// with no dated status, the `status` key.
    pub fn status_on(&self, d: NaiveDate) -> Option<Status> {
        if !self.dated() {
            return self.status;
        }
        let mut dated = self
            .updates
            .iter()
            .filter(|u| u.status.is_some())
            .peekable();
        let Some(first) = dated.peek() else {
            return self.declared;
        };
        let before = first.status_before;
        let mut current = None;
        let mut seen = false;
        for u in self.updates.iter().filter(|u| u.status.is_some()) {
            if u.date <= d {
                current = u.status;
                seen = true;
            }
        }
        if seen { current } else { before }
    }

    /// The deadline moves, in date order.
    pub fn moves(&self) -> impl Iterator<Item = (&Update, Move)> {
        self.updates.iter().filter_map(|u| Some((u, u.moved?)))
    }
}

impl Plan {
    /// A plan of these priorities (sorted by number, their actions by ref).
    pub fn new(board: Board, mut priorities: Vec<Arc<Priority>>) -> Plan {
        priorities.sort_by_key(|p| p.number);
        for p in &mut priorities {
            if !p.actions.is_sorted_by_key(|a| a.r#ref) {
                Arc::make_mut(p).actions.sort_by_key(|a| a.r#ref);
            }
        }
        Plan { board, priorities }
    }

    /// Every action with its priority, in ref order.
    pub fn actions(&self) -> impl Iterator<Item = (&Priority, &Action)> {
        self.priorities.iter().flat_map(|p| {
            let p: &Priority = p;
            p.actions.iter().map(move |a| (p, a))
        })
    }

    /// An action by its ref: its priority by number, then the action, both
    /// found by halving (both are sorted). No index to build: a history
    /// builds a plan for every commit, and a hash index of every action was a
    /// tenth of its time.
    pub fn find(&self, r: Ref) -> Option<(&Priority, &Action)> {
        let p = self.priority(r.priority)?;
        let i = p.actions.binary_search_by_key(&r, |a| a.r#ref).ok()?;
        Some((p, p.actions.get(i)?))
    }

    pub fn priority(&self, number: u32) -> Option<&Priority> {
        self.priorities
            .binary_search_by_key(&number, |p| p.number)
            .ok()
            .map(|i| &*self.priorities[i])
    }

    /// The register names of an action's leads.
    pub fn lead_names<'p>(&'p self, action: &Action) -> Vec<&'p str> {
        action
            .leads
            .iter()
            .filter_map(|&i| self.board.register.leads.get(i))
            .map(|l| l.name.as_str())
            .collect()
    }

    /// The full refs a short or partial one could mean (`2.1` -> `2.1.1`, `2.1.2`, ...).
    pub fn refs_starting(&self, prefix: &str) -> Vec<Ref> {
        let dotted = format!("{}.", prefix.trim().trim_end_matches('.'));
        self.actions()
            .map(|(_, a)| a.r#ref)
            .filter(|r| r.to_string().starts_with(&dotted))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refs_text_is_its_three_numbers_with_dots() {
        for (p, o, a) in [
            (1, 2, 3),
            (0, 0, 0),
            (10, 200, 3000),
            (u32::MAX, 9, u32::MAX),
        ] {
            let r = Ref {
                priority: p,
                objective: o,
                action: a,
            };
            assert_eq!(r.to_string(), format!("{p}.{o}.{a}"));
            assert_eq!(r.string(), format!("{p}.{o}.{a}"));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{p}.{o}.{a}\"")
            );
        }
    }

    #[test]
    fn refs_are_positive_numbers_without_leading_zeros() {
        let cases = [
            ("1.2.3", true),
            ("10.20.30", true),
            (" 1.2.3 ", true),
            ("1.01.1", false),
            ("0.1.1", false),
            ("1.2", false),
            ("1.2.3.4", false),
            ("1.-2.3", false),
            ("a.b.c", false),
            ("", false),
        ];
        for (text, ok) in cases {
            assert_eq!(text.parse::<Ref>().is_ok(), ok, "{text:?}");
        }
        assert_eq!(
            "1.2.10"
                .parse::<Ref>()
                .unwrap()
                .cmp(&"1.2.9".parse::<Ref>().unwrap()),
            std::cmp::Ordering::Greater
        );
    }
}
