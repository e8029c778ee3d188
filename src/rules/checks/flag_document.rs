//! `flag-document`: reports the document once, at its first line, for rules whose `documents`
//! (and `when`) say enough: a document that is neither a Form SD nor a report, a report checked
//! without its Form SD.
//!
//! ```toml
//! check = { kind = "flag-document", label = "checked without a Form SD" }
//! ```
//!
//! `label` (optional) is the text under the finding; without one the first line is marked with
//! no text.

use super::Context;
use super::kind::{Check, Kind, Run, TableRow};
use crate::parse::Scope;
use crate::rules::Finding;

/// The `flag-document` kind.
pub const FLAG_DOCUMENT: Kind = Kind {
    name: "flag-document",
    fields: &["label"],
    placeholders: &[],
    table: Some(TableRow {
        fields: "optional `label` (default none: the first line is marked with no text)",
        reports: "every document the rule applies to (use with `documents`)",
    }),
    compile: |src| {
        Ok(Check::new(FlagDocument {
            label: src.label()?,
        }))
    },
};

/// A compiled `flag-document` check.
#[derive(Debug)]
struct FlagDocument {
    label: Option<String>,
}

impl Run for FlagDocument {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let range = cx.doc.anchor(Scope::Document);
        let label = self.label.clone().unwrap_or_default();
        out.push(cx.finding(range, label));
    }
}
