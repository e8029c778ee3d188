//! `field-format`: a value the parser reads (the Commission File Number, the IRS Employer
//! Identification No.) is written in one of the accepted formats.
//!
//! ```toml
//! check = { kind = "field-format", field = "commission-file-number", patterns = ['^\d{1,3}-\d{3,6}$'] }
//! ```

use crate::rules::lazy::LazyRegexSet;

use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use super::{Context, Field};
use crate::error::Result;
use crate::rules::Finding;
use crate::rules::pack::regex_set;

/// The `field-format` kind.
pub const FIELD_FORMAT: Kind = Kind {
    name: "field-format",
    fields: &["field", "patterns", "label"],
    placeholders: &["value"],
    table: Some(TableRow {
        fields: "`field`, `patterns`, `label` (may use `{value}`)",
        reports: "a value that matches none of the patterns",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let patterns = src.raw.patterns.as_ref().ok_or_else(|| {
        src.needs("a `field-format` check needs `patterns`: the accepted formats")
    })?;
    Ok(Check::new(FieldFormat {
        field: Field::of(src)?,
        formats: regex_set(src.pack, patterns)?,
        label: src.required_label()?,
    }))
}

/// A compiled `field-format` check.
#[derive(Debug)]
pub struct FieldFormat {
    pub field: Field,
    /// Accepted formats; the value must match one (anchor them with `^...$`).
    pub formats: LazyRegexSet,
    /// The label of a finding, at the value.
    pub label: String,
}

impl Run for FieldFormat {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(range) = self.field.value(cx.doc) else {
            return;
        };
        let value = cx.doc.slice(range).trim();
        if !self.formats.is_match(value.as_bytes()) {
            let values = [("value", value.to_owned())];
            out.push(cx.labelled(range, &self.label, &values));
        }
    }
}
