//! Meta-tests about the rule set itself: ids, names, documentation and fixtures.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{builtin, root};

fn fixture_dirs() -> BTreeSet<String> {
    std::fs::read_dir(root().join("tests/fixtures/rules"))
        .expect("tests/fixtures/rules exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn has_file(id: &str, stem: &str) -> bool {
    let dir: PathBuf = root().join("tests/fixtures/rules").join(id);
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(|e| e.ok())
            .any(|e| e.path().file_stem().is_some_and(|s| s == stem))
    })
}

#[test]
fn every_rule_has_a_fail_and_a_pass_fixture() {
    let missing: Vec<String> = builtin()
        .rules
        .iter()
        .flat_map(|r| {
            ["fail", "pass"]
                .into_iter()
                .filter(|stem| !has_file(&r.meta.id, stem))
                .map(|stem| format!("{}/{stem}", r.meta.id))
        })
        .collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn every_fixture_directory_belongs_to_a_rule() {
    let rules = builtin();
    let orphans: Vec<String> = fixture_dirs()
        .into_iter()
        .filter(|dir| rules.find(dir).is_none())
        .collect();
    assert!(orphans.is_empty(), "fixtures for no rule: {orphans:?}");
}

#[test]
fn every_rule_is_documented() {
    for rule in &builtin().rules {
        let m = &rule.meta;
        assert!(!m.references.is_empty(), "{} cites nothing", m.id);
        assert!(
            m.why.len() > 80,
            "{}: `why` should explain the requirement",
            m.id
        );
        assert!(
            !m.summary.ends_with('.'),
            "{}: summary ends with a period",
            m.id
        );
    }
}

/// Messages state the problem, help states the fix: sentence case, no trailing period.
#[test]
fn messages_follow_one_style() {
    for rule in &builtin().rules {
        let m = &rule.meta;
        for (field, text) in [("message", &m.message), ("help", &m.help)] {
            let first = text.chars().next().unwrap_or(' ');
            assert!(
                first.is_uppercase(),
                "{} {field} is not in sentence case: {text}",
                m.id
            );
            assert!(
                !text.ends_with('.'),
                "{} {field} ends with a period: {text}",
                m.id
            );
            assert!(!text.contains('\n'), "{} {field} spans lines", m.id);
        }
    }
}

/// The catalog ids of ../shared/spec/requirements.md, when it is there.
fn catalog_ids() -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("../shared/spec/requirements.md")).ok()?;
    let entry = regex::Regex::new(r"\*\*((?:SD|CMR)-[A-Z0-9]+-\d{3}[A-Z]?) —").unwrap();
    let xf = regex::Regex::new(r"(?m)^\| (XF-\d{3}) \|").unwrap();
    let ids: BTreeSet<String> = entry
        .captures_iter(&text)
        .chain(xf.captures_iter(&text))
        .map(|c| c[1].to_owned())
        .collect();
    Some(ids)
}

/// Catalog ids not implemented yet. Implementing one means deleting it here; the test fails
/// until then. Every id of the catalog is implemented today.
const NOT_YET_IMPLEMENTED: &[&str] = &[];

/// Catalog entries that are citations, not checks: SD-GEN-002 (General Instruction D, item
/// numbers and captions) is cited by the caption rules SD-ITEM101-002, SD-ITEM102-001 and
/// SD-EXH-001 and has no rule of its own.
const CITATION_ONLY: &[&str] = &["SD-GEN-002"];

#[test]
fn every_catalog_id_is_implemented_or_listed_as_pending() {
    let Some(catalog) = catalog_ids() else {
        eprintln!("skipped: ../shared/spec/requirements.md is not here");
        return;
    };
    let rules = builtin();
    let implemented: BTreeSet<String> = rules.rules.iter().map(|r| r.meta.id.clone()).collect();
    let pending: BTreeSet<String> = NOT_YET_IMPLEMENTED
        .iter()
        .chain(CITATION_ONLY)
        .map(|s| s.to_string())
        .collect();
    let unaccounted: Vec<_> = catalog
        .difference(&implemented)
        .filter(|id| !pending.contains(*id))
        .collect();
    assert!(
        unaccounted.is_empty(),
        "catalog ids neither implemented nor pending: {unaccounted:?}"
    );
    let stale: Vec<_> = pending.intersection(&implemented).collect();
    assert!(
        stale.is_empty(),
        "implemented ids still listed as pending: {stale:?}"
    );
    let unknown: Vec<_> = implemented
        .iter()
        .filter(|id| !catalog.contains(*id) && !id.starts_with("SDLINT-"))
        .collect();
    assert!(
        unknown.is_empty(),
        "rule ids that are not catalog ids: {unknown:?}"
    );
}

/// A citation of Exchange Act section 13(p) gives the same pinpoint in the U.S. Code:
/// "Section 13(p)(1)(A), 15 U.S.C. 78m(p)(1)(A)", never "Section 13(p)(1), 15 U.S.C. 78m(p)".
#[test]
fn exchange_act_citations_give_one_pinpoint() {
    let pair = regex::Regex::new(
        r"13\(p\)((?:\([0-9A-Za-z]+\))*), 15 U\.S\.C\. 78m\(p\)((?:\([0-9A-Za-z]+\))*)",
    )
    .unwrap();
    let mut cited = 0;
    for rule in &builtin().rules {
        for reference in &rule.meta.references {
            for c in pair.captures_iter(reference) {
                cited += 1;
                assert_eq!(
                    &c[1], &c[2],
                    "{}: section and U.S. Code pinpoints differ in {reference:?}",
                    rule.meta.id
                );
            }
        }
    }
    assert!(
        cited > 0,
        "no rule cites section 13(p) with its U.S. Code section"
    );
}
