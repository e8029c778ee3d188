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

use super::Context;
use crate::parse::Scope;
use crate::rules::Finding;
use crate::span::TextRange;

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

impl CompleteList {
    pub(super) fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
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
            ("problem", problem.clone()),
            ("extra", join_names(&extra)),
        ];
        out.push(cx.finding_with(range, problem, &values));
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
