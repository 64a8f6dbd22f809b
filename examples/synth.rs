//! Writes a large synthetic plan, for benchmarks and load tests:
//! `cargo run --release --example synth -- OUT PRIORITIES ACTIONS [SEED]`.

// A command-line program: it reports on stderr.
#![allow(clippy::print_stderr)]

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: synth OUT PRIORITIES ACTIONS [SEED]";
    let (Some(out), Some(p), Some(a)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        return std::process::ExitCode::from(2);
    };
    let (Ok(p), Ok(a)) = (p.parse::<usize>(), a.parse::<usize>()) else {
        eprintln!("{usage}");
        return std::process::ExitCode::from(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2017);
    let out = PathBuf::from(out);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("could not create {}: {e}", out.display());
        return std::process::ExitCode::from(2);
    }
    for (name, text) in lscb::synth::synth(p, a, seed) {
        if let Err(e) = std::fs::write(out.join(&name), text) {
            eprintln!("could not write {name}: {e}");
            return std::process::ExitCode::from(2);
        }
    }
    eprintln!("wrote {} ({p} priorities, {a} actions)", out.display());
    std::process::ExitCode::SUCCESS
}
