//! Integration tests: the real `lscb` binary on fixture plans, one module per feature.

// Tests may unwrap: a panic is a failed test, which is the point.
#![allow(clippy::unwrap_used)]

mod annual;
mod dated;
mod document;
mod edit;
mod fmt;
mod history;
mod hooks;
mod hostile;
mod import;
mod import_tables;
mod list;
mod output;
mod pack;
mod properties;
mod reports;
mod robustness;
mod rollover;
mod schema;
mod site;
mod support;
mod tracker_fixtures;
mod trycmd_cases;
mod validate;
mod xlsx;
