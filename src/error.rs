//! The library's error type: what can stop sdlint from doing its job (exit code 2).

use std::ops::Range;
use std::path::PathBuf;

/// An error that keeps sdlint from linting an input or from loading its rules.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// An input was read but cannot be linted (binary, empty, undecodable).
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },

    /// A rule pack is invalid; `span` points into `text`, the pack's source.
    #[error("{path}: {message}")]
    RuleFile {
        path: PathBuf,
        text: String,
        span: Range<usize>,
        message: String,
    },

    /// The configuration file is invalid; `span` points into `text`, the file's source.
    #[error("{path}: {message}")]
    Config {
        path: PathBuf,
        text: String,
        span: Range<usize>,
        message: String,
    },

    /// A rule selector (`--select`, `--ignore`, `explain`) names no rule.
    #[error("unknown rule or rule prefix `{0}` (run `sdlint rules` to list them)")]
    UnknownRule(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
