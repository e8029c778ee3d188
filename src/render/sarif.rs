//! `sarif`: SARIF 2.1.0 for code scanning (GitHub and others): one run, the metadata of the
//! rules that ran in `tool.driver.rules`, one result per diagnostic.

use std::path::Path;

use serde::Serialize;

use super::forward_slashes;
use crate::input::Unit;
use crate::rules::{RuleMeta, Severity};
use crate::{Diagnostic, Report, diagnostic::Label};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// Present when inputs were skipped: each one as a tool execution notification.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation<'a>>,
    /// Columns count Unicode scalar values, as everywhere in sdlint.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties,
}

/// sdlint's additions to a run: the filings its files make up.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<NotificationLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
struct RunProperties {
    filings: Vec<Filing>,
}

/// A filing: its documents' artifact URIs, the principal document (the Form SD) first.
#[derive(Serialize)]
struct Filing {
    documents: Vec<String>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Text<'a>,
    /// The rule's section of the rules documentation.
    help_uri: String,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties<'a> {
    references: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    /// SARIF's end column is that of the character after the region, as sdlint's is.
    end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

/// The SARIF log for `reports`, describing `rules` (the rules that ran) with links to their
/// sections of the rules documentation at `docs_url`, pretty-printed, with a final newline.
pub fn render(
    reports: &[Report],
    rules: &[&RuleMeta],
    docs_url: &str,
    skipped: &[super::Skipped],
) -> String {
    let invocations = if skipped.is_empty() {
        Vec::new()
    } else {
        vec![Invocation {
            execution_successful: false,
            tool_execution_notifications: skipped
                .iter()
                .map(|s| Notification {
                    level: "error",
                    message: Text { text: &s.error },
                    locations: if s.path.is_empty() {
                        Vec::new()
                    } else {
                        vec![NotificationLocation {
                            physical_location: ArtifactOnly {
                                artifact_location: artifact_location(Path::new(&s.path)),
                            },
                        }]
                    },
                })
                .collect(),
        }]
    };
    let results = reports
        .iter()
        .flat_map(|report| {
            let artifact = artifact_location(&report.path);
            let paragraphs = report.origin.unit() == Unit::Paragraph;
            report
                .diagnostics
                .iter()
                .map(move |d| result(d, rules, &artifact, paragraphs))
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "sdlint",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: rules
                        .iter()
                        .map(|meta| descriptor(meta, docs_url))
                        .collect(),
                },
            },
            invocations,
            column_kind: "unicodeCodePoints",
            results,
            properties: RunProperties {
                filings: filings(reports),
            },
        }],
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// The filings of `reports`, in the order of their first file; each lists its principal
/// document first, then the others in the order of the reports.
fn filings(reports: &[Report]) -> Vec<Filing> {
    let mut index: std::collections::HashMap<&Path, usize> = std::collections::HashMap::new();
    let mut filings: Vec<Filing> = Vec::new();
    for report in reports {
        let uri = artifact_location(&report.path).uri;
        let principal = report.filing.as_path();
        let at = *index.entry(principal).or_insert_with(|| {
            filings.push(Filing {
                documents: Vec::new(),
            });
            filings.len() - 1
        });
        let documents = &mut filings[at].documents;
        if report.path == principal {
            documents.insert(0, uri);
        } else {
            documents.push(uri);
        }
    }
    filings
}

fn descriptor<'a>(meta: &'a RuleMeta, docs_url: &str) -> Descriptor<'a> {
    Descriptor {
        id: &meta.id,
        name: &meta.name,
        short_description: Text {
            text: &meta.summary,
        },
        full_description: Text { text: &meta.why },
        help: Text { text: &meta.help },
        help_uri: super::rule_url(docs_url, &meta.id),
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: (!meta.references.is_empty()).then_some(Properties {
            references: &meta.references,
        }),
    }
}

