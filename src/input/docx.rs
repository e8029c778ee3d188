//! Word (.docx) documents: the paragraphs of `word/document.xml`, one per line.

use crate::sourcemap::SourceMap;

/// The text of a Word document's body and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// One line per paragraph (a table row is one line, its cells separated by tabs).
    pub text: String,
    /// Maps `text` to byte offsets in the (decompressed) `word/document.xml`.
    pub map: SourceMap,
    /// Byte offset in `text` where each paragraph starts, ascending: paragraph `n` (1-based)
    /// starts at `paragraphs[n - 1]`.
    pub paragraphs: Vec<u32>,
}

/// Extracts the body text of the Word document `bytes`, or says in one line why it cannot.
pub fn extract(_bytes: &[u8]) -> Result<Extracted, String> {
    Err("Word (.docx) input is not supported yet: save the draft as .txt, .md or .html".into())
}
