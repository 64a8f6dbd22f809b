//! Helpers shared by the integration tests.

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
