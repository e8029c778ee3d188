//! What kind of document a text is. This is the one place that reads a document's title block:
//! the grammar classifies each line (a CMR title, an exhibit label), and this module decides
//! from the first lines that tell.

use super::document::DocumentKind;
use super::line::{Line, LineKind};

/// How many content lines from the top may hold the title that tells what kind of document
/// this is.
const TITLE_WINDOW: usize = 20;

/// How many content lines from the top may hold the title of a CMR filed on its own (a later
/// "Conflict Minerals Report" heading is a section of some other document).
const CMR_TITLE_WINDOW: usize = 8;

/// How many lines of a text [`of_head`] classifies: enough for any title block.
pub const HEAD_LINES: usize = 120;

/// The kind of the document whose classified lines are `lines`: the first line of its title
/// block that names a kind decides; failing that, a Form SD's items or Rule 13p-1 line make it
/// a Form SD. A Form SD filed under Rule 13q-1 only is a resource extraction report (see
/// [`super::filed_under`]).
pub(super) fn of_lines(text: &str, lines: &[Line]) -> DocumentKind {
    // An EDGAR submission's header names the form type, but it is no title block.
    let body = super::envelope::body_start(text);
    let lines = &lines[lines.partition_point(|l| l.range.start() < body)..];
    match named_kind(text, lines) {
        DocumentKind::FormSd if super::filed_under::resource_extraction_only(text, lines) => {
            DocumentKind::ResourceExtraction
        }
        kind => kind,
    }
}

/// The kind the title block names or, failing that, the structure shows.
fn named_kind(text: &str, lines: &[Line]) -> DocumentKind {
    title_block(text, lines).unwrap_or_else(|| {
        let form_sd_structure = lines.iter().any(|line| match &line.kind {
            LineKind::PeriodLine => true,
            LineKind::Item(item) => item.number.starts_with("1.0"),
            LineKind::Section { item, .. } => item.is_some(),
            _ => false,
        });
        if form_sd_structure {
            DocumentKind::FormSd
        } else {
            DocumentKind::Unknown
        }
    })
}

/// The kind the title block at the top of the document names, if it names one.
fn title_block(text: &str, lines: &[Line]) -> Option<DocumentKind> {
    let content = lines
        .iter()
        .filter(|l| !matches!(l.kind, LineKind::Separator | LineKind::PageNumber));
    for (index, line) in content.take(TITLE_WINDOW).enumerate() {
        let lower = text[line.range.as_range()].trim().to_ascii_lowercase();
        if let Some(kind) = exhibit_label(&lower) {
            return Some(kind);
        }
        if let LineKind::ExhibitLabel { number } = &line.kind
            && let Some(kind) = exhibit_kind(number)
        {
            return Some(kind);
        }
        if lower.len() < 80
            && (lower.contains("form sd") || lower.contains("specialized disclosure report"))
        {
            return Some(DocumentKind::FormSd);
        }
        if line.kind == LineKind::CmrTitle && index < CMR_TITLE_WINDOW && !is_memo_header(&lower) {
            return Some(DocumentKind::Cmr);
        }
        if is_audit_report_title(&lower) {
            return Some(DocumentKind::Ipsa);
        }
    }
    None
}

/// The kind of the exhibit a label at the start of a line names ("Exhibit 1.01",
/// "EXHIBIT 1.02 to Form SD", "Ex. 1.01").
fn exhibit_label(lower: &str) -> Option<DocumentKind> {
    let lower = lower.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    let rest = ["exhibit", "exh.", "exh", "ex."]
        .iter()
        .find_map(|label| lower.strip_prefix(label))?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("no.").unwrap_or(rest).trim_start();
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    exhibit_kind(number.trim_end_matches('.'))
}

/// The kind of document an exhibit number stands for in a Form SD submission.
pub fn exhibit_kind(number: &str) -> Option<DocumentKind> {
    match number {
        "1.01" | "1.1" => Some(DocumentKind::Cmr),
        "1.02" | "1.2" => Some(DocumentKind::Ipsa),
        _ => None,
    }
}

/// Whether a line is the title of an independent private sector audit report ("Report of
/// Independent Accountants", "Independent Auditor's Report").
pub(super) fn is_audit_report_title(lower: &str) -> bool {
    lower.len() < 120
        && lower.contains("report")
        && [
            "independent accountant",
            "independent auditor",
            "independent registered public accounting firm",
            "independent private sector audit",
        ]
        .iter()
        .any(|title| lower.contains(title))
}

/// Whether a line is a memo or letter header ("Re: ...", "Subject: ...") rather than a title.
pub(super) fn is_memo_header(line: &str) -> bool {
    let lower = line.trim_start().to_ascii_lowercase();
    [
        "re:", "re :", "subject:", "subj:", "to:", "from:", "cc:", "date:",
    ]
    .iter()
    .any(|label| lower.starts_with(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> DocumentKind {
        super::super::parse(text.to_owned()).kind
    }

    #[test]
    fn the_first_title_that_names_a_kind_decides() {
        assert_eq!(
            kind(
                "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nFORM SD\nSPECIALIZED DISCLOSURE REPORT\n"
            ),
            DocumentKind::FormSd
        );
        // A report filed with a Form SD says so in its title block; it is still the report.
        assert_eq!(
            kind(
                "                     Exhibit 1.01\n\nBRIGHTWATER TOOLS, INC.\nCONFLICT MINERALS REPORT\nFiled with Form SD\n"
            ),
            DocumentKind::Cmr
        );
        assert_eq!(
            kind("Exhibit 1.01 to Form SD\nConflict Minerals Report of Brightwater Tools, Inc.\n"),
            DocumentKind::Cmr
        );
        assert_eq!(
            kind(
                "Conflict Minerals Report\nThis report is filed under Rule 13p-1 under the Securities Exchange Act of 1934 for the reporting period from January 1 to December 31, 2023.\n"
            ),
            DocumentKind::Cmr
        );
        assert_eq!(
            kind(
                "EXHIBIT 1.02\n\nReport of Independent Accountants\n\nTo the Board of Directors\n"
            ),
            DocumentKind::Ipsa
        );
        assert_eq!(
            kind(
                "Independent Accountant's Report\n\nTo the Board of Directors of Brightwater Tools, Inc.\n"
            ),
            DocumentKind::Ipsa
        );
        assert_eq!(
            kind("Re: Conflict Minerals Report\nMemo to the audit committee.\n"),
            DocumentKind::Unknown
        );
        assert_eq!(kind("Minutes of the meeting\n"), DocumentKind::Unknown);
    }
}
