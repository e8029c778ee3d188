//! sdlint's diagnostics as the protocol's: ranges in UTF-16 positions of the editor's text,
//! the rule id as `code` linking to its documentation, second places as related information;
//! and the code action that suppresses a rule on a line.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, TextEdit, Url, WorkspaceEdit,
};
use sdlint::{Report, Severity};

use super::position::Lines;

/// A diagnostic as published, with what hover and code actions need of it.
pub struct Published {
    pub diagnostic: Diagnostic,
    pub rule: String,
    /// Byte range of its primary place in the document's text.
    pub start: usize,
    pub end: usize,
}

/// The diagnostics of `report`, linted from `text` (so that its byte ranges are offsets of
/// `text`), for the document at `uri`; each rule links to its section at `docs_url`. Places in
/// other documents of the filing are related information when `open` gives the document at
/// that path (its uri and text).
pub fn diagnostics<'a>(
    report: &Report,
    text: &str,
    uri: &Url,
    docs_url: &str,
    open: &dyn Fn(&Path) -> Option<(&'a Url, &'a str)>,
) -> Vec<Published> {
    let lines = Lines::new(text);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let related: Vec<DiagnosticRelatedInformation> = d
                .secondary
                .iter()
                .map(|label| DiagnosticRelatedInformation {
                    location: Location::new(
                        uri.clone(),
                        lines.range(label.bytes.start(), label.bytes.end()),
                    ),
                    message: label.message.clone(),
                })
                .chain(d.elsewhere.iter().filter_map(|other| {
                    let (uri, text) = open(&other.path)?;
                    let lines = Lines::new(text);
                    let label = &other.label;
                    Some(DiagnosticRelatedInformation {
                        location: Location::new(
                            uri.clone(),
                            lines.range(label.bytes.start(), label.bytes.end()),
                        ),
                        message: label.message.clone(),
                    })
                }))
                .collect();
            let href = Url::parse(&sdlint::render::rule_url(docs_url, &d.rule)).ok();
            let diagnostic = Diagnostic {
                range: lines.range(d.primary.bytes.start(), d.primary.bytes.end()),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.rule.clone())),
                code_description: href.map(|href| CodeDescription { href }),
                source: Some("sdlint".to_owned()),
                message: d.message.clone(),
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            };
            Published {
                diagnostic,
                rule: d.rule.clone(),
                start: d.primary.bytes.start(),
                end: d.primary.bytes.end(),
            }
        })
        .collect()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A quick fix that puts `<!-- sdlint-disable-next-line RULE -- reason -->` on its own line
/// above the line where `found` starts, indented as that line is, with a reason to fill in.
pub fn suppression(found: &Published, text: &str, uri: &Url) -> CodeAction {
    let lines = Lines::new(text);
    let start = lines.line_start(found.start.min(text.len()));
    let indent: String = text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let at = lines.position(start);
    let edit = TextEdit::new(
        lsp_types::Range::new(at, at),
        format!(
            "{indent}<!-- sdlint-disable-next-line {} -- reason -->\n",
            found.rule
        ),
    );
    CodeAction {
        title: format!("Suppress {} on this line (give the reason)", found.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![found.diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suppression_goes_above_the_line_with_its_indent() {
        let text = "FORM SD\n  é SIGNATURES\n";
        let uri = Url::parse("file:///tmp/draft.md").unwrap();
        let start = text.find("SIGNATURES").unwrap();
        let lines = Lines::new(text);
        let found = Published {
            diagnostic: Diagnostic::new_simple(lines.range(start, start + 10), "x".into()),
            rule: "SD-SIG-005".into(),
            start,
            end: start + 10,
        };
        let action = suppression(&found, text, &uri);
        let edits = &action.edit.unwrap().changes.unwrap()[&uri];
        assert_eq!(edits[0].range.start, lsp_types::Position::new(1, 0));
        assert_eq!(
            edits[0].new_text,
            "  <!-- sdlint-disable-next-line SD-SIG-005 -- reason -->\n"
        );
    }
}
