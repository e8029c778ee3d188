//! `require-field`: a typed value the parser reads (a signature date, the Commission File
//! Number ...) must be present.
//!
//! ```toml
//! check = { kind = "require-field", field = "signature-date", scope = "signatures" }
//! check = { kind = "require-field", field = "signature-date", scope = "signatures", label = { blank = "the date is left blank here" } }
//! ```
//!
//! A finding is labelled, by what was found instead of the value, with one of the labels of the
//! `label` table, each optional:
//!
//! - `missing`: nothing at all, reported where the value belongs. `label = "..."` is short for
//!   `label = { missing = "..." }`. Without it the label says where that is, as for a missing
//!   `require` item: "missing from the cover page, which starts here", "expected before the
//!   signature block, which starts here" (with an `anchor`), "the signature block was not found
//!   in this document".
//! - `blank` (`signature-date`, `conformed-signature`, `jurisdiction`): the form's blank left
//!   unfilled ("Date: ________", "By: ______"), or the jurisdiction's caption with no value above
//!   it, reported there; default "left blank here".
//! - `phone-only` and `name-only` (`contact-person`): a telephone number without a contact name,
//!   reported at the number, and a name without a number, at the name; defaults "no contact
//!   name" and "no telephone number".
//!
//! A label for a case the field does not have is an error.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::kind::{Check, CheckSource, Kind, Run, TableRow};
use crate::error::Result;
use crate::parse::{Document, Scope};
use crate::patterns::ascii as pattern;
use crate::rules::Finding;
use crate::span::TextRange;

/// The `require-field` kind.
pub const REQUIRE_FIELD: Kind = Kind {
    name: "require-field",
    fields: &["field", "scope", "anchor", "skip-if-absent", "label"],
    placeholders: &[],
    table: Some(TableRow {
        fields: "`field` (`signature-date`, `conformed-signature`, `registrant-name`, `signature-registrant`, `commission-file-number`, `employer-identification-number`, `contact-person`, `jurisdiction`), `scope`, optional `skip-if-absent`, `anchor`, `label` (a string, or `{ missing, blank, phone-only, name-only }` by what was found instead of the value, each optional)",
        reports: "the value was not found",
    }),
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let anchor = src.anchor()?;
    let field = Field::of(src)?;
    Ok(Check::new(RequireField {
        field,
        scope: src.scope()?,
        anchor,
        skip_if_absent: src.skip_if_absent(),
        labels: Labels::of(src, field)?,
    }))
}

/// The label of a `blank` finding when the rule gives none.
const BLANK: &str = "left blank here";
/// The label of a `phone-only` finding when the rule gives none.
const PHONE_ONLY: &str = "no contact name";
/// The label of a `name-only` finding when the rule gives none.
const NAME_ONLY: &str = "no telephone number";

/// A rule's labels, one for each case of what was found instead of the value (see the
/// module's documentation).
#[derive(Debug, Default)]
pub struct Labels {
    /// Nothing was found: `None` for the text that says where the value belongs.
    pub missing: Option<String>,
    pub blank: String,
    pub phone_only: String,
    pub name_only: String,
}

impl Labels {
    /// The `label` of a check of `field`: the cases the field has, each optional.
    fn of(src: &CheckSource<'_, '_>, field: Field) -> Result<Self> {
        let names: &[&str] = match field {
            Field::SignatureDate | Field::ConformedSignature | Field::Jurisdiction => {
                &["missing", "blank"]
            }
            Field::ContactPerson => &["missing", "phone-only", "name-only"],
            _ => &["missing"],
        };
        let who = format!("a `{}` check of `{}`", src.kind, field.name());
        let given = src.optional_labels(&who, names)?;
        let mut labels = Self {
            missing: None,
            blank: BLANK.to_owned(),
            phone_only: PHONE_ONLY.to_owned(),
            name_only: NAME_ONLY.to_owned(),
        };
        for (&name, label) in names.iter().zip(given) {
            let Some(label) = label else { continue };
            match name {
                "missing" => labels.missing = Some(label),
                "blank" => labels.blank = label,
                "phone-only" => labels.phone_only = label,
                "name-only" => labels.name_only = label,
                _ => unreachable!("a label of `names`"),
            }
        }
        Ok(labels)
    }
}

/// What was found of a field that has no value: a blank, or a part of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// The form's blank for it, left unfilled.
    Blank,
    /// A contact's telephone number without a name.
    PhoneOnly,
    /// A contact's name without a telephone number.
    NameOnly,
}

/// A date left to be filled in: "Date: ________", "_________, 2023", "Dated: ____ __, 20__".
static BLANK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\bdated?\s*:?\s*_{3,}(?:[ _,]*(?:19|20)[0-9_]{2})?|_{3,}[ _]*,\s*(?:19|20)[0-9_]{2}\b",
    )
});
/// A signature left to be filled in: "By: ______", "/s/ ______", "Signature: ______".
static BLANK_SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:\bby|/s/|\bsignature)\s*:?\s*_{3,}"));

