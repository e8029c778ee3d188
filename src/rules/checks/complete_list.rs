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
use crate::engine::Finding;
use crate::parse::Scope;
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
            let text = cx.doc.slice(span.range);
            let mut chosen: Vec<TextRange> = hits
                .into_iter()
                .filter_map(|start| sentence_at(text, start))
                .collect();
            chosen.dedup();
            for sentence in chosen {
                let range = sentence.shifted(span.range.start());
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

/// The first of the [`sentences`] of `text` that ends after `pos`, found by reading only the
/// lines from the one that holds `pos` (sentences never cross a line end, which always ends
/// one).
fn sentence_at(text: &str, pos: usize) -> Option<TextRange> {
    let bytes = text.as_bytes();
    let newline = |b: &u8| *b == b'\n';
    let mut start = bytes[..pos.min(bytes.len())]
        .iter()
        .rposition(newline)
        .map_or(0, |i| i + 1);
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(newline)
            .map_or(bytes.len(), |i| start + i + 1);
        let found = sentences(&text[start..end])
            .into_iter()
            .map(|r| r.shifted(start))
            .find(|r| r.end() > pos);
        if found.is_some() {
            return found;
        }
        start = end;
    }
    None
}

/// The sentences of `text`: split after ". " before a capital letter, and at line ends.
fn sentences(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    for i in 0..bytes.len() {
        let end_of_line = bytes[i] == b'\n';
        let end_of_sentence = bytes[i] == b'.'
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase);
        if end_of_line || end_of_sentence {
            let end = if end_of_line { i } else { i + 1 };
            if end > start {
                found.push(TextRange::new(start, end));
            }
            start = i + 1;
        }
    }
    if start < bytes.len() {
        found.push(TextRange::new(start, bytes.len()));
    }
    found
        .into_iter()
        .map(|r| {
            let s = &text[r.as_range()];
            let lead = s.len() - s.trim_start().len();
            TextRange::new(r.start() + lead, r.start() + s.trim_end().len())
        })
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{sentence_at, sentences};

    #[test]
    fn splits_sentences_and_lines() {
        let text = "One sentence. Another one, e.g. this.\nA line";
        let parts: Vec<&str> = sentences(text)
            .iter()
            .map(|r| &text[r.as_range()])
            .collect();
        assert_eq!(
            parts,
            ["One sentence.", "Another one, e.g. this.", "A line"]
        );
    }

    /// The sentence at a place is the one the whole text's sentences give there.
    #[test]
    fn the_sentence_at_a_place_is_the_one_splitting_everything_gives() {
        let text = "  Intro line.\n\nOne sentence. Another one, e.g. this.  \n \nA line. Z\nend.";
        let all = sentences(text);
        for pos in 0..=text.len() {
            let expected = all.get(all.partition_point(|s| s.end() <= pos)).copied();
            assert_eq!(sentence_at(text, pos), expected, "at {pos}");
        }
    }
}
