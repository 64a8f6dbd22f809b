//! Helpers shared by the integration tests.

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (tests run from here).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// `lscb` with a clean environment: no colour, no plan from the environment.
pub fn lscb() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("lscb");
    cmd.env_remove("LSCB_PLAN")
        .env("NO_COLOR", "1")
        .env("LSCB_TODAY", "2017-10-01");
    no_git_config(&mut cmd);
    cmd
}

/// Keeps the machine's own git configuration (signing, hooks, aliases) out of
/// a test: only the repository's settings, and the test's, apply.
pub fn no_git_config<C: GitEnv>(cmd: &mut C) {
    cmd.set_env("GIT_CONFIG_GLOBAL", "/dev/null");
    cmd.set_env("GIT_CONFIG_NOSYSTEM", "1");
}

/// Setting an environment variable on either kind of command.
pub trait GitEnv {
    fn set_env(&mut self, key: &str, value: &str);
}

impl GitEnv for Command {
    fn set_env(&mut self, key: &str, value: &str) {
        self.env(key, value);
    }
}

impl GitEnv for std::process::Command {
    fn set_env(&mut self, key: &str, value: &str) {
        self.env(key, value);
    }
}

/// The priorities' titles as `lscb summary` gives them for the plan in `cwd`.
pub fn priority_titles(cwd: &Path) -> Vec<serde_json::Value> {
    let v = json(&["summary", "--format", "json"], cwd, 0);
    v["priorities"]
        .as_array()
        .map(|ps| ps.iter().map(|p| p["title"].clone()).collect())
        .unwrap_or_default()
}

/// Runs `lscb` and parses its stdout as JSON, asserting the exit code.
pub fn json(args: &[&str], cwd: &Path, code: i32) -> serde_json::Value {
    let out = lscb()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("lscb runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Copies a fixture plan into a fresh temporary folder, as `DIR/plan`.
pub fn temp_plan(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), &dir.path().join("plan"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Runs git in `dir` with a fixed identity (and no signing), as the tests need.
pub fn git_output(dir: &Path, args: &[&str]) -> std::process::Output {
    git_command(dir, args).output().expect("git runs")
}

/// The git command `git_output` runs, for a caller to add to (dates, PATH).
/// A test that needs git fails, rather than passes, where git is missing.
pub fn git_command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new("git");
    no_git_config(&mut cmd);
    cmd.args([
        "-c",
        "user.name=Board Manager",
        "-c",
        "user.email=bm@example.org",
        "-c",
        "commit.gpgsign=false",
    ])
    .args(args)
    .current_dir(dir);
    cmd
}

/// As `git_output`, asserting success; gives stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_output(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The paragraphs of a Word file's body, in order: (style, text, in a
/// table header row), read back with an XML parser.
pub fn word_paragraphs(path: &std::path::Path) -> (Vec<(String, String, bool)>, String) {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut footer = String::new();
    zip.by_name("word/footer1.xml")
        .unwrap()
        .read_to_string(&mut footer)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut paragraphs = Vec::new();
    let (mut style, mut text, mut header_row, mut in_text) =
        (String::new(), String::new(), false, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().into_inner() {
                "w:p" => {
                    style.clear();
                    text.clear();
                }
                "w:pStyle" => {
                    style = e
                        .try_get_attribute("w:val")
                        .unwrap()
                        .unwrap()
                        .value
                        .into_owned();
                }
                "w:tblHeader" => header_row = true,
                "w:tr" => header_row = false,
                "w:t" => in_text = true,
                "w:br" => text.push('\n'),
                _ => {}
            },
            // A non-breaking space reads as a space.
            Event::Text(t) if in_text => text.push_str(&t.xml10_content().replace('\u{a0}', " ")),
            Event::GeneralRef(r) if in_text => {
                let entity = r.xml10_content();
                text.push_str(match entity.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                });
            }
            Event::End(e) => match e.name().into_inner() {
                "w:t" => in_text = false,
                "w:p" => paragraphs.push((style.clone(), text.clone(), header_row)),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (paragraphs, footer)
}

/// The texts of the paragraphs in one style, in order.
pub fn styled<'a>(paragraphs: &'a [(String, String, bool)], style: &str) -> Vec<&'a str> {
    paragraphs
        .iter()
        .filter(|p| p.0 == style)
        .map(|p| p.1.as_str())
        .collect()
}

/// `lscb import ARGS` run in `cwd`: its exit code and stderr.
pub fn import(args: &[&str], cwd: &Path) -> (i32, String) {
    let out = lscb()
        .arg("import")
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
