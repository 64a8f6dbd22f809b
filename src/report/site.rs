//! `lscb site`: the plan as a static web site for board members, partner
//! agencies, inspectors and leads. Each page is a document built from the
//! other reports (the pack for the index, `show` and `history` for an action,
//! `list` for priorities and leads); this module chooses the pages, their
//! paths and what links to what.
//!
//! Paths are stable from run to run and made only of digits, lower-case
//! letters and hyphens, whatever the plan says: `index.html`, `overdue.html`,
//! `actions/index.html`, `actions/1-2-3.html`, `priorities/1.html`,
//! `leads/KEY.html` and `leads/KEY.ics` (KEY from the register's key),
//! `calendar.ics`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::calendar;
use super::history::{self, History};
use super::list::{self, ActionRow, Commentaries, Filter};
use super::overdue;
use super::pack::{self, LastMeeting};
use super::show;
use super::summary;
use crate::doc::{Block, Document, Link, Names, Page, Section, Site, human_date, plural, slug};
use crate::plan::{Action, ActionState, Plan, Priority, Progress, Ref};

/// The actions' history from git, or why there is none.
pub enum Histories {
    /// Every action's history, read up to a commit (named for people).
    Read {
        by_action: HashMap<Ref, History>,
        tip: String,
    },
    /// Why no history is shown ("the plan folder is not in a git repository").
    NotShown(String),
}

/// What the site is built from.
pub struct Input<'p> {
    pub plan: &'p Plan,
    pub as_of: NaiveDate,
    pub next_meeting: NaiveDate,
    pub last: Option<LastMeeting<'p>>,
    /// Why nothing is compared with the last meeting, when `--since` names a
    /// day before the plan's history.
    pub since_note: Option<String>,
    pub histories: Histories,
    /// The last line of every page.
    pub footer: String,
}

pub const INDEX: &str = "index.html";
pub const OVERDUE: &str = "overdue.html";
pub const ACTIONS: &str = "actions/index.html";
pub const CALENDAR: &str = "calendar.ics";

/// An action's page: `actions/1-2-3.html`.
pub fn action_path(r: Ref) -> String {
    format!("actions/{}-{}-{}.html", r.priority, r.objective, r.action)
}

/// A priority's page: `priorities/2.html`.
pub fn priority_path(number: u32) -> String {
    format!("priorities/{number}.html")
}

/// Each lead's file name (without extension), in register order: the slug of
/// its key (else of its name, else `lead`), at most 60 characters, never a
/// name Windows reserves, and unique (`-2`, `-3`, ... after a repeat).
pub fn lead_slugs(plan: &Plan) -> Vec<String> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let mut seen = HashSet::new();
    plan.board
        .register
        .leads
        .iter()
        .map(|l| {
            let mut base = [slug(&l.key), slug(&l.name)]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_else(|| "lead".to_string());
            if base.len() > 60 {
                base.truncate(60);
                base = base.trim_end_matches('-').to_string();
            }
            if RESERVED.contains(&base.as_str()) {
                base.push_str("-lead");
            }
            let mut chosen = base.clone();
            let mut n = 1;
            while !seen.insert(chosen.clone()) {
                n += 1;
                chosen = format!("{base}-{n}");
            }
            chosen
        })
        .collect()
}

