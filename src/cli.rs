//! Command-line types only: the commands, their options, and parsing of option values.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::plan::{ActionState, Status, names};
use crate::render;

/// Output formats of the reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// An Excel workbook (needs -o FILE): real dates, a frozen header.
    Xlsx,
}

/// Where a report goes and in which format.
#[derive(Debug, Args)]
pub struct ReportOutput {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to this file (atomically) instead of stdout; needed for xlsx.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl From<Format> for render::Format {
    fn from(f: Format) -> render::Format {
        match f {
            Format::Table => render::Format::Table,
            Format::Csv => render::Format::Csv,
            Format::Json => render::Format::Json,
            Format::Markdown => render::Format::Markdown,
            Format::Xlsx => render::Format::Xlsx,
        }
    }
}

/// Output formats of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnosticFormat {
    Human,
    Json,
    Github,
}

/// Validate, query and report on a safeguarding board's or partnership's business plan.
#[derive(Debug, Parser)]
#[command(name = "lscb", version, about, propagate_version = true)]
pub struct Cli {
    /// The plan folder (default: $LSCB_PLAN, else the first plan/ with a board.toml
    /// found from here upward).
    #[arg(long, global = true, value_name = "DIR")]
    pub plan: Option<PathBuf>,

    /// The day reports are computed for, and the date edits record by default,
    /// YYYY-MM-DD (default: today; $LSCB_TODAY sets "today" for reproducible runs).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    /// Read the plan as committed: at a revision (commit, branch or tag), or
    /// at the last commit on or before a day (YYYY-MM-DD, which is then also
    /// the --as-of day unless one is given). Read-only commands only.
    #[arg(long, global = true, value_name = "REV|DATE")]
    pub at: Option<String>,

    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the plan and report every problem, file:line:col (exit 1 on errors).
    Validate(ValidateArgs),
    /// List actions, with filters.
    List(ListArgs),
    /// Everything about one action.
    Show(ShowArgs),
    /// Overdue actions, most overdue first: what has slipped and who leads it.
    Overdue(OverdueArgs),
    /// Actions by lead: one row per lead, or one lead's actions.
    Leads(LeadsArgs),
    /// Deadlines by quarter of the plan year: due, met on time, met late, overdue.
    Quarters(QuartersArgs),
    /// Per priority, counts by state and RAG, and the plan's headline figures.
    Summary(SummaryArgs),
    /// Record that an action's next deadline was met (default: on the --as-of day).
    Done(DoneArgs),
    /// Set an action's status.
    Status(StatusArgs),
    /// Append a dated entry to an action's progress log.
    Update(UpdateArgs),
    /// Move an action's next unmet deadline, logging the reason.
    Reschedule(RescheduleArgs),
    /// Add an action under an objective, with the next free number.
    Add(AddArgs),
    /// Rewrite every plan file in the canonical layout, keeping comments.
    Fmt(FmtArgs),
    /// Write JSON Schemas of the plan files for editors (taplo, Even Better TOML).
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write a page per command into a folder.
    Man(ManArgs),
    /// What changed in the plan between two git revisions (default: up to the working tree).
    Changes(ChangesArgs),
    /// Every commit that changed one action, and how its deadline moved.
    History(HistoryArgs),
    /// For CI on a pull request: what the change does to the plan; fails when a
    /// deadline moves without an [[action.update]] saying why.
    Review(ReviewArgs),
    /// The board meeting pack: headline figures, RAG by priority, quarters,
    /// overdue, due next, changes since the last meeting, actions by lead.
    Pack(PackArgs),
    /// The plan as the document a board publishes (Word, HTML or Markdown):
    /// each priority, its objectives, and a table of their actions.
    Document(DocumentArgs),
    /// Start next year's plan in a new folder: the actions open at this
    /// year's end, carried with their refs; the old plan is left untouched.
    Rollover(RolloverArgs),
    /// The plan year's report, as of the year's end (or --as-of): what was
    /// delivered, what carries over, what was dropped, every deadline move.
    Annual(AnnualArgs),
    /// Turn a board's plan into plan files: its document (text or Word), an Excel or CSV action tracker, or a Word table.
    Import(ImportArgs),
    /// Every deadline as an all-day event (iCalendar), for a calendar program
    /// to subscribe to.
    Calendar(CalendarArgs),
    /// The plan as a static web site: an index, a page per priority, lead and
    /// action, the overdue list and calendar.ics.
    Site(SiteArgs),
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Only the actions this lead leads (any name or alias in the register).
    #[arg(long, value_name = "NAME")]
    pub lead: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write. It is replaced as a whole; a folder that is not
    /// empty is refused unless an earlier `lscb site` wrote it.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The last meeting, for "completed and changed since" on the index: a
    /// date (the last commit on or before it) or any git revision.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// The next meeting, for "due before the next meeting" (default: 8 weeks on).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub next_meeting: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan: text in the layout of the 2017/18 business plan, a .docx (that
    /// layout, or the plan in tables), or an action tracker (.xlsx, .xls, .ods, .csv).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Which column is which, where the tracker's names are not recognised:
    /// KEY=COLUMN,... with KEY one of ref, priority, objective, action, lead,
    /// due, status, update, updated, impact, and COLUMN a letter (C), a header
    /// (Who owns it; in quotes if one or two letters) or - for none.
    #[arg(long, value_name = "KEY=COLUMN,...")]
    pub columns: Option<String>,
    /// The sheet of a workbook to read (default: the first with a header row).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The row holding the column names, counted from 1 (default: found).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// The plan folder to write.
    #[arg(long, value_name = "DIR", default_value = "plan")]
    pub out: PathBuf,
    /// The board's name for board.toml.
    #[arg(long, value_name = "BOARD")]
    pub name: Option<String>,
    /// The first day of the plan year (default: 1 April of the year the document
    /// names, e.g. "2017/18").
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub year_start: Option<NaiveDate>,
    /// An existing board.toml whose register of leads the names resolve to.
    #[arg(long, value_name = "BOARD_TOML")]
    pub leads: Option<PathBuf>,
    /// Replace the plan files already in DIR.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RolloverArgs {
    /// The new plan folder (must not exist, or be empty).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The new year's first day (default: the day after this year ends).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<NaiveDate>,
    /// The new year's last day (default: a year after --start, less a day).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub end: Option<NaiveDate>,
    /// How to say what was carried: a summary for people, or JSON
    /// ({"carried", "complete", "dropped"}).
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct DocumentArgs {
    #[arg(long, value_enum, default_value_t = DocumentFormat::Markdown)]
    pub format: DocumentFormat,
    /// Write to this file instead of stdout (required for docx).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DocumentFormat {
    Markdown,
    Html,
    Docx,
}

impl From<DocumentFormat> for render::Format {
    fn from(f: DocumentFormat) -> render::Format {
        match f {
            DocumentFormat::Markdown => render::Format::Markdown,
            DocumentFormat::Html => render::Format::Html,
            DocumentFormat::Docx => render::Format::Docx,
        }
    }
}

#[derive(Debug, Args)]
pub struct AnnualArgs {
    #[arg(long, value_enum, default_value_t = AnnualFormat::Markdown)]
    pub format: AnnualFormat,
    /// Write to this file instead of stdout (required for docx).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AnnualFormat {
    Markdown,
    Html,
    Docx,
    Json,
}

impl From<AnnualFormat> for render::Format {
    fn from(f: AnnualFormat) -> render::Format {
        match f {
            AnnualFormat::Markdown => render::Format::Markdown,
            AnnualFormat::Html => render::Format::Html,
            AnnualFormat::Docx => render::Format::Docx,
            AnnualFormat::Json => render::Format::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// The last meeting, for "completed and changed since": a date (the last
    /// commit on or before it) or any git revision.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// The next meeting, for "due before the next meeting" (default: 8 weeks on).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub next_meeting: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = PackFormat::Markdown)]
    pub format: PackFormat,
    /// Write to this file instead of stdout (required for docx and xlsx).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PackFormat {
    Markdown,
    Html,
    Docx,
    Xlsx,
    Json,
}

impl From<PackFormat> for render::Format {
    fn from(f: PackFormat) -> render::Format {
        match f {
            PackFormat::Markdown => render::Format::Markdown,
            PackFormat::Html => render::Format::Html,
            PackFormat::Xlsx => render::Format::Xlsx,
            PackFormat::Docx => render::Format::Docx,
            PackFormat::Json => render::Format::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// From this revision: a commit, branch or tag, or a date (YYYY-MM-DD) for the
    /// last commit on or before it.
    #[arg(long, value_name = "REV")]
    pub since: String,
    /// Up to this revision (default: the working tree).
    #[arg(long, value_name = "REV")]
    pub until: Option<String>,
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The action, PRIORITY.OBJECTIVE.ACTION.
    #[arg(value_name = "REF")]
    pub r#ref: String,
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The branch the pull request goes into (compared from its merge base).
    #[arg(long, value_name = "REV")]
    pub base: String,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Table)]
    pub format: ReviewFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Table,
    Markdown,
    Github,
    Json,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write board.schema.json and priority.schema.json.
    #[arg(long, value_name = "DIR", default_value = "schema")]
    pub out: PathBuf,
    /// Write nothing; exit 1 if the files in DIR differ from what would be written.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write lscb.1 and a page per command (lscb-validate.1, ...) into DIR,
    /// e.g. /usr/local/share/man/man1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing: show what would change, and exit 1 if anything would.
    #[arg(long)]
    pub check: bool,
    /// How --check shows the changes: a unified diff, or GitHub Actions
    /// annotations (one per change, at its line, with the text to write).
    #[arg(long, value_enum, default_value_t = FmtFormat::Diff, requires = "check")]
    pub format: FmtFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FmtFormat {
    Diff,
    Github,
}

/// Options every edit takes.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Print the change as a diff instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The action, PRIORITY.OBJECTIVE.ACTION.
    #[arg(value_name = "REF")]
    pub r#ref: String,
    /// The day the deadline was met (default: the --as-of day, i.e. today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub edit: EditArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The action, PRIORITY.OBJECTIVE.ACTION.
    #[arg(value_name = "REF")]
    pub r#ref: String,
    /// not-started, in-progress, on-hold, complete or dropped.
    #[arg(value_name = "STATE", value_parser = parse_status)]
    pub status: Status,
    /// Why: logged as an update (and kept as `notes` when dropping an action
    /// that has none).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub edit: EditArgs,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The action, PRIORITY.OBJECTIVE.ACTION.
    #[arg(value_name = "REF")]
    pub r#ref: String,
    /// What happened.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// The update's date (default: the --as-of day).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub edit: EditArgs,
}

#[derive(Debug, Args)]
pub struct RescheduleArgs {
    /// The action, PRIORITY.OBJECTIVE.ACTION.
    #[arg(value_name = "REF")]
    pub r#ref: String,
    /// The new deadline: a month YYYY-MM (its last day) or a day YYYY-MM-DD.
    #[arg(value_name = "DUE")]
    pub due: String,
    /// Why it moved: the text of the dated update that records the move.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Which deadline moves, by its date (default: the next one not met).
    /// One occurrence of a recurring (`every`) deadline moves this way too.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    #[command(flatten)]
    pub edit: EditArgs,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The objective, PRIORITY.OBJECTIVE (e.g. 1.2).
    #[arg(value_name = "P.O")]
    pub objective: String,
    /// What the action is (the document's wording).
    #[arg(long, value_name = "TEXT")]
    pub description: String,
    /// A lead from the register (repeat for joint leads).
    #[arg(long, value_name = "NAME", required = true)]
    pub lead: Vec<String>,
    /// A deadline, YYYY-MM or YYYY-MM-DD (repeat for several).
    #[arg(
        long,
        value_name = "DUE",
        required_unless_present = "every",
        conflicts_with = "every"
    )]
    pub due: Vec<String>,
    /// A recurring deadline: month, quarter, half-year or year.
    #[arg(long, value_name = "PERIOD")]
    pub every: Option<String>,
    #[command(flatten)]
    pub edit: EditArgs,
}

#[derive(Debug, Args)]
pub struct OverdueArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Group the table per lead (an action with two leads appears under both).
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<GroupBy>,
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    Lead,
}

