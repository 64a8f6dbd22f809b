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

/// Every rule has a stable code, so CI logs and docs can name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    TomlSyntax,
    UnknownKey,
    MissingKey,
    WrongType,
    BadDate,
    UnknownLead,
    DuplicatePriority,
    DuplicateObjective,
    DuplicateRef,
    BadRef,
    MissingObjective,
    DeadlineKind,
    TooManyDone,
    CompleteUnmet,
    EmptyText,
    BoardMissing,
    DuplicateLeadName,
    NotUtf8,
    BadValue,
    BadYear,
    Unreadable,
    DoneInFuture,
    ObjectiveWithoutActions,
    DroppedWithoutNotes,
    NoPriorities,
}

impl Code {
    /// Every code with its id and name, in order; the docs list the same table.
    pub const ALL: [Code; 25] = [
        Code::TomlSyntax,
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongType,
        Code::BadDate,
        Code::UnknownLead,
        Code::DuplicatePriority,
        Code::DuplicateObjective,
        Code::DuplicateRef,
        Code::BadRef,
        Code::MissingObjective,
        Code::DeadlineKind,
        Code::TooManyDone,
        Code::CompleteUnmet,
        Code::EmptyText,
        Code::BoardMissing,
        Code::DuplicateLeadName,
        Code::NotUtf8,
        Code::BadValue,
        Code::BadYear,
        Code::Unreadable,
        Code::DoneInFuture,
        Code::ObjectiveWithoutActions,
        Code::DroppedWithoutNotes,
        Code::NoPriorities,
    ];

    /// The stable identifier, such as `E006`.
    pub fn id(self) -> &'static str {
        self.info().0
    }

    /// The rule's short name, such as `unknown-lead`.
    pub fn name(self) -> &'static str {
        self.info().1
    }

    pub fn severity(self) -> Severity {
        if self.id().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    fn info(self) -> (&'static str, &'static str) {
        match self {
            Code::TomlSyntax => ("E001", "toml-syntax"),
            Code::UnknownKey => ("E002", "unknown-key"),
            Code::MissingKey => ("E003", "missing-key"),
            Code::WrongType => ("E004", "wrong-type"),
            Code::BadDate => ("E005", "bad-date"),
            Code::UnknownLead => ("E006", "unknown-lead"),
            Code::DuplicatePriority => ("E007", "duplicate-priority"),
            Code::DuplicateObjective => ("E008", "duplicate-objective"),
            Code::DuplicateRef => ("E009", "duplicate-ref"),
            Code::BadRef => ("E010", "bad-ref"),
            Code::MissingObjective => ("E011", "missing-objective"),
            Code::DeadlineKind => ("E012", "due-or-every"),
            Code::TooManyDone => ("E013", "too-many-done"),
            Code::CompleteUnmet => ("E014", "complete-unmet"),
            Code::EmptyText => ("E015", "empty-text"),
            Code::BoardMissing => ("E016", "board-missing"),
            Code::DuplicateLeadName => ("E017", "duplicate-lead-name"),
            Code::NotUtf8 => ("E018", "not-utf8"),
            Code::BadValue => ("E019", "bad-value"),
            Code::BadYear => ("E020", "bad-year"),
            Code::Unreadable => ("E021", "unreadable"),
            Code::DoneInFuture => ("W101", "done-in-future"),
            Code::ObjectiveWithoutActions => ("W102", "objective-without-actions"),
            Code::DroppedWithoutNotes => ("W103", "dropped-without-notes"),
            Code::NoPriorities => ("W104", "no-priorities"),
        }
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
    s.serialize_str(code.id())
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
    fn codes_are_unique_and_well_formed() {
        let mut ids: Vec<_> = Code::ALL.iter().map(|c| c.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
        for code in Code::ALL {
            assert_eq!(code.id().len(), 4);
            let expected = if code.id().starts_with('E') {
                Severity::Error
            } else {
                Severity::Warning
            };
            assert_eq!(code.severity(), expected, "{}", code.id());
        }
    }
}
