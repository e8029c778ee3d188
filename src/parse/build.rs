//! Turns the grammar's classified lines into a [`Document`]: its kind, scopes and fields.

use pest::iterators::{Pair, Pairs};

use super::Rule;
use super::document::{Document, DocumentKind, Fields, Scope, ScopeSpan};
use super::line::{ItemHeading, Line, LineKind};
use crate::span::TextRange;

/// How many wrapped lines may continue the cover's Rule 13p-1 line.
const PERIOD_LINE_CONTINUATIONS: usize = 4;

/// The longest section caption, item caption and heading line; longer ones are paragraphs.
const SECTION_TITLE_MAX_LEN: usize = 100;
const ITEM_TITLE_MAX_LEN: usize = 120;
const HEADING_MAX_LEN: usize = 200;
/// The longest annex caption (`LineKind::Annex`); a longer line naming smelters and a list is a
/// sentence about them.
const CAPTION_MAX_LEN: usize = 120;

/// The lines of a parsed `document` pair.
pub(super) fn lines(pairs: Pairs<'_, Rule>) -> Vec<Line> {
    pairs
        .filter(|p| p.as_rule() != Rule::EOI)
        .map(|pair| {
            let range = range_of(&pair);
            let kind = kind_of(pair);
            let kind = if too_long(&kind, range) {
                LineKind::Text
            } else {
                kind
            };
            Line { range, kind }
        })
        .collect()
}

/// Whether a line classified as a heading is too long to be one.
fn too_long(kind: &LineKind, range: TextRange) -> bool {
    match kind {
        LineKind::Section { title, .. } => title.len() > SECTION_TITLE_MAX_LEN,
        LineKind::Item(item) => item.title.len() > ITEM_TITLE_MAX_LEN,
        LineKind::CmrTitle | LineKind::Part | LineKind::Step { .. } | LineKind::Numbered => {
            range.len() > HEADING_MAX_LEN
        }
        LineKind::Annex => range.len() > CAPTION_MAX_LEN,
        _ => false,
    }
}

/// Every non-blank line as plain text.
pub(super) fn plain_lines(text: &str) -> Vec<Line> {
    let mut offset = 0;
    text.split('\n')
        .filter_map(|line| {
            let start = offset;
            offset += line.len() + 1;
            (!line.trim().is_empty()).then(|| Line {
                range: TextRange::new(start, start + line.len()),
                kind: LineKind::Text,
            })
        })
        .collect()
}

fn range_of(pair: &Pair<'_, Rule>) -> TextRange {
    let span = pair.as_span();
    TextRange::new(span.start(), span.end())
}

fn kind_of(pair: Pair<'_, Rule>) -> LineKind {
    match pair.as_rule() {
        Rule::separator => LineKind::Separator,
        Rule::page_number => LineKind::PageNumber,
        Rule::period_line => LineKind::PeriodLine,
        Rule::section_heading => section(pair),
        Rule::item_heading => pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::item_inline)
            .filter(|p| !continues_prose(p))
            .map_or(LineKind::Text, |p| LineKind::Item(Box::new(item(p)))),
        Rule::signatures_heading => LineKind::Signatures,
        Rule::exhibit_index_heading => LineKind::ExhibitIndex,
        Rule::exhibit_label => LineKind::ExhibitLabel {
            number: inner_str(pair, Rule::exhibit_number),
        },
        Rule::exhibit_entry => {
            let number = pair
                .into_inner()
                .find(|p| {
                    matches!(
                        p.as_rule(),
                        Rule::exhibit_number | Rule::bare_exhibit_number
                    )
                })
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default();
            LineKind::ExhibitEntry { number }
        }
        Rule::signature_line => LineKind::SignatureLine,
        Rule::caption_line => LineKind::Caption,
        Rule::cmr_title => LineKind::CmrTitle,
        Rule::part_heading => LineKind::Part,
        Rule::step_heading => LineKind::Step {
            number: inner_str(pair, Rule::step_number).parse().unwrap_or(0),
        },
        Rule::annex_caption => LineKind::Annex,
        Rule::numbered_heading => LineKind::Numbered,
        Rule::table_row => LineKind::Table,
        _ => text_kind(pair.as_str()),
    }
}

/// The kind of a line the grammar reads as text: an annex caption, a title or a paragraph's
/// line, by its shape.
fn text_kind(line: &str) -> LineKind {
    if super::line::names_facility_list(line) {
        LineKind::Annex
    } else if is_title_shaped(line) {
        LineKind::Title
    } else {
        LineKind::Text
    }
}

