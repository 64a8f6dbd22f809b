//! examples/pre-commit in a real git repository: a commit that breaks the plan
//! or its layout is refused, a good one goes through.

use std::path::Path;

use crate::support::{copy_dir, fixture, git_command, root};

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    git_command(dir, args)
        .env("PATH", path_with_lscb())
        .output()
        .expect("git runs")
}

/// PATH with the built `lscb` first, as an installed one would be.
fn path_with_lscb() -> String {
    let bin = assert_cmd::cargo::cargo_bin!("lscb");
    let dir = bin.parent().unwrap().display().to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

#[test]
fn the_pre_commit_hook_refuses_a_broken_plan() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    assert!(git(repo, &["init", "-q"]).status.success());
    copy_dir(&fixture("minimal"), &repo.join("plan"));
    let hook = repo.join(".git/hooks/pre-commit");
    std::fs::copy(root().join("examples/pre-commit"), &hook).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    assert!(git(repo, &["add", "plan"]).status.success());
    let good = git(repo, &["commit", "-q", "-m", "plan"]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );

    let file = repo.join("plan/1-test.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Board Manager", "Bord Manager")).unwrap();
    assert!(git(repo, &["add", "plan"]).status.success());
    let bad = git(repo, &["commit", "-q", "-m", "typo"]);
    assert!(!bad.status.success(), "the hook let a broken plan through");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean \"Board Manager\"?"));

    std::fs::write(
        &file,
        text.replace("title = \"Test priority\"", "title   =   \"Test priority\""),
    )
    .unwrap();
    assert!(git(repo, &["add", "plan"]).status.success());
    let messy = git(repo, &["commit", "-q", "-m", "spacing"]);
    assert!(
        !messy.status.success(),
        "the hook let an unformatted plan through"
    );
    assert!(String::from_utf8_lossy(&messy.stderr).contains("lscb fmt"));
}
