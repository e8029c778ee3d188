//! `require-field`: a typed value the parser reads (a signature date, the Commission File
//! Number ...) must be present.
//!
//! ```toml
//! check = { kind = "require-field", field = "signature-date", scope = "signatures" }
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use crate::parse::{Document, Scope};
use crate::patterns::ascii as pattern;
use crate::rules::Finding;
use crate::span::TextRange;

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
    fn blank(self, doc: &Document) -> Option<(TextRange, &'static str)> {
        if self == Self::Jurisdiction {
            return doc
                .fields
                .jurisdiction_caption
                .map(|at| (at, "no jurisdiction is given for this caption"));
        }
        let (pattern, what) = match self {
            Self::SignatureDate => (&*BLANK_DATE, "the date is left blank here"),
            Self::ConformedSignature => (&*BLANK_SIGNATURE, "the signature is left blank here"),
            _ => return None,
        };
        let block = doc.scope(Scope::Signatures)?.range;
        doc.lines
            .iter()
            .filter(|l| block.contains_range(l.range))
            .flat_map(|l| pattern.find_iter(doc.slice(l.range)).map(move |m| (l, m)))
            .map(|(l, m)| TextRange::from(m.range()).shifted(l.range.start()))
            .next()
            .map(|range| (range, what))
    }

    /// For a field found only in part, where that part is and what is missing from it.
    fn partial(self, doc: &Document) -> Option<(TextRange, &'static str)> {
        match (self, doc.fields.contact) {
            (Self::ContactPerson, Some(c)) => match (c.name, c.phone) {
                (None, Some(phone)) => Some((phone, "a telephone number, but no contact name")),
                (Some(name), None) => Some((name, "a contact name, but no telephone number")),
                _ => None,
            },
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct RequireField {
    pub field: Field,
    /// The scope the field belongs to; a missing field is reported at its start.
    pub scope: Scope,
    pub anchor: Vec<Scope>,
    pub skip_if_absent: bool,
    pub label: Option<String>,
}

impl RequireField {
    pub(super) fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
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
            Some((range, what)) => cx.finding(range, what.to_owned()),
            None => cx.missing(self.scope, &self.anchor, self.label.as_ref()),
        };
        out.push(finding);
    }
}
