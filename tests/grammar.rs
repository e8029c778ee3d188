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
    let mut texts: Vec<String> = Vec::new();
    for dir in ["tests/fixtures/grammar", "tests/fixtures/inputs"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    for path in common::corpus_seeds().unwrap_or_default() {
        texts.push(std::fs::read_to_string(path).unwrap());
    }
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
