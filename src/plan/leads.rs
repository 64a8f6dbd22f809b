//! The register of leads, and resolving the names a plan uses to its entries.

/// One lead of the register: `[leads.KEY]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
}

impl Lead {
    /// Every way to name this lead: key, name, aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        [self.key.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// The register, in file order, with an index of every spelling (matching a
/// name is a hash lookup, not a scan: plans name leads tens of thousands of times).
/// The maps hash with foldhash (see `plan::load::priority`).
#[derive(Clone, Debug, Default)]
pub struct Register {
    pub leads: Vec<Lead>,
    index: foldhash::HashMap<String, usize>,
    /// Each spelling as the register writes it, to the same lead `index`
    /// gives: a plan mostly writes names as the register does, and finding
    /// them needs no normalising.
    exact: foldhash::HashMap<String, usize>,
}

/// Lead matching ignores case and surrounding or repeated white space.
///
/// One allocation: plans name leads tens of thousands of times, and the
/// collect, join and lowercase this replaces made three.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Per word is the same as for the whole name: a final sigma's
            // context ends at white space.
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

impl Register {
    pub fn new(leads: Vec<Lead>) -> Self {
        let mut register = Register::default();
        for lead in leads {
            register.push(lead);
        }
        register
    }

    /// Adds a lead; a spelling already taken keeps pointing at its first lead.
    pub fn push(&mut self, lead: Lead) {
        let i = self.leads.len();
        for s in lead.spellings() {
            let found = *self.index.entry(normalize(s)).or_insert(i);
            self.exact.entry(s.to_string()).or_insert(found);
        }
        self.leads.push(lead);
    }

    /// Adds another spelling to lead `i`.
    pub fn add_alias(&mut self, i: usize, alias: String) {
        let found = *self.index.entry(normalize(&alias)).or_insert(i);
        self.exact.entry(alias.clone()).or_insert(found);
        if let Some(lead) = self.leads.get_mut(i) {
            lead.aliases.push(alias);
        }
    }

    /// The index of the lead a name refers to.
    pub fn resolve(&self, name: &str) -> Option<usize> {
        if let Some(&i) = self.exact.get(name) {
            return Some(i);
        }
        self.index.get(&normalize(name)).copied()
    }

    /// The register name closest to a misspelt one, for "did you mean".
    pub fn closest(&self, name: &str) -> Option<&str> {
        let wanted = normalize(name);
        self.leads
            .iter()
            .flat_map(|l| {
                let wanted = &wanted;
                l.spellings()
                    .map(move |s| (l, strsim::normalized_levenshtein(wanted, &normalize(s))))
            })
            .filter(|(_, score)| *score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(l, _)| l.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register() -> Register {
        Register::new(vec![
            Lead {
                key: "board-manager".into(),
                name: "Board Manager".into(),
                aliases: vec![],
            },
            Lead {
                key: "lscb-chair".into(),
                name: "LSCB Chair".into(),
                aliases: vec!["Chair of LSCB".into()],
            },
        ])
    }

    #[test]
    fn names_resolve_by_key_name_or_alias_ignoring_case_and_spacing() {
        let r = register();
        let cases = [
            ("Board Manager", Some(0)),
            ("  board   MANAGER ", Some(0)),
            ("board-manager", Some(0)),
            ("chair of lscb", Some(1)),
            ("LSCB  Chair", Some(1)),
            ("Board", None),
            ("", None),
        ];
        for (name, expected) in cases {
            assert_eq!(r.resolve(name), expected, "{name:?}");
        }
    }

    #[test]
    fn normalizing_matches_lowercasing_the_joined_words() {
        for name in [
            "  Board\tMANAGER ",
            "ΟΔΥΣΣΕΥΣ  Σ",
            "Chair  of LSCB",
            "",
            " \n ",
        ] {
            let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalize(name), joined.to_lowercase(), "{name:?}");
        }
    }

    #[test]
    fn misspellings_suggest_the_register_name() {
        let r = register();
        assert_eq!(r.closest("Bord Manager"), Some("Board Manager"));
        assert_eq!(r.closest("Chair of LSBC"), Some("LSCB Chair"));
        assert_eq!(r.closest("Prison Governor"), None);
    }
}
