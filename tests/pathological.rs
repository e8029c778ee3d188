//! Pathological inputs, made at test time: a 10 MB line, NUL bytes past the part of a file
//! that is sniffed, a table of many rows, rule packs with huge or backtracking-prone regexes,
//! and thousands of rules. Each must be linted (or refused) cleanly: no panic, no hang, and
//! diagnostics inside the file. Timings are measured by hand in release (see the comments),
//! never asserted.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sdlint::error::Error;
use sdlint::{Report, RuleSet, input, render};

fn builtin() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(common::builtin)
}

/// Reads `bytes` as `name` and lints it with every rule of `rules`.
fn lint(rules: &RuleSet, name: &str, bytes: &[u8]) -> Report {
    let file = input::from_bytes(PathBuf::from(name), bytes).expect("the input is read");
    let report = sdlint::lint(file, rules, &vec![true; rules.rules.len()]);
    for d in &report.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let range = label.range;
            assert!(range.start <= range.end && range.end() <= report.source.len());
            assert!(report.source.is_char_boundary(range.start()));
            assert!(report.source.is_char_boundary(range.end()));
            assert!(label.bytes.end() <= bytes.len(), "{d:?}");
        }
    }
    report
}

/// A line of filing words, `len` bytes long, without a line break.
fn long_line(len: usize) -> String {
    let words = [
        "Form", "SD", "the", "conflict", "minerals", "report", "Item", "1.01", "tin", "gold",
        "smelter", "Congo", "2023", "and", "of", "<", "&amp;", "|",
    ];
    let mut line = String::with_capacity(len + 16);
    let mut i = 0usize;
    while line.len() < len {
        line.push_str(words[i.wrapping_mul(2_654_435_761) % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.truncate(len);
    line
}

// About 0.2 s in release, 2 s in a debug build.
#[test]
fn a_ten_megabyte_line_of_text_is_linted() {
    let line = long_line(10 << 20);
    let report = lint(builtin(), "line.txt", line.as_bytes());
    assert_eq!(report.source.len(), line.len());
}

// About 0.4 s in release, 4 s in a debug build.
#[test]
fn a_ten_megabyte_line_of_html_is_linted() {
    let html = format!("<html><body><p>{}</p></body></html>", long_line(10 << 20));
    let report = lint(builtin(), "line.htm", html.as_bytes());
    assert!(report.source.len() > 10_000_000);
    // Markup without a line break, where every tag breaks the text's line.
    let tags = "<b>Form SD</b><br>".repeat(100_000);
    let report = lint(builtin(), "tags.htm", tags.as_bytes());
    assert_eq!(report.source.lines().count(), 100_000);
}

/// A real filing long enough that its end is past the sniffed start of the file.
fn long_filing() -> String {
    let mut text =
        std::fs::read_to_string(common::root().join("tests/fixtures/inputs/no_date.md")).unwrap();
    while text.len() <= 9000 {
        text.push_str(
            "\nThis paragraph is here to make the filing longer than the sniffed part.\n",
        );
    }
    text
}

#[test]
fn nul_bytes_after_the_sniffed_start_are_characters() {
    // Only the first 8 KB decide whether a file is binary (as git decides). NUL bytes after
    // that are read as characters: they match no pattern and change no finding, and every
    // output format copes with them.
    let filing = long_filing();
    let with_nuls = format!("{filing}\nA line with \0NUL\0 bytes\0 in it.\n\0\0\0\nThe end.\n");
    assert!(with_nuls.find('\0').unwrap() > 8192);
    let expected = common::ids(&lint(builtin(), "draft.md", filing.as_bytes()))
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    let report = lint(builtin(), "draft.md", with_nuls.as_bytes());
    assert!(report.source.contains("\0NUL\0"));
    assert_eq!(common::ids(&report), expected);
    assert!(!report.diagnostics.is_empty());
    let reports = [report];
    let xml = [
        render::junit(&reports, Some(sdlint::Severity::Info)),
        render::checkstyle(&reports),
    ];
    for out in xml {
        assert!(!out.contains('\0'), "XML cannot hold NUL: {out}");
    }
    serde_json::from_str::<serde_json::Value>(&render::json(&reports, &[])).unwrap();
    serde_json::from_str::<serde_json::Value>(&render::sarif(
        &reports,
        &[],
        sdlint::render::RULES_URL,
        &[],
    ))
    .unwrap();
    render::human(&reports, false, false);
    render::github(&reports);

    // The same bytes in the first 8 KB make it a binary file.
    let early = format!("{}\0{}", &filing[..100], &filing[100..]);
    let err = input::from_bytes(PathBuf::from("draft.md"), early.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("binary"), "{err}");
}

/// A Conflict Minerals Report whose smelter annex has `rows` rows.
fn report_with_rows(rows: usize) -> String {
    let fixture =
        std::fs::read_to_string(common::root().join("tests/fixtures/rules/CMR-SMELT-003/pass.txt"))
            .unwrap();
    let head = &fixture[..fixture
        .find("Gold\tNorthgate")
        .expect("the annex's first row")];
    let metals = ["Gold", "Tin", "Tantalum", "Tungsten"];
    let countries = ["Peru", "Japan", "Rwanda", "Brazil", "Germany", "China"];
    let mut text = String::with_capacity(head.len() + rows * 64);
    text.push_str(head);
    for i in 0..rows {
        text.push_str(&format!(
            "{}\tSmelter Number {i} Ltd.\t{}\tConformant\tCID{i:06}\n",
            metals[i % 4],
            countries[i % 6]
        ));
    }
    text
}

#[test]
fn a_table_of_ten_thousand_rows_is_linted() {
    let report = lint(builtin(), "annex.txt", report_with_rows(10_000).as_bytes());
    assert!(
        common::ids(&report).contains(&"XF-012"),
        "the narrative's count disagrees with the annex"
    );
}

// A million rows (61 MB): about 10 s and 1.1 GB of memory in release, far longer in a debug
// build, so it is left out of `cargo test`. Run it with
// `cargo test --release --test pathological -- --ignored`.
#[test]
#[ignore = "a minute or more in a debug build; run in release"]
fn a_table_of_a_million_rows_is_linted() {
    let report = lint(
        builtin(),
        "annex.txt",
        report_with_rows(1_000_000).as_bytes(),
    );
    let counts = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "XF-012")
        .expect("the narrative's count disagrees with the annex");
    assert!(
        counts.message.contains("1000000 rows"),
        "{}",
        counts.message
    );
}

/// An HTML Conflict Minerals Report whose annex is `table`.
fn html_report_with_table(table: &str) -> String {
    let fixture = std::fs::read_to_string(
        common::root().join("tests/fixtures/rules/CMR-SMELT-003/pass-rowspan-metal.htm"),
    )
    .unwrap();
    let start = fixture.find("<table").expect("the annex");
    let end = fixture.find("</table>").expect("the annex's end") + "</table>".len();
    format!("{}{table}{}", &fixture[..start], &fixture[end..])
}

// About 0.3 s in release, 3 s in a debug build.
#[test]
fn huge_table_spans_are_clamped_and_bounded() {
    // A metal spanning a million rows and 99,999 columns over 50,000 rows; rows whose every
    // cell spans to the end of the table and 1,000 columns; a header of four rows of wide
    // cells. Spans are clamped (1,000 columns, 65,534 rows), end with the table, and add at
    // most about the page's size to the text.
    let mut table = String::from(
        "<table><tr><th>Metal</th><th>Smelter or Refiner</th><th>Country</th></tr>\n\
         <tr><td rowspan=\"1000000\" colspan=\"99999\">Tin</td><td>Smelter 0</td><td>Peru</td></tr>\n",
    );
    for i in 1..50_000 {
        table.push_str(&format!("<tr><td>Smelter {i}</td><td>Peru</td></tr>\n"));
    }
    table.push_str("</table><table>");
    table.push_str(&"<tr><td rowspan=0 colspan=1000>x</td></tr>".repeat(5_000));
    table.push_str("</table><table><thead>");
    let wide_row = format!(
        "<tr>{}</tr>",
        "<th colspan=1000 rowspan=0>h</th>".repeat(100)
    );
    table.push_str(&wide_row.repeat(4));
    table.push_str("</thead><tr><td>a</td></tr></table>");
    let html = html_report_with_table(&table);
    let report = lint(builtin(), "annex.htm", html.as_bytes());
    assert!(
        report.source.len() <= 2 * html.len(),
        "{} bytes of text from {} of HTML",
        report.source.len(),
        html.len()
    );
    assert!(report.source.contains("Smelter 49999\tPeru"));
}

/// One rule with these check lines (after `[rule.check]`), for every kind of document.
fn rule(id: usize, check: &str) -> String {
    format!(
        r#"[[rule]]
id = "GEN-{id:05}"
name = "generated-rule-{id:05}"
severity = "info"
summary = "Generated rule {id}"
why = "Generated at test time to stress rule loading."
message = "The document matches generated rule {id}"
help = "Nothing to fix: the rule is generated"
references = ["tests/pathological.rs"]
documents = ["form-sd", "cmr", "unknown"]

[rule.check]
{check}
"#
    )
}

/// Compiles `text` as a pack on its own.
fn pack(text: &str) -> Result<RuleSet, Error> {
    let mut set = RuleSet::default();
    set.add_pack(Path::new("generated.toml"), text)?;
    Ok(set)
}

#[test]
fn a_huge_regex_is_a_located_error() {
    // Twenty thousand alternatives, half a megabyte: refused by its length, before it is parsed
    // (compiling a pattern of megabytes costs seconds and gigabytes).
    let words: Vec<String> = (0..20_000)
        .map(|i| format!(r"smelter\s+{i:05}\s+\w{{3,8}}"))
        .collect();
    let pattern = format!("'(?:{})'", words.join("|"));
    let text = rule(
        1,
        &format!("kind = \"forbid\"\nscope = \"document\"\npatterns = ['fine', {pattern}]"),
    );
    let Err(Error::RuleFile { span, message, .. }) = pack(&text) else {
        panic!("a pattern over the length limit is an error");
    };
    assert_eq!(&text[span], pattern);
    assert!(message.contains("limited to 64 KiB"), "{message}");

    // A short pattern that compiles to more than the size limit: refused at the pattern.
    let pattern = r"'\w{1000}{100}'";
    let text = rule(
        1,
        &format!("kind = \"forbid\"\nscope = \"document\"\npatterns = ['fine', {pattern}]"),
    );
    let Err(Error::RuleFile { span, message, .. }) = pack(&text) else {
        panic!("a pattern over the size limit is an error");
    };
    assert_eq!(&text[span], pattern);
    assert!(message.contains("8 MiB"), "{message}");

    // Nesting deeper than the parser allows is a syntax error at the pattern, not a crash.
    let nested = format!("'{}a{}'", "(".repeat(1000), ")".repeat(1000));
    let text = rule(
        2,
        &format!("kind = \"require\"\nscope = \"document\"\npatterns = [{nested}]"),
    );
    let Err(Error::RuleFile { span, message, .. }) = pack(&text) else {
        panic!("too deep a nesting is an error");
    };
    assert_eq!(&text[span], nested);
    assert!(
        message.starts_with("invalid regular expression"),
        "{message}"
    );
}

#[test]
fn a_backtracking_prone_regex_runs_in_linear_time() {
    // `(a+)+$` is exponential in a backtracking engine; the regex crate's are linear.
    let rules = pack(&rule(
        1,
        "kind = \"forbid\"\nscope = \"document\"\npatterns = ['(?P<hit>(a+)+$)', '(x+x+)+y']",
    ))
    .expect("the pack compiles");
    let a = "a".repeat(200_000);
    let x = "x".repeat(200_000);
    // Paragraphs of their own (a pattern reads a paragraph as one line).
    let text = format!("{a}b\n\n{a}\n\n{x}\n");
    let report = lint(&rules, "input.txt", text.as_bytes());
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "GEN-00001")
        .map(|d| d.primary.start.line)
        .collect();
    assert_eq!(
        found,
        [3],
        "the line of a's with nothing after it, and only it"
    );
}

/// `n` rules, each with two patterns of its own.
fn many_rules(n: usize) -> String {
    (0..n)
        .map(|i| {
            rule(
                i,
                &format!(
                    "kind = \"require\"\nscope = \"document\"\npatterns = ['item\\s+{i}\\b', 'generated\\s+number\\s+{i}']"
                ),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_thousand_rules_load_and_run() {
    let rules = pack(&many_rules(1000)).expect("the pack compiles");
    assert_eq!(rules.rules.len(), 1000);
    let report = lint(&rules, "draft.md", long_filing().as_bytes());
    // Rule i finds "item i" in the filing for the few numbers it mentions as items.
    assert!(
        report.diagnostics.len() > 990,
        "{}",
        report.diagnostics.len()
    );
}

// Ten thousand rules (4 MB of TOML): about 3.5 s and 1.4 GB of memory to load in release
// (6 s and 2.4 GB with the lint), over a minute in a debug build, so it is left out of
// `cargo test`. Run it with
// `cargo test --release --test pathological -- --ignored`.
#[test]
#[ignore = "over a minute in a debug build; run in release"]
fn ten_thousand_rules_load_and_run() {
    let rules = pack(&many_rules(10_000)).expect("the pack compiles");
    assert_eq!(rules.rules.len(), 10_000);
    let report = lint(&rules, "draft.md", long_filing().as_bytes());
    assert!(report.diagnostics.len() > 9990);
}

/// The rule ids of `report`'s error and warning findings, with the line each stands on.
fn findings_by_line(report: &Report) -> Vec<(String, u32)> {
    report
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.severity,
                sdlint::Severity::Error | sdlint::Severity::Warning
            )
        })
        .map(|d| (d.rule.clone(), d.primary.start.line))
        .collect()
}

#[test]
fn a_plain_text_filing_inside_200_000_nested_divs_is_linted_as_the_text() {
    // A browser would run the text together into one paragraph; sdlint reads it as the text
    // file it is, whatever the depth, with the findings of the same text as a .txt and on the
    // same lines (the divs stand on the first line, before the text).
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/rules/SD-COVER-009/fail.txt"))
            .expect("the fixture is there");
    let depth = 200_000;
    let page = format!("{}{text}{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let as_text = lint(builtin(), "filing.txt", text.as_bytes());
    let as_page = lint(builtin(), "filing.htm", page.as_bytes());
    assert_eq!(as_page.document, as_text.document);
    assert!(
        findings_by_line(&as_text)
            .iter()
            .any(|(rule, _)| rule == "SD-COVER-009")
    );
    assert_eq!(findings_by_line(&as_page), findings_by_line(&as_text));
}
