//! Where the text sdlint reads came from: positions in the file the user gave.
//!
//! A text or Markdown file is read as it is, so its lines are the file's lines. HTML is read as
//! the text a reader sees, but positions are given in the markup, so that an editor opens the
//! `.htm` at the right place. A Word document has no lines: positions are paragraphs
//! (`draft.docx:¶42`), and columns count characters of the paragraph.

use std::cell::OnceCell;

use super::decode::ByteMap;
use crate::sourcemap::SourceMap;
use crate::span::{LineCol, LineIndex, TextRange};

/// How a [`SourceFile`](super::SourceFile)'s text maps back to its file.
#[derive(Debug, Clone)]
pub struct Origin {
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// The text is the decoded file.
    Decoded { bytes: ByteMap },
    /// The text was extracted from markup (HTML): `map` leads to the decoded markup, whose
    /// lines and columns are reported.
    Markup {
        markup: String,
        map: SourceMap,
        bytes: ByteMap,
    },
    /// The text holds the paragraphs of a Word document; `map` leads to `word/document.xml`.
    Paragraphs { starts: Vec<u32>, map: SourceMap },
}

/// What a position's "line" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Line,
    Paragraph,
}

impl Origin {
    pub(super) fn decoded(bytes: ByteMap) -> Self {
        Self {
            kind: Kind::Decoded { bytes },
        }
    }

    pub(super) fn markup(markup: String, map: SourceMap, bytes: ByteMap) -> Self {
        Self {
            kind: Kind::Markup { markup, map, bytes },
        }
    }

    pub(super) fn paragraphs(starts: Vec<u32>, map: SourceMap) -> Self {
        Self {
            kind: Kind::Paragraphs { starts, map },
        }
    }

    pub fn unit(&self) -> Unit {
        match self.kind {
            Kind::Paragraphs { .. } => Unit::Paragraph,
            _ => Unit::Line,
        }
    }
}

/// A range located in the file: its start and end, and its bytes in the file (for a Word
/// document, in `word/document.xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub start: LineCol,
    pub end: LineCol,
    pub bytes: TextRange,
}

/// Locates ranges of a text in its file. Its line indexes are built on first use, so a file
/// with nothing to report costs nothing.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    origin: &'a Origin,
    lines: OnceCell<LineIndex>,
    markup_lines: OnceCell<Option<LineIndex>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, origin: &'a Origin) -> Self {
        Self {
            text,
            origin,
            lines: OnceCell::new(),
            markup_lines: OnceCell::new(),
        }
    }

    fn markup_lines(&self) -> Option<&LineIndex> {
        self.markup_lines
            .get_or_init(|| match &self.origin.kind {
                Kind::Markup { markup, .. } => Some(LineIndex::new(markup)),
                _ => None,
            })
            .as_ref()
    }

    /// The text located.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The lines of the text itself (what snippets show).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }

    pub fn unit(&self) -> Unit {
        self.origin.unit()
    }

    /// Where `range` of the text is in the file.
    pub fn locate(&self, range: TextRange) -> Located {
        match &self.origin.kind {
            Kind::Decoded { bytes } => Located {
                start: self.lines().line_col(self.text, range.start()),
                end: self.lines().line_col(self.text, range.end()),
                bytes: TextRange::new(bytes.to_file(range.start()), bytes.to_file(range.end())),
            },
            Kind::Markup { markup, map, bytes } => {
                let in_markup = map.to_source(range);
                let lines = self.markup_lines().unwrap_or(self.lines());
                Located {
                    start: lines.line_col(markup, in_markup.start()),
                    end: lines.line_col(markup, in_markup.end()),
                    bytes: TextRange::new(
                        bytes.to_file(in_markup.start()),
                        bytes.to_file(in_markup.end()),
                    ),
                }
            }
            Kind::Paragraphs { starts, map } => Located {
                start: paragraph_col(self.text, starts, range.start()),
                end: paragraph_col(self.text, starts, range.end()),
                bytes: map.to_source(range),
            },
        }
    }

    /// Where `range` of the decoded markup is in the file (for what the text leaves out, such as
    /// an HTML comment); `None` unless the text was extracted from markup.
    pub fn locate_markup(&self, range: TextRange) -> Option<Located> {
        let Kind::Markup { markup, bytes, .. } = &self.origin.kind else {
            return None;
        };
        let lines = self.markup_lines()?;
        Some(Located {
            start: lines.line_col(markup, range.start()),
            end: lines.line_col(markup, range.end()),
            bytes: TextRange::new(bytes.to_file(range.start()), bytes.to_file(range.end())),
        })
    }

    /// The decoded markup the text was extracted from, if any.
    pub fn markup(&self) -> Option<&'a str> {
        match &self.origin.kind {
            Kind::Markup { markup, .. } => Some(markup),
            _ => None,
        }
    }

    /// The number a reader knows the 0-based line `line` of the text by: its line in the
    /// file, or its paragraph in a Word document.
    pub fn line_number(&self, line: usize) -> usize {
        let start = self.lines().line_start(line).min(self.text.len());
        match &self.origin.kind {
            Kind::Decoded { .. } => line + 1,
            _ => self.locate(TextRange::empty(start)).start.line as usize,
        }
    }
}

/// The paragraph (1-based) holding `offset` and the column in it.
fn paragraph_col(text: &str, starts: &[u32], offset: usize) -> LineCol {
    let offset = crate::span::floor_char_boundary(text, offset);
    let index = starts
        .partition_point(|&s| s as usize <= offset)
        .saturating_sub(1);
    let start = starts.get(index).map_or(0, |&s| (s as usize).min(offset));
    LineCol {
        line: index as u32 + 1,
        column: text[start..offset].chars().count() as u32 + 1,
    }
}
