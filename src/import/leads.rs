//! Lead cells: where one cell names several leads, and which spellings of a
//! name are one lead. Pure.

use std::collections::HashSet;

use crate::plan::Register;

/// Separators that always part two leads: ";", " / ", a line break, a bullet.
const ALWAYS: &[char] = &[';', '\n', '•', '·', '▪', '◦'];

/// A lead cell cut at the separators that always part leads.
pub fn always_split(cell: &str) -> Vec<String> {
    cell.split(ALWAYS)
        .flat_map(|p| p.split(" / "))
        .map(|p| {
            let p = p.trim().trim_start_matches("- ").trim();
            p.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The names a document or register gives as leads on their own, by fold key.
#[derive(Clone, Debug, Default)]
pub struct Known(HashSet<String>);

impl Known {
    pub fn add(&mut self, name: &str) {
        let key = fold_key(name);
        if !key.is_empty() {
            self.0.insert(key);
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.0.contains(&fold_key(name))
    }
}

/// The leads a cell names. It is cut at ";", " / " and line breaks always; a
/// part is cut further at " and ", " & ", "," and "/" only into pieces that are
/// each a lead named on its own (in the document or the register), choosing
/// the fewest such pieces, so "Policy and Procedure Sub Group and Board
/// Manager" parts after "Sub Group" when both are known. A part that is itself
/// a lead of the register is never cut.
pub fn split_leads(cell: &str, known: &Known, register: &Register) -> Vec<String> {
    let mut out = Vec::new();
    for part in always_split(cell) {
        if register.resolve(&part).is_some() {
            out.push(part);
            continue;
        }
        match cover(&part, known) {
            Some(pieces) => out.extend(pieces),
            None => out.push(part),
        }
    }
    out
}

/// The fewest (two or more) known pieces `part` divides into at its
/// conditional separators, if any.
fn cover(part: &str, known: &Known) -> Option<Vec<String>> {
    // Segment boundaries: (end of the segment before, start of the one after).
    let lower = part.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [" and ", " & ", ",", "/"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(sep) {
            let at = from + i;
            cuts.push((at, at + sep.len()));
            from = at + sep.len();
        }
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    cuts.dedup_by(|b, a| b.0 < a.1); // overlapping separators: keep the first
    let starts: Vec<usize> = std::iter::once(0).chain(cuts.iter().map(|c| c.1)).collect();
    let ends: Vec<usize> = cuts
        .iter()
        .map(|c| c.0)
        .chain(std::iter::once(part.len()))
        .collect();
    let n = starts.len();
    // best[i]: the fewest known pieces covering segments 0..i, with where the last began.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for i in 1..=n {
        for j in 0..i {
            let Some((count, _)) = best[j] else { continue };
            // The whole part as one piece is not a division.
            if j == 0 && i == n {
                continue;
            }
            let piece = part[starts[j]..ends[i - 1]].trim();
            if known.contains(piece) && best[i].is_none_or(|(c, _)| count + 1 < c) {
                best[i] = Some((count + 1, j));
            }
        }
    }
    best[n]?;
    let mut pieces = Vec::new();
    let mut i = n;
    while i > 0 {
        let (_, j) = best[i]?;
        pieces.push(part[starts[j]..ends[i - 1]].trim().to_string());
        i = j;
    }
    pieces.reverse();
    Some(pieces)
}

/// The key under which near-duplicate spellings of a lead fall together: case,
/// spacing and punctuation aside, "&" as "and", "Sub Group", "Sub-group" and
/// "Subgroup" alike, a leading "The" dropped, and "Chair of X", "Chair X" and
/// "X Chair" alike.
pub fn fold_key(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace(['\'', '\u{2019}'], "")
        .replace('&', " and ");
    let mut words: Vec<&str> = Vec::new();
    let raw: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < raw.len() {
        match (raw[i], raw.get(i + 1).copied()) {
            ("sub", Some("group")) => {
                words.push("subgroup");
                i += 2;
            }
            ("sub", Some("groups")) => {
                words.push("subgroups");
                i += 2;
            }
            ("chairman" | "chairperson" | "chairwoman", _) => {
                words.push("chair");
                i += 1;
            }
            (w, _) => {
                words.push(w);
                i += 1;
            }
        }
    }
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    if words.len() > 1 {
        if words[0] == "chair" {
            let mut rest = &words[1..];
            if rest.first() == Some(&"of") {
                rest = &rest[1..];
            }
            if rest.first() == Some(&"the") {
                rest = &rest[1..];
            }
            return format!("chair {}", rest.join(" "));
        }
        if words.last() == Some(&"chair") {
            return format!("chair {}", words[..words.len() - 1].join(" "));
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Lead;

    fn known(names: &[&str]) -> Known {
        let mut k = Known::default();
        for n in names {
            k.add(n);
        }
        k
    }

    #[test]
    fn cells_split_where_each_piece_is_a_known_lead() {
        let known = known(&[
            "CSE Sub Group",
            "Strategic Safeguarding Service Manager",
            "Training Sub Group",
            "Policy and Procedure Sub Group",
            "Task and Finish Group",
            "Board Manager",
            "Health",
            "Police",
        ]);
        let register = Register::default();
        let cases: &[(&str, &[&str])] = &[
            (
                "CSE Sub Group and Strategic Safeguarding Service Manager",
                &["CSE Sub Group", "Strategic Safeguarding Service Manager"],
            ),
            ("Task and Finish Group", &["Task and Finish Group"]),
            (
                "Policy and Procedure Sub Group",
                &["Policy and Procedure Sub Group"],
            ),
            // Two leads whose own names hold "and".
            (
                "Policy and Procedure Sub Group and Task and Finish Group",
                &["Policy and Procedure Sub Group", "Task and Finish Group"],
            ),
            (
                "Policy and Procedure Sub Group & Board Manager",
                &["Policy and Procedure Sub Group", "Board Manager"],
            ),
            (
                "Police, Health and Board Manager",
                &["Police", "Health", "Board Manager"],
            ),
            ("Police/Health", &["Police", "Health"]),
            (
                "Senior Information Analyst; Consultant Social Worker",
                &["Senior Information Analyst", "Consultant Social Worker"],
            ),
            ("Police / Someone New", &["Police", "Someone New"]),
            ("Board Manager\nPolice", &["Board Manager", "Police"]),
            (
                "Training Sub Group and Someone Else",
                &["Training Sub Group and Someone Else"],
            ),
            (
                "Head of Service, Children's Care",
                &["Head of Service, Children's Care"],
            ),
            ("", &[]),
        ];
        for (cell, expected) in cases {
            assert_eq!(split_leads(cell, &known, &register), *expected, "{cell}");
        }
    }

    #[test]
    fn a_register_lead_is_never_cut() {
        let register = Register::new(vec![Lead {
            key: "police-and-health".into(),
            name: "Police and Health".into(),
            aliases: vec![],
        }]);
        let known = known(&["Police", "Health"]);
        assert_eq!(
            split_leads("police and health", &known, &register),
            ["police and health"]
        );
    }

    #[test]
    fn near_duplicate_spellings_share_a_fold_key() {
        let same: &[&[&str]] = &[
            &[
                "LSCB Chair",
                "Chair of LSCB",
                "Chair LSCB",
                "chair of the LSCB",
            ],
            &["Chair of the Board", "Board Chair", "Chairman of the Board"],
            &[
                "CSE Sub Group",
                "CSE Sub-group",
                "CSE Subgroup",
                "cse  sub group",
            ],
            &[
                "Policy & Procedure Sub Group",
                "Policy and Procedure Subgroup",
            ],
            &["Children's Services", "Childrens Services"],
            &["The Board Manager", "Board Manager"],
        ];
        for group in same {
            let key = fold_key(group[0]);
            for name in &group[1..] {
                assert_eq!(fold_key(name), key, "{name} / {}", group[0]);
            }
        }
        let different = [
            ("Quality Sub Group", "Quality Assurance Sub Group"),
            ("Sub Group Chairs", "Sub Group Chair"),
            (
                "Strategic Safeguarding Manager",
                "Strategic Safeguarding Service Manager",
            ),
            ("Vice Chair", "Chair"),
        ];
        for (a, b) in different {
            assert_ne!(fold_key(a), fold_key(b), "{a} / {b}");
        }
    }
}
