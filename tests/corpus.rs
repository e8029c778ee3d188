//! The real filings in ../shared/corpus: what sdlint reports on each, and that removing a
//! required item from a real filing makes its rule fire. Skipped when the corpus is absent
//! (a user's clone has no ../shared). Snapshots hold rule ids and positions only, never the
//! filings' text.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{builtin, corpus_seeds, lint_text};
use regex::Regex;
use sdlint::{Report, RuleSet, Severity};

fn seeds() -> Vec<std::path::PathBuf> {
    match corpus_seeds() {
        Some(files) => files,
        None => {
            eprintln!("skipped: ../shared/corpus/seeds is not here");
            Vec::new()
        }
    }
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn lint(rules: &RuleSet, name: &str, text: &str, select: &[&str]) -> Report {
    lint_text(rules, name, text, select)
}

fn findings(report: &Report, id: &str) -> Vec<Severity> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == id)
        .map(|d| d.severity)
        .collect()
}

#[test]
fn findings_on_each_corpus_filing() {
    let rules = builtin();
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        let report = lint(&rules, &name, &text, &[]);
        let mut out = format!("document: {}\n", report.document.name());
        for d in &report.diagnostics {
            let _ = writeln!(
                out,
                "{}:{}: {}[{}] {}",
                d.primary.start.line,
                d.primary.start.column,
                d.severity.name(),
                d.rule,
                d.message
            );
        }
        insta::assert_snapshot!(name, out);
    }
}

/// Removes every line for which `remove` is true.
fn without_lines(text: &str, remove: impl Fn(&str) -> bool) -> String {
    text.split('\n')
        .filter(|l| !remove(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes every sentence that `topic` matches, in every line.
fn without_sentences(text: &str, topic: &Regex) -> String {
    text.split('\n')
        .map(|line| {
            line.split_inclusive(". ")
                .filter(|sentence| !topic.is_match(sentence))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn deleting_the_cover_rule_line_fires_sd_cover_009() {
    let rules = builtin();
    let rule_line = Regex::new(r"^\W*Rule 13p-1 under").unwrap();
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        assert!(
            findings(
                &lint(&rules, &name, &text, &["SD-COVER-009"]),
                "SD-COVER-009"
            )
            .is_empty()
        );
        let mutated = without_lines(&text, |l| rule_line.is_match(l));
        assert_ne!(mutated, text, "{name}: no rule line to delete");
        // Mentions of Rule 13p-1 elsewhere (Item 1.01, the CMR) must not stand in for the line.
        assert!(mutated.contains("13p-1"), "{name}");
        let report = lint(&rules, &name, &mutated, &["SD-COVER-009"]);
        assert_eq!(
            findings(&report, "SD-COVER-009"),
            [Severity::Error],
            "{name}"
        );
    }
}

#[test]
fn deleting_every_rcoi_sentence_is_an_error() {
    let rules = builtin();
    let topic = Regex::new(r"(?i)country[-\s]+of[-\s]+origin|\brcoi\b|\binquir").unwrap();
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        let before = lint(&rules, &name, &text, &["SD-ITEM101-005", "CMR-DD-004"]);
        assert!(
            !findings(&before, "SD-ITEM101-005").contains(&Severity::Error),
            "{name}"
        );
        assert!(findings(&before, "CMR-DD-004").is_empty(), "{name}");
        let mutated = without_sentences(&text, &topic);
        let after = lint(&rules, &name, &mutated, &["SD-ITEM101-005", "CMR-DD-004"]);
        assert_eq!(
            findings(&after, "SD-ITEM101-005"),
            [Severity::Error],
            "{name}"
        );
        assert_eq!(
            findings(&after, "CMR-DD-004"),
            [Severity::Warning],
            "{name}"
        );
    }
}

#[test]
fn deleting_everything_about_smelter_audits_fires_cmr_oecd_004() {
    let rules = builtin();
    let topic = Regex::new(
        r"(?i)audit|\brmap\b|\bcfsp\b|conflict[-\s]free\s+smelter|responsible\s+minerals\s+assurance|third[-\s]party|\bstep\s*4\b",
    )
    .unwrap();
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        assert!(
            findings(
                &lint(&rules, &name, &text, &["CMR-OECD-004"]),
                "CMR-OECD-004"
            )
            .is_empty()
        );
        let mutated = without_sentences(&text, &topic);
        let report = lint(&rules, &name, &mutated, &["CMR-OECD"]);
        assert_eq!(
            findings(&report, "CMR-OECD-004"),
            [Severity::Warning],
            "{name}"
        );
    }
}

#[test]
fn deleting_the_exhibit_index_fires_sd_exh_003() {
    let rules = builtin();
    let entry = Regex::new(r"(?i)^\W*(exhibit\s+no|\d+\.\d+\b|-{3,}\s*$|\s*$)").unwrap();
    let mut tried = 0;
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        let lines: Vec<&str> = text.split('\n').collect();
        let Some(heading) = lines.iter().position(|l| l.trim() == "EXHIBIT INDEX") else {
            continue;
        };
        tried += 1;
        assert!(findings(&lint(&rules, &name, &text, &["SD-EXH-003"]), "SD-EXH-003").is_empty());
        let end = heading
            + 1
            + lines[heading + 1..]
                .iter()
                .take_while(|l| entry.is_match(l))
                .count();
        let mutated = [&lines[..heading], &lines[end..]].concat().join("\n");
        let report = lint(&rules, &name, &mutated, &["SD-EXH-003"]);
        assert_eq!(
            findings(&report, "SD-EXH-003"),
            [Severity::Warning],
            "{name}"
        );
    }
    if corpus_seeds().is_some() {
        assert!(tried >= 2, "the corpus has filings with an exhibit index");
    }
}

#[test]
fn deleting_the_signature_date_fires_sd_sig_005() {
    let rules = builtin();
    let date = Regex::new(
        r"(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}",
    )
    .unwrap();
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        assert!(findings(&lint(&rules, &name, &text, &["SD-SIG-005"]), "SD-SIG-005").is_empty());
        // The dates of the signature block: from SIGNATURES to the next 25 lines.
        let lines: Vec<&str> = text.split('\n').collect();
        let start = lines
            .iter()
            .position(|l| l.contains("SIGNATURES"))
            .expect("a signature block");
        let mutated: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if (start..start + 25).contains(&i) {
                    date.replace_all(l, "").into_owned()
                } else {
                    l.to_string()
                }
            })
            .collect();
        let report = lint(&rules, &name, &mutated.join("\n"), &["SD-SIG-005"]);
        assert_eq!(findings(&report, "SD-SIG-005"), [Severity::Error], "{name}");
    }
}
