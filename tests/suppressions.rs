//! Suppressions in every format (DESIGN §7): next line, region, file; unused ones reported;
//! reasons required when the configuration says so.

mod common;

use std::path::PathBuf;

use common::{builtin, ids};
use sdlint::input::docx::testing::{build_docx, document};
use sdlint::{Report, RuleSet, input};

const DRAFT: &str = "tests/fixtures/inputs/formats/draft";

fn draft(ext: &str) -> String {
    let path = common::root().join(format!("{DRAFT}.{ext}"));
    input::read_path(&path).unwrap().text
}

fn lint_as(rules: &RuleSet, name: &str, bytes: &[u8], require_reason: bool) -> Report {
    let file = input::from_bytes(PathBuf::from(name), bytes).unwrap();
    let enabled = vec![true; rules.rules.len()];
    let settings = sdlint::rules::Settings {
        severity: vec![None; rules.rules.len()],
        ..Default::default()
    };
    let suppressions = sdlint::suppress::Policy { require_reason };
    sdlint::lint_with(file, rules, &enabled, &settings, suppressions)
}

fn count(report: &Report, id: &str) -> usize {
    ids(report).iter().filter(|&&r| r == id).count()
}

#[test]
fn the_draft_has_the_findings_the_suppressions_below_act_on() {
    let report = lint_as(&builtin(), "d.md", draft("md").as_bytes(), false);
    for id in [
        "SD-SIG-005",
        "XF-011",
        "CMR-IPSA-001",
        "CMR-SMELT-005",
        "SD-EXH-003",
    ] {
        assert_eq!(count(&report, id), 1, "{id}");
    }
}

#[test]
fn next_line_suppresses_only_the_next_line_with_text() {
    let rules = builtin();
    let text = draft("md").replace(
        "## SIGNATURES",
        "<!-- sdlint-disable-next-line SD-SIG-005 -- dated by the filing agent -->\n\n## SIGNATURES",
    );
    let report = lint_as(&rules, "d.md", text.as_bytes(), false);
    assert_eq!(count(&report, "SD-SIG-005"), 0);
    assert_eq!(count(&report, "SDLINT-003"), 0);
    // Two lines further down it suppresses nothing, and says so.
    let text = draft("md").replace(
        "## SIGNATURES",
        "<!-- sdlint-disable-next-line SD-SIG-005 -->\nSome text.\n## SIGNATURES",
    );
    let report = lint_as(&rules, "d.md", text.as_bytes(), false);
    assert_eq!(count(&report, "SD-SIG-005"), 1);
    assert_eq!(count(&report, "SDLINT-003"), 1);
}

#[test]
fn a_region_ends_at_its_enable_and_prefixes_name_rule_families() {
    let rules = builtin();
    let text = draft("md")
        .replace(
            "## Results",
            "<!-- sdlint-disable XF-011, CMR-IPSA -- audit under way -->\n## Results",
        )
        .replace("## Future Steps", "<!-- sdlint-enable -->\n## Future Steps");
    let report = lint_as(&rules, "d.md", text.as_bytes(), false);
    assert_eq!(count(&report, "XF-011"), 0);
    assert_eq!(count(&report, "CMR-IPSA-001"), 0);
    assert_eq!(count(&report, "SDLINT-003"), 0);
    // The annex, after the region, is still checked.
    assert_eq!(count(&report, "CMR-SMELT-005"), 1);
    // A region closed before the finding suppresses nothing.
    let text = draft("md").replace(
        "## Results",
        "<!-- sdlint-disable XF-011 -->\n<!-- sdlint-enable XF-011 -->\n## Results",
    );
    let report = lint_as(&rules, "d.md", text.as_bytes(), false);
    assert_eq!(count(&report, "XF-011"), 1);
    assert_eq!(count(&report, "SDLINT-003"), 1);
}

#[test]
fn disable_file_suppresses_everywhere_by_id_or_name() {
    let rules = builtin();
    let name = rules.find("SD-EXH-003").unwrap().meta.name.clone();
    let text = format!(
        "<!-- sdlint-disable-file {name}, CMR-SMELT-005 -- no exhibit index in drafts -->\n{}",
        draft("md")
    );
    let report = lint_as(&rules, "d.md", text.as_bytes(), false);
    assert_eq!(count(&report, "SD-EXH-003"), 0);
    assert_eq!(count(&report, "CMR-SMELT-005"), 0);
    assert_eq!(count(&report, "SD-SIG-005"), 1);
}

