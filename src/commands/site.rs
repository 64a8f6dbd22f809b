//! `lscb site --out DIR`: the plan as a static web site, written as a whole.

use std::path::Path;

use crate::cli::SiteArgs;
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::plan::load::Known;
use crate::render;
use crate::report::site::{self, Histories, Input};
use crate::run::Outcome;
use crate::workspace::{self, OutFolder};

use super::history::{every_history, working_tree};
use super::pack::last_meeting;
use super::{Ctx, note};

/// The file every site holds, so that a later run knows the folder is one it
/// may replace, and never replaces a folder holding anything else.
pub const MARKER: &str = ".lscb-site";

const MARKER_TEXT: &str = "This folder was written by `lscb site`. The next `lscb site --out` \
to this folder replaces everything in it (except CNAME and hidden files such as this one), \
so keep nothing else here.\n";

pub fn run(ctx: &Ctx, args: &SiteArgs) -> Result<Outcome> {
    let earlier = check_out(&args.out, &ctx.plan_dir)?;
    let (files, plan) = working_tree(ctx)?;
    let known = Known::new(&files, &plan);
    let next_meeting = super::pack::next_meeting(ctx, args.next_meeting);
    let since = last_meeting(ctx, args.since.as_deref(), &plan, &known)?;
    let histories = histories(ctx)?;
    let input = Input {
        plan: &plan,
        as_of: ctx.as_of,
        next_meeting,
        last: since.last(),
        since_note: since.note.clone(),
        histories,
        footer: format!(
            "Figures as of {}{}. Made with lscb {} from the board's plan files.",
            crate::doc::human_date(ctx.as_of),
            ctx.at
                .as_deref()
                .map(|rev| format!(", from the plan as committed at {rev}"))
                .unwrap_or_default(),
            env!("CARGO_PKG_VERSION"),
        ),
    };
    let site = site::site(&input);
    let mut out = render::site::files(&site);
    out.push((MARKER.to_string(), MARKER_TEXT.as_bytes().to_vec()));
    match earlier {
        // A custom domain (CNAME) and hidden files (.nojekyll, a worktree's
        // .git) of an earlier site stay.
        Out::EarlierSite => workspace::replace_folder(&args.out, &out, |rel| {
            rel.components().next().is_some_and(|c| {
                let name = c.as_os_str().to_string_lossy();
                name.starts_with('.') || name == "CNAME"
            })
        })?,
        // Made whole beside it and renamed in: should anything land in the
        // folder meanwhile, the rename fails and nothing of it is touched.
        Out::NewOrEmpty => {
            if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io(parent.display(), "create", e))?;
            }
            workspace::create_folder(&args.out, &out)?;
        }
    }
    note(&format!(
        "wrote {} ({} pages, {} calendars) as of {}",
        args.out.display(),
        site.pages.len(),
        site.calendars.len(),
        ctx.as_of
    ));
    Ok(Outcome::Success)
}

/// Every action's history from git, or why there is none: the site is still
/// made from a plan folder outside git, or from a shallow clone.
fn histories(ctx: &Ctx) -> Result<Histories> {
    let not_shown = |why: String| {
        note(&format!("note: {why}"));
        Ok(Histories::NotShown(why))
    };
    if Repo::discover(&ctx.plan_dir).is_err() {
        return not_shown(
            "The plan folder is not in a git repository, so the history of its actions is not shown."
                .into(),
        );
    }
    let repo = match Repo::discover_with_history(&ctx.plan_dir) {
        Ok(repo) => repo,
        Err(e) => return not_shown(format!("History is not shown: {e}.")),
    };
    let rev = ctx.at.as_deref().unwrap_or("HEAD");
    let tip = match repo.resolve(rev) {
        Ok(tip) => tip,
        Err(_) if ctx.at.is_none() => {
            return not_shown(
                "History is not shown: the plan's git repository has no commits yet.".into(),
            );
        }
        Err(e) => return Err(e),
    };
    let by_action = every_history(ctx, &repo, &tip)?;
    Ok(Histories::Read {
        by_action,
        tip: format!("{rev} ({})", crate::report::history::short(&tip)),
    })
}

/// What `--out` holds now.
enum Out {
    /// Nothing yet (its missing parents are made, as `mkdir -p` would), or
    /// an empty folder.
    NewOrEmpty,
    /// A site an earlier `lscb site` wrote (it holds the marker).
    EarlierSite,
}

/// The folder a site may be written to: new, empty, or an earlier site;
/// never a link, a file, the file system's root, or a folder holding the
/// plan. Checked before any work, so a refusal writes nothing.
fn check_out(dir: &Path, plan_dir: &Path) -> Result<Out> {
    let shown = dir.display();
    let found = workspace::out_folder(dir)?;
    if found == OutFolder::Missing {
        return Ok(Out::NewOrEmpty);
    }
    let canonical = std::fs::canonicalize(dir).map_err(|e| Error::io(&shown, "read", e))?;
    if std::fs::canonicalize(plan_dir).is_ok_and(|p| p.starts_with(&canonical)) {
        return Err(Error::usage(format!(
            "{shown} holds the plan folder, which the site would replace; choose another --out"
        )));
    }
    let marked = std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file());
    match (found, marked) {
        (_, true) => Ok(Out::EarlierSite),
        (OutFolder::Holds, false) => Err(Error::usage(format!(
            "{shown} is not empty and holds no earlier site (no {MARKER} file); nothing was written"
        ))
        .with_hint(
            "choose a new or empty folder for --out; lscb replaces a site folder as a whole",
        )),
        _ => Ok(Out::NewOrEmpty),
    }
}
