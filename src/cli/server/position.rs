//! LSP positions: a line and a character offset in UTF-16 code units (the protocol's default
//! encoding), to and from byte offsets of the document's text.

use lsp_types::{Position, Range};

/// The line starts of a document's text, as LSP counts lines: ended by `\n`, `\r\n` or `\r`.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Self { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let offset = sdlint::span::floor_char_boundary(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The byte offset of `position`: a line past the end is the end of the text, a character
    /// past the end of its line is the end of the line, and one inside a surrogate pair is the
    /// start of that character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        self.starts[line]
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_count_utf16_units() {
        // "é" is 2 bytes and 1 unit, "𝐀" 4 bytes and 2 units (a surrogate pair).
        let text = "ab\r\né𝐀x\rlast";
        let lines = Lines::new(text);
        assert_eq!(lines.position(0), Position::new(0, 0));
        assert_eq!(lines.position(4), Position::new(1, 0));
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(x), Position::new(1, 3));
        assert_eq!(
            lines.position(text.find("last").unwrap()),
            Position::new(2, 0)
        );
        // Inside "𝐀": back to its start.
        assert_eq!(lines.position(x - 1), Position::new(1, 1));
        assert_eq!(lines.position(usize::MAX), Position::new(2, 4));
    }

    #[test]
    fn positions_map_back_to_offsets() {
        let text = "ab\r\né𝐀x\rlast";
        let lines = Lines::new(text);
        for offset in [0, 1, 2, 4, 6, text.find('x').unwrap(), text.len()] {
            assert_eq!(lines.offset(lines.position(offset)), offset, "{offset}");
        }
        assert_eq!(
            lines.offset(Position::new(1, 2)),
            6,
            "inside the surrogate pair"
        );
        assert_eq!(lines.offset(Position::new(0, 99)), 2, "past the line's end");
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
    }
}
