//! The SEC header at the top of an EDGAR submission's text: read as the header, never as
//! document text (it names the state of incorporation and the form type, which the cover
//! must state for itself).

/// Where the text after the SEC header starts: just after the line of its `</SEC-HEADER>`
/// when the text opens with one (`<SEC-DOCUMENT>` or `<SEC-HEADER>`), else 0.
pub fn body_start(text: &str) -> usize {
    let start = text.trim_start();
    if !(start.starts_with("<SEC-DOCUMENT>") || start.starts_with("<SEC-HEADER>")) {
        return 0;
    }
    let Some(close) = text.find("</SEC-HEADER>") else {
        return 0;
    };
    text[close..]
        .find('\n')
        .map_or(text.len(), |i| close + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_starts_after_the_header() {
        let text = "<SEC-DOCUMENT>x\n<SEC-HEADER>x\nFORM TYPE:\tSD\n</SEC-HEADER>\nFORM SD\n";
        assert_eq!(&text[body_start(text)..], "FORM SD\n");
        assert_eq!(body_start("FORM SD\n</SEC-HEADER>\n"), 0);
        assert_eq!(body_start("<SEC-HEADER>never closed\nFORM SD\n"), 0);
    }
}
