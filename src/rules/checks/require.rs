//! `require`: an item (one of several phrasings) must appear in a scope.
//!
//! ```toml
//! check = { kind = "require", scope = "cmr", patterns = ['independent\s+third[-\s]party\s+audit'],
//!           evidence = { min = 2, patterns = ['...', '...'] },     # optional
//!           elsewhere = { scope = "cmr", severity = "info", message = "..." },  # optional
//!           skip-if-absent = true }                                 # optional
//! ```
//!
//! `label` (optional) is the text under the finding, which may use `{missing}` (with `all`).
//! Without one it is "first used here" at a `locate` match, and otherwise says where the item
//! belongs: "missing from the cover page, which starts here" (at the heading of the scope),
//! "expected before the signature block, which starts here" (at the first `anchor` present),
//! "the exhibit index was not found; reported at the start of the signature block" (at the
//! nearest enclosing part of the filing when the scope is absent), "Item 1.01 was not found in
//! this document" (at the first line). A `near-miss` has its own optional `label`, by default
//! "this wording".

use crate::rules::lazy::LazyRegex;

use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use super::{Context, Matcher};
use crate::error::Result;
use crate::parse::Scope;
use crate::rules::Finding;
use crate::rules::meta::Severity;
use crate::rules::pack::{regex_list, scope, severity};
use crate::span::TextRange;

/// The `require` kind.
pub const REQUIRE: Kind = Kind {
    name: "require",
    fields: &[
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
    placeholders: &["missing"],
    table: Some(TableRow {
        fields: "`scope`, `patterns` (any one is enough), optional `evidence = { min, patterns }` (or at least `min` of these), `elsewhere = { scope, severity, message }` (item found in another scope instead), `skip-if-absent`, `anchor`, `label` (default: where the item belongs, as \"missing from the cover page, which starts here\", or \"first used here\" at a `locate` match)",
        reports: "the item is not in the scope",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let (pack, raw) = (src.pack, src.raw);
    let anchor = src.anchor()?;
    let patterns = raw
        .patterns
        .as_ref()
        .ok_or_else(|| src.needs("a `require` check needs `patterns`"))?;
    let evidence = match &raw.evidence {
        Some(ev) => {
            let ev = ev.get_ref();
            let count = ev.patterns.get_ref().len();
            let min = *ev.min.get_ref();
            if min == 0 || min > count {
                return Err(src.error(
                    ev.min.span(),
                    format!(
                        "`min` must be between 1 and the number of evidence patterns ({count})"
                    ),
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
            return Err(src.error(
                names.span(),
                "`names` goes with `all = true`: one name per pattern",
            ));
        }
        Some(names) if names.get_ref().len() != patterns.get_ref().len() => {
            return Err(src.error(names.span(), "`names` must have one name per pattern"));
        }
        Some(names) => names.get_ref().clone(),
        None => Vec::new(),
    };
    Ok(Check::new(Require {
        scope: src.scope()?,
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
        skip_if_absent: src.skip_if_absent(),
        label: src.label()?,
    }))
}

/// The label of a near miss when its `near-miss` table gives none.
const NEAR_MISS_LABEL: &str = "this wording";
/// The label at a `locate` match when the rule gives none.
const LOCATED_LABEL: &str = "first used here";

/// A variant of the required wording (a misspelt caption), reported where it stands.
#[derive(Debug)]
pub struct NearMiss {
    pub patterns: Vec<LazyRegex>,
    pub severity: Severity,
    pub message: String,
    pub label: Option<String>,
}

/// A compiled `require` check.
#[derive(Debug)]
pub struct Require {
    pub scope: Scope,
    pub matcher: Matcher,
    /// Another scope that may carry the item instead, with the severity and message to use then.
    pub elsewhere: Option<(Scope, Severity, String)>,
    pub near_miss: Option<NearMiss>,
    /// Patterns whose first match is where the finding is reported.
    pub locate: Vec<LazyRegex>,
    /// With `all`: how the message's `{missing}` names each pattern that did not match.
    pub names: Vec<String>,
    pub anchor: Vec<Scope>,
    /// Say nothing when the scope itself is absent (another rule reports that).
    pub skip_if_absent: bool,
    pub label: Option<String>,
}

impl Run for Require {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let present = cx.doc.scope(self.scope).is_some();
        if !present && self.skip_if_absent {
            return;
        }
        if self.matcher.in_scope(cx.scan, cx.doc, self.scope) {
            return;
        }
        if let Some(near) = &self.near_miss
            && let Some(range) = self.near_miss_at(cx, near)
        {
            let label = near
                .label
                .clone()
                .unwrap_or_else(|| NEAR_MISS_LABEL.to_owned());
            let mut finding = cx.finding(cx.trimmed(range), label);
            finding.severity = near.severity;
            finding.message = near.message.clone();
            out.push(finding);
            return;
        }
        let located = first_match(cx, self.scope, &self.locate);
        let mut finding = match located {
            Some(range) => {
                let label = self
                    .label
                    .clone()
                    .unwrap_or_else(|| LOCATED_LABEL.to_owned());
                cx.finding(cx.trimmed(range), label)
            }
            None => cx.missing(self.scope, &self.anchor, self.label.as_ref()),
        };
        if let Some((scope, severity, message)) = &self.elsewhere
            && self.matcher.in_scope(cx.scan, cx.doc, *scope)
        {
            finding.severity = *severity;
            finding.message = message.clone();
        }
        if !self.names.is_empty() {
            let missing = self.missing_names(cx);
            let values = [("missing", missing)];
            finding.message = super::fill(&finding.message, &values);
            finding.label = super::fill(&finding.label, &values);
        }
        out.push(finding);
    }
}

impl Require {
    /// The names of the patterns missing from the scope's first occurrence, joined for a sentence.
    fn missing_names(&self, cx: &Context<'_>) -> String {
        let range = cx
            .doc
            .scope(self.scope)
            .map_or(TextRange::empty(0), |s| s.range);
        let missing: Vec<&str> = self
            .names
            .iter()
            .zip(&self.matcher.patterns)
            .filter(|(_, p)| !cx.is_match(p, range))
            .map(|(n, _)| n.as_str())
            .collect();
        match missing.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// The first place in the scope where a near-miss variant matches.
    fn near_miss_at(&self, cx: &Context<'_>, near: &NearMiss) -> Option<TextRange> {
        first_match(cx, self.scope, &near.patterns)
    }
}

/// The earliest match of any of `patterns` in the occurrences of `scope`.
fn first_match(cx: &Context<'_>, scope: Scope, patterns: &[LazyRegex]) -> Option<TextRange> {
    cx.doc
        .scopes_of(scope)
        .flat_map(|span| patterns.iter().filter_map(|p| cx.find(p, span.range)))
        .min()
}
