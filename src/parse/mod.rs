//! Parsing: the pest grammar in `grammar/` classifies lines; `build` turns them into a [`Document`].
//!
//! pest types stay inside this module: rules only ever see [`Document`].

mod amendment;
mod build;
mod cover;
mod dates;
pub mod document;
mod envelope;
mod fields;
mod filed_under;
mod kind;
pub mod line;
pub mod reading;
pub mod table;

use pest::Parser as _;
use rayon::prelude::*;

pub use dates::{find_dates, find_other_periods};
pub use document::{Document, DocumentKind, Scope};
pub use kind::exhibit_kind;
pub use line::{Line, LineKind};

/// The line classifier generated from the grammar files.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/common.pest"]
#[grammar = "../grammar/form_sd.pest"]
#[grammar = "../grammar/cmr.pest"]
struct FilingParser;

/// Parses normalised text into a document. Total: every text gives a document. Columns are
/// those of the normalised text (see [`parse_with`]).
pub fn parse(text: String) -> Document {
    parse_with(text, &TextColumns)
}

/// Parses normalised text into a document, reading the layout of a cover or a signature block
/// in the columns `columns` gives: those of the original, before normalisation collapsed runs
/// of spaces, so that a caption is paired with the value standing above it.
pub fn parse_with(text: String, columns: &dyn Columns) -> Document {
    let lines = classify(&text, PARALLEL_CHUNK);
    build::document(text, lines, columns, &[])
}

/// One document of a filing whose documents are parsed as one text (see [`parse_filing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Where the document starts in the joined text (at the start of a line).
    pub start: usize,
    pub kind: DocumentKind,
}

/// Parses the documents of one filing, joined into `text` in the order of `parts` (a Form SD,
/// then its report, then the audit report), as one document: a Form SD whose report starts
/// where the report's document does.
pub fn parse_filing(text: String, columns: &dyn Columns, parts: &[Part]) -> Document {
    let lines = classify(&text, PARALLEL_CHUNK);
    build::document(text, lines, columns, parts)
}

/// The kind of document a normalised text is, read from its first lines only (its title block,
/// and the items or Rule 13p-1 line of a Form SD there): cheap enough to sort the files of a
/// folder into filings before any is parsed.
pub fn kind_of_head(text: &str) -> DocumentKind {
    let end = text
        .match_indices('\n')
        .nth(kind::HEAD_LINES)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let mut lines = classify_piece(head);
    reading::demote_wrapped_landmarks(head, &mut lines);
    reading::join_wrapped_titles(head, &mut lines);
    kind::of_lines(head, &lines)
}

/// The column at which a byte of the normalised text stands in its line, as a reader sees the
/// line (in characters from its start).
pub trait Columns {
    /// The column of `offset` of the normalised `text`.
    fn column(&self, text: &str, offset: usize) -> usize;
    /// How many spaces the original had where the normalised `text` has the space at `offset`.
    fn spaces(&self, text: &str, offset: usize) -> usize;
}

/// The length of the run of spaces at `at` in `text`.
fn run_of_spaces(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == b' ').count())
}

/// Columns of the normalised text itself.
pub struct TextColumns;

/// The column of `offset` in its line of `text`, in characters.
fn column_in(text: &str, offset: usize) -> usize {
    let offset = crate::span::floor_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].chars().count()
}

impl Columns for TextColumns {
    fn column(&self, text: &str, offset: usize) -> usize {
        column_in(text, offset)
    }

    fn spaces(&self, text: &str, offset: usize) -> usize {
        run_of_spaces(text, offset)
    }
}

/// Columns of the original text a normalised text was made from, through its source map.
pub struct SourceColumns<'a> {
    pub source: &'a str,
    pub map: &'a crate::normalize::SourceMap,
}

impl Columns for SourceColumns<'_> {
    fn column(&self, _text: &str, offset: usize) -> usize {
        let at = self
            .map
            .to_source(crate::span::TextRange::empty(offset))
            .start();
        column_in(self.source, at.min(self.source.len()))
    }

    fn spaces(&self, _text: &str, offset: usize) -> usize {
        let at = self
            .map
            .to_source(crate::span::TextRange::empty(offset))
            .start();
        run_of_spaces(self.source, at)
    }
}

