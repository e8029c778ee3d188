//! EDGAR complete-submission files: a container of documents, not a document.
//!
//! A submission `.txt` holds the SEC header (`<SEC-HEADER>` ... `</SEC-HEADER>`), then one
//! `<DOCUMENT>` per document of the filing, each with its `<TYPE>`, `<SEQUENCE>`, `<FILENAME>`
//! and `<DESCRIPTION>` lines and its body between `<TEXT>` and `</TEXT>`: HTML, plain text, or
//! data (XBRL, a uuencoded PDF or image), sometimes wrapped in `<XML>`, `<XBRL>` or `<PDF>`.
//! The header is kept as it stands, line for line, for the parser to read as the header; each
//! body is read by its own format (an HTML body as the text a reader sees, a plain-text body as
//! it is, a data body not at all), each starting on a line of its own after a blank line; the
//! envelope lines are not text. Every piece of the text maps back into the submission file.

use super::html::{self, Comment};
use crate::sourcemap::{MapBuilder, SourceMap};
use crate::span::TextRange;

/// The text of a submission and the way back to the file.
#[derive(Debug, Default)]
pub struct Submission {
    pub text: String,
    /// Maps `text` to the decoded submission file.
    pub map: SourceMap,
    /// The comments of its HTML bodies, located in the submission file.
    pub comments: Vec<Comment>,
    /// Whether any of its documents is HTML.
    pub html: bool,
}

/// Whether a decoded file is an EDGAR submission: its first tag opens the submission, its
/// header or one of its documents.
pub fn is_submission(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    [
        "<SEC-DOCUMENT>",
        "<SEC-HEADER>",
        "<IMS-DOCUMENT>",
        "<DOCUMENT>",
    ]
    .iter()
    .any(|tag| starts_with_ci(start, tag))
}

/// Reads the submission `file` (decoded).
pub fn extract(file: &str) -> Submission {
    let mut out = MapBuilder::with_capacity(file.len() / 2);
    let first_document = find_tag_line(file, 0, "<DOCUMENT>").unwrap_or(file.len());
    let header_end = find_tag_line(file, 0, "</SEC-HEADER>")
        .filter(|&at| at < first_document)
        .map_or(first_document, |at| line_end(file, at));
    out.verbatim(0, &file[..header_end]);
    let mut submission = Submission::default();
    if first_document == file.len() {
        // A header with no document envelopes after it: what follows is the document.
        let end = find_tag_line(file, header_end, "</SEC-DOCUMENT>").unwrap_or(file.len());
        let body = TextRange::new(header_end, end);
        submission.read_body(&mut out, file, body, TextRange::empty(header_end));
    }
    let mut from = header_end;
    while let Some(start) = find_tag_line(file, from, "<DOCUMENT>") {
        let end = find_tag_line(file, start, "</DOCUMENT>").unwrap_or(file.len());
        if let Some(body) = body(file, start, end) {
            let envelope = TextRange::new(start, start + "<DOCUMENT>".len());
            submission.read_body(&mut out, file, body, envelope);
        }
        from = line_end(file, end).max(start + 1);
    }
    (submission.text, submission.map) = out.finish();
    submission
}

impl Submission {
    /// Reads the document body at `body` of `file` into `out` by its format; the break before
    /// it stands for the envelope at `envelope`.
    fn read_body(
        &mut self,
        out: &mut MapBuilder,
        file: &str,
        body: TextRange,
        envelope: TextRange,
    ) {
        let part = &file[body.as_range()];
        match format_of(part) {
            Body::Html(inner) => {
                self.html = true;
                let at = body.start() + inner.start;
                let page = html::extract(&part[inner]);
                separate(out, envelope);
                let base = out.text().len() as u32;
                self.comments.extend(page.comments.iter().map(|c| Comment {
                    source: c.source.shifted(at),
                    at: c.at + base,
                }));
                out.append(&page.text, &page.map, at);
            }
            Body::Text if !part.trim().is_empty() => {
                separate(out, envelope);
                out.verbatim(body.start(), part);
            }
            Body::Text | Body::Data => {}
        }
    }
}

