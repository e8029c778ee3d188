//! Rules: TOML packs compiled once into a [`RuleSet`].
//!
//! `raw` mirrors the TOML, `compile` validates it (with `pack`'s helpers, which the check kinds
//! share) and compiles the regexes, `meta` holds the documentation fields, `checks` the check
//! kinds (listed in [`KINDS`]), `builtin` the packs embedded in the binary; checks report a
//! [`Finding`] each, given the run's [`Settings`].

mod builtin;
pub mod checks;
mod compile;
mod finding;
pub mod lazy;
pub mod meta;
mod pack;
pub mod prefilter;
mod raw;
mod settings;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use builtin::BUILTIN_PACKS;
pub use checks::KINDS;
pub use finding::Finding;
pub use meta::{RuleMeta, Severity};
pub use settings::Settings;

use crate::error::{Error, Result};
use checks::Check;

/// A compiled rule: its documentation and its check.
#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    /// Conditions under which the rule runs at all.
    pub when: Option<checks::When>,
    pub check: Check,
}

/// Every rule sdlint runs, in pack order.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    seen: HashMap<String, String>,
    /// Every pattern of the rules, and the literals they need, worked out on first use.
    patterns: prefilter::PatternTable,
    prefilter: OnceLock<prefilter::Prefilter>,
}

impl RuleSet {
    /// The rule packs embedded in the binary.
    pub fn builtin() -> Result<Self> {
        let mut set = Self::default();
        for (path, text) in BUILTIN_PACKS {
            set.add_pack(
                Path::new(&format!("{}{path}", compile::BUILTIN_PREFIX)),
                text,
            )?;
        }
        Ok(set)
    }

    /// Adds the rules of one pack; ids and names must be new.
    pub fn add_pack(&mut self, path: &Path, text: &str) -> Result<()> {
        let rules = compile::compile_pack(path, text, &mut self.seen, &mut self.patterns)?;
        self.rules.extend(rules);
        self.prefilter = OnceLock::new();
        Ok(())
    }

    /// The literals of every pattern, to scan a document for before the rules run.
    pub fn prefilter(&self) -> &prefilter::Prefilter {
        self.prefilter
            .get_or_init(|| prefilter::Prefilter::new(&self.patterns))
    }

    /// Adds a pack from a file, or every `.toml` file of a directory in sorted order. A
    /// directory without one, or holding a link that leads out of it, is an error.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        let io = |path: &Path, source| Error::RulePackIo {
            path: path.to_owned(),
            source,
        };
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|source| io(path, source))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(io(
                    path,
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "the folder holds no rule pack (no .toml file)",
                    ),
                ));
            }
            for file in &files {
                if !crate::files::resolves_inside(path, file) {
                    return Err(io(
                        file,
                        std::io::Error::new(
                            std::io::ErrorKind::PermissionDenied,
                            "a link that leads out of its folder is not read",
                        ),
                    ));
                }
            }
            return files.iter().try_for_each(|file| self.add_path(file));
        }
        let (text, not_utf8) = crate::error::read_toml(path).map_err(|source| io(path, source))?;
        crate::error::check_toml(path, "invalid rule pack", &text, not_utf8)?;
        self.add_pack(path, &text)
    }

    /// The rule with this id or name.
    pub fn find(&self, key: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.meta.id.eq_ignore_ascii_case(key) || r.meta.name == key)
    }

    /// The indices of every rule, in id order whatever order their packs list them in.
    pub fn in_id_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rules.len()).collect();
        order.sort_by(|&a, &b| self.rules[a].meta.id.cmp(&self.rules[b].meta.id));
        order
    }

    /// The indices of the rules a selector names (an id, a name or an id prefix such as
    /// `CMR-OECD`), in id order.
    pub fn selected(&self, selector: &str) -> Vec<usize> {
        let mut order = self.in_id_order();
        order.retain(|&i| selects(selector, &self.rules[i].meta));
        order
    }

    /// The rule id or name nearest to `key`, for suggesting what a typo meant: at most two edits
    /// away (ignoring case for ids).
    pub fn nearest(&self, key: &str) -> Option<&str> {
        let upper = key.to_ascii_uppercase();
        self.rules
            .iter()
            .flat_map(|r| {
                [
                    (strsim::levenshtein(&upper, &r.meta.id), r.meta.id.as_str()),
                    (strsim::levenshtein(key, &r.meta.name), r.meta.name.as_str()),
                ]
            })
            .filter(|&(distance, _)| distance <= 2)
            .min()
            .map(|(_, found)| found)
    }

    /// Which rules run: those `select` names (all when it is empty) minus those `ignore` names.
    /// Selectors are ids, names or id prefixes ending at a dash (`CMR-OECD`); one that names
    /// no rule is an error, so a typo never silently turns rules off.
    pub fn selection(&self, select: &[String], ignore: &[String]) -> Result<Vec<bool>> {
        let matches = |selector: &str| -> Result<Vec<bool>> {
            let hits: Vec<bool> = self
                .rules
                .iter()
                .map(|r| selects(selector, &r.meta))
                .collect();
            if hits.iter().any(|&h| h) {
                Ok(hits)
            } else {
                Err(Error::UnknownRule(selector.to_owned()))
            }
        };
        let mut enabled = vec![select.is_empty(); self.rules.len()];
        for selector in select {
            for (on, hit) in enabled.iter_mut().zip(matches(selector)?) {
                *on |= hit;
            }
        }
        for selector in ignore {
            for (on, hit) in enabled.iter_mut().zip(matches(selector)?) {
                *on &= !hit;
            }
        }
        Ok(enabled)
    }
}

fn selects(selector: &str, meta: &RuleMeta) -> bool {
    let id = meta.id.as_str();
    let selector_upper = selector.to_ascii_uppercase();
    selector == meta.name
        || id == selector_upper
        || (id.starts_with(&selector_upper) && id[selector_upper.len()..].starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_packs_compile() {
        let set = RuleSet::builtin().unwrap();
        assert!(set.find("SD-COVER-009").is_some());
    }

    /// The built-in patterns are compiled on first use; loaded as a user's packs are, every one
    /// of them is compiled at once, so first use can never fail.
    #[test]
    fn every_builtin_pattern_compiles() {
        let mut set = RuleSet::default();
        for (path, text) in BUILTIN_PACKS {
            set.add_pack(Path::new(path), text).unwrap();
        }
        assert_eq!(set.rules.len(), RuleSet::builtin().unwrap().rules.len());
    }

    #[test]
    fn selectors_take_ids_names_and_prefixes() {
        let set = RuleSet::builtin().unwrap();
        let on = set
            .selection(&["CMR-OECD".into()], &["CMR-OECD-004".into()])
            .unwrap();
        let ids: Vec<_> = set
            .rules
            .iter()
            .zip(on)
            .filter(|(_, on)| *on)
            .map(|(r, _)| r.meta.id.as_str())
            .collect();
        assert!(ids.iter().all(|id| id.starts_with("CMR-OECD-")));
        assert!(ids.contains(&"CMR-OECD-001") && !ids.contains(&"CMR-OECD-004"));
        assert!(matches!(
            set.selection(&["CMR-OEC".into()], &[]),
            Err(Error::UnknownRule(_))
        ));
    }
}