/// The typed fields a rule can require.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A date in the signature block.
    SignatureDate,
    /// A "/s/ Name" line in the Form SD body.
    ConformedSignature,
    /// The registrant's name on the cover.
    RegistrantName,
    /// The registrant's name in the signature block.
    SignatureRegistrant,
    CommissionFileNumber,
    EmployerId,
    /// A contact person's name and telephone number on the cover.
    ContactPerson,
    /// The state or other jurisdiction of incorporation on the cover.
    Jurisdiction,
}

impl Field {
    pub const ALL: [Self; 8] = [
        Self::SignatureDate,
        Self::ConformedSignature,
        Self::RegistrantName,
        Self::SignatureRegistrant,
        Self::CommissionFileNumber,
        Self::EmployerId,
        Self::ContactPerson,
        Self::Jurisdiction,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::SignatureDate => "signature-date",
            Self::ConformedSignature => "conformed-signature",
            Self::RegistrantName => "registrant-name",
            Self::SignatureRegistrant => "signature-registrant",
            Self::CommissionFileNumber => "commission-file-number",
            Self::EmployerId => "employer-identification-number",
            Self::ContactPerson => "contact-person",
            Self::Jurisdiction => "jurisdiction",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The `field` of a check, which its kind requires.
    pub(super) fn of(src: &CheckSource<'_, '_>) -> Result<Self> {
        let raw = src
            .raw
            .field
            .as_ref()
            .ok_or_else(|| src.needs(format!("a `{}` check needs a `field`", src.kind)))?;
        Self::from_name(raw.get_ref()).ok_or_else(|| {
            src.error(
                raw.span(),
                format!(
                    "unknown field `{}`: expected one of {}",
                    raw.get_ref(),
                    Self::ALL.map(Self::name).join(", ")
                ),
            )
        })
    }

    /// The field's value, where it was read.
    pub fn value(self, doc: &Document) -> Option<TextRange> {
        let f = &doc.fields;
        let name_in = |scope: Scope| {
            f.registrant_names
                .iter()
                .find(|n| n.scope == scope)
                .map(|n| n.range)
        };
        match self {
            Self::SignatureDate => f.signature_date.map(|d| d.range),
            Self::ConformedSignature => {
                let block = doc.scope(Scope::Signatures)?.range;
                f.conformed_signatures
                    .iter()
                    .copied()
                    .find(|&r| block.contains_range(r))
            }
            Self::RegistrantName => name_in(Scope::Cover),
            Self::SignatureRegistrant => name_in(Scope::Signatures),
            Self::CommissionFileNumber => f.file_number,
            Self::EmployerId => f.employer_id,
            Self::ContactPerson => f.contact.and_then(|c| c.name.and(c.phone)),
            Self::Jurisdiction => f.jurisdiction,
        }
    }

    /// For a field the form leaves to be filled in ("By: ______", "Date: ________, 2023"), the
    /// blank where it belongs.
    fn blank(self, doc: &Document) -> Option<(TextRange, Gap)> {
        if self == Self::Jurisdiction {
            return doc.fields.jurisdiction_caption.map(|at| (at, Gap::Blank));
        }
        let pattern = match self {
            Self::SignatureDate => &*BLANK_DATE,
            Self::ConformedSignature => &*BLANK_SIGNATURE,
            _ => return None,
        };
        let block = doc.scope(Scope::Signatures)?.range;
        doc.lines
            .iter()
            .filter(|l| block.contains_range(l.range))
            .flat_map(|l| pattern.find_iter(doc.slice(l.range)).map(move |m| (l, m)))
            .map(|(l, m)| TextRange::from(m.range()).shifted(l.range.start()))
            .next()
            .map(|range| (range, Gap::Blank))
    }

    /// For a field found only in part, where that part is and what is missing from it.
    fn partial(self, doc: &Document) -> Option<(TextRange, Gap)> {
        match (self, doc.fields.contact) {
            (Self::ContactPerson, Some(c)) => match (c.name, c.phone) {
                (None, Some(phone)) => Some((phone, Gap::PhoneOnly)),
                (Some(name), None) => Some((name, Gap::NameOnly)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A compiled `require-field` check.
#[derive(Debug)]
pub struct RequireField {
    pub field: Field,
    /// The scope the field belongs to; a missing field is reported at its start.
    pub scope: Scope,
    pub anchor: Vec<Scope>,
    pub skip_if_absent: bool,
    pub labels: Labels,
}

impl Run for RequireField {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if self.skip_if_absent && cx.doc.scope(self.scope).is_none() {
            return;
        }
        if self.field.value(cx.doc).is_some() {
            return;
        }
        let finding = match self
            .field
            .partial(cx.doc)
            .or_else(|| self.field.blank(cx.doc))
        {
            Some((range, gap)) => {
                let label = match gap {
                    Gap::Blank => &self.labels.blank,
                    Gap::PhoneOnly => &self.labels.phone_only,
                    Gap::NameOnly => &self.labels.name_only,
                };
                cx.finding(range, label.clone())
            }
            None => cx.missing(self.scope, &self.anchor, self.labels.missing.as_ref()),
        };
        out.push(finding);
    }
}
