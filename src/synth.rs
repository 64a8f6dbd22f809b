//! A realistic synthetic plan of any size, for benchmarks, fuzzing seeds and
//! property tests: leads with aliases, `every` and `due` arrays, done dates
//! (some late), statuses, updates. Deterministic for a given seed. Pure.

use chrono::{Duration, NaiveDate};

/// A small deterministic generator (xorshift), so the crate needs no `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const ROLES: &[&str] = &[
    "Board Manager",
    "Independent Chair",
    "Training Sub Group",
    "Quality Assurance Sub Group",
    "Exploitation Sub Group",
    "Policy and Procedure Sub Group",
    "Head of Children's Social Care",
    "Designated Nurse",
    "Designated Doctor",
    "Police Detective Inspector",
    "Education Safeguarding Lead",
    "Early Help Manager",
    "Senior Information Analyst",
    "Local Authority Designated Officer",
    "Youth Offending Service Manager",
    "Probation Service Lead",
];

const VERBS: &[&str] = &[
    "Review",
    "Develop",
    "Audit",
    "Deliver",
    "Agree",
    "Publish",
    "Embed",
    "Evaluate",
    "Report on",
    "Train staff in",
];
const OBJECTS: &[&str] = &[
    "the multi-agency safeguarding guidance",
    "the child sexual exploitation risk assessment",
    "the private fostering pathway",
    "the neglect strategy",
    "the threshold document",
    "the performance data set",
    "the section 11 audit programme",
    "the learning from serious case reviews",
    "the voice of the child in child protection plans",
    "the early help offer",
];

/// The plan's files: `board.toml` first, then `N-priority.toml` per priority.
/// About `actions` actions spread over `priorities` files.
pub fn synth(priorities: usize, actions: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng(seed.max(1) | 1);
    let start = NaiveDate::from_ymd_opt(2017, 4, 1).unwrap_or_default();
    let leads = (ROLES.len() * 2).min(8 + actions / 50).max(4);
    let mut board = String::from(
        "name = \"Synthetic Local Safeguarding Children Board (generated)\"\namber_days = 30\n\n[year]\nstart = 2017-04-01\nend = 2018-03-31\n",
    );
    let lead_name = |i: usize| {
        let role = ROLES[i % ROLES.len()];
        if i < ROLES.len() {
            role.to_string()
        } else {
            format!("{role} (area {})", i / ROLES.len() + 1)
        }
    };
    for i in 0..leads {
        board.push_str(&format!(
            "\n[leads.lead-{i}]\nname = \"{}\"\n",
            lead_name(i)
        ));
        if i % 3 == 0 {
            board.push_str(&format!(
                "aliases = [\"{} (alias)\", \"Lead {i}\"]\n",
                lead_name(i)
            ));
        }
    }
    let mut files = vec![("board.toml".to_string(), board)];
    let per_priority = actions.div_ceil(priorities.max(1)).max(1);
    let mut left = actions;
    for p in 1..=priorities.max(1) {
        let here = per_priority.min(left);
        left -= here;
        let mut text = format!(
            "priority = {p}\ntitle = \"Strategic priority {p}: to improve outcomes for children in area {p}\"\nshort = \"Priority {p}\"\n"
        );
        let per_objective = 6;
        let objectives = here.div_ceil(per_objective).max(1);
        let mut made = 0;
        for o in 1..=objectives {
            text.push_str(&format!(
                "\n[[objective]]\nnumber = {o}\ntitle = \"Objective {o}: {}\"\n",
                OBJECTS[rng.below(OBJECTS.len() as u64) as usize]
            ));
            for a in 1..=per_objective {
                if made == here {
                    break;
                }
                made += 1;
                let verb = VERBS[rng.below(VERBS.len() as u64) as usize];
                let object = OBJECTS[rng.below(OBJECTS.len() as u64) as usize];
                text.push_str(&format!("\n[[action]]\nref = \"{o}.{a}\"\ndescription = \"{verb} {object}, and report to the Board\"\n"));
                let lead = rng.below(leads as u64) as usize;
                if rng.chance(20) {
                    let other = (lead + 1 + rng.below(leads as u64 - 1) as usize) % leads;
                    text.push_str(&format!(
                        "lead = [\"{}\", \"Lead {}\"]\n",
                        lead_name(lead),
                        other - other % 3
                    ));
                } else if lead.is_multiple_of(3) && rng.chance(50) {
                    text.push_str(&format!("lead = \"{} (alias)\"\n", lead_name(lead)));
                } else {
                    text.push_str(&format!("lead = \"{}\"\n", lead_name(lead)));
                }
                // Deadlines, and done dates for some of them (some late).
                let deadlines: crate::plan::Dates = match rng.below(10) {
                    0 => {
                        text.push_str("every = \"quarter\"\n");
                        crate::plan::schedule::every(
                            crate::plan::PlanYear {
                                start,
                                end: NaiveDate::from_ymd_opt(2018, 3, 31).unwrap_or_default(),
                            },
                            crate::plan::Period::Quarter,
                        )
                    }
                    1 => {
                        let m1 = 5 + rng.below(4) as u32;
                        let m2 = 10 + rng.below(3) as u32;
                        text.push_str(&format!("due = [\"2017-{m1:02}\", \"2017-{m2:02}\"]\n"));
                        [m1, m2]
                            .iter()
                            .filter_map(|&m| crate::plan::date::month_end(2017, m))
                            .collect()
                    }
                    2 => {
                        let d = start + Duration::days(rng.below(360) as i64);
                        text.push_str(&format!("due = {d}\n"));
                        smallvec::smallvec![d]
                    }
                    _ => {
                        let m = rng.below(12) as u32;
                        let (y, m) = if m < 9 { (2017, m + 4) } else { (2018, m - 8) };
                        text.push_str(&format!("due = \"{y}-{m:02}\"\n"));
                        crate::plan::date::month_end(y, m).into_iter().collect()
                    }
                };
                let met = if rng.chance(40) {
                    rng.below(deadlines.len() as u64 + 1) as usize
                } else {
                    0
                };
                if met > 0 {
                    let done: Vec<String> = deadlines[..met]
                        .iter()
                        .map(|d| (*d + Duration::days(rng.below(40) as i64 - 25)).to_string())
                        .collect();
                    text.push_str(&format!("done = [{}]\n", done.join(", ")));
                }
                match rng.below(20) {
                    0 => text.push_str(
                        "status = \"dropped\"\nnotes = \"Superseded by the regional programme\"\n",
                    ),
                    1 => text.push_str("status = \"on-hold\"\n"),
                    2 | 3 => text.push_str("status = \"in-progress\"\n"),
                    4 if met == deadlines.len() => text.push_str("status = \"complete\"\n"),
                    _ => {}
                }
                if rng.chance(25) {
                    text.push_str("tags = [\"training\", \"audit\"]\n");
                }
                if rng.chance(30) {
                    let d = start + Duration::days(rng.below(200) as i64);
                    text.push_str(&format!("\n[[action.update]]\ndate = {d}\ntext = \"Progress reported to the sub group\"\n"));
                }
            }
            if made == here {
                break;
            }
        }
        files.push((format!("{p}-priority.toml"), text));
    }
    files
}
