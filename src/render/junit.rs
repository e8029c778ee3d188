//! `junit`: JUnit XML, as Jenkins, GitLab and Azure Pipelines read test results: one failing
//! test case per diagnostic, and one passing case for each file without any, so that clean files
//! show up too.

use std::fmt::Write as _;

use super::xml::{attribute, content};
use super::{Summary, forward_slashes, line_label};
use crate::Report;

/// The JUnit report for `reports`, with a final newline.
pub fn render(reports: &[Report]) -> String {
    let summary = Summary::of(reports);
    let failures = summary.error + summary.warning + summary.info;
    let clean = reports.iter().filter(|r| r.diagnostics.is_empty()).count();
    let tests = failures + clean;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"sdlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"sdlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
    );
    for report in reports {
        let path = forward_slashes(&report.path);
        let classname = attribute(&path);
        if report.diagnostics.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"sdlint\" classname=\"{classname}\"/>"
            );
            continue;
        }
        for d in &report.diagnostics {
            let place = format!(
                "{}:{}",
                line_label(report, d.primary.start.line),
                d.primary.start.column
            );
            let mut text = format!(
                "{path}:{place}: {}[{}] {}\nhelp: {}",
                d.severity.name(),
                d.rule,
                d.message,
                d.help
            );
            if !d.references.is_empty() {
                let _ = write!(text, "\nsee: {}", d.references.join("; "));
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{} at {}\" classname=\"{classname}\">",
                attribute(&d.rule),
                attribute(&place)
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attribute(&d.message),
                d.severity.name(),
                content(&text)
            );
            out.push_str("    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
