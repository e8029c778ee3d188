//! Whether a Form SD is an amendment (Form SD/A) of one filed before. Exchange Act Rule 12b-15
//! has an amendment filed under the cover of the form it amends, marked "/A" (on the cover and
//! as its EDGAR submission type, SD/A) and numbered; its explanatory note says what it amends.
//! An amendment is filed after the original by nature, so the deadline rules leave it alone
//! (`[rule.when] filing = "original"`).

use std::sync::LazyLock;

use regex::Regex;

use super::document::{Document, EdgarHeader, Scope};
use crate::patterns::ascii;
use crate::span::TextRange;

/// What a cover or its explanatory note says of an amendment: "FORM SD/A", "Amendment No. 1",
/// "This amendment ... amends the Form SD filed on May 27, 2020".
static ON_COVER: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"\bform\s+sd\s*/\s*a\b|\bamendment\s+(?:no\.?|number)\s*\d{1,2}\b|\b(?:amends|amending|to\s+amend)\s+(?:the|its|our)\s+(?:[\w'.,-]+\s+){0,6}?(?:form\s+sd|specialized\s+disclosure\s+report)\b",
    )
});

/// Where the document says it is an amendment: its EDGAR header's submission type SD/A, or
/// the words on its cover (up to its first section) that say so.
pub(super) fn amendment(doc: &Document, edgar: Option<&EdgarHeader>) -> Option<TextRange> {
    let header = edgar
        .and_then(|h| h.submission_type)
        .filter(|&r| doc.slice(r).trim().eq_ignore_ascii_case("sd/a"));
    header.or_else(|| {
        let cover = doc.scope(Scope::Cover)?.range;
        let found = ON_COVER.find(doc.read(cover))?;
        Some(TextRange::from(found.range()).shifted(cover.start()))
    })
}

#[cfg(test)]
mod tests {
    fn amendment(text: &str) -> Option<String> {
        let doc = super::super::parse(text.to_owned());
        doc.fields.amendment.map(|r| doc.slice(r).to_owned())
    }

    const COVER: &str = "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\n{TITLE}\nSPECIALIZED DISCLOSURE REPORT\n\nHarbor Gauge Corp.\n(Exact name of registrant as specified in its charter)\n\n[X] Rule 13p-1 under the Securities Exchange Act (17 CFR 240.13p-1) for the reporting period from January 1 to December 31, 2023.\n\n{NOTE}\n\nSection 1 - Conflict Minerals Disclosure\n\nItem 1.01 Conflict Minerals Disclosure and Report\n\nThe amendment no. 2 of our supply contracts amends the terms.\n";

    fn filing(title: &str, note: &str) -> String {
        COVER.replace("{TITLE}", title).replace("{NOTE}", note)
    }

    #[test]
    fn the_cover_says_it_is_an_amendment() {
        assert_eq!(
            amendment(&filing("FORM SD/A", "")).as_deref(),
            Some("FORM SD/A")
        );
        assert_eq!(
            amendment(&filing("FORM SD\n(Amendment No. 1)", "")).as_deref(),
            Some("Amendment No. 1")
        );
        let note = "EXPLANATORY NOTE\n\nThis amendment is filed to amend the Form SD of Harbor Gauge Corp.\nfiled on May 27, 2024, to correct Annex A.";
        assert_eq!(
            amendment(&filing("FORM SD", note)).as_deref(),
            Some("to amend the Form SD")
        );
    }

    #[test]
    fn an_original_is_no_amendment() {
        // An amendment of something else, after the cover, says nothing of the filing.
        assert_eq!(amendment(&filing("FORM SD", "")), None);
        let note =
            "The Company's Form SD is filed under the Securities Exchange Act of 1934, as amended.";
        assert_eq!(amendment(&filing("FORM SD", note)), None);
    }

    #[test]
    fn the_edgar_header_names_the_submission_type() {
        let header = "<SEC-DOCUMENT>x.txt : 20240603\n<SEC-HEADER>x.hdr.sgml : 20240603\nCONFORMED SUBMISSION TYPE:\tSD/A\nFILED AS OF DATE:\t\t20240815\n</SEC-HEADER>\n";
        let text = format!("{header}{}", filing("FORM SD", ""));
        assert_eq!(amendment(&text).as_deref(), Some("SD/A"));
        let text = text.replace("SD/A", "SD");
        assert_eq!(amendment(&text), None);
    }
}
