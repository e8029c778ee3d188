//! Property tests: whatever bytes sdlint is given, under whatever name, it never panics, and
//! every diagnostic it reports points inside the text it read and inside the file.
//!
//! Inputs are arbitrary bytes, arbitrary Unicode (control characters, bidi marks, combining
//! characters, markup), and real filings mutated line by line, truncated at any byte, with HTML
//! tags inserted or removed, and rebuilt as Word documents. Each case is bounded in size, so
//! that a case that never finished would show as a test that never ends; the case counts are
//! set so that the whole file runs in seconds in a debug build on two cores.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use sdlint::input::docx::testing::{build_docx, document};
use sdlint::span::TextRange;
use sdlint::{Report, RuleSet, input, render};

/// The extensions every input is read under ("" is a name without one).
const EXTENSIONS: [&str; 5] = ["txt", "md", "htm", "docx", ""];

/// The largest generated input, in bytes or characters.
const MAX_LEN: usize = 2048;

fn rules() -> &'static (RuleSet, Vec<bool>) {
    static RULES: OnceLock<(RuleSet, Vec<bool>)> = OnceLock::new();
    RULES.get_or_init(|| {
        let rules = common::builtin();
        let enabled = vec![true; rules.rules.len()];
        (rules, enabled)
    })
}

/// `cases` cases per property, or `PROPTEST_CASES` when set, for a longer hunt:
/// `PROPTEST_CASES=5000 cargo test --release --test properties`.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        max_shrink_iters: 256,
        ..Config::default()
    }
}

/// Reads `bytes` as the file `name` and lints it with every built-in rule. An input sdlint
/// refuses is fine; one it reads must give diagnostics that point inside it. `file_len` is
/// the length the diagnostics' `bytes` must lie in (`word/document.xml` for a Word document).
fn check_named(name: &str, bytes: &[u8], file_len: usize) -> Result<(), TestCaseError> {
    let Ok(file) = input::from_bytes(PathBuf::from(name), bytes) else {
        return Ok(());
    };
    let (rules, enabled) = rules();
    let report = sdlint::lint(file, rules, enabled);
    check_report(&report, file_len)?;
    // Rendering reads the snippets at those ranges: it must not panic either.
    let human = render::human(std::slice::from_ref(&report), false, true);
    prop_assert!(!human.is_empty() || report.diagnostics.is_empty());
    let json: serde_json::Value = serde_json::from_str(&render::json(&[report], &[]))
        .map_err(|e| TestCaseError::fail(format!("the JSON output is invalid: {e}")))?;
    prop_assert_eq!(&json["version"], 1);
    Ok(())
}

/// The findings of every built-in rule on `bytes` read as `name`, as comparable lines.
fn findings(name: &str, bytes: &[u8], scan_everything: bool) -> Vec<String> {
    let Ok(file) = input::from_bytes(PathBuf::from(name), bytes) else {
        return Vec::new();
    };
    let (rules, enabled) = rules();
    let settings = sdlint::rules::Settings {
        scan_everything,
        ..Default::default()
    };
    let report = sdlint::lint_with(file, rules, enabled, &settings, Default::default());
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.rule, d.primary.range, d.message))
        .collect()
}

/// Scanning the document for the patterns' literals first only skips work: the findings are
/// those of running every pattern everywhere.
fn check_scan_changes_nothing(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    prop_assert_eq!(findings(name, bytes, false), findings(name, bytes, true));
    Ok(())
}

#[test]
fn the_literal_scan_changes_no_finding_on_any_seed_or_rule_fixture() {
    let files = walk(&common::root().join("tests/fixtures/rules"));
    let mut checked = 0;
    for (name, bytes) in seeds() {
        check_scan_changes_nothing(name, bytes).unwrap();
        checked += 1;
    }
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        check_scan_changes_nothing(&name, &bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files were compared");
}

/// Every file under `dir`, sorted.
fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e != "toml") {
            found.push(path);
        }
    }
    found
}

/// Reads `bytes` under every extension.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    for ext in EXTENSIONS {
        let name = if ext.is_empty() {
            "input".to_owned()
        } else {
            format!("input.{ext}")
        };
        check_named(&name, bytes, bytes.len())?;
    }
    Ok(())
}

