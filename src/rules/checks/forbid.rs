//! `forbid`: wording that must not appear in a scope; every occurrence is reported where it is,
//! at the group named `hit` when the pattern has one (the offending word, not the whole phrase).
//!
//! ```toml
//! check = { kind = "forbid", scope = "section-1", patterns = ['^[ \t]*item\s+1\.01\W*exhibits?[ \t]*$'] }
//! ```
//!
//! `label` (optional) is the text under each occurrence; without one it is "here".

use crate::rules::lazy::LazyRegex;

use super::Context;
use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use crate::error::Result;
use crate::parse::Scope;
use crate::rules::Finding;
use crate::rules::pack::regex_list;
use crate::span::TextRange;

/// The `forbid` kind.
pub const FORBID: Kind = Kind {
    name: "forbid",
    fields: &["scope", "patterns", "label"],
    placeholders: &[],
    table: Some(TableRow {
        fields: "`scope`, `patterns`, optional `label` (default \"here\")",
        reports: "every match, at the pattern's group named `hit` if it has one",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let patterns = src
        .raw
        .patterns
        .as_ref()
        .ok_or_else(|| src.needs("a `forbid` check needs `patterns`"))?;
    Ok(Check::new(Forbid {
        scope: src.scope()?,
        patterns: regex_list(src.pack, patterns)?,
        label: src.label()?,
    }))
}

/// The label of an occurrence when the rule gives none.
const DEFAULT_LABEL: &str = "here";

/// At most this many occurrences of one rule are reported per document.
const MAX_FINDINGS: usize = 20;

/// A compiled `forbid` check.
#[derive(Debug)]
pub struct Forbid {
    pub scope: Scope,
    pub patterns: Vec<LazyRegex>,
    pub label: Option<String>,
}

impl Run for Forbid {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut found = Vec::new();
        for span in cx.doc.scopes_of(self.scope) {
            for pattern in &self.patterns {
                cx.each_match(pattern, span.range, |caps| {
                    let m = caps
                        .get_group_by_name("hit")
                        .or_else(|| caps.get_match().map(|m| m.span()));
                    if let Some(m) = m {
                        found.push(TextRange::from(m.range()).shifted(span.range.start()));
                    }
                });
            }
        }
        found.sort();
        found.dedup();
        for range in found.into_iter().take(MAX_FINDINGS) {
            let label = self
                .label
                .clone()
                .unwrap_or_else(|| DEFAULT_LABEL.to_owned());
            out.push(cx.finding(cx.trimmed(range), label));
        }
    }
}
