//! Decoding of plain-text inputs (.txt, .md and, until it has its own reader, .html).

/// How much of the start of a file is searched for NUL bytes to recognise binaries.
const BINARY_SNIFF_LEN: usize = 8192;

/// Decodes `bytes` as UTF-8, dropping a byte-order mark.
///
/// Returns the text and the number of bytes dropped before it, or a one-line reason why
/// the input cannot be linted.
pub fn decode(bytes: &[u8]) -> Result<(String, usize), String> {
    if bytes.is_empty() {
        return Err("the file is empty: there is nothing to lint".into());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text is not supported yet: save the file as UTF-8".into());
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Err("this looks like a binary file (it contains NUL bytes), not a filing".into());
    }
    let (body, offset) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) if text.trim().is_empty() => {
            Err("the file holds only white space: there is nothing to lint".into())
        }
        Ok(text) => Ok((text.to_owned(), offset)),
        Err(err) => Err(format!(
            "the file is not valid UTF-8 (first invalid byte at offset {}): save it as UTF-8",
            err.valid_up_to() + offset
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_bom_and_reports_its_length() {
        let (text, offset) = decode(b"\xEF\xBB\xBFForm SD").unwrap();
        assert_eq!((text.as_str(), offset), ("Form SD", 3));
    }

    #[test]
    fn refuses_binary_empty_and_invalid_utf8() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(
            decode(b"PK\x03\x04\x00\x00")
                .unwrap_err()
                .contains("binary")
        );
        assert!(decode(b"caf\xE9 ok").unwrap_err().contains("offset 3"));
    }
}