/// Starts a document's text on a line of its own after a blank line; the break stands for the
/// envelope at `envelope`.
fn separate(out: &mut MapBuilder, envelope: TextRange) {
    let text = out.text();
    if text.trim().is_empty() {
        return;
    }
    let newlines = text.bytes().rev().take_while(|&b| b == b'\n').count();
    let brk = &"\n\n"[newlines.min(2)..];
    out.replace(envelope.start(), envelope.end(), brk);
}

/// What a document's body is.
enum Body {
    /// HTML, in this range of the body (inside its `<XML>` wrapper, if any).
    Html(std::ops::Range<usize>),
    Text,
    /// Data that is not text to read: XBRL, a uuencoded PDF or image.
    Data,
}

/// How the body `part` is read.
fn format_of(part: &str) -> Body {
    let lead = part.len() - part.trim_start().len();
    let start = &part[lead..];
    let head = &start[..crate::span::floor_char_boundary(start, start.len().min(1024))];
    let head_lower = head.to_ascii_lowercase();
    for wrapper in ["<xml>", "<xbrl>"] {
        if head_lower.starts_with(wrapper) {
            if !head_lower.contains("<html") {
                return Body::Data;
            }
            let inner = lead + wrapper.len();
            let close = format!("</{}", &wrapper[1..]);
            let end = rfind_ci(part, &close)
                .filter(|&e| e >= inner)
                .unwrap_or(part.len());
            return Body::Html(inner..end);
        }
    }
    if head_lower.starts_with("<pdf>") || head_lower.starts_with("begin ") {
        return Body::Data;
    }
    // A body that opens with markup and holds HTML elements is HTML; `<PAGE>` breaks aside,
    // anything else is plain text.
    let html = head_lower.starts_with('<')
        && !head_lower.starts_with("<page>")
        && ["<html", "<body", "<div", "<p", "<table", "<font"]
            .iter()
            .any(|tag| head_lower.contains(tag));
    if html {
        Body::Html(lead..part.len())
    } else {
        Body::Text
    }
}

/// The body of the document `start..end`: from the end of its `<TEXT>` tag (and the rest of
/// that line when it is blank) to its `</TEXT>`. `None` when it has no `<TEXT>`.
fn body(file: &str, start: usize, end: usize) -> Option<TextRange> {
    let open = find_tag_line(file, start, "<TEXT>").filter(|&at| at < end)?;
    let mut from = open + "<TEXT>".len();
    let rest_of_line = line_end(file, from);
    if file[from..rest_of_line].trim().is_empty() {
        from = rest_of_line;
    }
    let to = find_tag_line(file, from, "</TEXT>")
        .filter(|&at| at <= end)
        .unwrap_or(end);
    Some(TextRange::new(from, to.max(from)))
}

/// The offset of the first `tag` (ASCII case-insensitive) at or after `from` that starts a line.
fn find_tag_line(file: &str, from: usize, tag: &str) -> Option<usize> {
    let bytes = file.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let found = at + find_ci(&file[at..], tag)?;
        let line_start = found == 0 || bytes[found - 1] == b'\n' || bytes[found - 1] == b'\r';
        if line_start {
            return Some(found);
        }
        at = found + tag.len();
    }
    None
}

