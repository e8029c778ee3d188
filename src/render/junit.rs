//! `junit`: JUnit XML, as Jenkins, GitLab and Azure Pipelines read test results: one test case
//! per diagnostic, and one passing case for each file without any, so that clean files show up
//! too. A diagnostic fails its test case only when it fails the run (`--fail-on`); the others are
//! passing cases whose text is kept in `<system-out>`, so an info note is not a failed test.

use std::fmt::Write as _;

use super::xml::{attribute, content};
use super::{Summary, forward_slashes, line_label};
use crate::{Report, Severity};

/// The JUnit report for `reports`, with a final newline. `fail_on` is the lowest severity that
/// fails the run (`None`: nothing does); only diagnostics at or above it are failures.
pub fn render(reports: &[Report], fail_on: Option<Severity>) -> String {
    let fails = |severity: Severity| fail_on.is_some_and(|threshold| severity >= threshold);
    let summary = Summary::of(reports);
    let failures = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| fails(d.severity))
        .count();
    let clean = reports.iter().filter(|r| r.diagnostics.is_empty()).count();
    let tests = summary.error + summary.warning + summary.info + clean;
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
            if fails(d.severity) {
                let _ = writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    attribute(&d.message),
                    d.severity.name(),
                    content(&text)
                );
            } else {
                let _ = writeln!(out, "      <system-out>{}</system-out>", content(&text));
            }
            out.push_str("    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
