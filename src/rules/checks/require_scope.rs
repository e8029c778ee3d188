//! `require-scope`: a part of the filing (the exhibit index, the signature block ...) must exist.
//!
//! ```toml
//! check = { kind = "require-scope", scope = "exhibit-index", anchor = ["cmr", "signatures"] }
//! ```

use super::Context;
use crate::parse::Scope;
use crate::rules::Finding;

#[derive(Debug)]
pub struct RequireScope {
    pub scope: Scope,
    /// Where to report the absence, first present wins (default: the scope's parents).
    pub anchor: Vec<Scope>,
    pub label: Option<String>,
}

impl RequireScope {
    pub(super) fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.doc.scope(self.scope).is_none() {
            out.push(cx.missing(self.scope, &self.anchor, self.label.as_ref()));
        }
    }
}
