//! `lscb schema`, `lscb completions SHELL`, `lscb man`: files for editors and shells.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs, SchemaArgs};
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

/// `lscb man`: one page on stdout that names no other page (each command is
/// listed with a pointer to its --help); `lscb man --out DIR`: lscb.1 and a
/// page per command, each referring only to pages written beside it.
pub fn man(args: &ManArgs) -> Result<Outcome> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = &args.out else {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut out = Vec::new();
        let render = |out: &mut Vec<u8>| -> std::io::Result<()> {
            man.render_title(out)?;
            man.render_name_section(out)?;
            man.render_synopsis_section(out)?;
            man.render_description_section(out)?;
            man.render_options_section(out)?;
            let mut roff = String::from(".SH COMMANDS\n");
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
                roff.push_str(&format!(
                    ".TP\n\\fB{}\\fR\n{}. See \\fBlscb {} \\-\\-help\\fR.\n",
                    sub.get_name(),
                    about
                        .trim_end_matches('.')
                        .replace('\\', "\\\\")
                        .replace('-', "\\-"),
                    sub.get_name()
                ));
            }
            out.extend_from_slice(roff.as_bytes());
            man.render_version_section(out)
        };
        render(&mut out).map_err(Error::stdout)?;
        print(&String::from_utf8_lossy(&out))?;
        return Ok(Outcome::Success);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display(), "create", e))?;
    let mut pages = vec![cmd.clone()];
    pages.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    for page in pages {
        let man = clap_mangen::Man::new(page);
        let path = dir.join(man.get_filename());
        let mut out = Vec::new();
        man.render(&mut out)
            .map_err(|e| Error::io(path.display(), "render", e))?;
        workspace::write_file(&path, &out)?;
        note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Success)
}
