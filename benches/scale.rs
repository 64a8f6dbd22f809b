//! Speed and memory at scale, measured as CPU (user + system, from
//! `getrusage`) beside wall time and peak memory, each against a baseline
//! measured in the same run: reading the same files and parsing them
//! generically into `toml::Table`, one after another on one thread.
//!
//! `cargo bench --bench scale` runs every section; `-- NAME` runs the sections
//! whose name contains NAME (`sizes`, `process`, `peers`, `large`, `history`,
//! `changes`, `shipped`); `-- --quick` takes fewer rounds, `-- --rounds N`
//! N paired rounds in `process`. Prints Markdown
//! tables; docs/performance.md records a run and the targets.
//!
//! Processes (the built `lscb`, the baseline, git, the peers) are measured
//! through this same binary run as `--measure CMD...`: it starts CMD, drains
//! its output as a pipe reader would, waits, and reports the wall time and
//! `getrusage(RUSAGE_CHILDREN)`, whose only child is CMD, so CPU and peak
//! resident memory are CMD's own.

// A benchmark's job is to print its results.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use lscb::plan::load::load;
use lscb::report::{leads, list, overdue, quarters, summary};
use lscb::workspace::read_plan;
use nix::sys::resource::{UsageWho, getrusage};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// User + system CPU of `who` so far.
fn cpu(who: UsageWho) -> Duration {
    let u = getrusage(who).expect("getrusage");
    let t = |tv: nix::sys::time::TimeVal| {
        Duration::from_secs(tv.tv_sec() as u64) + Duration::from_micros(tv.tv_usec() as u64)
    };
    t(u.user_time()) + t(u.system_time())
}

/// Wall time and CPU (every thread of this process) of one call.
#[derive(Clone, Copy)]
struct Cost {
    wall: Duration,
    cpu: Duration,
}

/// The median wall time and median CPU over `rounds`, after a warm-up.
fn time(rounds: usize, mut f: impl FnMut()) -> Cost {
    f(); // warm the page cache and the allocator
    let (walls, cpus): (Vec<_>, Vec<_>) = (0..rounds)
        .map(|_| {
            let c = cpu(UsageWho::RUSAGE_SELF);
            let t = Instant::now();
            f();
            (t.elapsed(), cpu(UsageWho::RUSAGE_SELF) - c)
        })
        .unzip();
    Cost {
        wall: median(walls),
        cpu: median(cpus),
    }
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

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}", a.as_secs_f64() / b.as_secs_f64())
}

/// `--measure CMD ARGS...`: run CMD with its output drained, then print
/// "wall_us cpu_us peak_kib exit_code" on one line.
fn measure_child(cmd: &[String]) {
    let t = Instant::now();
    let mut child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", cmd[0]));
    let mut err = child.stderr.take().expect("stderr");
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut out = child.stdout.take().expect("stdout");
    std::io::copy(&mut out, &mut std::io::sink()).expect("drain");
    let status = child.wait().expect("wait");
    let wall = t.elapsed();
    let errors = errors.join().expect("stderr reader");
    let u = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let code = status.code().unwrap_or(-1);
    if code != 0 {
        eprintln!("{}: exit {code}\n{errors}", cmd.join(" "));
    }
    println!(
        "{} {} {} {code}",
        wall.as_micros(),
        cpu(UsageWho::RUSAGE_CHILDREN).as_micros(),
        u.max_rss()
    );
}

/// One process's wall time, CPU and peak resident memory.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
    peak_kib: u64,
    code: i32,
}

fn measure_once(cmd: &[&str], cwd: Option<&Path>) -> Run {
    let mut c = Command::new(std::env::current_exe().expect("this bench"));
    c.arg("--measure").args(cmd).stderr(Stdio::inherit());
    // Every git run, ours or lscb's, ignores the machine's settings.
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    if let Some(dir) = cwd {
        c.current_dir(dir);
    }
    let out = c.output().expect("measure");
    let line = String::from_utf8_lossy(&out.stdout);
    let f: Vec<i64> = line
        .split_whitespace()
        .map(|x| x.parse().expect("number"))
        .collect();
    Run {
        wall: Duration::from_micros(f[0] as u64),
        cpu: Duration::from_micros(f[1] as u64),
        peak_kib: f[2] as u64,
        code: f[3] as i32,
    }
}

