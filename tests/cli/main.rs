//! Integration tests: the real `lscb` binary on fixture plans, one module per feature.

mod list;
mod properties;
mod support;
mod trycmd_cases;
mod validate;
