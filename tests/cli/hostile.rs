//! Hostile plans, file names and repositories, built in a temporary folder,
//! each proving one guarantee of docs/security.md: nothing in a plan, a pull
//! request or a repository can leak, inject, run, hang or lose data.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{git, git_command, lscb};

const BOARD: &str = "name = \"Test Board\"\n\n[year]\nstart = 2017-04-01\nend = 2018-03-31\n\n[leads.board-manager]\nname = \"Board Manager\"\n";

/// A plan folder `DIR/plan` with the board and these priority files.
fn plan(files: &[(&str, &str)]) -> tempfile::TempDir {
    plan_with_board(BOARD, files)
}

fn plan_with_board(board: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan");
    std::fs::create_dir_all(&p).unwrap();
    std::fs::write(p.join("board.toml"), board).unwrap();
    for (name, text) in files {
        std::fs::write(p.join(name), text).unwrap();
    }
    dir
}

fn priority(description: &str, lead: &str) -> String {
    format!(
        "priority = 1\ntitle = \"P\"\n\n[[objective]]\nnumber = 1\ntitle = \"O\"\n\n[[action]]\nref = \"1.1\"\ndescription = \"{description}\"\nlead = \"{lead}\"\ndue = \"2017-05\"\n\n[[action]]\nref = \"1.2\"\ndescription = \"Second action\"\nlead = \"Board Manager\"\ndue = \"2017-06\"\n"
    )
}

/// Runs lscb in `dir` (its `plan/` found from there); gives (code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = lscb()
        .args(["--as-of", "2017-10-01"])
        .args(args)
        .current_dir(dir)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// No control character a terminal obeys (only line breaks), no bidi override.
fn assert_inert(what: &str, text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
        assert!(!bad, "{what}: raw {c:?} in output:\n{text}");
    }
}

