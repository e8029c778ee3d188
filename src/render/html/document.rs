//! The document view of the HTML report: the text sdlint read, line by line with the file's line
//! numbers, each finding marked where it points (an empty range, where an item is missing, as a
//! caret) and explained in a note under its line. Table rows of HTML and Word documents (cells
//! split by tabs) are shown as tables.

use maud::{Markup, html};

use super::{file_id, finding_id, prose, rule_id};
use crate::input::{Format, Locator};
use crate::rules::Severity;
use crate::span::TextRange;
use crate::{Diagnostic, Report};

/// A range of the text a finding points at.
struct Mark<'a> {
    range: TextRange,
    severity: Severity,
    /// The finding's index in its report.
    finding: usize,
    primary: bool,
    message: &'a str,
}

/// One line of the text: its index, where its content is (without the line break), and the
/// number shown beside it.
struct Line {
    index: usize,
    content: TextRange,
    number: String,
}

/// The section of the `index`th file of the run (`run`, whose other files places in other
/// documents of a filing link to).
pub(super) fn render(index: usize, run: &[Report]) -> Markup {
    let report = &run[index];
    let view = View::new(index, report, run);
    let counts = super::Summary::of(std::slice::from_ref(report));
    html! {
        "\n"
        section.document id=(file_id(index)) {
            h2 { (report.path.display()) }
            p.meta {
                (super::document_name(report)) " · " (report.format.name()) " · "
                (counts.counts())
            }
            @if report.diagnostics.is_empty() {
                details {
                    summary { "No findings. Show the text sdlint read" }
                    (view.text())
                }
            } @else {
                (view.text())
            }
        }
    }
}

struct View<'a> {
    file: usize,
    report: &'a Report,
    run: &'a [Report],
    marks: Vec<Mark<'a>>,
    lines: Vec<Line>,
    /// Per finding, the line under which its note is shown.
    note_line: Vec<usize>,
    /// Whether cells split by tabs are table cells (text and Markdown keep their tabs).
    tables: bool,
}

impl<'a> View<'a> {
    fn new(file: usize, report: &'a Report, run: &'a [Report]) -> Self {
        let locator = Locator::new(&report.source, &report.origin);
        let index = locator.lines();
        let text = report.source.as_str();
        let lines = (0..index.line_count())
            .map(|l| {
                let start = index.line_start(l);
                let end = index.line_start(l + 1).min(text.len());
                let content = text[start..end].trim_end_matches(['\n', '\r']);
                Line {
                    index: l,
                    content: TextRange::new(start, start + content.len()),
                    number: super::super::line_label(report, locator.line_number(l) as u32),
                }
            })
            .collect();
        let mut marks = Vec::new();
        let mut note_line = Vec::new();
        for (finding, d) in report.diagnostics.iter().enumerate() {
            let labels =
                std::iter::once((&d.primary, true)).chain(d.secondary.iter().map(|l| (l, false)));
            for (label, primary) in labels {
                marks.push(Mark {
                    range: label.range,
                    severity: d.severity,
                    finding,
                    primary,
                    message: &label.message,
                });
            }
            note_line.push(index.line_of(last_offset(d.primary.range)));
        }
        Self {
            file,
            report,
            run,
            marks,
            lines,
            note_line,
            tables: matches!(report.format, Format::Html | Format::Docx),
        }
    }

    /// Every line, with table rows grouped into tables and notes under their lines.
    fn text(&self) -> Markup {
        let class = if self.tables {
            "text prose"
        } else {
            "text plain"
        };
        let mut groups: Vec<&[Line]> = Vec::new();
        let mut rest = &self.lines[..];
        while !rest.is_empty() {
            let row = self.is_row(&rest[0]);
            let len = rest
                .iter()
                .position(|l| self.is_row(l) != row)
                .unwrap_or(rest.len());
            let (group, tail) = rest.split_at(len);
            groups.push(group);
            rest = tail;
        }
        html! {
            div class=(class) {
                "\n"
                @for group in groups {
                    @if self.is_row(&group[0]) {
                        table.grid { tbody { @for line in group {
                            tr id=(self.line_id(line.index)) {
                                td.ln { (line.number) }
                                @for cell in self.cells(line) { td { (self.content(line, cell)) } }
                            }
                            "\n"
                            @for n in self.notes_under(line.index) {
                                tr.notes { td.ln {} td colspan="99" { (self.note(n)) } }
                                "\n"
                            }
                        } } }
                        "\n"
                    } @else {
                        @for line in group {
                            div.line id=(self.line_id(line.index)) {
                                span.ln { (line.number) }
                                span.tx { (self.content(line, line.content)) }
                            }
                            "\n"
                            @for n in self.notes_under(line.index) { (self.note(n)) "\n" }
                        }
                    }
                }
            }
        }
    }

