//! `lscb schema`, `lscb completions SHELL`, `lscb man`: files for editors and shells.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, SchemaArgs};
use crate::error::{Error, Result};
use crate::run::Outcome;
use crate::schema::{board_schema, priority_schema};
use crate::workspace;

use super::{Ctx, load_valid, note, print};

pub fn run(ctx: &Ctx, args: &SchemaArgs) -> Result<Outcome> {
    let plan = load_valid(ctx)?;
    let files = [
        ("board.schema.json", board_schema()),
        (
            "priority.schema.json",
            priority_schema(&plan.board.register),
        ),
    ];
    let mut differs = false;
    for (name, schema) in files {
        let path = args.out.join(name);
        let text = crate::render::json::to_string(&schema);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        if args.check {
            note(&format!(
                "{} is out of date; run `lscb schema --out {}`",
                path.display(),
                args.out.display()
            ));
            differs = true;
            continue;
        }
        std::fs::create_dir_all(&args.out)
            .map_err(|e| Error::io(args.out.display(), "create", e))?;
        workspace::write_file(&path, text.as_bytes())?;
        note(&format!("wrote {}", path.display()));
    }
    Ok(if differs {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

pub fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "lscb", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Success)
}

pub fn man() -> Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(Error::stdout)?;
    print(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Success)
}
