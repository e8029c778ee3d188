//! `registrant-name`: the registrant's name reads the same on the cover, in the signature block
//! and in the CMR's title, allowing case, punctuation, the usual spellings of corporate suffixes
//! and a short name the filing defines ("AMSC", "Inogen").
//!
//! ```toml
//! check = { kind = "registrant-name" }
//! ```

use super::Context;
use crate::engine::Finding;
use crate::parse::Scope;

/// A name reduced to what identifies it: lower case, no punctuation or symbols, suffixes in one
/// spelling ("Corporation" and "Corp." are one, "Inc." is another).
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace("'s", "");
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "corporation" => "corp",
            "incorporated" => "inc",
            "limited" => "ltd",
            "company" => "co",
            "the" => "",
            other => other,
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn where_named(scope: Scope) -> &'static str {
    match scope {
        Scope::Cover => "the cover",
        Scope::Signatures => "the signature block",
        _ => "the Conflict Minerals Report's title",
    }
}

pub(super) fn registrant_name(cx: &Context<'_>, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn names_compare_without_case_punctuation_or_suffix_spelling() {
        assert_eq!(
            normalize_name("INOGEN, INC."),
            normalize_name("Inogen, Inc.")
        );
        assert_eq!(
            normalize_name("Acme Corporation"),
            normalize_name("Acme Corp.")
        );
        assert_ne!(
            normalize_name("Allot Communication Ltd."),
            normalize_name("Allot Communications Ltd.")
        );
        assert_ne!(
            normalize_name("Allied Motion Corporation"),
            normalize_name("Allied Motion Technologies Inc.")
        );
        assert_eq!(normalize_name("AMSC ®"), "amsc");
        assert_eq!(normalize_name("Data I/O Corporation's"), "data i o corp");
    }
}
