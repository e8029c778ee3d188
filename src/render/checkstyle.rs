//! `checkstyle`: Checkstyle XML, read by Jenkins (Warnings NG), reviewdog and many CI tools: one
//! `<file>` per input, clean ones included, one `<error>` per diagnostic.

use std::fmt::Write as _;

use super::forward_slashes;
use super::xml::attribute;
use crate::Report;

/// The Checkstyle report for `reports`, with a final newline.
pub fn render(reports: &[Report]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for report in reports {
        let name = attribute(&forward_slashes(&report.path));
        if report.diagnostics.is_empty() {
            let _ = writeln!(out, "  <file name=\"{name}\"/>");
            continue;
        }
        let _ = writeln!(out, "  <file name=\"{name}\">");
        for d in &report.diagnostics {
            // For a Word document the line is the paragraph.
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"sdlint.{}\"/>",
                d.primary.start.line,
                d.primary.start.column,
                d.severity.name(),
                attribute(&d.message),
                attribute(&d.rule)
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
