//! Reading inputs: format detection and decoding into the text the rest of the pipeline reads.
//!
//! Every format ends up as one `SourceFile` whose `text` is what diagnostics are shown against.

pub mod docx;
mod text;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The formats sdlint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
}

impl Format {
    /// The format a file name implies, if its extension is one sdlint reads.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            "htm" | "html" | "xhtml" => Some(Self::Html),
            "docx" => Some(Self::Docx),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Docx => "docx",
        }
    }
}

/// An input ready to be normalised: its name, format and decoded text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or the `--stdin-filename`).
    pub path: PathBuf,
    pub format: Format,
    /// The decoded text; diagnostics point into it.
    pub text: String,
    /// Bytes dropped before `text` starts (a byte-order mark), so that byte ranges
    /// reported to tools are offsets into the file itself.
    pub offset: usize,
}

/// Reads and decodes the file at `path`.
pub fn read_path(path: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    from_bytes(path.to_owned(), &bytes)
}

/// Decodes `bytes` read from `path` (a real path or a `--stdin-filename`).
pub fn from_bytes(path: PathBuf, bytes: &[u8]) -> Result<SourceFile> {
    let format = Format::from_path(&path).unwrap_or_else(|| sniff(bytes));
    let input_error = |message: String| Error::Input {
        path: path.clone(),
        message,
    };
    if format == Format::Docx {
        return Err(input_error(
            "Word (.docx) input is not supported yet: save the draft as .txt, .md or .html".into(),
        ));
    }
    let (text, offset) = text::decode(bytes).map_err(input_error)?;
    Ok(SourceFile {
        path,
        format,
        text,
        offset,
    })
}

/// Guesses the format of an input whose name says nothing (stdin, unknown extension).
fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.starts_with("pk\u{3}\u{4}") {
        Format::Docx
    } else if head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") {
        Format::Html
    } else if head.contains("**") || head.lines().any(|l| l.starts_with('#')) {
        Format::Markdown
    } else {
        Format::Text
    }
}
