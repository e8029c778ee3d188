//! The command line as users and CI run it: exit codes, output formats, bad input, rule packs.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::root;

fn sdlint() -> Command {
    let mut cmd = Command::cargo_bin("sdlint").expect("the binary is built");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

const CLEAN: &str = "tests/fixtures/inputs/clean.md";
const WARNINGS_ONLY: &str = "tests/fixtures/inputs/warnings_only.md";
const NO_DATE: &str = "tests/fixtures/inputs/no_date.md";

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8")
}

#[test]
fn a_clean_filing_exits_zero() {
    sdlint()
        .args(["check", CLEAN])
        .assert()
        .code(0)
        .stdout("No problems found in 1 file\n");
}

#[test]
fn an_error_exits_one_unless_fail_on_never() {
    sdlint().args(["check", NO_DATE]).assert().code(1);
    sdlint()
        .args(["check", "--fail-on", "never", NO_DATE])
        .assert()
        .code(0);
}

#[test]
fn warnings_fail_only_when_asked() {
    sdlint().args(["check", WARNINGS_ONLY]).assert().code(0);
    sdlint()
        .args(["check", "--fail-on", "warning", WARNINGS_ONLY])
        .assert()
        .code(1);
    sdlint()
        .args(["check", "--fail-on", "error", WARNINGS_ONLY])
        .assert()
        .code(0);
}

#[test]
fn short_format_is_one_line_per_diagnostic() {
    let out = stdout_of(sdlint().args(["check", "--format", "short", WARNINGS_ONLY]));
    assert_eq!(
        out,
        "tests/fixtures/inputs/warnings_only.md:71:1: warning[SD-EXH-003] The filing has no exhibit index\n"
    );
}

