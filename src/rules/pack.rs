//! What compiling a pack's values needs, shared by `compile` (the rule's common fields) and by
//! each check kind's compile step (its own fields): where the pack came from, for errors that
//! point into its TOML, and the validation of severities, scopes and patterns.

use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;

use super::lazy::{self, LazyRegex, LazyRegexSet};
use super::meta::Severity;
use super::prefilter::PatternTable;
use crate::error::{Error, Result};
use crate::parse::Scope;
use crate::span::LineIndex;
use toml::Spanned;

/// The longest pattern a pack may hold, checked before it is parsed: a longer one is no
/// phrase of a filing, and compiling it would cost time and memory out of all proportion.
pub const MAX_PATTERN_LEN: usize = 64 << 10;

/// Where a pack came from, for error messages.
pub(super) struct Pack<'a> {
    /// The pack's path, as errors name it.
    pub(super) path: &'a Path,
    /// The pack's text, which errors quote.
    pub(super) text: &'a str,
    /// Compile patterns now rather than on first use.
    pub(super) eager: bool,
    /// The pack's lines, to say where a rule is defined.
    pub(super) lines: LineIndex,
    /// The rule set's patterns, where each new pattern gets its id.
    pub(super) patterns: RefCell<&'a mut PatternTable>,
}

impl Pack<'_> {
    /// A pattern of this pack, interned in the rule set's table.
    pub(super) fn regex(&self, source: String) -> LazyRegex {
        let id = self.patterns.borrow_mut().intern(&source);
        LazyRegex::with_id(source, id)
    }

    /// An error at `span` of the pack's text.
    pub(super) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::RuleFile {
            path: self.path.to_owned(),
            text: self.text.to_owned(),
            span,
            message: message.into(),
        }
    }
}

/// A severity named in the pack.
pub(super) fn severity(pack: &Pack<'_>, raw: &Spanned<String>) -> Result<Severity> {
    Severity::from_name(raw.get_ref()).ok_or_else(|| {
        pack.error(
            raw.span(),
            format!(
                "unknown severity `{}`: expected error, warning or info",
                raw.get_ref()
            ),
        )
    })
}

/// A scope named in the pack.
pub(super) fn scope(pack: &Pack<'_>, raw: &Spanned<String>) -> Result<Scope> {
    Scope::from_name(raw.get_ref()).ok_or_else(|| {
        let names: Vec<_> = Scope::ALL.iter().map(|s| s.name()).collect();
        pack.error(
            raw.span(),
            format!(
                "unknown scope `{}`: expected one of {}",
                raw.get_ref(),
                names.join(", ")
            ),
        )
    })
}

/// Checks that a pattern list is not empty and that each pattern parses, so that an error
/// points at the pattern that is wrong.
fn validated<'p>(
    pack: &Pack<'_>,
    patterns: &'p Spanned<Vec<Spanned<String>>>,
) -> Result<&'p [Spanned<String>]> {
    if patterns.get_ref().is_empty() {
        return Err(pack.error(patterns.span(), "`patterns` must not be empty"));
    }
    // The built-in patterns are parsed when first used; their test compiles every one.
    if pack.eager {
        for pattern in patterns.get_ref() {
            validate(pack, pattern)?;
        }
    }
    Ok(patterns.get_ref())
}

/// Compiles patterns into one alternation, for checks that need where any of them matched.
pub(super) fn regex_union(
    pack: &Pack<'_>,
    patterns: &Spanned<Vec<Spanned<String>>>,
) -> Result<LazyRegex> {
    let union: Vec<String> = validated(pack, patterns)?
        .iter()
        .map(|p| format!("(?:{})", p.get_ref()))
        .collect();
    let regex = pack.regex(union.join("|"));
    if pack.eager {
        regex
            .force()
            .map_err(|err| compile_error(pack, patterns, err.size_limit().is_some(), &err))?;
    }
    Ok(regex)
}

/// Compiles patterns one by one, for checks that need where each one matched.
pub(super) fn regex_list(
    pack: &Pack<'_>,
    patterns: &Spanned<Vec<Spanned<String>>>,
) -> Result<Vec<LazyRegex>> {
    validated(pack, patterns)?
        .iter()
        .map(|pattern| {
            let regex = pack.regex(pattern.get_ref().clone());
            if pack.eager {
                regex.force().map_err(|err| match err.size_limit() {
                    Some(_) => pack.error(pattern.span(), too_large()),
                    None => pack.error(
                        pattern.span(),
                        format!("this pattern cannot be compiled: {err}"),
                    ),
                })?;
            }
            Ok(regex)
        })
        .collect()
}

