//! `lscb`: a safeguarding board's business plan as plain-text data.
//!
//! The plan lives as TOML files under `plan/` (see `docs/plan-format.md`).
//! Data flows one way: files (`workspace`) → `plan` (load and validate) →
//! `report` (rows and a `doc::Document` as of a day) → `render` (bytes in each
//! format). Only `run` prints errors; `docs/architecture.md` is the map.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod doc;
pub mod edit;
pub mod error;
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
