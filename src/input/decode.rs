//! Decoding: the bytes of a file into text, with a map from the text back to the bytes.
//!
//! The encoding is chosen in this order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16
//! without a mark, recognised by its zero bytes; valid UTF-8; the `<meta charset>` of an HTML
//! file; mostly-valid UTF-8 with a few broken bytes; and otherwise Windows-1252, EDGAR's usual.
//! Every look at the content is bounded to a prefix of the file ([`SNIFF_LEN`]), so sniffing a
//! large file costs nothing. Nothing is dropped: a byte that cannot be decoded becomes U+FFFD
//! and is mapped to its place in the file like every other character.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How much of the start of a file is examined to choose its encoding or refuse it.
pub const SNIFF_LEN: usize = 8192;

/// How much of an HTML file is searched for a `<meta charset>` (as browsers do).
const META_PRESCAN_LEN: usize = 1024;

/// Decoded text and where its characters are in the file.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: &'static Encoding,
    /// Maps byte offsets of `text` to byte offsets of the file.
    pub offsets: ByteMap,
    /// How many characters could not be decoded and were replaced by U+FFFD.
    pub replaced: usize,
}

/// Maps offsets of decoded text to offsets of the file's bytes.
///
/// Between two anchors, every byte of text stands for `unit` bytes of the file (ASCII in a
/// single-byte encoding or in UTF-16, any valid character in UTF-8); an anchor is set after each
/// character that breaks that ratio.
#[derive(Debug, Clone)]
pub struct ByteMap {
    /// `(text offset, file offset)` pairs, ascending; the first is `(0, start)`.
    anchors: Vec<(u32, u32)>,
    unit: u32,
    file_len: u32,
}

impl ByteMap {
    fn new(start: usize, unit: u32, file_len: usize) -> Self {
        Self {
            anchors: vec![(0, start as u32)],
            unit,
            file_len: file_len as u32,
        }
    }

    fn anchor(&mut self, text: usize, file: usize) {
        self.anchors.push((text as u32, file as u32));
    }

    /// The file offset of text offset `offset`.
    pub fn to_file(&self, offset: usize) -> usize {
        let offset = offset as u32;
        let index = self.anchors.partition_point(|&(t, _)| t <= offset);
        let (text, file) = self.anchors[index.saturating_sub(1)];
        (file + (offset - text) * self.unit).min(self.file_len) as usize
    }
}

/// Decodes `bytes`, or says in one line why they cannot be linted. `html` allows a
/// `<meta charset>` declaration to choose the encoding.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("the file is empty: there is nothing to lint".into());
    }
    let decoded = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        decode_as(bytes, encoding, bom)
    } else if let Some(encoding) = sniff_utf16(bytes) {
        decode_as(bytes, encoding, 0)
    } else {
        // As git judges: NUL bytes in the first 8 KB make a binary file. Further on they are
        // characters like any other (a damaged or padded text file is still worth linting), so
        // that a large file costs no full scan; the XML output formats leave them out.
        if bytes[..bytes.len().min(SNIFF_LEN)].contains(&0) {
            return Err(
                "this looks like a binary file (it contains NUL bytes), not a filing".into(),
            );
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: text.to_owned(),
                encoding: UTF_8,
                offsets: ByteMap::new(0, 1, bytes.len()),
                replaced: 0,
            },
            Err(_) => {
                let declared = html.then(|| meta_charset(bytes)).flatten();
                let encoding = declared.unwrap_or_else(|| {
                    if mostly_utf8(&bytes[..bytes.len().min(SNIFF_LEN * 8)]) {
                        UTF_8
                    } else {
                        WINDOWS_1252
                    }
                });
                decode_as(bytes, encoding, 0)
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err("the file holds only white space: there is nothing to lint".into());
    }
    Ok(decoded)
}

/// Decodes `bytes[bom..]` in `encoding`, replacing what cannot be decoded.
fn decode_as(bytes: &[u8], encoding: &'static Encoding, bom: usize) -> Decoded {
    let body = &bytes[bom..];
    if encoding == UTF_8 {
        utf8_lossy(body, bom, bytes.len())
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        utf16(body, encoding, bom, bytes.len())
    } else if encoding.is_single_byte() {
        single_byte(body, encoding, bom, bytes.len())
    } else {
        multi_byte(body, encoding, bom, bytes.len())
    }
}

