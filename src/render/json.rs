//! `json`: the versioned machine-readable report (DESIGN §5, version 1).

use serde::Serialize;

use super::Summary;
use crate::Report;
use crate::span::LineCol;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    /// Inputs that could not be read or linted.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    skipped: &'a [super::Skipped],
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: String,
    format: &'static str,
    document: &'static str,
    /// The filing the file is part of, by its principal document's path.
    filing: String,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    references: &'a [String],
    range: Range,
    byte_range: [usize; 2],
    /// Other places the diagnostic involves (the cover's year, the exhibit index ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    /// The file of a place in another document of the filing.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    message: &'a str,
    range: Range,
    byte_range: [usize; 2],
}

#[derive(Serialize)]
struct Range {
    start: LineCol,
    end: LineCol,
}

/// The JSON document for `reports` and the inputs `skipped`, pretty-printed, with a final
/// newline.
pub fn render(reports: &[Report], skipped: &[super::Skipped]) -> String {
    let output = Output {
        version: 1,
        tool: Tool {
            name: "sdlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: reports
            .iter()
            .map(|report| File {
                path: report.path.display().to_string(),
                format: report.format.name(),
                document: report.document.name(),
                filing: report.filing.display().to_string(),
                diagnostics: report
                    .diagnostics
                    .iter()
                    .map(|d| Diagnostic {
                        rule: &d.rule,
                        name: &d.name,
                        severity: d.severity.name(),
                        message: &d.message,
                        help: &d.help,
                        references: &d.references,
                        range: Range {
                            start: d.primary.start,
                            end: d.primary.end,
                        },
                        byte_range: [d.primary.bytes.start(), d.primary.bytes.end()],
                        related: d
                            .secondary
                            .iter()
                            .map(|l| (None, l))
                            .chain(
                                d.elsewhere
                                    .iter()
                                    .map(|e| (Some(e.path.display().to_string()), &e.label)),
                            )
                            .map(|(path, l)| Related {
                                path,
                                message: &l.message,
                                range: Range {
                                    start: l.start,
                                    end: l.end,
                                },
                                byte_range: [l.bytes.start(), l.bytes.end()],
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        skipped,
        summary: Summary {
            skipped: skipped.len(),
            ..Summary::of(reports)
        },
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
