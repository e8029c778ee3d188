//! The serde mirror of a rule pack's TOML, with spans for error messages. Nothing is validated
//! here beyond the shape; `compile` checks the values.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// A rule pack: a file of `[[rule]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
}

/// One `[[rule]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub severity: Spanned<String>,
    pub summary: Spanned<String>,
    pub why: Spanned<String>,
    pub message: Spanned<String>,
    pub help: Spanned<String>,
    pub references: Spanned<Vec<String>>,
    pub documents: Spanned<Vec<Spanned<String>>>,
    pub when: Option<Spanned<RawWhen>>,
    pub check: Spanned<RawCheck>,
}

/// `[rule.when]`: the rule runs only when every condition given holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    /// A scope that must exist ("cmr": a report is attached).
    pub present: Option<Spanned<String>>,
    /// A scope that must not exist.
    pub absent: Option<Spanned<String>>,
    /// With `scope`: one of these patterns must match there.
    pub matches: Option<Spanned<Vec<Spanned<String>>>>,
    /// With `scope`: none of these patterns may match there (a negated statement).
    pub unless: Option<Spanned<Vec<Spanned<String>>>>,
    pub scope: Option<Spanned<String>>,
    /// A fact about the filing the document belongs to: "unpaired" (a document that could not
    /// be paired with the other documents of its folder), "original" (no amendment) or
    /// "amendment" (a Form SD/A).
    pub filing: Option<Spanned<String>>,
}

/// The `check` table. One struct for every kind, because serde's tagged enums would lose the
/// spans; `compile` rejects the fields a kind does not take.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCheck {
    pub kind: Spanned<String>,
    pub scope: Option<Spanned<String>>,
    pub patterns: Option<Spanned<Vec<Spanned<String>>>>,
    pub evidence: Option<Spanned<RawEvidence>>,
    pub elsewhere: Option<Spanned<RawElsewhere>>,
    pub field: Option<Spanned<String>>,
    pub anchor: Option<Spanned<Vec<Spanned<String>>>>,
    pub skip_if_absent: Option<Spanned<bool>>,
    /// The text under a finding: one string, or for a kind whose findings have several
    /// labels, a table of them by name.
    pub label: Option<Spanned<RawLabel>>,
    pub near_miss: Option<Spanned<RawNearMiss>>,
    /// With `require`: every pattern must match, not just one.
    pub all: Option<Spanned<bool>>,
    /// With `require`: report at the first match of one of these patterns (say, the first use
    /// of an undefined term) rather than at the scope's heading.
    pub locate: Option<Spanned<Vec<Spanned<String>>>>,
    /// With `deadline`: which date is compared ("signature-date" or "filing-date").
    pub date: Option<Spanned<String>>,
    /// With `deadline`: severity and message for a date inside the reporting year.
    pub early_severity: Option<Spanned<String>>,
    pub early_message: Option<Spanned<String>>,
    /// With `complete-list`: the members, and those that must not be listed, as sections of a
    /// built-in list of names, instead of `patterns` and `names`.
    pub list: Option<Spanned<RawList>>,
    /// With `complete-list`: patterns for sentences that enumerate the list.
    pub trigger: Option<Spanned<Vec<Spanned<String>>>>,
    /// With `complete-list`: how the message names each member.
    pub names: Option<Spanned<Vec<String>>>,
    /// With `complete-list`: how many members make a sentence an enumeration.
    pub min: Option<Spanned<usize>>,
    /// With `complete-list`: members that must not be listed, and their names.
    pub extra: Option<Spanned<Vec<Spanned<String>>>>,
    pub extra_names: Option<Spanned<Vec<String>>>,
    /// With `complete-list`: whether members missing from the list are reported (default true).
    /// A list that only must not name the `extra` members sets it to false; its `patterns` then
    /// only tell a list sentence from other sentences.
    pub exhaustive: Option<Spanned<bool>>,
    /// With `product-claim`: what the check looks for.
    pub mode: Option<Spanned<String>>,
    /// The words a kind's `{placeholder}` stands for in each shape of its findings:
    /// `phrases.problem = { missing = "...", uncaptioned = "..." }`.
    pub phrases: Option<Spanned<RawPhrases>>,
}

