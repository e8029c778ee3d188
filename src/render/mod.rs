//! Renderers: one per output format, each turning reports into text. Renderers decide nothing.

mod human;
mod json;
mod sarif;
mod short;

pub use human::render as human;
pub use json::render as json;
pub use sarif::render as sarif;
pub use short::render as short;

use std::path::Path;

use crate::Report;
use crate::rules::Severity;

/// Diagnostic counts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    pub fn of(reports: &[Report]) -> Self {
        let mut summary = Self {
            files: reports.len(),
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

    /// "2 errors, 1 warning and 0 info in 3 files".
    pub fn sentence(self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        if self.error + self.warning + self.info == 0 {
            return format!("No problems found in {}", plural(self.files, "file"));
        }
        format!(
            "Found {}, {} and {} info in {}",
            plural(self.error, "error"),
            plural(self.warning, "warning"),
            self.info,
            plural(self.files, "file")
        )
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