#[test]
fn json_output_follows_the_contract() {
    let out = stdout_of(sdlint().args(["check", "--format", "json", NO_DATE, CLEAN]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["tool"]["name"], "sdlint");
    let files = value["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], NO_DATE);
    assert_eq!(files[0]["document"], "form-sd");
    let d = &files[0]["diagnostics"][0];
    for key in [
        "rule",
        "name",
        "severity",
        "message",
        "help",
        "references",
        "range",
        "byte_range",
    ] {
        assert!(d.get(key).is_some(), "diagnostic lacks `{key}`");
    }
    assert_eq!(d["rule"], "SD-SIG-005");
    assert!(d["range"]["start"]["line"].as_u64().unwrap() >= 1);
    assert!(d["range"]["start"]["column"].as_u64().unwrap() >= 1);
    let [start, end] = [0, 1].map(|i| d["byte_range"][i].as_u64().unwrap() as usize);
    let source = std::fs::read(root().join(NO_DATE)).unwrap();
    assert!(start <= end && end <= source.len());
    assert_eq!(files[1]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(value["summary"]["files"], 2);
    insta::assert_snapshot!(out);
}

#[test]
fn human_output_shows_the_line_help_and_reference() {
    let out = stdout_of(sdlint().args(["check", NO_DATE]));
    insta::assert_snapshot!(out);
}

#[test]
fn select_and_ignore_take_ids_names_and_prefixes() {
    sdlint()
        .args(["check", "--select", "CMR-OECD", NO_DATE])
        .assert()
        .code(0);
    sdlint()
        .args(["check", "--ignore", "missing-signature-date", NO_DATE])
        .assert()
        .code(0);
    sdlint()
        .args(["check", "--select", "SD-SIG-999", NO_DATE])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown rule or rule prefix `SD-SIG-999`",
        ));
}

#[test]
fn unreadable_inputs_are_reported_and_the_rest_still_linted() {
    let out = sdlint()
        .args(["check", "--format", "short", "no/such/file.md", NO_DATE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.md"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("SD-SIG-005"));
}

#[test]
fn bad_files_get_a_one_line_error() {
    let dir = tempdir();
    let cases: [(&str, &[u8], &str); 3] = [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "only white space"),
        ("binary.txt", b"PK\x03\x04\x00\x00\x01garbage", "binary"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = sdlint().arg("check").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    }
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::copy(root().join(NO_DATE), dir.join("b/z.md")).unwrap();
    std::fs::copy(root().join(NO_DATE), dir.join("a.md")).unwrap();
    std::fs::write(dir.join("notes.pdf"), b"%PDF").unwrap();
    let out = stdout_of(sdlint().args(["check", "--format", "short"]).arg(&dir));
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    let a = dir.join("a.md").display().to_string();
    let z = dir.join("b/z.md").display().to_string();
    assert_eq!(files, [a.as_str(), z.as_str()]);
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    let text = std::fs::read_to_string(root().join(NO_DATE)).unwrap();
    let out = stdout_of(
        sdlint()
            .args([
                "check",
                "--format",
                "short",
                "--stdin-filename",
                "draft.md",
                "-",
            ])
            .write_stdin(text),
    );
    assert!(out.starts_with("draft.md:"), "{out}");
    assert!(out.contains("SD-SIG-005"));
}

#[test]
fn a_stdin_filename_alone_reads_stdin_and_never_the_folder() {
    let text = std::fs::read_to_string(root().join(NO_DATE)).unwrap();
    let out = stdout_of(
        sdlint()
            .args(["check", "--format", "short", "--stdin-filename", "draft.md"])
            .write_stdin(text.clone()),
    );
    assert!(out.starts_with("draft.md:"), "{out}");
    assert!(out.lines().all(|l| l.starts_with("draft.md:")), "{out}");
    // Named paths without "-": standard input would be ignored, so the run is refused.
    let assert = sdlint()
        .args(["check", "--stdin-filename", "draft.md", CLEAN])
        .write_stdin(text)
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("no \"-\" is among the paths"), "{stderr}");
}

#[test]
fn inputs_are_never_modified() {
    let path = root().join(NO_DATE);
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    sdlint()
        .args(["check", "--format", "json", NO_DATE])
        .assert()
        .code(1);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn user_rule_packs_are_loaded() {
    let out = stdout_of(sdlint().args([
        "check",
        "--format",
        "short",
        "--rules",
        "tests/fixtures/packs/house.toml",
        CLEAN,
    ]));
    assert!(out.contains("warning[HOUSE-001]"), "{out}");
    sdlint()
        .args([
            "check",
            "--no-builtin-rules",
            "--rules",
            "tests/fixtures/packs/house.toml",
            NO_DATE,
        ])
        .assert()
        .code(0);
}

#[test]
fn invalid_rule_packs_point_into_the_toml() {
    for pack in ["bad_regex", "unknown_field", "bad_scope"] {
        let out = sdlint()
            .args(["check", "--rules"])
            .arg(format!("tests/fixtures/packs/{pack}.toml"))
            .arg(CLEAN)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{pack}");
        assert!(out.stdout.is_empty());
        insta::assert_snapshot!(pack, String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn rules_lists_every_rule_and_explain_documents_one() {
    let out = stdout_of(sdlint().args(["rules", "--format", "json"]));
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"SD-SIG-005") && ids.contains(&"CMR-OECD-004"));
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in id order: {ids:?}");
    insta::assert_snapshot!(stdout_of(sdlint().args(["explain", "SD-EXH-003"])));
    sdlint()
        .args(["explain", "missing-signature-date"])
        .assert()
        .code(0);
    sdlint().args(["explain", "NOPE-1"]).assert().code(2);
    // A prefix explains every rule it starts, in id order, as --select reads it.
    let oecd = stdout_of(sdlint().args(["explain", "CMR-OECD"]));
    let headings: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| id.starts_with("CMR-OECD-"))
        .collect();
    assert!(headings.len() > 1);
    let places: Vec<usize> = headings.iter().map(|id| oecd.find(id).unwrap()).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{oecd}");
    // A typo is answered with the nearest id.
    let assert = sdlint()
        .args(["explain", "SD-SIG-05"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("did you mean `SD-SIG-005`?"), "{stderr}");
    // Markdown, as docs/rules.md has it, on request; text for a terminal by default.
    let markdown = stdout_of(sdlint().args(["explain", "SD-EXH-003", "--format", "markdown"]));
    assert!(markdown.starts_with("## SD-EXH-003\n"), "{markdown}");
    assert!(markdown.contains("**Why it matters:**"), "{markdown}");
    let text = stdout_of(sdlint().args(["explain", "SD-EXH-003"]));
    assert!(!text.contains("**") && !text.contains('`'), "{text}");
}

#[test]
fn min_severity_hides_findings_but_not_from_the_exit_code() {
    // The example draft has errors, warnings and info notes.
    let draft = "examples/draft-form-sd.md";
    let all = stdout_of(sdlint().current_dir(root()).args([
        "check",
        "--isolated",
        "--format",
        "short",
        draft,
    ]));
    assert!(all.contains("info[") && all.contains("warning["), "{all}");
    let assert = sdlint()
        .current_dir(root())
        .args([
            "check",
            "--isolated",
            "--min-severity",
            "warning",
            "--format",
            "short",
            draft,
        ])
        .assert()
        .code(1);
    let shown = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        !shown.contains("info[") && shown.contains("warning["),
        "{shown}"
    );
    // Hidden findings still count: an info that fails the run is not shown, but fails it.
    sdlint()
        .current_dir(root())
        .args([
            "check",
            "--isolated",
            "--min-severity",
            "error",
            "--select",
            "CMR-FLS-001",
        ])
        .args(["--fail-on", "info", draft])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("(1 info not shown)"));
    let json = stdout_of(sdlint().current_dir(root()).args([
        "check",
        "--isolated",
        "--min-severity",
        "error",
        "--format",
        "json",
        draft,
    ]));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let severities: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert!(
        !severities.is_empty() && severities.iter().all(|s| *s == "error"),
        "{json}"
    );
}

#[test]
fn findings_at_one_place_show_its_lines_once() {
    let out = stdout_of(sdlint().current_dir(root()).args([
        "check",
        "--isolated",
        "--color",
        "never",
        "examples/draft-form-sd.md",
    ]));
    // Many requirements are missing from the report, each pointing at its first line.
    let snippets = out.matches("50 │ Exhibit 1.01").count();
    let later = out
        .matches("= at examples/draft-form-sd.md:50:1, as above:")
        .count();
    assert_eq!(snippets, 1, "{out}");
    assert!(later > 5, "{out}");
}

#[test]
fn the_report_goes_to_an_output_file_but_never_onto_a_linted_file() {
    let dir = tempdir();
    std::fs::copy(root().join(NO_DATE), dir.join("draft.md")).unwrap();
    let (code, stdout, _) = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "out.json",
            "draft.md",
        ],
    );
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    assert_eq!(written["files"][0]["path"], "draft.md");
    let before = std::fs::read(dir.join("draft.md")).unwrap();
    for flag in ["--output-file", "--write-baseline"] {
        let (code, _, stderr) = run_in(&dir, &["check", flag, "./draft.md", "draft.md"]);
        assert_eq!(code, Some(2), "{flag}");
        assert!(
            stderr.contains("it is one of the files being linted"),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read(dir.join("draft.md")).unwrap(),
            before,
            "{flag}"
        );
    }
    // A folder walk is checked too.
    let (code, _, _) = run_in(&dir, &["check", "--output-file", "draft.md", "."]);
    assert_eq!(code, Some(2));
    assert_eq!(std::fs::read(dir.join("draft.md")).unwrap(), before);
}

