//! Reports: what linting a file comes to, its diagnostics with the text they point into.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::input::{self, Format};
use crate::parse::DocumentKind;

/// The result of linting one file.
#[derive(Debug)]
pub struct Report {
    pub path: PathBuf,
    pub format: Format,
    pub document: DocumentKind,
    /// The filing the file is part of, named by its principal document (the Form SD, or the
    /// report when there is none): the file's own path when it is a filing by itself.
    pub filing: PathBuf,
    /// The text the diagnostics point into (see [`SourceFile::text`](input::SourceFile::text)).
    pub source: String,
    /// The way back from `source` to positions in the file.
    pub origin: input::Origin,
    pub diagnostics: Vec<Diagnostic>,
}
