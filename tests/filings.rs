//! Filings, not files: a Form SD and its exhibits kept as separate documents get the findings
//! the same filing gets as one file.
//!
//! Each corpus filing and labelled draft (skipped when ../shared is absent) is split at the
//! start of its Conflict Minerals Report into `form-sd` and `ex1-01` documents in one folder, as
//! .txt, .md and .htm, and wrapped as an EDGAR complete-submission file; every error and
//! warning must be the same rule at the same words, in the document where the words stand.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{builtin, root};
use sdlint::filing::{self, Prepared};
use sdlint::parse::Scope;
use sdlint::{Report, RuleSet, Severity, input};

/// The corpus filings and drafts, when ../shared is here.
fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["../shared/corpus/seeds", "../shared/corpus/drafts"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == "txt" || e == "md" || e == "html")
                        && p.file_name().is_none_or(|n| n != "README.md")
                }),
        );
    }
    files.sort();
    if files.is_empty() {
        eprintln!("skipped: ../shared/corpus is not here");
    }
    files
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdlint-filings-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Lints `paths` as `sdlint check` does: grouped into filings, every rule on.
fn lint_paths(rules: &RuleSet, paths: &[PathBuf]) -> Vec<Report> {
    let docs: Vec<Prepared> = paths
        .iter()
        .map(|p| Prepared::new(input::read_path(p).unwrap()))
        .collect();
    let enabled = vec![vec![true; rules.rules.len()]; docs.len()];
    filing::lint_all(
        docs,
        enabled,
        true,
        rules,
        &Default::default(),
        Default::default(),
    )
}

/// The 1-based line of the file where its Conflict Minerals Report starts, including an
/// "Exhibit 1.01" label standing above the title; `None` when it has none.
fn report_start(path: &Path) -> Option<usize> {
    let file = input::read_path(path).unwrap();
    let (doc, map) = sdlint::parse_source(&file);
    let start = doc.scope(Scope::Cmr)?.range.start();
    let at = map.to_source(sdlint::span::TextRange::empty(start));
    let line = input::Locator::new(&file.text, &file.origin)
        .locate(at)
        .start
        .line as usize;
    let raw = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let lines: Vec<&str> = raw.split('\n').collect();
    let label = regex::Regex::new(r"(?i)^\W*exhibit\s+(no\.?\s*)?1\.01\W*$").unwrap();
    let mut above = line - 1;
    while above > 0 && lines[above - 1].trim().is_empty() {
        above -= 1;
    }
    if above > 0 && label.is_match(&strip_tags(lines[above - 1])) {
        return Some(above);
    }
    Some(line)
}

fn strip_tags(line: &str) -> String {
    regex::Regex::new(r"<[^>]*>|&nbsp;|&#160;|\*\*")
        .unwrap()
        .replace_all(line, " ")
        .into_owned()
}

