//! Fuzzes the loader, the validator, the diagnostics renderers, the formatter
//! and the reports. The input is split at the first NUL byte: board.toml
//! before it, one priority file after it (no NUL: the input is a priority file
//! beside a valid board).

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use lscb::plan::load::{PlanFiles, load};
use lscb::source::SourceFile;

const BOARD: &str = include_str!("../../tests/fixtures/progress/board.toml");

fuzz_target!(|data: &[u8]| {
    let (board, priority) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (BOARD.as_bytes(), data),
    };
    let (Ok(board), Ok(priority)) = (std::str::from_utf8(board), std::str::from_utf8(priority)) else {
        return;
    };
    let files = PlanFiles {
        board: Some(SourceFile::new("plan/board.toml", board)),
        priorities: vec![SourceFile::new("plan/1.toml", priority)],
        diagnostics: vec![],
    };
    let today = NaiveDate::from_ymd_opt(2017, 10, 1).expect("date");
    let loaded = load(&files, today);
    let sources: Vec<_> = files.board.iter().chain(&files.priorities).collect();
    let _ = lscb::render::diagnostics::human(&loaded.diagnostics, &sources, false);
    let _ = lscb::render::diagnostics::github(&loaded.diagnostics);
    let _ = lscb::edit::layout::layout(priority, lscb::edit::layout::FileKind::Priority);
    if let Some(plan) = loaded.plan {
        let all = lscb::report::list::Filter::default();
        let _ = lscb::report::list::rows(&plan, &all, today);
        let _ = lscb::report::overdue::overdue(&plan, &all, today);
        let _ = lscb::report::quarters::rows(&plan, today);
        let _ = lscb::report::summary::summary(&plan, today);
        let _ = lscb::report::leads::rows(&plan, today);
        // Every renderer over the list's document.
        let rows = lscb::report::list::rows(&plan, &all, today);
        let doc = lscb::report::list::document(&rows, today);
        for format in [
            lscb::render::Format::Table,
            lscb::render::Format::Csv,
            lscb::render::Format::Markdown,
            lscb::render::Format::Html,
        ] {
            let _ = lscb::render::to_string(format, &doc);
        }
    }
});
