//! `lscb changes`, `lscb history REF`, `lscb review`: the plan's history from git.

use anyhow::Context;
use serde::Serialize;

use crate::cli::{ChangesArgs, HistoryArgs, ReviewArgs, ReviewFormat};
use crate::git::Repo;
use crate::plan::load::{PlanFiles, load};
use crate::plan::{Plan, Ref};
use crate::render::{
    self, Document, Table, diagnostics::escape_data, diagnostics::escape_property,
};
use crate::report::changes::{self, Change, Kind};
use crate::run::Outcome;
use crate::workspace;

use super::{Ctx, emit, load_valid, print, valid_or_report};

/// A plan read from git must be valid to compare; if not, say where and stop.
pub(super) fn plan_from(ctx: &Ctx, files: PlanFiles, what: &str) -> anyhow::Result<Plan> {
    let loaded = load(&files, ctx.today);
    let note = format!("the plan at {what} has errors; it cannot be compared");
    valid_or_report(&files, loaded, Some(&note))
}

/// The plan at a commit; a commit from before the plan was added gives an empty
/// plan (everything in the other one is then "added").
pub(super) fn plan_at(
    ctx: &Ctx,
    repo: &Repo,
    id: &str,
    what: &str,
    board: impl FnOnce() -> anyhow::Result<crate::plan::Board>,
) -> anyhow::Result<Plan> {
    match workspace::read_plan_at(repo, id, &ctx.plan_dir)? {
        Some(files) => plan_from(ctx, files, what),
        None => Ok(Plan {
            board: board()?,
            priorities: Vec::new(),
        }),
    }
}

fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}

pub fn changes(ctx: &Ctx, args: &ChangesArgs) -> anyhow::Result<Outcome> {
    let repo = Repo::discover(&ctx.plan_dir)?;
    let since = repo.resolve(&args.since)?;
    let (new, until) = match &args.until {
        Some(rev) => {
            let id = repo.resolve(rev)?;
            let none = || anyhow::anyhow!("there is no plan at {rev}");
            (
                plan_at(ctx, &repo, &id, rev, || Err(none()))?,
                format!("{rev} ({})", short(&id)),
            )
        }
        None => (load_valid(ctx)?, "the working tree".to_string()),
    };
    let old = plan_at(ctx, &repo, &since, &args.since, || Ok(new.board.clone()))?;
    let found = changes::diff(&old, &new);
    let heading = format!("Changes from {} ({}) to {until}", args.since, short(&since));
    let summary = changes::summary(&old, &new, &found);
    emit(
        args.format,
        &found,
        || changes::table(&found, true),
        || {
            let mut doc = Document::default();
            doc.heading(heading.clone());
            if !found.is_empty() {
                doc.table(changes::table(&found, false));
            }
            doc.text(format!("The change {summary}."));
            doc
        },
    )?;
    Ok(Outcome::Success)
}

/// One commit that changed an action.
#[derive(Debug, Serialize)]
struct HistoryEntry {
    commit: String,
    date: String,
    author: String,
    subject: String,
    changes: Vec<Change>,
}

#[derive(Debug, Serialize)]
struct History {
    #[serde(rename = "ref")]
    r#ref: Ref,
    commits: Vec<HistoryEntry>,
    /// How many times its deadlines moved, and by how many days in all.
    deadline_moves: usize,
    days_moved: i64,
    /// Commits whose plan had errors, so could not be compared.
    skipped: Vec<String>,
}

