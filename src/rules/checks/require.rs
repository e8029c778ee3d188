//! `require`: an item (one of several phrasings) must appear in a scope.
//!
//! ```toml
//! check = { kind = "require", scope = "cmr", patterns = ['independent\s+third[-\s]party\s+audit'],
//!           evidence = { min = 2, patterns = ['...', '...'] },     # optional
//!           elsewhere = { scope = "cmr", severity = "info", message = "..." },  # optional
//!           skip-if-absent = true }                                 # optional
//! ```

use super::{Context, Matcher};
use crate::engine::Finding;
use crate::parse::Scope;
use crate::rules::meta::Severity;

#[derive(Debug)]
pub struct Require {
    pub scope: Scope,
    pub matcher: Matcher,
    /// Another scope that may carry the item instead, with the severity and message to use then.
    pub elsewhere: Option<(Scope, Severity, String)>,
    pub anchor: Vec<Scope>,
    /// Say nothing when the scope itself is absent (another rule reports that).
    pub skip_if_absent: bool,
    pub label: Option<String>,
}

impl Require {
    pub(super) fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let present = cx.doc.scope(self.scope).is_some();
        if !present && self.skip_if_absent {
            return;
        }
        if self.matcher.in_scope(cx.doc, self.scope) {
            return;
        }
        let mut finding = cx.missing(self.scope, &self.anchor, self.label.as_ref());
        if let Some((scope, severity, message)) = &self.elsewhere
            && self.matcher.in_scope(cx.doc, *scope)
        {
            finding.severity = *severity;
            finding.message = message.clone();
        }
        out.push(finding);
    }
}
