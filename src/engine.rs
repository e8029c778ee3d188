//! The engine: runs every enabled rule that applies to the document's kind.

use crate::parse::Document;
use crate::rules::{RuleSet, Severity};
use crate::span::TextRange;

/// What a check found, with ranges into the normalised text.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Index of the rule in its [`RuleSet`].
    pub rule: usize,
    pub severity: Severity,
    pub message: String,
    pub primary: TextRange,
    pub label: String,
    /// Other places the finding involves, each with its label.
    pub secondary: Vec<(TextRange, String)>,
}

/// Runs the rules `enabled` selects on `doc`; findings are sorted by position, then rule id.
pub fn run(rules: &RuleSet, enabled: &[bool], doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        let on = enabled.get(index).copied().unwrap_or(true);
        let applies = rule.meta.documents.contains(&doc.kind)
            && rule.when.as_ref().is_none_or(|when| when.holds(doc));
        if on && applies {
            rule.check.run(index, &rule.meta, doc, &mut findings);
        }
    }
    findings.sort_by(|a, b| {
        (a.primary.start, &rules.rules[a.rule].meta.id)
            .cmp(&(b.primary.start, &rules.rules[b.rule].meta.id))
    });
    findings
}
