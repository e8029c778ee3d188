//! Renderers: one per output format, each turning reports into text. Renderers decide nothing.

mod checkstyle;
mod excerpt;
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

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use crate::Report;
use crate::input::Unit;
use crate::rules::Severity;

/// Where `docs/rules.md` is when no other place is given: the file in the sources sdlint was
/// built from (reports and editors link each rule to its section there).
pub const RULES_URL: &str = concat!("file://", env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");

/// The address of rule `id`'s section in the rules documentation at `base`: its heading's
/// anchor, as `docs::reference` writes the index's links.
pub fn rule_url(base: &str, id: &str) -> String {
    format!("{base}#{}", id.to_ascii_lowercase())
}

/// Diagnostic counts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    /// How many filings the files make up (see [`crate::filing`]).
    pub filings: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    /// Inputs that could not be read or linted (see [`Skipped`]); set by the run.
    pub skipped: usize,
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
        let skipped = match self.skipped {
            0 => String::new(),
            1 => "; 1 file could not be read".to_owned(),
            n => format!("; {n} files could not be read"),
        };
        if self.error + self.warning + self.info == 0 {
            return format!("No problems found in {files}{skipped}");
        }
        format!(
            "Found {}, {} and {} info in {files}{skipped}",
            plural(self.error, "error"),
            plural(self.warning, "warning"),
            self.info,
        )
    }
}

/// An input sdlint was asked to lint and could not (unreadable, binary, empty, too large): the
/// run reports it with its findings, so that no format hides that a file went unchecked.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Skipped {
    pub path: String,
    pub error: String,
}

impl Skipped {
    pub fn of(err: &crate::Error) -> Self {
        let (path, error) = match err {
            crate::Error::Io { path, source } => (path.display().to_string(), source.to_string()),
            crate::Error::Input { path, message } => (path.display().to_string(), message.clone()),
            other => (String::new(), other.to_string()),
        };
        Self { path, error }
    }
}

/// Whether the text formats write `c` as an escape rather than as it is: a control character
/// other than the tab (a terminal would act on an escape sequence, a backspace or a carriage
/// return) or a bidirectional control, which reorders the characters shown around it.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes `c` as `\u{1b}`.
fn push_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// `text` with its hidden characters (see [`is_hidden`]) written as escapes: for the messages,
/// labels and paths of the text formats, which reach terminals and logs.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
