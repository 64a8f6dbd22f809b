//! `lscb site` and `lscb calendar`: every link of the site resolves, nothing
//! is fetched, every action has its page, the calendar is RFC 5545 with one
//! event per deadline, the output folder is only ever a site's, and hostile
//! text is inert in every page and in the calendar.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use crate::support::{copy_dir, git, json, lscb, root};

/// The example boards, each with the day their tour uses.
const BOARDS: [(&str, &str); 2] = [
    ("examples/riverside/plan", "2024-01-15"),
    ("examples/northbridge/plan", "2017-12-01"),
];

/// Runs lscb; gives (exit code, stdout, stderr).
fn run(args: &[&str], cwd: &Path) -> (i32, Vec<u8>, String) {
    let out = lscb().args(args).current_dir(cwd).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of a plan folder in a fresh temporary folder (outside any git
/// repository), as `DIR/plan`.
fn copy_of(plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join(plan), &dir.path().join("plan"));
    dir
}

/// Builds the site of `plan` as of `day` into `out`, asserting success.
fn build(plan: &Path, day: &str, out: &Path) {
    let (code, _, err) = run(
        &[
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            day,
            "site",
            "--out",
            out.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(code, 0, "{err}");
}

/// Every file under `dir`, as paths relative to it with `/` between parts.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// The attributes of an HTML page as (name, value), entities in values
/// decoded as far as the pages use them.
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("=\"") {
        let before = &rest[..at];
        let name: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[at + 2..];
        let end = after.find('"').expect("attribute closed");
        let value = after[..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        out.push((name.to_ascii_lowercase(), value));
        rest = &after[end + 1..];
    }
    out
}

/// Attributes that make a browser fetch or go somewhere.
const LINKING: [&str; 10] = [
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "background",
    "ping",
];

/// Checks every page of a site: each link or source is relative, within the
/// site, names a file that exists, and (with a `#fragment`) an id on that
/// page; nothing is fetched from anywhere (no scheme, no `//host`, no CSS
/// `url(` or `@import`). Gives how many links were followed.
fn check_links(site: &Path) -> usize {
    let all = files(site);
    let ids: HashMap<String, BTreeSet<String>> = all
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = std::fs::read_to_string(site.join(f)).unwrap();
            let ids = attributes(&html)
                .into_iter()
                .filter(|(n, _)| n == "id")
                .map(|(_, v)| v)
                .collect();
            (f.clone(), ids)
        })
        .collect();
    let mut followed = 0;
    for (page, page_ids) in &ids {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(
            !html.contains("url(") && !html.contains("@import"),
            "{page} loads something from CSS"
        );
        for (name, value) in attributes(&html) {
            if !LINKING.contains(&name.as_str()) {
                continue;
            }
            assert!(
                !value.contains(':') && !value.starts_with("//") && !value.starts_with('/'),
                "{page}: {name}=\"{value}\" leaves the site"
            );
            let (path, fragment) = match value.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (value.as_str(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                let base = Path::new(page).parent().unwrap_or(Path::new(""));
                normalise(&base.join(path))
                    .unwrap_or_else(|| panic!("{page}: {name}=\"{value}\" climbs out of the site"))
            };
            assert!(
                all.contains(&target),
                "{page}: {name}=\"{value}\" names {target}, which does not exist"
            );
            if let Some(f) = fragment {
                let there = if target == *page {
                    page_ids
                } else {
                    &ids[&target]
                };
                assert!(
                    there.contains(f),
                    "{page}: {name}=\"{value}\": no id {f} in {target}"
                );
            }
            followed += 1;
        }
    }
    followed
}

/// `a/b/../c` as `a/c`; `None` if it climbs above the start.
fn normalise(p: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[test]
fn every_internal_link_resolves_and_nothing_is_fetched() {
    for (plan, day) in BOARDS {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&root().join(plan), day, &out);
        let followed = check_links(&out);
        // The nav alone gives six links a page; a broken scanner finds none.
        assert!(followed > 200, "{plan}: only {followed} links");
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        for must in [
            "href=\"priorities/1.html\"",
            "href=\"actions/",
            "href=\"calendar.ics\"",
            "href=\"overdue.html\"",
            "<svg",
        ] {
            assert!(index.contains(must), "{plan}: index lacks {must}");
        }
    }
}

#[test]
fn the_checker_catches_a_broken_link_an_external_load_and_a_missing_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(&root().join(BOARDS[1].0), BOARDS[1].1, &out);
    let index = out.join("index.html");
    let good = std::fs::read_to_string(&index).unwrap();
    for bad in [
        "<a href=\"actions/9-9-9.html\">x</a>",
        "<img src=\"https://example.org/x.png\">",
        "<a href=\"index.html#nowhere\">x</a>",
        "<a href=\"../../etc/passwd\">x</a>",
        "<style>body{background:url(x.png)}</style>",
    ] {
        std::fs::write(&index, good.replace("<main", &format!("{bad}<main"))).unwrap();
        let caught = std::panic::catch_unwind(|| check_links(&out)).is_err();
        assert!(caught, "not caught: {bad}");
    }
}

/// The refs of `list --format json` as of a day, with their deadlines and
/// derived state.
fn actions(plan: &Path, day: &str, lead: Option<&str>) -> Vec<(String, Vec<String>, String)> {
    let mut args = vec!["--plan", plan.to_str().unwrap(), "--as-of", day, "list"];
    if let Some(l) = lead {
        args.extend(["--lead", l]);
    }
    args.extend(["--format", "json"]);
    let v = json(&args, &root(), 0);
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["ref"].as_str().unwrap().to_string(),
                a["deadlines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap().to_string())
                    .collect(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_action_priority_and_lead_has_its_page() {
    for (plan, day) in BOARDS {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&root().join(plan), day, &out);
        let all = files(&out);
        let refs = actions(&root().join(plan), day, None);
        assert!(!refs.is_empty());
        let mut pages = 0;
        for (r, _, _) in &refs {
            let page = format!("actions/{}.html", r.replace('.', "-"));
            let html = std::fs::read_to_string(out.join(&page))
                .unwrap_or_else(|_| panic!("{plan}: no page {page} for {r}"));
            assert!(html.contains(&format!("<h1>Action {r}</h1>")), "{page}");
            pages += 1;
        }
        let action_pages = all
            .iter()
            .filter(|f| f.starts_with("actions/") && *f != "actions/index.html")
            .count();
        assert_eq!(
            action_pages, pages,
            "{plan}: a page for an action not in the plan"
        );
        let leads = json(
            &["--plan", plan, "--as-of", day, "leads", "--format", "json"],
            &root(),
            0,
        );
        for l in leads.as_array().unwrap() {
            let key = l["key"].as_str().unwrap();
            let page = out.join(format!("leads/{key}.html"));
            let html = std::fs::read_to_string(&page).unwrap();
            // The lead's own checklist: every ref it leads, linked.
            for r in l["refs"].as_array().unwrap() {
                let r = r.as_str().unwrap();
                assert!(
                    html.contains(&format!(
                        "<a href=\"../actions/{}.html\">{r}</a>",
                        r.replace('.', "-")
                    )),
                    "{key} lacks {r}"
                );
            }
            assert!(out.join(format!("leads/{key}.ics")).is_file());
        }
        for n in 1..=3 {
            assert!(all.contains(&format!("priorities/{n}.html")), "{plan}");
        }
        for f in [
            "index.html",
            "overdue.html",
            "actions/index.html",
            "calendar.ics",
            ".lscb-site",
        ] {
            assert!(all.contains(f), "{plan}: no {f}");
        }
    }
}

#[test]
fn an_action_page_shows_moves_as_planned_dated_updates_and_what_each_records() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(&root().join("examples/riverside/plan"), "2024-01-15", &out);
    // Dates never break over lines (non-breaking spaces); read them as text.
    let html = std::fs::read_to_string(out.join("actions/2-1-1.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    for must in [
        "<th scope=\"col\">As planned</th>",
        "<th scope=\"row\">31 May 2024</th><td>31 Jul 2023</td>",
        "deadline Oct 2023 -&gt; May 2024",
        "status in-progress",
        "<h2>History of action 2.1.1</h2>",
    ] {
        assert!(html.contains(must), "no {must} in\n{html}");
    }
    // Progress after the day is not shown yet.
    assert!(!html.contains("19 Mar 2024"), "{html}");
    // RAG in words as well as colour, and a link to each lead's page.
    assert!(html.contains("<td class=\"rag green\">Green</td>"));
    assert!(html.contains("href=\"../leads/independent-chair.html\""));
    let index = std::fs::read_to_string(out.join("index.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    // Overdue with its latest update on or before the day.
    assert!(
        index.contains("<th scope=\"col\">Latest update</th>"),
        "{index}"
    );
    assert!(
        index.contains("12 Dec 2023: The Q3 dashboard will not be ready"),
        "{index}"
    );
    assert!(
        !index.contains("--since"),
        "the pack's advice for the command line"
    );
    // A priority's tables give the latest update where a row has one (red
    // and amber actions), and no empty column where none has.
    let p4 = std::fs::read_to_string(out.join("priorities/4.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(
        p4.contains("12 Dec 2023: The Q3 dashboard will not be ready"),
        "{p4}"
    );
    let p2 = std::fs::read_to_string(out.join("priorities/2.html")).unwrap();
    assert!(!p2.contains("Latest update"), "{p2}");
}

/// One iCalendar event, as the checker read it.
#[derive(Debug)]
struct Event {
    uid: String,
    start: NaiveDate,
    summary: String,
    description: String,
}

/// Checks iCalendar text strictly against RFC 5545 as lscb uses it, and
/// gives its events: CRLF line ends only; at most 75 octets a line; folded
/// lines unfold (CRLF then one space or tab); every content line is
/// `NAME[;PARAM=VALUE]*:VALUE`; BEGIN and END nest, with one VCALENDAR
/// holding VERSION:2.0 and a PRODID; every VEVENT has one UID, DTSTAMP
/// (UTC date-time), DTSTART;VALUE=DATE and DTEND;VALUE=DATE the day after;
/// TEXT escapes only `\\` `\;` `\,` `\n`, with no bare `;` or `,`.
fn check_ics(bytes: &[u8]) -> Vec<Event> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    for l in &physical {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "a bare line break: {l:?}"
        );
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        assert!(!l.is_empty(), "an empty line");
        assert!(
            !l.trim_start().starts_with("::"),
            "a workflow command: {l:?}"
        );
    }
    let mut lines: Vec<String> = Vec::new();
    for l in physical {
        match l.strip_prefix(' ').or_else(|| l.strip_prefix('\t')) {
            Some(rest) => lines.last_mut().expect("a first line").push_str(rest),
            None => lines.push(l.to_string()),
        }
    }
    let mut stack: Vec<String> = Vec::new();
    let mut events = Vec::new();
    let mut props: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut calendar: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut seen_calendar = false;
    for l in &lines {
        let (head, value) = l.split_once(':').unwrap_or_else(|| panic!("no colon: {l}"));
        let mut parts = head.split(';');
        let name = parts.next().unwrap();
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "a bad name: {l}"
        );
        for p in parts {
            let (k, v) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("a bad parameter: {l}"));
            assert!(!k.is_empty() && !v.is_empty(), "{l}");
        }
        match name {
            "BEGIN" => {
                if stack.is_empty() {
                    assert_eq!(value, "VCALENDAR");
                    assert!(!seen_calendar, "one VCALENDAR");
                    seen_calendar = true;
                } else {
                    assert_eq!(
                        (stack.as_slice(), value),
                        (&["VCALENDAR".to_string()][..], "VEVENT")
                    );
                    props.clear();
                }
                stack.push(value.to_string());
            }
            "END" => {
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(value),
                    "END:{value} out of order"
                );
                if value == "VEVENT" {
                    events.push(event(&props));
                }
            }
            _ => {
                let target = match stack.last().map(String::as_str) {
                    Some("VEVENT") => &mut props,
                    Some("VCALENDAR") => &mut calendar,
                    _ => panic!("a property outside any component: {l}"),
                };
                target
                    .entry(head.to_string())
                    .or_default()
                    .push(value.to_string());
            }
        }
    }
    assert!(stack.is_empty() && seen_calendar, "unclosed: {stack:?}");
    assert_eq!(calendar.get("VERSION"), Some(&vec!["2.0".to_string()]));
    assert_eq!(calendar.get("PRODID").map(Vec::len), Some(1));
    events
}

fn event(props: &BTreeMap<String, Vec<String>>) -> Event {
    let one = |k: &str| -> &str {
        let v = props
            .get(k)
            .unwrap_or_else(|| panic!("no {k} in {props:?}"));
        assert_eq!(v.len(), 1, "{k} twice");
        &v[0]
    };
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y%m%d").unwrap();
    let stamp = one("DTSTAMP");
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").is_ok(),
        "DTSTAMP {stamp}"
    );
    let start = date(one("DTSTART;VALUE=DATE"));
    let end = date(one("DTEND;VALUE=DATE"));
    assert_eq!(
        end,
        start.succ_opt().unwrap(),
        "an all-day event ends the next day"
    );
    Event {
        uid: unescape(one("UID")),
        start,
        summary: unescape(one("SUMMARY")),
        description: unescape(one("DESCRIPTION")),
    }
}

