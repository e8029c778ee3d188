//! `require-field`: a typed value the parser reads (a signature date ...) must be present.
//!
//! ```toml
//! check = { kind = "require-field", field = "signature-date", scope = "signatures" }
//! ```

use super::Context;
use crate::engine::Finding;
use crate::parse::{Document, Scope};

/// The typed fields a rule can require.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A date in the signature block.
    SignatureDate,
    /// A "/s/ Name" line in the Form SD body.
    ConformedSignature,
}

impl Field {
    pub const ALL: [Self; 2] = [Self::SignatureDate, Self::ConformedSignature];

    pub fn name(self) -> &'static str {
        match self {
            Self::SignatureDate => "signature-date",
            Self::ConformedSignature => "conformed-signature",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    fn is_present(self, doc: &Document) -> bool {
        match self {
            Self::SignatureDate => doc.fields.signature_date.is_some(),
            Self::ConformedSignature => !doc.fields.conformed_signatures.is_empty(),
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
        if !self.field.is_present(cx.doc) {
            out.push(cx.missing(self.scope, &self.anchor, self.label.as_ref()));
        }
    }
}
