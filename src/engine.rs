//! The engine: runs every enabled rule that applies to the document's kind.

use rayon::prelude::*;

use crate::parse::Document;
use crate::rules::prefilter::Scan;
use crate::rules::{Finding, RuleSet, Settings};

/// Runs the rules `enabled` selects on `doc`; findings are sorted by position, then rule id.
pub fn run(rules: &RuleSet, enabled: &[bool], doc: &Document, settings: &Settings) -> Vec<Finding> {
    let prefilter = rules.prefilter();
    let scan = if settings.scan_everything {
        Scan::everything(prefilter)
    } else {
        prefilter.scan(&doc.reading)
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
