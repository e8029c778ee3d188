//! Parsing: the pest grammar in `grammar/` classifies lines; `build` turns them into a [`Document`].
//!
//! pest types stay inside this module: rules only ever see [`Document`].

mod build;
mod dates;
pub mod document;
mod fields;
pub mod table;

use pest::Parser as _;

pub use dates::{find_dates, find_other_periods};
pub use document::{Document, DocumentKind, Line, LineKind, Scope};

/// The line classifier generated from the grammar files.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/common.pest"]
#[grammar = "../grammar/form_sd.pest"]
#[grammar = "../grammar/cmr.pest"]
struct FilingParser;

/// Parses normalised text into a document. Total: every text gives a document.
pub fn parse(text: String) -> Document {
    let lines = match FilingParser::parse(Rule::document, &text) {
        Ok(mut pairs) => pairs
            .next()
            .map(|document| build::lines(document.into_inner()))
            .unwrap_or_default(),
        // The grammar accepts every input; should that ever break, the text is still linted
        // as plain paragraphs rather than not at all.
        Err(_) => build::plain_lines(&text),
    };
    build::document(text, lines)
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