/// The median wall time and CPU, and the largest peak, over `rounds` runs
/// after a warm-up.
fn measure(rounds: usize, cmd: &[&str], cwd: Option<&Path>) -> Run {
    let first = measure_once(cmd, cwd);
    let runs: Vec<Run> = (0..rounds).map(|_| measure_once(cmd, cwd)).collect();
    combined(&runs, first.code)
}

/// Runs of one command as one: the median wall time and CPU, the largest
/// peak, and the first failing exit code (else `code`).
fn combined(runs: &[Run], code: i32) -> Run {
    Run {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        peak_kib: runs.iter().map(|r| r.peak_kib).max().unwrap_or(0),
        code: runs
            .iter()
            .map(|r| r.code)
            .find(|c| *c != 0)
            .unwrap_or(code),
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

fn lscb() -> &'static str {
    env!("CARGO_BIN_EXE_lscb")
}

fn write_plan(dir: &Path, files: Vec<(String, String)>) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--measure") => return measure_child(&args[2..]),
        Some("--bare-parse") => return baseline(Path::new(&args[2])),
        _ => {}
    }
    let quick = args.iter().any(|a| a == "--quick");
    // `--rounds N`: the paired rounds of `process` (9, or 5 with --quick).
    let rounds_at = args.iter().position(|a| a == "--rounds");
    let rounds = rounds_at
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0);
    let names: Vec<&str> = args[1..]
        .iter()
        .enumerate()
        .filter(|&(i, a)| !a.starts_with("--") && Some(i) != rounds_at)
        .map(|(_, a)| a.as_str())
        .collect();
    let wanted = |section: &str| names.is_empty() || names.iter().any(|n| section.contains(n));
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("plan-100000");
    write_plan(&big, lscb::synth::synth(100, 100_000, 2017));
    if wanted("sizes") {
        sizes(dir.path(), quick);
    }
    if wanted("process") {
        process_runs(&big, rounds.unwrap_or(if quick { 5 } else { 9 }));
    }
    if wanted("peers") {
        peers(&big, dir.path(), quick);
    }
    if wanted("large") {
        large_file(dir.path(), quick);
    }
    if wanted("history") {
        history_run(dir.path(), quick);
    }
    if wanted("changes") {
        changes_run(&big, quick);
    }
    if wanted("shipped") {
        shipped(quick);
    }
    // To profile a command on the generated plans and repository afterwards.
    if std::env::var_os("SCALE_KEEP").is_some() {
        eprintln!("kept {}", dir.keep().display());
    }
}

