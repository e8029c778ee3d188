//! Compiles raw rule packs into rules: validates every value, compiles regexes once, and turns
//! every mistake into an error that points into the TOML. The fields every rule has are checked
//! here; each check kind compiles its own `check` table (see [`KINDS`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::prefilter::PatternTable;
use toml::Spanned;

use super::Rule;
use super::checks::KINDS;
use super::checks::{Check, CheckSource, FilingFact, Kind, When};
use super::meta::RuleMeta;
use super::pack::{Pack, placeholders, regex_list, scope, severity};
use super::raw::{RawCheck, RawPack, RawRule, RawWhen};
use crate::error::Result;
use crate::parse::DocumentKind;
use crate::span::LineIndex;

/// The path prefix of the packs embedded in the binary.
pub const BUILTIN_PREFIX: &str = "builtin:";

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
            let names: Vec<_> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
            let (last, others) = names.split_last().unwrap_or((&"", &[]));
            pack.error(
                doc.span(),
                format!(
                    "unknown document kind `{}`: expected {} or {last}",
                    doc.get_ref(),
                    others.join(", ")
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
    let (kind, check) = compile_check(pack, raw.check.span(), raw.check.get_ref(), &raw.message)?;
    placeholders(pack, "help", &raw.help, "a check", &[])?;
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
            check: kind.name,
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
    let filing = match &w.filing {
        None => None,
        Some(fact) => Some(
            FilingFact::ALL
                .iter()
                .find(|(name, _)| name == fact.get_ref())
                .map(|&(_, fact)| fact)
                .ok_or_else(|| {
                    let names: Vec<_> = FilingFact::ALL.iter().map(|(name, _)| *name).collect();
                    pack.error(
                        fact.span(),
                        format!(
                            "unknown filing condition `{}`: expected {}",
                            fact.get_ref(),
                            names.join(", ")
                        ),
                    )
                })?,
        ),
    };
    if present.is_none()
        && absent.is_none()
        && matches.is_none()
        && unless.is_none()
        && filing.is_none()
    {
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
        filing,
    })
}

/// Compiles a rule's `check` table: finds its kind in [`KINDS`], refuses the fields the kind
/// does not take and a `message` with a placeholder it does not fill, and leaves the rest to
/// the kind.
fn compile_check(
    pack: &Pack<'_>,
    span: Range<usize>,
    raw: &RawCheck,
    message: &Spanned<String>,
) -> Result<(&'static Kind, Check)> {
    let name = raw.kind.get_ref().as_str();
    let Some(kind) = KINDS.iter().find(|k| k.name == name) else {
        let names: Vec<_> = KINDS.iter().map(|k| k.name).collect();
        return Err(pack.error(
            raw.kind.span(),
            format!(
                "unknown check kind `{name}`: expected one of {}",
                names.join(", ")
            ),
        ));
    };
    for (field, field_span) in raw.given() {
        if let Some(field_span) = field_span
            && !kind.fields.contains(&field)
        {
            return Err(pack.error(
                field_span,
                format!(
                    "a `{}` check does not take `{field}` (it takes {})",
                    kind.name,
                    kind.fields.join(", ")
                ),
            ));
        }
    }
    let who = format!("a `{}` check", kind.name);
    placeholders(pack, "message", message, &who, kind.placeholders)?;
    let source = CheckSource {
        pack,
        raw,
        span,
        kind: kind.name,
        placeholders: kind.placeholders,
        message,
    };
    Ok((kind, (kind.compile)(&source)?))
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
