//! Checkboxes drawn with a symbol font, as Word writes them (`<w:sym w:font="Wingdings"
//! w:char="F0FE"/>`): the glyph is a box, but the character code is a private-use one that
//! means nothing without the font. The boxes of the fonts filers use become the characters the
//! rest of sdlint reads as a checked (☒) or an unchecked (☐) box, as `&#9746;` in HTML does;
//! any other symbol is no text.
//!
//! Codes, checked against the fonts' published Unicode mappings:
//! - Wingdings: 0x78 ⌧ (X in a rectangle box), 0xFD ☒, 0xFE ☑, and the marks 0xFB ✗ and
//!   0xFC ✓; unchecked 0x6F □, 0x70 (bold white square), 0x71 ❑, 0x72 ❒, 0xA8 ◻.
//! - Wingdings 2: 0x4F 🗴 (ballot script X), 0x50 ✓, 0x51 🗵, 0x52 ☑, 0x53 ☒, 0x54 ☒ (bold);
//!   unchecked 0xA3 ⬜.
//! - Unicode fonts (MS Gothic, Segoe UI Symbol ...), whose code is the character: U+2611,
//!   U+2612, U+2713, U+2714, U+2717, U+2718 checked, U+2610, U+25A1 unchecked.

/// A checked box.
const CHECKED: &str = "\u{2612}";
/// An unchecked box.
const UNCHECKED: &str = "\u{2610}";

/// The box that the symbol `code` (a `w:char` value, hexadecimal) of `font` draws, if it is
/// one.
pub fn checkbox(font: &str, code: &str) -> Option<&'static str> {
    let code = u32::from_str_radix(code.trim(), 16).ok()?;
    // Symbol fonts are addressed in the private-use range U+F000–U+F0FF, or by the byte alone.
    let byte = match code {
        0xF000..=0xF0FF => Some(code - 0xF000),
        0..=0xFF => Some(code),
        _ => None,
    };
    let font = font.trim().to_ascii_lowercase();
    match (font.as_str(), byte) {
        ("wingdings", Some(0x78 | 0xFB | 0xFC | 0xFD | 0xFE)) => Some(CHECKED),
        ("wingdings", Some(0x6F..=0x72 | 0xA8)) => Some(UNCHECKED),
        ("wingdings 2", Some(0x4F..=0x54)) => Some(CHECKED),
        ("wingdings 2", Some(0xA3)) => Some(UNCHECKED),
        ("wingdings" | "wingdings 2" | "wingdings 3" | "symbol" | "webdings", _) => None,
        _ => match char::from_u32(code)? {
            '\u{2611}' | '\u{2612}' | '\u{2713}' | '\u{2714}' | '\u{2717}' | '\u{2718}' => {
                Some(CHECKED)
            }
            '\u{2610}' | '\u{25A1}' => Some(UNCHECKED),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_font_boxes_are_checked_or_unchecked_boxes() {
        for (font, code) in [
            ("Wingdings", "F078"),
            ("Wingdings", "F0FE"),
            ("Wingdings", "f0fd"),
            ("Wingdings", "FE"),
            ("Wingdings 2", "F053"),
            ("Wingdings 2", "F054"),
            ("Wingdings 2", "F052"),
            ("MS Gothic", "2612"),
            ("Segoe UI Symbol", "2611"),
        ] {
            assert_eq!(checkbox(font, code), Some(CHECKED), "{font} {code}");
        }
        for (font, code) in [
            ("Wingdings", "F0A8"),
            ("Wingdings", "F06F"),
            ("Wingdings 2", "F0A3"),
            ("MS Gothic", "2610"),
        ] {
            assert_eq!(checkbox(font, code), Some(UNCHECKED), "{font} {code}");
        }
    }

    #[test]
    fn other_symbols_are_no_text() {
        for (font, code) in [
            ("Wingdings", "F04A"),
            ("Wingdings", "F0A1"),
            ("Wingdings 2", "F0FE"),
            ("Symbol", "F0B7"),
            ("MS Gothic", "41"),
            ("Segoe UI Symbol", "1F600"),
            ("Wingdings", "zz"),
        ] {
            assert_eq!(checkbox(font, code), None, "{font} {code}");
        }
    }
}
