//! One module per verb: load the plan, compute a report, render it.

mod edit;
mod fmt;
mod history;
mod import;
mod leads;
mod list;
mod overdue;
mod pack;
mod quarters;
mod schema;
mod show;
mod summary;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{Cli, ColorChoice, Command, FilterArgs};
use crate::plan::Plan;
use crate::plan::load::{self, Loaded, PlanFiles};
use crate::render::{self, Document, Format, Table, Terminal};
use crate::run::Outcome;
use crate::workspace;

/// What every command needs: where the plan is and which day it is.
pub struct Ctx {
    pub plan_dir: PathBuf,
    /// The day reports are computed for (`--as-of`, default today).
    pub as_of: NaiveDate,
    /// Today, for "a done date after today" (W101).
    pub today: NaiveDate,
}

/// Today's date: `$LSCB_TODAY` if set (tests, reproducible CI runs), else the clock.
/// "Today" enters here and only here.
fn today() -> anyhow::Result<NaiveDate> {
    match std::env::var("LSCB_TODAY") {
        Ok(s) if !s.is_empty() => crate::plan::date::parse_iso(&s)
            .ok_or_else(|| anyhow::anyhow!("LSCB_TODAY=`{s}` is not a date; write YYYY-MM-DD")),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let today = today()?;
    // These need no plan.
    match &cli.command {
        Command::Completions(args) => return schema::completions(args),
        Command::Man => return schema::man(),
        Command::Import(args) => return import::run(today, args),
        _ => {}
    }
    // anstream strips colour where it is not wanted; `auto` honours NO_COLOR and
    // CLICOLOR_FORCE and checks for a terminal.
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
    }
    let env = std::env::var_os("LSCB_PLAN")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let cwd = std::env::current_dir()?;
    let plan_dir = workspace::find_plan(cli.plan.as_deref(), env.as_deref(), &cwd)?;
    let as_of = cli.as_of.unwrap_or(today);
    let ctx = Ctx {
        plan_dir,
        as_of,
        today,
    };
    match cli.command {
        Command::Validate(args) => validate::run(&ctx, &args),
        Command::List(args) => list::run(&ctx, &args),
        Command::Show(args) => show::run(&ctx, &args),
        Command::Overdue(args) => overdue::run(&ctx, &args),
        Command::Leads(args) => leads::run(&ctx, &args),
        Command::Quarters(args) => quarters::run(&ctx, &args),
        Command::Summary(args) => summary::run(&ctx, &args),
        Command::Done(args) => edit::done(&ctx, &args),
        Command::Status(args) => edit::status(&ctx, &args),
        Command::Update(args) => edit::update(&ctx, &args),
        Command::Reschedule(args) => edit::reschedule(&ctx, &args),
        Command::Add(args) => edit::add(&ctx, &args),
        Command::Fmt(args) => fmt::run(&ctx, &args),
        Command::Schema(args) => schema::run(&ctx, &args),
        Command::Changes(args) => history::changes(&ctx, &args),
        Command::History(args) => history::history(&ctx, &args),
        Command::Review(args) => history::review(&ctx, &args),
        Command::Pack(args) => pack::run(&ctx, &args),
        Command::Completions(_) | Command::Man | Command::Import(_) => {
            unreachable!("handled above")
        }
    }
}

/// Reads and loads the plan, findings included.
fn load_all(ctx: &Ctx) -> anyhow::Result<(PlanFiles, Loaded)> {
    let files = workspace::read_plan(&ctx.plan_dir)?;
    let loaded = load::load(&files, ctx.today);
    Ok((files, loaded))
}

/// The plan for a reporting command. An invalid plan prints its errors to stderr
/// and fails with `PlanInvalid`, which `run` turns into exit 1.
fn load_valid(ctx: &Ctx) -> anyhow::Result<Plan> {
    let (files, loaded) = load_all(ctx)?;
    valid_or_report(&files, loaded, None)
}

/// The loaded plan; or, when it has errors, they go to stderr (with a closing
/// note) and the command fails with `PlanInvalid` (exit 1).
fn valid_or_report(files: &PlanFiles, loaded: Loaded, note: Option<&str>) -> anyhow::Result<Plan> {
    match loaded.plan {
        Some(plan) => Ok(plan),
        None => Err(report_errors(files, loaded.diagnostics, note)),
    }
}

