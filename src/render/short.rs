//! `short`: one line per diagnostic, `path:line:col: severity[RULE] message`, for editors and grep.

use std::fmt::Write as _;

use crate::Report;

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.path.display(),
                d.primary.start.line,
                d.primary.start.column,
                d.severity.name(),
                d.rule,
                d.message
            );
        }
    }
    out
}