/// A TEXT value unescaped; a bare `;` or `,` or an unknown escape fails.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("a bad escape \\{other:?} in {v}"),
            },
            ';' | ',' => panic!("a bare {c} in {v}"),
            c => out.push(c),
        }
    }
    out
}

fn calendar(plan: &Path, day: &str, extra: &[&str]) -> (i32, Vec<u8>, String) {
    let mut args = vec!["--plan", plan.to_str().unwrap(), "--as-of", day, "calendar"];
    args.extend(extra);
    run(&args, &root())
}

#[test]
fn the_calendar_has_one_event_per_deadline_of_every_action_not_dropped() {
    for (plan, day) in BOARDS {
        let plan = root().join(plan);
        let (code, ics, err) = calendar(&plan, day, &[]);
        assert_eq!(code, 0, "{err}");
        let events = check_ics(&ics);
        let board = match plan.ends_with("examples/riverside/plan") {
            true => "riverside-safeguarding-adults-board-fictional",
            false => "northbridge-local-safeguarding-children-board-fictional",
        };
        let mut expected = BTreeSet::new();
        let mut dropped = 0;
        for (r, deadlines, status) in actions(&plan, day, None) {
            if status == "dropped" {
                dropped += 1;
                continue;
            }
            for (i, d) in deadlines.iter().enumerate() {
                expected.insert((format!("{r}-{}@{board}", i + 1), d.clone()));
            }
        }
        assert!(dropped > 0, "the example has a dropped action to leave out");
        let got: BTreeSet<(String, String)> = events
            .iter()
            .map(|e| (e.uid.clone(), e.start.to_string()))
            .collect();
        assert_eq!(got.len(), events.len(), "UIDs are unique");
        assert_eq!(got, expected);
        for e in &events {
            let r = e.uid.split('-').next().unwrap();
            assert!(e.summary.starts_with(&format!("{r} ")), "{e:?}");
            assert!(e.description.starts_with("Lead: "), "{e:?}");
            assert!(e.description.contains("\nAction: "), "{e:?}");
        }
        // Stable from run to run: the same bytes, DTSTAMP included.
        let (_, again, _) = calendar(&plan, day, &[]);
        assert_eq!(ics, again);
        let stamp = format!("DTSTAMP:{}T000000Z\r\n", day.replace('-', ""));
        assert!(String::from_utf8_lossy(&ics).contains(&stamp));
    }
}

