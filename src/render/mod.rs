//! Renderers: one per output format, each turning reports into text. Renderers decide nothing.

mod checkstyle;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod sarif;
mod short;
mod xml;

pub use checkstyle::render as checkstyle;
pub use github::{render as github, summary as github_summary};
pub use html::render as html;
pub use human::render as human;
pub use json::render as json;
pub use junit::render as junit;
pub use sarif::render as sarif;
pub use short::render as short;

use std::path::Path;

use crate::Report;
use crate::input::Unit;
use crate::rules::Severity;

/// Diagnostic counts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    /// How many filings the files make up (see [`crate::filing`]).
    pub filings: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(reports: &[Report]) -> Self {
        let filings: std::collections::BTreeSet<&Path> =
            reports.iter().map(|r| r.filing.as_path()).collect();
        let mut summary = Self {
            files: reports.len(),
            filings: filings.len(),
            ..Self::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Info => summary.info += 1,
            }
        }
        summary
    }

    /// "2 errors, 1 warning, 0 info".
    pub fn counts(&self) -> String {
        format!(
            "{}, {}, {} info",
            plural(self.error, "error"),
            plural(self.warning, "warning"),
            self.info
        )
    }

    /// "2 errors, 1 warning and 0 info in 3 files".
    pub fn sentence(self) -> String {
        // "3 files", or "3 files of 1 filing" when files were checked together.
        let files = if self.filings == self.files {
            plural(self.files, "file")
        } else {
            format!(
                "{} of {}",
                plural(self.files, "file"),
                plural(self.filings, "filing")
            )
        };
        if self.error + self.warning + self.info == 0 {
            return format!("No problems found in {files}");
        }
        format!(
            "Found {}, {} and {} info in {files}",
            plural(self.error, "error"),
            plural(self.warning, "warning"),
            self.info,
        )
    }
}

/// "1 error", "2 errors".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `path` with forward slashes, as CI systems and URIs expect, whatever the platform.
fn forward_slashes(path: &Path) -> String {
    let text = path.display().to_string();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text
    }
}

/// How a position's line is written: `42`, or `¶42` for a Word document, whose "line" is its
/// paragraph.
fn line_label(report: &Report, line: u32) -> String {
    if report.origin.unit() == Unit::Paragraph {
        format!("\u{B6}{line}")
    } else {
        line.to_string()
    }
}

/// Every diagnostic with its report, most severe first, and in input order (file, then
/// position) within a severity: for CI annotations, which are capped per kind.
fn by_severity(reports: &[Report]) -> Vec<(&Report, &crate::Diagnostic)> {
    let mut all: Vec<_> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
        .collect();
    // A stable sort keeps input order within each severity.
    all.sort_by_key(|(_, d)| std::cmp::Reverse(d.severity));
    all
}