/// Lines of one cell after a tab's indentation ("\tOur suppliers named three smelters." in a
/// text that starts every paragraph with a tab) that are no table rows. A row of one cell is
/// the rest of the row right above it (a facility name wrapped under its row, a line with no
/// blank line between), so such a line is a row only under a row, and only when it reads
/// neither as a sentence nor as an annex's caption. Any other becomes the line it is without
/// its tabs.
fn demote_indented_lines(text: &str, lines: &mut [Line]) {
    for i in 0..lines.len() {
        if lines[i].kind != LineKind::Table {
            continue;
        }
        let words = line_text(text, &lines[i]);
        if !is_one_cell(words) {
            continue;
        }
        let under_row = i > 0
            && lines[i - 1].kind == LineKind::Table
            && same_paragraph(text, &lines[i - 1], &lines[i]);
        let kind = if under_row {
            if super::reading::in_sentence_case(words) {
                LineKind::Text
            } else if super::line::names_facility_list(words) {
                LineKind::Annex
            } else {
                continue;
            }
        } else {
            text_kind(words)
        };
        lines[i].kind = if too_long(&kind, lines[i].range) {
            LineKind::Text
        } else {
            kind
        };
    }
}

/// Whether a table row is one cell after its indentation: no tab or pipe between cells.
fn is_one_cell(line: &str) -> bool {
    let cell = line.trim_start_matches([' ', '\t']).trim_end_matches(' ');
    !cell.starts_with('|') && !cell.contains('\t')
}

/// The longest line that can read as a title.
const TITLE_MAX_LEN: usize = 150;

/// Whether a text line reads as a title or heading rather than a paragraph: short, starting
/// with a capital letter, and not ending like a sentence or a list item.
fn is_title_shaped(line: &str) -> bool {
    let line = line
        .trim_start_matches([' ', '\t', '>', '•', '·'])
        .trim_end();
    line.len() <= TITLE_MAX_LEN
        && line.starts_with(|c: char| c.is_ascii_uppercase())
        && !line.ends_with(['.', ';', ','])
}

fn inner_str(pair: Pair<'_, Rule>, rule: Rule) -> String {
    pair.into_inner()
        .find(|p| p.as_rule() == rule)
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default()
}

fn section(pair: Pair<'_, Rule>) -> LineKind {
    let mut number = 0;
    let mut title = TextRange::default();
    let mut item_heading = None;
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::section_number => number = inner.as_str().parse().unwrap_or(0),
            Rule::section_title => title = range_of(&inner),
            Rule::item_inline => item_heading = Some(Box::new(item(inner))),
            _ => {}
        }
    }
    LineKind::Section {
        number,
        title,
        item: item_heading,
    }
}

/// Whether an item heading's words go on as a sentence in lower case: "Item 1.01 above is
/// filed as Exhibit 1.01", a line of wrapped prose that starts with an item reference, where a
/// caption starts with a capital ("Item 1.01 Conflict Minerals Disclosure and Report").
fn continues_prose(item_inline: &Pair<'_, Rule>) -> bool {
    item_inline
        .clone()
        .into_inner()
        .find(|p| p.as_rule() == Rule::item_title)
        .and_then(|title| title.as_str().chars().next())
        .is_some_and(|c| c.is_lowercase())
}

fn item(pair: Pair<'_, Rule>) -> ItemHeading {
    let range = range_of(&pair);
    let mut number = String::new();
    let mut title = TextRange::empty(range.end());
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::item_number => number = inner.as_str().to_owned(),
            Rule::item_title => title = range_of(&inner),
            _ => {}
        }
    }
    ItemHeading {
        number,
        range,
        title,
    }
}

