//! `complete-list`: a sentence that enumerates a closed list (the four conflict minerals, the
//! ten Covered Countries) names every member, or it misleads.
//!
//! ```toml
//! [rule.check]
//! kind = "complete-list"
//! scope = "document"
//! trigger = ['conflict\s+minerals\s+(?:are|means)']   # the sentence defines the list
//! patterns = ['\bgold\b', '\btin\b|cassiterite']      # one pattern per member
//! names = ["gold", "tin"]                              # how the message names them
//! min = 2                                              # members that make it an enumeration
//! extra = ['(?P<except>south\s+)?\bsudan\b']            # optional: must not be listed
//! extra-names = ["Sudan"]
//! exhaustive = true                                    # false: only `extra` is reported
//! ```
//!
//! A match in which a group named `except` took part does not count: "Republic of the Congo"
//! inside "Democratic Republic of the Congo", "Sudan" inside "South Sudan". The message may use
//! `{missing}` (members not named), `{extra}` (members that do not belong) and `{problem}` (what
//! is wrong, as a phrase).

use crate::rules::lazy::LazyRegex;

use toml::Spanned;

use super::Context;
use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use crate::error::Result;
use crate::parse::Scope;
use crate::rules::Finding;
use crate::rules::pack::{regex_list, regex_union};
use crate::span::TextRange;

/// The `complete-list` kind.
pub const COMPLETE_LIST: Kind = Kind {
    name: "complete-list",
    fields: &[
        "scope",
        "trigger",
        "patterns",
        "names",
        "min",
        "extra",
        "extra-names",
        "exhaustive",
        "label",
    ],
    placeholders: &["extra", "missing", "problem"],
    table: Some(TableRow {
        fields: "`scope`, `trigger` (what makes a sentence the list), `patterns` and `names` (one per member), `min` (members that make it a list), optional `extra` and `extra-names` (must not be listed), `exhaustive = false` (report only `extra`); `label`",
        reports: "a list sentence missing members or naming extra ones; the message and label may use `{missing}`, `{extra}`, `{problem}`",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let (pack, raw) = (src.pack, src.raw);
    let need = |what: &str| src.needs(format!("a `complete-list` check needs `{what}`"));
    let patterns = raw.patterns.as_ref().ok_or_else(|| need("patterns"))?;
    let trigger = raw.trigger.as_ref().ok_or_else(|| need("trigger"))?;
    let names = raw.names.as_ref().ok_or_else(|| need("names"))?;
    if names.get_ref().len() != patterns.get_ref().len() {
        return Err(src.error(names.span(), "`names` must have one name per pattern"));
    }
    let min = raw.min.as_ref().map_or(2, |m| *m.get_ref());
    if min == 0 || min > patterns.get_ref().len() {
        return Err(src.error(
            raw.min.as_ref().map_or(src.span.clone(), Spanned::span),
            "`min` must be between 1 and the number of patterns",
        ));
    }
    Ok(Check::new(CompleteList {
        scope: src.scope()?,
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
        label: src.required_label()?,
    }))
}

/// A compiled `complete-list` check.
#[derive(Debug)]
pub struct CompleteList {
    pub scope: Scope,
    /// The trigger patterns as one alternation, to find where they match in one scan.
    pub trigger: LazyRegex,
    pub members: Vec<LazyRegex>,
    pub names: Vec<String>,
    pub min: usize,
    /// Members that must not be listed, with their names.
    pub extra: Vec<LazyRegex>,
    pub extra_names: Vec<String>,
    /// Whether members missing from the list are reported.
    pub exhaustive: bool,
    /// The label at the list sentence.
    pub label: String,
}

/// Whether `pattern` matches within `range` other than through its `except` group.
fn counts(cx: &Context<'_>, pattern: &LazyRegex, range: TextRange) -> bool {
    if !pattern.names_group("except") {
        return cx.is_match(pattern, range);
    }
    let mut counted = false;
    cx.each_match(pattern, range, |caps| {
        counted |= caps.get_group_by_name("except").is_none();
    });
    counted
}

impl Run for CompleteList {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for span in cx.doc.scopes_of(self.scope) {
            // One scan for the trigger; only the sentences it matches in are read further.
            let mut hits = Vec::new();
            cx.each_match(&self.trigger, span.range, |caps| {
                hits.extend(caps.get_match().map(|m| m.start()));
            });
            if hits.is_empty() {
                continue;
            }
            // The sentence, read across the lines of its paragraph, within the scope.
            let mut chosen: Vec<TextRange> = hits
                .into_iter()
                .filter_map(|start| cx.doc.sentence_at(span.range.start() + start))
                .filter_map(|s| {
                    let start = s.start().max(span.range.start());
                    let end = s.end().min(span.range.end());
                    (end > start).then(|| TextRange::new(start, end))
                })
                .collect();
            chosen.dedup();
            for range in chosen {
                self.check_sentence(cx, range, out);
            }
        }
    }
}

impl CompleteList {
    fn check_sentence(&self, cx: &Context<'_>, range: TextRange, out: &mut Vec<Finding>) {
        let present: Vec<bool> = self.members.iter().map(|m| counts(cx, m, range)).collect();
        let count = present.iter().filter(|&&p| p).count();
        if count < self.min {
            return;
        }
        let missing: Vec<&str> = self
            .names
            .iter()
            .zip(&present)
            .filter(|(_, p)| self.exhaustive && !**p)
            .map(|(n, _)| n.as_str())
            .collect();
        let extra: Vec<&str> = self
            .extra
            .iter()
            .zip(&self.extra_names)
            .filter(|(p, _)| counts(cx, p, range))
            .map(|(_, n)| n.as_str())
            .collect();
        if missing.is_empty() && extra.is_empty() {
            return;
        }
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(format!("does not name {}", missing.join(", ")));
        }
        if !extra.is_empty() {
            let verb = if extra.len() == 1 { "does" } else { "do" };
            problems.push(format!(
                "names {}, which {verb} not belong",
                join_names(&extra)
            ));
        }
        let problem = problems.join(" and ");
        let values = [
            ("missing", missing.join(", ")),
            ("problem", problem),
            ("extra", join_names(&extra)),
        ];
        out.push(cx.labelled(range, &self.label, &values));
    }
}

/// "Hong Kong", "Hong Kong and Singapore", "Belgium, Hong Kong and Singapore".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
