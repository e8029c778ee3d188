//! The library's error type: what can stop sdlint from doing its job (exit code 2).

use std::ops::Range;
use std::path::{Path, PathBuf};

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

    /// A rule pack (or a folder of packs) could not be read.
    #[error("cannot read the rule pack {path}: {source}")]
    RulePackIo {
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

    /// A rule pack or configuration file that is not TOML at all (or not UTF-8): where, and
    /// what the parser said, but none of its text — it may be any file at all.
    #[error("{path}:{line}:{column}: {what}: {message}")]
    NotToml {
        path: PathBuf,
        /// `invalid rule pack` or `invalid configuration`.
        what: &'static str,
        line: usize,
        column: usize,
        message: String,
    },

    /// A rule selector (`--select`, `--ignore`, `explain`) names no rule.
    #[error("unknown rule or rule prefix `{0}` (run `sdlint rules` to list them)")]
    UnknownRule(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What is wrong with a TOML file that is not UTF-8.
pub(crate) const NOT_UTF8: &str = "the file is not UTF-8, as a TOML file must be: save it as UTF-8 (the place given is its first byte that is not)";

/// Reads a TOML file. A file that is not UTF-8 is read lossily, and the span of its first
/// undecodable byte (a U+FFFD in the text) comes with it, to report there.
pub(crate) fn read_toml(path: &Path) -> std::io::Result<(String, Option<Range<usize>>)> {
    let bytes = crate::files::read_regular(path, crate::files::MAX_TOML_LEN)?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            (text, Some(at..at + '\u{FFFD}'.len_utf8()))
        }
    })
}

/// Checks that `text`, read from `path`, is TOML at all before it is read as a pack or a
/// configuration (`what` says which), so that a file that is not TOML is reported without any
/// of its text. `not_utf8` is where its first byte that is not UTF-8 is, if any.
pub(crate) fn check_toml(
    path: &Path,
    what: &'static str,
    text: &str,
    not_utf8: Option<Range<usize>>,
) -> Result<()> {
    let (at, message) = match not_utf8 {
        Some(span) => (span.start, NOT_UTF8.to_owned()),
        None => match text.parse::<toml::Table>() {
            Ok(_) => return Ok(()),
            Err(err) => {
                let at = err.span().map_or(0, |s| s.start);
                let message = err
                    .message()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("; ");
                (at, message)
            }
        },
    };
    let at = crate::span::floor_char_boundary(text, at.min(text.len()));
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Err(Error::NotToml {
        path: path.to_owned(),
        what,
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        message,
    })
}

/// A TOML error in the words of TOML rather than of serde (a table, not a map; an array, not
/// a sequence), and where it points in `text`.
pub(crate) fn toml_error(text: &str, err: &toml::de::Error) -> (Range<usize>, String) {
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim_end_matches('\n');
    let header = text.get(span.clone()).unwrap_or_default();
    if message == "invalid type: map, expected a sequence"
        && header.starts_with('[')
        && !header.starts_with("[[")
    {
        let name = header.trim_matches(['[', ']']).trim();
        return (
            span,
            format!(
                "`[{name}]` is a single table, but a list of tables is expected: write `[[{name}]]`"
            ),
        );
    }
    let message = message
        .replace("invalid type: map", "invalid type: table")
        .replace("invalid type: sequence", "invalid type: array")
        .replace("expected a map", "expected a table")
        .replace("expected a sequence", "expected an array")
        .replace("expected usize", "expected a whole number");
    (span, message)
}

#[cfg(test)]
mod tests {
    use super::toml_error;

    fn error(text: &str) -> (String, String) {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Shape {
            rule: Option<Vec<toml::Table>>,
            count: Option<usize>,
        }
        let err = toml::from_str::<Shape>(text).unwrap_err();
        let (span, message) = toml_error(text, &err);
        (text[span].to_owned(), message)
    }

    #[test]
    fn toml_errors_speak_of_tables_and_arrays() {
        assert_eq!(
            error("[rule]\nid = 1\n"),
            (
                "[rule]".into(),
                "`[rule]` is a single table, but a list of tables is expected: write `[[rule]]`"
                    .into()
            )
        );
        assert_eq!(
            error("rule = \"x\"\n").1,
            "invalid type: string \"x\", expected an array"
        );
        assert_eq!(
            error("count = -1\n").1,
            "invalid value: integer `-1`, expected a whole number"
        );
    }
}
