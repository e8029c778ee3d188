//! Byte ranges into a text, the shared vocabulary of every pipeline stage.

use std::ops::Range;

/// A half-open byte range `[start, end)` into a text.
///
/// Offsets are `u32`: sdlint refuses inputs over 4 GiB long before they get here.
/// Serialised as `[start, end]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    /// A range from `start` to `end`; `end` is clamped so that the range is never inverted.
    pub fn new(start: usize, end: usize) -> Self {
        let start = to_u32(start);
        Self {
            start,
            end: to_u32(end).max(start),
        }
    }

    /// An empty range at `offset`.
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Whether `other` lies entirely inside `self`.
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same range moved `by` bytes to the right.
    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start() + by, self.end() + by)
    }

    pub fn as_range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl serde::Serialize for TextRange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

impl From<Range<usize>> for TextRange {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Line starts of a text, to turn byte offsets into 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// When a line is longer than [`CHAR_MARK`] bytes: the characters before every
    /// [`CHAR_MARK`]-th byte of the text, so that a column far into a long line is counted from
    /// the nearest mark, not from the line's start (else each location on a one-line file
    /// would read the line again).
    marks: Vec<u32>,
}

/// The bytes between two of [`LineIndex`]'s character counts.
const CHAR_MARK: usize = 4096;

/// The characters of UTF-8 `bytes`: those that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n`, or a lone `\r` (old Mac files).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let mut longest = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                longest = longest.max(i + 1 - *starts.last().unwrap_or(&0) as usize);
                starts.push(to_u32(i + 1));
            }
        }
        longest = longest.max(bytes.len() - *starts.last().unwrap_or(&0) as usize);
        let mut marks = Vec::new();
        if longest > CHAR_MARK {
            let mut chars = 0;
            for chunk in bytes.chunks(CHAR_MARK) {
                marks.push(to_u32(chars));
                chars += count_chars(chunk);
            }
            // The end of a text whose length is a multiple of the stride has a mark too.
            marks.push(to_u32(chars));
        }
        Self { starts, marks }
    }

    /// The characters of `text` before `offset`, counted from the mark before it.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let mark = offset / CHAR_MARK;
        self.marks[mark] as usize + count_chars(&text.as_bytes()[mark * CHAR_MARK..offset])
    }

    /// The 0-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = to_u32(offset);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(u32::MAX) as usize
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line and column of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = if offset - start <= CHAR_MARK || self.marks.is_empty() {
            count_chars(&text.as_bytes()[start..offset])
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        } + 1;
        LineCol {
            line: to_u32(line + 1),
            column: to_u32(column),
        }
    }
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary of `text` at or after `offset`.
pub fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "ab\n“q” x\nend";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 3, column: 4 }
        );
    }

    #[test]
    fn columns_far_into_a_long_line_count_chars() {
        let mut text = format!("first\n{}", "a“b”c ".repeat(3000));
        // The text ends on a mark, a column is asked for there too.
        while text.len() % CHAR_MARK != 0 {
            text.push('x');
        }
        let index = LineIndex::new(&text);
        let offsets = text.char_indices().map(|(i, _)| i).step_by(997);
        for offset in offsets.chain([text.len()]) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(index.line_col(&text, offset).column as usize, column);
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let d = text.find('d').unwrap();
        assert_eq!(index.line_col(text, d), LineCol { line: 4, column: 1 });
        let c = text.find('c').unwrap();
        assert_eq!(index.line_col(text, c), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn inverted_ranges_are_clamped() {
        let range = TextRange::new(5, 2);
        assert!(range.is_empty());
        assert_eq!(range.start(), 5);
    }
}
