//! `lscb schema`, `lscb completions SHELL`, `lscb man`: files for editors and shells.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, SchemaArgs};
use crate::run::Outcome;
use crate::schema::{board_schema, priority_schema};

use super::{Ctx, edit::write_atomically, load_valid, print};

pub fn run(ctx: &Ctx, args: &SchemaArgs) -> anyhow::Result<Outcome> {
    let plan = load_valid(ctx)?;
    let files = [
        ("board.schema.json", board_schema()),
        (
            "priority.schema.json",
            priority_schema(&plan.board.register),
        ),
    ];
    let mut err = anstream::stderr().lock();
    let mut differs = false;
    for (name, schema) in files {
        let path = args.out.join(name);
        let text = serde_json::to_string_pretty(&schema)? + "\n";
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        if args.check {
            writeln!(
                err,
                "{} is out of date; run `lscb schema --out {}`",
                path.display(),
                args.out.display()
            )?;
            differs = true;
            continue;
        }
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("could not create {}", args.out.display()))?;
        if current.is_some() {
            write_atomically(&path.to_string_lossy(), &text)?;
        } else {
            std::fs::write(&path, &text)
                .with_context(|| format!("could not write {}", path.display()))?;
        }
        writeln!(err, "wrote {}", path.display())?;
    }
    Ok(if differs {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "lscb", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Success)
}

pub fn man() -> anyhow::Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Success)
}
