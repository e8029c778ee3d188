//! The one way built-in regular expressions are compiled: case-insensitive, multi-line, ASCII
//! classes and word boundaries (fast engines; see `rules::compile`). A class that could match
//! outside ASCII must say so, `(?u:[^)])`, or the pattern would not compile: every built-in
//! pattern is compiled by a unit test of its module.

use regex::{Regex, RegexBuilder};

/// Compiles a built-in pattern. Panics on an invalid pattern: built-in patterns are constants,
/// each compiled by a test.
pub fn ascii(source: &str) -> Regex {
    RegexBuilder::new(source)
        .case_insensitive(true)
        .multi_line(true)
        .unicode(false)
        .build()
        .unwrap_or_else(|err| panic!("built-in pattern {source:?} is invalid: {err}"))
}

/// "Conflict Minerals Report" (also "Conflict Mineral Report", "Conflicts Minerals Report") as
/// the patterns that find it inside a line write it: the registrant's name before it on the
/// report's title line (`parse::fields`), the exhibit number after it in a sentence
/// (`rules::checks::exhibits`). Whether a line *is* the report's title is the grammar's
/// `cmr_title` (`LineKind::CmrTitle`); these read where the phrase sits in a line.
pub const CMR_PHRASE: &str = r"conflicts?\s+minerals?\s+report";
