//! `lscb changes`, `lscb history REF`, `lscb review`: the plan's history from git.

use crate::cli::{ChangesArgs, HistoryArgs, ReviewArgs, ReviewFormat};
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::plan::load::{Known, PlanFiles, load, load_reusing};
use crate::plan::{Board, Plan, Ref};
use crate::render::{self, Format};
use crate::report::changes::{self, Change};
use crate::report::history::{self, History, HistoryEntry, short};
use crate::report::review;
use crate::run::Outcome;
use crate::workspace;

use super::{Ctx, closed_pipe_is_fine, emit, load_all, print, terminal, valid};

/// A plan read from git must be valid to compare; if not, say where and stop.
/// Files unchanged from `known` (the other side of the comparison) are not
/// parsed again.
pub(super) fn plan_from(
    ctx: &Ctx,
    files: PlanFiles,
    what: &str,
    known: Option<&Known<'_>>,
) -> Result<Plan> {
    let loaded = match known {
        Some(k) => load_reusing(&files, ctx.today, k),
        None => load(&files, ctx.today),
    };
    let note = format!("the plan at {what} has errors; it cannot be compared");
    valid(files, loaded, Some(note))
}

/// The plan at a commit; a commit from before the plan was added gives an empty
/// plan (everything in the other one is then "added").
pub(super) fn plan_at(
    ctx: &Ctx,
    repo: &Repo,
    id: &str,
    what: &str,
    known: Option<&Known<'_>>,
    board: impl FnOnce() -> Result<Board>,
) -> Result<Plan> {
    match workspace::read_plan_at(repo, id, &ctx.plan_dir)? {
        Some(files) => plan_from(ctx, files, what, known),
        None => Ok(Plan::new(board()?, Vec::new())),
    }
}

/// The working tree's plan, with its files (for `Known`).
pub(super) fn working_tree(ctx: &Ctx) -> Result<(PlanFiles, Plan)> {
    let (files, loaded) = load_all(ctx)?;
    let Some(plan) = loaded.plan else {
        return Err(super::invalid(files, loaded.diagnostics, None));
    };
    Ok((files, plan))
}

pub fn changes(ctx: &Ctx, args: &ChangesArgs) -> Result<Outcome> {
    let repo = Repo::discover_with_history(&ctx.plan_dir)?;
    let mut since = repo.resolve(&args.since)?;
    let mut since_label = args.since.clone();
    // A branch that has moved on since this one left it (main, with other
    // chairs' work merged) is compared from where they parted, so its newer
    // work is not shown as taken back here.
    // --until, else --at, else the working tree (compared from HEAD).
    let until = args.until.as_deref().or(ctx.at.as_deref());
    let head = repo.resolve(until.unwrap_or("HEAD"))?;
    if !repo.is_ancestor(&since, &head)? {
        since = repo.merge_base(&since, &head)?;
        since_label = format!("{} (where this branch left it)", args.since);
    }
    // git reads the older plan while this thread loads the newer one.
    let (old_files, newer) = std::thread::scope(|scope| {
        let older = scope.spawn(|| workspace::read_plan_at(&repo, &since, &ctx.plan_dir));
        let newer = newer_plan(ctx, &repo, until);
        let older = older
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (older, newer)
    });
    let (files, new, until) = newer?;
    let known = Known::new(&files, &new);
    let old = match old_files? {
        Some(old_files) => plan_from(ctx, old_files, &args.since, Some(&known))?,
        None => Plan::new(new.board.clone(), Vec::new()),
    };
    let found = changes::diff(&old, &new);
    let heading = format!("Changes from {since_label} ({}) to {until}", short(&since));
    let summary = changes::summary(&old, &new, &found);
    emit(
        args.out.format.into(),
        args.out.output.as_deref(),
        &found,
        || {
            let mut doc = Document::new();
            let s = doc.section(heading.clone());
            s.name("Changes");
            if !found.is_empty() {
                s.table(changes::table(&found));
            }
            s.paragraph(format!("The change {summary}."));
            doc
        },
    )?;
    Ok(Outcome::Success)
}

/// The newer side of `changes`: the plan at `until`, or the working tree's.
fn newer_plan(ctx: &Ctx, repo: &Repo, until: Option<&str>) -> Result<(PlanFiles, Plan, String)> {
    Ok(match until {
        Some(rev) => {
            let id = repo.resolve(rev)?;
            let none = || Error::usage(format!("there is no plan at {rev}"));
            let files = workspace::read_plan_at(repo, &id, &ctx.plan_dir)?.ok_or_else(none)?;
            let loaded = load(&files, ctx.today);
            let Some(plan) = loaded.plan else {
                let note = format!("the plan at {rev} has errors; it cannot be compared");
                return Err(super::invalid(files, loaded.diagnostics, Some(note)));
            };
            (files, plan, format!("{rev} ({})", short(&id)))
        }
        None => {
            let (files, plan) = working_tree(ctx)?;
            (files, plan, "the working tree".to_string())
        }
    })
}

