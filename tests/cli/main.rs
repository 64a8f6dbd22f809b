//! Integration tests: the real `lscb` binary on fixture plans, one module per feature.

mod list;
mod support;
mod trycmd_cases;
mod validate;