/// Just after the line break ending the line that holds `at` (the end of the file if none).
fn line_end(file: &str, at: usize) -> usize {
    file[at..].find('\n').map_or(file.len(), |i| at + i + 1)
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

fn rfind_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).rposition(|w| w.eq_ignore_ascii_case(n))
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBMISSION: &str = "<SEC-DOCUMENT>0000000001-24-000001.txt : 20240530\n\
        <SEC-HEADER>0000000001-24-000001.hdr.sgml : 20240530\n\
        CONFORMED SUBMISSION TYPE:\tSD\n\
        STATE OF INCORPORATION:\t\tWA\n\
        </SEC-HEADER>\n\
        <DOCUMENT>\n<TYPE>SD\n<SEQUENCE>1\n<FILENAME>a_sd.htm\n<DESCRIPTION>FORM SD\n<TEXT>\n\
        <html><body><p>FORM SD</p><p>Acme &amp; Co.</p><!-- note --></body></html>\n\
        </TEXT>\n</DOCUMENT>\n\
        <DOCUMENT>\n<TYPE>EX-1.01\n<SEQUENCE>2\n<DESCRIPTION>EXHIBIT 1.01\n<TEXT>\n\
        Conflict Minerals Report\nof Acme\n\
        </TEXT>\n</DOCUMENT>\n\
        <DOCUMENT>\n<TYPE>EX-101.INS\n<SEQUENCE>3\n<TEXT>\n<XBRL>\n<?xml version=\"1.0\"?>\n<xbrl/>\n</XBRL>\n</TEXT>\n</DOCUMENT>\n\
        </SEC-DOCUMENT>\n";

    #[test]
    fn the_header_stays_the_envelope_goes_and_each_body_is_read_by_its_format() {
        assert!(is_submission(SUBMISSION));
        let s = extract(SUBMISSION);
        assert!(s.html);
        let header_end = SUBMISSION.find("<DOCUMENT>").unwrap();
        assert_eq!(&s.text[..header_end], &SUBMISSION[..header_end]);
        assert_eq!(
            &s.text[header_end..],
            "\nFORM SD\nAcme & Co.\n\nConflict Minerals Report\nof Acme\n"
        );
        for word in ["Acme", "Conflict", "STATE"] {
            let at = s.text.find(word).unwrap();
            let source = s.map.to_source(TextRange::new(at, at + word.len()));
            assert_eq!(&SUBMISSION[source.as_range()], word);
        }
        assert_eq!(s.comments.len(), 1);
        assert_eq!(
            &SUBMISSION[s.comments[0].source.as_range()],
            "<!-- note -->"
        );
    }

    #[test]
    fn html_wrapped_in_xml_is_read_and_other_data_is_not() {
        let ixbrl =
            "<XML>\n<?xml version=\"1.0\"?>\n<html><body><p>Hello</p></body></html>\n</XML>\n";
        assert!(matches!(format_of(ixbrl), Body::Html(_)));
        assert!(matches!(
            format_of("<XBRL>\n<?xml version=\"1.0\"?><xbrl/>"),
            Body::Data
        ));
        assert!(matches!(
            format_of("<PDF>\nbegin 644 a.pdf\nM1234\n"),
            Body::Data
        ));
        assert!(matches!(
            format_of("begin 644 logo.jpg\nM1234\n"),
            Body::Data
        ));
        assert!(matches!(format_of("\n  FORM SD\n<PAGE>\n"), Body::Text));
        let doc = format!("<DOCUMENT>\n<TYPE>SD\n<TEXT>\n{ixbrl}</TEXT>\n</DOCUMENT>\n");
        assert_eq!(extract(&doc).text, "Hello\n");
    }

    #[test]
    fn a_header_without_envelopes_is_followed_by_its_document() {
        let file = "<SEC-DOCUMENT>x\n<SEC-HEADER>x\nFORM TYPE:\tSD\n</SEC-HEADER>\nFORM SD\nAcme\n</SEC-DOCUMENT>\n";
        let s = extract(file);
        assert!(
            s.text.ends_with("</SEC-HEADER>\n\nFORM SD\nAcme\n"),
            "{:?}",
            s.text
        );
        assert!(!s.html);
    }

    #[test]
    fn a_file_that_is_no_submission_is_told_apart() {
        assert!(!is_submission("FORM SD\n<DOCUMENT>\n"));
        assert!(is_submission("\u{feff}\r\n<document>\n<type>SD\n"));
    }
}