#[test]
fn init_writes_a_starter_configuration_once() {
    let dir = tempdir();
    let (code, _, stderr) = run_in(&dir, &["init"]);
    assert_eq!(code, Some(0), "{stderr}");
    let written = std::fs::read_to_string(dir.join("sdlint.toml")).unwrap();
    assert!(written.contains("# fail-on = \"error\""), "{written}");
    // It is a valid configuration that changes nothing; uncommented, it is the defaults.
    let (code, config, stderr) = run_in(&dir, &["config"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        config
            .lines()
            .skip(1)
            .filter(|l| !l.starts_with('#'))
            .all(|l| l.ends_with("# default")),
        "{config}"
    );
    let uncommented: String = written
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| {
            let key = l.split([' ', '=']).next().unwrap_or("");
            l.starts_with('[')
                || (l.contains(" = ")
                    && key.chars().all(|c| {
                        c.is_ascii_lowercase()
                            || c == '-'
                            || c == '"'
                            || c.is_ascii_uppercase()
                            || c.is_ascii_digit()
                    }))
        })
        .map(|l| format!("{}\n", l.split("  #").next().unwrap()))
        .collect();
    std::fs::write(dir.join("sdlint.toml"), &uncommented).unwrap();
    std::fs::write(dir.join("house-rules.toml"), "").unwrap();
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    std::fs::copy(root().join(NO_DATE), dir.join("archive/old.md")).unwrap();
    let (code, _, stderr) = run_in(&dir, &["config"]);
    assert!(
        code == Some(0) || stderr.contains("house-rules.toml"),
        "{uncommented}\n{stderr}"
    );
    // A second init leaves the file alone.
    std::fs::write(dir.join("sdlint.toml"), "fail-on = \"never\"\n").unwrap();
    let (code, _, stderr) = run_in(&dir, &["init"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("sdlint.toml")).unwrap(),
        "fail-on = \"never\"\n"
    );
}