/// Assembles the document from its classified lines. `parts` are the documents of a filing
/// joined into `text`, in order (empty for a text that is one document).
pub(super) fn document(
    text: String,
    mut lines: Vec<Line>,
    columns: &dyn super::Columns,
    parts: &[super::Part],
) -> Document {
    demote_indented_lines(&text, &mut lines);
    // Running headers and footers with their page number are page furniture, like a page number
    // on its own: out of the paragraphs, the tables and the scopes' headings.
    super::reading::demote_wrapped_landmarks(&text, &mut lines);
    super::reading::join_wrapped_titles(&text, &mut lines);
    let running = super::reading::numbered_running_lines(&text, &lines);
    for (line, running) in lines.iter_mut().zip(running) {
        if running {
            line.kind = LineKind::PageNumber;
        }
    }
    demote_running_titles(&text, &mut lines);
    let headers = super::reading::page_headers(&text, &lines);
    for (line, header) in lines.iter_mut().zip(headers) {
        if header {
            line.kind = LineKind::PageNumber;
        }
    }
    // An EDGAR submission's SEC header comes before every document and belongs to none.
    let body = super::envelope::body_start(&text);
    let kind = if parts.is_empty() {
        super::kind::of_lines(&text, &lines)
    } else {
        filing_kind(parts)
    };
    // In a filing of several documents, each one's scopes end where the next document starts,
    // and the report is the document that is the report (never one found in another's text).
    let part_end = |kind: DocumentKind| {
        let at = parts.iter().position(|p| p.kind == kind)?;
        Some(parts.get(at + 1).map_or(text.len(), |next| next.start))
    };
    let cmr_part = parts
        .iter()
        .find(|p| p.kind == DocumentKind::Cmr)
        .map(|p| first_content_line_from(&lines, p.start));
    let cmr_end = part_end(DocumentKind::Cmr).unwrap_or(text.len());
    let form_end = if parts.is_empty() {
        None
    } else {
        Some(part_end(DocumentKind::FormSd).unwrap_or(text.len()))
    };
    let mut scopes = vec![ScopeSpan {
        scope: Scope::Document,
        range: TextRange::new(0, text.len()),
        heading: first_content_line(&lines, body).map_or(TextRange::empty(0), |l| l.range),
    }];
    match kind {
        DocumentKind::FormSd | DocumentKind::ResourceExtraction => {
            let cmr = cmr_part.map(|start| (start, cmr_end));
            let ends = (body, form_end);
            form_sd_scopes(&text, &lines, cmr, ends, &mut scopes);
        }
        DocumentKind::Cmr => {
            let start = cmr_part.unwrap_or_else(|| first_content_line_from(&lines, body));
            cmr_scopes(&text, &lines, start, cmr_end, &mut scopes);
        }
        DocumentKind::Ipsa => {
            let start = first_content_line_from(&lines, body);
            audit_report_scope(&lines, start, text.len(), &mut scopes);
        }
        DocumentKind::Unknown => {}
    }
    // The audit report filed as a document of its own, after the Form SD or the report.
    if kind != DocumentKind::Ipsa
        && let Some(part) = parts.iter().find(|p| p.kind == DocumentKind::Ipsa)
        && let Some(end) = part_end(DocumentKind::Ipsa)
    {
        let start = first_content_line_from(&lines, part.start);
        audit_report_scope(&lines, start, end, &mut scopes);
    }
    table_scopes(&lines, &mut scopes);
    scopes.sort_by_key(|s| (s.range.start, s.scope));
    let paragraphs = super::reading::paragraphs(&text, &lines);
    let reading = super::reading::flowed(&text, &lines);
    let mut doc = Document {
        kind,
        paragraphs,
        reading,
        text,
        lines,
        scopes,
        fields: Fields::default(),
        tables: Vec::new(),
        filing: super::document::Filing::default(),
    };
    smelter_annex(&mut doc);
    doc.fields = super::fields::extract(&doc, columns);
    doc
}

/// The report's smelter tables (those within the report, not rows of an audit report after
/// it), and the annex scope they extend or, without an annex caption, make.
fn smelter_annex(doc: &mut Document) {
    if let Some(cmr) = doc.scope(Scope::Cmr).map(|s| s.range) {
        let first = doc.lines.partition_point(|l| l.range.start < cmr.start);
        let last = doc.lines.partition_point(|l| l.range.start < cmr.end);
        doc.tables = super::table::smelter_tables(&doc.text, &doc.lines[first..last]);
        // The annex ends with its last table; one without a caption starts at its header.
        let tables_end = doc.tables.last().map(|t| t.range.end);
        if let Some(end) = tables_end
            && let Some(annex) = doc.scopes.iter_mut().find(|s| s.scope == Scope::CmrAnnex)
        {
            annex.range.end = annex.range.end.max(end);
        }
        if doc.scope(Scope::CmrAnnex).is_none()
            && let Some(table) = doc.tables.first()
        {
            let start = table.caption.unwrap_or(table.header);
            let end = doc.tables.last().map_or(table.range.end, |t| t.range.end);
            doc.scopes.push(ScopeSpan {
                scope: Scope::CmrAnnex,
                range: TextRange::new(start.start(), end as usize),
                heading: start,
            });
            doc.scopes.sort_by_key(|s| (s.range.start, s.scope));
        }
    }
}

