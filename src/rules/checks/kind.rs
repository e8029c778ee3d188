//! What a check kind declares about itself ([`Kind`]), what its compile step reads
//! ([`CheckSource`]) and what it compiles to ([`Check`], which runs a [`Run`]).

use std::fmt::Debug;
use std::ops::Range;

use toml::Spanned;

use super::Context;
use crate::error::{Error, Result};
use crate::parse::{Document, Scope};
use crate::rules::meta::RuleMeta;
use crate::rules::pack::{self, Pack};
use crate::rules::prefilter::Scan;
use crate::rules::raw::{RawCheck, RawLabel};
use crate::rules::{Finding, Settings};

/// A check kind: everything sdlint knows about one value of a rule's `check.kind`. Each kind's
/// file declares one as a `pub const`, and the registry in `compile` lists them all.
#[derive(Debug)]
pub struct Kind {
    /// The `kind` value that selects it.
    pub name: &'static str,
    /// The fields of the `check` table it takes besides `kind`, in the order an error lists them.
    pub fields: &'static [&'static str],
    /// The `{placeholders}` its findings fill in the rule's message (`{filing}` is filled for
    /// every kind, later).
    pub placeholders: &'static [&'static str],
    /// Its row in the README's table of kinds, or `None` for the built-in checks the README
    /// names after the table.
    pub table: Option<TableRow>,
    /// Compiles a rule's `check` table into the check; the common validation (the kind, the
    /// fields it takes) is done.
    pub compile: fn(&CheckSource<'_, '_>) -> Result<Check>,
}

/// A row of the README's table of check kinds.
#[derive(Debug)]
pub struct TableRow {
    /// The "fields" column: what the `check` table holds.
    pub fields: &'static str,
    /// The "reports" column: what a finding is.
    pub reports: &'static str,
}

/// What a compiled check does on a document: adds its findings to `out`.
pub trait Run: Debug + Send + Sync {
    /// Runs the check on `cx.doc`.
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// A compiled check: one kind's typed configuration, run on each document its rule applies to.
#[derive(Debug)]
pub struct Check(Box<dyn Run>);

impl Check {
    /// The check that runs `run`.
    pub fn new(run: impl Run + 'static) -> Self {
        Self(Box::new(run))
    }

    /// Runs the check on `doc`, adding what it finds to `out`.
    pub fn run(
        &self,
        rule: usize,
        meta: &RuleMeta,
        doc: &Document,
        scan: &Scan<'_>,
        settings: &Settings,
        out: &mut Vec<Finding>,
    ) {
        let cx = Context {
            rule,
            meta,
            doc,
            scan,
            settings,
        };
        self.0.run(&cx, out);
    }
}

/// A rule's `check` table, as a kind's compile step reads it: the raw fields, with where they
/// are in the pack for errors.
pub struct CheckSource<'s, 'p> {
    /// The pack the rule is in.
    pub(in crate::rules) pack: &'s Pack<'p>,
    /// The `check` table.
    pub(in crate::rules) raw: &'s RawCheck,
    /// Where the `check` table is, for an error about a field it lacks.
    pub(in crate::rules) span: Range<usize>,
    /// The kind's name.
    pub(in crate::rules) kind: &'static str,
    /// The kind's `{placeholders}`, which its labels may use too.
    pub(in crate::rules) placeholders: &'static [&'static str],
    /// The rule's `message`, already checked against the kind's placeholders.
    pub(in crate::rules) message: &'s Spanned<String>,
}

impl<'s, 'p> CheckSource<'s, 'p> {
    /// An error about the table as a whole (a field it needs and lacks).
    pub(in crate::rules) fn needs(&self, message: impl Into<String>) -> Error {
        self.pack.error(self.span.clone(), message)
    }