#[test]
fn folder_walks_leave_out_the_repository_files_and_what_the_configuration_excludes() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("filings/archive")).unwrap();
    std::fs::copy(root().join(NO_DATE), dir.join("filings/draft.md")).unwrap();
    std::fs::copy(root().join(NO_DATE), dir.join("filings/archive/2019.md")).unwrap();
    std::fs::write(
        dir.join("README.md"),
        "Our Conflict Minerals Report drafts live here.\n",
    )
    .unwrap();
    let linted = |dir: &Path, args: &[&str]| -> Vec<String> {
        let (code, out, err) = run_in(dir, &[&["check", "--format", "json"], args].concat());
        assert_ne!(code, Some(2), "{err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect()
    };
    // Without a configuration, the README is left out.
    assert_eq!(
        linted(&dir, &["."]),
        ["./filings/archive/2019.md", "./filings/draft.md"]
    );
    // Named, it is linted.
    assert_eq!(linted(&dir, &["README.md"]), ["README.md"]);
    std::fs::write(
        dir.join("sdlint.toml"),
        "extend-exclude = [\"filings/archive/\"]\n",
    )
    .unwrap();
    assert_eq!(linted(&dir, &["."]), ["./filings/draft.md"]);
    // From inside the folder, the pattern is still relative to the configuration file.
    assert_eq!(linted(&dir.join("filings"), &["."]), ["./draft.md"]);
    std::fs::write(dir.join("sdlint.toml"), "exclude = []\n").unwrap();
    assert_eq!(
        linted(&dir, &["."]),
        [
            "./README.md",
            "./filings/archive/2019.md",
            "./filings/draft.md"
        ]
    );
    std::fs::write(
        dir.join("sdlint.toml"),
        "extend-exclude = [\"archive/{a\"]\n",
    )
    .unwrap();
    let (code, _, err) = run_in(&dir, &["check", "."]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("sdlint.toml:1:") && err.contains("invalid pattern"),
        "{err}"
    );
}

