//! `exhibit-chain`: the exhibit numbers agree wherever the Form SD gives them: cited in Items
//! 1.01 and 1.02, listed under the exhibits item, and in the exhibit index; and the Conflict
//! Minerals Report is cited as Exhibit 1.01.
//!
//! ```toml
//! check = { kind = "exhibit-chain", label = { cited = "Exhibit {number} cited here", listed = "...", indexed = "...", misnumbered = "Exhibit {number}", item = "the exhibits item", index = "the exhibit index", index-lists-cmr = "..." } }
//! ```
//!
//! The labels: `cited`, `listed` and `indexed` at an exhibit number cited in the items (or a
//! cited Exhibit 1.01 with no report attached), listed under the exhibits item, or in the exhibit
//! index but missing elsewhere; `misnumbered` at the number the report is cited as; `item` and
//! `index` at the heading of the exhibits item or of the exhibit index where the number is
//! missing; `index-lists-cmr` at the exhibit index that lists an Exhibit 1.01 not attached.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::kind::{Check, Kind, Run};
use crate::parse::Scope;
use crate::parse::document::Document;
use crate::rules::Finding;
use crate::span::{TextRange, floor_char_boundary};

/// The `exhibit-chain` kind.
pub const EXHIBIT_CHAIN: Kind = Kind {
    name: "exhibit-chain",
    fields: &["label"],
    placeholders: &["number", "problem"],
    table: None,
    compile: |src| {
        let [
            cited,
            listed,
            indexed,
            misnumbered,
            item,
            index,
            index_lists_cmr,
        ] = src.labels([
            "cited",
            "listed",
            "indexed",
            "misnumbered",
            "item",
            "index",
            "index-lists-cmr",
        ])?;
        Ok(Check::new(ExhibitChain {
            cited,
            listed,
            indexed,
            misnumbered,
            item,
            index,
            index_lists_cmr,
        }))
    },
};

/// A compiled `exhibit-chain` check: its labels (see the module's documentation).
#[derive(Debug)]
struct ExhibitChain {
    cited: String,
    listed: String,
    indexed: String,
    misnumbered: String,
    item: String,
    index: String,
    index_lists_cmr: String,
}

impl Run for ExhibitChain {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        exhibit_chain(self, cx, out);
    }
}

/// An exhibit number in a list or index, written with or without "Exhibit": "1.01" (see
/// [`exhibit_numbers`] for what may stand around it).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| crate::patterns::ascii(r"\d{1,2}\.\d{2}"));

/// The exhibit numbers in `text`: [`NUMBER`]s with no digit or full stop just before them and
/// no digit just after ("1.01", not the "2.01" of "12.01" or "1.012"). The neighbours are
/// looked at rather than matched, so that "1.01 1.02" gives both numbers.
fn exhibit_numbers(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    NUMBER.find_iter(text).filter(|m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        !before.is_some_and(|c| c == '.' || c.is_numeric()) && !after.is_some_and(char::is_numeric)
    })
}

/// The Conflict Minerals Report cited under an exhibit number.
static CMR_AS_EXHIBIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::ascii(&format!(
        r"{}\b(?u:[^.\n]){{0,80}}?\bas\s+exhibit\s+(?:no\.?\s*)?(\d{{1,3}}\.\d{{1,3}})\b",
        crate::patterns::CMR_PHRASE
    ))
});

/// The exhibit numbers written in `scope`, each with where it first appears. Numbers that
/// follow "Item(s)" ("as required by Items 1.01 and 1.02") are item numbers, not exhibits.
fn numbers_in(doc: &Document, scope: Scope) -> Vec<(String, TextRange)> {
    let mut found: Vec<(String, TextRange)> = Vec::new();
    for span in doc.scopes_of(scope) {
        let text = doc.read(span.range);
        for m in exhibit_numbers(text) {
            // Sixteen bytes back may fall inside a character: start at its first byte
            // (tests/fixtures/fuzz/input-1.bin).
            let from = floor_char_boundary(text, m.start().saturating_sub(16));
            let before = &text[from..m.start()].to_ascii_lowercase();
            if before.contains("item") || before.contains("rule") || before.contains("section") {
                continue;
            }
            if !found.iter().any(|(n, _)| n == m.as_str()) {
                found.push((
                    m.as_str().to_owned(),
                    TextRange::from(m.range()).shifted(span.range.start()),
                ));
            }
        }
    }
    found
}