/// The kind of a filing made of `parts`: a Form SD with its exhibits, or the report without one.
fn filing_kind(parts: &[super::Part]) -> DocumentKind {
    [DocumentKind::FormSd, DocumentKind::Cmr, DocumentKind::Ipsa]
        .into_iter()
        .find(|kind| parts.iter().any(|p| p.kind == *kind))
        .unwrap_or(DocumentKind::Unknown)
}

/// The index of the first line at or after `offset` that is not a separator or a page number
/// (the first line at or after it when all are; 0 when there is none).
fn first_content_line_from(lines: &[Line], offset: usize) -> usize {
    let from = lines.partition_point(|l| l.range.start() < offset);
    lines[from..]
        .iter()
        .position(|l| !matches!(l.kind, LineKind::Separator | LineKind::PageNumber))
        .map_or(from.min(lines.len().saturating_sub(1)), |i| from + i)
}

/// The first line at or after `offset` that is not a separator or a page number.
fn first_content_line(lines: &[Line], offset: usize) -> Option<&Line> {
    let from = lines.partition_point(|l| l.range.start() < offset);
    lines[from..]
        .iter()
        .find(|l| !matches!(l.kind, LineKind::Separator | LineKind::PageNumber))
        .or(lines.get(from))
        .or(lines.first())
}

fn line_text<'t>(text: &'t str, line: &Line) -> &'t str {
    &text[line.range.as_range()]
}