/// Below this many bytes a text is classified in one piece; above, in pieces of about this
/// size, spread over the cores.
const PARALLEL_CHUNK: usize = 256 << 10;

/// Classifies every line of `text`. The grammar is line by line (a line's class depends on
/// nothing outside it, and `eol` treats the end of the input as a line end), so a large text is
/// cut at newlines into pieces of at least `chunk` bytes, classified in parallel, and the
/// pieces' lines joined: the same lines as one pass.
///
/// Small pieces also bound memory: pest keeps about four bytes of tokens per byte it parses
/// until the parse is read, so a 50 MB text parsed in two halves held 200 MB of tokens; in
/// pieces of `chunk` bytes only the pieces being parsed hold any.
fn classify(text: &str, chunk: usize) -> Vec<Line> {
    let pieces = (text.len() / chunk.max(1)).max(1);
    if pieces == 1 {
        return classify_piece(text);
    }
    let mut bounds = vec![0];
    for i in 1..pieces {
        let target = (text.len() * i / pieces).max(*bounds.last().unwrap_or(&0));
        // Cut after the next newline, so that each piece starts a line.
        if let Some(nl) = text.as_bytes()[target..].iter().position(|&b| b == b'\n') {
            bounds.push(target + nl + 1);
        }
    }
    bounds.push(text.len());
    bounds.dedup();
    let spans: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let per_piece: Vec<Vec<Line>> = spans
        .par_iter()
        .map(|&(start, end)| {
            // A piece ends with the newline that ends its last line; the next starts after it.
            let piece = &text[start..end];
            let piece = piece.strip_suffix('\n').unwrap_or(piece);
            classify_piece(piece)
                .into_iter()
                .map(|line| line.shifted(start))
                .collect()
        })
        .collect();
    let mut lines = Vec::with_capacity(per_piece.iter().map(Vec::len).sum());
    for piece in per_piece {
        lines.extend(piece);
    }
    lines
}