#[test]
fn a_moved_deadline_is_dated_as_it_stood_on_the_day() {
    let plan = root().join("examples/riverside/plan");
    let on = |day: &str| -> Vec<NaiveDate> {
        let (_, ics, _) = calendar(&plan, day, &[]);
        check_ics(&ics)
            .into_iter()
            .filter(|e| e.uid.starts_with("2.1.1-1@"))
            .map(|e| e.start)
            .collect()
    };
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(on("2023-05-01"), [d("2023-07-31")]);
    assert_eq!(on("2023-07-01"), [d("2023-10-31")]);
    assert_eq!(on("2024-01-15"), [d("2024-05-31")]);
}

#[test]
fn calendar_lead_takes_only_that_leads_actions() {
    let plan = root().join("examples/riverside/plan");
    let day = "2024-01-15";
    // Any name of the lead: the register's alias here.
    let (code, ics, err) = calendar(&plan, day, &["--lead", "sab chair"]);
    assert_eq!(code, 0, "{err}");
    let events = check_ics(&ics);
    let mine: BTreeSet<String> = actions(&plan, day, Some("Independent Chair"))
        .into_iter()
        .filter(|(_, _, s)| s != "dropped")
        .map(|(r, _, _)| r)
        .collect();
    let got: BTreeSet<String> = events
        .iter()
        .map(|e| e.uid.split('-').next().unwrap().to_string())
        .collect();
    assert!(!got.is_empty());
    assert_eq!(got, mine);
    let (_, all, _) = calendar(&plan, day, &[]);
    assert!(check_ics(&all).len() > events.len());
    assert!(
        String::from_utf8_lossy(&ics)
            .replace("\r\n ", "")
            .contains("deadlines for Independent Chair")
    );

    let (code, out, err) = calendar(&plan, day, &["--lead", "Nobody At All"]);
    assert_eq!((code, out.is_empty()), (2, true), "{err}");
    assert!(err.contains("no lead named \"Nobody At All\""), "{err}");
}