/// UTF-8 with every broken sequence replaced by one U+FFFD.
fn utf8_lossy(body: &[u8], start: usize, file_len: usize) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut offsets = ByteMap::new(start, 1, file_len);
    let mut file = start;
    let mut replaced = 0;
    for chunk in body.utf8_chunks() {
        text.push_str(chunk.valid());
        file += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push('\u{FFFD}');
            file += chunk.invalid().len();
            replaced += 1;
            offsets.anchor(text.len(), file);
        }
    }
    Decoded {
        text,
        encoding: UTF_8,
        offsets,
        replaced,
    }
}

/// UTF-16: two bytes per ASCII character, four for a character outside the Basic Multilingual
/// Plane.
fn utf16(body: &[u8], encoding: &'static Encoding, start: usize, file_len: usize) -> Decoded {
    fixed_width(body, encoding, start, file_len, 2, |ch| {
        if (ch as u32) > 0xFFFF { 4 } else { 2 }
    })
}

/// A single-byte encoding (Windows-1252 and its kin): one byte per character.
fn single_byte(body: &[u8], encoding: &'static Encoding, start: usize, file_len: usize) -> Decoded {
    fixed_width(body, encoding, start, file_len, 1, |_| 1)
}

/// An encoding whose characters each take a width known from the character alone; ASCII
/// takes `unit` bytes, and an anchor is set after every other character.
fn fixed_width(
    body: &[u8],
    encoding: &'static Encoding,
    start: usize,
    file_len: usize,
    unit: u32,
    width: impl Fn(char) -> usize,
) -> Decoded {
    let (text, replaced) = decode_whole(body, encoding);
    let mut offsets = ByteMap::new(start, unit, file_len);
    let mut file = start;
    for (i, ch) in text.char_indices() {
        file += width(ch);
        if !ch.is_ascii() {
            offsets.anchor(i + ch.len_utf8(), file);
        }
    }
    Decoded {
        text,
        encoding,
        offsets,
        replaced,
    }
}

/// Any other declared encoding (Shift_JIS, GBK ...): decoded line by line, so that each line
/// start maps exactly and offsets inside a line are approximate.
fn multi_byte(body: &[u8], encoding: &'static Encoding, start: usize, file_len: usize) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut offsets = ByteMap::new(start, 1, file_len);
    let mut replaced = 0;
    let mut file = start;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let (decoded, n) = decode_whole(line, encoding);
        text.push_str(&decoded);
        replaced += n;
        file += line.len();
        offsets.anchor(text.len(), file);
    }
    Decoded {
        text,
        encoding,
        offsets,
        replaced,
    }
}

/// Decodes `bytes` without BOM handling; returns the text and how many characters were replaced.
fn decode_whole(bytes: &[u8], encoding: &'static Encoding) -> (String, usize) {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let replaced = if encoding == WINDOWS_1252 {
        0 // every byte has a character in the WHATWG Windows-1252 table
    } else {
        text.matches('\u{FFFD}').count()
    };
    (text.into_owned(), replaced)
}

/// UTF-16 without a byte-order mark: most ASCII characters leave a zero byte in every other
/// position of the file's start.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zeros = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zeros = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(odd_zeros) && rarely(even_zeros) {
        Some(UTF_16LE)
    } else if mostly(even_zeros) && rarely(odd_zeros) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether broken UTF-8 is UTF-8 with a few damaged bytes rather than a legacy encoding: it
/// holds at least as many well-formed multi-byte sequences as broken ones (Windows-1252 text
/// almost never forms a valid multi-byte sequence by chance).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multi = 0;
    let mut broken = 0;
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    multi > 0 && multi >= broken
}

