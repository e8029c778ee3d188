//! Reading inputs: format detection and decoding into the text the rest of the pipeline reads.
//!
//! Every format ends up as one `SourceFile` whose `text` is what diagnostics are shown against.

mod decode;
pub mod docx;
pub mod edgar;
mod grid;
pub mod html;
mod markdown;
mod origin;
mod symbols;

pub use origin::{Located, Locator, Origin, Unit};

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
    /// The file extensions sdlint reads (in lower case; any case is read) and the format each one
    /// implies: the one list that reading a file and walking a folder go by.
    pub const EXTENSIONS: [(&'static str, Self); 8] = [
        ("txt", Self::Text),
        ("text", Self::Text),
        ("md", Self::Markdown),
        ("markdown", Self::Markdown),
        ("htm", Self::Html),
        ("html", Self::Html),
        ("xhtml", Self::Html),
        ("docx", Self::Docx),
    ];

    /// The format a file name implies, if its extension is one sdlint reads.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::EXTENSIONS
            .iter()
            .find(|(name, _)| *name == ext)
            .map(|&(_, format)| format)
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

/// An input ready to be normalised: its name, format, the text sdlint reads, and where that
/// text came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or the `--stdin-filename`).
    pub path: PathBuf,
    pub format: Format,
    /// What sdlint reads and shows in snippets: the decoded file, or for HTML and Word the text
    /// a reader sees, one block (paragraph, heading, table row) per line.
    pub text: String,
    /// The way back from `text` to positions in the file.
    pub origin: Origin,
    /// The encoding the file was read in (`UTF-8`, `windows-1252` ...).
    pub encoding: &'static str,
    /// How many characters could not be decoded and were replaced by U+FFFD.
    pub replaced: usize,
    /// The HTML comments of the file, which the text leaves out.
    pub comments: Vec<html::Comment>,
    /// An EDGAR complete submission (see [`edgar`]): the documents of a filing in one file.
    pub submission: bool,
}

/// The largest input sdlint reads (see [`crate::files::MAX_DOCUMENT_LEN`]).
pub const MAX_INPUT_LEN: u64 = crate::files::MAX_DOCUMENT_LEN;

/// Reads and decodes the file at `path`: a regular file of at most [`MAX_INPUT_LEN`] bytes.
pub fn read_path(path: &Path) -> Result<SourceFile> {
    let bytes = crate::files::read_regular(path, MAX_INPUT_LEN).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    from_bytes(path.to_owned(), &bytes)
}