#[test]
fn calendar_output_goes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deadlines.ics");
    let plan = root().join("examples/northbridge/plan");
    let (code, out, err) = calendar(&plan, "2017-12-01", &["-o", file.to_str().unwrap()]);
    assert_eq!((code, out.is_empty()), (0, true), "{err}");
    let (_, stdout, _) = calendar(&plan, "2017-12-01", &[]);
    assert_eq!(std::fs::read(&file).unwrap(), stdout);
    let site = dir.path().join("site");
    build(&plan, "2017-12-01", &site);
    assert_eq!(std::fs::read(site.join("calendar.ics")).unwrap(), stdout);
}

fn site(plan: &Path, out: &Path) -> (i32, String) {
    let (code, _, err) = run(
        &[
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            "2017-12-01",
            "site",
            "--out",
            out.to_str().unwrap(),
        ],
        &root(),
    );
    (code, err)
}

#[test]
fn site_refuses_a_folder_it_did_not_write_and_replaces_its_own() {
    let plan = root().join("examples/northbridge/plan");
    let dir = tempfile::tempdir().unwrap();

    // Someone's folder: refused, untouched.
    let theirs = dir.path().join("docs");
    std::fs::create_dir_all(theirs.join("notes")).unwrap();
    std::fs::write(theirs.join("notes/minutes.txt"), "keep me").unwrap();
    let (code, err) = site(&plan, &theirs);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not empty and holds no earlier site"), "{err}");
    assert_eq!(
        files(&theirs),
        BTreeSet::from(["notes/minutes.txt".to_string()])
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written beside it"
    );

    // A file, and a link to a folder: refused.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(site(&plan, &file).0, 2);
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        let empty = dir.path().join("empty-target");
        std::fs::create_dir(&empty).unwrap();
        std::os::unix::fs::symlink(&empty, &link).unwrap();
        let (code, err) = site(&plan, &link);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is a link"), "{err}");
        assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0);
    }

    // A new folder, then its own output again: replaced whole, keeping a
    // custom domain and hidden files; a stale page goes.
    let out = dir.path().join("site");
    let (code, err) = site(&plan, &out);
    assert_eq!(code, 0, "{err}");
    let first = files(&out);
    std::fs::write(out.join("actions/9-9-9.html"), "stale").unwrap();
    std::fs::write(out.join("CNAME"), "plan.example.org\n").unwrap();
    std::fs::write(out.join(".nojekyll"), "").unwrap();
    let (code, err) = site(&plan, &out);
    assert_eq!(code, 0, "{err}");
    let mut expected = first.clone();
    expected.extend(["CNAME".to_string(), ".nojekyll".to_string()]);
    assert_eq!(files(&out), expected);
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "plan.example.org\n"
    );

    // An empty folder is fine.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(site(&plan, &empty).0, 0);
    assert_eq!(files(&empty), first);
}