#[test]
fn folder_walks_find_a_file_of_every_extension_sdlint_reads() {
    let dir = tempdir();
    let mut expected = Vec::new();
    for (ext, format) in sdlint::Format::EXTENSIONS {
        let name = format!("draft-{ext}.{}", ext.to_ascii_uppercase());
        if format == sdlint::Format::Docx {
            let docx = sdlint::input::docx::testing::build_docx(
                &sdlint::input::docx::testing::document("<w:p><w:r><w:t>FORM SD</w:t></w:r></w:p>"),
            );
            std::fs::write(dir.join(&name), docx).unwrap();
        } else {
            std::fs::copy(root().join(NO_DATE), dir.join(&name)).unwrap();
        }
        expected.push(format!("./{name}"));
    }
    std::fs::write(dir.join("notes.rtf"), "FORM SD\n").unwrap();
    expected.sort();
    let (code, out, err) = run_in(&dir, &["check", "--format", "json", "."]);
    assert_ne!(code, Some(2), "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut linted: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    linted.sort();
    assert_eq!(linted, expected);
}

#[test]
fn completions_are_printed_for_each_shell() {
    let bash = stdout_of(sdlint().args(["completions", "bash"]));
    assert!(
        bash.contains("check") && bash.contains("--format"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(sdlint().args(["completions", shell]));
        assert!(script.contains("sdlint"), "{shell}: {script}");
    }
    sdlint().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    sdlint()
        .args(["check", "--format", "xml", CLEAN])
        .assert()
        .code(2);
    sdlint().arg("--help").assert().code(0);
    sdlint().arg("--version").assert().code(0);
}

#[test]
fn parse_shows_the_document_tree() {
    let out = stdout_of(sdlint().args(["parse", CLEAN]));
    insta::assert_snapshot!(out);
}

/// A fresh temporary directory under the target directory.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A directory holding `sdlint.toml` with `config` and a copy of `draft` as draft.md.
fn project(config: &str, draft: &str) -> std::path::PathBuf {
    let dir = tempdir();
    std::fs::write(dir.join("sdlint.toml"), config).unwrap();
    std::fs::copy(root().join(draft), dir.join("draft.md")).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn configuration_is_discovered_from_parent_directories() {
    let dir = project("fail-on = \"warning\"\n", WARNINGS_ONLY);
    let sub = dir.join("drafts/2024");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(dir.join("draft.md"), sub.join("draft.md")).unwrap();
    let (code, _, _) = run_in(&sub, &["check", "draft.md"]);
    assert_eq!(code, Some(1), "fail-on = warning from ../../sdlint.toml");
    let (code, _, _) = run_in(&sub, &["check", "--isolated", "draft.md"]);
    assert_eq!(code, Some(0), "--isolated ignores it");
}

#[test]
fn the_command_line_overrides_the_configuration() {
    let dir = project("fail-on = \"warning\"\nignore = [\"SD-SIG\"]\n", NO_DATE);
    let (code, out, _) = run_in(&dir, &["check", "--format", "short", "draft.md"]);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), ""),
        "SD-SIG ignored by the file"
    );
    let (code, out, _) = run_in(
        &dir,
        &[
            "check", "--format", "short", "--ignore", "SD-EXH", "draft.md",
        ],
    );
    assert_eq!(code, Some(1), "--ignore replaces the file's ignore list");
    assert!(out.contains("SD-SIG-005"));
    let (code, _, _) = run_in(
        &dir,
        &[
            "check",
            "--fail-on",
            "never",
            "--ignore",
            "SD-EXH",
            "draft.md",
        ],
    );
    assert_eq!(code, Some(0), "--fail-on beats the file's fail-on");
}

