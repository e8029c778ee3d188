//! Compiles raw rule packs into rules: validates every value, compiles regexes once, and turns
//! every mistake into an error that points into the TOML.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::lazy::{self, LazyRegex, LazyRegexSet};
use super::prefilter::PatternTable;
use toml::Spanned;

use super::Rule;
use super::checks::{
    Check, ClaimMode, CompleteList, DateSource, Deadline, Field, FieldFormat, Forbid, Matcher,
    NearMiss, Require, RequireField, RequireScope, TableMode, When,
};
use super::meta::{RuleMeta, Severity};
use super::raw::{RawCheck, RawPack, RawRule, RawWhen};
use crate::error::{Error, Result};
use crate::parse::{DocumentKind, Scope};
use crate::span::LineIndex;

/// The path prefix of the packs embedded in the binary.
pub const BUILTIN_PREFIX: &str = "builtin:";

/// The check kinds and the optional fields each one takes (besides `kind`).
const KINDS: &[(&str, &[&str])] = &[
    (
        "require",
        &[
            "scope",
            "patterns",
            "evidence",
            "elsewhere",
            "near-miss",
            "all",
            "names",
            "locate",
            "anchor",
            "skip-if-absent",
            "label",
        ],
    ),
    ("forbid", &["scope", "patterns", "label"]),
    ("field-format", &["field", "patterns"]),
    (
        "complete-list",
        &[
            "scope",
            "trigger",
            "patterns",
            "names",
            "min",
            "extra",
            "extra-names",
            "exhaustive",
        ],
    ),
    ("deadline", &["date", "early-severity", "early-message"]),
    ("reporting-year", &[]),
    ("calendar-period", &[]),
    ("registrant-name", &[]),
    ("url-format", &[]),
    ("form-edition", &[]),
    ("exhibit-chain", &[]),
    ("edgar-header", &[]),
    ("product-claim", &["mode"]),
    ("smelter-table", &["mode"]),
    ("require-scope", &["scope", "anchor", "label"]),
    (
        "require-field",
        &["field", "scope", "anchor", "skip-if-absent", "label"],
    ),
    ("flag-document", &["label"]),
    ("suppressions", &[]),
];

/// The `{placeholders}` each check kind fills in its rule's message; `{filing}` (the documents
/// of the filing) is filled for every kind. A help text is shown as written.
const PLACEHOLDERS: &[(&str, &[&str])] = &[
    ("require", &["missing"]),
    ("field-format", &["value"]),
    ("complete-list", &["extra", "missing", "problem"]),
    ("deadline", &["date", "deadline", "why", "year"]),
    (
        "reporting-year",
        &["expected", "found", "period", "reference"],
    ),
    (
        "calendar-period",
        &["expected", "found", "period", "reference"],
    ),
    ("registrant-name", &["expected", "found", "place"]),
    ("url-format", &["problem", "url"]),
    ("form-edition", &["expected", "found", "when"]),
    ("exhibit-chain", &["problem"]),
    ("edgar-header", &["problem"]),
    ("product-claim", &["last", "missing", "year"]),
    (
        "smelter-table",
        &[
            "actual",
            "caption",
            "complete",
            "count",
            "countries",
            "counts",
            "duplicates",
            "header",
            "identifiers",
            "lines",
            "metals",
            "orphans",
            "phrase",
            "problem",
            "rows",
            "stated",
            "status",
            "total",
            "what",
        ],
    ),
    ("suppressions", &["rule"]),
];

/// The longest pattern a pack may hold, checked before it is parsed: a longer one is no
/// phrase of a filing, and compiling it would cost time and memory out of all proportion.
pub const MAX_PATTERN_LEN: usize = 64 << 10;