#[test]
fn the_site_never_replaces_the_folder_holding_the_plan() {
    let dir = copy_of("tests/fixtures/minimal");
    // Even marked as a site.
    std::fs::write(dir.path().join(".lscb-site"), "").unwrap();
    let (code, err) = site(&dir.path().join("plan"), dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds the plan folder"), "{err}");
    assert!(dir.path().join("plan/board.toml").is_file());
}

#[test]
fn an_action_page_says_when_there_is_no_history_and_shows_it_from_git() {
    // Outside git: said on each action page, and once on stderr.
    let dir = copy_of("tests/fixtures/minimal");
    let plan = dir.path().join("plan");
    let out = dir.path().join("site");
    let (code, err) = site(&plan, &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not in a git repository"), "{err}");
    let html = std::fs::read_to_string(out.join("actions/1-1-1.html")).unwrap();
    assert!(
        html.contains("The plan folder is not in a git repository, so the history of its actions is not shown."),
        "{html}"
    );

    // In git: each commit that changed the action.
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "plan"]);
    git(dir.path(), &["commit", "-q", "-m", "The plan as agreed"]);
    let (code, _, err) = run(
        &[
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            "2017-06-10",
            "reschedule",
            "1.1.1",
            "2017-07",
            "--reason",
            "Waiting for the audit",
        ],
        &root(),
    );
    assert_eq!(code, 0, "{err}");
    git(dir.path(), &["commit", "-q", "-am", "Move 1.1.1 to July"]);
    std::fs::remove_dir_all(&out).unwrap();
    let (code, err) = site(&plan, &out);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(out.join("actions/1-1-1.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    for must in [
        "<h2>History of action 1.1.1</h2>",
        "up to HEAD (",
        "action added: Do the thing",
        "deadline moved from 31 May 2017 to 31 Jul 2017 (+61 days)",
        "Deadline moved 1 time, 61 days in all.",
    ] {
        assert!(html.contains(must), "no {must} in\n{html}");
    }
    check_links(&out);

    // --since: the index says what changed since the last meeting.
    let since = dir.path().join("since");
    let (code, _, err) = run(
        &[
            "--plan",
            plan.to_str().unwrap(),
            "--as-of",
            "2017-12-01",
            "site",
            "--out",
            since.to_str().unwrap(),
            "--since",
            "HEAD~1",
        ],
        &root(),
    );
    assert_eq!(code, 0, "{err}");
    let index = std::fs::read_to_string(since.join("index.html"))
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(
        index.contains("<h2>Changed since the last meeting</h2>"),
        "{index}"
    );
    assert!(
        index.contains("deadline moved from 31 May 2017 to 31 Jul 2017"),
        "{index}"
    );
    check_links(&since);
}

/// Text a terminal would obey, HTML a browser would run, and a lead whose
/// key would climb out of the site's folder.
const HOSTILE: &str = "Own \u{1b}]0;pwned\u{7}\u{1b}[2J <script>alert(1)</script> <img src=x onerror=alert(2)> \u{202e}desrever, a;b\\c\n::error::forged";

#[test]
fn hostile_text_is_inert_in_every_page_and_in_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    std::fs::create_dir_all(&plan).unwrap();
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\u{1b}', "\\u001B")
            .replace('\u{7}', "\\u0007")
            .replace('\n', "\\n")
    };
    std::fs::write(
        plan.join("board.toml"),
        format!(
            "name = \"{}\"\n\n[year]\nstart = 2017-04-01\nend = 2018-03-31\n\n[leads.\"../../../escape\"]\nname = \"{}\"\n\n[leads.\"con\"]\nname = \"Console\"\n\n[leads.\"con.\"]\nname = \"Console Two\"\n",
            esc(HOSTILE),
            esc(&format!("Lead {HOSTILE}")),
        ),
    )
    .unwrap();
    std::fs::write(
        plan.join("1-p.toml"),
        format!(
            "priority = 1\ntitle = \"{t}\"\nshort = \"{t}\"\n\n[[objective]]\nnumber = 1\ntitle = \"{t}\"\n\n[[action]]\nref = \"1.1\"\ndescription = \"{t}\"\nlead = [\"../../../escape\", \"con\", \"con.\"]\ndue = \"2017-05\"\nimpact = \"{t}\"\n\n[[action.update]]\ndate = 2017-06-01\ntext = \"{t}\"\n",
            t = esc(HOSTILE)
        ),
    )
    .unwrap();
    let out = dir.path().join("out/site");
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    let (code, err) = site(&plan, &out);
    assert_eq!(code, 0, "{err}");

    // Nothing written outside the site's folder; lead files named safely.
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        1
    );
    assert!(!dir.path().join("escape.html").exists());
    let all = files(&out);
    for f in &all {
        assert!(
            f.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-./".contains(c)),
            "{f}"
        );
    }
    for f in [
        "leads/escape.html",
        "leads/con-lead.html",
        "leads/con-lead-2.html",
    ] {
        assert!(all.contains(f), "no {f} in {all:?}");
    }
    check_links(&out);

    for f in &all {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        for c in text.chars() {
            let bad = (c.is_control() && c != '\n' && c != '\r')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            assert!(!bad, "{f}: raw {c:?}");
        }
        if f.ends_with(".html") {
            assert!(text.contains("&lt;script&gt;alert(1)"), "{f} lost the text");
            assert!(
                !text.contains("<script>alert"),
                "{f} runs the plan's script"
            );
            assert!(!text.contains("<img"), "{f} loads the plan's image");
            // The only script is lscb's own filter, on the pages that ask.
            for s in text.split("<script>").skip(1) {
                assert!(s.starts_with("\n(function () {"), "{f}: {s}");
            }
        }
        for line in text.lines() {
            assert!(!line.trim_start().starts_with("::"), "{f}: {line}");
        }
    }
    let (code, ics, err) = calendar(&plan, "2017-12-01", &[]);
    assert_eq!(code, 0, "{err}");
    let events = check_ics(&ics);
    assert_eq!(events.len(), 1);
    assert!(events[0].summary.contains("␛]0;pwned␇"), "{:?}", events[0]);
    assert!(events[0].summary.contains("a;b\\c"), "{:?}", events[0]);
    assert_eq!(std::fs::read(out.join("calendar.ics")).unwrap(), ics);
}

