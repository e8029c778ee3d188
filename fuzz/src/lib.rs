//! What each fuzz target does with its input, and the invariants it checks (a violation
//! panics). The targets in `fuzz_targets/` call these; `tests/fuzz_regressions.rs` includes
//! this file to replay the inputs the fuzzers found on stable, in the normal test suite.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sdlint::input::docx::{self, testing};
use sdlint::span::TextRange;
use sdlint::{Error, Format, Report, RuleSet};

/// The file names the first byte of an `input` chooses between: one per format, and none.
const NAMES: [&str; 5] = ["draft.txt", "draft.md", "draft.htm", "draft.docx", "stdin"];

/// A short filing for the rules of a fuzzed pack to run over.
const FILING: &str = include_str!("../../tests/fixtures/grammar/run_together.txt");

/// The built-in rules, compiled once.
fn builtin() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("the built-in rules compile"))
}

/// `input`: a whole file, read under the name its first byte chooses, linted with every
/// built-in rule and rendered; every diagnostic points inside the text it is shown against.
pub fn input(data: &[u8]) {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(choice) % NAMES.len()];
    let Ok(file) = sdlint::input::from_bytes(PathBuf::from(name), bytes) else {
        return;
    };
    let rules = builtin();
    let report = sdlint::lint(file, rules, &vec![true; rules.rules.len()]);
    check_report(&report, bytes.len());
    // The renderers slice the source with these ranges: they must not panic either.
    let reports = [report];
    let _ = sdlint::render::human(&reports, false, false);
    let _ = sdlint::render::short(&reports);
}

/// Every label's range lies in `report.source` on character boundaries, and (but for Word,
/// whose bytes are those of `word/document.xml`) its bytes lie in the file.
fn check_report(report: &Report, file_len: usize) {
    let source = &report.source;
    for d in &report.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let r = label.range;
            assert!(
                r.end() <= source.len()
                    && source.is_char_boundary(r.start())
                    && source.is_char_boundary(r.end()),
                "{}: range {r:?} not on character boundaries of the source ({} bytes)",
                d.rule,
                source.len()
            );
            let b = label.bytes;
            assert!(b.start <= b.end, "{}: inverted bytes {b:?}", d.rule);
            assert!(
                report.format == Format::Docx || b.end() <= file_len,
                "{}: bytes {b:?} outside the file ({file_len} bytes)",
                d.rule
            );
            assert!(
                label.start.line >= 1 && label.start.column >= 1,
                "{}: position {:?} not 1-based",
                d.rule,
                label.start
            );
        }
    }
}

/// `html`: every character of the extracted text maps to a range of the markup on character
/// boundaries, and comments lie in the markup.
pub fn html(html: &str) {
    let page = sdlint::input::html::extract(html);
    for (at, c) in page.text.char_indices() {
        let r = page.map.to_source(TextRange::new(at, at + c.len_utf8()));
        assert!(
            within(html, r),
            "{c:?} at {at} maps to {r:?}, not on character boundaries of the HTML ({} bytes)",
            html.len()
        );
    }
    for comment in &page.comments {
        assert!(
            within(html, comment.source),
            "comment at {:?}",
            comment.source
        );
        assert!(
            comment.at as usize <= page.text.len(),
            "comment at {}",
            comment.at
        );
    }
}

/// `docx`: the input as the body of a well-formed archive (the XML walker), then as a whole
/// archive (the zip reader and its limits); either extracted or refused, never a panic.
pub fn docx(data: &[u8]) {
    let xml = testing::document(&String::from_utf8_lossy(data));
    if let Ok(word) = docx::extract(&testing::build_docx(&xml)) {
        check_word(&word, xml.len());
    }
    if let Ok(word) = docx::extract(data) {
        check_word(&word, usize::MAX);
    }
}

/// The text maps into `word/document.xml` (`xml_len` bytes); paragraphs start, in order, on
/// character boundaries of the text.
fn check_word(word: &docx::Extracted, xml_len: usize) {
    let text = &word.text;
    for (at, c) in text.char_indices() {
        let r = word.map.to_source(TextRange::new(at, at + c.len_utf8()));
        assert!(r.end() <= xml_len, "{c:?} at {at} maps to {r:?}");
    }
    assert!(
        word.paragraphs.is_sorted()
            && word
                .paragraphs
                .iter()
                .all(|&p| text.is_char_boundary(p as usize)),
        "paragraph starts {:?} out of order or outside the text",
        word.paragraphs
    );
}

/// `parse`: normalisation maps into the source, and parsing is total, with lines in order and
/// lines and scopes on character boundaries of the text.
pub fn parse(src: &str) {
    let normalized = sdlint::normalize::normalize(src);
    for (at, c) in normalized.text.char_indices() {
        let r = normalized
            .map
            .to_source(TextRange::new(at, at + c.len_utf8()));
        assert!(r.end() <= src.len(), "{c:?} at {at} maps to {r:?}");
    }
    let len = normalized.text.len();
    let doc = sdlint::parse::parse(normalized.text);
    assert_eq!(doc.text.len(), len, "the document holds another text");
    let mut last_end = 0;
    for line in &doc.lines {
        assert!(within(&doc.text, line.range), "line {:?}", line.range);
        assert!(
            line.range.start() >= last_end,
            "lines overlap at {:?}",
            line.range
        );
        last_end = line.range.end();
    }
    for scope in &doc.scopes {
        assert!(within(&doc.text, scope.range), "scope {:?}", scope.range);
    }
}

/// `rules`: the text as a rule pack, then as a configuration file; loaded, or refused with an
/// error pointing into the text. A pack that loads is run over a small filing; a configuration
/// that parses is checked against the built-in rules.
pub fn rules(text: &str) {
    let mut rules = RuleSet::default();
    match rules.add_pack(Path::new("pack.toml"), text) {
        Ok(()) => {
            let file = sdlint::input::from_bytes("draft.txt".into(), FILING.as_bytes())
                .expect("the filing reads");
            let report = sdlint::lint(file, &rules, &vec![true; rules.rules.len()]);
            check_report(&report, FILING.len());
        }
        Err(Error::RuleFile { text: t, span, .. }) => check_span(text, &t, &span),
        Err(other) => panic!("a pack error that points nowhere: {other}"),
    }
    match sdlint::config::Config::parse(Path::new("sdlint.toml"), text.to_owned()) {
        // Not `check_globs`, which walks the file system.
        Ok(config) => {
            match config.validate(builtin()) {
                Ok(()) => {}
                Err(Error::Config { text: t, span, .. }) => check_span(text, &t, &span),
                Err(other) => panic!("a configuration error that points nowhere: {other}"),
            }
            let _ = config.ignored_for(Path::new("filings/2024/draft.htm"));
            let _ = config.line_of("select");
        }
        Err(Error::Config { text: t, span, .. }) => check_span(text, &t, &span),
        Err(other) => panic!("a configuration error that points nowhere: {other}"),
    }
}

/// An error's span lies in the text it carries, which is the input, on character boundaries
/// (the CLI shows it with a snippet of those lines).
fn check_span(input: &str, text: &str, span: &Range<usize>) {
    assert_eq!(input, text, "the error carries another text");
    assert!(
        span.start <= span.end && within(text, TextRange::new(span.start, span.end)),
        "span {span:?} not on character boundaries of the text ({} bytes)",
        text.len()
    );
}

/// Whether `r` lies in `text` and starts and ends on character boundaries.
fn within(text: &str, r: TextRange) -> bool {
    r.end() <= text.len() && text.is_char_boundary(r.start()) && text.is_char_boundary(r.end())
}