fn check_report(report: &Report, file_len: usize) -> Result<(), TestCaseError> {
    let source = &report.source;
    for d in &report.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let what = format!("{} {:?} in {} bytes of text", d.rule, label, source.len());
            check_range(source, label.range, &what)?;
            prop_assert!(label.bytes.start <= label.bytes.end, "{}", what);
            prop_assert!(
                label.bytes.end() <= file_len,
                "{} points past the file's {} bytes",
                what,
                file_len
            );
            prop_assert!(label.start.line >= 1 && label.start.column >= 1, "{}", what);
            prop_assert!(
                (label.start.line, label.start.column) <= (label.end.line, label.end.column),
                "{} ends before it starts",
                what
            );
        }
    }
    Ok(())
}

fn check_range(text: &str, range: TextRange, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(range.start <= range.end, "{} is inverted", what);
    prop_assert!(range.end() <= text.len(), "{} is out of the text", what);
    prop_assert!(
        text.is_char_boundary(range.start()) && text.is_char_boundary(range.end()),
        "{} splits a character",
        what
    );
    Ok(())
}

/// Characters that stress decoding, markup removal, line handling and column counting.
const AWKWARD: &[char] = &[
    '\0',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}',
    '\u{200b}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202e}',
    '\u{2028}',
    '\u{2029}',
    '\u{2066}',
    '\u{feff}',
    '\u{fffd}',
    '\u{301}',
    '\u{308}',
    '\u{20dd}',
    '\u{1f600}',
    'é',
    'ß',
    'İ',
    'ﬁ',
    'Å',
    '\u{2013}',
    '\u{2014}',
    '\u{201c}',
    '\u{201d}',
    '\u{2019}',
    '<',
    '>',
    '&',
    ';',
    '#',
    '|',
    '*',
    '_',
    '`',
    '[',
    ']',
    '(',
    ')',
    '-',
    '!',
    '\\',
    '"',
    '\'',
    '/',
    '=',
];

/// Pieces of filings and markup, so that random text reaches the parser's interesting states.
const WORDS: &[&str] = &[
    "FORM SD",
    "SPECIALIZED DISCLOSURE REPORT",
    "Item 1.01",
    "Item 1.02",
    "Item 2.01",
    "Item 3.01",
    "Section 1",
    "Conflict Minerals Disclosure",
    "Conflict Minerals Report",
    "Exhibit 1.01",
    "EXHIBIT INDEX",
    "SIGNATURES",
    "/s/ Jane Doe",
    "Chief Executive Officer",
    "May 31, 2024",
    "January 1 to December 31, 2023",
    "Rule 13p-1",
    "Commission File Number",
    "001-12345",
    "12-3456789",
    "tin, tantalum, tungsten and gold",
    "Democratic Republic of the Congo",
    "OECD Due Diligence Guidance",
    "Step 1",
    "smelter",
    "RMI",
    "CID001234",
    "DRC conflict free",
    "| Metal | Smelter | Country |",
    "|---|---|---|",
    "# ",
    "**",
    "<p>",
    "</p>",
    "<br>",
    "<table><tr><td>",
    "</td><td>",
    "</td></tr></table>",
    "<!-- sdlint-disable-next-line SD-SIG-005 -- reason -->",
    "<!-- sdlint-disable CMR",
    "-->",
    "<!-- sdlint-enable -->",
    "<script>",
    "<pre>",
    "&amp;",
    "&#8220;",
    "&#x0;",
    "&#150;",
    "&nbsp;",
    "&bogus;",
    "<html>",
    "<!DOCTYPE html>",
    "<DOCUMENT>",
    "<TYPE>SD",
    "ACCESSION NUMBER:",
    "FILED AS OF DATE:\t20240530",
    "CONFORMED SUBMISSION TYPE:\tSD",
    "https://example.com/cmr",
    "www.",
];

/// A piece of arbitrary text: any character, an awkward one, a filing word or a line break.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<char>().prop_map(String::from),
        3 => prop::sample::select(AWKWARD).prop_map(String::from),
        3 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => Just("\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        2 => "[ a-zA-Z0-9.,]{1,12}",
    ]
}

fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..MAX_LEN / 8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arbitrary_bytes_never_break_the_pipeline(bytes in prop::collection::vec(any::<u8>(), 0..MAX_LEN)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn arbitrary_unicode_never_breaks_the_pipeline(text in unicode_text()) {
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn arbitrary_text_after_the_sniffed_start_never_breaks_the_pipeline(text in unicode_text()) {
        // Past the first 8 KB, NUL and other control characters are read, not refused.
        let mut bytes = prelude().to_vec();
        bytes.extend_from_slice(text.as_bytes());
        check_named("input.md", &bytes, bytes.len())?;
    }

    #[test]
    fn arbitrary_text_in_a_word_document_never_breaks_the_pipeline(text in unicode_text()) {
        let xml = word_document(&text);
        check_named("input.docx", &build_docx(&xml), xml.len())?;
    }
}

/// A filing longer than the part of a file that decides whether it is binary.
fn prelude() -> &'static [u8] {
    static PRELUDE: OnceLock<Vec<u8>> = OnceLock::new();
    PRELUDE.get_or_init(|| {
        let clean = std::fs::read(common::root().join("tests/fixtures/inputs/clean.md"))
            .expect("the clean filing");
        let mut text = clean.clone();
        while text.len() <= 8192 {
            text.extend_from_slice(&clean);
        }
        text
    })
}

/// The real filings the mutations start from: the input fixtures, the draft in Markdown and
/// HTML, and the shared corpus when it is there.
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = common::root();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/inputs"))
            .expect("the input fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        paths.push(root.join("tests/fixtures/inputs/formats/draft.md"));
        paths.push(root.join("tests/fixtures/inputs/formats/draft.htm"));
        paths.extend(common::corpus_seeds().unwrap_or_default());
        paths
            .into_iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).expect("a seed is readable"))
            })
            .collect()
    })
}

/// One change to a filing's lines.
#[derive(Debug, Clone)]
enum Edit {
    /// Delete `len` lines from the line at `at` (a fraction of the line count, in 0..1000).
    Delete { at: usize, len: usize },
    /// Repeat `len` lines from `at`.
    Duplicate { at: usize, len: usize },
    /// Reorder a window of lines from `at` by these swaps.
    Shuffle {
        at: usize,
        swaps: Vec<(usize, usize)>,
    },
    /// Move `len` lines from `at` to `to`.
    Move { at: usize, len: usize, to: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0..1000usize;
    prop_oneof![
        (at.clone(), 1..20usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (at.clone(), 1..8usize).prop_map(|(at, len)| Edit::Duplicate { at, len }),
        (
            at.clone(),
            prop::collection::vec((0..12usize, 0..12usize), 1..12)
        )
            .prop_map(|(at, swaps)| Edit::Shuffle { at, swaps }),
        (at.clone(), 1..10usize, at).prop_map(|(at, len, to)| Edit::Move { at, len, to }),
    ]
}

/// The lines of `bytes` (each with its line break) after `edits`, joined again. Lines are cut
/// at `\n` bytes, so a filing in any ASCII-compatible encoding keeps its encoding.
fn apply(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    for edit in edits {
        let n = lines.len();
        if n == 0 {
            break;
        }
        let pos = |fraction: usize| fraction * n / 1000;
        match *edit {
            Edit::Delete { at, len } => {
                let at = pos(at);
                lines.drain(at..(at + len).min(n));
            }
            Edit::Duplicate { at, len } => {
                let at = pos(at);
                let copy = lines[at..(at + len).min(n)].to_vec();
                lines.splice(at..at, copy);
            }
            Edit::Shuffle { at, ref swaps } => {
                let at = pos(at);
                let window = &mut lines[at..(at + 12).min(n)];
                for &(a, b) in swaps {
                    let len = window.len();
                    window.swap(a % len, b % len);
                }
            }
            Edit::Move { at, len, to } => {
                let at = pos(at);
                let moved: Vec<&[u8]> = lines.drain(at..(at + len).min(n)).collect();
                let to = to * lines.len() / 1000;
                lines.splice(to..to, moved);
            }
        }
    }
    lines.concat()
}

/// A seed, by its file name (which is what a failing case prints).
fn seed() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        seeds()
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>(),
    )
}

fn seed_bytes(name: &str) -> &'static [u8] {
    &seeds().iter().find(|(n, _)| n == name).expect("a seed").1
}