/// Checks the braces of a rule's `message` (placeholders of `kind`, or `{filing}`) or of its
/// `help` (`placeholders` empty: shown as written, so no braces).
fn check_placeholders(
    pack: &Pack<'_>,
    field: &str,
    value: &Spanned<String>,
    kind: &str,
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
        let known = name == "filing" || placeholders.contains(&name);
        if field == "help" {
            return Err(pack.error(
                value.span(),
                format!("`help` is shown as written, so `{{{name}}}` would reach the reader as it is: placeholders belong in `message`"),
            ));
        }
        if !known {
            let offered = if placeholders.is_empty() {
                "only `{filing}`".to_owned()
            } else {
                let names: Vec<String> =
                    placeholders.iter().map(|p| format!("`{{{p}}}`")).collect();
                format!("{} and `{{filing}}`", names.join(", "))
            };
            return Err(pack.error(
                value.span(),
                format!("`{field}` uses `{{{name}}}`, which a `{kind}` check does not fill: it offers {offered}"),
            ));
        }
        rest = &after[name.len() + 1..];
    }
    Ok(())
}

/// Where a pack came from, for error messages.
struct Pack<'a> {
    path: &'a Path,
    text: &'a str,
    /// Compile patterns now rather than on first use.
    eager: bool,
    /// The pack's lines, to say where a rule is defined.
    lines: LineIndex,
    /// The rule set's patterns, where each new pattern gets its id.
    patterns: RefCell<&'a mut PatternTable>,
}

impl Pack<'_> {
    /// A pattern of this pack, interned in the rule set's table.
    fn regex(&self, source: String) -> LazyRegex {
        let id = self.patterns.borrow_mut().intern(&source);
        LazyRegex::with_id(source, id)
    }

    fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::RuleFile {
            path: self.path.to_owned(),
            text: self.text.to_owned(),
            span,
            message: message.into(),
        }
    }
}

/// Parses and compiles one pack. `seen` holds the ids and names seen in earlier packs, each
/// with where it is defined (`path:line`).
pub fn compile_pack(
    path: &Path,
    text: &str,
    seen: &mut HashMap<String, String>,
    patterns: &mut PatternTable,
) -> Result<Vec<Rule>> {
    // The built-in packs are compiled on first use (their test compiles every pattern); a
    // user's pack is compiled now, so that every mistake in it is reported at load.
    let eager = !path.to_string_lossy().starts_with(BUILTIN_PREFIX);
    let pack = Pack {
        path,
        text,
        eager,
        lines: LineIndex::new(text),
        patterns: RefCell::new(patterns),
    };
    let raw: RawPack = toml::from_str(text).map_err(|err| {
        let (span, message) = crate::error::toml_error(text, &err);
        pack.error(span, message)
    })?;
    raw.rule
        .into_iter()
        .map(|rule| compile_rule(&pack, rule, seen))
        .collect()
}

