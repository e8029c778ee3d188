//! Maps from a derived text back to the text it was made from.
//!
//! Each stage that rewrites text (HTML and Word extraction, normalisation) records, for every
//! piece of its output, the range of its input the piece came from. Diagnostics then walk the
//! maps back, stage by stage, to the bytes of the file the user gave.

use crate::span::TextRange;

/// Maps byte offsets of a derived text to byte offsets of its source.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    segments: Vec<Segment>,
}

/// A piece of derived text and the source bytes it came from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    out: u32,
    out_len: u32,
    src: u32,
    src_len: u32,
    /// Copied verbatim: offsets inside map one to one. Otherwise the piece replaces its
    /// source as a whole (an entity, a unified dash, a tag turned into a line break).
    verbatim: bool,
}

impl SourceMap {
    /// The source range a derived range stands for.
    pub fn to_source(&self, range: TextRange) -> TextRange {
        let start = self.start_to_source(range.start());
        if range.is_empty() {
            return TextRange::empty(start);
        }
        let end = self.end_to_source(range.end());
        TextRange::new(start, end.max(start))
    }

    fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let index = self.segments.partition_point(|s| s.out as usize <= offset);
        index.checked_sub(1).map(|i| &self.segments[i])
    }

    fn start_to_source(&self, offset: usize) -> usize {
        match self.segment_at(offset) {
            None => 0,
            Some(s) if offset >= (s.out + s.out_len) as usize => (s.src + s.src_len) as usize,
            Some(s) if s.verbatim => s.src as usize + (offset - s.out as usize),
            Some(s) => s.src as usize,
        }
    }

    fn end_to_source(&self, offset: usize) -> usize {
        let Some(last) = offset.checked_sub(1) else {
            return 0;
        };
        match self.segment_at(last) {
            None => 0,
            Some(s) if last >= (s.out + s.out_len) as usize => (s.src + s.src_len) as usize,
            Some(s) if s.verbatim => s.src as usize + (offset - s.out as usize),
            Some(s) => (s.src + s.src_len) as usize,
        }
    }

    /// Every piece of the map as `(derived range, source range)`, in order (for tests and
    /// `sdlint parse`).
    pub fn pieces(&self) -> impl Iterator<Item = (TextRange, TextRange)> + '_ {
        self.segments.iter().map(|s| {
            (
                TextRange::new(s.out as usize, (s.out + s.out_len) as usize),
                TextRange::new(s.src as usize, (s.src + s.src_len) as usize),
            )
        })
    }
}

/// Builds a derived text and its [`SourceMap`] piece by piece, in source order.
#[derive(Debug, Default)]
pub struct MapBuilder {
    out: String,
    map: SourceMap,
}

impl MapBuilder {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
            map: SourceMap::default(),
        }
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.out
    }

    /// Appends `text`, copied unchanged from the source at `src_start`.
    pub fn verbatim(&mut self, src_start: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let out = self.out.len();
        match self.map.segments.last_mut() {
            Some(last)
                if last.verbatim
                    && (last.src + last.src_len) as usize == src_start
                    && (last.out + last.out_len) as usize == out =>
            {
                last.src_len += text.len() as u32;
                last.out_len += text.len() as u32;
            }
            _ => self.map.segments.push(Segment {
                out: out as u32,
                out_len: text.len() as u32,
                src: src_start as u32,
                src_len: text.len() as u32,
                verbatim: true,
            }),
        }
        self.out.push_str(text);
    }

    /// Appends `text`, which stands for the source bytes `src_start..src_end` as a whole.
    pub fn replace(&mut self, src_start: usize, src_end: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.map.segments.push(Segment {
            out: self.out.len() as u32,
            out_len: text.len() as u32,
            src: src_start as u32,
            src_len: src_end.saturating_sub(src_start) as u32,
            verbatim: false,
        });
        self.out.push_str(text);
    }

    /// Appends a text derived from a piece of this builder's source that starts at `shift`:
    /// `map` leads from `text` to that piece, and is carried over moved by `shift`.
    pub fn append(&mut self, text: &str, map: &SourceMap, shift: usize) {
        for s in &map.segments {
            let piece = &text[s.out as usize..(s.out + s.out_len) as usize];
            let src = s.src as usize + shift;
            if s.verbatim {
                self.verbatim(src, piece);
            } else {
                self.replace(src, src + s.src_len as usize, piece);
            }
        }
    }

    pub fn finish(self) -> (String, SourceMap) {
        (self.out, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_map_inside_and_replacements_as_a_whole() {
        // Source: "a&amp;bc" -> derived "a&bc".
        let mut b = MapBuilder::default();
        b.verbatim(0, "a");
        b.replace(1, 6, "&");
        b.verbatim(6, "bc");
        let (text, map) = b.finish();
        assert_eq!(text, "a&bc");
        assert_eq!(map.to_source(TextRange::new(1, 2)), TextRange::new(1, 6));
        assert_eq!(map.to_source(TextRange::new(3, 4)), TextRange::new(7, 8));
        assert_eq!(map.to_source(TextRange::new(0, 4)), TextRange::new(0, 8));
        assert_eq!(map.to_source(TextRange::empty(2)), TextRange::empty(6));
    }

    #[test]
    fn an_appended_map_is_moved_to_where_its_piece_stands() {
        // Source: "xx<b>a&amp;b</b>"; the piece from offset 2 was extracted as "a&b".
        let mut inner = MapBuilder::default();
        inner.verbatim(3, "a");
        inner.replace(4, 9, "&");
        inner.verbatim(9, "b");
        let (piece, piece_map) = inner.finish();
        let mut b = MapBuilder::default();
        b.verbatim(0, "xx");
        b.append(&piece, &piece_map, 2);
        let (text, map) = b.finish();
        assert_eq!(text, "xxa&b");
        assert_eq!(map.to_source(TextRange::new(2, 3)), TextRange::new(5, 6));
        assert_eq!(map.to_source(TextRange::new(3, 4)), TextRange::new(6, 11));
        assert_eq!(map.to_source(TextRange::new(4, 5)), TextRange::new(11, 12));
    }

    #[test]
    fn adjacent_verbatim_pieces_merge() {
        let mut b = MapBuilder::default();
        b.verbatim(0, "ab");
        b.verbatim(2, "cd");
        b.verbatim(10, "ef");
        assert_eq!(b.map.segments.len(), 2);
        let (_, map) = b.finish();
        assert_eq!(map.to_source(TextRange::new(3, 5)), TextRange::new(3, 11));
    }
}