/// What the errors and warnings of `reports` are: rule id, the document ("form-sd" or
/// "ex1-01"), and the words the finding points at, with how many times each occurs.
type Findings = BTreeMap<(String, &'static str, String), usize>;

fn findings(reports: &[Report], role: impl Fn(&Report, usize) -> &'static str) -> Findings {
    let mut out = Findings::new();
    for report in reports {
        for d in &report.diagnostics {
            if d.severity == Severity::Info {
                continue;
            }
            let words = report.source[d.primary.range.as_range()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let role = role(report, d.primary.start.line as usize);
            *out.entry((d.rule.clone(), role, words)).or_default() += 1;
        }
    }
    out
}

/// Writes `lines` in the format of `ext`: as they are, or for .htm as a page with a
/// paragraph per line.
fn write_as(path: &Path, lines: &[&str], ext: &str) {
    let text = if ext == "htm" {
        let mut html = String::from("<html><body>\n");
        for line in lines {
            let escaped = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            html.push_str(&format!("<p>{escaped}</p>\n"));
        }
        html.push_str("</body></html>\n");
        html
    } else {
        lines.join("\n") + "\n"
    };
    std::fs::write(path, text).unwrap();
}

fn compare(name: &str, whole: &Findings, split: &Findings, how: &str) -> Option<String> {
    (whole != split).then(|| {
        let only = |a: &Findings, b: &Findings| {
            a.iter()
                .filter(|(k, n)| b.get(*k) != Some(n))
                .map(|(k, n)| format!("{k:?} x{n}"))
                .collect::<Vec<_>>()
        };
        format!(
            "{name} {how}: only as one file {:?}; only as documents {:?}",
            only(whole, split),
            only(split, whole)
        )
    })
}

#[test]
fn a_filing_split_into_its_documents_gets_the_findings_of_the_single_file() {
    let rules = builtin();
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in corpus() {
        let Some(split_line) = report_start(&path) else {
            continue;
        };
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let raw = raw.strip_suffix('\n').unwrap_or(&raw).to_owned();
        let lines: Vec<&str> = raw.split('\n').collect();
        let (sd, cmr) = lines.split_at(split_line - 1);
        let original = path.extension().unwrap().to_string_lossy().into_owned();
        // HTML drafts are split as they are; text drafts also as Markdown and as HTML.
        let formats: &[&str] = if original == "html" {
            &["html"]
        } else {
            &["txt", "md", "htm"]
        };
        for ext in formats {
            let dir = scratch(&format!("{name}-{ext}"));
            let whole_path = dir.join(format!("whole.{ext}"));
            write_as(&whole_path, &lines, ext);
            let whole_reports = lint_paths(&rules, std::slice::from_ref(&whole_path));
            // In the single file, the report starts at the line it starts at; as an .htm page
            // of a paragraph per line, the lines shift by the page's first line.
            let shift = usize::from(*ext == "htm");
            let whole = findings(&whole_reports, |_, line| {
                if line >= split_line + shift {
                    "ex1-01"
                } else {
                    "form-sd"
                }
            });
            let folder = dir.join("filing");
            std::fs::create_dir_all(&folder).unwrap();
            let sd_path = folder.join(format!("form-sd.{ext}"));
            let cmr_path = folder.join(format!("ex1-01.{ext}"));
            write_as(&sd_path, sd, ext);
            write_as(&cmr_path, cmr, ext);
            let split_reports = lint_paths(&rules, &[sd_path.clone(), cmr_path.clone()]);
            if split_reports[0].filing != split_reports[1].filing {
                failures.push(format!(
                    "{name}.{ext}: the two documents are not one filing"
                ));
            }
            let split = findings(&split_reports, |report, _| {
                if report.path == sd_path {
                    "form-sd"
                } else {
                    "ex1-01"
                }
            });
            failures.extend(compare(
                &name,
                &whole,
                &split,
                &format!("as .{ext} documents"),
            ));
            let _ = std::fs::remove_dir_all(&dir);
            checked += 1;
        }
        // The same filing as an EDGAR complete submission: one file of two documents.
        let dir = scratch(&format!("{name}-submission"));
        let submission = dir.join(format!("{name}.txt"));
        let mut text = String::from(
            "<SEC-DOCUMENT>0000000000-24-000001.txt\n<SEC-HEADER>0000000000-24-000001.hdr.sgml\n\
             CONFORMED SUBMISSION TYPE:\tSD\nPUBLIC DOCUMENT COUNT:\t\t2\n</SEC-HEADER>\n\
             <DOCUMENT>\n<TYPE>SD\n<SEQUENCE>1\n<FILENAME>form-sd.htm\n<TEXT>\n",
        );
        text.push_str(&sd.join("\n"));
        text.push_str(
            "\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-1.01\n<SEQUENCE>2\n\
             <FILENAME>ex1-01.htm\n<DESCRIPTION>EX-1.01\n<TEXT>\n",
        );
        text.push_str(&cmr.join("\n"));
        text.push_str("\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n");
        std::fs::write(&submission, text).unwrap();
        let whole_reports = lint_paths(&rules, std::slice::from_ref(&path));
        let by_rule = |reports: &[Report]| {
            let mut ids: Vec<String> = reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .filter(|d| d.severity != Severity::Info)
                .map(|d| d.rule.clone())
                .collect();
            ids.sort();
            ids
        };
        let submitted = lint_paths(&rules, &[submission]);
        if by_rule(&whole_reports) != by_rule(&submitted) {
            failures.push(format!(
                "{name} as a complete submission: {:?} as one file, {:?} as a submission",
                by_rule(&whole_reports),
                by_rule(&submitted)
            ));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        checked == 0 || checked >= 40,
        "only {checked} splits were checked"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} splits differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `sdlint check --format json` on `args`: the files' (path, document, filing) and the
/// diagnostics' (file, rule) pairs.
fn check_json(args: &[&str]) -> (serde_json::Value, Vec<(String, String)>) {
    let output = assert_cmd::Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(root())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found = Vec::new();
    for file in json["files"].as_array().unwrap() {
        let name = Path::new(file["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for d in file["diagnostics"].as_array().unwrap() {
            found.push((name.clone(), d["rule"].as_str().unwrap().to_owned()));
        }
    }
    (json, found)
}

fn documents(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = |key: &str| {
                Path::new(f[key].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            };
            (
                name("path"),
                f["document"].as_str().unwrap().to_owned(),
                name("filing"),
            )
        })
        .collect()
}

const FILINGS: &str = "tests/fixtures/filings";

#[test]
fn a_form_sd_with_its_report_and_audit_report_is_one_clean_filing() {
    let (json, found) = check_json(&[&format!("{FILINGS}/with-audit")]);
    assert_eq!(
        documents(&json),
        [
            ("ex1-01.md".into(), "cmr".into(), "form-sd.md".into()),
            ("ex1-02.md".into(), "ipsa".into(), "form-sd.md".into()),
            ("form-sd.md".into(), "form-sd".into(), "form-sd.md".into()),
        ]
    );
    assert_eq!(json["summary"]["filings"], 1);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_conflict_free_claim_needs_the_audit_report_of_its_filing() {
    // The same filing without its Exhibit 1.02: the report's claim has no audit behind it.
    let dir = scratch("no-audit");
    for name in ["form-sd.md", "ex1-01.md"] {
        std::fs::copy(
            root().join(FILINGS).join("with-audit").join(name),
            dir.join(name),
        )
        .unwrap();
    }
    let (_, found) = check_json(&[dir.to_str().unwrap()]);
    assert!(
        found.contains(&("ex1-01.md".into(), "CMR-IPSA-001".into())),
        "{found:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_audit_report_is_not_taken_for_the_missing_report() {
    // The filing without its Exhibit 1.01: the Form SD misses its report, and the audit report
    // is not read as one (no report requirement is demanded of it).
    let dir = scratch("no-report-but-audit");
    for name in ["form-sd.md", "ex1-02.md"] {
        std::fs::copy(
            root().join(FILINGS).join("with-audit").join(name),
            dir.join(name),
        )
        .unwrap();
    }
    let (json, found) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(json["summary"]["filings"], 1);
    // Two findings of one defect, each where it stands: the exhibit the items cite (XF-004)
    // and the report the exhibit index promises (SD-EXH-004).
    assert_eq!(
        found,
        [
            ("form-sd.md".into(), "XF-004".into()),
            ("form-sd.md".into(), "SD-EXH-004".into())
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_form_sd_without_a_report_is_clean() {
    let (json, found) = check_json(&[&format!("{FILINGS}/no-report")]);
    assert_eq!(json["files"][0]["document"], "form-sd");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn two_filings_in_one_folder_are_paired_by_file_name_stem() {
    let (json, found) = check_json(&[&format!("{FILINGS}/two-filings")]);
    let docs = documents(&json);
    assert_eq!(json["summary"]["filings"], 2);
    for (path, _, filing) in &docs {
        let stem = path.split('_').next().unwrap();
        assert_eq!(filing, &format!("{stem}_sd.md"), "{docs:?}");
    }
    assert!(found.is_empty(), "{found:?}");
}

/// Two years' filings of one company in one folder, named by the year after the name of the
/// document ("Form SD 2022.md", "Exhibit 1.01 CMR 2022.md"), pair by that year.
#[test]
fn two_years_in_one_folder_are_paired_by_the_year_in_their_names() {
    let (json, found) = check_json(&[&format!("{FILINGS}/two-years")]);
    let docs = documents(&json);
    assert_eq!(json["summary"]["filings"], 2);
    for (path, _, filing) in &docs {
        let year = &path[path.len() - 7..path.len() - 3];
        assert_eq!(filing, &format!("Form SD {year}.md"), "{docs:?}");
    }
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_report_alone_is_checked_as_a_report_and_says_so() {
    let (json, found) = check_json(&[&format!("{FILINGS}/report-alone")]);
    assert_eq!(json["files"][0]["document"], "cmr");
    assert!(
        found.contains(&("ex1-01.md".into(), "SDLINT-005".into())),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(_, rule)| rule.starts_with("SD-") && rule != "SD-DEF-002"),
        "a Form SD rule ran on a report alone: {found:?}"
    );
}

#[test]
fn a_form_sd_whose_report_is_not_in_its_folder_names_the_documents_looked_at() {
    let output = assert_cmd::Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(root())
        .args([
            "check",
            "--format",
            "short",
            &format!("{FILINGS}/missing-exhibit"),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text.contains("error[SD-EXH-004]")
            && text.contains("no report was found in the filing (form-sd.md)"),
        "{text}"
    );
}

#[test]
fn grouping_can_be_turned_off() {
    let folder = format!("{FILINGS}/with-audit");
    let (json, found) = check_json(&["--no-group-filings", &folder]);
    assert_eq!(json["summary"]["filings"], 3);
    assert!(
        found.contains(&("form-sd.md".into(), "SD-EXH-004".into())),
        "{found:?}"
    );
    let dir = scratch("config-off");
    for name in ["form-sd.md", "ex1-01.md", "ex1-02.md"] {
        std::fs::copy(root().join(&folder).join(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("sdlint.toml"), "group-filings = false\n").unwrap();
    let output = assert_cmd::Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(&dir)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["filings"], 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_named_on_the_command_line_group_as_their_folder_does() {
    let folder = format!("{FILINGS}/with-audit");
    let (json, found) = check_json(&[
        &format!("{folder}/form-sd.md"),
        &format!("{folder}/ex1-01.md"),
    ]);
    assert_eq!(json["summary"]["filings"], 1);
    assert!(
        !found.iter().any(|(_, rule)| rule == "SD-EXH-004"),
        "{found:?}"
    );
}

/// The rule ids, with their severity, of every finding in `reports`, info included.
fn rule_ids(reports: &[Report]) -> Vec<String> {
    let mut ids: Vec<String> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| format!("{}:{:?}", d.rule, d.severity))
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_filing_in_one_file_gets_the_findings_of_its_three_documents() {
    // The Form SD, its report and the audit report (Exhibit 1.02) as three documents, and the
    // same text as one file: the audit report's words (its framework, its period) are not the
    // report's, in either shape.
    let rules = builtin();
    let folder = root().join(FILINGS).join("one-file-audit");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).unwrap();
    let (sd, cmr, audit) = (
        read("hg-20231231_sd.txt"),
        read("hg-20231231_ex101.txt"),
        read("hg-20231231_ex102.txt"),
    );
    let framework =
        regex::Regex::new(r"(?m)^Harbor Gauge designed its due diligence to conform.*\n").unwrap();
    let no_framework = framework.replace(&cmr, "").into_owned();
    let no_period = cmr
        .replace(" for the Year Ended December 31, 2023", "")
        .replace(
            "covers the reporting period from January 1 to December 31, 2023, and ",
            "",
        );
    assert!(no_framework != cmr && !no_period.contains("2023"));
    let variants = [
        ("complete", cmr.as_str(), None),
        (
            "no-framework",
            no_framework.as_str(),
            Some("CMR-DD-002:Error"),
        ),
        ("no-period", no_period.as_str(), Some("CMR-GEN-002:Error")),
    ];
    for ext in ["txt", "md"] {
        for (name, report, expected) in variants {
            let dir = scratch(&format!("one-file-{name}-{ext}"));
            let mut paths = Vec::new();
            for (file, text) in [("sd", sd.as_str()), ("ex101", report), ("ex102", &audit)] {
                let path = dir.join(format!("hg-20231231_{file}.{ext}"));
                write_as(&path, &text.lines().collect::<Vec<_>>(), ext);
                paths.push(path);
            }
            let three = rule_ids(&lint_paths(&rules, &paths));
            let joined = [sd.as_str(), report, &audit].join("\n");
            let one_path = dir.join(format!("one/hg-20231231.{ext}"));
            std::fs::create_dir_all(one_path.parent().unwrap()).unwrap();
            write_as(&one_path, &joined.lines().collect::<Vec<_>>(), ext);
            let one = rule_ids(&lint_paths(&rules, &[one_path]));
            assert_eq!(
                one, three,
                "{name} as .{ext}: one file, then three documents"
            );
            match expected {
                Some(id) => assert!(one.iter().any(|r| r == id), "{name} .{ext}: {one:?}"),
                None => assert!(one.is_empty(), "{name} .{ext}: {one:?}"),
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
