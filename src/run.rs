//! Where errors are printed and exit codes decided, in one place.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::render::{self, neutral};
use crate::source::SourceFile;

/// How a command that ran to the end came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the plan has errors, or a check found work to do.
    Findings,
}

/// Exit codes, per the contract: 0 success, 1 the plan has errors (or a check
/// found work, or an edit was refused), 2 could not run. "Found problems" and
/// "could not run" differ so CI can tell a broken plan from a broken pipeline.
pub fn main() -> ExitCode {
    // clap exits 2 on bad usage, 0 for --help and --version.
    let cli = Cli::parse();
    match crate::commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            let code = e.exit_code();
            if code != 0 {
                // Nowhere to say it (stderr closed or full) is no reason to panic.
                let _ = print_error(&e);
            }
            ExitCode::from(code)
        }
    }
}

/// Prints an error on stderr: an invalid plan's findings in context, or
/// "error: …" and its hint.
fn print_error(e: &Error) -> io::Result<()> {
    match e {
        Error::Invalid(invalid) => {
            print_diagnostics(&invalid.diagnostics, &invalid.sources)?;
            if let Some(note) = &invalid.note {
                writeln!(anstream::stderr().lock(), "{}", neutral::line(note))?;
            }
            Ok(())
        }
        other => {
            // Messages quote paths, names and refs from the plan: shown, not obeyed.
            let mut err = anstream::stderr().lock();
            let message = neutral::line(&other.to_string()).into_owned();
            match other {
                Error::Refused(_) => writeln!(err, "{message}")?,
                _ => writeln!(err, "error: {message}")?,
            }
            if let Some(hint) = other.hint() {
                writeln!(err, "hint: {}", neutral::line(hint))?;
            }
            Ok(())
        }
    }
}

/// Findings for people: each with its source line, then "N errors, M warnings".
pub fn print_diagnostics(diagnostics: &[Diagnostic], sources: &[SourceFile]) -> io::Result<()> {
    let sources: Vec<&SourceFile> = sources.iter().collect();
    let err = anstream::stderr().lock();
    // Colour only where anstream would pass it through: stripping it again
    // would write each uncoloured stretch on its own. (anstream still strips
    // anything left, keeping its place in an escape sequence across writes.)
    let styled = err.current_choice() != anstream::ColorChoice::Never;
    let mut err = io::BufWriter::with_capacity(64 * 1024, err);
    render::diagnostics::write_human(diagnostics, &sources, styled, &mut err)?;
    writeln!(err, "{}", render::diagnostics::summary(diagnostics))?;
    err.flush()
}
