//! The one error type: what went wrong, what to do about it, and the exit code.
//!
//! Commands return `Result<Outcome>`; only `run.rs` prints an `Error`. A hint
//! is a field, never text glued onto the message, so every front end (the
//! terminal, a CI annotation) can place it where it belongs.

use std::fmt;
use std::io;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// Bad usage: an option value, a ref or a lead that does not exist (exit 2).
    Usage(Message),
    /// The plan has errors; they are printed with the files they point into (exit 1).
    Invalid(Box<Invalid>),
    /// An edit that was refused because of what the plan says (exit 1).
    Refused(Message),
    /// Reading or writing failed (exit 2). A closed standard output is not a
    /// failure: `lscb list | head` exits 0 quietly.
    Io {
        /// The file, or "standard output".
        path: String,
        /// What lscb was doing: "read", "write", "create", ...
        doing: &'static str,
        source: io::Error,
    },
    /// git could not answer, or the repository cannot (exit 2).
    Git(Message),
}

/// A message with an optional hint: what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub hint: Option<String>,
}

/// An invalid plan: its findings (errors and the warnings worth showing), the
/// files they point into, and a closing note (e.g. "nothing was written").
#[derive(Debug)]
pub struct Invalid {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<SourceFile>,
    pub note: Option<String>,
}

/// Where standard output errors are reported from.
pub const STDOUT: &str = "standard output";
/// And standard error's (`validate`'s findings for people). A closed pipe on
/// either is a reader that stopped reading, not a failure.
pub const STDERR: &str = "standard error";

impl Error {
    pub fn usage(text: impl Into<String>) -> Self {
        Error::Usage(Message::new(text))
    }

    pub fn refused(text: impl Into<String>) -> Self {
        Error::Refused(Message::new(text))
    }

    pub fn git(text: impl Into<String>) -> Self {
        Error::Git(Message::new(text))
    }

    pub fn io(path: impl fmt::Display, doing: &'static str, source: io::Error) -> Self {
        Error::Io {
            path: path.to_string(),
            doing,
            source,
        }
    }

    /// A failed write to standard output (a closed pipe among them).
    pub fn stdout(source: io::Error) -> Self {
        Error::io(STDOUT, "write to", source)
    }

    pub fn stderr(source: io::Error) -> Self {
        Error::io(STDERR, "write to", source)
    }

    pub fn invalid(
        diagnostics: Vec<Diagnostic>,
        sources: Vec<SourceFile>,
        note: Option<String>,
    ) -> Self {
        Error::Invalid(Box::new(Invalid {
            diagnostics,
            sources,
            note,
        }))
    }

    /// Adds (or replaces) the hint of a message-carrying error.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        match &mut self {
            Error::Usage(m) | Error::Refused(m) | Error::Git(m) => m.hint = Some(hint.into()),
            Error::Invalid(i) => i.note = Some(hint.into()),
            Error::Io { .. } => {}
        }
        self
    }

    /// The exit code the contract gives this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) | Error::Refused(_) => 1,
            Error::Io { path, source, .. }
                if (path == STDOUT || path == STDERR)
                    && source.kind() == io::ErrorKind::BrokenPipe =>
            {
                0
            }
            Error::Usage(_) | Error::Io { .. } | Error::Git(_) => 2,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Usage(m) | Error::Refused(m) | Error::Git(m) => m.hint.as_deref(),
            Error::Invalid(_) | Error::Io { .. } => None,
        }
    }
}

impl Message {
    pub fn new(text: impl Into<String>) -> Self {
        Message {
            text: text.into(),
            hint: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Git(m) => f.write_str(&m.text),
            Error::Refused(m) => write!(f, "refusing: {}", m.text),
            Error::Invalid(i) => f.write_str(i.note.as_deref().unwrap_or("the plan has errors")),
            Error::Io {
                path,
                doing,
                source,
            } => write!(f, "could not {doing} {path}: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The io::Error a csv error hides (its own `From` wraps it as `Other`, which
/// would turn a closed pipe into a failure).
pub fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The io::Error inside a serde_json error (serde_json keeps its kind).
pub fn json_io(e: serde_json::Error) -> io::Error {
    io::Error::from(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_the_contracts_exit_code() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        let cases = [
            (Error::usage("x"), 2),
            (Error::refused("x"), 1),
            (Error::invalid(vec![], vec![], None), 1),
            (Error::git("x"), 2),
            (Error::io("plan/a.toml", "read", io::Error::other("x")), 2),
            (Error::stdout(pipe), 0),
            (
                Error::io("out.csv", "write", io::ErrorKind::BrokenPipe.into()),
                2,
            ),
            (Error::stdout(io::Error::other("disk full")), 2),
        ];
        for (e, code) in cases {
            assert_eq!(e.exit_code(), code, "{e}");
        }
    }

    #[test]
    fn a_closed_pipe_survives_csv_and_json() {
        struct Closed;
        impl io::Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = csv::Writer::from_writer(Closed);
        let e = w
            .write_record(["a"])
            .and_then(|()| w.flush().map_err(csv::Error::from))
            .unwrap_err();
        assert_eq!(csv_io(e).kind(), io::ErrorKind::BrokenPipe);
        let e = serde_json::to_writer(Closed, &[1, 2]).unwrap_err();
        assert_eq!(json_io(e).kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn hints_are_fields() {
        let e = Error::usage("no action 9.9.9").with_hint("`lscb list` shows every ref");
        assert_eq!(e.to_string(), "no action 9.9.9");
        assert_eq!(e.hint(), Some("`lscb list` shows every ref"));
    }
}