fn compile_rule(
    pack: &Pack<'_>,
    raw: Spanned<RawRule>,
    seen: &mut HashMap<String, String>,
) -> Result<Rule> {
    let raw = raw.into_inner();
    let id = raw.id.get_ref();
    if id.is_empty() {
        return Err(pack.error(
            raw.id.span(),
            "the rule id is empty: use upper-case words and numbers joined by dashes, like `SD-COVER-009`",
        ));
    }
    if !is_rule_id(id) {
        return Err(pack.error(
            raw.id.span(),
            format!("`{id}` is not a rule id: use upper-case words and numbers joined by dashes, like `SD-COVER-009`"),
        ));
    }
    let name = raw.name.get_ref();
    if name.is_empty() {
        return Err(pack.error(
            raw.name.span(),
            "the rule name is empty: use lower-case words joined by dashes, like `missing-exhibit-index`",
        ));
    }
    if !is_kebab_case(name) {
        return Err(pack.error(
            raw.name.span(),
            format!("`{name}` is not a rule name: use lower-case words joined by dashes, like `missing-exhibit-index`"),
        ));
    }
    for (key, span) in [(id, raw.id.span()), (name, raw.name.span())] {
        let line = pack.lines.line_of(span.start) + 1;
        let here = format!("{}:{line}", pack.path.display());
        if let Some(previous) = seen.insert(key.clone(), here) {
            return Err(pack.error(
                span,
                format!(
                    "`{key}` is already defined at {previous}: rule ids and names must be unique"
                ),
            ));
        }
    }
    let severity = severity(pack, &raw.severity)?;
    let mut documents = Vec::new();
    for doc in raw.documents.get_ref() {
        let kind = DocumentKind::from_name(doc.get_ref()).ok_or_else(|| {
            pack.error(
                doc.span(),
                format!(
                    "unknown document kind `{}`: expected form-sd, cmr, ipsa or unknown",
                    doc.get_ref()
                ),
            )
        })?;
        documents.push(kind);
    }
    if documents.is_empty() {
        return Err(pack.error(
            raw.documents.span(),
            "a rule must apply to at least one document kind",
        ));
    }
    for (field, value) in [
        ("summary", &raw.summary),
        ("why", &raw.why),
        ("message", &raw.message),
        ("help", &raw.help),
    ] {
        if value.get_ref().trim().is_empty() {
            return Err(pack.error(value.span(), format!("`{field}` must not be empty")));
        }
    }
    let when = raw
        .when
        .as_ref()
        .map(|w| compile_when(pack, w))
        .transpose()?;
    let check_span = raw.check.span();
    let (kind, check) = compile_check(pack, check_span, raw.check.into_inner())?;
    let placeholders = PLACEHOLDERS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |(_, p)| p);
    check_placeholders(pack, "message", &raw.message, kind, placeholders)?;
    check_placeholders(pack, "help", &raw.help, kind, &[])?;
    Ok(Rule {
        meta: RuleMeta {
            id: id.clone(),
            name: name.clone(),
            severity,
            summary: raw.summary.into_inner(),
            why: raw.why.into_inner(),
            message: raw.message.into_inner(),
            help: raw.help.into_inner(),
            references: raw.references.into_inner(),
            documents,
            check: kind,
            pack: pack.path.display().to_string(),
        },
        when,
        check,
    })
}

fn compile_when(pack: &Pack<'_>, raw: &Spanned<RawWhen>) -> Result<When> {
    let w = raw.get_ref();
    let present = w.present.as_ref().map(|s| scope(pack, s)).transpose()?;
    let absent = w.absent.as_ref().map(|s| scope(pack, s)).transpose()?;
    let unless = match (&w.unless, &w.scope) {
        (Some(patterns), Some(s)) => Some((scope(pack, s)?, regex_list(pack, patterns)?)),
        (Some(_), None) => {
            return Err(pack.error(raw.span(), "`when` takes `unless` with a `scope`"));
        }
        _ => None,
    };
    let matches = match (&w.matches, &w.scope) {
        (Some(patterns), Some(s)) => Some((scope(pack, s)?, regex_list(pack, patterns)?)),
        (None, None) => None,
        (None, Some(_)) if unless.is_some() => None,
        _ => {
            return Err(pack.error(
                raw.span(),
                "`when` takes `matches` and `scope` together: the patterns and where to look for them",
            ));
        }
    };
    let unpaired = match &w.filing {
        None => false,
        Some(fact) if fact.get_ref() == "unpaired" => true,
        Some(fact) => {
            return Err(pack.error(
                fact.span(),
                format!(
                    "unknown filing condition `{}`: expected unpaired",
                    fact.get_ref()
                ),
            ));
        }
    };
    if present.is_none() && absent.is_none() && matches.is_none() && unless.is_none() && !unpaired {
        return Err(pack.error(
            raw.span(),
            "`when` needs `present`, `absent`, `matches`, `unless` or `filing`",
        ));
    }
    Ok(When {
        present,
        absent,
        matches,
        unless,
        unpaired,
    })
}