/// Decodes `bytes` read from `path` (a real path or a `--stdin-filename`).
pub fn from_bytes(path: PathBuf, bytes: &[u8]) -> Result<SourceFile> {
    if bytes.len() as u64 > MAX_INPUT_LEN {
        return Err(Error::Input {
            path,
            message: format!(
                "the input is more than the {} MiB sdlint reads",
                MAX_INPUT_LEN >> 20
            ),
        });
    }
    let format = match Format::from_path(&path) {
        Some(Format::Text) if looks_like_html(bytes) => Format::Html,
        Some(format) => format,
        None => sniff(bytes),
    };
    let input_error = |message: String| Error::Input {
        path: path.clone(),
        message,
    };
    if let Some(message) = unsupported(bytes, format) {
        return Err(input_error(message));
    }
    if format == Format::Docx {
        let word = docx::extract(bytes).map_err(input_error)?;
        return Ok(SourceFile {
            path,
            format,
            text: word.text,
            origin: Origin::paragraphs(word.paragraphs, word.map),
            encoding: "UTF-8",
            replaced: 0,
            comments: Vec::new(),
            submission: false,
        });
    }
    let mut decoded = decode::decode(bytes, format == Format::Html).map_err(input_error)?;
    lone_cr_to_lf(&mut decoded.text);
    let encoding = decoded.encoding.name();
    let replaced = decoded.replaced;
    if format != Format::Markdown && edgar::is_submission(&decoded.text) {
        let submission = edgar::extract(&decoded.text);
        if submission.text.trim().is_empty() {
            return Err(input_error(
                "the EDGAR submission has no document text: there is nothing to lint".into(),
            ));
        }
        return Ok(SourceFile {
            path,
            format: if submission.html {
                Format::Html
            } else {
                Format::Text
            },
            text: submission.text,
            origin: Origin::markup(decoded.text, submission.map, decoded.offsets),
            encoding,
            replaced,
            comments: submission.comments,
            submission: true,
        });
    }
    if format == Format::Html {
        let page = html::extract(&decoded.text);
        if page.text.trim().is_empty() {
            return Err(input_error(
                "the HTML page has no visible text: there is nothing to lint".into(),
            ));
        }
        return Ok(SourceFile {
            path,
            format,
            text: page.text,
            origin: Origin::markup(decoded.text, page.map, decoded.offsets),
            encoding,
            replaced,
            comments: page.comments,
            submission: false,
        });
    }
    // A Markdown file's HTML tables are read as HTML; the rest of it, as it is.
    if format == Format::Markdown
        && let Some(page) = markdown::extract(&decoded.text)
    {
        return Ok(SourceFile {
            path,
            format,
            text: page.text,
            origin: Origin::markup(decoded.text, page.map, decoded.offsets),
            encoding,
            replaced,
            comments: page.comments,
            submission: false,
        });
    }
    Ok(SourceFile {
        path,
        format,
        text: decoded.text,
        origin: Origin::decoded(decoded.offsets),
        encoding,
        replaced,
        comments: Vec::new(),
        submission: false,
    })
}

/// Turns the lone carriage returns of old Mac files into line feeds, byte for byte, so that
/// every later stage sees lines; positions do not move.
fn lone_cr_to_lf(text: &mut String) {
    let bytes = text.as_bytes();
    let lone: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .map(|(i, _)| i)
        .collect();
    if lone.is_empty() {
        return;
    }
    let mut owned = std::mem::take(text).into_bytes();
    for i in lone {
        owned[i] = b'\n';
    }
    // Replacing one ASCII byte with another keeps the text valid UTF-8.
    *text = String::from_utf8(owned).unwrap_or_default();
}

/// Why a file in a format sdlint does not read cannot be linted, recognised by its first bytes
/// whatever its name.
fn unsupported(bytes: &[u8], format: Format) -> Option<String> {
    let message = if bytes.starts_with(b"%PDF-") {
        "this is a PDF file, which sdlint does not read: lint the .htm, .docx or .txt it was made from"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "this is a legacy Word (.doc) or other OLE file: save it as .docx and lint that"
    } else if bytes.starts_with(b"{\\rtf") {
        "this is an RTF file, which sdlint does not read: save it as .docx and lint that"
    } else if format != Format::Docx && bytes.starts_with(b"PK\x03\x04") {
        "this is a zip archive, not a text file: if it is a Word document, name it .docx"
    } else {
        return None;
    };
    Some(message.to_owned())
}

/// Guesses the format of an input whose name says nothing (stdin, unknown extension).
fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    if looks_like_html(bytes) {
        return Format::Html;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    if head.contains("**") || head.lines().any(|l| l.starts_with('#')) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Whether the file starts as an HTML page does (EDGAR serves many `.txt` documents that are
/// HTML): a doctype, `<html>`, or the SGML wrapper of an EDGAR document holding HTML.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(decode::SNIFF_LEN)];
    let lower = head.to_ascii_lowercase();
    let start = lower.trim_ascii_start();
    let starts = |p: &[u8]| {
        start.starts_with(p)
            || start.starts_with(b"\xef\xbb\xbf") && start[3..].trim_ascii_start().starts_with(p)
    };
    starts(b"<!doctype html")
        || starts(b"<html")
        || starts(b"<?xml") && contains(&lower, b"<html")
        || (starts(b"<document>") || starts(b"<sec-document>")) && contains(&lower, b"<html")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