/// A landmark of the Form SD body that ends the scope before it.
#[derive(Clone, Copy, Debug)]
struct Mark {
    offset: usize,
    heading: TextRange,
    what: MarkKind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum MarkKind {
    Section(u8),
    /// Item number as (section, item): "1.02" is (1, 2).
    Item(u8, u8),
    Signatures,
    ExhibitIndex,
    Cmr,
}

fn item_numbers(number: &str) -> (u8, u8) {
    let mut parts = number.split('.');
    let section = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let item = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    (section, item)
}

/// The scopes of a Form SD, whose text starts at `body` (after an EDGAR submission's header).
/// In a filing of several documents, `form_end` is where the Form SD ends and `cmr_part` the
/// first line of the report and where it ends, if there is one; in a single text, the report
/// is looked for after the Form SD.
fn form_sd_scopes(
    text: &str,
    lines: &[Line],
    cmr_part: Option<(usize, usize)>,
    (body, form_end): (usize, Option<usize>),
    scopes: &mut Vec<ScopeSpan>,
) {
    let end = form_end.unwrap_or(text.len());
    let within = |i: &usize| lines[*i].range.start() < end;
    let signatures = signatures_start(text, lines).filter(within);
    let exhibit_index = lines
        .iter()
        .position(|l| l.kind == LineKind::ExhibitIndex)
        .filter(within);
    let cmr = match form_end {
        Some(_) => cmr_part.filter(|&(i, _)| i < lines.len()),
        None => cmr_start(text, lines, signatures, exhibit_index).map(|i| (i, text.len())),
    };
    let body_end = cmr.map_or(end, |(i, _)| lines[i].range.start().min(end));
    if let Some((start, cmr_end)) = cmr {
        cmr_scopes(text, lines, start, cmr_end, scopes);
    }

    let marks = body_marks(
        lines,
        body_end,
        [
            (signatures, MarkKind::Signatures),
            (exhibit_index, MarkKind::ExhibitIndex),
            (cmr.map(|(i, _)| i), MarkKind::Cmr),
        ],
    );
    let cover_end = marks.first().map_or(body_end, |m| m.offset);
    if let Some(first) = first_content_line(lines, body)
        && first.range.start() < cover_end
    {
        scopes.push(ScopeSpan {
            scope: Scope::Cover,
            // After a submission's header, the cover starts with its first line.
            range: TextRange::new(if body > 0 { first.range.start() } else { 0 }, cover_end),
            heading: first.range,
        });
    }
    period_line_scopes(text, lines, cover_end, scopes);
    mark_scopes(text, &marks, end, scopes);
}

/// The marks that open the scopes of a Form SD's body (the text before `body_end`): its
/// sections and items, and the `landmarks` found (the index of their line, if any), in order.
fn body_marks(
    lines: &[Line],
    body_end: usize,
    landmarks: [(Option<usize>, MarkKind); 3],
) -> Vec<Mark> {
    let mut marks = Vec::new();
    for line in lines.iter().take_while(|l| l.range.start() < body_end) {
        match &line.kind {
            LineKind::Section { number, item, .. } => {
                marks.push(Mark {
                    offset: line.range.start(),
                    heading: line.range,
                    what: MarkKind::Section(*number),
                });
                if let Some(item) = item {
                    let (s, i) = item_numbers(&item.number);
                    marks.push(Mark {
                        offset: item.range.start(),
                        heading: item.range,
                        what: MarkKind::Item(s, i),
                    });
                }
            }
            LineKind::Item(item) => {
                let (s, i) = item_numbers(&item.number);
                marks.push(Mark {
                    offset: line.range.start(),
                    heading: line.range,
                    what: MarkKind::Item(s, i),
                });
            }
            _ => {}
        }
    }
    for (index, what) in landmarks {
        if let Some(i) = index {
            marks.push(Mark {
                offset: lines[i].range.start(),
                heading: lines[i].range,
                what,
            });
        }
    }
    marks.sort_by_key(|m| m.offset);
    marks
}

/// The scopes the sorted `marks` open in a Form SD ending at `end`: Section 1 and its items,
/// the exhibits item, the signatures and the exhibit index, each up to the first later mark
/// that ends it.
fn mark_scopes(text: &str, marks: &[Mark], end: usize, scopes: &mut Vec<ScopeSpan>) {
    // The end of a scope opened by `marks[from]`: the first later mark that `ends` accepts.
    let scope_end = |from: usize, ends: &dyn Fn(MarkKind) -> bool| {
        marks[from + 1..]
            .iter()
            .find(|m| m.offset > marks[from].offset && ends(m.what))
            .map_or(end, |m| m.offset)
    };
    let mut push = |scope, from: usize, ends: &dyn Fn(MarkKind) -> bool| {
        scopes.push(ScopeSpan {
            scope,
            range: TextRange::new(marks[from].offset, scope_end(from, ends)),
            heading: marks[from].heading,
        });
    };

    let is_section_1 = |m: MarkKind| matches!(m, MarkKind::Section(1) | MarkKind::Item(1, _));
    if let Some(i) = marks.iter().position(|m| is_section_1(m.what)) {
        push(Scope::Section1, i, &|m| !is_section_1(m));
    }
    for (number, scope) in [(1, Scope::Item101), (2, Scope::Item102)] {
        if let Some(i) = marks
            .iter()
            .position(|m| m.what == MarkKind::Item(1, number))
        {
            push(scope, i, &|_| true);
        }
    }
    // The exhibits item is the section or item headed "Exhibits"; by its number only when no
    // heading says so. The form since 2021 has a Section 2 of its own (Resource Extraction
    // Issuer Disclosure, Item 2.01) before Section 3 - Exhibits.
    let exhibits_mark =
        |m: &Mark| matches!(m.what, MarkKind::Section(2 | 3) | MarkKind::Item(2 | 3, 1));
    let exhibits = marks
        .iter()
        .position(|m| exhibits_mark(m) && mark_mentions_exhibits(text, m))
        .or_else(|| {
            marks.iter().position(|m| match m.what {
                MarkKind::Section(n @ (2 | 3)) => {
                    matches!(marks.iter().find(|o| o.offset > m.offset), Some(o) if o.what == MarkKind::Item(n, 1))
                }
                MarkKind::Item(2 | 3, 1) => true,
                _ => false,
            })
        });
    if let Some(i) = exhibits {
        let opened_by = marks[i].what;
        push(Scope::ExhibitsItem, i, &|m| match (opened_by, m) {
            (MarkKind::Section(n), MarkKind::Item(s, _)) => s != n,
            _ => true,
        });
    }
    for (what, scope) in [
        (MarkKind::Signatures, Scope::Signatures),
        (MarkKind::ExhibitIndex, Scope::ExhibitIndex),
    ] {
        if let Some(i) = marks.iter().position(|m| m.what == what) {
            push(scope, i, &|m| {
                matches!(
                    m,
                    MarkKind::Signatures | MarkKind::ExhibitIndex | MarkKind::Cmr
                )
            });
        }
    }
}

fn mark_mentions_exhibits(text: &str, mark: &Mark) -> bool {
    text[mark.heading.as_range()]
        .to_ascii_lowercase()
        .contains("exhibit")
}

/// The line where the signature block starts: the SIGNATURES heading or, failing that, the
/// signature legend ("Pursuant to the requirements of the Securities Exchange Act of 1934 ...").
fn signatures_start(text: &str, lines: &[Line]) -> Option<usize> {
    static LEGEND: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::patterns::ascii(
            r"pursuant\s+to\s+the\s+requirements\s+of\s+the\s+securities\s+(?:and\s+)?exchange\s+act\b(?su:.){0,200}?duly\s+caused",
        )
    });
    lines
        .iter()
        .position(|l| l.kind == LineKind::Signatures)
        .or_else(|| {
            // The legend may be wrapped over several lines: find it in the text.
            let at = LEGEND.find(text)?.start();
            lines.iter().rposition(|l| l.range.start() <= at)
        })
}

