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
//! `{missing}` (members not named, as "A, B and C"), `{extra}` (members that do not belong) and
//! `{problem}` (both in a phrase: "does not name South Sudan and names Sudan, which does not
//! belong"); a pack that wants other words writes them around `{missing}` and `{extra}`.
//!
//! Instead of `patterns`, `names`, `extra` and `extra-names`, the members may be a section of a
//! built-in list of names in `rules/data/` (see `data::named_sections`), so that a list the
//! other checks read too is written once:
//!
//! ```toml
//! list = { file = "covered-countries.txt", members = "adjoining", extra = "mistaken" }
//! ```
//!
//! Each member is then found by its spellings: whole words, compared ignoring case unless the
//! spelling is in capitals ("CAR"), with any run of spaces, hyphens, commas or brackets between
//! its words. A spelling inside a longer spelling of any line of the list does not count, in
//! place of `except` groups: the list's spellings are found in one scan, the longest first at
//! each place.

use crate::rules::lazy::LazyRegex;

use toml::Spanned;

use super::Context;
use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use crate::data;
use crate::error::Result;
use crate::parse::Scope;
use crate::rules::Finding;
use crate::rules::pack::{regex_list, regex_union};
use crate::rules::raw::RawList;
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
        "list",
        "label",
    ],
    placeholders: &["extra", "missing", "problem"],
    table: Some(TableRow {
        fields: "`scope`, `trigger` (what makes a sentence the list), `patterns` and `names` (one per member) or `list` (sections of a built-in list of names), `min` (members that make it a list), optional `extra` and `extra-names` (must not be listed), `exhaustive = false` (report only `extra`); `label`",
        reports: "a list sentence missing members or naming extra ones; the message and label may use `{missing}`, `{extra}`, `{problem}`",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let (pack, raw) = (src.pack, src.raw);
    let need = |what: &str| src.needs(format!("a `complete-list` check needs `{what}`"));
    let trigger = raw.trigger.as_ref().ok_or_else(|| need("trigger"))?;
    let (members, names, extra_names) = match &raw.list {
        Some(list) => from_list(src, list)?,
        None => from_patterns(src)?,
    };
    let count = names.len();
    let min = raw.min.as_ref().map_or(2, |m| *m.get_ref());
    if min == 0 || min > count {
        return Err(src.error(
            raw.min.as_ref().map_or(src.span.clone(), Spanned::span),
            "`min` must be between 1 and the number of members",
        ));
    }
    Ok(Check::new(CompleteList {
        scope: src.scope()?,
        trigger: regex_union(pack, trigger)?,
        members,
        names,
        min,
        extra_names,
        exhaustive: raw.exhaustive.as_ref().is_none_or(|e| *e.get_ref()),
        label: src.required_label()?,
    }))
}

/// What a check compiles its members into, with their names and the names of the extras.
type Compiled = (Members, Vec<String>, Vec<String>);

/// Members given as `patterns` and `names`, extras as `extra` and `extra-names`.
fn from_patterns(src: &CheckSource<'_, '_>) -> Result<Compiled> {
    let (pack, raw) = (src.pack, src.raw);
    let need = |what: &str| src.needs(format!("a `complete-list` check needs `{what}` or `list`"));
    let patterns = raw.patterns.as_ref().ok_or_else(|| need("patterns"))?;
    let names = raw.names.as_ref().ok_or_else(|| need("names"))?;
    if names.get_ref().len() != patterns.get_ref().len() {
        return Err(src.error(names.span(), "`names` must have one name per pattern"));
    }
    let members = Members::Patterns {
        members: regex_list(pack, patterns)?,
        extra: match &raw.extra {
            Some(extra) => regex_list(pack, extra)?,
            None => Vec::new(),
        },
    };
    let extra_names = raw
        .extra_names
        .as_ref()
        .map(|n| n.get_ref().clone())
        .unwrap_or_default();
    Ok((members, names.get_ref().clone(), extra_names))
}

/// Members and extras given as sections of a built-in list of names.
fn from_list(src: &CheckSource<'_, '_>, list: &Spanned<RawList>) -> Result<Compiled> {
    let raw = src.raw;
    let given = [
        ("patterns", raw.patterns.as_ref().map(Spanned::span)),
        ("names", raw.names.as_ref().map(Spanned::span)),
        ("extra", raw.extra.as_ref().map(Spanned::span)),
        ("extra-names", raw.extra_names.as_ref().map(Spanned::span)),
    ];
    if let Some((field, Some(span))) = given.into_iter().find(|(_, span)| span.is_some()) {
        return Err(src.error(
            span,
            format!("`{field}` cannot be given with `list`, which names the members"),
        ));
    }
    let list = list.get_ref();
    let file = list.file.get_ref();
    let text = data::builtin(file).ok_or_else(|| {
        let files: Vec<&str> = data::BUILTIN.iter().map(|(name, _)| *name).collect();
        src.error(
            list.file.span(),
            format!(
                "no built-in list `{file}`: expected one of {}",
                files.join(", ")
            ),
        )
    })?;
    let known = data::section_names(text);
    let section = |name: &Spanned<String>| {
        known
            .iter()
            .position(|k| k == name.get_ref())
            .ok_or_else(|| {
                let brackets: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let has = if known.is_empty() {
                    "it is a list without sections".to_owned()
                } else {
                    format!("it has {}", brackets.join(", "))
                };
                src.error(
                    name.span(),
                    format!("`{file}` has no section `{}`: {has}", name.get_ref()),
                )
            })
    };
    let members_at = section(&list.members)?;
    let extra_at = list.extra.as_ref().map(section).transpose()?;
    let sections = data::named_sections(file, text, &known)
        .map_err(|err| src.error(list.file.span(), err))?;
    let mut spellings: Vec<(&str, Owner)> = Vec::new();
    for (at, entries) in sections.iter().enumerate() {
        for (index, entry) in entries.iter().enumerate() {
            let owner = if at == members_at {
                Owner::Member(index)
            } else if Some(at) == extra_at {
                Owner::Extra(index)
            } else {
                Owner::Other
            };
            spellings.extend(entry.spellings.iter().map(|s| (*s, owner)));
        }
    }
    // The scan takes the match that starts first ("Democratic Republic of the Congo" before
    // the "Republic of the Congo" inside it), and of two that start at one place the first
    // listed: the longest spellings are listed first, so that it is the longer one.
    spellings.sort_by_key(|(spelling, _)| std::cmp::Reverse(spelling.len()));
    // Named groups, since a rule pattern keeps its groups only when it names one.
    let alternatives: Vec<String> = spellings
        .iter()
        .enumerate()
        .map(|(i, (spelling, _))| format!("(?P<s{i}>{})", spelling_pattern(spelling)))
        .collect();
    let names_of = |at: Option<usize>| -> Vec<String> {
        at.map(|at| sections[at].iter().map(|e| e.name.to_owned()).collect())
            .unwrap_or_default()
    };
    let members = Members::List {
        scan: src.pack.regex(alternatives.join("|")),
        owners: spellings.into_iter().map(|(_, owner)| owner).collect(),
    };
    Ok((members, names_of(Some(members_at)), names_of(extra_at)))
}

/// The pattern of one spelling: its words, with any run of spaces, hyphens, commas or brackets
/// between them; in capitals, matched only in capitals.
fn spelling_pattern(spelling: &str) -> String {
    let words: Vec<String> = spelling
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(regex_syntax::escape)
        .collect();
    let pattern = format!(r"\b{}\b", words.join(r"[\s,()\-]+"));
    let capitals = spelling.chars().any(char::is_alphabetic)
        && !spelling.chars().any(char::is_lowercase);
    if capitals {
        format!("(?-i:{pattern})")
    } else {
        pattern
    }
}

/// A compiled `complete-list` check.
#[derive(Debug)]
pub struct CompleteList {
    pub scope: Scope,
    /// The trigger patterns as one alternation, to find where they match in one scan.
    pub trigger: LazyRegex,
    pub members: Members,
    pub names: Vec<String>,
    pub min: usize,
    /// The names of the members that must not be listed.
    pub extra_names: Vec<String>,
    /// Whether members missing from the list are reported.
    pub exhaustive: bool,
    /// The label at the list sentence.
    pub label: String,
}

/// How a check finds its members and the extras in a sentence.
#[derive(Debug)]
pub enum Members {
    /// A pattern per member and per extra, with `except` groups.
    Patterns {
        members: Vec<LazyRegex>,
        extra: Vec<LazyRegex>,
    },
    /// The spellings of a built-in list, found in one scan: the pattern's capture group `i + 1`
    /// is a spelling of `owners[i]`.
    List { scan: LazyRegex, owners: Vec<Owner> },
}

/// Whose spelling a capture group of a list's scan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Member(usize),
    Extra(usize),
    /// Another line of the list, which only keeps its shorter spellings from counting.
    Other,
}

