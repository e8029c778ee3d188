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

/// For each corpus filing that `mutate` changes: `rule` reports nothing at `expected` severity
/// or above on the filing as filed, and exactly one `expected` diagnostic once the item is
/// removed. Returns how many filings were mutated.
fn removing_the_item_fires(
    rule: &str,
    expected: Severity,
    mutate: impl Fn(&str) -> Option<String>,
) -> usize {
    let rules = builtin();
    let mut mutated_files = 0;
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = name_of(&path);
        let Some(mutated) = mutate(&text) else {
            continue;
        };
        assert_ne!(mutated, text, "{name}: the mutation changed nothing");
        mutated_files += 1;
        let before = findings(&lint(&rules, &name, &text, &[rule]), rule);
        assert!(
            before.iter().all(|&s| s < expected),
            "{name}: {rule} fires as filed"
        );
        let after = findings(&lint(&rules, &name, &mutated, &[rule]), rule);
        assert_eq!(after, [expected], "{name}: {rule} after removing the item");
    }
    mutated_files
}

#[test]
fn deleting_the_cover_rule_line_fires_sd_cover_009() {
    let rule_line = Regex::new(r"^\W*Rule 13p-1 under").unwrap();
    removing_the_item_fires("SD-COVER-009", Severity::Error, |text| {
        let mutated = without_lines(text, |l| rule_line.is_match(l));
        // Mentions of Rule 13p-1 elsewhere (Item 1.01, the CMR) must not stand in for the line.
        assert!(mutated.contains("13p-1"));
        Some(mutated)
    });
}

#[test]
fn deleting_every_rcoi_sentence_is_an_error() {
    let topic = Regex::new(r"(?i)country[-\s]+of[-\s]+origin|\brcoi\b|\binquir").unwrap();
    let mutate = |text: &str| Some(without_sentences(text, &topic));
    removing_the_item_fires("SD-ITEM101-005", Severity::Error, mutate);
    removing_the_item_fires("CMR-DD-004", Severity::Warning, mutate);
}

#[test]
fn deleting_everything_about_smelter_audits_fires_cmr_oecd_004() {
    let topic = Regex::new(
        r"(?i)audit|\brmap\b|\bcfsp\b|conflict[-\s]free\s+smelter|responsible\s+minerals\s+assurance|third[-\s]party|\bstep\s*4\b",
    )
    .unwrap();
    removing_the_item_fires("CMR-OECD-004", Severity::Warning, |text| {
        Some(without_sentences(text, &topic))
    });
}

#[test]
fn deleting_the_exhibit_index_fires_sd_exh_003() {
    let entry = Regex::new(r"(?i)^\W*(exhibit\s+no|\d+\.\d+\b|-{3,}\s*$|\s*$)").unwrap();
    let mutated = removing_the_item_fires("SD-EXH-003", Severity::Warning, |text| {
        let lines: Vec<&str> = text.split('\n').collect();
        let heading = lines.iter().position(|l| l.trim() == "EXHIBIT INDEX")?;
        let end = heading
            + 1
            + lines[heading + 1..]
                .iter()
                .take_while(|l| entry.is_match(l))
                .count();
        Some([&lines[..heading], &lines[end..]].concat().join("\n"))
    });
    if corpus_seeds().is_some() {
        assert!(mutated >= 2, "the corpus has filings with an exhibit index");
    }
}

#[test]
fn deleting_the_signature_date_fires_sd_sig_005() {
    let date = Regex::new(
        r"(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}",
    )
    .unwrap();
    removing_the_item_fires("SD-SIG-005", Severity::Error, |text| {
        // The dates of the signature block, from SIGNATURES to the next 25 lines; one of them
        // is glued to the signer's title.
        let lines: Vec<&str> = text.split('\n').collect();
        let start = lines.iter().position(|l| l.contains("SIGNATURES"))?;
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
        Some(mutated.join("\n"))
    });
}