/// A running header that names the report ("Acme Corp. -- Form SD and Conflict Minerals Report"
/// atop every page) is page furniture, not the report's title: the report starts at its label
/// or its own title, wherever the header first appears. Only when the header is the one line
/// that could start the report (no exhibit label, no other title) does its first appearance
/// stay the title.
fn demote_running_titles(text: &str, lines: &mut [Line]) {
    let running = super::reading::running_lines(text, lines);
    if !lines
        .iter()
        .zip(&running)
        .any(|(l, &running)| l.kind == LineKind::CmrTitle && running)
    {
        return;
    }
    let other_start = lines.iter().enumerate().any(|(i, l)| {
        matches!(l.kind, LineKind::ExhibitLabel { .. })
            || (l.kind == LineKind::CmrTitle && !running[i])
    });
    let mut kept = other_start;
    for (i, line) in lines.iter_mut().enumerate() {
        if line.kind == LineKind::CmrTitle && running[i] {
            if kept {
                line.kind = LineKind::PageNumber;
            }
            kept = true;
        }
    }
}

/// The line where the attached CMR starts: an "Exhibit 1.01" label or a title naming the
/// Conflict Minerals Report after the signature block and exhibit index (or after the last
/// item of the Form SD body when those are missing).
fn cmr_start(
    text: &str,
    lines: &[Line],
    signatures: Option<usize>,
    exhibit_index: Option<usize>,
) -> Option<usize> {
    let last_item = lines
        .iter()
        .rposition(|l| matches!(l.kind, LineKind::Item(_) | LineKind::Section { .. }));
    let from = signatures.max(exhibit_index).or(last_item)?;
    // Inside an exhibit index the first entry naming the report is the index's own entry; a
    // later one ("Exhibit 1.01 - Conflict Minerals Report of ...") heads the report itself.
    let mut index_entry_seen = false;
    let found = lines.iter().enumerate().skip(from + 1).find(|(_, l)| {
        let lower = line_text(text, l).to_ascii_lowercase();
        // The phrase inside an exhibit label, an index entry or a row, lines the grammar classes
        // as something other than the title (`LineKind::CmrTitle`, matched below). Literal and
        // single-spaced, unlike `patterns::CMR_PHRASE`: which index entries count is pinned by
        // the snapshots.
        let names_report =
            lower.contains("conflict minerals report") || lower.contains("conflict mineral report");
        match &l.kind {
            // Exhibit 1.02 is the audit report, whatever its description says of the report
            // it is on ("1.02  Report of Independent Accountants on the Conflict Minerals
            // Report"): its label or entry never starts the report.
            LineKind::ExhibitLabel { number } | LineKind::ExhibitEntry { number }
                if is_audit_exhibit(number) =>
            {
                false
            }
            LineKind::ExhibitLabel { .. } => true,
            LineKind::CmrTitle => !lower.contains("as required by"),
            LineKind::ExhibitEntry { .. } if names_report && !lower.contains("as required by") => {
                let heads_report = index_entry_seen || exhibit_index.is_none();
                index_entry_seen = true;
                heads_report
            }
            // The index's entry for the report, as a table row or plain text.
            _ if names_report => {
                index_entry_seen = true;
                false
            }
            _ => false,
        }
    });
    let (index, line) = found?;
    // A title spread over lines ("Allied Motion Corporation" / "Conflict Minerals Report")
    // starts at its first line.
    if line.kind == LineKind::CmrTitle && index > from + 1 {
        let previous = &lines[index - 1];
        let short_line = matches!(previous.kind, LineKind::Title | LineKind::Text)
            && previous.range.len() <= 100
            && !reads_as_sentence(line_text(text, previous));
        if short_line && same_paragraph(text, previous, line) {
            return Some(index - 1);
        }
    }
    Some(index)
}

