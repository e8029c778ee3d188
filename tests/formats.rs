//! Every output format on one set of reports, snapshotted, so that a reviewer sees them side by
//! side; SARIF checked against the official schema; the GitHub format as CI runs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use common::{builtin, lint_file, root};
use sdlint::rules::RuleMeta;
use sdlint::{Report, RuleSet, Severity, render};

const NO_DATE: &str = "tests/fixtures/inputs/no_date.md";
const WARNINGS_ONLY: &str = "tests/fixtures/inputs/warnings_only.md";
const CLEAN: &str = "tests/fixtures/inputs/clean.md";
const DRAFT_HTM: &str = "tests/fixtures/inputs/formats/draft.htm";
/// Where the rules documentation is said to be, so that snapshots do not depend on the
/// checkout's place.
const DOCS_URL: &str = "https://sdlint.example/docs/rules.md";

/// The rules of the run: few, so that snapshots stay readable, but every severity, and XF-011,
/// which labels a second place.
const SELECT: [&str; 5] = [
    "SD-SIG-005",
    "SD-EXH-003",
    "XF-011",
    "SD-ITEM101-004",
    "CMR-SMELT-005",
];

/// One run over four files: an error, a warning only, a clean file, and an HTML draft with one
/// diagnostic of each severity; paths relative to the crate root.
fn reports(rules: &RuleSet) -> Vec<Report> {
    [NO_DATE, WARNINGS_ONLY, CLEAN, DRAFT_HTM]
        .iter()
        .map(|path| lint_file(rules, &root().join(path), &SELECT))
        .collect()
}

/// The metadata of the rules the run used, in rule-set order, as the CLI gives SARIF.
fn ran(rules: &RuleSet) -> Vec<&RuleMeta> {
    let select: Vec<String> = SELECT.iter().map(|s| s.to_string()).collect();
    let enabled = rules.selection(&select, &[]).unwrap();
    rules
        .rules
        .iter()
        .zip(enabled)
        .filter(|(_, on)| *on)
        .map(|(rule, _)| &rule.meta)
        .collect()
}

#[test]
fn the_set_covers_what_the_formats_must_show() {
    let rules = builtin();
    let reports = reports(&rules);
    let all: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    for severity in [
        sdlint::Severity::Error,
        sdlint::Severity::Warning,
        sdlint::Severity::Info,
    ] {
        assert!(all.iter().any(|d| d.severity == severity), "{severity:?}");
    }
    assert!(all.iter().any(|d| !d.secondary.is_empty()));
    assert!(reports.iter().any(|r| r.diagnostics.is_empty()));
}

#[test]
fn every_format_on_one_set_of_reports() {
    let rules = builtin();
    let reports = reports(&rules);
    let human = String::from_utf8(render::human(&reports, false, false)).unwrap();
    insta::assert_snapshot!("human", human);
    insta::assert_snapshot!("short", render::short(&reports));
    insta::assert_snapshot!("json", render::json(&reports, &[]));
    insta::assert_snapshot!(
        "sarif",
        render::sarif(&reports, &ran(&rules), DOCS_URL, &[])
    );
    insta::assert_snapshot!("github", render::github(&reports));
    insta::assert_snapshot!("github_summary", render::github_summary(&reports));
    insta::assert_snapshot!("junit", render::junit(&reports, Some(Severity::Error)));
    insta::assert_snapshot!("checkstyle", render::checkstyle(&reports));
}

/// The SARIF 2.1.0 schema, from the source of the `serde-sarif` crate (a dev-dependency), which
/// ships it as `src/schema.json`.
///
/// The schema is published by OASIS under its IPR policy rather than an open-source license, so
/// it is not copied into this repository. Cargo has already downloaded `serde-sarif` to build
/// this test, and `cargo metadata` says where, whatever `CARGO_HOME`, registry or vendoring
/// the machine uses; this works in a fresh clone under plain `cargo test`.
fn sarif_schema() -> serde_json::Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = StdCommand::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--manifest-path",
        ])
        .arg(root().join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    let path = Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the SARIF schema at {}: {e}", path.display()));
    // The schema's patterns for a `language` (of a run, of a tool component) have a stray `]`,
    // which the validator's check of the schema itself rejects as an invalid regex. sdlint
    // writes no `language`; the pattern is replaced by the one it evidently means ("en-US").
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    schema
}

/// Every violation of `schema` by `instance`, one per line (empty when valid).
fn violations(validator: &jsonschema::Validator, instance: &serde_json::Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}\n", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let rules = builtin();
    let reports = reports(&rules);
    let sarif: serde_json::Value =
        serde_json::from_str(&render::sarif(&reports, &ran(&rules), DOCS_URL, &[])).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&sarif_schema())
        .expect("the schema compiles");
    assert_eq!(violations(&validator, &sarif), "");
    // The typed model of serde-sarif reads it too.
    let _: serde_sarif::sarif::Sarif = serde_json::from_value(sarif.clone()).unwrap();

    // The validator does catch mistakes.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    broken["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    let found = violations(&validator, &broken);
    assert_eq!(found.lines().count(), 3, "{found}");

    // No diagnostics at all is still a valid log.
    let empty: serde_json::Value =
        serde_json::from_str(&render::sarif(&[], &[], DOCS_URL, &[])).unwrap();
    assert_eq!(violations(&validator, &empty), "");
}

