//! `human`: codespan-reporting diagnostics showing the offending lines, help and references.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, Location};
use codespan_reporting::term::{self, Config, termcolor::Buffer};

use super::Summary;
use super::excerpt::Excerpt;
use crate::Report;
use crate::input::{Locator, Unit};
use crate::rules::Severity;
use crate::span::TextRange;

/// Renders every diagnostic of `reports`, then a summary line unless `quiet`.
pub fn render(reports: &[Report], color: bool, quiet: bool) -> Vec<u8> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let name = super::visible(&report.path.display().to_string()).into_owned();
        let locator = Locator::new(&report.source, &report.origin);
        let mut previous: Option<&crate::Diagnostic> = None;
        for d in &report.diagnostics {
            let same_place = previous.is_some_and(|p| at_same_place(p, d));
            previous = Some(d);
            let file = ReportFile::new(&name, &locator, d);
            let visible = |text: &str| super::visible(text).into_owned();
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
                Severity::Info => CsSeverity::Note,
            };
            let place = |range: TextRange| file.excerpt.range(range.as_range());
            let mut labels = vec![
                Label::primary((), place(d.primary.range))
                    .with_message(visible(&d.primary.message)),
            ];
            labels.extend(
                d.secondary.iter().map(|l| {
                    Label::secondary((), place(l.range)).with_message(visible(&l.message))
                }),
            );
            let mut notes = Vec::new();
            if same_place {
                // The lines were just shown: say where, not show them again.
                labels.clear();
                notes.push(format!(
                    "at {name}:{}:{}, as above: {}",
                    super::line_label(report, d.primary.start.line),
                    d.primary.start.column,
                    visible(&d.primary.message)
                ));
            }
            for other in &d.elsewhere {
                notes.push(format!(
                    "also at {}:{}:{}: {}",
                    visible(&other.path.display().to_string()),
                    other.label.start.line,
                    other.label.start.column,
                    visible(&other.label.message)
                ));
            }
            notes.push(format!("help: {}", visible(&d.help)));
            if !d.references.is_empty() {
                notes.push(format!("see: {}", visible(&d.references.join("; "))));
            }
            let diagnostic = CsDiagnostic::new(severity)
                .with_code(visible(&d.rule))
                .with_message(visible(&d.message))
                .with_labels(labels)
                .with_notes(notes);
            // Rendering into a buffer cannot fail on I/O; a range outside the file would be a
            // bug, and is shown as a plain line rather than lost.
            let mut one = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            let rendered = term::emit_to_write_style(&mut one, &config, &file, &diagnostic);
            if rendered.is_ok() {
                let mut text = one.into_inner();
                if file.locator.unit() == Unit::Paragraph {
                    text = mark_paragraph(text, &name, d.primary.start.line);
                }
                if d.severity == Severity::Info {
                    text = name_info(text);
                }
                let _ = std::io::Write::write_all(&mut buffer, &text);
            } else {
                let line = format!(
                    "{}[{}]: {} ({}:{}:{})\n",
                    d.severity.name(),
                    visible(&d.rule),
                    visible(&d.message),
                    name,
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

/// Whether `d` points where `previous` did, with no other place to show: its snippet would
/// repeat the lines just printed.
fn at_same_place(previous: &crate::Diagnostic, d: &crate::Diagnostic) -> bool {
    previous.primary.range == d.primary.range
        && previous.secondary.is_empty()
        && d.secondary.is_empty()
}

/// Names an info finding `info[RULE]` as the summary, the configuration and the docs do:
/// codespan-reporting calls its lowest severity `note`. Only the header, the first line, is
/// touched, so a message or a document that says "note[" is shown as it is.
fn name_info(text: Vec<u8>) -> Vec<u8> {
    let end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let Some(at) = text[..end].windows(5).position(|w| w == b"note[") else {
        return text;
    };
    let mut text = text;
    text[at..at + 4].copy_from_slice(b"info");
    text
}

/// Writes the location line of a Word document's diagnostic as `draft.docx:¶42:5`: codespan
/// prints `name:line:column`, and the line of a Word document is its paragraph.
fn mark_paragraph(text: Vec<u8>, name: &str, paragraph: u32) -> Vec<u8> {
    match String::from_utf8(text) {
        Ok(text) => text
            .replacen(
                &format!("{name}:{paragraph}:"),
                &format!("{name}:\u{B6}{paragraph}:"),
                1,
            )
            .into_bytes(),
        Err(err) => err.into_bytes(),
    }
}

/// A report's text as codespan sees it: snippets show the lines of the text sdlint read that
/// the diagnostic needs, made safe and short (see [`Excerpt`]); locations are those of the file
/// (the markup's lines for HTML, paragraphs for Word).
struct ReportFile<'a> {
    name: &'a str,
    locator: &'a Locator<'a>,
    excerpt: Excerpt,
    /// The number shown for a line that holds a label: the file line where the label starts.
    /// One line of HTML text can span several lines of markup, and the number beside it
    /// should agree with the location above it.
    labelled: Vec<(usize, usize)>,
}

impl<'a> ReportFile<'a> {
    fn new(name: &'a str, locator: &'a Locator<'a>, d: &crate::Diagnostic) -> Self {
        let mut labelled = Vec::new();
        let mut ranges = Vec::new();
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let line = locator.lines().line_of(label.range.start());
            if !labelled.iter().any(|&(l, _)| l == line) {
                labelled.push((line, label.start.line as usize));
            }
            ranges.push(label.range.as_range());
        }
        Self {
            name,
            locator,
            excerpt: Excerpt::new(locator, &ranges),
            labelled,
        }
    }
}

impl<'a> Files<'a> for ReportFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.excerpt.text())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.excerpt.line_index(byte_index))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        let labelled = self.labelled.iter().find(|&&(l, _)| l == line_index);
        Ok(labelled.map_or_else(|| self.locator.line_number(line_index), |&(_, n)| n))
    }

    fn location(&'a self, (): (), byte_index: usize) -> Result<Location, FilesError> {
        let offset = self.excerpt.source_offset(byte_index);
        let start = self.locator.locate(TextRange::empty(offset)).start;
        Ok(Location {
            line_number: start.line as usize,
            column_number: start.column as usize,
        })
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let lines = self.locator.lines();
        if line_index >= lines.line_count() {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: lines.line_count().saturating_sub(1),
            });
        }
        Ok(self.excerpt.line_range(line_index))
    }
}
