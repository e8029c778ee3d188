//! Every rule alone on its own fixtures: `fail*` files (or folders, the documents of one filing)
//! must trigger it (and their human output is
//! snapshotted), `pass*` files must not. Rules run alone so that one rule's snapshot never changes
//! because another rule was added.

mod common;

use std::path::Path;

use common::{builtin, human_all, lint_fixture};

fn rule_id_of(fixture: &Path) -> String {
    let dir = fixture
        .parent()
        .and_then(Path::file_name)
        .expect("fixtures/rules/<ID>/file");
    dir.to_string_lossy().into_owned()
}

#[test]
fn fail_fixtures_trigger_their_rule() {
    let rules = builtin();
    insta::glob!("fixtures/rules/*/fail*", |path| {
        let id = rule_id_of(path);
        let reports = lint_fixture(&rules, path, &[&id]);
        assert!(
            reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.rule == id),
            "{} does not trigger {id}",
            path.display()
        );
        insta::assert_snapshot!(human_all(&reports));
    });
}

#[test]
fn pass_fixtures_do_not_trigger_their_rule() {
    let rules = builtin();
    insta::glob!("fixtures/rules/*/pass*", |path| {
        let id = rule_id_of(path);
        let reports = lint_fixture(&rules, path, &[&id]);
        let found: Vec<_> = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.rule == id)
            .collect();
        assert!(
            found.is_empty(),
            "{} triggers {id}:\n{}",
            path.display(),
            human_all(&reports)
        );
    });
}