/// `phrases`: for each placeholder, a table of its words by the shape of finding.
pub type RawPhrases = BTreeMap<String, Spanned<BTreeMap<String, Spanned<String>>>>;

impl RawCheck {
    /// Every field of the table besides `kind`, with its span when it is given, in the order
    /// a kind lists the fields it takes.
    pub fn given(&self) -> [(&'static str, Option<Range<usize>>); 23] {
        [
            ("scope", self.scope.as_ref().map(Spanned::span)),
            ("patterns", self.patterns.as_ref().map(Spanned::span)),
            ("evidence", self.evidence.as_ref().map(Spanned::span)),
            ("elsewhere", self.elsewhere.as_ref().map(Spanned::span)),
            ("field", self.field.as_ref().map(Spanned::span)),
            ("anchor", self.anchor.as_ref().map(Spanned::span)),
            (
                "skip-if-absent",
                self.skip_if_absent.as_ref().map(Spanned::span),
            ),
            ("label", self.label.as_ref().map(Spanned::span)),
            ("near-miss", self.near_miss.as_ref().map(Spanned::span)),
            ("all", self.all.as_ref().map(Spanned::span)),
            ("locate", self.locate.as_ref().map(Spanned::span)),
            ("date", self.date.as_ref().map(Spanned::span)),
            (
                "early-severity",
                self.early_severity.as_ref().map(Spanned::span),
            ),
            (
                "early-message",
                self.early_message.as_ref().map(Spanned::span),
            ),
            ("trigger", self.trigger.as_ref().map(Spanned::span)),
            ("names", self.names.as_ref().map(Spanned::span)),
            ("min", self.min.as_ref().map(Spanned::span)),
            ("extra", self.extra.as_ref().map(Spanned::span)),
            ("extra-names", self.extra_names.as_ref().map(Spanned::span)),
            ("exhaustive", self.exhaustive.as_ref().map(Spanned::span)),
            ("list", self.list.as_ref().map(Spanned::span)),
            ("mode", self.mode.as_ref().map(Spanned::span)),
            ("phrases", self.phrases.as_ref().map(Spanned::span)),
        ]
    }
}

/// A `label`: `label = "..."`, or `label = { NAME = "...", ... }` for a kind with several.
#[derive(Debug)]
pub enum RawLabel {
    Text(String),
    Named(BTreeMap<String, Spanned<String>>),
}

impl<'de> Deserialize<'de> for RawLabel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawLabel;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string, or a table of named strings")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawLabel, E> {
                Ok(RawLabel::Text(text.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawLabel, A::Error> {
                let mut named = BTreeMap::new();
                while let Some((name, text)) = map.next_entry::<String, Spanned<String>>()? {
                    named.insert(name, text);
                }
                Ok(RawLabel::Named(named))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `near-miss = { patterns = [...], severity = "info", message = "..." }`: when the required
/// wording is missing but one of these variants is there (a misspelt caption), report the
/// variant where it stands, with this severity and message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNearMiss {
    pub patterns: Spanned<Vec<Spanned<String>>>,
    pub severity: Spanned<String>,
    pub message: Spanned<String>,
    pub label: Option<Spanned<String>>,
}

/// `list = { file = "covered-countries.txt", members = "adjoining", extra = "mistaken" }`: a
/// `complete-list` check's members are the names of a section of a built-in list of
/// `rules/data/`, each found by its spellings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawList {
    pub file: Spanned<String>,
    pub members: Spanned<String>,
    pub extra: Option<Spanned<String>>,
}

/// `evidence = { min = 3, patterns = [...] }`: the item is also present when at least `min` of
/// these patterns match (an OECD step described through its elements rather than by name).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub min: Spanned<usize>,
    pub patterns: Spanned<Vec<Spanned<String>>>,
}

/// `elsewhere = { scope = "cmr", severity = "info", message = "..." }`: when the item is missing
/// from the rule's scope but present in this one, report it with this severity and message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElsewhere {
    pub scope: Spanned<String>,
    pub severity: Spanned<String>,
    pub message: Spanned<String>,
}