/// Parses a pattern to report a syntax error at the pattern itself; a pattern that is too long
/// is refused before it is parsed, and one that matches the empty string (so everywhere) after.
fn validate(pack: &Pack<'_>, pattern: &Spanned<String>) -> Result<()> {
    let len = pattern.get_ref().len();
    if len > MAX_PATTERN_LEN {
        return Err(pack.error(
            pattern.span(),
            format!(
                "this pattern is {len} bytes long; patterns are limited to {} KiB",
                MAX_PATTERN_LEN >> 10
            ),
        ));
    }
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .multi_line(true)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern.get_ref())
        .map_err(|err| {
            let detail = match &err {
                regex_syntax::Error::Parse(e) => e.kind().to_string(),
                regex_syntax::Error::Translate(e) => e.kind().to_string(),
                other => other.to_string(),
            };
            pack.error(
                pattern.span(),
                format!("invalid regular expression: {detail}"),
            )
        })?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(pack.error(
            pattern.span(),
            "this pattern matches the empty string, so it would match everywhere: give it words to match",
        ));
    }
    Ok(())
}

/// Validates each pattern (so an error points at the one that is wrong), then compiles them
/// into one set that is matched in a single pass.
///
/// Patterns run in ASCII mode: `\w`, `\s`, `\b` and case-insensitivity are ASCII, which suits
/// normalised English filings and keeps matching on the fast DFA engines (Unicode word
/// boundaries would force the slow ones, and Unicode classes make every set many times larger).
/// Non-ASCII literals in a pattern still match their UTF-8 bytes.
pub(super) fn regex_set(
    pack: &Pack<'_>,
    patterns: &Spanned<Vec<Spanned<String>>>,
) -> Result<LazyRegexSet> {
    let sources = validated(pack, patterns)?
        .iter()
        .map(|p| p.get_ref().clone())
        .collect();
    let set = LazyRegexSet::new(sources);
    if pack.eager {
        set.force().map_err(|err| {
            let too_big = matches!(err, regex::Error::CompiledTooBig(_));
            compile_error(pack, patterns, too_big, &err)
        })?;
    }
    Ok(set)
}

/// Why patterns that parse cannot be compiled together. A set over the size limit is
/// reported at the pattern that is over it alone, if one is, so that the author knows which.
fn compile_error(
    pack: &Pack<'_>,
    patterns: &Spanned<Vec<Spanned<String>>>,
    too_big: bool,
    err: &dyn std::fmt::Display,
) -> Error {
    if !too_big {
        return pack.error(
            patterns.span(),
            format!("these patterns cannot be compiled: {err}"),
        );
    }
    match patterns
        .get_ref()
        .iter()
        .find(|p| lazy::build(p.get_ref(), true).is_err())
    {
        Some(pattern) => pack.error(pattern.span(), too_large()),
        None => pack.error(
            patterns.span(),
            format!(
                "these patterns together compile to more than the {} MiB sdlint allows for one \
                 rule's patterns: make them smaller or split them between rules",
                lazy::SIZE_LIMIT >> 20
            ),
        ),
    }
}

/// What is wrong with a pattern over the size limit.
fn too_large() -> String {
    format!(
        "this pattern compiles to more than the {} MiB sdlint allows for one rule's patterns: \
         make it smaller: fewer alternatives, or smaller counted repetitions (`{{n}}`, `{{n,m}}`)",
        lazy::SIZE_LIMIT >> 20
    )
}

/// Checks the braces of a rule's `message` (placeholders of `kind`, or `{filing}`), of its
/// `help` (`placeholders` empty: shown as written, so no braces) or of a label (a `field` named
/// `label` or `labels.NAME`: placeholders of `kind`, but not `{filing}`, which only a message
/// is given).
pub(super) fn placeholders(
    pack: &Pack<'_>,
    field: &str,
    value: &Spanned<String>,
    who: &str,
    placeholders: &[&str],
) -> Result<()> {
    let text = value.get_ref();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(['{', '}']) {
        let (open, after) = (rest.as_bytes()[at] == b'{', &rest[at + 1..]);
        let close = after
            .find(['{', '}'])
            .filter(|&c| after.as_bytes()[c] == b'}');
        let name = match (open, close) {
            (true, Some(end)) => &after[..end],
            _ => {
                return Err(pack.error(
                    value.span(),
                    format!(
                        "`{field}` has an unbalanced brace: a placeholder is written `{{name}}`"
                    ),
                ));
            }
        };
        let is_label = field.starts_with("label");
        let known = (name == "filing" && !is_label) || placeholders.contains(&name);
        if field == "help" {
            return Err(pack.error(
                value.span(),
                format!("`help` is shown as written, so `{{{name}}}` would reach the reader as it is: placeholders belong in `message`"),
            ));
        }
        if !known {
            let names: Vec<String> = placeholders.iter().map(|p| format!("`{{{p}}}`")).collect();
            let offered = match (names.is_empty(), is_label) {
                (true, false) => "only `{filing}`".to_owned(),
                (true, true) => "none".to_owned(),
                (false, false) => format!("{} and `{{filing}}`", names.join(", ")),
                (false, true) => names.join(", "),
            };
            return Err(pack.error(
                value.span(),
                format!(
                    "`{field}` uses `{{{name}}}`, which {who} does not fill: it offers {offered}"
                ),
            ));
        }
        rest = &after[name.len() + 1..];
    }
    Ok(())
}
