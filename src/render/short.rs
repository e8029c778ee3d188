//! `short`: one line per diagnostic, `path:line:col: severity[RULE] message`, for editors and grep;
//! control characters are written as escapes, so that a line stays one line.

use std::fmt::Write as _;

use super::visible;
use crate::Report;
use crate::input::Unit;

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        // A Word document's "line" is its paragraph: `draft.docx:¶42:5`.
        let pilcrow = if report.origin.unit() == Unit::Paragraph {
            "\u{B6}"
        } else {
            ""
        };
        for d in &report.diagnostics {
            let _ = writeln!(
                out,
                "{}:{pilcrow}{}:{}: {}[{}] {}",
                visible(&report.path.display().to_string()),
                d.primary.start.line,
                d.primary.start.column,
                d.severity.name(),
                visible(&d.rule),
                visible(&d.message)
            );
        }
    }
    out
}