#[test]
fn severity_overrides_and_per_file_ignores_apply() {
    let config = "[severity]\n\"SD-EXH-003\" = \"error\"\n[[per-file]]\nglob = \"archive/**\"\nignore = [\"missing-exhibit-index\"]\n";
    let dir = project(config, WARNINGS_ONLY);
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    std::fs::copy(dir.join("draft.md"), dir.join("archive/old.md")).unwrap();
    let (code, out, _) = run_in(&dir, &["check", "--format", "short", "draft.md", "archive"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("draft.md:71:1: error[SD-EXH-003]"), "{out}");
    assert!(!out.contains("old.md"), "{out}");
}

#[test]
fn extra_closures_move_the_filing_deadline() {
    // Reporting year 2023: the deadline is Friday May 31, 2024; signed Monday June 3.
    let text = std::fs::read_to_string(root().join(CLEAN))
        .unwrap()
        .replace("May 22, 2024", "June 3, 2024");
    let dir = project("", CLEAN);
    std::fs::write(dir.join("draft.md"), &text).unwrap();
    let (code, out, _) = run_in(&dir, &["check", "--format", "short", "draft.md"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("error[XF-003] The signature date June 3, 2024 is after the filing deadline of May 31, 2024"), "{out}");
    std::fs::write(
        dir.join("sdlint.toml"),
        "[calendar]\nextra-closures = [\"2024-05-31\"]\n",
    )
    .unwrap();
    let (code, out, _) = run_in(&dir, &["check", "--format", "short", "draft.md"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
}

#[test]
fn configuration_mistakes_point_into_the_file() {
    let cases = [
        ("unknown_key", "selct = [\"SD\"]\n"),
        ("unknown_rule", "ignore = [\"SD-EXH-003\", \"SD-XYZ\"]\n"),
        ("bad_severity", "[severity]\n\"SD-EXH-003\" = \"fatal\"\n"),
        ("bad_date", "[calendar]\nextra-closures = [\"12/5/2018\"]\n"),
        (
            "bad_glob",
            "[[per-file]]\nglob = \"archive/[\"\nignore = [\"XF-013\"]\n",
        ),
        (
            "glob_matches_nothing",
            "[[per-file]]\nglob = \"*.md\"\nignore = [\"XF-013\"]\n\n[[per-file]]\nglob = \"archve/**\"\nignore = [\"XF-013\"]\n",
        ),
    ];
    for (name, config) in cases {
        let dir = project(config, CLEAN);
        let (code, out, err) = run_in(&dir, &["check", "draft.md"]);
        assert_eq!(code, Some(2), "{name}");
        assert!(out.is_empty(), "{name}");
        let err = err.replace(&dir.display().to_string(), "[dir]");
        insta::assert_snapshot!(format!("config_{name}"), err);
    }
}

#[test]
fn exit_code_flags_decide_between_0_and_1_but_never_hide_2() {
    let code = |args: &[&str]| {
        sdlint()
            .args(["check", "-q", "--format", "short"])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    let warnings = WARNINGS_ONLY; // one warning, no error
    assert_eq!(code(&[warnings]), Some(0));
    assert_eq!(code(&["--fail-on", "warning", warnings]), Some(1));
    assert_eq!(code(&["--max-warnings", "0", warnings]), Some(1));
    assert_eq!(code(&["--max-warnings", "1", warnings]), Some(0));
    assert_eq!(
        code(&["--fail-on", "warning", "--exit-zero", warnings]),
        Some(0)
    );
    assert_eq!(
        code(&["--max-warnings", "0", "--exit-zero", warnings]),
        Some(0)
    );
    assert_eq!(code(&[NO_DATE]), Some(1));
    assert_eq!(code(&["--fail-on", "never", NO_DATE]), Some(0));
    assert_eq!(code(&["--exit-zero", NO_DATE]), Some(0));
    // An input that cannot be read is exit 2 whatever the flags say.
    assert_eq!(code(&["--exit-zero", NO_DATE, "no/such/file.md"]), Some(2));
    assert_eq!(code(&["--max-warnings", "x", NO_DATE]), Some(2));
}

#[test]
fn statistics_count_diagnostics_per_rule() {
    let out = stdout_of(sdlint().args([
        "check",
        "--statistics",
        NO_DATE,
        "tests/fixtures/inputs/warnings_only.md",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].trim_start().starts_with("1  SD-EXH-003"), "{out}");
    assert!(lines[1].trim_start().starts_with("1  SD-SIG-005"), "{out}");
    assert!(lines[2].starts_with("Found 1 error, 1 warning"), "{out}");
    let json = stdout_of(sdlint().args(["check", "--statistics", "--format", "json", NO_DATE]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["rule"], "SD-SIG-005");
    assert_eq!(rows[0]["count"], 1);
}

#[test]
fn config_shows_each_value_and_where_it_came_from() {
    let dir = project(
        "ignore = [\"CMR-FLS-001\"]\nfail-on = \"warning\"\n[severity]\n\"SD-EXH-003\" = \"error\"\n",
        CLEAN,
    );
    // Discovered from a folder below the configuration file.
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    let (code, out, err) = run_in(&dir.join("drafts"), &["config", "--fail-on", "info"]);
    assert_eq!(code, Some(0), "{err}");
    let out = out.replace(&dir.display().to_string(), "[dir]");
    insta::assert_snapshot!("config_effective", out);
    let (_, isolated, _) = run_in(&dir, &["config", "--isolated"]);
    assert!(isolated.contains("no configuration file"), "{isolated}");
    assert!(isolated.contains("fail-on = \"error\""), "{isolated}");
}

#[test]
fn a_baseline_hides_recorded_findings_across_edits_and_reports_new_ones() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::create_dir_all(dir.join("ci")).unwrap();
    let draft = std::fs::read_to_string(root().join(NO_DATE)).unwrap();
    std::fs::write(dir.join("drafts/sd.md"), &draft).unwrap();
    let (code, out, err) = run_in(
        &dir,
        &["check", "--write-baseline", "ci/baseline.json", "drafts"],
    );
    assert_eq!((code, out.as_str()), (Some(0), ""), "{err}");
    assert!(err.contains("wrote 1 findings"), "{err}");
    let baseline = std::fs::read_to_string(dir.join("ci/baseline.json")).unwrap();
    assert!(
        baseline.contains("\"path\": \"../drafts/sd.md\""),
        "{baseline}"
    );

    // Lines added above the finding do not make it new; from another folder, the same.
    let edited = format!("Draft for review.\n\n{draft}");
    std::fs::write(dir.join("drafts/sd.md"), &edited).unwrap();
    let (code, out, _) = run_in(
        &dir.join("drafts"),
        &[
            "check",
            "-q",
            "--format",
            "short",
            "--baseline",
            "../ci/baseline.json",
            "sd.md",
        ],
    );
    assert_eq!((code, out.as_str()), (Some(0), ""));

    // A new finding is reported, the recorded one still is not.
    let worse = edited.replace("001-41872\n", "\n");
    std::fs::write(dir.join("drafts/sd.md"), worse).unwrap();
    let (code, out, _) = run_in(
        &dir,
        &[
            "check",
            "-q",
            "--format",
            "short",
            "--baseline",
            "ci/baseline.json",
            "drafts",
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("SD-COVER-005"), "{out}");
    assert!(!out.contains("SD-SIG-005"), "{out}");

    // A broken baseline is an error, not an empty one.
    std::fs::write(dir.join("ci/baseline.json"), "{\"version\": 1}").unwrap();
    let (code, _, err) = run_in(&dir, &["check", "--baseline", "ci/baseline.json", "drafts"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not an sdlint baseline"), "{err}");
}

#[test]
fn the_readme_configuration_example_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    for (block, file) in blocks.iter().zip(["sdlint.toml", "house-rules.toml"]) {
        let shipped = std::fs::read_to_string(root().join("examples").join(file)).unwrap();
        assert_eq!(*block, shipped, "README's example of examples/{file}");
    }
    let examples = root().join("examples");
    let config = stdout_of(sdlint().current_dir(&examples).arg("config"));
    // Every value is set by the file, but `exclude`, which extend-exclude adds to.
    assert!(
        !config
            .lines()
            .any(|l| l.ends_with("# default") && !l.starts_with("exclude =")),
        "every value is set by the file: {config}"
    );
    // fail-on = "warning": the example draft fails, and the house rule ran on it.
    let out = stdout_of(sdlint().current_dir(&examples).args([
        "check",
        "--format",
        "short",
        "draft-form-sd.md",
    ]));
    assert!(out.contains("HOUSE-001"), "{out}");
    sdlint()
        .current_dir(&examples)
        .args(["check", "draft-form-sd.md"])
        .assert()
        .code(1);
}

/// The `run: |` scripts of the repository's `action.yml` steps, by step name.
fn action_scripts() -> Vec<(String, String)> {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let lines: Vec<&str> = action.lines().collect();
    let mut scripts = Vec::new();
    let mut name = String::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(step) = line.trim_start().strip_prefix("- name: ") {
            name = step.to_owned();
        }
        if line.trim_start() == "run: |" {
            let indent = line.len() - line.trim_start().len();
            let body: Vec<&str> = lines[i + 1..]
                .iter()
                .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
                .map(|l| l.get(indent + 2..).unwrap_or(""))
                .collect();
            scripts.push((name.clone(), body.join("\n")));
        }
    }
    scripts
}

#[test]
fn the_github_action_runs_as_written() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(action.contains("cargo install --locked --path"), "{action}");
    let scripts = action_scripts();
    let script = |name: &str| {
        scripts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("no step {name} in action.yml"))
    };
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("filings")).unwrap();
    std::fs::copy(root().join(NO_DATE), dir.join("filings/draft.md")).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("sdlint");
    let run = |name: &str, args: &str| {
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg(script(name))
            .current_dir(&dir)
            .env("SDLINT", &binary)
            .env("PATHS", "filings")
            .env("ARGS", args)
            .env("SARIF", "sdlint.sarif")
            .env("GITHUB_OUTPUT", dir.join("github-output"))
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    // The SARIF step writes the report and passes whatever it found.
    let (code, _) = run("Write the SARIF report", "");
    assert_eq!(code, Some(0));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sdlint.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let outputs = std::fs::read_to_string(dir.join("github-output")).unwrap();
    assert!(outputs.contains("file=sdlint.sarif"), "{outputs}");
    // The annotations step fails on the missing date, and takes extra arguments.
    let (code, out) = run("Lint the filings", "");
    assert_eq!(code, Some(1));
    assert!(out.contains("::error file=filings/draft.md"), "{out}");
    let (code, _) = run("Lint the filings", "--fail-on never");
    assert_eq!(code, Some(0));
}
