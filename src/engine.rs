//! The engine: runs every enabled rule that applies to the document's kind.

use rayon::prelude::*;

use crate::date::Date;
use crate::parse::Document;
use crate::rules::prefilter::Scan;
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

/// What checks need to know beyond the document.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Days the SEC was closed besides weekends and federal holidays (they move a filing
    /// deadline that falls on them).
    pub extra_closures: Vec<Date>,
    /// Severity overrides by rule index (from the configuration's `[severity]` table).
    pub severity: Vec<Option<Severity>>,
    /// Runs every pattern wherever a check asks, without first scanning the document for the
    /// patterns' literals (see `crate::rules::prefilter`). Same findings, slower: for tests
    /// that show the scan changes nothing.
    pub scan_everything: bool,
}

/// Runs the rules `enabled` selects on `doc`; findings are sorted by position, then rule id.
pub fn run(rules: &RuleSet, enabled: &[bool], doc: &Document, settings: &Settings) -> Vec<Finding> {
    let prefilter = rules.prefilter();
    let scan = if settings.scan_everything {
        Scan::everything(prefilter)
    } else {
        prefilter.scan(&doc.text)
    };
    // Rules run in parallel (each one's findings kept apart, then joined in rule order, so the
    // result is the same as one after the other): a single large filing uses every core, and
    // the first filing of a run compiles the patterns it needs on every core.
    let per_rule: Vec<Vec<Finding>> = rules
        .rules
        .par_iter()
        .enumerate()
        .map(|(index, rule)| {
            let mut found = Vec::new();
            let on = enabled.get(index).copied().unwrap_or(true);
            let applies = rule.meta.documents.contains(&doc.kind)
                && rule.when.as_ref().is_none_or(|when| when.holds(doc, &scan));
            if on && applies {
                rule.check
                    .run(index, &rule.meta, doc, &scan, settings, &mut found);
            }
            found
        })
        .collect();
    let mut findings: Vec<Finding> = per_rule.into_iter().flatten().collect();
    for finding in &mut findings {
        if let Some(Some(severity)) = settings.severity.get(finding.rule) {
            finding.severity = *severity;
        }
    }
    findings.sort_by(|a, b| {
        (a.primary.start, &rules.rules[a.rule].meta.id)
            .cmp(&(b.primary.start, &rules.rules[b.rule].meta.id))
    });
    findings
}
