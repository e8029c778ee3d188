//! Rule patterns compiled on first use.
//!
//! Building a regex's automata is most of what loading the rules costs, and many patterns are
//! never needed on a given run: near-miss and fallback patterns, rules whose `when` does not
//! hold, rules the configuration turns off, patterns whose literals the document lacks (see
//! `super::prefilter`), and every pattern for `sdlint rules`, `explain` or `config`. So the
//! built-in patterns are compiled the first time a check needs them; a test compiles every one
//! of them, so that first use cannot fail. The patterns of a user's pack are compiled when the
//! pack is loaded, so that an oversized pattern is reported at its line of the TOML like any
//! other mistake.
//!
//! Rule patterns are `regex_automata` meta regexes rather than `regex::bytes::Regex`, for two
//! settings the `regex` crate does not expose: anchored searches (a pattern whose matches start
//! at known literals is tried at each of them) and no literal prefilter of its own for those
//! patterns (building one per pattern cost more than linting a filing; the document scan
//! already knows where their literals are).

use std::fmt;
use std::ops::Deref;
use std::sync::{LazyLock, OnceLock};

use regex::bytes::{RegexSet, RegexSetBuilder};
use regex_automata::meta::{self, BuildError, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

/// How large a compiled pattern may grow.
pub const SIZE_LIMIT: usize = 8 << 20;

/// A pattern compiled with the settings every rule pattern uses: case-insensitive, multi-line,
/// ASCII classes (see `compile::regex_set`), matching bytes.
#[derive(Clone)]
pub struct LazyRegex {
    source: String,
    /// The pattern's id in its rule set's [`PatternTable`](super::prefilter::PatternTable),
    /// through which the document scan says where it can match.
    id: Option<u32>,
    /// Compiled once, by the first thread that needs it (others wait rather than compile it
    /// again).
    compiled: OnceLock<Result<Regex, Box<BuildError>>>,
}

/// Several patterns matched in one pass.
#[derive(Clone)]
pub struct LazyRegexSet {
    sources: Vec<String>,
    compiled: OnceLock<Result<RegexSet, regex::Error>>,
}

impl LazyRegex {
    pub fn new(source: String) -> Self {
        Self {
            source,
            id: None,
            compiled: OnceLock::new(),
        }
    }

    /// A pattern interned in a rule set's pattern table as `id`.
    pub fn with_id(source: String, id: u32) -> Self {
        Self {
            id: Some(id),
            ..Self::new(source)
        }
    }

    pub fn id(&self) -> Option<u32> {
        self.id
    }

    /// Compiles the pattern now, reporting what keeps it from compiling.
    pub fn force(&self) -> Result<&Regex, Box<BuildError>> {
        self.compile(true)
    }

    /// The compiled pattern; `prefilter` says whether it needs a literal prefilter of its own
    /// (it does not when the document scan gives the places its matches can start). A pattern
    /// that cannot be compiled (impossible for the built-in packs, whose test compiles them
    /// all; user packs are compiled when loaded) matches nothing rather than stopping the run.
    pub fn regex(&self, prefilter: bool) -> &Regex {
        self.compile(prefilter).unwrap_or(&MATCHES_NOTHING)
    }

    fn compile(&self, prefilter: bool) -> Result<&Regex, Box<BuildError>> {
        self.compiled
            .get_or_init(|| build(&self.source, prefilter))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has a capture group named `name` (`(?P<name>` or `(?<name>`).
    pub fn names_group(&self, name: &str) -> bool {
        names_group(&self.source, Some(name))
    }
}

/// Whether `source` opens a capture group named `name`, or any named group for `None`.
fn names_group(source: &str, name: Option<&str>) -> bool {
    ["(?P<", "(?<"].iter().any(|open| {
        source.match_indices(open).any(|(at, _)| {
            let rest = &source[at + open.len()..];
            name.is_none_or(|n| rest.strip_prefix(n).is_some_and(|r| r.starts_with('>')))
        })
    })
}

/// Compiles a rule pattern. Capture groups are kept only when the pattern names one (`hit`,
/// `except`): the others are only asked whether and where they match.
pub fn build(source: &str, prefilter: bool) -> Result<Regex, Box<BuildError>> {
    let groups = if names_group(source, None) {
        WhichCaptures::All
    } else {
        WhichCaptures::Implicit
    };
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .auto_prefilter(prefilter)
                .which_captures(groups)
                .nfa_size_limit(Some(SIZE_LIMIT))
                .utf8_empty(false),
        )
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .multi_line(true)
                .unicode(false)
                .utf8(false),
        )
        .build(source)
        .map_err(Box::new)
}

impl LazyRegexSet {
    pub fn new(sources: Vec<String>) -> Self {
        Self {
            sources,
            compiled: OnceLock::new(),
        }
    }

    /// Compiles the patterns now, reporting what keeps them from compiling.
    pub fn force(&self) -> Result<&RegexSet, regex::Error> {
        self.compiled
            .get_or_init(|| {
                RegexSetBuilder::new(&self.sources)
                    .case_insensitive(true)
                    .multi_line(true)
                    .unicode(false)
                    .size_limit(SIZE_LIMIT)
                    .build()
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl Deref for LazyRegexSet {
    type Target = RegexSet;

    /// The compiled set (see [`LazyRegex`]'s `deref`).
    fn deref(&self) -> &RegexSet {
        self.force().unwrap_or(&EMPTY_SET)
    }
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.source).finish()
    }
}

impl fmt::Debug for LazyRegexSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegexSet").field(&self.sources).finish()
    }
}

/// A regex of no patterns, which matches nothing.
static MATCHES_NOTHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new_many::<&str>(&[]).unwrap_or_else(|_| unreachable!("no pattern to get wrong"))
});

/// A set of no patterns, which matches nothing.
static EMPTY_SET: LazyLock<RegexSet> = LazyLock::new(RegexSet::empty);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_on_first_use_and_a_broken_pattern_matches_nothing() {
        let regex = LazyRegex::new(r"rule\s+13p-1".into());
        assert!(regex.regex(false).is_match(b"under RULE 13p-1"));
        let broken = LazyRegex::new("(unclosed".into());
        assert!(broken.force().is_err());
        assert!(!broken.regex(true).is_match(b"(unclosed"));
        assert!(LazyRegex::new(r"(?P<except>south\s+)?sudan".into()).names_group("except"));
        assert!(LazyRegex::new(r"(?<hit>x)".into()).names_group("hit"));
        assert!(!LazyRegex::new(r"(?P<exceptional>x)".into()).names_group("except"));
        let set = LazyRegexSet::new(vec!["exhibit".into(), "index".into()]);
        assert!(set.matches(b"Exhibit Index").matched_all());
        assert!(!LazyRegexSet::new(vec!["(".into()]).is_match(b"("));
    }
}