pub fn history(ctx: &Ctx, args: &HistoryArgs) -> Result<Outcome> {
    let r: Ref = args.r#ref.parse().map_err(Error::usage)?;
    let repo = Repo::discover_with_history(&ctx.plan_dir)?;
    let tip = repo.resolve(ctx.at.as_deref().unwrap_or("HEAD"))?;
    let history = workspace::PlanHistory::read(&repo, &ctx.plan_dir, &tip)?;
    let (entries, skipped) = walk(ctx, &history, |old, new| changes::diff_action(old, new, r));
    if entries.is_empty() {
        return Err(Error::usage(format!("no commit changed action {r}"))
            .with_hint("is the plan committed? `lscb list` shows every ref"));
    }
    let report = History::new(r, entries, skipped);
    emit(
        args.out.format.into(),
        args.out.output.as_deref(),
        &report,
        || history::document(&report),
    )?;
    Ok(Outcome::Success)
}

/// Every action's history up to `tip` (the site's action pages): one walk
/// over the plan's commits, each compared whole with the one before, the
/// changes then sorted out by action.
pub(super) fn every_history(
    ctx: &Ctx,
    repo: &Repo,
    tip: &str,
) -> Result<std::collections::HashMap<Ref, History>> {
    let history = workspace::PlanHistory::read(repo, &ctx.plan_dir, tip)?;
    let (entries, skipped) = walk(ctx, &history, changes::diff);
    let mut by_action: std::collections::HashMap<Ref, Vec<HistoryEntry>> =
        std::collections::HashMap::new();
    for e in entries {
        let mut mine: std::collections::BTreeMap<Ref, Vec<Change>> = Default::default();
        for c in e.changes {
            if c.what == "action"
                && let Ok(r) = c.r#ref.parse::<Ref>()
            {
                mine.entry(r).or_default().push(c);
            }
        }
        for (r, changes) in mine {
            by_action.entry(r).or_default().push(HistoryEntry {
                commit: e.commit.clone(),
                date: e.date.clone(),
                author: e.author.clone(),
                subject: e.subject.clone(),
                changes,
            });
        }
    }
    Ok(by_action
        .into_iter()
        .map(|(r, entries)| (r, History::new(r, entries, skipped.clone())))
        .collect())
}

/// Each commit of the plan's history, oldest first, with what `diff` finds
/// between its plan and the one before (an empty plan before the first);
/// commits that change nothing `diff` sees are left out. A commit whose plan
/// has errors cannot be compared: its short id is listed instead.
fn walk(
    ctx: &Ctx,
    history: &workspace::PlanHistory,
    diff: impl Fn(&Plan, &Plan) -> Vec<Change>,
) -> (Vec<HistoryEntry>, Vec<String>) {
    // The last valid plan and its files: a commit's unchanged files are
    // taken from it rather than parsed again.
    let mut previous: Option<(PlanFiles, Plan)> = None;
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (commit, files) in history.snapshots() {
        let loaded = match &previous {
            Some((f, p)) => load_reusing(&files, ctx.today, &Known::new(f, p)),
            None => load(&files, ctx.today),
        };
        let Some(plan) = loaded.plan else {
            skipped.push(short(&commit.id).to_string());
            continue;
        };
        let found = match &previous {
            Some((_, prev)) => diff(prev, &plan),
            None => diff(&Plan::new(plan.board.clone(), Vec::new()), &plan),
        };
        if !found.is_empty() {
            entries.push(HistoryEntry {
                commit: commit.id.clone(),
                date: commit.date.clone(),
                author: commit.author.clone(),
                subject: commit.subject.clone(),
                changes: found,
            });
        }
        previous = Some((files, plan));
    }
    (entries, skipped)
}

pub fn review(ctx: &Ctx, args: &ReviewArgs) -> Result<Outcome> {
    let repo = Repo::discover_with_history(&ctx.plan_dir)?;
    let base_tip = repo.resolve(&args.base)?;
    let head = repo.resolve(ctx.at.as_deref().unwrap_or("HEAD"))?;
    let base = repo
        .merge_base(&base_tip, &head)
        .map_err(|e| e.with_hint("no common ancestor with HEAD"))?;
    let (files, new) = working_tree(ctx)?;
    let known = Known::new(&files, &new);
    let old = plan_at(ctx, &repo, &base, &args.base, Some(&known), || {
        Ok(new.board.clone())
    })?;
    let found = changes::diff(&old, &new);
    let r = review::review(&old, &new, base.clone(), &found);
    let text = match args.format {
        ReviewFormat::Json => render::json::to_string(&r),
        ReviewFormat::Github => {
            let mut out = Vec::new();
            let _ = render::github::write(&review::annotations(&r), &mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
        ReviewFormat::Markdown => {
            render::to_string(Format::Markdown, &review::document(&r, &args.base))
        }
        ReviewFormat::Table => {
            let doc = review::document(&r, &args.base);
            let mut out = Vec::new();
            let _ = render::text::write(&doc, terminal(), &mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
    };
    closed_pipe_is_fine(print(&text))?;
    Ok(if r.unexplained.is_empty() {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}
