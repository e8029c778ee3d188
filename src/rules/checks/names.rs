//! `registrant-name`: the registrant's name reads the same on the cover, in the signature block
//! and in the CMR's title, allowing case, punctuation, the usual spellings of corporate suffixes
//! and a short name the filing defines ("AMSC", "Inogen").
//!
//! ```toml
//! check = { kind = "registrant-name", label = { here = 'named here as "{found}"', reference = '{reference} names "{expected}"' } }
//! ```

use super::Context;
use super::kind::{Check, Kind, Run};
use crate::names::normalize_name;
use crate::parse::Scope;
use crate::rules::Finding;

/// The `registrant-name` kind.
pub const REGISTRANT_NAME: Kind = Kind {
    name: "registrant-name",
    fields: &["label"],
    placeholders: &["expected", "found", "place", "reference"],
    table: None,
    compile: |src| {
        let [here, reference] = src.labels(["here", "reference"])?;
        Ok(Check::new(RegistrantName { here, reference }))
    },
};

/// A compiled `registrant-name` check, with its `label` table: `here` (at the name that differs) and
/// `reference` (at the name it is compared with; `{reference}` is where that one stands).
#[derive(Debug)]
struct RegistrantName {
    here: String,
    reference: String,
}

impl Run for RegistrantName {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        registrant_name(self, cx, out);
    }
}

fn where_named(scope: Scope) -> &'static str {
    match scope {
        Scope::Cover => "the cover",
        Scope::Signatures => "the signature block",
        _ => "the Conflict Minerals Report's title",
    }
}

fn registrant_name(check: &RegistrantName, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let names = &cx.doc.fields.registrant_names;
    let Some(reference) = names
        .iter()
        .find(|n| n.scope == Scope::Cover)
        .or(names.first())
    else {
        return;
    };
    let expected = normalize_name(cx.doc.slice(reference.range));
    let defined: Vec<String> = cx
        .doc
        .fields
        .defined_names
        .iter()
        .map(|&r| normalize_name(cx.doc.slice(r)))
        .collect();
    for name in names.iter().filter(|n| n.range != reference.range) {
        let written = cx.doc.slice(name.range);
        let found = normalize_name(written);
        if found == expected || defined.contains(&found) {
            continue;
        }
        let values = [
            ("found", written.to_owned()),
            ("expected", cx.doc.slice(reference.range).to_owned()),
            ("place", where_named(name.scope).to_owned()),
            ("reference", where_named(reference.scope).to_owned()),
        ];
        let mut finding = cx.labelled(name.range, &check.here, &values);
        finding
            .secondary
            .push((reference.range, super::fill(&check.reference, &values)));
        out.push(finding);
    }
}