/// The whole site.
pub fn site<'p>(input: &'p Input<'p>) -> Site<'p> {
    let plan = input.plan;
    let as_of = input.as_of;
    let slugs = lead_slugs(plan);
    // Each lead's actions, in ref order (one pass over the plan).
    let mut by_lead: Vec<Vec<(&Priority, &Action)>> =
        vec![Vec::new(); plan.board.register.leads.len()];
    for (p, a) in plan.actions() {
        for &i in &a.leads {
            if let Some(mine) = by_lead.get_mut(i) {
                mine.push((p, a));
            }
        }
    }
    let leading = |i: usize| by_lead.get(i).is_some_and(|m| !m.is_empty());

    let mut links = HashMap::new();
    for (_, a) in plan.actions() {
        links.insert((Names::Action, a.r#ref.to_string()), action_path(a.r#ref));
    }
    for p in &plan.priorities {
        links.insert(
            (Names::Priority, summary::label(p.number, p.label())),
            priority_path(p.number),
        );
    }
    for (i, l) in plan.board.register.leads.iter().enumerate() {
        if leading(i) {
            links.insert(
                (Names::Lead, l.name.clone()),
                format!("leads/{}.html", slugs[i]),
            );
        }
    }

    let home = Link::new("Home", INDEX);
    let mut pages = vec![index(input), overdue_page(input), all_actions(plan, as_of)];
    let figures = summary::summary(plan, as_of);
    for p in &plan.priorities {
        pages.push(priority_page(plan, p, &figures, as_of));
    }
    let mut calendars = vec![(CALENDAR.to_string(), calendar::calendar(plan, as_of, None))];
    for (i, l) in plan.board.register.leads.iter().enumerate() {
        if !leading(i) {
            continue;
        }
        let ics = format!("leads/{}.ics", slugs[i]);
        let mut page = lead_page(plan, i, &by_lead[i], as_of);
        page.path = format!("leads/{}.html", slugs[i]);
        page.trail = vec![home.clone(), Link::new("Leads", "index.html#by-lead")];
        page.related = vec![Link::new(
            format!(
                "{}'s deadlines as a calendar to subscribe to ({ics})",
                l.name
            ),
            ics.clone(),
        )];
        pages.push(page);
        let name = calendar::name(plan, Some(i));
        let cal = calendar::of_actions(plan, as_of, name, by_lead[i].iter().copied());
        calendars.push((ics, cal));
    }
    for (p, a) in plan.actions() {
        let mut page = action_page(input, p, a);
        page.related = a
            .leads
            .iter()
            .filter_map(|&i| {
                let l = plan.board.register.leads.get(i)?;
                Some(Link::new(
                    format!("Led by {}: all their actions", l.name),
                    format!("leads/{}.html", slugs.get(i)?),
                ))
            })
            .collect();
        pages.push(page);
    }
    Site {
        name: plan.board.name.clone(),
        nav: vec![
            home,
            Link::new("Priorities", "index.html#rag-by-priority"),
            Link::new("Leads", "index.html#by-lead"),
            Link::new("All actions", ACTIONS),
            Link::new("Overdue", OVERDUE),
            Link::new("Calendar (.ics)", CALENDAR),
        ],
        pages,
        calendars,
        links,
        footer: input.footer.clone(),
    }
}

/// The index: the meeting pack's sections (headline figures, RAG by priority
/// linking each priority's page, the quarters chart, overdue with the latest
/// update, due before the next meeting, since the last meeting when
/// `--since` names it, dropped actions and why, actions by lead linking each
/// lead's page).
fn index<'p>(input: &Input<'p>) -> Page<'p> {
    let plan = input.plan;
    let last = input.last.as_ref().map(|l| LastMeeting {
        label: l.label.clone(),
        day: l.day,
        plan: l.plan,
    });
    let mut p = pack::pack(plan, input.as_of, input.next_meeting, last);
    p.since_note = input.since_note.clone();
    let mut doc = pack::document(&p);
    doc.title = Some(plan.board.name.clone());
    doc.subtitle = Some(format!(
        "Business plan {} to {}. Figures as of {}; next meeting {}.",
        human_date(plan.board.year.start),
        human_date(plan.board.year.end),
        human_date(input.as_of),
        human_date(input.next_meeting)
    ));
    doc.footer = None;
    Page {
        path: INDEX.into(),
        // The pack's tables are made from its rows, which end here: held,
        // with their own copy of the text (one page).
        doc: doc.into_owned(),
        related: vec![Link::new(
            "Every deadline as a calendar to subscribe to (calendar.ics)",
            CALENDAR,
        )],
        ..Page::default()
    }
}

fn overdue_page<'p>(input: &Input<'p>) -> Page<'p> {
    let report = overdue::overdue(input.plan, &Filter::default(), input.as_of);
    let mut doc = Document {
        title: Some(format!("Overdue actions as of {}", human_date(input.as_of))),
        subtitle: Some(
            "Most overdue first, each with its latest update. An action is overdue when a \
             deadline has passed without a done date; dropped actions are never overdue."
                .into(),
        ),
        ..Document::default()
    };
    doc.sections.push(Section {
        name: Some("Overdue".into()),
        blocks: overdue::held_blocks(&report.rows, report.considered, report.as_of),
        ..Section::default()
    });
    Page {
        path: OVERDUE.into(),
        doc,
        trail: vec![Link::new("Home", INDEX)],
        filter: !report.rows.is_empty(),
        ..Page::default()
    }
}

fn all_actions(plan: &Plan, as_of: NaiveDate) -> Page<'_> {
    let rows = list::rows(plan, &Filter::default(), as_of);
    let mut doc = list::held_document(&rows, as_of);
    doc.title = Some("All actions".into());
    doc.subtitle = Some(format!(
        "Every action of the plan in ref order, as of {}.",
        human_date(as_of)
    ));
    Page {
        path: ACTIONS.into(),
        doc,
        trail: vec![Link::new("Home", INDEX)],
        filter: true,
        ..Page::default()
    }
}

/// A priority: its figures, then each objective with its actions.
fn priority_page<'p>(
    plan: &'p Plan,
    p: &'p Priority,
    s: &summary::Summary,
    as_of: NaiveDate,
) -> Page<'p> {
    let mut doc = Document {
        title: Some(format!("Priority {}: {}", p.number, p.label())),
        subtitle: Some(p.title.clone()),
        ..Document::default()
    };
    if let Some(mine) = s.priorities.iter().find(|x| x.priority == p.number) {
        let [counts, rag] = summary::headline(&mine.counts);
        doc.section(format!("Figures as of {}", human_date(as_of)))
            .name("Figures")
            .list(vec![counts, rag]);
    }
    let rows: Vec<ActionRow<'_>> = p
        .actions
        .iter()
        .map(|a| ActionRow::new(plan, p, a, &Progress::of(a, as_of, plan.board.amber_days)))
        .collect();
    for o in &p.objectives {
        let mine: Vec<ActionRow<'_>> = rows
            .iter()
            .filter(|r| r.objective == o.number)
            .cloned()
            .collect();
        let s = doc.section(format!("Objective {}.{}: {}", p.number, o.number, o.title));
        s.name(format!("Objective {}", o.number));
        if mine.is_empty() {
            s.paragraph("No actions.");
        } else {
            s.table(list::held_table(&mine, commentaries(&mine)));
        }
    }
    Page {
        path: priority_path(p.number),
        doc,
        name: Some(format!("Priority {}", p.number)),
        trail: vec![
            Link::new("Home", INDEX),
            Link::new("Priorities", "index.html#rag-by-priority"),
        ],
        ..Page::default()
    }
}