/// No line that GitHub Actions would read as a workflow command.
fn assert_no_workflow_command(what: &str, text: &str) {
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{what}: a line starts a workflow command: {line}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_plan_folder_is_not_followed() {
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("token.toml");
    std::fs::write(&secret, "GITHUB_TOKEN = \"ghp_SECRET\"\n").unwrap();
    let outside = secret_dir.path().join("cfg");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("x.toml"), "key =    \"SECRET2\"\n").unwrap();
    let dir = plan(&[("1-p.toml", &priority("Do it", "Board Manager"))]);
    let p = dir.path().join("plan");
    std::os::unix::fs::symlink(&secret, p.join("2-leak.toml")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", p.join("3-env.toml")).unwrap();
    std::os::unix::fs::symlink(&outside, p.join("shared")).unwrap();

    let (code, out, err) = run(dir.path(), &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(!(out.clone() + &err).contains("SECRET"), "{out}{err}");
    assert!(err.contains("W105"), "{err}");
    assert!(
        err.contains("2-leak.toml") && err.contains("3-env.toml"),
        "{err}"
    );
    let (_, out, _) = run(dir.path(), &["validate", "--format", "json"]);
    assert!(!out.contains("SECRET") && !out.contains("PATH="), "{out}");

    // fmt neither reads nor rewrites anything outside.
    let (code, _, err) = run(dir.path(), &["fmt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(outside.join("x.toml")).unwrap(),
        "key =    \"SECRET2\"\n"
    );
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_huge_files_are_never_read() {
    let dir = plan(&[("1-p.toml", &priority("Do it", "Board Manager"))]);
    let p = dir.path().join("plan");
    let fifo = p.join("2-fifo.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", p.join("3-zero.toml")).unwrap();
    let big = std::fs::File::create(p.join("4-big.toml")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();

    let start = Instant::now();
    let (code, _, err) = run(dir.path(), &["validate"]);
    assert!(start.elapsed() < Duration::from_secs(10), "validate hung");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E023") && err.contains("2-fifo.toml"), "{err}");
    assert!(err.contains("W105") && err.contains("3-zero.toml"), "{err}");
    assert!(err.contains("E022") && err.contains("4-big.toml"), "{err}");

    // A FIFO as board.toml does not hang either.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan");
    std::fs::create_dir_all(&p).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(p.join("board.toml"))
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = run(dir.path(), &["--plan", "plan", "validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E023"), "{err}");
}

/// A description that tries every terminal trick, and a lead name and a file
/// name that try to start workflow commands.
fn hostile_plan() -> tempfile::TempDir {
    let board = format!(
        "{BOARD}\n[leads.evil]\nname = \"Evil\\n::error file=plan/board.toml,line=1::owned\"\n"
    );
    let description = concat!(
        "Clip \\u001B]52;c;ZXZpbA==\\u0007 clear \\u001B[2J\\u001B[H title \\u001B]0;pwned\\u0007 ",
        "link \\u001B]8;;http://evil\\u001B\\\\here\\u001B]8;;\\u001B\\\\ rlo \\u202Etxt.exe ",
        "csi \\u009B31m c1 \\u007F del ",
        "unterminated \\u001B]8;;"
    );
    plan_with_board(
        &board,
        &[(
            "1-p.toml",
            &priority(
                description,
                "Evil\\n::error file=plan/board.toml,line=1::owned",
            ),
        )],
    )
}

#[test]
fn data_never_reaches_a_terminal_raw_in_any_format() {
    let dir = hostile_plan();
    let mut cases: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "csv", "json", "markdown"] {
        for cmd in [
            &["list"][..],
            &["overdue"],
            &["overdue", "--by", "lead"],
            &["leads"],
            &["show", "1.1.1"],
            &["summary"],
        ] {
            let mut args = cmd.to_vec();
            args.extend(["--format", format]);
            cases.push(args);
        }
    }
    cases.push(vec!["pack", "--format", "markdown"]);
    cases.push(vec!["pack", "--format", "html"]);
    cases.push(vec!["pack", "--format", "json"]);
    cases.push(vec!["update", "1.1.1", "x", "--dry-run"]);
    for args in cases {
        let (code, out, err) = run(dir.path(), &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_inert(&format!("{args:?} stdout"), &out);
        assert_inert(&format!("{args:?} stderr"), &err);
        assert_no_workflow_command(&format!("{args:?} stdout"), &out);
        assert_no_workflow_command(&format!("{args:?} stderr"), &err);
        // Nothing is swallowed: the action after the hostile one is there.
        if !args.contains(&"show")
            && !args.contains(&"summary")
            && !args.contains(&"update")
            && !args.contains(&"leads")
        {
            assert!(
                out.contains("1.1.2") || args.contains(&"overdue") || args.contains(&"pack"),
                "{args:?}: {out}"
            );
        }
    }
    // The control characters are shown, not dropped.
    let (_, out, _) = run(dir.path(), &["list", "--format", "csv"]);
    assert!(out.contains("␛]52;c;ZXZpbA==␇"), "{out}");
    assert!(out.contains("<U+202E>txt.exe"), "{out}");
    assert!(out.contains("unterminated ␛]8;;"), "{out}");
    assert!(out.contains("1.1.2,1,1,Second action"), "{out}");
    // JSON keeps the data exact, escaped.
    let (_, out, _) = run(dir.path(), &["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v[0]["description"]
            .as_str()
            .unwrap()
            .contains("\u{1b}]52;c;")
    );
    assert!(out.contains("\\u202e"), "{out}");
}

#[test]
fn diagnostics_show_hostile_text_and_file_names_inertly() {
    // An error in the hostile plan: every finding quotes data.
    let dir = hostile_plan();
    let p = dir.path().join("plan/1-p.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace("due = \"2017-05\"", "due = \"\u{1b}[2J\u{202e}\""),
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["validate"]);
    assert_eq!(code, 1, "{err}");
    assert_inert("validate stderr", &err);
    assert_no_workflow_command("validate stderr", &err);
    assert!(err.contains("␛[2J<U+202E>"), "{err}");
    let (code, out2, _) = run(dir.path(), &["validate", "--format", "github"]);
    assert_eq!(code, 1);
    // Every line is one of lscb's own annotations, whole.
    for line in out2.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
    }
    assert_inert("github", &out2);
    assert!(out.is_empty());

    // A file name that tries to start a workflow command.
    let evil_name = "2-x\n::error::owned.toml";
    let dir = plan(&[
        ("1-p.toml", &priority("Fine", "Board Manager")),
        (evil_name, "priority = 2\ntitle = \"Q\"\nbogus = 1\n"),
    ]);
    let (code, _, err) = run(dir.path(), &["validate"]);
    assert_eq!(code, 1, "{err}");
    assert_inert("file name in validate", &err);
    assert_no_workflow_command("file name in validate", &err);
    assert!(err.contains("2-x␤::error::owned.toml"), "{err}");
    let (_, out, _) = run(dir.path(), &["validate", "--format", "github"]);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
    }
}

#[test]
fn csv_cells_never_start_a_formula_and_markdown_runs_no_html() {
    let dir = plan(&[(
        "1-p.toml",
        &priority(
            "=HYPERLINK(\\\"http://evil\\\",\\\"x\\\") <script>alert(1)</script> [click](http://evil)",
            "Board Manager",
        ),
    )]);
    let (_, out, _) = run(dir.path(), &["list", "--format", "csv"]);
    assert!(out.contains(",\"'=HYPERLINK(\"\"http://evil\"\""), "{out}");
    let (_, out, _) = run(dir.path(), &["list", "--format", "markdown"]);
    assert!(!out.contains("<script>"), "{out}");
    assert!(out.contains("&lt;script&gt;"), "{out}");
    assert!(out.contains("\\[click\\](http://evil)"), "{out}");
}

#[cfg(unix)]
#[test]
fn writes_never_go_through_a_link_or_split_a_hard_link() {
    let dir = plan(&[]);
    let p = dir.path().join("plan");
    let real = dir.path().join("real.toml");
    std::fs::write(&real, priority("Do it", "Board Manager")).unwrap();
    // A link inside the folder to a file outside: not read, so not written.
    std::os::unix::fs::symlink(&real, p.join("1-link.toml")).unwrap();
    let (code, _, err) = run(dir.path(), &["update", "1.1.1", "x"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        priority("Do it", "Board Manager")
    );
    std::fs::remove_file(p.join("1-link.toml")).unwrap();

    // A link inside the folder to a file inside it: read, but never written through.
    std::fs::create_dir_all(p.join("files")).unwrap();
    let inner = p.join("files/1-p.toml");
    std::fs::write(&inner, priority("Do it", "Board Manager")).unwrap();
    std::os::unix::fs::symlink(&inner, p.join("1-alias.toml")).unwrap();
    // Two files with priority 1 now: the plan is invalid, so no edit runs.
    let (code, _, _) = run(dir.path(), &["update", "1.1.1", "x"]);
    assert_eq!(code, 1);
    std::fs::remove_file(p.join("1-alias.toml")).unwrap();

    // A hard-linked plan file: refused, both names unchanged.
    let twin = dir.path().join("twin.toml");
    std::fs::hard_link(&inner, &twin).unwrap();
    let before = std::fs::read_to_string(&inner).unwrap();
    let (code, _, err) = run(dir.path(), &["update", "1.1.1", "x"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("hard links"), "{err}");
    assert_eq!(std::fs::read_to_string(&inner).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&twin).unwrap(), before);
}

#[test]
fn an_interrupted_edit_leaves_a_temp_file_that_validate_names() {
    let dir = plan(&[("1-p.toml", &priority("Do it", "Board Manager"))]);
    std::fs::write(dir.path().join("plan/.1-p.toml.Ab12Cd"), "half").unwrap();
    let (code, _, err) = run(dir.path(), &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("W106") && err.contains(".1-p.toml.Ab12Cd"),
        "{err}"
    );
}

#[test]
fn import_refuses_the_file_system_root_at_once() {
    let doc = crate::support::fixture("import/messy-plan.txt");
    let start = Instant::now();
    let out = lscb()
        .args([
            "import",
            doc.to_str().unwrap(),
            "--out",
            "/",
            "--force",
            "--name",
            "X",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn concurrent_edits_of_one_file_both_land() {
    let dir = plan(&[("1-p.toml", &priority("Do it", "Board Manager"))]);
    let bin = assert_cmd::cargo::cargo_bin!("lscb");
    for round in 0..8 {
        let spawn = |who: &str| {
            Command::new(bin)
                .args(["--as-of", "2017-10-01", "update", "1.1.1"])
                .arg(format!("round {round} by {who}"))
                .current_dir(dir.path())
                .env("LSCB_TODAY", "2017-10-01")
                .env("NO_COLOR", "1")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("A"), spawn("B"));
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = std::fs::read_to_string(dir.path().join("plan/1-p.toml")).unwrap();
        for who in ["A", "B"] {
            assert!(
                text.contains(&format!("round {round} by {who}")),
                "round {round}: {who} lost\n{text}"
            );
        }
    }
}

/// A repository whose own config would run a program if git obeyed it.
#[cfg(unix)]
#[test]
fn the_repository_cannot_make_git_run_a_program() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A plan folder whose name is a glob pattern.
    let plan_dir: PathBuf = root.join("pl*an");
    std::fs::create_dir_all(&plan_dir).unwrap();
    std::fs::write(plan_dir.join("board.toml"), BOARD).unwrap();
    std::fs::write(
        plan_dir.join("1-p.toml"),
        priority("Do it", "Board Manager"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("plan-other")).unwrap();
    std::fs::write(root.join("plan-other/x.toml"), "x = 1\n").unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    // A signed commit (a stand-in signer), so that a signature check would run
    // gpg.program.
    let signer = root.join("sign.sh");
    std::fs::write(
        &signer,
        "#!/bin/sh\ncat >/dev/null\necho '[GNUPG:] SIG_CREATED D 1 8 00 1 X' >&2\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n",
    )
    .unwrap();
    std::fs::set_permissions(&signer, std::fs::Permissions::from_mode(0o755)).unwrap();
    let signed = git_command(
        root,
        &[
            "-c",
            "commit.gpgsign=true",
            "-c",
            &format!("gpg.program={}", signer.display()),
            "commit",
            "-q",
            "-m",
            "first",
        ],
    )
    .output()
    .unwrap();
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    assert!(git(root, &["cat-file", "-p", "HEAD"]).contains("gpgsig"));
    std::fs::write(root.join("plan-other/x.toml"), "x = 2\n").unwrap();
    git(root, &["commit", "-qam", "unrelated"]);
    let marker = root.join("ran");
    let script = root.join("evil.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ntouch {}\nexit 0\n", marker.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let s = script.to_str().unwrap();
    for (key, value) in [
        ("log.showSignature", "true"),
        ("gpg.program", s),
        ("core.fsmonitor", s),
        ("core.pager", s),
        ("diff.external", s),
    ] {
        git(root, &["config", key, value]);
    }
    let out = lscb()
        .args([
            "--plan",
            plan_dir.to_str().unwrap(),
            "history",
            "1.1.1",
            "--format",
            "json",
        ])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!marker.exists(), "git ran the repository's program");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the commit that touched the plan folder, not the one next to it.
    assert_eq!(v["commits"].as_array().unwrap().len(), 1, "{v}");

    // `:/text` names the youngest commit whose message matches.
    let out = lscb()
        .args([
            "--plan",
            plan_dir.to_str().unwrap(),
            "changes",
            "--since",
            ":/first",
            "--format",
            "json",
        ])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!marker.exists());
    // The same repository does run the program for a plain `git log`: the
    // test would catch lscb running git without its safe settings.
    let _ = git_command(root, &["log"]).output().unwrap();
    assert!(
        marker.exists(),
        "the stand-in program should run under plain git"
    );
}

#[test]
fn text_over_excels_limit_is_cut_with_a_marker() {
    use std::io::Read;
    let long = "x".repeat(40_000);
    let dir = plan(&[("1-p.toml", &priority(&long, "Board Manager"))]);
    let out_file = dir.path().join("pack.xlsx");
    let (code, _, err) = run(
        dir.path(),
        &["pack", "--format", "xlsx", "-o", out_file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out_file).unwrap()).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(
        strings.contains("cut: Excel holds at most 32,767 characters"),
        "no marker"
    );
}