#[test]
fn sarif_locations_follow_the_labels() {
    let rules = builtin();
    let reports = reports(&rules);
    let sarif: serde_json::Value =
        serde_json::from_str(&render::sarif(&reports, &ran(&rules), DOCS_URL, &[])).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let diagnostics: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    assert_eq!(results.len(), diagnostics.len());
    for (result, d) in results.iter().zip(&diagnostics) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], d.rule.as_str());
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d.primary.start.line);
        assert_eq!(region["endColumn"], d.primary.end.column);
        assert_eq!(region["byteOffset"], d.primary.bytes.start());
        assert_eq!(region["byteLength"], d.primary.bytes.len());
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, d.secondary.len());
    }
    // The bytes are those of the file: the HTML draft's markup, not the text sdlint read.
    let html = std::fs::read(root().join(DRAFT_HTM)).unwrap();
    let claim = diagnostics.iter().find(|d| d.rule == "XF-011").unwrap();
    let bytes = &html[claim.primary.bytes.as_range()];
    assert!(
        String::from_utf8_lossy(bytes).contains("conflict"),
        "{:?}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn junit_fails_only_what_fails_the_run() {
    let rules = builtin();
    let reports = reports(&rules);
    let count = |severity: Option<Severity>| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| severity.is_some_and(|s| d.severity >= s))
            .count()
    };
    for fail_on in [
        Some(Severity::Error),
        Some(Severity::Warning),
        Some(Severity::Info),
        None,
    ] {
        let xml = render::junit(&reports, fail_on);
        let failures = count(fail_on);
        assert!(
            xml.contains(&format!("failures=\"{failures}\" errors=\"0\">")),
            "{fail_on:?}: {xml}"
        );
        assert_eq!(xml.matches("<failure ").count(), failures, "{fail_on:?}");
        let all = count(Some(Severity::Info));
        assert_eq!(
            xml.matches("<system-out>").count(),
            all - failures,
            "{fail_on:?}"
        );
    }
}

#[test]
fn xml_formats_are_well_formed_whatever_the_message() {
    let rules = builtin();
    let mut reports = reports(&rules);
    reports[0].diagnostics[0].message =
        "Tags <b> & \"quotes\" 'too' ]]> \u{1}\u{FFFF} \u{1F600}\r\nend".to_owned();
    for (name, xml) in [
        ("junit", render::junit(&reports, Some(Severity::Info))),
        ("checkstyle", render::checkstyle(&reports)),
    ] {
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut messages = Vec::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    for attr in e.attributes() {
                        let attr = attr.unwrap_or_else(|err| panic!("{name}: {err}"));
                        if attr.key.0 == "message" {
                            let value = attr.normalized_value(quick_xml::XmlVersion::Explicit1_0);
                            messages.push(value.unwrap().into_owned());
                        }
                    }
                }
                Ok(_) => {}
                Err(err) => panic!("{name} is not well-formed: {err}\n{xml}"),
            }
        }
        assert_eq!(
            messages[0], "Tags <b> & \"quotes\" 'too' ]]> \\u{1}\\u{ffff} \u{1F600}\r\nend",
            "{name}"
        );
    }
}

fn sdlint() -> Command {
    let mut cmd = Command::cargo_bin("sdlint").expect("the binary is built");
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// A fresh temporary directory under the target directory.
fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("formats-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn github_format_annotates_errors_first_and_appends_the_step_summary() {
    let dir = tempdir("github");
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "## An earlier step\n\n").unwrap();
    let out = sdlint()
        .args(["check", "--format", "github", "--quiet"])
        .args([WARNINGS_ONLY, DRAFT_HTM, NO_DATE])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let kinds: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_once(' ').unwrap().0)
        .collect();
    assert!(kinds.len() > 3, "{stdout}");
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| {
        ["::error", "::warning", "::notice"]
            .iter()
            .position(|x| x == k)
    });
    assert_eq!(kinds, sorted, "{stdout}");
    assert!(kinds.contains(&"::notice"), "{stdout}");
    // Within a kind, files keep their order on the command line.
    let first_warning = stdout.lines().find(|l| l.starts_with("::warning")).unwrap();
    assert!(first_warning.contains(WARNINGS_ONLY), "{stdout}");

    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("## An earlier step\n\n## sdlint\n"),
        "{written}"
    );
    assert!(written.contains("| `tests/fixtures/inputs/no_date.md` | 53 | error | SD-SIG-005 |"));
    assert_eq!(
        written.matches("\n| `").count(),
        kinds.len(),
        "one row per annotation"
    );
}

#[test]
fn an_unwritable_step_summary_is_a_warning_only() {
    let dir = tempdir("unwritable");
    let out = sdlint()
        .args(["check", "--format", "github", WARNINGS_ONLY])
        .env("GITHUB_STEP_SUMMARY", dir.join("no/such/dir/summary.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("warning: cannot write the GitHub step summary to "));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("::warning ")
    );
}

#[test]
fn every_format_is_selectable() {
    for format in ["sarif", "github", "junit", "checkstyle"] {
        sdlint()
            .args(["check", "--format", format, NO_DATE])
            .assert()
            .code(1);
    }
    let out = sdlint()
        .args(["check", "--format", "sarif", "--select", "SD-SIG", NO_DATE])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.is_empty() && ids.iter().all(|id| id.starts_with("SD-SIG-")),
        "{ids:?}"
    );
}
