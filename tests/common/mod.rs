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
///
/// A fixture folder may hold an `sdlint.toml` for what a rule needs of the run: its
/// `extend-select` rules run too (a suppression needs the rule it suppresses) and its
/// `[suppressions]` policy applies.
pub fn lint_file(rules: &RuleSet, path: &Path, select: &[&str]) -> Report {
    let mut file = input::read_path(path).expect("the fixture is readable");
    file.path = relative(path);
    let config = path
        .parent()
        .map(|dir| dir.join(sdlint::config::FILE_NAME))
        .filter(|p| p.is_file())
        .map(|p| sdlint::config::Config::load(&p).expect("the fixture's config loads"));
    let Some(config) = config else {
        return lint_source(rules, file, select);
    };
    let mut select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    select.extend(config.extend_select.iter().cloned());
    let enabled = rules.selection(&select, &[]).expect("known rules");
    let settings = sdlint::rules::Settings {
        severity: vec![None; rules.rules.len()],
        ..Default::default()
    };
    let suppressions = sdlint::suppress::Policy {
        require_reason: config.require_suppression_reason,
    };
    sdlint::lint_with(file, rules, &enabled, &settings, suppressions)
}

/// Lints a fixture: a file, or a folder whose files are the documents of one filing (grouped
/// as `sdlint check` groups a folder), with only the rules `select` names.
pub fn lint_fixture(rules: &RuleSet, path: &Path, select: &[&str]) -> Vec<Report> {
    if !path.is_dir() {
        return vec![lint_file(rules, path, select)];
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(path)
        .expect("the fixture folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    let enabled = rules.selection(&select, &[]).expect("known rules");
    let docs: Vec<_> = paths
        .iter()
        .map(|p| {
            let mut file = input::read_path(p).expect("the fixture is readable");
            file.path = relative(p);
            sdlint::filing::Prepared::new(file)
        })
        .collect();
    let on = vec![enabled; docs.len()];
    sdlint::filing::lint_all(
        docs,
        on,
        true,
        rules,
        &Default::default(),
        Default::default(),
    )
}

/// The human output for several reports, without color or summary.
pub fn human_all(reports: &[Report]) -> String {
    let bytes = render::human(reports, false, true);
    String::from_utf8(bytes).expect("UTF-8 output")
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