/// The exhibit numbers cited in Items 1.01 and 1.02 ("filed as Exhibit 1.01").
fn cited_in_items(doc: &Document) -> Vec<(String, TextRange)> {
    let mut cited: Vec<(String, TextRange)> = Vec::new();
    for r in doc
        .fields
        .exhibit_refs
        .iter()
        .filter(|r| matches!(r.scope, Scope::Item101 | Scope::Item102 | Scope::Section1))
    {
        if !cited.iter().any(|(n, _)| *n == r.number) {
            cited.push((r.number.clone(), r.range));
        }
    }
    cited
}

fn exhibit_chain(check: &ExhibitChain, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let indexed = doc
        .scope(Scope::ExhibitIndex)
        .map(|s| (s.heading, numbers_in(doc, Scope::ExhibitIndex)));
    // An exhibits item may list the exhibits by reference to the exhibit index.
    let defers_to_index = doc.scope(Scope::ExhibitsItem).is_some_and(|s| {
        doc.read(s.range)
            .to_ascii_lowercase()
            .contains("exhibit index")
    });
    let listed = match (&indexed, defers_to_index) {
        (Some(index), true) => Some(index.clone()),
        _ => doc
            .scope(Scope::ExhibitsItem)
            .map(|s| (s.heading, numbers_in(doc, Scope::ExhibitsItem))),
    };
    let mut report = |range: TextRange,
                      (label, number): (&str, &str),
                      problem: String,
                      other: Option<(TextRange, &str)>| {
        let values = [("problem", problem), ("number", number.to_owned())];
        let mut finding = cx.labelled(range, label, &values);
        if let Some((at, what)) = other {
            finding.secondary.push((at, super::fill(what, &values)));
        }
        out.push(finding);
    };
    let has = |list: &[(String, TextRange)], n: &str| list.iter().any(|(m, _)| m == n);
    if let Some((heading, list)) = &listed {
        for (n, at) in cited_in_items(doc) {
            if !has(list, &n) {
                report(
                    at,
                    (&check.cited, &n),
                    format!(
                        "Exhibit {n} is cited in Section 1 but not listed under the exhibits item"
                    ),
                    Some((*heading, &check.item)),
                );
            }
        }
        if let Some((index_heading, index)) = &indexed {
            for (n, at) in list {
                if !has(index, n) {
                    report(
                        *at,
                        (&check.listed, n),
                        format!(
                            "Exhibit {n} is listed under the exhibits item but not in the exhibit index"
                        ),
                        Some((*index_heading, &check.index)),
                    );
                }
            }
            for (n, at) in index {
                if !has(list, n) {
                    report(
                        *at,
                        (&check.indexed, n),
                        format!(
                            "Exhibit {n} is in the exhibit index but not listed under the exhibits item"
                        ),
                        Some((*heading, &check.item)),
                    );
                }
            }
        }
    }
    // Exhibit 1.01 is the Conflict Minerals Report: cited, it must be attached (after the Form
    // SD in its file, or as a document of the filing).
    if doc.scope(Scope::Cmr).is_none()
        && let Some((_, at)) = cited_in_items(doc).into_iter().find(|(n, _)| n == "1.01")
    {
        let index = indexed
            .as_ref()
            .filter(|(_, index)| has(index, "1.01"))
            .map(|(heading, _)| (*heading, check.index_lists_cmr.as_str()));
        report(
            at,
            (&check.cited, "1.01"),
            "Exhibit 1.01 (the Conflict Minerals Report) is cited in Section 1, but no Exhibit 1.01 is attached to the filing".to_owned(),
            index,
        );
    }
    let body_end = doc
        .scope(Scope::Cmr)
        .map_or(doc.text.len(), |s| s.range.start());
    for caps in CMR_AS_EXHIBIT.captures_iter(&doc.reading[..body_end]) {
        let Some(m) = caps.get(1) else { continue };
        if m.as_str() != "1.01" {
            let n = m.as_str();
            report(
                TextRange::from(m.range()),
                (&check.misnumbered, n),
                format!(
                    "the Conflict Minerals Report is cited as Exhibit {n}; the form numbers it Exhibit 1.01"
                ),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile_and_read_glued_index_entries() {
        let text = "Exhibit No.Description1.01Acme, Inc. Conflict Minerals Report as required by Items 1.01 and 1.02";
        let numbers = |text| -> Vec<&str> { exhibit_numbers(text).map(|m| m.as_str()).collect() };
        assert_eq!(numbers(text)[0], "1.01");
        assert_eq!(numbers("1.01 1.02\t99.01"), ["1.01", "1.02", "99.01"]);
        assert!(numbers("123.01 1.012 v.1.01 \u{661}1.01 1.01\u{661}").is_empty());
        assert!(
            CMR_AS_EXHIBIT.is_match("the Conflict Minerals Report is filed as Exhibit 1.02 hereto")
        );
    }
}
