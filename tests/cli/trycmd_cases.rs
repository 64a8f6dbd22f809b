//! Data-driven CLI cases: every `tests/cmd/*.md` block, and the README's tour.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        // "Today" for every case: outputs stay the same whenever the tests run.
        .env("LSCB_TODAY", "2017-10-01")
        .case("tests/cmd/*.md")
        .case("README.md");
}
