//! One module per verb: load the plan, compute a report, build its document,
//! render it. Commands return `Result<Outcome>`; they never print errors.

mod add;
mod annual;
mod calendar;
mod document;
mod done;
mod editing;
mod fmt;
mod history;
mod import;
mod leads;
mod list;
mod overdue;
mod pack;
mod quarters;
mod reschedule;
mod rollover;
mod schema;
mod show;
mod site;
mod status;
mod summary;
mod update;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{Cli, ColorChoice, Command, FilterArgs};
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::plan::load::{self, Loaded, PlanFiles};
use crate::plan::{Action, Plan, Priority, Ref};
use crate::render::{self, Format, Terminal};
use crate::run::Outcome;
use crate::workspace;

/// What every command needs: where the plan is and which day it is.
pub struct Ctx {
    pub plan_dir: PathBuf,
    /// `--at`: read the plan as committed at this revision, not the working tree.
    pub at: Option<String>,
    /// The day reports are computed for (`--as-of`, default today).
    pub as_of: NaiveDate,
    /// Today, for "a done date after today" (W101).
    pub today: NaiveDate,
}

/// Today's date: `$LSCB_TODAY` if set (tests, reproducible CI runs), else the clock.
/// "Today" enters here and only here.
fn today() -> Result<NaiveDate> {
    match std::env::var("LSCB_TODAY") {
        Ok(s) if !s.is_empty() => crate::plan::date::parse_iso(&s).ok_or_else(|| {
            Error::usage(format!("LSCB_TODAY=`{s}` is not a date")).with_hint("write YYYY-MM-DD")
        }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let today = today()?;
    // anstream strips colour where it is not wanted; `auto` honours NO_COLOR and
    // CLICOLOR_FORCE and checks for a terminal.
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
    }
    if let Some(rev) = &cli.at
        && let Some(verb) = writes(&cli.command)
    {
        return Err(Error::usage(format!(
            "`{verb}` changes files, so it cannot work on the plan as committed at {rev}"
        ))
        .with_hint("drop --at to work on the working tree"));
    }
    // These need no plan.
    match &cli.command {
        Command::Completions(args) => return schema::completions(args),
        Command::Man(args) => return schema::man(args),
        Command::Import(args) => return import::run(today, args),
        _ => {}
    }
    let env = std::env::var_os("LSCB_PLAN")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", "find the current folder", e))?;
    let plan_dir = workspace::find_plan(cli.plan.as_deref(), env.as_deref(), &cwd)?;
    // `--at DATE` reports as of that day unless --as-of says otherwise.
    let at_day = cli.at.as_deref().and_then(crate::plan::date::parse_iso);
    let as_of = cli.as_of.or(at_day).unwrap_or(today);
    let ctx = Ctx {
        plan_dir,
        at: cli.at.clone(),
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
        Command::Done(args) => done::run(&ctx, &args),
        Command::Status(args) => status::run(&ctx, &args),
        Command::Update(args) => update::run(&ctx, &args),
        Command::Reschedule(args) => reschedule::run(&ctx, &args),
        Command::Add(args) => add::run(&ctx, &args),
        Command::Fmt(args) => fmt::run(&ctx, &args),
        Command::Schema(args) => schema::run(&ctx, &args),
        Command::Changes(args) => history::changes(&ctx, &args),
        Command::History(args) => history::history(&ctx, &args),
        Command::Review(args) => history::review(&ctx, &args),
        Command::Pack(args) => pack::run(&ctx, &args),
        Command::Document(args) => document::run(&ctx, &args),
        Command::Rollover(args) => rollover::run(&ctx, &args),
        Command::Annual(args) => annual::run(&ctx, cli.as_of, &args),
        Command::Calendar(args) => calendar::run(&ctx, &args),
        Command::Site(args) => site::run(&ctx, &args),
        Command::Completions(_) | Command::Man(_) | Command::Import(_) => Ok(Outcome::Success),
    }
}

/// Reads and loads the plan, findings included.
fn load_all(ctx: &Ctx) -> Result<(PlanFiles, Loaded)> {
    let files = read_files(ctx)?;
    let loaded = load::load(&files, ctx.today);
    Ok((files, loaded))
}

/// The plan's files: the working tree's, or as committed at `--at`.
fn read_files(ctx: &Ctx) -> Result<PlanFiles> {
    match &ctx.at {
        None => workspace::read_plan(&ctx.plan_dir),
        Some(rev) => {
            let repo = crate::git::Repo::discover(&ctx.plan_dir)?;
            let id = repo.resolve(rev)?;
            workspace::read_plan_at(&repo, &id, &ctx.plan_dir)?.ok_or_else(|| {
                Error::usage(format!(
                    "there is no plan in {} at {rev}",
                    ctx.plan_dir.display()
                ))
            })
        }
    }
}

/// The name of a command that writes the plan's files (or other files), which
/// `--at` cannot be given to.
fn writes(command: &Command) -> Option<&'static str> {
    Some(match command {
        Command::Done(_) => "done",
        Command::Status(_) => "status",
        Command::Update(_) => "update",
        Command::Reschedule(_) => "reschedule",
        Command::Add(_) => "add",
        Command::Fmt(a) if !a.check => "fmt",
        Command::Schema(a) if !a.check => "schema",
        Command::Import(_) => "import",
        _ => return None,
    })
}

