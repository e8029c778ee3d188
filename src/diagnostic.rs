//! Diagnostics: findings mapped back to the original file, with lines and columns.

use serde::Serialize;

use crate::input::Locator;
use crate::normalize::SourceMap;
use crate::rules::Finding;
use crate::rules::{RuleSet, Severity};
use crate::span::{LineCol, TextRange, ceil_char_boundary, floor_char_boundary};

/// A place in the original file and what it has to do with the diagnostic.
#[derive(Clone, Debug, Serialize)]
pub struct Label {
    /// Byte range in the text sdlint read (what snippets show).
    pub range: TextRange,
    /// Where the range starts and ends in the file (for a Word document, the line is the
    /// paragraph).
    pub start: LineCol,
    pub end: LineCol,
    /// Byte range in the file (for a Word document, in `word/document.xml`).
    pub bytes: TextRange,
    pub message: String,
}

/// One problem, ready for any renderer.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub rule: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub references: Vec<String>,
    pub primary: Label,
    /// Other places in the same file.
    pub secondary: Vec<Label>,
    /// Places in other documents of the filing (the Form SD's cover, for a finding in its
    /// report).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elsewhere: Vec<Elsewhere>,
}

/// A place in another document of the filing.
#[derive(Clone, Debug, Serialize)]
pub struct Elsewhere {
    pub path: std::path::PathBuf,
    pub label: Label,
}

/// The label of `range` of the normalised text, located in the original `locator` reads.
pub fn label(range: TextRange, message: String, map: &SourceMap, locator: &Locator<'_>) -> Label {
    let source = locator.text();
    let range = map.to_source(range);
    let start = floor_char_boundary(source, range.start());
    let end = ceil_char_boundary(source, range.end()).max(start);
    let range = TextRange::new(start, end);
    let located = locator.locate(range);
    Label {
        range,
        start: located.start,
        end: located.end,
        bytes: located.bytes,
        message,
    }
}

/// Maps `findings` on normalised text to diagnostics on `source`.
pub fn from_findings(
    findings: Vec<Finding>,
    rules: &RuleSet,
    map: &SourceMap,
    locator: &Locator<'_>,
) -> Vec<Diagnostic> {
    let label = |range: TextRange, message: String| label(range, message, map, locator);
    findings
        .into_iter()
        .map(|f| {
            let meta = &rules.rules[f.rule].meta;
            Diagnostic {
                rule: meta.id.clone(),
                name: meta.name.clone(),
                severity: f.severity,
                message: f.message,
                help: meta.help.clone(),
                references: meta.references.clone(),
                primary: label(f.primary, f.label),
                secondary: f
                    .secondary
                    .into_iter()
                    .map(|(range, message)| label(range, message))
                    .collect(),
                elsewhere: Vec::new(),
            }
        })
        .collect()
}
