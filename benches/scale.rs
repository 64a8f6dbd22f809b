//! Speed and memory at scale: load + validate and every report on synthetic
//! plans of 1k, 10k and 100k actions (100 files at 100k), against a baseline
//! that only reads the same files and parses them generically with `toml`.
//!
//! `cargo bench --bench scale` (add `-- --quick` for fewer rounds). Prints a
//! Markdown table; docs/performance.md records a run and the targets.
//! It also runs the built `lscb` binary, for peak memory per command (through
//! /usr/bin/time) and for start-to-exit time on the shipped plan.

// A benchmark's job is to print its results.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use lscb::plan::load::load;
use lscb::report::{leads, list, overdue, quarters, summary};
use lscb::workspace::read_plan;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(rounds: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm the page cache and the allocator
    median(
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// The baseline: read every file and parse it with `toml` into a generic table,
/// one after another on one thread.
fn baseline(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(entry.path()).expect("read");
            black_box(text.parse::<toml::Table>().expect("parse"));
        }
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // `-- changes`: only the changes-against-validate measurement.
    if std::env::args().any(|a| a == "changes") {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("plan-100000");
        std::fs::create_dir_all(&big).expect("mkdir");
        for (name, text) in lscb::synth::synth(100, 100_000, 2017) {
            std::fs::write(big.join(name), text).expect("write");
        }
        changes_run(&big, quick);
        return;
    }
    let as_of = NaiveDate::from_ymd_opt(2017, 12, 1).expect("date");
    let sizes: [(usize, usize); 3] = [(10, 1_000), (30, 10_000), (100, 100_000)];
    let dir = tempfile::tempdir().expect("temp dir");
    println!(
        "| actions | files | baseline parse (ms) | validate (ms) | list | overdue | leads | quarters | summary | validate / baseline |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut validate_times = Vec::new();
    for (files, actions) in sizes {
        let plan_dir = dir.path().join(format!("plan-{actions}"));
        std::fs::create_dir_all(&plan_dir).expect("mkdir");
        for (name, text) in lscb::synth::synth(files, actions, 2017) {
            std::fs::write(plan_dir.join(name), text).expect("write");
        }
        let rounds = if quick {
            3
        } else if actions >= 100_000 {
            7
        } else {
            15
        };
        let base = time(rounds, || baseline(&plan_dir));
        let validate = time(rounds, || {
            let files = read_plan(&plan_dir).expect("read");
            let loaded = load(&files, as_of);
            assert!(!loaded.has_errors());
            black_box(loaded);
        });
        let report = |f: &dyn Fn(&lscb::plan::Plan)| {
            time(rounds, || {
                let files = read_plan(&plan_dir).expect("read");
                let plan = load(&files, as_of).plan.expect("valid");
                f(&plan);
            })
        };
        let all = list::Filter::default();
        let times = [
            report(&|p| drop(black_box(list::rows(p, &all, as_of)))),
            report(&|p| drop(black_box(overdue::overdue(p, &all, as_of)))),
            report(&|p| drop(black_box(leads::rows(p, as_of)))),
            report(&|p| drop(black_box(quarters::rows(p, as_of)))),
            report(&|p| drop(black_box(summary::summary(p, as_of)))),
        ];
        let ratio = validate.as_secs_f64() / base.as_secs_f64();
        println!(
            "| {actions} | {} | {} | {} | {} | {} | {} | {} | {} | {ratio:.2} |",
            files + 1,
            ms(base),
            ms(validate),
            ms(times[0]),
            ms(times[1]),
            ms(times[2]),
            ms(times[3]),
            ms(times[4]),
        );
        let worst = times.iter().max().copied().unwrap_or_default();
        println!(
            "<!-- {actions}: slowest report / baseline = {:.2} -->",
            worst.as_secs_f64() / base.as_secs_f64()
        );
        validate_times.push((actions, validate));
    }
    if let [(_, a), (_, b), (_, c)] = validate_times[..] {
        println!();
        println!(
            "Scaling of validate: 10k/1k = {:.1}x, 100k/10k = {:.1}x (linear is 10x).",
            b.as_secs_f64() / a.as_secs_f64(),
            c.as_secs_f64() / b.as_secs_f64()
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!(
            "Peak memory of this process (all sizes, one after another): {:.1} MiB.",
            kib as f64 / 1024.0
        );
    }
    let big = dir.path().join("plan-100000");
    process_runs(&big, quick);
    changes_run(&big, quick);
}

/// `lscb changes` against `lscb validate` on the 100k plan in a git
/// repository, with 100 deadlines moved in the working tree: spread over all
/// 100 files (the worst case: both versions of every file are parsed), and in
/// 5 files (as a pull request from a few sub-groups: unchanged files are
/// parsed once). The diff itself is one pass over both plans.
fn changes_run(big: &Path, quick: bool) {
    println!();
    println!(
        "| 100k actions in git, 100 deadlines moved | validate (ms) | changes (ms) | changes / validate |"
    );
    println!("|---|---:|---:|---:|");
    for files in [100, 5] {
        let (validate, changes) = changes_case(big, quick, files);
        println!(
            "| in {files} files | {} | {} | {:.2} |",
            ms(validate),
            ms(changes),
            changes.as_secs_f64() / validate.as_secs_f64()
        );
    }
}

fn changes_case(big: &Path, quick: bool, spread: usize) -> (Duration, Duration) {
    let bin = env!("CARGO_BIN_EXE_lscb");
    let repo = big
        .parent()
        .expect("temp dir")
        .join(format!("repo-{spread}"));
    let plan = repo.join("plan");
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&repo).expect("mkdir");
    let status = std::process::Command::new("cp")
        .args([
            "-r",
            big.to_str().expect("utf-8"),
            plan.to_str().expect("utf-8"),
        ])
        .status()
        .expect("cp");
    assert!(status.success());
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=Bench",
                "-c",
                "user.email=bench@example.org",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&repo)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("git");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "plan"]);
    // Move 100 month deadlines to the following year, spread over `spread` files.
    let mut paths: Vec<_> = std::fs::read_dir(&plan)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "board.toml"))
        .collect();
    paths.sort();
    let per_file = 100 / spread;
    let mut moved = 0;
    for path in paths.iter().take(spread) {
        let mut text = std::fs::read_to_string(path).expect("read");
        let mut from = 0;
        for _ in 0..per_file {
            let Some(at) = text[from..].find("due = \"2017-").map(|i| i + from) else {
                break;
            };
            text.replace_range(at + 7..at + 11, "2019");
            from = at + 11;
            moved += 1;
        }
        std::fs::write(path, text).expect("write");
    }
    assert_eq!(moved, 100, "the plan has too few month deadlines to move");
    let rounds = if quick { 3 } else { 7 };
    let run = |args: &[&str]| {
        time(rounds, || {
            let out = std::process::Command::new(bin)
                .args([
                    "--plan",
                    plan.to_str().expect("utf-8"),
                    "--as-of",
                    "2017-12-01",
                ])
                .args(args)
                .output()
                .expect("run lscb");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        })
    };
    let validate = run(&["validate"]);
    let changes = run(&["changes", "--since", "HEAD", "--format", "json"]);
    (validate, changes)
}