/// The encoding an HTML file declares in its first kilobyte: `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`. Labels are read as browsers
/// read them (`iso-8859-1` is Windows-1252).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_LEN)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = lower[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| tag_start + p);
        let tag = &lower[tag_start..tag_end];
        if let Some(p) = find(tag, b"charset") {
            let value = tag[p + 7..]
                .iter()
                .skip_while(|&&b| b == b' ' || b == b'=' || b == b'"' || b == b'\'')
                .take_while(|&&b| b.is_ascii_alphanumeric() || b"-_:.".contains(&b))
                .copied()
                .collect::<Vec<u8>>();
            if let Some(encoding) = Encoding::for_label(&value) {
                // A page cannot really be UTF-16 if its meta tag was readable as ASCII.
                return Some(if encoding == UTF_16LE || encoding == UTF_16BE {
                    UTF_8
                } else {
                    encoding
                });
            }
        }
        from = tag_end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_text<'a>(bytes: &'a [u8], d: &Decoded, range: std::ops::Range<usize>) -> &'a [u8] {
        &bytes[d.offsets.to_file(range.start)..d.offsets.to_file(range.end)]
    }

    #[test]
    fn utf8_with_and_without_a_bom() {
        let d = decode("Form SD “x”".as_bytes(), false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Form SD “x”", UTF_8));
        let bytes = b"\xEF\xBB\xBFForm SD";
        let d = decode(bytes, false).unwrap();
        assert_eq!(d.text, "Form SD");
        assert_eq!(file_text(bytes, &d, 0..4), b"Form");
    }

    #[test]
    fn windows_1252_maps_each_character_to_its_byte() {
        let bytes = b"\x93DRC conflict free\x94 \x96 caf\xe9 Rule";
        let d = decode(bytes, false).unwrap();
        assert_eq!(d.encoding, WINDOWS_1252);
        assert_eq!(d.text, "“DRC conflict free” – café Rule");
        let rule = d.text.find("Rule").unwrap();
        assert_eq!(file_text(bytes, &d, rule..rule + 4), b"Rule");
        let quote = d.text.find('”').unwrap();
        assert_eq!(file_text(bytes, &d, quote..quote + 3), b"\x94");
    }

    #[test]
    fn utf16_with_a_bom_and_without() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Item 1.01 – Rule".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Item 1.01 – Rule", UTF_16LE)
        );
        let rule = d.text.find("Rule").unwrap();
        assert_eq!(file_text(&le, &d, rule..rule + 4), &le[le.len() - 8..]);
        let be: Vec<u8> = "Form SD\r\nItem 1.01"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let d = decode(&be, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Form SD\r\nItem 1.01", UTF_16BE)
        );
    }

    #[test]
    fn meta_charset_is_read_from_html_only() {
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"></head>\xb1</html>";
        assert_eq!(decode(html, true).unwrap().encoding.name(), "ISO-8859-2");
        assert_eq!(decode(html, false).unwrap().encoding, WINDOWS_1252);
        let html5 = b"<meta charset='windows-1252'><p>\x93x\x94";
        assert_eq!(
            decode(html5, true).unwrap().text,
            "<meta charset='windows-1252'><p>“x”"
        );
    }

    #[test]
    fn damaged_utf8_is_replaced_and_mapped_not_dropped() {
        let bytes = "café \u{2014} "
            .bytes()
            .chain(*b"\xFF\xFEok")
            .collect::<Vec<u8>>();
        let d = decode(&bytes, false).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.text, "café \u{2014} \u{FFFD}\u{FFFD}ok");
        assert_eq!(d.replaced, 2);
        let ok = d.text.find("ok").unwrap();
        assert_eq!(file_text(&bytes, &d, ok..ok + 2), b"ok");
        let bad = d.text.find('\u{FFFD}').unwrap();
        assert_eq!(file_text(&bytes, &d, bad..bad + 6), b"\xFF\xFE");
    }

    #[test]
    fn refuses_empty_blank_and_binary_files() {
        assert!(decode(b"", false).unwrap_err().contains("empty"));
        assert!(
            decode(b" \r\n\t", false)
                .unwrap_err()
                .contains("white space")
        );
        assert!(
            decode(b"PK\x03\x04\x00\x00\x01", false)
                .unwrap_err()
                .contains("binary")
        );
    }
}
