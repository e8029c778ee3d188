//! `human`: codespan-reporting diagnostics showing the offending lines, help and references.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

use super::Summary;
use crate::Report;
use crate::rules::Severity;

/// Renders every diagnostic of `reports`, then a summary line unless `quiet`.
pub fn render(reports: &[Report], color: bool, quiet: bool) -> Vec<u8> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for report in reports {
        let file = SimpleFile::new(report.path.display().to_string(), report.source.as_str());
        for d in &report.diagnostics {
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
                Severity::Info => CsSeverity::Note,
            };
            let mut labels = vec![
                Label::primary((), d.primary.range.as_range()).with_message(&d.primary.message),
            ];
            labels.extend(
                d.secondary
                    .iter()
                    .map(|l| Label::secondary((), l.range.as_range()).with_message(&l.message)),
            );
            let mut notes = vec![format!("help: {}", d.help)];
            if !d.references.is_empty() {
                notes.push(format!("see: {}", d.references.join("; ")));
            }
            let diagnostic = CsDiagnostic::new(severity)
                .with_code(&d.rule)
                .with_message(&d.message)
                .with_labels(labels)
                .with_notes(notes);
            // Rendering into a buffer cannot fail on I/O; a range outside the file would be a
            // bug, and is shown as a plain line rather than lost.
            if term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic).is_err() {
                let line = format!(
                    "{}[{}]: {} ({}:{}:{})\n",
                    d.severity.name(),
                    d.rule,
                    d.message,
                    report.path.display(),
                    d.primary.start.line,
                    d.primary.start.column
                );
                let _ = std::io::Write::write_all(&mut buffer, line.as_bytes());
            }
        }
    }
    if !quiet {
        let _ = std::io::Write::write_all(
            &mut buffer,
            format!("{}\n", Summary::of(reports).sentence()).as_bytes(),
        );
    }
    buffer.into_inner()
}
