//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sdlint::{Report, RuleSet, input, render};

/// The crate root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the crate root, so that snapshots do not depend on the checkout's place.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root()).unwrap_or(path).to_owned()
}

pub fn builtin() -> RuleSet {
    RuleSet::builtin().expect("the built-in rules compile")
}

/// Lints the file at `path` with only the rules `select` names (all when empty).
pub fn lint_file(rules: &RuleSet, path: &Path, select: &[&str]) -> Report {
    let mut file = input::read_path(path).expect("the fixture is readable");
    file.path = relative(path);
    lint_source(rules, file, select)
}

/// Lints `text` as if read from `name`.
pub fn lint_text(rules: &RuleSet, name: &str, text: &str, select: &[&str]) -> Report {
    let file = input::from_bytes(PathBuf::from(name), text.as_bytes()).expect("decodable text");
    lint_source(rules, file, select)
}

fn lint_source(rules: &RuleSet, file: input::SourceFile, select: &[&str]) -> Report {
    let select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    let enabled = rules.selection(&select, &[]).expect("known rules");
    sdlint::lint(file, rules, &enabled)
}

/// The human output for one report, without color or summary.
pub fn human(report: &Report) -> String {
    let bytes = render::human(std::slice::from_ref(report), false, true);
    String::from_utf8(bytes).expect("UTF-8 output")
}

/// Ids of the diagnostics of a report, in order.
pub fn ids(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

/// The shared corpus of real filings beside the project, when it is there.
pub fn corpus_seeds() -> Option<Vec<PathBuf>> {
    let dir = root().join("../shared/corpus/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    (!files.is_empty()).then_some(files)
}
