//! Data-driven CLI cases: every `tests/cmd/*.md` block, and the README's tour.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md")
        .case("README.md");
}