#[derive(Debug, Args)]
pub struct LeadsArgs {
    /// A lead (any name or alias): list that lead's actions as `list` does.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Debug, Args)]
pub struct QuartersArgs {
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Filters shared by the reports that list actions.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only these priorities (repeatable).
    #[arg(long, value_name = "N")]
    pub priority: Vec<u32>,
    /// Only actions this lead leads (any name or alias in the register).
    #[arg(long, value_name = "NAME")]
    pub lead: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only actions in this state as of the day (repeatable): not-started,
    /// in-progress, on-hold, overdue, complete, dropped.
    #[arg(long, value_name = "STATE", value_parser = parse_state)]
    pub status: Vec<ActionState>,
    /// Only actions with a deadline before this day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_before: Option<NaiveDate>,
    /// Only actions with a deadline after this day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_after: Option<NaiveDate>,
    /// Only actions whose description, notes, impact or tags contain this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub out: ReportOutput,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The action's reference, PRIORITY.OBJECTIVE.ACTION (e.g. 1.2.1).
    #[arg(value_name = "REF")]
    pub r#ref: String,
    #[command(flatten)]
    pub out: ReportOutput,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::plan::date::parse_iso(s)
        .ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2017-10-01"))
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        format!(
            "unknown status `{s}`; use one of: {}",
            names::<Status>().join(", ")
        )
    })
}

fn parse_state(s: &str) -> Result<ActionState, String> {
    ActionState::parse(s).ok_or_else(|| {
        format!(
            "unknown state `{s}`; use one of: {}",
            names::<ActionState>().join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
