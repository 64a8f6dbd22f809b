//! `lscb`: a Local Safeguarding Children Board's business plan as plain-text data.
//!
//! The plan lives as TOML files under `plan/` (see `docs/plan-format.md`); this
//! crate loads and validates it (`plan`), computes reports as of a day (`report`),
//! and renders them (`render`). Only `commands` and `run` touch the terminal.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod edit;
pub mod format;
pub mod git;
pub mod import;
pub mod plan;
pub mod render;
pub mod report;
pub mod run;
pub mod schema;
pub mod source;
pub mod synth;
pub mod workspace;