/// The plan for a reporting command; an invalid plan is an error (exit 1)
/// carrying its findings.
fn load_valid(ctx: &Ctx) -> Result<Plan> {
    let (files, loaded) = load_all(ctx)?;
    valid(files, loaded, None)
}

/// The loaded plan; or, when it has errors, the error that shows them (and a
/// closing note).
fn valid(files: PlanFiles, loaded: Loaded, note: Option<String>) -> Result<Plan> {
    match loaded.plan {
        Some(plan) => Ok(plan),
        None => Err(invalid(files, loaded.diagnostics, note)),
    }
}

/// The error for a plan with errors: its errors (not its warnings) and the
/// files they point into.
fn invalid(
    files: PlanFiles,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    note: Option<String>,
) -> Error {
    let errors = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    Error::invalid(errors, files.into_sources(), note)
}

/// The terminal stdout is, if it is one.
fn terminal() -> Terminal {
    let is_tty = std::io::stdout().is_terminal();
    let width = is_tty
        .then(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .flatten();
    Terminal { is_tty, width }
}

/// Writes text to stdout; a closed pipe is an error that exits 0.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::stdout)
}

/// Writes to stdout through a buffer, for output too large to build first.
fn write_out(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(Error::stdout)
}

/// For checks (`validate`, `fmt --check`, `review`): a reader that stops
/// reading does not change what the check found, so a closed pipe is not an
/// error and the check's own exit code stands.
fn closed_pipe_is_fine(r: Result<()>) -> Result<()> {
    match r {
        Err(e) if e.exit_code() == 0 => Ok(()),
        other => other,
    }
}

/// Writes a line to stderr (a note, a confirmation). Nowhere to say it is no
/// reason to fail the command.
fn note(text: &str) {
    let _ = writeln!(
        anstream::stderr().lock(),
        "{}",
        render::neutral::block(text)
    );
}

/// A unified diff of a plan file, made inert: its lines carry the file's own
/// text, so control characters are shown and no line (not even a context
/// line, which starts with a space) can start a workflow command.
fn diff(path: &str, before: &str, after: &str) -> String {
    let shown = render::neutral::line(path);
    let text = similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    render::neutral::block(&text).into_owned()
}

/// Renders a report to stdout, or to a file (written atomically) when
/// `output` names one. Formats that are files (Excel) need `output`.
fn emit<'d, T: Serialize + ?Sized>(
    format: Format,
    output: Option<&Path>,
    rows: &T,
    doc: impl FnOnce() -> Document<'d>,
) -> Result<()> {
    match output {
        Some(path) => {
            let mut bytes = Vec::new();
            render::write(format, rows, doc, Terminal::default(), &mut bytes)
                .map_err(|e| Error::io(path.display(), "render", e))?;
            workspace::write_file(path, &bytes)?;
            note(&format!("wrote {}", path.display()));
            Ok(())
        }
        None if format.is_binary() => {
            let (what, ext) = match format {
                Format::Docx => ("a Word document", "docx"),
                _ => ("an Excel workbook", "xlsx"),
            };
            Err(Error::usage(format!(
                "{what} is written to a file, not to standard output"
            ))
            .with_hint(format!("give -o FILE, e.g. -o report.{ext}")))
        }
        // Written straight to stdout: a 100k-row report should not sit in
        // memory twice.
        None => write_out(|out| match format {
            Format::Json => render::json::write(rows, out),
            _ => {
                let doc = doc();
                let written = render::write_doc(format, &doc, terminal(), out);
                leave(doc);
                written
            }
        }),
    }
}

/// Leaves what a report was made from (the plan, its rows, its document) to
/// the end of the process rather than freeing it: the command returns, the
/// output is flushed and the process ends. Freeing a 100k-action plan and
/// its report piece by piece costs more CPU than building the report, for
/// memory the system takes back at exit all at once. Plain data only (no
/// file, lock or buffer to flush); and only where one command runs per
/// process, as the `lscb` binary does.
fn leave<T>(value: T) {
    std::mem::forget(value);
}

/// Resolves `--lead NAME` through the register; an unknown name is a usage error.
fn resolve_lead(plan: &Plan, name: &str) -> Result<usize> {
    let register = &plan.board.register;
    register.resolve(name).ok_or_else(|| {
        let hint = match register.closest(name) {
            Some(c) => format!("did you mean \"{c}\"?"),
            None => "`lscb leads` lists the register".to_string(),
        };
        Error::usage(format!("no lead named \"{name}\" in the register")).with_hint(hint)
    })
}

/// The action a ref names; a short or unknown ref is a usage error that lists
/// the refs it could mean.
fn find_action<'p>(plan: &'p Plan, text: &str) -> Result<(&'p Priority, &'p Action)> {
    let r: Ref = match text.parse() {
        Ok(r) => r,
        Err(message) => {
            let candidates = plan.refs_starting(text);
            let mut e = Error::usage(message);
            if !candidates.is_empty() {
                let shown: Vec<String> = candidates.iter().take(12).map(Ref::to_string).collect();
                let more = if candidates.len() > shown.len() {
                    format!(" and {} more", candidates.len() - shown.len())
                } else {
                    String::new()
                };
                e = e.with_hint(format!("did you mean {}{more}?", shown.join(", ")));
            }
            return Err(e);
        }
    };
    plan.find(r).ok_or_else(|| {
        Error::usage(format!("no action {r} in the plan")).with_hint("`lscb list` shows every ref")
    })
}

fn filter_from(plan: &Plan, args: &FilterArgs) -> Result<crate::report::list::Filter> {
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
