//! Findings about a plan: what is wrong, where, and how to fix it.

use std::ops::Range;

use serde::Serialize;

/// How serious a finding is: errors make the plan invalid, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Every rule has a stable code, so CI logs and docs can name it: the
/// number is the discriminant (`E006` is 6; warnings are numbered from 101),
/// the rule's name is the variant's name in kebab case (`unknown-lead`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter, strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[repr(u16)]
pub enum Code {
    TomlSyntax = 1,
    UnknownKey = 2,
    MissingKey = 3,
    WrongType = 4,
    BadDate = 5,
    UnknownLead = 6,
    DuplicatePriority = 7,
    DuplicateObjective = 8,
    DuplicateRef = 9,
    BadRef = 10,
    MissingObjective = 11,
    DueOrEvery = 12,
    TooManyDone = 13,
    CompleteUnmet = 14,
    EmptyText = 15,
    BoardMissing = 16,
    DuplicateLeadName = 17,
    #[strum(serialize = "not-utf8")]
    NotUtf8 = 18,
    BadValue = 19,
    BadYear = 20,
    Unreadable = 21,
    TooLarge = 22,
    NotAFile = 23,
    MoveNotThere = 24,
    StatusMismatch = 25,
    MissingRequired = 26,
    DoneInFuture = 101,
    ObjectiveWithoutActions = 102,
    DroppedWithoutNotes = 103,
    NoPriorities = 104,
    LinkOutside = 105,
    LeftoverTempFile = 106,
    MoveBeforeYear = 107,
    StaleUpdate = 108,
}

/// Codes from this number on are warnings.
const FIRST_WARNING: u16 = 101;

impl Code {
    /// The stable identifier, such as `E006` or `W101`.
    pub fn id(self) -> String {
        let n = self as u16;
        let letter = if n >= FIRST_WARNING { 'W' } else { 'E' };
        format!("{letter}{n:03}")
    }

    /// The rule's short name, such as `unknown-lead`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn severity(self) -> Severity {
        if self as u16 >= FIRST_WARNING {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// Every code, in order.
    pub fn all() -> impl Iterator<Item = Code> {
        <Code as strum::IntoEnumIterator>::iter()
    }
}

/// One finding, located at `file:line:column` (both 1-based, column in characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    #[serde(serialize_with = "code_id")]
    pub code: Code,
    /// The rule's name, such as `unknown-lead` (an extra key in the JSON).
    pub rule: &'static str,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub help: Option<String>,
    /// Byte range in the file, for drawing the source line with a caret.
    #[serde(skip)]
    pub span: Range<usize>,
}

fn code_id<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&code.id())
}

impl Diagnostic {
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Orders findings by file, then line and column, as CI reads them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_with_a_well_formed_id_and_name() {
        let all: Vec<Code> = Code::all().collect();
        let mut ids: Vec<String> = all.iter().map(|c| c.id()).collect();
        let mut names: Vec<&str> = all.iter().map(|c| c.name()).collect();
        ids.sort();
        ids.dedup();
        names.sort();
        names.dedup();
        assert_eq!((ids.len(), names.len()), (all.len(), all.len()));
        for code in all {
            let id = code.id();
            assert_eq!(id.len(), 4, "{id}");
            let expected = if id.starts_with('E') {
                Severity::Error
            } else {
                Severity::Warning
            };
            assert_eq!(code.severity(), expected, "{id}");
            assert!(
                code.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                code.name()
            );
        }
        assert_eq!(
            (Code::UnknownLead.id(), Code::UnknownLead.name()),
            ("E006".to_string(), "unknown-lead")
        );
        assert_eq!(Code::DueOrEvery.name(), "due-or-every");
        assert_eq!(Code::NotUtf8.name(), "not-utf8");
        assert_eq!(Code::DoneInFuture.id(), "W101");
    }
}

#[cfg(test)]
mod documented {
    use super::*;

    /// docs/plan-format.md lists every code, with its name, in its table.
    #[test]
    fn every_code_is_in_the_format_reference() {
        let docs = include_str!("../docs/plan-format.md");
        for code in Code::all() {
            let row = format!("| {} | {} |", code.id(), code.name());
            assert!(docs.contains(&row), "docs/plan-format.md lacks `{row}`");
        }
    }
}