fn severity(pack: &Pack<'_>, raw: &Spanned<String>) -> Result<Severity> {
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

fn scope(pack: &Pack<'_>, raw: &Spanned<String>) -> Result<Scope> {
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

fn compile_check(
    pack: &Pack<'_>,
    span: Range<usize>,
    raw: RawCheck,
) -> Result<(&'static str, Check)> {
    let kind_name = raw.kind.get_ref().as_str();
    let Some(&(kind, allowed)) = KINDS.iter().find(|(k, _)| *k == kind_name) else {
        let names: Vec<_> = KINDS.iter().map(|(k, _)| *k).collect();
        return Err(pack.error(
            raw.kind.span(),
            format!(
                "unknown check kind `{kind_name}`: expected one of {}",
                names.join(", ")
            ),
        ));
    };
    let present: [(&str, Option<Range<usize>>); 20] = [
        ("scope", raw.scope.as_ref().map(Spanned::span)),
        ("patterns", raw.patterns.as_ref().map(Spanned::span)),
        ("evidence", raw.evidence.as_ref().map(Spanned::span)),
        ("elsewhere", raw.elsewhere.as_ref().map(Spanned::span)),
        ("field", raw.field.as_ref().map(Spanned::span)),
        ("anchor", raw.anchor.as_ref().map(Spanned::span)),
        (
            "skip-if-absent",
            raw.skip_if_absent.as_ref().map(Spanned::span),
        ),
        ("label", raw.label.as_ref().map(Spanned::span)),
        ("near-miss", raw.near_miss.as_ref().map(Spanned::span)),
        ("all", raw.all.as_ref().map(Spanned::span)),
        ("locate", raw.locate.as_ref().map(Spanned::span)),
        ("date", raw.date.as_ref().map(Spanned::span)),
        (
            "early-severity",
            raw.early_severity.as_ref().map(Spanned::span),
        ),
        (
            "early-message",
            raw.early_message.as_ref().map(Spanned::span),
        ),
        ("trigger", raw.trigger.as_ref().map(Spanned::span)),
        ("names", raw.names.as_ref().map(Spanned::span)),
        ("min", raw.min.as_ref().map(Spanned::span)),
        ("extra", raw.extra.as_ref().map(Spanned::span)),
        ("extra-names", raw.extra_names.as_ref().map(Spanned::span)),
        ("mode", raw.mode.as_ref().map(Spanned::span)),
    ];
    for (field, field_span) in present {
        if let Some(field_span) = field_span
            && !allowed.contains(&field)
        {
            return Err(pack.error(
                field_span,
                format!(
                    "a `{kind}` check does not take `{field}` (it takes {})",
                    allowed.join(", ")
                ),
            ));
        }
    }
    let required_scope = |pack: &Pack<'_>| -> Result<Scope> {
        let raw_scope = raw
            .scope
            .as_ref()
            .ok_or_else(|| pack.error(span.clone(), format!("a `{kind}` check needs a `scope`")))?;
        scope(pack, raw_scope)
    };
    let anchor = match &raw.anchor {
        Some(list) => list
            .get_ref()
            .iter()
            .map(|s| scope(pack, s))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    let label = raw.label.as_ref().map(|l| l.get_ref().clone());
    let skip_if_absent = raw.skip_if_absent.as_ref().is_some_and(|s| *s.get_ref());
    let check = match kind {
        "require" => {
            let patterns = raw
                .patterns
                .as_ref()
                .ok_or_else(|| pack.error(span.clone(), "a `require` check needs `patterns`"))?;
            let evidence = match &raw.evidence {
                Some(ev) => {
                    let ev = ev.get_ref();
                    let count = ev.patterns.get_ref().len();
                    let min = *ev.min.get_ref();
                    if min == 0 || min > count {
                        return Err(pack.error(
                            ev.min.span(),
                            format!("`min` must be between 1 and the number of evidence patterns ({count})"),
                        ));
                    }
                    Some((min, regex_list(pack, &ev.patterns)?))
                }
                None => None,
            };
            let elsewhere = match &raw.elsewhere {
                Some(e) => {
                    let e = e.get_ref();
                    Some((
                        scope(pack, &e.scope)?,
                        severity(pack, &e.severity)?,
                        e.message.get_ref().clone(),
                    ))
                }
                None => None,
            };
            let near_miss = match &raw.near_miss {
                Some(n) => {
                    let n = n.get_ref();
                    Some(NearMiss {
                        patterns: regex_list(pack, &n.patterns)?,
                        severity: severity(pack, &n.severity)?,
                        message: n.message.get_ref().clone(),
                        label: n.label.as_ref().map(|l| l.get_ref().clone()),
                    })
                }
                None => None,
            };
            let all = raw.all.as_ref().is_some_and(|a| *a.get_ref());
            let names = match &raw.names {
                Some(names) if !all => {
                    return Err(pack.error(
                        names.span(),
                        "`names` goes with `all = true`: one name per pattern",
                    ));
                }
                Some(names) if names.get_ref().len() != patterns.get_ref().len() => {
                    return Err(pack.error(names.span(), "`names` must have one name per pattern"));
                }
                Some(names) => names.get_ref().clone(),
                None => Vec::new(),
            };
            Check::Require(Box::new(Require {
                scope: required_scope(pack)?,
                matcher: Matcher {
                    patterns: regex_list(pack, patterns)?,
                    all,
                    evidence,
                },
                elsewhere,
                near_miss,
                names,
                locate: raw
                    .locate
                    .as_ref()
                    .map(|l| regex_list(pack, l))
                    .transpose()?
                    .unwrap_or_default(),
                anchor,
                skip_if_absent,
                label,
            }))
        }
        "forbid" => {
            let patterns = raw
                .patterns
                .as_ref()
                .ok_or_else(|| pack.error(span.clone(), "a `forbid` check needs `patterns`"))?;
            Check::Forbid(Forbid {
                scope: required_scope(pack)?,
                patterns: regex_list(pack, patterns)?,
                label,
            })
        }
        "require-scope" => Check::RequireScope(RequireScope {
            scope: required_scope(pack)?,
            anchor,
            label,
        }),
        "require-field" => {
            let field = field(pack, &raw, &span, kind)?;
            Check::RequireField(RequireField {
                field,
                scope: required_scope(pack)?,
                anchor,
                skip_if_absent,
                label,
            })
        }
        "field-format" => {
            let patterns = raw.patterns.as_ref().ok_or_else(|| {
                pack.error(
                    span.clone(),
                    "a `field-format` check needs `patterns`: the accepted formats",
                )
            })?;
            Check::FieldFormat(FieldFormat {
                field: field(pack, &raw, &span, kind)?,
                formats: regex_set(pack, patterns)?,
            })
        }
        "deadline" => {
            let raw_date = raw
                .date
                .as_ref()
                .ok_or_else(|| pack.error(span.clone(), "a `deadline` check needs `date`"))?;
            let date = DateSource::from_name(raw_date.get_ref()).ok_or_else(|| {
                pack.error(
                    raw_date.span(),
                    format!(
                        "unknown date `{}`: expected signature-date or filing-date",
                        raw_date.get_ref()
                    ),
                )
            })?;
            let early = match (&raw.early_severity, &raw.early_message) {
                (Some(s), Some(m)) => Some((severity(pack, s)?, m.get_ref().clone())),
                (None, None) => None,
                (Some(s), None) => {
                    return Err(pack.error(
                        s.span(),
                        "`early-severity` needs `early-message`: give both or neither",
                    ));
                }
                (None, Some(m)) => {
                    return Err(pack.error(
                        m.span(),
                        "`early-message` needs `early-severity`: give both or neither",
                    ));
                }
            };
            Check::Deadline(Deadline { date, early })
        }
        "complete-list" => {
            let need = |what: &str| {
                pack.error(
                    span.clone(),
                    format!("a `complete-list` check needs `{what}`"),
                )
            };
            let patterns = raw.patterns.as_ref().ok_or_else(|| need("patterns"))?;
            let trigger = raw.trigger.as_ref().ok_or_else(|| need("trigger"))?;
            let names = raw.names.as_ref().ok_or_else(|| need("names"))?;
            if names.get_ref().len() != patterns.get_ref().len() {
                return Err(pack.error(names.span(), "`names` must have one name per pattern"));
            }
            let min = raw.min.as_ref().map_or(2, |m| *m.get_ref());
            if min == 0 || min > patterns.get_ref().len() {
                return Err(pack.error(
                    raw.min.as_ref().map_or(span.clone(), Spanned::span),
                    "`min` must be between 1 and the number of patterns",
                ));
            }
            Check::CompleteList(CompleteList {
                scope: required_scope(pack)?,
                trigger: regex_union(pack, trigger)?,
                members: regex_list(pack, patterns)?,
                names: names.get_ref().clone(),
                min,
                extra: match &raw.extra {
                    Some(extra) => regex_list(pack, extra)?,
                    None => Vec::new(),
                },
                extra_names: raw
                    .extra_names
                    .as_ref()
                    .map(|n| n.get_ref().clone())
                    .unwrap_or_default(),
                exhaustive: raw.exhaustive.as_ref().is_none_or(|e| *e.get_ref()),
            })
        }
        "reporting-year" => Check::ReportingYear,
        "calendar-period" => Check::CalendarPeriod,
        "registrant-name" => Check::RegistrantName,
        "url-format" => Check::UrlFormat,
        "form-edition" => Check::FormEdition,
        "exhibit-chain" => Check::ExhibitChain,
        "edgar-header" => Check::EdgarHeader,
        "smelter-table" => {
            let raw_mode = raw
                .mode
                .as_ref()
                .ok_or_else(|| pack.error(span.clone(), "a `smelter-table` check needs `mode`"))?;
            Check::SmelterTable(TableMode::from_name(raw_mode.get_ref()).ok_or_else(|| {
                let names: Vec<_> = TableMode::NAMES.iter().map(|(n, _)| *n).collect();
                pack.error(
                    raw_mode.span(),
                    format!(
                        "unknown mode `{}`: expected one of {}",
                        raw_mode.get_ref(),
                        names.join(", ")
                    ),
                )
            })?)
        }
        "product-claim" => {
            let raw_mode = raw
                .mode
                .as_ref()
                .ok_or_else(|| pack.error(span.clone(), "a `product-claim` check needs `mode`"))?;
            Check::ProductClaim(ClaimMode::from_name(raw_mode.get_ref()).ok_or_else(|| {
                pack.error(
                    raw_mode.span(),
                    format!(
                        "unknown mode `{}`: expected audit-required, audit-contradiction or undeterminable-label",
                        raw_mode.get_ref()
                    ),
                )
            })?)
        }
        "suppressions" => Check::Suppressions,
        _ => Check::FlagDocument { label },
    };
    Ok((kind, check))
}

/// The `field` of a check, which `kind` requires.
fn field(pack: &Pack<'_>, raw: &RawCheck, span: &Range<usize>, kind: &str) -> Result<Field> {
    let raw_field = raw
        .field
        .as_ref()
        .ok_or_else(|| pack.error(span.clone(), format!("a `{kind}` check needs a `field`")))?;
    Field::from_name(raw_field.get_ref()).ok_or_else(|| {
        pack.error(
            raw_field.span(),
            format!(
                "unknown field `{}`: expected one of {}",
                raw_field.get_ref(),
                Field::ALL.map(Field::name).join(", ")
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
fn regex_union(pack: &Pack<'_>, patterns: &Spanned<Vec<Spanned<String>>>) -> Result<LazyRegex> {
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
fn regex_list(pack: &Pack<'_>, patterns: &Spanned<Vec<Spanned<String>>>) -> Result<Vec<LazyRegex>> {
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
fn regex_set(pack: &Pack<'_>, patterns: &Spanned<Vec<Spanned<String>>>) -> Result<LazyRegexSet> {
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

fn is_rule_id(id: &str) -> bool {
    let mut parts = id.split('-');
    parts
        .next()
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase()))
        && id.contains('-')
        && parts.all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
