//! Check kinds: the Rust behind rules. A rule that needs only patterns and scopes is pure TOML;
//! a new kind of check is one file here, declaring its [`Kind`], and its line in the registry,
//! [`KINDS`].

mod kind;

/// Declares the module of each check kind and the registry of kinds, [`KINDS`], in the order
/// an unknown kind's error and the README's table of kinds list them: one line a file, naming
/// the `Kind` constants it declares.
macro_rules! kinds {
    ($($module:ident: $($kind:ident),+;)+) => {
        $(pub(super) mod $module;)+

        /// Every check kind. A kind is declared once, in its own file in this folder: a
        /// `pub const` [`Kind`] with its name, the `check` fields it takes, the
        /// `{placeholders}` its messages may use, its row of the README's table of kinds and
        /// its compile step, which returns a [`Check`] around a type that implements [`Run`].
        /// To add one, write that file and give it a line below; then
        /// `SDLINT_UPDATE_DOCS=1 cargo test --test docs` updates the README's table.
        pub const KINDS: &[Kind] = &[$($($module::$kind,)+)+];
    };
}

kinds! {
    require: REQUIRE;
    forbid: FORBID;
    field_format: FIELD_FORMAT;
    complete_list: COMPLETE_LIST;
    deadline: DEADLINE;
    periods: REPORTING_YEAR, CALENDAR_PERIOD;
    names: REGISTRANT_NAME;
    urls: URL_FORMAT;
    edition: FORM_EDITION;
    exhibits: EXHIBIT_CHAIN;
    edgar: EDGAR_HEADER;
    claims: PRODUCT_CLAIM;
    smelters: SMELTER_TABLE;
    require_scope: REQUIRE_SCOPE;
    require_field: REQUIRE_FIELD;
    flag_document: FLAG_DOCUMENT;
    suppressions: SUPPRESSIONS;
}

pub use claims::ClaimMode;
pub use complete_list::CompleteList;
pub use deadline::{DateSource, Deadline};
pub use field_format::FieldFormat;
pub use forbid::Forbid;
pub use kind::{Check, CheckSource, Kind, Run, TableRow};
pub use require::{NearMiss, Require};
pub use require_field::{Field, RequireField};
pub use require_scope::RequireScope;
pub use smelters::TableMode;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use crate::rules::lazy::LazyRegex;

use crate::parse::{Document, Scope};
use crate::rules::meta::RuleMeta;
use crate::rules::prefilter::Scan;
use crate::rules::{Finding, Settings};
use crate::span::TextRange;

/// The longest stretch of a heading line marked as where a missing item belongs.
const ANCHOR_MAX_LEN: usize = 60;

/// What a check needs to know to report a finding: the rule, the document and its scan.
pub struct Context<'a> {
    rule: usize,
    meta: &'a RuleMeta,
    doc: &'a Document,
    /// Where the literals of every pattern occur in `doc`.
    scan: &'a Scan<'a>,
    settings: &'a Settings,
}

