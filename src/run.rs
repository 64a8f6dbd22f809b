//! Where exit codes are decided, in one place.

use std::process::ExitCode;

use std::io::Write;

use clap::Parser;

use crate::cli::Cli;

/// How a command that ran to the end came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the plan has errors, or a check found work to do.
    Findings,
}

/// Exit codes, per the contract: 0 success, 1 the plan has errors (or a check
/// found work), 2 could not run. "Found problems" and "could not run" differ so
/// CI can tell a broken plan from a broken pipeline.
pub fn main() -> ExitCode {
    // clap exits 2 on bad usage, 0 for --help and --version.
    let cli = Cli::parse();
    match crate::commands::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS, // `lscb list | head`
        // Its diagnostics are already on stderr.
        Err(e) if e.is::<crate::commands::PlanInvalid>() => ExitCode::from(1),
        Err(e) => {
            // Nowhere to say it (stderr closed or full) is no reason to panic.
            let _ = writeln!(anstream::stderr().lock(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
