//! The document tree sdlint builds for layouts seen in real filings (run-together headings,
//! markdown remnants, a CMR filed on its own), as `sdlint parse` shows it to rule authors.

mod common;

use assert_cmd::Command;
use common::root;

#[test]
fn document_trees() {
    insta::glob!("fixtures/grammar/*", |path| {
        let relative = common::relative(path);
        let output = Command::cargo_bin("sdlint")
            .unwrap()
            .current_dir(root())
            .arg("parse")
            .arg(&relative)
            .output()
            .unwrap();
        assert!(output.status.success());
        insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
    });
}

/// Every line of every fixture and corpus filing parses; no input is rejected.
#[test]
fn the_grammar_is_total() {
    let mut paths = Vec::new();
    let mut dirs = vec![
        root().join("tests/fixtures/grammar"),
        root().join("tests/fixtures/inputs"),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                paths.push(path);
            }
        }
    }
    paths.extend(common::corpus_seeds().unwrap_or_default());
    // Every format is read as sdlint reads it (the HTML fixture is Windows-1252).
    let texts = paths
        .iter()
        .map(|path| sdlint::input::read_path(path).unwrap().text);
    for text in texts {
        let normalized = sdlint::normalize::normalize(&text);
        let doc = sdlint::parse::parse(normalized.text.clone());
        let non_blank = normalized
            .text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(doc.lines.len(), non_blank);
    }
}
