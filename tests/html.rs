//! The HTML review report: a snapshot of the report on one small filing, what it must and must
//! not contain, and a corpus filing's report loaded in headless Chromium when it is installed.

mod common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{builtin, corpus_seeds, lint_file, root};
use sdlint::rules::RuleMeta;
use sdlint::{RuleSet, render};

/// An HTML draft with a finding of each severity, one with a second place, and a table.
const DRAFT_HTM: &str = "tests/fixtures/inputs/formats/draft.htm";
const SELECT: [&str; 5] = [
    "SD-SIG-005",
    "SD-EXH-003",
    "XF-011",
    "SD-ITEM101-004",
    "CMR-SMELT-005",
];
const DOCS_URL: &str = "https://sdlint.example/docs/rules.md";

fn ran(rules: &RuleSet) -> Vec<&RuleMeta> {
    rules
        .rules
        .iter()
        .map(|r| &r.meta)
        .filter(|m| SELECT.contains(&m.id.as_str()))
        .collect()
}

fn draft_report(rules: &RuleSet) -> String {
    let report = lint_file(rules, &root().join(DRAFT_HTM), &SELECT);
    render::html(&[report], &ran(rules), DOCS_URL)
}

#[test]
fn the_report_on_one_filing() {
    let rules = builtin();
    insta::assert_snapshot!("html_report", draft_report(&rules));
}

#[test]
fn every_finding_is_in_the_table_marked_in_the_text_and_explained() {
    let rules = builtin();
    let report = lint_file(&rules, &root().join(DRAFT_HTM), &SELECT);
    let html = render::html(std::slice::from_ref(&report), &ran(&rules), DOCS_URL);
    for (n, d) in report.diagnostics.iter().enumerate() {
        let id = format!("finding-1-{}", n + 1);
        assert!(html.contains(&format!("href=\"#{id}\"")), "{id} is linked");
        assert!(html.contains(&format!("id=\"{id}\"")), "{id} has a note");
        assert!(
            html.contains(&format!("id=\"rule-{}\"", d.rule)),
            "{}",
            d.rule
        );
        assert!(html.contains(&format!("{DOCS_URL}#{}", d.rule.to_ascii_lowercase())));
    }
    // Info findings are folded.
    assert!(html.contains("<details class=\"note info\""));
    // Nothing is loaded from elsewhere, and the document's own text is escaped.
    for outside in ["<script", "<link", " src=", "@import", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }
    let hostile = common::lint_text(
        &rules,
        "hostile.md",
        "FORM SD\n\n<script>alert(1)</script> & more\n\nSIGNATURES\n",
        &["SD-SIG-005"],
    );
    let html = render::html(&[hostile], &ran(&rules), DOCS_URL);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
}

#[test]
fn a_run_with_no_findings_says_so() {
    let rules = builtin();
    let clean = lint_file(
        &rules,
        &root().join("tests/fixtures/inputs/clean.md"),
        &SELECT,
    );
    assert!(clean.diagnostics.is_empty());
    let html = render::html(&[clean], &ran(&rules), DOCS_URL);
    assert!(html.contains("No problems found in 1 file"));
    assert!(html.contains("No findings. Show the text sdlint read"));
    assert!(!html.contains("The rules behind the findings"));
}

/// Chromium, when it is on the PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs `command`, giving up after `limit`; its standard output.
fn output_within(mut command: StdCommand, limit: Duration) -> String {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    while child.try_wait().expect("chromium runs").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("the reader thread ends")
}

#[test]
fn a_corpus_report_loads_in_chromium() {
    let Some(seeds) = corpus_seeds() else {
        eprintln!("skipped: no corpus at ../shared/corpus/seeds");
        return;
    };
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not on the PATH");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    let run = Command::cargo_bin("sdlint")
        .expect("the binary is built")
        .args(["check", "--format", "html", "--output-file"])
        .arg(&page)
        .arg(&seeds[0])
        .output()
        .unwrap();
    assert_ne!(run.status.code(), Some(2), "{run:?}");
    let mut command = StdCommand::new(browser);
    command
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("file://{}", page.display()));
    let dom = output_within(command, Duration::from_secs(120));
    assert!(dom.contains("<table class=\"findings\">"), "{dom:.500}");
    assert!(dom.contains("<mark class=\"hl "), "no highlighted span");
    assert!(dom.contains("id=\"finding-1-1\""));
}

#[test]
fn the_documents_of_a_filing_are_listed_together_and_linked() {
    // A Form SD with its report and audit report, the report of another year than the cover.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-filing");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = root().join("tests/fixtures/filings/with-audit");
    for name in ["form-sd.md", "ex1-01.md", "ex1-02.md"] {
        let text = std::fs::read_to_string(fixture.join(name)).unwrap();
        let text = if name == "ex1-01.md" {
            text.replacen("December 31, 2023", "December 31, 2022", 1)
        } else {
            text
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    let output = Command::cargo_bin("sdlint")
        .unwrap()
        .current_dir(&dir)
        .args(["check", ".", "--format", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8(output.stdout).unwrap();

    assert!(
        html.contains("<h2>Filings and their documents</h2>"),
        "{html}"
    );
    assert!(html.contains(">Filing 1: 3 documents</th>"), "{html}");
    // In reading order: the Form SD (the third file of the run), then its exhibits.
    let row = |name: &str| html.find(&format!(">./{name}</a></td>")).unwrap();
    assert!(row("form-sd.md") < row("ex1-01.md") && row("ex1-01.md") < row("ex1-02.md"));
    // The report's year is checked against the cover's, which is linked in the Form SD's view.
    let related = "<ul class=\"related\"><li><a href=\"#file-3-text-";
    let at = html.find(related).expect("a place in the Form SD") + related.len() - 12;
    let id: String = html[at..].chars().take_while(|c| *c != '"').collect();
    assert!(id.starts_with("file-3-text-"), "{id}");
    assert!(
        html.contains(&format!("id=\"{id}\"")),
        "{id} is a line of the page"
    );
    assert!(html.contains("./form-sd.md, line 29</a>: the cover states reporting year 2023"));
    let _ = std::fs::remove_dir_all(&dir);
}