/// A lead's own checklist: what is open (overdue first, then by the next
/// deadline), what is complete, what was dropped.
fn lead_page<'p>(
    plan: &'p Plan,
    lead: usize,
    actions: &[(&'p Priority, &'p Action)],
    as_of: NaiveDate,
) -> Page<'p> {
    let l = &plan.board.register.leads[lead];
    let mut open: Vec<(Option<NaiveDate>, ActionRow<'_>)> = Vec::new();
    let mut complete = Vec::new();
    let mut dropped = Vec::new();
    for &(p, a) in actions {
        let progress = Progress::of(a, as_of, plan.board.amber_days);
        let row = ActionRow::new(plan, p, a, &progress);
        match progress.state {
            ActionState::Complete => complete.push(row),
            ActionState::Dropped => dropped.push(row),
            _ => open.push((progress.next_due(), row)),
        }
    }
    open.sort_by_key(|(due, row)| (due.is_none(), *due, row.r#ref));
    let open: Vec<ActionRow<'_>> = open.into_iter().map(|(_, r)| r).collect();
    let mut subtitle = format!(
        "{} led by {}, alone or jointly, as of {}.",
        plural(
            open.len() + complete.len() + dropped.len(),
            "action",
            "actions"
        ),
        l.name,
        human_date(as_of)
    );
    if !l.aliases.is_empty() {
        subtitle.push_str(&format!(" Also named: {}.", l.aliases.join("; ")));
    }
    let mut doc = Document {
        title: Some(l.name.clone()),
        subtitle: Some(subtitle),
        ..Document::default()
    };
    for (heading, name, rows, none) in [
        (
            format!("To do ({}): the next deadline first", open.len()),
            "To do",
            &open,
            "Nothing open.",
        ),
        (
            format!("Complete ({})", complete.len()),
            "Complete",
            &complete,
            "None yet.",
        ),
        (
            format!("Dropped ({})", dropped.len()),
            "Dropped",
            &dropped,
            "None.",
        ),
    ] {
        let s = doc.section(heading);
        s.name(name);
        if rows.is_empty() {
            s.paragraph(none);
        } else {
            s.table(list::held_table(rows, commentaries(rows)));
        }
    }
    Page {
        doc,
        ..Page::default()
    }
}

/// A "Latest update" column where a row has one to show (a red or amber
/// action's latest update, a dropped one's notes), not an empty one.
fn commentaries(rows: &[ActionRow<'_>]) -> Commentaries {
    if rows.iter().any(|r| r.commentary.is_some()) {
        Commentaries::Shown
    } else {
        Commentaries::Hidden
    }
}

/// An action in full (`show`): its facts, deadlines (with "as planned" where
/// one moved), done dates and dated updates; then its history from git.
fn action_page<'p>(input: &'p Input<'p>, p: &'p Priority, action: &'p Action) -> Page<'p> {
    let plan = input.plan;
    let r = action.r#ref;
    let detail = show::detail(plan, p, action, input.as_of);
    let mut doc = show::document(&detail);
    doc.title = Some(format!("Action {r}"));
    doc.subtitle = Some(action.description.clone());
    match &input.histories {
        Histories::Read { by_action, tip } => match by_action.get(&r) {
            Some(h) => {
                let mut history = history::document(h);
                if let Some(s) = history.sections.first_mut() {
                    s.blocks.insert(
                        0,
                        Block::Paragraph(format!(
                            "Every commit that changed this action, oldest first, up to {tip}."
                        )),
                    );
                }
                doc.sections.extend(history.sections);
            }
            None => {
                doc.section(format!("History of action {r}"))
                    .name("History")
                    .paragraph(format!(
                        "No commit up to {tip} holds this action yet: it has not been committed."
                    ));
            }
        },
        Histories::NotShown(why) => {
            doc.section(format!("History of action {r}"))
                .name("History")
                .paragraph(why.clone());
        }
    }
    Page {
        path: action_path(r),
        doc,
        trail: vec![
            Link::new("Home", INDEX),
            Link::new(
                format!("Priority {}: {}", p.number, p.label()),
                priority_path(p.number),
            ),
        ],
        ..Page::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_of_digits_letters_and_hyphens() {
        let r = Ref {
            priority: 12,
            objective: 3,
            action: 40,
        };
        assert_eq!(action_path(r), "actions/12-3-40.html");
        assert_eq!(priority_path(7), "priorities/7.html");
    }
}