/// Prints the errors among `diagnostics` (and a note), and gives the error that
/// makes the command exit 1.
fn report_errors(
    files: &PlanFiles,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    note: Option<&str>,
) -> anyhow::Error {
    let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    // Best effort: the plan is invalid (exit 1) whether or not stderr took it.
    let _ = print_diagnostics(files, &errors).and_then(|()| {
        if let Some(note) = note {
            writeln!(anstream::stderr().lock(), "{note}")?;
        }
        Ok(())
    });
    PlanInvalid.into()
}

/// The plan has errors, already shown to the user: exit 1, print nothing more.
#[derive(Debug)]
pub struct PlanInvalid;

impl std::fmt::Display for PlanInvalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the plan has errors")
    }
}

impl std::error::Error for PlanInvalid {}

/// Prints actions as `list` does (also `leads NAME`).
fn emit_actions(
    format: Format,
    rows: &[crate::report::list::ActionRow],
    as_of: NaiveDate,
) -> anyhow::Result<()> {
    use crate::report::list;
    if format == Format::Csv {
        let mut out = std::io::BufWriter::new(anstream::stdout().lock());
        list::write_csv(rows, &mut out)?;
        out.flush()?;
        return Ok(());
    }
    emit(
        format,
        rows,
        || list::csv_table(rows),
        || list::document(rows, as_of, description_width(format)),
    )
}

fn print_diagnostics(
    files: &PlanFiles,
    diagnostics: &[crate::diagnostic::Diagnostic],
) -> anyhow::Result<()> {
    let sources: Vec<_> = files.board.iter().chain(files.priorities.iter()).collect();
    let mut text = render::diagnostics::human(diagnostics, &sources, true);
    text.push_str(&format!("{}\n", render::diagnostics::summary(diagnostics)));
    let mut err = anstream::stderr().lock();
    err.write_all(text.as_bytes())?;
    Ok(())
}

/// Writes to stdout; a closed pipe surfaces as an error that `run` turns into exit 0.
fn print(text: &str) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn terminal() -> Terminal {
    let is_tty = std::io::stdout().is_terminal();
    let width = is_tty
        .then(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .flatten();
    Terminal { is_tty, width }
}

/// Prints a report in the chosen format: JSON from the rows, CSV from the flat
/// table, the document for people otherwise.
fn emit<T: serde::Serialize + ?Sized>(
    format: Format,
    json: &T,
    csv: impl FnOnce() -> Table,
    doc: impl FnOnce() -> Document,
) -> anyhow::Result<()> {
    // Written straight to stdout: a 100k-row report should not sit in memory twice.
    let mut out = std::io::BufWriter::new(anstream::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, json)?;
            out.write_all(b"\n")?;
        }
        Format::Csv => render::write_csv(&csv(), &mut out)?,
        Format::Markdown => out.write_all(render::to_markdown(&doc()).as_bytes())?,
        Format::Table => render::write_text(&doc(), terminal(), &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// How long descriptions may be in a terminal table (full text elsewhere).
fn description_width(format: Format) -> Option<usize> {
    (format == Format::Table).then_some(70)
}

/// Resolves `--lead NAME` through the register; an unknown name is a usage error.
fn resolve_lead(plan: &Plan, name: &str) -> anyhow::Result<usize> {
    let register = &plan.board.register;
    register.resolve(name).ok_or_else(|| {
        let hint = match register.closest(name) {
            Some(c) => format!("did you mean \"{c}\"?"),
            None => "`lscb leads` lists the register".to_string(),
        };
        anyhow::anyhow!("no lead named \"{name}\" in the register\nhint: {hint}")
    })
}

fn filter_from(plan: &Plan, args: &FilterArgs) -> anyhow::Result<crate::report::list::Filter> {
    Ok(crate::report::list::Filter {
        priorities: args.priority.clone(),
        lead: args
            .lead
            .as_deref()
            .map(|n| resolve_lead(plan, n))
            .transpose()?,
        ..Default::default()
    })
}
