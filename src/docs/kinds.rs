//! The README's table of check kinds, rendered from the registry ([`crate::rules::KINDS`]):
//! one row for each kind that declares one, in registry order. `tests/docs.rs` fails when the
//! README's table differs from it.

use crate::rules::KINDS;

/// The first line of the table, by which the README's copy is found.
pub const KINDS_TABLE_HEADER: &str = "| kind | fields | reports |";

/// The Markdown table of the check kinds that have a row: a header, then one line per kind,
/// each ending in a line break.
pub fn kinds_table() -> String {
    let mut out = format!("{KINDS_TABLE_HEADER}\n|---|---|---|\n");
    for kind in KINDS {
        if let Some(row) = &kind.table {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                kind.name, row.fields, row.reports
            ));
        }
    }
    out
}