fn result<'a>(
    d: &'a Diagnostic,
    rules: &[&RuleMeta],
    artifact: &ArtifactLocation,
    paragraphs: bool,
) -> SarifResult<'a> {
    let located = |artifact: ArtifactLocation, label: &'a Label| Location {
        physical_location: PhysicalLocation {
            artifact_location: artifact,
            region: region(label, paragraphs),
        },
        message: (!label.message.is_empty()).then_some(Text {
            text: &label.message,
        }),
    };
    let location = |label: &'a Label| located(artifact.clone(), label);
    SarifResult {
        rule_id: &d.rule,
        rule_index: rules.iter().position(|meta| meta.id == d.rule),
        level: level(d.severity),
        message: Text { text: &d.message },
        locations: [location(&d.primary)],
        related_locations: d
            .secondary
            .iter()
            .map(location)
            .chain(
                d.elsewhere
                    .iter()
                    .map(|e| located(artifact_location(&e.path), &e.label)),
            )
            .collect(),
    }
}

/// The region of `label`. For a Word document the "line" is the paragraph and the column counts
/// characters of the paragraph: SARIF has no such unit, so they are given as lines and columns
/// all the same (a viewer cannot show a .docx as text anyway). Its bytes are in
/// `word/document.xml`, not in the .docx artifact, so they are left out.
fn region(label: &Label, paragraphs: bool) -> Region {
    let bytes = (!paragraphs).then_some(label.bytes);
    Region {
        start_line: label.start.line,
        start_column: label.start.column,
        end_line: label.end.line,
        end_column: label.end.column,
        byte_offset: bytes.map(|b| b.start()),
        byte_length: bytes.map(|b| b.len()),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where a file is: relative paths stay relative, to the root of the sources (`%SRCROOT%`, which
/// code scanning resolves to the repository); absolute paths become `file://` URIs.
fn artifact_location(path: &Path) -> ArtifactLocation {
    let slashed = forward_slashes(path);
    if path.is_absolute() {
        let uri = if slashed.starts_with("//") {
            // A Windows UNC path, //server/share/...: the server is the URI's authority.
            format!("file:{}", percent_encode(&slashed, true))
        } else if slashed.starts_with('/') {
            format!("file://{}", percent_encode(&slashed, true))
        } else {
            // C:/...
            format!("file:///{}", percent_encode(&slashed, true))
        };
        ArtifactLocation {
            uri,
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: percent_encode(&slashed, false),
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// `path` with every byte that may not stand in a URI path percent-encoded (RFC 3986). A colon
/// is kept only in an absolute path (a drive letter): in a relative one it would read as a scheme.
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@/".contains(&byte)
            || (keep_colon && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_and_absolute_ones_become_file_uris() {
        let relative = artifact_location(Path::new("filings/2024 draft #2.md"));
        assert_eq!(relative.uri, "filings/2024%20draft%20%232.md");
        assert_eq!(relative.uri_base_id, Some("%SRCROOT%"));
        assert_eq!(
            artifact_location(Path::new("a:b/Überblick.md")).uri,
            "a%3Ab/%C3%9Cberblick.md"
        );
        if cfg!(unix) {
            let absolute = artifact_location(Path::new("/srv/filings/sd.htm"));
            assert_eq!(absolute.uri, "file:///srv/filings/sd.htm");
            assert_eq!(absolute.uri_base_id, None);
        }
    }

    #[test]
    fn word_documents_give_paragraphs_without_bytes() {
        let docx = crate::input::docx::testing::build_docx(&crate::input::docx::testing::document(
            "<w:p><w:r><w:t>FORM SD</w:t></w:r></w:p><w:p><w:r><w:t>Nothing else</w:t></w:r></w:p>",
        ));
        let file = crate::input::from_bytes("draft.docx".into(), &docx).unwrap();
        let rules = crate::RuleSet::builtin().unwrap();
        let enabled = rules.selection(&["SD-SIG-001".into()], &[]).unwrap();
        let report = crate::lint(file, &rules, &enabled);
        assert!(!report.diagnostics.is_empty());
        let metas: Vec<&RuleMeta> = rules.rules.iter().map(|r| &r.meta).collect();
        let log: serde_json::Value =
            serde_json::from_str(&render(&[report], &metas, crate::render::RULES_URL, &[]))
                .unwrap();
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().is_some());
        assert!(region.get("byteOffset").is_none());
    }
}
