//! The committed rule reference, docs/rules.md, is what `sdlint rules --format markdown` prints
//! with the examples from the tested fixtures, and `sdlint explain` prints the same sections;
//! the README's table of check kinds is what `sdlint::docs::kinds_table` renders from the
//! registry of kinds. Set SDLINT_UPDATE_DOCS=1 to rewrite the files instead of failing.

mod common;

use assert_cmd::Command;
use common::{builtin, root};

const DOCS: &str = "docs/rules.md";
const README: &str = "README.md";
const FIXTURES: &str = "tests/fixtures/rules";
const REGENERATE: &str =
    "cargo run -- rules --format markdown --examples tests/fixtures/rules > docs/rules.md";

/// What `args` prints, run from the crate root (so that paths in the output are relative).
fn sdlint(args: &[&str]) -> String {
    let out = Command::cargo_bin("sdlint")
        .expect("the binary is built")
        .current_dir(root())
        .args(args)
        .output()
        .expect("sdlint runs");
    assert!(
        out.status.success(),
        "sdlint {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn reference() -> String {
    sdlint(&["rules", "--format", "markdown", "--examples", FIXTURES])
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let generated = reference();
    let path = root().join(DOCS);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if generated == committed {
        return;
    }
    if std::env::var_os("SDLINT_UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("docs/rules.md is writable");
        eprintln!("rewrote {DOCS}");
        return;
    }
    let line = generated
        .lines()
        .zip(committed.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| generated.lines().count().min(committed.lines().count()));
    panic!(
        "{DOCS} is out of date (first difference at line {}): regenerate it with\n\n    \
         {REGENERATE}\n\nor run `SDLINT_UPDATE_DOCS=1 cargo test --test docs`, and commit it",
        line + 1
    );
}

#[test]
fn every_rule_is_documented_with_an_example_from_its_fail_fixture() {
    let text = reference();
    for rule in &builtin().rules {
        let id = &rule.meta.id;
        let start = text
            .find(&format!("\n## {id}\n"))
            .unwrap_or_else(|| panic!("no section for {id}"));
        let section = &text[start..];
        let end = section[1..].find("\n## ").map_or(section.len(), |e| e + 1);
        let section = &section[..end];
        assert!(
            section.contains(&format!("**Example:** `{FIXTURES}/{id}/fail."))
                || section.contains(&format!("**Example:** `{FIXTURES}/{id}/fail/`")),
            "{id} has no example"
        );
        assert!(
            section.contains("`: not reported"),
            "{id} lists no pass case"
        );
        assert!(
            !section.contains("is not reported."),
            "{id}: fail not reported"
        );
    }
    assert!(
        !text.contains(&root().display().to_string()),
        "absolute path"
    );
}

#[test]
fn explain_prints_the_section_of_the_reference() {
    let text = reference();
    for rule in ["SD-SIG-005", "XF-003", "missing-smelter-audit-step"] {
        let with_examples = sdlint(&[
            "explain",
            rule,
            "--examples",
            FIXTURES,
            "--format",
            "markdown",
        ]);
        assert!(
            text.contains(&with_examples),
            "explain {rule} --examples differs from its section:\n{with_examples}"
        );
        let without = sdlint(&["explain", rule, "--format", "markdown"]);
        assert!(with_examples.starts_with(without.trim_end()), "{rule}");
        assert!(!without.contains("**Example:**"), "{rule}");
    }
}

/// Where the README's table of check kinds is: from its header line to the blank line after it.
fn kinds_table_range(readme: &str) -> std::ops::Range<usize> {
    let start = readme
        .find(&format!("\n{}\n", sdlint::docs::KINDS_TABLE_HEADER))
        .map(|at| at + 1)
        .expect("README.md has the table of check kinds");
    let end = readme[start..]
        .find("\n\n")
        .map_or(readme.len(), |at| start + at + 1);
    start..end
}

#[test]
fn readme_table_of_check_kinds_is_the_registry() {
    let path = root().join(README);
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let range = kinds_table_range(&readme);
    let generated = sdlint::docs::kinds_table();
    if readme[range.clone()] == generated {
        return;
    }
    if std::env::var_os("SDLINT_UPDATE_DOCS").is_some_and(|v| v == "1") {
        let mut updated = readme.clone();
        updated.replace_range(range, &generated);
        std::fs::write(&path, updated).expect("README.md is writable");
        eprintln!("rewrote the table of check kinds in {README}");
        return;
    }
    panic!(
        "the table of check kinds in {README} differs from the registry (sdlint::rules::KINDS):\n\n\
         {generated}\nrun `SDLINT_UPDATE_DOCS=1 cargo test --test docs`, and commit it"
    );
}

/// The kinds without a row in the table are named in the README's text about them.
#[test]
fn readme_names_every_check_kind() {
    let readme = std::fs::read_to_string(root().join(README)).expect("README.md is readable");
    let table = kinds_table_range(&readme);
    let after = &readme[table.end..];
    let others = &after[..after.find("\n\nScopes:").unwrap_or(after.len())];
    for kind in sdlint::rules::KINDS {
        if kind.table.is_none() {
            assert!(
                others.contains(&format!("`{}`", kind.name)),
                "README.md does not name the check kind `{}` after the table of kinds",
                kind.name
            );
        }
    }
}

#[test]
fn the_quick_start_says_what_the_example_draft_gets() {
    let readme = std::fs::read_to_string(root().join(README)).expect("the README is readable");
    let said = regex::Regex::new(r"reports (\d+) errors, (\d+) warnings and (\d+)\s+info")
        .expect("valid")
        .captures(&readme)
        .map(|c| (c[1].to_owned(), c[2].to_owned(), c[3].to_owned()))
        .expect("the quick start gives the example's counts");
    let out = Command::cargo_bin("sdlint")
        .expect("the binary is built")
        .current_dir(root())
        .args(["check", "examples/draft-form-sd.md", "--color", "never"])
        .output()
        .expect("sdlint runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    let summary = format!(
        "Found {} errors, {} warnings and {} info in 1 file",
        said.0, said.1, said.2
    );
    assert!(printed.contains(&summary), "{summary}\n{printed}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the quick start says it exits 1"
    );
}