    fn is_row(&self, line: &Line) -> bool {
        self.tables && self.report.source[line.content.as_range()].contains('\t')
    }

    /// The cells of a table row: the ranges between its tabs.
    fn cells(&self, line: &Line) -> Vec<TextRange> {
        let text = &self.report.source[line.content.as_range()];
        let mut cells = Vec::new();
        let mut start = line.content.start();
        for (i, _) in text.match_indices('\t') {
            cells.push(TextRange::new(start, line.content.start() + i));
            start = line.content.start() + i + 1;
        }
        cells.push(TextRange::new(start, line.content.end()));
        cells
    }

    fn notes_under(&self, line: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.note_line.len()).filter(move |&n| self.note_line[n] == line)
    }

    /// The text of `part` (a line or one of its cells), split where marks start and end, with
    /// a caret for each empty mark and the finding's number after each primary mark.
    fn content(&self, line: &Line, part: TextRange) -> Markup {
        let text = &self.report.source;
        // Inclusive at both ends: a tab stands between two cells, so no offset is in both.
        let in_part = |offset: usize| part.start() <= offset && offset <= part.end();
        // Carets and numbers, at their offsets.
        let mut points: Vec<(usize, &Mark)> = Vec::new();
        for mark in self.marks.iter().filter(|m| m.primary) {
            let at = if mark.range.is_empty() {
                mark.range.start()
            } else {
                mark.range.end()
            };
            let on_line = self.note_line[mark.finding] == line.index;
            if on_line && in_part(at.min(line.content.end())) {
                points.push((at.min(line.content.end()), mark));
            }
        }
        let mut cuts = vec![part.start(), part.end()];
        for mark in &self.marks {
            for offset in [mark.range.start(), mark.range.end()] {
                if part.start() < offset && offset < part.end() {
                    cuts.push(offset);
                }
            }
        }
        cuts.extend(points.iter().map(|(at, _)| *at));
        cuts.sort_unstable();
        cuts.dedup();
        html! {
            @for (i, &cut) in cuts.iter().enumerate() {
                @for (_, mark) in points.iter().filter(|(at, _)| *at == cut) {
                    (self.point(mark))
                }
                @if let Some(&next) = cuts.get(i + 1) {
                    @let segment = TextRange::new(cut, next);
                    @let covering: Vec<&Mark> = self.marks.iter()
                        .filter(|m| m.range.start() <= cut && next <= m.range.end() && !m.range.is_empty())
                        .collect();
                    @if covering.is_empty() {
                        (text[segment.as_range()])
                    } @else {
                        (self.highlight(&covering, &text[segment.as_range()]))
                    }
                }
            }
        }
    }

    /// `text` marked for the marks covering it: in the colour of the most severe finding whose
    /// primary range it is in, or underlined when it is only a secondary place.
    fn highlight(&self, covering: &[&Mark], text: &str) -> Markup {
        let primary = covering
            .iter()
            .filter(|m| m.primary)
            .map(|m| m.severity)
            .max();
        let class = match primary {
            Some(severity) => format!("hl {}", severity.name()),
            None => "hl2".to_owned(),
        };
        let title: Vec<String> = covering
            .iter()
            .map(|m| {
                let d = &self.report.diagnostics[m.finding];
                let label = if m.message.is_empty() {
                    &d.message
                } else {
                    m.message
                };
                format!("{} #{}: {label}", d.rule, m.finding + 1)
            })
            .collect();
        html! { mark class=(class) title=(title.join("\n")) { (text) } }
    }

    /// The number of a finding after the range it points at, or a caret where an item is
    /// missing; either links to the note.
    fn point(&self, mark: &Mark) -> Markup {
        let href = format!("#{}", finding_id(self.file, mark.finding));
        let severity = mark.severity.name();
        html! {
            @if mark.range.is_empty() {
                a class={ "caret " (severity) } href=(href) title="Something is missing here" {
                    "\u{2038}" sup { (mark.finding + 1) }
                }
            } @else {
                a class={ "ref " (severity) } href=(href) { sup { (mark.finding + 1) } }
            }
        }
    }

    /// The note of finding `n`: what is wrong, where else it involves, the fix and the
    /// citations. An info finding's note is folded.
    fn note(&self, n: usize) -> Markup {
        let d = &self.report.diagnostics[n];
        let severity = d.severity.name();
        let id = finding_id(self.file, n);
        let head = html! {
            span.num { (n + 1) }
            span class={ "badge " (severity) } { (severity) }
            a.rule href={ "#" (rule_id(&d.rule)) } title={ "What " (d.rule) " checks" } { (d.rule) }
            span.msg { (prose(&d.message)) }
        };
        html! {
            @if d.severity == Severity::Info {
                details class={ "note " (severity) } id=(id) {
                    summary { (head) }
                    (self.note_body(d))
                }
            } @else {
                aside class={ "note " (severity) } id=(id) {
                    p.head { (head) }
                    (self.note_body(d))
                }
            }
        }
    }

    fn note_body(&self, d: &Diagnostic) -> Markup {
        let locator = Locator::new(&self.report.source, &self.report.origin);
        html! {
            @if !d.primary.message.is_empty() && d.primary.message != d.message {
                p.label { (prose(&d.primary.message)) }
            }
            @if !d.secondary.is_empty() {
                ul.related {
                    @for label in &d.secondary {
                        @let line = locator.lines().line_of(label.range.start());
                        li {
                            a href={ "#" (self.line_id(line)) } {
                                "line " (super::super::line_label(self.report, label.start.line))
                            }
                            ": " (prose(&label.message))
                        }
                    }
                }
            }
            @if !d.elsewhere.is_empty() {
                ul.related {
                    @for other in &d.elsewhere {
                        li {
                            @match self.place_in(other) {
                                (place, Some(id)) => a href={ "#" (id) } { (place) },
                                (place, None) => (place),
                            }
                            ": " (prose(&other.label.message))
                        }
                    }
                }
            }
            p.help { strong { "How to fix: " } (prose(&d.help)) }
            @if !d.references.is_empty() {
                p.refs { strong { "See: " } (d.references.join("; ")) }
            }
        }
    }

    fn line_id(&self, line: usize) -> String {
        text_line_id(self.file, line)
    }

    /// A place in another document of the filing ("ex1-01.htm, line 12"), with the id of its
    /// line in that document's view when the document is in the run.
    fn place_in(&self, other: &crate::diagnostic::Elsewhere) -> (String, Option<String>) {
        let found = self
            .run
            .iter()
            .enumerate()
            .find(|(_, r)| r.path == other.path);
        let Some((file, report)) = found else {
            let place = format!("{}, line {}", other.path.display(), other.label.start.line);
            return (place, None);
        };
        let line_label = super::super::line_label(report, other.label.start.line);
        let place = format!("{}, line {line_label}", other.path.display());
        let locator = Locator::new(&report.source, &report.origin);
        let line = locator.lines().line_of(other.label.range.start());
        (place, Some(text_line_id(file, line)))
    }
}

fn text_line_id(file: usize, line: usize) -> String {
    format!("{}-text-{}", file_id(file), line + 1)
}

/// The offset of the last character of `range`, or its start when it is empty: the line of a
/// finding's note.
fn last_offset(range: TextRange) -> usize {
    if range.is_empty() {
        range.start()
    } else {
        range.end() - 1
    }
}