/// The real binary: peak memory of each command on the 100k plan, and the time
/// from process start to exit on the shipped plan.
fn process_runs(big: &Path, quick: bool) {
    let bin = env!("CARGO_BIN_EXE_lscb");
    let commands: [&[&str]; 10] = [
        &["validate"],
        &["list"],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["overdue"],
        &["overdue", "--format", "markdown"],
        &["leads"],
        &["quarters"],
        &["summary"],
        &["pack", "--format", "html"],
    ];
    let time_bin = Path::new("/usr/bin/time");
    println!();
    println!("| command (100k actions, 101 files) | wall (s) | peak memory (MiB) |");
    println!("|---|---:|---:|");
    for args in commands {
        let mut cmd = if time_bin.exists() {
            let mut c = std::process::Command::new(time_bin);
            c.args(["-f", "%e %M", bin]);
            c
        } else {
            std::process::Command::new(bin)
        };
        let out = cmd
            .args([
                "--plan",
                big.to_str().expect("utf-8 path"),
                "--as-of",
                "2017-12-01",
            ])
            .args(args)
            .output()
            .expect("run lscb");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("");
        let mut fields = last.split_whitespace();
        let wall = fields.next().unwrap_or("?");
        let mib = fields
            .next()
            .and_then(|k| k.parse::<f64>().ok())
            .map_or_else(|| "?".to_string(), |k| format!("{:.1}", k / 1024.0));
        println!("| `lscb {}` | {wall} | {mib} |", args.join(" "));
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    println!();
    println!("| command (shipped plan, 61 actions) | median start to exit (ms) |");
    println!("|---|---:|");
    let runs: [&[&str]; 5] = [
        &["validate"],
        &["overdue", "--as-of", "2017-10-01"],
        &["list"],
        &["summary"],
        &["pack"],
    ];
    for args in runs {
        let rounds = if quick { 5 } else { 25 };
        let t = time(rounds, || {
            let out = std::process::Command::new(bin)
                .args(["--plan", shipped.to_str().expect("utf-8 path")])
                .args(args)
                .output()
                .expect("run lscb");
            assert!(out.status.success());
        });
        println!("| `lscb {}` | {} |", args.join(" "), ms(t));
    }
}
