//! Findings: what checks report, before the diagnostic stage maps them back to the file.

use super::meta::Severity;
use crate::span::TextRange;

/// What a check found, with ranges into the normalised text.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Index of the rule in its [`RuleSet`](super::RuleSet).
    pub rule: usize,
    pub severity: Severity,
    pub message: String,
    pub primary: TextRange,
    pub label: String,
    /// Other places the finding involves, each with its label.
    pub secondary: Vec<(TextRange, String)>,
}
