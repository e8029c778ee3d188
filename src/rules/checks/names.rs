//! `registrant-name`: the registrant's name reads the same on the cover, in the signature block
//! and in the CMR's title, allowing case, punctuation, the usual spellings of corporate suffixes
//! and a short name the filing defines ("AMSC", "Inogen").
//!
//! ```toml
//! check = { kind = "registrant-name" }
//! ```

use super::Context;
use super::kind::{Check, Kind, Run};
use crate::names::normalize_name;
use crate::parse::Scope;
use crate::rules::Finding;

/// The `registrant-name` kind.
pub const REGISTRANT_NAME: Kind = Kind {
    name: "registrant-name",
    fields: &[],
    placeholders: &["expected", "found", "place"],
    table: None,
    compile: |_| Ok(Check::new(RegistrantName)),
};

/// A compiled `registrant-name` check, which takes no configuration.
#[derive(Debug)]
struct RegistrantName;

impl Run for RegistrantName {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        registrant_name(cx, out);
    }
}

fn where_named(scope: Scope) -> &'static str {
    match scope {
        Scope::Cover => "the cover",
        Scope::Signatures => "the signature block",
        _ => "the Conflict Minerals Report's title",
    }
}

fn registrant_name(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
        ];
        let mut finding =
            cx.finding_with(name.range, format!("named here as \"{written}\""), &values);
        finding.secondary.push((
            reference.range,
            format!(
                "{} names \"{}\"",
                where_named(reference.scope),
                cx.doc.slice(reference.range)
            ),
        ));
        out.push(finding);
    }
}