/// In this process: the baseline, validate and each report's rows on plans of
/// 1k, 10k and 100k actions.
fn sizes(dir: &Path, quick: bool) {
    let as_of = NaiveDate::from_ymd_opt(2017, 12, 1).expect("date");
    let sizes: [(usize, usize); 3] = [(10, 1_000), (30, 10_000), (100, 100_000)];
    println!("In this process (median of rounds; CPU counts every thread):");
    println!();
    println!(
        "| actions | files | parse wall (ms) | parse CPU (ms) | validate wall | validate CPU | list CPU | overdue CPU | leads CPU | quarters CPU | summary CPU | validate CPU / parse CPU | validate wall / parse wall | slowest report CPU / parse CPU |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut validate_times = Vec::new();
    for (files, actions) in sizes {
        let plan_dir = dir.join(format!("plan-{actions}"));
        if !plan_dir.exists() {
            write_plan(&plan_dir, lscb::synth::synth(files, actions, 2017));
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
        let worst = times.iter().map(|c| c.cpu).max().unwrap_or_default();
        println!(
            "| {actions} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            files + 1,
            ms(base.wall),
            ms(base.cpu),
            ms(validate.wall),
            ms(validate.cpu),
            ms(times[0].cpu),
            ms(times[1].cpu),
            ms(times[2].cpu),
            ms(times[3].cpu),
            ms(times[4].cpu),
            ratio(validate.cpu, base.cpu),
            ratio(validate.wall, base.wall),
            ratio(worst, base.cpu),
        );
        validate_times.push(validate);
    }
    if let [a, b, c] = validate_times[..] {
        println!();
        println!(
            "Scaling of validate CPU: 10k/1k = {:.1}x, 100k/10k = {:.1}x (linear is 10x).",
            b.cpu.as_secs_f64() / a.cpu.as_secs_f64(),
            c.cpu.as_secs_f64() / b.cpu.as_secs_f64()
        );
    }
    println!();
}

/// " (exit N)" after a row's label when the command failed.
fn failed(r: &Run) -> String {
    if r.code == 0 {
        String::new()
    } else {
        format!(" (exit {})", r.code)
    }
}

/// A table row for a process against the baseline process.
fn process_row(label: &str, r: Run, base: Run) {
    let failed = failed(&r);
    println!(
        "| {label}{failed} | {} | {} | {} | {} | {} |",
        ms(r.wall),
        ms(r.cpu),
        mib(r.peak_kib),
        ratio(r.cpu, base.cpu),
        ratio(r.wall, base.wall),
    );
}

fn process_header(what: &str) {
    println!(
        "| {what} | wall (ms) | CPU (ms) | peak memory (MiB) | CPU / parse CPU | wall / parse wall |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
}

/// The baseline as a process of its own: this binary with `--bare-parse DIR`.
fn bare_parse(rounds: usize, dir: &Path) -> Run {
    let me = std::env::current_exe().expect("this bench");
    measure(
        rounds,
        &[
            me.to_str().expect("utf-8"),
            "--bare-parse",
            dir.to_str().expect("utf-8"),
        ],
        None,
    )
}

/// The real binary on the 100k plan: each command's wall time, CPU and peak
/// memory, output drained from a pipe (so tables are written in full).
fn process_runs(big: &Path, rounds: usize) {
    let commands: [&[&str]; 11] = [
        &["validate"],
        &["list"],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["overdue"],
        &["overdue", "--format", "json"],
        &["overdue", "--format", "markdown"],
        &["leads"],
        &["quarters"],
        &["summary"],
        &["pack", "--format", "html"],
    ];
    let plan = big.to_str().expect("utf-8 path");
    println!(
        "Processes on the 100k-action plan (101 files), {rounds} rounds; each round runs the baseline, then the command; the ratios are the median of each round's ratio, and the fastest run's CPU over the fastest baseline's in the same rounds (other work on the machine only adds time):"
    );
    println!();
    println!(
        "| command | wall (ms) | CPU (ms) | peak memory (MiB) | CPU / parse CPU | wall / parse wall | fastest CPU / fastest parse CPU |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().expect("this bench");
    let base_cmd = [
        me.to_str().expect("utf-8"),
        "--bare-parse",
        big.to_str().expect("utf-8"),
    ];
    let mut bases = Vec::new();
    let mut rows = Vec::new();
    for args in commands {
        let cmd: Vec<&str> = [lscb(), "--plan", plan, "--as-of", "2017-12-01"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        let (p, base_runs) = paired(rounds, &cmd, &base_cmd);
        bases.extend(base_runs);
        rows.push((format!("`lscb {}`", args.join(" ")), p));
    }
    let base = combined(&bases, 0);
    println!(
        "| bare `toml::Table` parse (baseline) | {} | {} | {} | 1.00 | 1.00 | 1.00 |",
        ms(base.wall),
        ms(base.cpu),
        mib(base.peak_kib),
    );
    for (label, p) in rows {
        let failed = failed(&p.run);
        println!(
            "| {label}{failed} | {} | {} | {} | {:.2} | {:.2} | {:.2} |",
            ms(p.run.wall),
            ms(p.run.cpu),
            mib(p.run.peak_kib),
            p.cpu_ratio,
            p.wall_ratio,
            p.fastest_ratio,
        );
    }
    println!();
}

/// A command measured against the baseline in the same rounds.
struct Paired {
    run: Run,
    /// The median over rounds of the command's CPU over the baseline's.
    cpu_ratio: f64,
    wall_ratio: f64,
    /// The fastest run's CPU over the fastest baseline's, in the same rounds.
    fastest_ratio: f64,
}

/// `rounds` rounds after a warm-up, each running the baseline and then the
/// command: the machine's speed drifts (other tenants, clock), and a ratio
/// taken within one round cancels most of the drift. Also returns the
/// baseline's runs.
fn paired(rounds: usize, cmd: &[&str], base_cmd: &[&str]) -> (Paired, Vec<Run>) {
    let first = measure_once(cmd, None);
    let mut runs = Vec::new();
    let mut bases = Vec::new();
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let b = measure_once(base_cmd, None);
        let r = measure_once(cmd, None);
        cpu.push(r.cpu.as_secs_f64() / b.cpu.as_secs_f64());
        wall.push(r.wall.as_secs_f64() / b.wall.as_secs_f64());
        runs.push(r);
        bases.push(b);
    }
    let mid = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let fastest = |v: &[Run]| v.iter().map(|r| r.cpu).min().unwrap_or_default();
    (
        Paired {
            run: combined(&runs, first.code),
            cpu_ratio: mid(cpu),
            wall_ratio: mid(wall),
            fastest_ratio: fastest(&runs).as_secs_f64() / fastest(&bases).as_secs_f64(),
        },
        bases,
    )
}

/// The tools a board would otherwise use to check its files against a
/// schema, measured the same way, where they are installed.
fn peers(big: &Path, dir: &Path, quick: bool) {
    let rounds = if quick { 1 } else { 3 };
    let schemas = dir.join("schemas");
    let plan = big.to_str().expect("utf-8 path");
    let out = Command::new(lscb())
        .args(["--plan", plan, "schema", "--out"])
        .arg(&schemas)
        .output()
        .expect("lscb schema");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let priority_schema = schemas.join("priority.schema.json");
    let schema = priority_schema.to_str().expect("utf-8");
    let mut files: Vec<String> = std::fs::read_dir(big)
        .expect("read dir")
        .map(|e| e.expect("entry").path().display().to_string())
        .filter(|p| !p.ends_with("board.toml"))
        .collect();
    files.sort();
    let on_path = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    println!(
        "Peers on the same 100 priority files, against the plan's JSON Schema (median of {rounds}):"
    );
    println!();
    process_header("tool");
    let base = bare_parse(rounds, big);
    process_row("bare `toml::Table` parse (baseline)", base, base);
    let validate = measure(
        rounds,
        &[lscb(), "--plan", plan, "--as-of", "2017-12-01", "validate"],
        None,
    );
    process_row("`lscb validate`", validate, base);
    let schema_url = format!("file://{schema}");
    let peers: [(&str, Vec<&str>); 2] = [
        ("taplo", vec!["taplo", "check", "--schema", &schema_url]),
        (
            "check-jsonschema",
            vec!["check-jsonschema", "--schemafile", schema],
        ),
    ];
    for (tool, mut cmd) in peers {
        if !on_path(tool) {
            println!("| `{tool}` | not installed | | | | |");
            continue;
        }
        cmd.extend(files.iter().map(String::as_str));
        // Run outside this repository: its .taplo.toml would exclude the files.
        let r = measure(rounds, &cmd, Some(dir));
        process_row(
            &format!(
                "`{} ...` (100 files)",
                cmd[..cmd.len() - files.len()]
                    .join(" ")
                    .replace(schema, "priority.schema.json")
            ),
            r,
            base,
        );
    }
    println!();
}

/// One priority file of about 16 MB: peak memory of validate and `fmt --check`
/// against the file's size and the baseline.
fn large_file(dir: &Path, quick: bool) {
    let rounds = if quick { 1 } else { 3 };
    let plan = dir.join("plan-large");
    // About 225 bytes an action.
    let files = lscb::synth::synth(1, 72_000, 2017);
    write_plan(&plan, files);
    let p = plan.to_str().expect("utf-8");
    // In fmt's layout, so `fmt --check` has nothing to change.
    let out = Command::new(lscb())
        .args(["--plan", p, "fmt"])
        .output()
        .expect("lscb fmt");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let size = std::fs::read_dir(&plan)
        .expect("read dir")
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_name() != "board.toml")
        .map(|e| e.metadata().expect("size").len() as usize)
        .sum::<usize>();
    let size_mib = size as f64 / (1024.0 * 1024.0);
    println!(
        "One priority file of {:.1} MB ({size_mib:.1} MiB, 72,000 actions), median of {rounds}:",
        size as f64 / 1e6
    );
    println!();
    println!(
        "| command | wall (ms) | CPU (ms) | peak memory (MiB) | peak / file size | CPU / parse CPU |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let base = bare_parse(rounds, &plan);
    let row = |label: &str, r: Run| {
        let failed = failed(&r);
        println!(
            "| {label}{failed} | {} | {} | {} | {:.1} | {} |",
            ms(r.wall),
            ms(r.cpu),
            mib(r.peak_kib),
            r.peak_kib as f64 * 1024.0 / size as f64,
            ratio(r.cpu, base.cpu)
        );
    };
    row("bare `toml::Table` parse (baseline)", base);
    for args in [
        &["validate"][..],
        &["fmt", "--check"],
        &["list", "--format", "json"],
    ] {
        let cmd: Vec<&str> = [lscb(), "--plan", p, "--as-of", "2017-12-01"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        row(
            &format!("`lscb {}`", args.join(" ")),
            measure(rounds, &cmd, None),
        );
    }
    println!();
}

/// Runs git in `repo` with the machine's settings ignored.
fn git(repo: &Path) -> Command {
    let mut c = Command::new("git");
    c.current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args([
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.org",
        ]);
    c
}

/// A repository whose plan (10 priority files, 1,000 actions) has `commits`
/// commits: the first adds the plan, each later one rewrites one action's
/// description, and every 50th rewrites action 1.1.1's. Built with `git
/// fast-import`. Gives the id of every commit, oldest first.
fn history_repo(repo: &Path, commits: usize) -> Vec<String> {
    std::fs::create_dir_all(repo).expect("mkdir");
    let ok = git(repo)
        .args(["init", "-q", "-b", "main"])
        .status()
        .expect("git init");
    assert!(ok.success());
    let mut files = lscb::synth::synth(10, 1_000, 2017);
    files.sort();
    let marks = repo.join(".git").join("bench-marks");
    let mut child = git(repo)
        .args(["fast-import", "--quiet"])
        .arg(format!("--export-marks={}", marks.display()))
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    let mut stdin = std::io::BufWriter::new(child.stdin.take().expect("stdin"));
    let data = |out: &mut dyn Write, bytes: &[u8]| {
        writeln!(out, "data {}", bytes.len()).expect("write");
        out.write_all(bytes).expect("write");
        out.write_all(b"\n").expect("write");
    };
    let priority_files: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].0 != "board.toml")
        .collect();
    let first = priority_files
        .iter()
        .copied()
        .find(|&i| files[i].1.starts_with("priority = 1\n"))
        .expect("priority 1");
    for k in 1..=commits {
        write!(
            stdin,
            "commit refs/heads/main\nmark :{k}\ncommitter Bench <bench@example.org> {} +0000\n",
            1_490_000_000 + k * 600
        )
        .expect("write");
        data(&mut stdin, format!("Commit {k}").as_bytes());
        if k > 1 {
            writeln!(stdin, "from :{}", k - 1).expect("write");
        }
        if k == 1 {
            for (name, text) in &files {
                writeln!(stdin, "M 100644 inline plan/{name}").expect("write");
                data(&mut stdin, text.as_bytes());
            }
        } else {
            let (file, nth) = if k % 50 == 0 {
                (first, 0)
            } else {
                (priority_files[k % priority_files.len()], (k * 7) % 90 + 1)
            };
            let (name, text) = &mut files[file];
            let key = "\ndescription = \"";
            let at = text
                .match_indices(key)
                .nth(nth)
                .map(|(i, _)| i + 1)
                .expect("action");
            let end = at + text[at..].find('\n').expect("line end");
            text.replace_range(
                at..end,
                &format!("description = \"Revised in commit {k}: report to the Board\""),
            );
            writeln!(stdin, "M 100644 inline plan/{name}").expect("write");
            data(&mut stdin, text.as_bytes());
        }
    }
    drop(stdin);
    assert!(child.wait().expect("fast-import").success());
    let ok = git(repo)
        .args(["reset", "-q", "--hard", "main"])
        .status()
        .expect("git reset");
    assert!(ok.success());
    let marks = std::fs::read_to_string(&marks).expect("marks");
    let mut ids: Vec<(usize, String)> = marks
        .lines()
        .filter_map(|l| {
            let (mark, id) = l.split_once(' ')?;
            Some((mark.trim_start_matches(':').parse().ok()?, id.to_string()))
        })
        .collect();
    ids.sort();
    ids.into_iter().map(|(_, id)| id).collect()
}

/// `lscb history REF` over a 10,000-commit history against `git log -p -- plan/`,
/// and `history`, `changes` and `review` at 1,000 and 10,000 commits.
fn history_run(dir: &Path, quick: bool) {
    let rounds = if quick { 1 } else { 3 };
    let repo = dir.join("history-repo");
    let t = Instant::now();
    let ids = history_repo(&repo, 10_000);
    eprintln!(
        "generated a {}-commit repository in {:.1} s",
        ids.len(),
        t.elapsed().as_secs_f64()
    );
    let plan = repo.join("plan");
    let p = plan.to_str().expect("utf-8");
    let lscb_in = |args: &[&str]| -> Run {
        let cmd: Vec<&str> = [lscb(), "--plan", p, "--as-of", "2017-12-01"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        measure(rounds, &cmd, Some(&repo))
    };
    println!(
        "History: 10 priority files, 1,000 actions; each commit rewrites one action (median of {rounds}):"
    );
    println!();
    println!(
        "| command | commits | wall (ms) | CPU (ms) | peak memory (MiB) | wall / `git log -p` wall |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for n in [1_000, 10_000] {
        let tip = &ids[n - 1];
        let log = measure(
            rounds,
            &["git", "log", "-p", tip, "--", "plan/"],
            Some(&repo),
        );
        let row = |label: &str, r: Run| {
            let failed = failed(&r);
            println!(
                "| {label}{failed} | {n} | {} | {} | {} | {} |",
                ms(r.wall),
                ms(r.cpu),
                mib(r.peak_kib),
                ratio(r.wall, log.wall)
            );
        };
        row("`git log -p -- plan/`", log);
        row(
            "`lscb history 1.1.1`",
            lscb_in(&["--at", tip, "history", "1.1.1"]),
        );
        row(
            "`lscb changes --since FIRST --until TIP`",
            lscb_in(&["changes", "--since", &ids[0], "--until", tip]),
        );
        // review compares the working tree (the tip) with the base.
        row(
            &format!("`lscb review --base TIP~{}`", n - 1),
            lscb_in(&["review", "--base", &ids[ids.len() - n]]),
        );
    }
    println!();
}

/// `lscb changes` against `lscb validate` on the 100k plan in a git
/// repository, with 100 deadlines moved in the working tree: spread over all
/// 100 files (the worst case: both versions of every file are parsed), and in
/// 5 files (as a pull request from a few sub-groups: unchanged files are
/// parsed once). The diff itself is one pass over both plans.
fn changes_run(big: &Path, quick: bool) {
    println!(
        "| 100k actions in git, 100 deadlines moved | validate wall (ms) | validate CPU | changes wall | changes CPU | changes / validate (CPU) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for files in [100, 5] {
        let (validate, changes) = changes_case(big, quick, files);
        println!(
            "| in {files} files | {} | {} | {} | {} | {} |",
            ms(validate.wall),
            ms(validate.cpu),
            ms(changes.wall),
            ms(changes.cpu),
            ratio(changes.cpu, validate.cpu)
        );
    }
    println!();
}

fn changes_case(big: &Path, quick: bool, spread: usize) -> (Run, Run) {
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
            .env("GIT_CONFIG_NOSYSTEM", "1")
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
    let p = plan.to_str().expect("utf-8");
    let run = |args: &[&str]| {
        let cmd: Vec<&str> = [lscb(), "--plan", p, "--as-of", "2017-12-01"]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        let r = measure(rounds, &cmd, Some(&repo));
        assert_eq!(r.code, 0, "lscb {}", args.join(" "));
        r
    };
    let validate = run(&["validate"]);
    let changes = run(&["changes", "--since", "HEAD", "--format", "json"]);
    (validate, changes)
}

/// The time from process start to exit on the shipped plan.
fn shipped(quick: bool) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let p = shipped.to_str().expect("utf-8 path");
    println!(
        "| command (shipped plan, 61 actions) | median start to exit (ms) | CPU (ms) | peak memory (MiB) |"
    );
    println!("|---|---:|---:|---:|");
    let runs: [&[&str]; 5] = [
        &["validate"],
        &["overdue", "--as-of", "2017-10-01"],
        &["list"],
        &["summary"],
        &["pack"],
    ];
    for args in runs {
        let rounds = if quick { 5 } else { 25 };
        let cmd: Vec<&str> = [lscb(), "--plan", p]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        let r = measure(rounds, &cmd, None);
        assert_eq!(r.code, 0);
        println!(
            "| `lscb {}` | {} | {} | {} |",
            args.join(" "),
            ms(r.wall),
            ms(r.cpu),
            mib(r.peak_kib)
        );
    }
}