    /// An error at `span`.
    pub(in crate::rules) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        self.pack.error(span, message)
    }

    /// The `scope`, which the kind requires.
    pub(in crate::rules) fn scope(&self) -> Result<Scope> {
        let raw = self
            .raw
            .scope
            .as_ref()
            .ok_or_else(|| self.needs(format!("a `{}` check needs a `scope`", self.kind)))?;
        pack::scope(self.pack, raw)
    }

    /// The `anchor` scopes (none when it is not given).
    pub(in crate::rules) fn anchor(&self) -> Result<Vec<Scope>> {
        match &self.raw.anchor {
            Some(list) => list
                .get_ref()
                .iter()
                .map(|s| pack::scope(self.pack, s))
                .collect(),
            None => Ok(Vec::new()),
        }
    }

    /// The `label`, if given: one string (a table of named labels is refused).
    pub(in crate::rules) fn label(&self) -> Result<Option<String>> {
        self.raw
            .label
            .as_ref()
            .map(|_| self.required_label())
            .transpose()
    }

    /// The `label`, one string, which the kind requires; it may use the kind's placeholders.
    pub(in crate::rules) fn required_label(&self) -> Result<String> {
        let raw = self.raw.label.as_ref().ok_or_else(|| {
            self.needs(format!(
                "a `{}` check needs a `label`: the text under its findings",
                self.kind
            ))
        })?;
        match raw.get_ref() {
            RawLabel::Text(text) => {
                self.checked_label("label", raw.span(), text, self.placeholders)
            }
            RawLabel::Named(_) => Err(self.error(
                raw.span(),
                format!("a `{}` check takes one `label`, a string", self.kind),
            )),
        }
    }

    /// The `label` table, which the kind requires with exactly the labels `names`, returned in
    /// that order; each may use the kind's placeholders.
    pub(in crate::rules) fn labels<const N: usize>(&self, names: [&str; N]) -> Result<[String; N]> {
        self.labels_using(names.map(|name| (name, self.placeholders)))
    }

    /// [`labels`](Self::labels), each label with the placeholders it may use (a label whose
    /// findings fill other values than the kind's messages, or none).
    pub(in crate::rules) fn labels_using<const N: usize>(
        &self,
        names: [(&str, &[&str]); N],
    ) -> Result<[String; N]> {
        let who = format!("a `{}` check", self.kind);
        let found = self.label_table(&who, &names, true)?;
        let found: Vec<String> = found.into_iter().map(Option::unwrap_or_default).collect();
        Ok(found
            .try_into()
            .unwrap_or_else(|_| unreachable!("one label per name")))
    }

    /// The `label`, of which each of `names` is optional: a table of some of them, or a string,
    /// which is the first. Returned in the order of `names`, `None` for those not given; each may
    /// use the kind's placeholders. `who` names the check in an error ("a `require-field` check
    /// of `jurisdiction`"), as its labels may depend on more than its kind.
    pub(in crate::rules) fn optional_labels(
        &self,
        who: &str,
        names: &[&str],
    ) -> Result<Vec<Option<String>>> {
        if let Some(raw) = &self.raw.label
            && let RawLabel::Text(text) = raw.get_ref()
        {
            let mut found = vec![None; names.len()];
            if let Some(first) = found.first_mut() {
                *first = Some(self.checked_label("label", raw.span(), text, self.placeholders)?);
            }
            return Ok(found);
        }
        let names: Vec<(&str, &[&str])> = names.iter().map(|&n| (n, self.placeholders)).collect();
        self.label_table(who, &names, false)
    }

    /// The labels `names` of the `label` table, each with the placeholders it may use, in that
    /// order: every one of them when `required`, else those given. No other name may be given.
    fn label_table(
        &self,
        who: &str,
        names: &[(&str, &[&str])],
        required: bool,
    ) -> Result<Vec<Option<String>>> {
        let listed = || {
            let names: Vec<String> = names.iter().map(|(n, _)| format!("`{n}`")).collect();
            names.join(", ")
        };
        let needs = || format!("{who} needs `label = {{ ... }}` with {}", listed());
        let raw = match &self.raw.label {
            Some(raw) => raw,
            None if required => return Err(self.needs(needs())),
            None => return Ok(vec![None; names.len()]),
        };
        let RawLabel::Named(table) = raw.get_ref() else {
            return Err(self.error(raw.span(), needs()));
        };
        if let Some((name, value)) = table
            .iter()
            .find(|(n, _)| !names.iter().any(|(known, _)| known == n))
        {
            return Err(self.error(
                value.span(),
                format!("{who} has no label `{name}`: its labels are {}", listed()),
            ));
        }
        names
            .iter()
            .map(|&(name, placeholders)| match table.get(name) {
                Some(value) => {
                    let field = format!("label.{name}");
                    self.checked_label(&field, value.span(), value.get_ref(), placeholders)
                        .map(Some)
                }
                None if required => {
                    Err(self.error(raw.span(), format!("`label` lacks `{name}`: {}", needs())))
                }
                None => Ok(None),
            })
            .collect()
    }

    /// The words the kind fills `placeholder` with, one for each shape of its findings, given
    /// as `phrases.<placeholder> = { shape = "...", ... }`: every one of `shapes`, each with the
    /// placeholders it may use, and nothing else. Returned in the order of `shapes`. A check
    /// whose message and labels do not use the placeholder may leave them out (they are then
    /// empty). `who` names the check in an error.
    pub(in crate::rules) fn phrases<const N: usize>(
        &self,
        who: &str,
        placeholder: &str,
        shapes: [(&str, &[&str]); N],
    ) -> Result<[String; N]> {
        let listed: Vec<String> = shapes.iter().map(|(s, _)| format!("`{s}`")).collect();
        let needs = || {
            format!(
                "{who} needs `phrases.{placeholder} = {{ ... }}` with {}: the words `{{{placeholder}}}` stands for in each of its findings",
                listed.join(", ")
            )
        };
        let Some(raw) = self.raw.phrases.as_ref() else {
            if self.uses(placeholder) {
                return Err(self.needs(needs()));
            }
            return Ok(std::array::from_fn(|_| String::new()));
        };
        if let Some((name, value)) = raw.get_ref().iter().find(|(n, _)| *n != placeholder) {
            return Err(self.error(
                value.span(),
                format!("{who} has no phrases for `{name}`, only for `{placeholder}`"),
            ));
        }
        let table = raw
            .get_ref()
            .get(placeholder)
            .ok_or_else(|| self.error(raw.span(), needs()))?;
        if let Some((name, value)) = table
            .get_ref()
            .iter()
            .find(|(n, _)| !shapes.iter().any(|(shape, _)| shape == n))
        {
            return Err(self.error(
                value.span(),
                format!(
                    "{who} has no findings of the shape `{name}`: its phrases for `{placeholder}` are {}",
                    listed.join(", ")
                ),
            ));
        }
        let found: Vec<String> = shapes
            .iter()
            .map(|&(shape, placeholders)| match table.get_ref().get(shape) {
                Some(value) => self.checked_label(
                    &format!("phrases.{placeholder}.{shape}"),
                    value.span(),
                    value.get_ref(),
                    placeholders,
                ),
                None => Err(self.error(
                    table.span(),
                    format!("`phrases.{placeholder}` lacks `{shape}`: {}", needs()),
                )),
            })
            .collect::<Result<_>>()?;
        Ok(found
            .try_into()
            .unwrap_or_else(|_| unreachable!("one phrase per shape")))
    }

    /// Whether the rule's message or one of its labels uses `{placeholder}`.
    fn uses(&self, placeholder: &str) -> bool {
        let written = format!("{{{placeholder}}}");
        let in_labels = match self.raw.label.as_ref().map(Spanned::get_ref) {
            Some(RawLabel::Text(text)) => text.contains(&written),
            Some(RawLabel::Named(table)) => table.values().any(|l| l.get_ref().contains(&written)),
            None => false,
        };
        in_labels || self.message.get_ref().contains(&written)
    }

    /// Refuses `phrases` for a check that fills no placeholder with them; `who` names it.
    pub(in crate::rules) fn no_phrases(&self, who: &str) -> Result<()> {
        match &self.raw.phrases {
            Some(raw) => Err(self.error(raw.span(), format!("{who} takes no `phrases`"))),
            None => Ok(()),
        }
    }

    /// `text`, a label written at `field` (at `span`), once its placeholders are checked
    /// against `placeholders`.
    fn checked_label(
        &self,
        field: &str,
        span: Range<usize>,
        text: &str,
        placeholders: &[&str],
    ) -> Result<String> {
        if text.trim().is_empty() {
            return Err(self.error(span, format!("`{field}` must not be empty")));
        }
        let value = Spanned::new(span, text.to_owned());
        let who = format!("a `{}` check", self.kind);
        pack::placeholders(self.pack, field, &value, &who, placeholders)?;
        Ok(text.to_owned())
    }

    /// This source, with its labels checked against `placeholders` rather than every one the
    /// kind declares: for a kind whose modes fill different values in their labels.
    pub(in crate::rules) fn with_placeholders(
        &self,
        placeholders: &'static [&'static str],
    ) -> CheckSource<'s, 'p> {
        CheckSource {
            span: self.span.clone(),
            placeholders,
            ..*self
        }
    }

    /// Refuses a `message` with a placeholder this check fills for no finding: `who` names
    /// the check ("a `smelter-table` check in mode `header`"), `placeholders` what it fills.
    pub(in crate::rules) fn message_uses(&self, who: &str, placeholders: &[&str]) -> Result<()> {
        pack::placeholders(self.pack, "message", self.message, who, placeholders)
    }

    /// `skip-if-absent` (default false).
    pub(in crate::rules) fn skip_if_absent(&self) -> bool {
        self.raw
            .skip_if_absent
            .as_ref()
            .is_some_and(|s| *s.get_ref())
    }

    /// The `mode`, which the kind requires, read by `from_name`; `expected` says what the
    /// modes are when the one given is none of them.
    pub(in crate::rules) fn mode<M>(
        &self,
        from_name: impl FnOnce(&str) -> Option<M>,
        expected: impl FnOnce() -> String,
    ) -> Result<M> {
        let raw: &Spanned<String> = self
            .raw
            .mode
            .as_ref()
            .ok_or_else(|| self.needs(format!("a `{}` check needs `mode`", self.kind)))?;
        from_name(raw.get_ref()).ok_or_else(|| {
            self.error(
                raw.span(),
                format!("unknown mode `{}`: expected {}", raw.get_ref(), expected()),
            )
        })
    }
}