#[test]
fn a_new_folder_is_made_with_its_parents_and_an_invalid_plan_writes_nothing() {
    let dir = copy_of("tests/fixtures/minimal");
    let out = dir.path().join("public/plan/site");
    let (code, err) = site(&dir.path().join("plan"), &out);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("index.html").is_file());
    // An invalid plan: exit 1, and no folder, not even the ones above it.
    let bad = copy_of("tests/fixtures/invalid/unknown-lead");
    let out = bad.path().join("public/site");
    let (code, err) = site(&bad.path().join("plan"), &out);
    assert_eq!(code, 1, "{err}");
    assert!(!bad.path().join("public").exists());
}

#[test]
fn the_readme_calendar_example_is_real() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let command = "$ lscb --plan tests/fixtures/minimal --as-of 2017-05-01 calendar\n";
    let start = readme.find(command).expect("the example") + command.len();
    let end = start + readme[start..].find("```").unwrap();
    let (code, out, err) = run(
        &[
            "--plan",
            "tests/fixtures/minimal",
            "--as-of",
            "2017-05-01",
            "calendar",
        ],
        &root(),
    );
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).unwrap();
    check_ics(out.as_bytes());
    assert_eq!(out.replace("\r\n", "\n"), readme[start..end]);
}

#[test]
fn the_calendar_event_in_docs_site_md_is_real() {
    let doc = std::fs::read_to_string(root().join("docs/site.md")).unwrap();
    let start = doc.find("BEGIN:VEVENT\n").expect("the example");
    let end = start + doc[start..].find("END:VEVENT\n").unwrap() + "END:VEVENT\n".len();
    let (code, out, err) = calendar(&root().join("examples/riverside/plan"), "2024-01-15", &[]);
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).unwrap().replace("\r\n", "\n");
    assert!(out.contains(&doc[start..end]), "{}", &doc[start..end]);
}