#[test]
fn html_comments_suppress_the_next_paragraph_and_unused_ones_point_into_the_markup() {
    let rules = builtin();
    let path = common::root().join(format!("{DRAFT}.htm"));
    let html = std::fs::read(&path).unwrap();
    // The file is Windows-1252: find the marker among its bytes.
    let marker = b"<p align=\"center\"><b>SIGNATURES</b></p>";
    let at = html
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap();
    let with = |comment: &str| {
        let mut bytes = html.clone();
        bytes.splice(at..at, comment.bytes());
        bytes
    };
    let report = lint_as(
        &rules,
        "d.htm",
        &with("<!-- sdlint-disable-next-line SD-SIG-005 -- dated on filing -->\r\n"),
        false,
    );
    assert_eq!(count(&report, "SD-SIG-005"), 0);
    assert_eq!(count(&report, "SDLINT-003"), 0);

    let bytes = with("<!-- sdlint-disable-next-line XF-013 -->\r\n");
    let report = lint_as(&rules, "d.htm", &bytes, false);
    let unused = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "SDLINT-003")
        .unwrap();
    let at = unused.primary.bytes.start();
    assert!(bytes[at..].starts_with(b"sdlint-disable-next-line XF-013"));
    assert_eq!(count(&report, "SD-SIG-005"), 1);
}

#[test]
fn a_word_paragraph_holding_a_directive_suppresses_the_next_paragraph() {
    let rules = builtin();
    let body: String = draft("txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| {
            let directive = (l == "SIGNATURES")
                .then(|| "sdlint-disable-next-line SD-SIG-005 -- agent dates it".to_owned());
            directive.into_iter().chain([l.to_owned()])
        })
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                l.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .collect();
    let report = lint_as(&rules, "d.docx", &build_docx(&document(&body)), false);
    assert_eq!(count(&report, "SD-SIG-005"), 0);
    assert_eq!(count(&report, "SDLINT-003"), 0);
}

#[test]
fn required_reasons_leave_reasonless_suppressions_unapplied() {
    let rules = builtin();
    let text = draft("md").replace(
        "## SIGNATURES",
        "<!-- sdlint-disable-next-line SD-SIG-005 -->\n## SIGNATURES",
    );
    let relaxed = lint_as(&rules, "d.md", text.as_bytes(), false);
    assert_eq!(count(&relaxed, "SD-SIG-005"), 0);
    let strict = lint_as(&rules, "d.md", text.as_bytes(), true);
    assert_eq!(count(&strict, "SD-SIG-005"), 1);
    assert_eq!(count(&strict, "SDLINT-004"), 1);
}

#[test]
fn the_config_switch_requires_reasons_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("sdlint-supp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = draft("md").replace(
        "## SIGNATURES",
        "<!-- sdlint-disable-next-line SD-SIG-005 -->\n## SIGNATURES",
    );
    std::fs::write(dir.join("d.md"), text).unwrap();
    std::fs::write(
        dir.join("sdlint.toml"),
        "[suppressions]\nrequire-reason = true\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(&dir)
        .args(["check", "--format", "short", "-q", "d.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("warning[SDLINT-004]"), "{stdout}");
    assert!(stdout.contains("error[SD-SIG-005]"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_form_works_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("sdlint-supp-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "<!-- sdlint-disable-file SD-EXH-003 -- index added by the filing agent -->\n{}",
        draft("md")
    )
    .replace(
        "## SIGNATURES",
        "<!-- sdlint-disable-next-line SD-SIG-005 -- dated on filing -->\n## SIGNATURES",
    )
    .replace(
        "## Results",
        "<!-- sdlint-disable XF-011 -- audit under way -->\n## Results",
    )
    .replace(
        "## Future Steps",
        "<!-- sdlint-enable XF-011 -->\n## Future Steps",
    );
    std::fs::write(dir.join("d.md"), text).unwrap();
    let out = assert_cmd::Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(&dir)
        .args(["check", "--isolated", "--format", "short", "-q", "d.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rules: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next())
        .collect();
    assert_eq!(
        rules,
        [
            "SD-COVER-008",
            "SD-ITEM101-004",
            "CMR-IPSA-001",
            "CMR-SMELT-005"
        ],
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
