//! Settings: what a run tells the checks and the engine beyond the rule set and the document.

use super::meta::Severity;
use crate::date::Date;

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