/// Whether an exhibit number is the audit report's, Exhibit 1.02.
fn is_audit_exhibit(number: &str) -> bool {
    matches!(number.trim(), "1.02" | "1.2")
}

/// Whether a line is a sentence rather than a name: it ends with a full stop after more words
/// than a company name has ("* Print name and title of the registrant's signing executive
/// officer under his or her signature." above a title is a footnote, not the title's start).
fn reads_as_sentence(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with('.') && line.split_whitespace().count() > 8
}

/// Whether `b` directly follows `a` with no blank line between.
fn same_paragraph(text: &str, a: &Line, b: &Line) -> bool {
    a.range.end() <= b.range.start()
        && text[a.range.end()..b.range.start()]
            .bytes()
            .filter(|&c| c == b'\n')
            .count()
            == 1
}

/// The cover's Rule 13p-1 line, with the lines of its paragraph that continue it. Only lines on
/// the cover count: a sentence elsewhere that happens to start a line with "Rule 13p-1 under"
/// is not the cover's line.
fn period_line_scopes(text: &str, lines: &[Line], cover_end: usize, scopes: &mut Vec<ScopeSpan>) {
    for (index, line) in lines.iter().enumerate() {
        if line.range.start() >= cover_end {
            break;
        }
        if line.kind != LineKind::PeriodLine {
            continue;
        }
        let mut last = line;
        for next in lines[index + 1..].iter().take(PERIOD_LINE_CONTINUATIONS) {
            let continues = matches!(next.kind, LineKind::Text | LineKind::Title);
            if !continues || !same_paragraph(text, last, next) {
                break;
            }
            last = next;
        }
        scopes.push(ScopeSpan {
            scope: Scope::PeriodLine,
            range: TextRange::new(line.range.start(), last.range.end()),
            heading: line.range,
        });
    }
}

/// The scopes of a report whose first line is `lines[start]` and which runs to `end`: the
/// report, its annex and, when the audit report (Exhibit 1.02) follows it in the same text, the
/// audit report, which ends the report and its annex.
fn cmr_scopes(text: &str, lines: &[Line], start: usize, end: usize, scopes: &mut Vec<ScopeSpan>) {
    let Some(first) = lines.get(start) else {
        return;
    };
    let last = start + lines[start..].partition_point(|l| l.range.start() < end);
    let audit = audit_report_start(text, &lines[..last], start);
    if let Some(i) = audit {
        audit_report_scope(lines, i, end, scopes);
    }
    let end = audit.map_or(end, |i| lines[i].range.start());
    let last = audit.unwrap_or(last);
    scopes.push(ScopeSpan {
        scope: Scope::Cmr,
        range: TextRange::new(first.range.start(), end.max(first.range.start())),
        heading: first.range,
    });
    // The annex starts at the report's first annex caption (`LineKind::Annex`, the grammar's
    // `annex_caption`: the one definition, which `parse::table` reads for a table's caption
    // too). The first anywhere in the report, not only one right above a table: a caption may
    // stand on a page of its own, or above a note on the list, with the table after it.
    let report = &lines[start..last];
    let annex = report.iter().position(|l| l.kind == LineKind::Annex);
    if let Some(offset) = annex {
        let caption = &report[offset];
        let mut end = caption.range.end();
        let mut seen_rows = false;
        for line in &report[offset + 1..] {
            match line.kind {
                LineKind::Table => {
                    seen_rows = true;
                    end = line.range.end();
                }
                // A paragraph after the rows ends the annex.
                LineKind::Text if seen_rows && line.range.len() > 120 => break,
                LineKind::Part | LineKind::Numbered | LineKind::Step { .. } if seen_rows => break,
                _ => {}
            }
        }
        scopes.push(ScopeSpan {
            scope: Scope::CmrAnnex,
            range: TextRange::new(caption.range.start(), end),
            heading: caption.range,
        });
    }
}