/// Where to cut or insert, as a fraction of the length (0..=10_000).
fn fraction() -> impl Strategy<Value = usize> {
    0..=10_000usize
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn edited_filings_keep_their_diagnostics_in_place(
        seed in seed(),
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let edited = apply(seed_bytes(seed), &edits);
        check_named(seed, &edited, edited.len())?;
    }

    #[test]
    fn the_literal_scan_changes_no_finding_in_edited_filings(
        seed in seed(),
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let edited = apply(seed_bytes(seed), &edits);
        check_scan_changes_nothing(seed, &edited)?;
    }

    #[test]
    fn truncated_filings_keep_their_diagnostics_in_place(seed in seed(), cut in fraction()) {
        // Any byte: a cut in the middle of a UTF-8 sequence leaves a broken one at the end.
        let (name, bytes) = (seed, seed_bytes(seed));
        let cut = &bytes[..cut * bytes.len() / 10_000];
        check_named(name, cut, cut.len())?;
        check_named("input", cut, cut.len())?;
    }

    #[test]
    fn edited_filings_in_a_word_document_keep_their_diagnostics_in_place(
        seed in seed(),
        edits in prop::collection::vec(edit(), 0..4),
    ) {
        // Word documents are UTF-8: the Windows-1252 HTML draft's dashes become U+FFFD.
        let text = String::from_utf8_lossy(&apply(seed_bytes(seed), &edits)).into_owned();
        let xml = word_document(&text);
        check_named("input.docx", &build_docx(&xml), xml.len())?;
    }
}

/// One change to the markup of an HTML filing.
#[derive(Debug, Clone)]
enum TagEdit {
    /// Insert a tag at this fraction of the file, at any byte (even inside a character).
    Insert { at: usize, tag: &'static str },
    /// Remove the `n`th tag (modulo the number of tags).
    Remove { n: usize },
}

const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<br/>",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th colspan=2>",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<style>",
    "<head>",
    "</head>",
    "<title>",
    "<!--",
    "-->",
    "<!-- sdlint-disable -->",
    "<!DOCTYPE html>",
    "<?xml version=\"1.0\"?>",
    "<b title=\"unclosed>",
    "<font size='2'>",
    "</font>",
    "<li>",
    "<h1>",
    "<img src=x>",
    "<",
    ">",
    "&",
    "&#",
    "&#x110000;",
    "<TEXT>",
    "<DOCUMENT>",
];

fn tag_edit() -> impl Strategy<Value = TagEdit> {
    prop_oneof![
        (fraction(), prop::sample::select(TAGS)).prop_map(|(at, tag)| TagEdit::Insert { at, tag }),
        any::<usize>().prop_map(|n| TagEdit::Remove { n }),
    ]
}

fn apply_tags(html: &[u8], edits: &[TagEdit]) -> Vec<u8> {
    let mut html = html.to_vec();
    for edit in edits {
        match *edit {
            TagEdit::Insert { at, tag } => {
                let at = at * html.len() / 10_000;
                html.splice(at..at, tag.bytes());
            }
            TagEdit::Remove { n } => {
                let tags: Vec<(usize, usize)> = html
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'<')
                    .filter_map(|(start, _)| {
                        let len = html[start..].iter().position(|&b| b == b'>')?;
                        Some((start, start + len + 1))
                    })
                    .collect();
                if let Some(&(start, end)) = tags.get(n % tags.len().max(1)) {
                    html.drain(start..end);
                }
            }
        }
    }
    html
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn html_with_tags_inserted_and_removed_keeps_its_diagnostics_in_place(
        edits in prop::collection::vec(tag_edit(), 1..12),
    ) {
        let html = seed_bytes("draft.htm");
        let edited = apply_tags(html, &edits);
        check_named("draft.htm", &edited, edited.len())?;
        // The same bytes named .txt are still recognised as HTML when they start as a page does.
        check_named("draft.txt", &edited, edited.len())?;
    }
}

/// `text` as `word/document.xml`: one paragraph per line, a tab-separated line as a table row,
/// with runs split at random-looking places and the characters XML cannot hold dropped.
fn word_document(text: &str) -> String {
    let esc = |s: &str| {
        s.chars()
            .filter(|&c| c == '\t' || !c.is_control() && c != '\u{fffe}' && c != '\u{ffff}')
            .collect::<String>()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    for (i, line) in text.lines().enumerate() {
        if line.contains('\t') {
            body.push_str("<w:tbl><w:tr>");
            for cell in line.split('\t') {
                body.push_str(&format!(
                    "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                    esc(cell)
                ));
            }
            body.push_str("</w:tr></w:tbl>");
            continue;
        }
        // Split the paragraph into two runs, with a tab or a break between them now and then.
        let split = (0..=line.len() / 2)
            .rev()
            .find(|&at| line.is_char_boundary(at))
            .unwrap_or(0);
        let (a, b) = line.split_at(split);
        let between = match i % 5 {
            0 => "<w:r><w:tab/></w:r>",
            1 => "<w:r><w:br/></w:r>",
            2 => "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>",
            _ => "",
        };
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>{between}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(a),
            esc(b)
        ));
    }
    document(&body)
}