pub fn history(ctx: &Ctx, args: &HistoryArgs) -> anyhow::Result<Outcome> {
    let r: Ref = args.r#ref.parse().map_err(anyhow::Error::msg)?;
    let repo = Repo::discover(&ctx.plan_dir)?;
    let snapshots = workspace::plan_history(&repo, &ctx.plan_dir)?;
    let mut previous: Option<Plan> = None;
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (commit, files) in snapshots {
        let Some(plan) = load(&files, ctx.today).plan else {
            skipped.push(short(&commit.id).to_string());
            continue;
        };
        let found: Vec<Change> = match &previous {
            Some(prev) => changes::diff(prev, &plan)
                .into_iter()
                .filter(|c| c.r#ref == r.to_string())
                .collect(),
            None => plan
                .find(r)
                .map(|(p, a)| {
                    vec![Change {
                        r#ref: r.to_string(),
                        kind: Kind::Added,
                        from: serde_json::Value::Null,
                        to: serde_json::json!(a.description),
                        days: None,
                        what: "action",
                        file: Some(p.file.clone()),
                        line: Some(a.line),
                    }]
                })
                .unwrap_or_default(),
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
        previous = Some(plan);
    }
    if entries.is_empty() {
        anyhow::bail!(
            "no commit changed action {r}\nhint: is the plan committed? `lscb list` shows every ref"
        );
    }
    let moves: Vec<&Change> = entries
        .iter()
        .flat_map(|e| &e.changes)
        .filter(|c| c.kind == Kind::DeadlineMoved)
        .collect();
    let report = History {
        r#ref: r,
        deadline_moves: moves.len(),
        days_moved: moves.iter().filter_map(|c| c.days).sum(),
        commits: entries,
        skipped,
    };
    let rows = || {
        let mut t = Table::new(&["Date", "Commit", "Author", "Change"]);
        for e in &report.commits {
            for c in &e.changes {
                t.push(vec![
                    e.date.clone(),
                    short(&e.commit).to_string(),
                    e.author.clone(),
                    changes::describe(c),
                ]);
            }
        }
        t
    };
    emit(args.format, &report, rows, || {
        let mut doc = Document::default();
        doc.heading(format!("History of action {r}"))
            .table(rows())
            .text(format!(
                "Deadline moved {} time{}, {} days in all.",
                report.deadline_moves,
                if report.deadline_moves == 1 { "" } else { "s" },
                report.days_moved
            ));
        if !report.skipped.is_empty() {
            doc.text(format!(
                "Not compared (the plan had errors): {}",
                report.skipped.join(", ")
            ));
        }
        doc
    })?;
    Ok(Outcome::Success)
}

#[derive(Debug, Serialize)]
struct Review<'c> {
    base: String,
    summary: String,
    changes: &'c [Change],
    /// Deadlines moved without an update saying why.
    unexplained: Vec<&'c Change>,
}

pub fn review(ctx: &Ctx, args: &ReviewArgs) -> anyhow::Result<Outcome> {
    let repo = Repo::discover(&ctx.plan_dir)?;
    let base_tip = repo.resolve(&args.base)?;
    let base = repo
        .merge_base(&base_tip, "HEAD")
        .context("no common ancestor with HEAD")?;
    let new = load_valid(ctx)?;
    let old = plan_at(ctx, &repo, &base, &args.base, || Ok(new.board.clone()))?;
    let found = changes::diff(&old, &new);
    let unexplained = changes::unexplained_moves(&old, &new, &found);
    let review = Review {
        base: base.clone(),
        summary: format!("This change {}.", changes::summary(&old, &new, &found)),
        changes: &found,
        unexplained,
    };
    let problem = |c: &Change| {
        format!(
            "{}: {}, with no [[action.update]] saying why",
            c.r#ref,
            changes::describe(c)
        )
    };
    let hint = "add an [[action.update]] to the action (lscb reschedule does this for you)";
    let text = match args.format {
        ReviewFormat::Json => render::to_json(&review)?,
        ReviewFormat::Github => {
            let mut out = format!("::notice::{}\n", escape_data(&review.summary));
            for c in &review.unexplained {
                let file = c.file.as_deref().unwrap_or("");
                out.push_str(&format!(
                    "::error file={},line={}::{}\n",
                    escape_property(file),
                    c.line.unwrap_or(1),
                    escape_data(&format!("{}\nhelp: {hint}", problem(c)))
                ));
            }
            out
        }
        ReviewFormat::Markdown | ReviewFormat::Table => {
            let mut doc = Document::default();
            doc.heading(format!(
                "Plan review against {} ({})",
                args.base,
                short(&base)
            ))
            .text(review.summary.clone());
            if !found.is_empty() {
                doc.table(changes::table(&found, false));
            }
            if review.unexplained.is_empty() {
                doc.text("Every moved deadline comes with an update saying why.");
            } else {
                let mut t = Table::new(&["Ref", "Problem"]);
                for c in &review.unexplained {
                    t.push(vec![
                        c.r#ref.clone(),
                        format!(
                            "{}; no [[action.update]] says why: {hint}",
                            changes::describe(c)
                        ),
                    ]);
                }
                doc.heading("Deadlines moved without a reason").table(t);
            }
            if args.format == ReviewFormat::Markdown {
                render::to_markdown(&doc)
            } else {
                render::to_text(&doc, super::terminal())
            }
        }
    };
    print(&text)?;
    Ok(if review.unexplained.is_empty() {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}
