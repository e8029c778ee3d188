//! `field-format`: a value the parser reads (the Commission File Number, the IRS Employer
//! Identification No.) is written in one of the accepted formats.
//!
//! ```toml
//! check = { kind = "field-format", field = "commission-file-number", patterns = ['^\d{1,3}-\d{3,6}$'] }
//! ```

use crate::rules::lazy::LazyRegexSet;

use super::{Context, Field};
use crate::rules::Finding;

#[derive(Debug)]
pub struct FieldFormat {
    pub field: Field,
    /// Accepted formats; the value must match one (anchor them with `^...$`).
    pub formats: LazyRegexSet,
}

impl FieldFormat {
    pub(super) fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(range) = self.field.value(cx.doc) else {
            return;
        };
        let value = cx.doc.slice(range).trim();
        if !self.formats.is_match(value.as_bytes()) {
            let values = [("value", value.to_owned())];
            out.push(cx.finding_with(range, "written this way".to_owned(), &values));
        }
    }
}