/// The audit report's scope: from its first line, `lines[start]`, to `end`.
fn audit_report_scope(lines: &[Line], start: usize, end: usize, scopes: &mut Vec<ScopeSpan>) {
    let Some(first) = lines.get(start) else {
        return;
    };
    scopes.push(ScopeSpan {
        scope: Scope::AuditReport,
        range: TextRange::new(first.range.start(), end.max(first.range.start())),
        heading: first.range,
    });
}

/// The line after the report's first line, `lines[report]`, where the audit report (Exhibit
/// 1.02) filed in the same text starts: its "Exhibit 1.02" label alone on a line, or its
/// heading ("Exhibit 1.02 - Report of Independent Accountants", "Independent Accountant's
/// Review Report") when the auditor's address or first sentence follows it. An index entry
/// ("1.02<TAB>Report of Independent Accountants") and a sentence of the report about its audit
/// ("Independent Private Sector Audit Report of our Report is filed as Exhibit 1.02 ...") start
/// nothing.
fn audit_report_start(text: &str, lines: &[Line], report: usize) -> Option<usize> {
    (report + 1..lines.len()).find(|&i| {
        let line = &lines[i];
        let lower = line_text(text, line).trim().to_ascii_lowercase();
        let heading = match &line.kind {
            LineKind::ExhibitLabel { number } => return is_audit_exhibit(number),
            LineKind::ExhibitEntry { number } => {
                is_audit_exhibit(number)
                    && lower.starts_with("exhibit")
                    && !lower.contains(['\t', '|'])
                    && super::kind::is_audit_report_title(&lower)
            }
            // A heading starts its paragraph, with a capital.
            LineKind::Title | LineKind::Text | LineKind::CmrTitle => {
                is_audit_report_heading(&lower)
                    && line_text(text, line)
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase())
                    && !same_paragraph(text, &lines[i - 1], line)
            }
            _ => false,
        };
        heading && opens_audit_report(text, &lines[i + 1..])
    })
}

/// Whether a line is an audit report's title alone: "Report of Independent Accountants",
/// "Independent Accountants' Review Report", "Independent Private Sector Audit Report", not a
/// sentence that names one.
fn is_audit_report_heading(lower: &str) -> bool {
    let first = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    lower.len() < 100
        && !lower.ends_with(['.', ',', ';'])
        && matches!(first, "report" | "independent")
        && super::kind::is_audit_report_title(lower)
}

/// How many content lines after an audit report's heading may hold its address or first
/// sentence (a title on two lines, a date, the auditor's name above the address).
const AUDIT_OPENING_LINES: usize = 4;

/// How an auditor's report opens: its addressee or the first words of its first sentence. Not
/// "We have obtained an audit ...", which a report says of its own audit.
const OPENINGS: [&str; 12] = [
    "to ",
    "to:",
    "the board of",
    "board of directors",
    "the audit committee",
    "the shareholders",
    "we have examined",
    "we have reviewed",
    "we have audited",
    "we have performed",
    "we were engaged",
    "we examined",
];

/// Whether the first content lines of `after` open an auditor's report: its addressee ("To the
/// Board of Directors ...", "The Audit Committee") or its first sentence ("We have examined
/// ...").
fn opens_audit_report(text: &str, after: &[Line]) -> bool {
    after
        .iter()
        .filter(|l| !matches!(l.kind, LineKind::Separator | LineKind::PageNumber))
        .take(AUDIT_OPENING_LINES)
        .any(|l| {
            let lower = line_text(text, l).trim_start().to_ascii_lowercase();
            OPENINGS.iter().any(|opening| lower.starts_with(opening))
        })
}

/// One `table` scope per run of table rows (page numbers, separators and repeated short
/// lines between rows do not break a run).
fn table_scopes(lines: &[Line], scopes: &mut Vec<ScopeSpan>) {
    let mut run: Option<(TextRange, TextRange)> = None;
    for line in lines {
        match (&line.kind, run.as_mut()) {
            (LineKind::Table, Some((_, range))) => range.end = line.range.end,
            (LineKind::Table, None) => run = Some((line.range, line.range)),
            (LineKind::PageNumber | LineKind::Separator, _) => {}
            (_, Some(_)) => {
                if let Some((heading, range)) = run.take() {
                    scopes.push(table(heading, range));
                }
            }
            (_, None) => {}
        }
    }
    if let Some((heading, range)) = run {
        scopes.push(table(heading, range));
    }
}

fn table(heading: TextRange, range: TextRange) -> ScopeSpan {
    ScopeSpan {
        scope: Scope::Table,
        range,
        heading,
    }
}