impl Members {
    /// Which members, and which extras, `range` names.
    fn named(&self, cx: &Context<'_>, range: TextRange, members: usize, extras: usize) -> Named {
        match self {
            Self::Patterns { members, extra } => Named {
                members: members.iter().map(|m| counts(cx, m, range)).collect(),
                extras: extra.iter().map(|p| counts(cx, p, range)).collect(),
            },
            Self::List { scan, owners } => {
                let mut named = Named {
                    members: vec![false; members],
                    extras: vec![false; extras],
                };
                cx.each_match(scan, range, |caps| {
                    let group = (1..=owners.len()).find(|&g| caps.get_group(g).is_some());
                    match group.map(|g| owners[g - 1]) {
                        Some(Owner::Member(i)) => named.members[i] = true,
                        Some(Owner::Extra(i)) => named.extras[i] = true,
                        Some(Owner::Other) | None => {}
                    }
                });
                named
            }
        }
    }
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

/// Which members and extras a sentence names, by index.
struct Named {
    members: Vec<bool>,
    extras: Vec<bool>,
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
        let named = self.members.named(cx, range, self.names.len(), self.extra_names.len());
        let present = named.members;
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
            .extra_names
            .iter()
            .zip(&named.extras)
            .filter(|(_, named)| **named)
            .map(|(n, _)| n.as_str())
            .collect();
        if missing.is_empty() && extra.is_empty() {
            return;
        }
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(format!("does not name {}", join_names(&missing)));
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
            ("missing", join_names(&missing)),
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

#[cfg(test)]
mod tests {
    use super::spelling_pattern;

    fn matches(spelling: &str, text: &str) -> bool {
        crate::rules::lazy::build(&spelling_pattern(spelling), true)
            .expect("a spelling's pattern compiles")
            .is_match(text.as_bytes())
    }

    #[test]
    fn a_spelling_is_its_words_whatever_lies_between_them() {
        assert!(matches("Congo (Brazzaville)", "the Congo-Brazzaville border"));
        assert!(matches("Congo-Brazzaville", "Congo (Brazzaville),"));
        assert!(matches("Central African Republic", "the central\nAfrican  Republic"));
        assert!(!matches("Angola", "Angolan"));
        assert!(!matches("South Sudan", "South of Sudan"));
    }

    #[test]
    fn a_spelling_in_capitals_matches_only_in_capitals() {
        assert!(matches("CAR", "Burundi, CAR and Rwanda"));
        assert!(!matches("CAR", "a car and a truck"));
        assert!(matches("Car", "a car and a truck"));
    }
}
