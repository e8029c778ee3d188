//! `require-scope`: a part of the filing (the exhibit index, the signature block ...) must exist.
//!
//! ```toml
//! check = { kind = "require-scope", scope = "exhibit-index", anchor = ["cmr", "signatures"] }
//! ```
//!
//! `label` (optional) is the text under the finding. Without one it says where the scope was
//! looked for: "expected before the Conflict Minerals Report, which starts here" (at the first
//! `anchor` present), "the exhibit index was not found; reported at the start of the signature
//! block" (at its nearest enclosing part of the filing), "the exhibit index was not found in
//! this document" (at the first line).

use super::Context;
use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use crate::error::Result;
use crate::parse::Scope;
use crate::rules::Finding;

/// The `require-scope` kind.
pub const REQUIRE_SCOPE: Kind = Kind {
    name: "require-scope",
    fields: &["scope", "anchor", "label"],
    placeholders: &[],
    table: Some(TableRow {
        fields: "`scope`, optional `anchor`, `label` (default: where the scope was looked for, as \"expected before the signature block, which starts here\")",
        reports: "the scope itself is missing",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let anchor = src.anchor()?;
    Ok(Check::new(RequireScope {
        scope: src.scope()?,
        anchor,
        label: src.label()?,
    }))
}

/// A compiled `require-scope` check.
#[derive(Debug)]
pub struct RequireScope {
    pub scope: Scope,
    /// Where to report the absence, first present wins (default: the scope's parents).
    pub anchor: Vec<Scope>,
    pub label: Option<String>,
}

impl Run for RequireScope {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.doc.scope(self.scope).is_none() {
            out.push(cx.missing(self.scope, &self.anchor, self.label.as_ref()));
        }
    }
}
