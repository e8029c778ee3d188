//! Every rule alone on its own fixtures: `fail*` files must trigger it (and their human output is
//! snapshotted), `pass*` files must not. Rules run alone so that one rule's snapshot never changes
//! because another rule was added.

mod common;

use std::path::Path;

use common::{builtin, human, lint_file};

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
        let report = lint_file(&rules, path, &[&id]);
        assert!(
            report.diagnostics.iter().any(|d| d.rule == id),
            "{} does not trigger {id}",
            path.display()
        );
        insta::assert_snapshot!(human(&report));
    });
}

#[test]
fn pass_fixtures_do_not_trigger_their_rule() {
    let rules = builtin();
    insta::glob!("fixtures/rules/*/pass*", |path| {
        let id = rule_id_of(path);
        let report = lint_file(&rules, path, &[&id]);
        let found: Vec<_> = report.diagnostics.iter().filter(|d| d.rule == id).collect();
        assert!(
            found.is_empty(),
            "{} triggers {id}:\n{}",
            path.display(),
            human(&report)
        );
    });
}