pub(super) fn classify_piece(text: &str) -> Vec<Line> {
    match FilingParser::parse(Rule::document, text) {
        Ok(mut pairs) => pairs
            .next()
            .map(|document| build::lines(document.into_inner()))
            .unwrap_or_default(),
        // The grammar accepts every input; should that ever break, the text is still linted
        // as plain paragraphs rather than not at all.
        Err(_) => build::plain_lines(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let doc = parse(text.to_owned());
        doc.lines
            .iter()
            .map(|l| {
                let json = serde_json::to_value(&l.kind).unwrap();
                json["kind"].as_str().unwrap().to_owned()
            })
            .collect()
    }

    /// Classifying in pieces gives the lines of one pass, wherever the cuts fall.
    #[test]
    fn pieces_classify_as_one_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut text = String::new();
        let mut dirs = vec![
            root.join("tests/fixtures/inputs"),
            root.join("tests/fixtures/rules"),
        ];
        let mut paths = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        for path in paths {
            let raw = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
            text.push_str(&crate::normalize::normalize(&raw).text);
            text.push_str("\n\n");
        }
        text.push_str("Ω é ü\n\n");
        let whole = classify_piece(&text);
        assert!(
            whole.len() > 500,
            "too little text to cut: {} lines",
            whole.len()
        );
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(7)
            .build()
            .unwrap();
        for chunk in [1, 97, 1000, 4096, 30_000] {
            let cut = pool.install(|| classify(&text, chunk));
            assert_eq!(
                format!("{cut:?}"),
                format!("{whole:?}"),
                "cut into pieces of {chunk} bytes"
            );
        }
    }

    #[test]
    fn every_input_parses() {
        for text in [
            "",
            "\n\n",
            "Section",
            "Item 1.0",
            "|",
            "\t",
            "(",
            "Step 9",
            "Ω\u{FFFD}",
        ] {
            let doc = parse(text.to_owned());
            assert!(doc.lines.iter().all(|l| l.range.end() <= text.len()));
        }
    }

    #[test]
    fn classifies_landmarks() {
        let text = "Section 1 - Conflict Minerals Disclosure Item 1.01 Conflict Minerals Disclosure and Report, Exhibit\n\
                    Item 1.02 Exhibit\nSIGNATURES\nBy: /s/ Jane Roe\nEXHIBIT INDEX\n1.01\tConflict Minerals Report\n\
                    Exhibit 1.01\n2.2.1 Conflict Minerals Policy\nStep 4: Audits\nAnnex A\nGold\tX Co\tJAPAN\n\
                    (Commission File Number)\nRule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1)\n\
                    A sentence that ends like one.";
        assert_eq!(
            kinds(text),
            [
                "section",
                "item",
                "signatures",
                "signature-line",
                "exhibit-index",
                "exhibit-entry",
                "exhibit-label",
                "numbered",
                "step",
                "annex",
                "table",
                "caption",
                "period-line",
                "text"
            ]
        );
    }

    /// One class of line captions a list of smelters, refiners or facilities (`annex`): the
    /// annex scope starts at the first, and a table's caption is one just above its header.
    #[test]
    fn annex_captions_are_one_class() {
        let class = |line: &str| kinds(line).join(" ");
        for caption in [
            "Annex I - Smelters and Refiners",
            "Appendix A: List of Facilities",
            "Smelter and Refiner List",
            "Table 1: Processing Facilities",
            "Schedule 1 - Facilities",
            "ANNEX A - SMELTER/REFINER LIST",
            "Attachment 2 - Refineries and Their Countries",
            "Annex A 2024 Facility and Country List",
            "APPENDIX A",
            "Annex B:",
            "Annex A (continued)",
            "\u{2022} Smelter and Refiner List",
        ] {
            assert_eq!(class(caption), "annex", "{caption:?}");
        }
        for (line, kind) in [
            // A heading of the report's body, naming no list.
            ("Smelters and Refiners", "title"),
            // An annex of other words is not the smelter annex.
            ("Appendix B - Glossary of Terms", "title"),
            ("5. Smelter and Refiner List", "numbered"),
            // Words that only start like the ones a caption needs.
            ("Facilitation Payments Table", "title"),
            ("Smelters Listed by Our Suppliers", "title"),
            // Sentences about the list.
            (
                "Each of them appears in the smelter list in the annex, with its country.",
                "text",
            ),
            (
                "The smelters and refiners our suppliers named are listed in the table below:",
                "title",
            ),
        ] {
            assert_eq!(class(line), kind, "{line:?}");
        }
        let long = format!("Smelter List {}", "of the facilities ".repeat(7));
        assert_eq!(class(long.trim_end()), "text");
        // The first line of a wrapped sentence is prose, whatever the next line starts with.
        assert_eq!(
            class(
                "Reasonable Country of Origin Inquiry\n\n\
                 We compared the smelter list in the annex with the lists published by the\n\
                 Responsible Minerals Initiative and found no facility that was not audited."
            ),
            "title text text"
        );
    }

    /// A line indented with tabs is a row of one cell only under a row whose cell it carries
    /// on; prose, headings and captions indented with a tab are what they are without it.
    #[test]
    fn tab_indented_lines_are_rows_only_under_rows() {
        let text = "\tQuillon Gearworks Ltd.\n\n\t1. Introduction\n\n\tAnnex A - Smelters and Refiners\n\
                    Metal\tSmelter\tCountry\nTin\tCarrow Point Tin\tMalaysia\n\tSmelting Works\n\
                    \tThe list above reflects the reports our suppliers made by March.\n";
        assert_eq!(
            kinds(text),
            [
                "text", "numbered", "annex", "table", "table", "table", "text"
            ]
        );
    }

    #[test]
    fn run_together_section_and_item_headings_are_both_seen() {
        let doc = parse(
            "Section 1 - Conflict Minerals Disclosure Item 1.01 Conflict Minerals Disclosure and Report\n"
                .to_owned(),
        );
        let LineKind::Section { number, item, .. } = &doc.lines[0].kind else {
            panic!("not a section heading: {:?}", doc.lines[0]);
        };
        assert_eq!(*number, 1);
        assert_eq!(item.as_ref().map(|i| i.number.as_str()), Some("1.01"));
    }
}