impl Context<'_> {
    /// Whether `pattern` matches within `range`.
    fn is_match(&self, pattern: &LazyRegex, range: TextRange) -> bool {
        matches_in(self.scan, self.doc, pattern, range)
    }

    /// The first match of `pattern` within `range`.
    fn find(&self, pattern: &LazyRegex, range: TextRange) -> Option<TextRange> {
        search_in(self.scan, self.doc, pattern, range, |regex, input| {
            regex.find(input).map(|m| m.range())
        })
        .map(|r| TextRange::from(r).shifted(range.start()))
    }

    /// Every match of `pattern` within `range`, left to right and not overlapping, as `visit`
    /// reads it: the pattern's capture groups, with offsets into `range`'s text.
    fn each_match(
        &self,
        pattern: &LazyRegex,
        range: TextRange,
        mut visit: impl FnMut(&regex_automata::util::captures::Captures),
    ) {
        let scan = self.scan;
        // Compiled only when there is somewhere to try it.
        let regex = || pattern.regex(!scan.starts_known(pattern.id()));
        let text = self.doc.read(range).as_bytes();
        let base = range.start();
        match scan.starts(pattern.id(), range) {
            Some(starts) if starts.is_empty() => {}
            Some(starts) => {
                let regex = regex();
                let mut caps = regex.create_captures();
                let mut done = 0;
                for start in starts {
                    let at = start - base;
                    if at < done {
                        continue;
                    }
                    let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                    regex.search_captures(&input, &mut caps);
                    if let Some(m) = caps.get_match() {
                        visit(&caps);
                        // Every match starts with a literal of a few bytes, so none is empty.
                        done = m.end().max(at + 1);
                    }
                }
            }
            None => {
                let Some(at) = scan.start(pattern.id(), range) else {
                    return;
                };
                for caps in regex().captures_iter(Input::new(text).range(at - base..)) {
                    visit(&caps);
                }
            }
        }
    }

    /// A finding whose message fills the rule's `{placeholders}` with `values`.
    fn finding_with(
        &self,
        primary: TextRange,
        label: String,
        values: &[(&str, String)],
    ) -> Finding {
        let mut finding = self.finding(primary, label);
        finding.message = fill(&finding.message, values);
        finding
    }

    /// A finding whose message and label (a rule's template) fill their `{placeholders}` with
    /// `values`.
    fn labelled(&self, primary: TextRange, label: &str, values: &[(&str, String)]) -> Finding {
        self.finding_with(primary, fill(label, values), values)
    }

    fn finding(&self, primary: TextRange, label: String) -> Finding {
        Finding {
            rule: self.rule,
            severity: self.meta.severity,
            message: self.meta.message.clone(),
            primary,
            label,
            secondary: Vec::new(),
        }
    }

    /// A finding for an item missing from `scope`, placed at the heading of the first present
    /// scope of `anchor` (where the item should come before), else of `scope` or its nearest
    /// present parent, else at the first line of the document.
    fn missing(&self, scope: Scope, anchor: &[Scope], label: Option<&String>) -> Finding {
        let doc = self.doc;
        let before = anchor.iter().copied().find(|&s| doc.scope(s).is_some());
        let within =
            std::iter::successors(Some(scope), |s| s.parent()).find(|&s| doc.scope(s).is_some());
        let at = before.or(within).unwrap_or(Scope::Document);
        let range = self.first_line(doc.anchor(at));
        let label = match (label, before) {
            (Some(label), _) => label.clone(),
            (None, Some(s)) => format!("expected before {}, which starts here", s.description()),
            (None, None) if at == scope => {
                format!("missing from {}, which starts here", at.description())
            }
            (None, None) if at == Scope::Document => {
                format!("{} was not found in this document", scope.description())
            }
            (None, None) => format!(
                "{} was not found; reported at the start of {}",
                scope.description(),
                at.description()
            ),
        };
        self.finding(range, label)
    }

    /// `range` without the white space at its ends (a match of `\s*...\s*`).
    fn trimmed(&self, range: TextRange) -> TextRange {
        let text = self.doc.slice(range);
        let start = range.start() + (text.len() - text.trim_start().len());
        TextRange::new(start, start + text.trim().len())
    }

    /// The first line of `range`, at most [`ANCHOR_MAX_LEN`] bytes of it (a long heading, such
    /// as the Rule 13p-1 line, is marked by its start).
    pub(super) fn first_line(&self, range: TextRange) -> TextRange {
        let text = self.doc.slice(range);
        let len = text.find('\n').unwrap_or(text.len());
        let line = text[..len].trim_end();
        let end = if line.len() > ANCHOR_MAX_LEN {
            let cut = crate::span::floor_char_boundary(line, ANCHOR_MAX_LEN);
            line[..cut].rfind(' ').unwrap_or(cut)
        } else {
            line.len()
        };
        TextRange::new(range.start(), range.start() + end)
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A date as a reader writes it: "May 27, 2021".
pub fn long_date(date: crate::date::Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(usize::from(date.month).saturating_sub(1))
        .unwrap_or(&"?");
    format!("{month} {}, {}", date.day, date.year)
}

/// Whether `pattern` matches within `range` of the document, exactly as if it ran on that
/// slice alone; the scan rules out ranges that lack its literals without running it.
pub fn matches_in(scan: &Scan<'_>, doc: &Document, pattern: &LazyRegex, range: TextRange) -> bool {
    search_in(scan, doc, pattern, range, |regex, input| {
        regex.is_match(input).then_some(())
    })
    .is_some()
}

/// Runs `search` for `pattern` within `range` of the document: anchored at each place a match
/// can start when the scan knows them (the first success wins: the leftmost match), else once
/// from the first place one can. `search` gets the text of `range` alone, as the haystack.
fn search_in<T>(
    scan: &Scan<'_>,
    doc: &Document,
    pattern: &LazyRegex,
    range: TextRange,
    mut search: impl FnMut(&Regex, Input<'_>) -> Option<T>,
) -> Option<T> {
    // Compiled only when there is somewhere to try it.
    let regex = || pattern.regex(!scan.starts_known(pattern.id()));
    let text = doc.read(range).as_bytes();
    match scan.starts(pattern.id(), range) {
        Some(starts) if starts.is_empty() => None,
        Some(starts) => {
            let regex = regex();
            starts.into_iter().find_map(|start| {
                let input = Input::new(text)
                    .range(start - range.start()..)
                    .anchored(Anchored::Yes);
                search(regex, input)
            })
        }
        None => {
            let at = scan.start(pattern.id(), range)?;
            search(regex(), Input::new(text).range(at - range.start()..))
        }
    }
}

/// `[rule.when]`: conditions under which a rule runs at all; every one given must hold.
#[derive(Debug)]
pub struct When {
    pub present: Option<Scope>,
    pub absent: Option<Scope>,
    pub matches: Option<(Scope, Vec<LazyRegex>)>,
    pub unless: Option<(Scope, Vec<LazyRegex>)>,
    /// A fact about the filing that must hold.
    pub filing: Option<FilingFact>,
}

/// `[rule.when] filing = "..."`: a fact about the filing a document belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilingFact {
    /// The document was left unpaired by the grouping of files into filings.
    Unpaired,
    /// The filing is no amendment: its cover does not say "Form SD/A" or "Amendment No.".
    Original,
    /// The filing is an amendment (Form SD/A) of one filed before.
    Amendment,
}

impl FilingFact {
    /// Every fact, with its name in a rule pack.
    pub const ALL: [(&'static str, Self); 3] = [
        ("unpaired", Self::Unpaired),
        ("original", Self::Original),
        ("amendment", Self::Amendment),
    ];

    fn holds(self, doc: &Document) -> bool {
        match self {
            Self::Unpaired => doc.filing.unpaired,
            Self::Original => doc.fields.amendment.is_none(),
            Self::Amendment => doc.fields.amendment.is_some(),
        }
    }
}

impl When {
    pub fn holds(&self, doc: &Document, scan: &Scan<'_>) -> bool {
        let any = |scope: Scope, patterns: &[LazyRegex]| {
            doc.scopes_of(scope)
                .any(|s| patterns.iter().any(|p| matches_in(scan, doc, p, s.range)))
        };
        self.filing.is_none_or(|fact| fact.holds(doc))
            && self.present.is_none_or(|s| doc.scope(s).is_some())
            && self.absent.is_none_or(|s| doc.scope(s).is_none())
            && self
                .matches
                .as_ref()
                .is_none_or(|(scope, patterns)| any(*scope, patterns))
            && self
                .unless
                .as_ref()
                .is_none_or(|(scope, patterns)| !any(*scope, patterns))
    }
}

/// Patterns that show an item is present: any one of `patterns` (every one, with `all`), or
/// at least `min` of `evidence`.
#[derive(Debug)]
pub struct Matcher {
    pub patterns: Vec<LazyRegex>,
    pub all: bool,
    pub evidence: Option<(usize, Vec<LazyRegex>)>,
}

impl Matcher {
    /// Whether the item is present within `range`.
    pub fn is_match(&self, scan: &Scan<'_>, doc: &Document, range: TextRange) -> bool {
        let hit = |p: &LazyRegex| matches_in(scan, doc, p, range);
        let found = if self.all {
            self.patterns.iter().all(hit)
        } else {
            self.patterns.iter().any(hit)
        };
        found
            || self
                .evidence
                .as_ref()
                .is_some_and(|(min, set)| set.iter().filter(|p| hit(p)).count() >= *min)
    }

    /// Whether the item is present in some occurrence of `scope`.
    pub fn in_scope(&self, scan: &Scan<'_>, doc: &Document, scope: Scope) -> bool {
        doc.scopes_of(scope)
            .any(|s| self.is_match(scan, doc, s.range))
    }
}
