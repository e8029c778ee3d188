//! The check kinds keep the promises their declarations make: every `{placeholder}` a built-in
//! rule's message uses is one its kind declares, every placeholder a kind declares is filled by
//! its run code, and no finding of a built-in rule on its fixtures is left with one unfilled.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{builtin, lint_fixture, root};
use sdlint::RuleSet;
use sdlint::rules::checks::Kind;
use sdlint::rules::{KINDS, RuleMeta};

/// Placeholders a kind declares (so a pack's message may use them) that its run code does not
/// fill, each with why, in registry order. A rule using one would show it as written; the list
/// is checked to be exact, so filling one (or dropping its declaration) means taking it off.
const NOT_FILLED_BY_RUN: &[(&str, &str, &str)] = &[(
    "suppressions",
    "rule",
    "the suppression stage (crate::suppress) writes these findings' messages itself",
)];

fn kind(name: &str) -> &'static Kind {
    KINDS
        .iter()
        .find(|k| k.name == name)
        .unwrap_or_else(|| panic!("no kind `{name}` in the registry"))
}

/// The `{names}` in `text`.
fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    found
}

#[test]
fn every_kind_is_registered_once() {
    for (i, kind) in KINDS.iter().enumerate() {
        assert!(
            KINDS[i + 1..].iter().all(|k| k.name != kind.name),
            "`{}` is registered twice",
            kind.name
        );
        assert!(
            kind.placeholders.windows(2).all(|w| w[0] < w[1]),
            "`{}`: placeholders are listed sorted, once each",
            kind.name
        );
    }
}

/// Compiling already refuses a message with a placeholder its kind does not declare; this
/// states it of the built-in pack, rule by rule.
#[test]
fn builtin_messages_use_only_what_their_kind_fills() {
    let rules = builtin();
    for rule in &rules.rules {
        let declared = kind(rule.meta.check).placeholders;
        for name in placeholders(&rule.meta.message) {
            assert!(
                name == "filing" || declared.contains(&name),
                "{}: `{{{name}}}` is not filled by a `{}` check",
                rule.meta.id,
                rule.meta.check
            );
        }
        assert!(
            placeholders(&rule.meta.help).is_empty(),
            "{}: help is shown as written",
            rule.meta.id
        );
    }
}

/// Every placeholder a kind declares is filled by its run code, but for the exceptions listed
/// above: each built-in rule's message is replaced by one that uses every placeholder its kind
/// declares (each after a marker, so that a finding whose message a check replaced, a near miss,
/// is not counted), its fail fixtures are linted, and a placeholder is filled when some finding
/// of some rule of its kind shows a value where it stood.
#[test]
fn every_declared_placeholder_is_filled_by_its_kind() {
    let mut rules = builtin();
    for rule in &mut rules.rules {
        let declared = kind(rule.meta.check).placeholders;
        let parts: Vec<String> = declared.iter().map(|p| format!("<{p}>{{{p}}}")).collect();
        rule.meta.message = parts.join(" ");
    }
    let mut filled = BTreeSet::new();
    for_each_fail_finding(&rules, |rule, message| {
        for name in kind(rule.check).placeholders {
            if message.contains(&format!("<{name}>")) && !message.contains(&format!("{{{name}}}")) {
                filled.insert((rule.check, *name));
            }
        }
    });
    let unfilled: Vec<(&str, &str)> = KINDS
        .iter()
        .flat_map(|k| k.placeholders.iter().map(|p| (k.name, *p)))
        .filter(|key| !filled.contains(key))
        .collect();
    let listed: Vec<(&str, &str)> = NOT_FILLED_BY_RUN.iter().map(|&(k, p, _)| (k, p)).collect();
    assert_eq!(
        unfilled, listed,
        "placeholders declared but never filled on the fixtures (left), and those listed as such"
    );
}

/// Calls `visit` with every finding of each built-in rule on its own fail fixtures (linted with
/// that rule alone), and returns how many there were.
fn for_each_fail_finding(rules: &RuleSet, mut visit: impl FnMut(&RuleMeta, &str)) -> usize {
    let fixtures = root().join("tests/fixtures/rules");
    let mut count = 0;
    for rule in &rules.rules {
        let Ok(entries) = std::fs::read_dir(fixtures.join(&rule.meta.id)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.expect("an entry").path()).collect();
        paths.sort();
        for path in paths {
            let is_fail = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fail"));
            if !is_fail {
                continue;
            }
            for report in lint_fixture(rules, &path, &[&rule.meta.id]) {
                for d in report.diagnostics.iter().filter(|d| d.rule == rule.meta.id) {
                    count += 1;
                    visit(&rule.meta, &d.message);
                }
            }
        }
    }
    count
}

/// No finding of a built-in rule, on its own fail fixtures, shows one of its kind's
/// placeholders (or `{filing}`) unfilled.
#[test]
fn fail_fixtures_show_no_unfilled_placeholder() {
    let rules = builtin();
    let checked = for_each_fail_finding(&rules, |rule, message| {
        let declared = kind(rule.check).placeholders;
        for name in placeholders(message) {
            assert!(
                name != "filing" && !declared.contains(&name),
                "{}: `{{{name}}}` left unfilled: {message}",
                rule.id
            );
        }
    });
    assert!(checked > 100, "only {checked} findings were checked");
}

/// A pack of one info rule with `message`, for `document`, whose check table is `check`.
fn generated_pack(message: &str, document: &str, check: &str) -> String {
    format!(
        r#"[[rule]]
id = "GEN-00001"
name = "generated-rule"
severity = "info"
summary = "Generated rule"
why = "Generated to test what a check fills."
message = "{message}"
help = "Nothing to fix"
references = ["tests/kinds.rs"]
documents = ["{document}"]

[rule.check]
{check}
"#
    )
}

/// A placeholder no kind fills is refused when the pack loads, at the message, like any other
/// placeholder the kind does not offer: the mode names of `smelter-table` and the period kinds'
/// old shared list among them.
#[test]
fn placeholders_no_run_fills_are_refused_at_load() {
    for (check, name) in [
        (
            r#"kind = "smelter-table"
mode = "caption""#,
            "caption",
        ),
        (
            r#"kind = "smelter-table"
mode = "metals""#,
            "metals",
        ),
        (r#"kind = "reporting-year""#, "period"),
        (r#"kind = "calendar-period""#, "expected"),
        (r#"kind = "calendar-period""#, "reference"),
    ] {
        let text = generated_pack(&format!("The value is {{{name}}}"), "cmr", check);
        let mut set = RuleSet::default();
        let err = set
            .add_pack(std::path::Path::new("pack.toml"), &text)
            .expect_err(&format!("`{{{name}}}` accepted in a `{check}` message"));
        let shown = err.to_string();
        assert!(
            shown.contains(&format!("uses `{{{name}}}`, which a `"))
                && shown.contains("does not fill"),
            "{shown}"
        );
    }
}

/// A kind's labels are the rule's, checked when the pack loads like its message: each named
/// label the kind has must be given, and no other, none empty, and with only the kind's
/// placeholders (not `{filing}`, which labels are not given).
#[test]
fn labels_are_checked_at_load() {
    for (label, expected) in [
        ("", "needs `label = { ... }` with `split`, `home`"),
        (
            r#"label = "one""#,
            "needs `label = { ... }` with `split`, `home`",
        ),
        (r#"label = { split = "x" }"#, "`label` lacks `home`"),
        (
            r#"label = { split = "x", hom = "y" }"#,
            "has no label `hom`: its labels are `split`, `home`",
        ),
        (
            r#"label = { split = "", home = "y" }"#,
            "`label.split` must not be empty",
        ),
        (
            r#"label = { split = "x {filing}", home = "y" }"#,
            "`label.split` uses `{filing}`, which a `url-format` check does not fill",
        ),
    ] {
        let check = format!("kind = \"url-format\"\n{label}");
        let text = generated_pack("The address {url} {problem}", "form-sd", &check);
        let mut set = RuleSet::default();
        let err = set
            .add_pack(std::path::Path::new("pack.toml"), &text)
            .expect_err(&format!("`{label}` accepted"));
        let shown = err.to_string();
        assert!(shown.contains(expected), "{label}: {shown}");
    }
    let mut set = RuleSet::default();
    let text = "[[rule]]\nid = \"GEN-00001\"\nname = \"generated-rule\"\nseverity = \"info\"\nsummary = \"s\"\nwhy = \"w\"\nmessage = \"m\"\nhelp = \"h\"\nreferences = [\"r\"]\ndocuments = [\"form-sd\"]\n\n[rule.check]\nkind = \"url-format\"\nlabel = { split = \"{url} split\", home = \"home\" }\n";
    set.add_pack(std::path::Path::new("pack.toml"), text)
        .expect("a label with the kind's placeholders is accepted");
}

/// Loads the generated pack of one rule whose check table is `check`, for `document`.
fn load(check: &str, document: &str, message: &str) -> sdlint::Result<RuleSet> {
    let text = generated_pack(message, document, check);
    let mut set = RuleSet::default();
    set.add_pack(std::path::Path::new("pack.toml"), &text)?;
    Ok(set)
}

/// The line (from 1) of the pack an error points at, and its message.
fn error_at(err: &sdlint::Error) -> (usize, String) {
    match err {
        sdlint::Error::RuleFile {
            text,
            span,
            message,
            ..
        } => (
            text[..span.start].matches('\n').count() + 1,
            message.clone(),
        ),
        other => panic!("not an error in a rule pack: {other}"),
    }
}

/// `smelter-table`'s labels are checked at load against what their mode fills there (`{cell}`
/// and `{missing}` for each row), each error at its line of the TOML: a placeholder the mode
/// does not fill, a label the mode does not have, a missing or malformed one. The check table's
/// lines are 13 (`kind`) to 15 (`label`).
#[test]
fn smelter_table_row_labels_are_checked_at_load() {
    let words =
        r#"metal = "metal", name = "facility name", country = "country", status = "status""#;
    for (check, line, expected) in [
        (
            "mode = \"metals\"\nlabel = \"{missing}\"".to_owned(),
            15,
            "`label` uses `{missing}`, which a `smelter-table` check does not fill: it offers `{cell}`",
        ),
        (
            format!("mode = \"complete\"\nlabel = {{ row = \"no {{cell}}\", {words} }}"),
            15,
            "`label.row` uses `{cell}`, which a `smelter-table` check does not fill: it offers `{missing}`",
        ),
        (
            "mode = \"complete\"\nlabel = { row = \"no {missing}\", metal = \"{missing}\", name = \"n\", country = \"c\", status = \"s\" }".to_owned(),
            15,
            "`label.metal` uses `{missing}`, which a `smelter-table` check does not fill: it offers none",
        ),
        (
            "mode = \"complete\"\nlabel = \"no {missing}\"".to_owned(),
            15,
            "needs `label = { ... }` with `row`, `metal`, `name`, `country`, `status`",
        ),
        (
            format!("mode = \"complete\"\nlabel = {{ row = \"no {{missing}}\", {words}, cid = \"x\" }}"),
            15,
            "has no label `cid`: its labels are `row`, `metal`, `name`, `country`, `status`",
        ),
        (
            "mode = \"duplicates\"\nlabel = { copy = \"{count} copies\", first = \"first\" }".to_owned(),
            15,
            "`label.copy` uses `{count}`, which a `smelter-table` check does not fill: it offers none",
        ),
        (
            "mode = \"status\"\nlabel = 3".to_owned(),
            15,
            "a string, or a table of named strings",
        ),
    ] {
        let check = format!("kind = \"smelter-table\"\n{check}");
        let err = load(&check, "cmr", "m").expect_err(&format!("`{check}` accepted"));
        let (at, shown) = error_at(&err);
        assert!(shown.contains(expected), "{check}: {shown}");
        assert_eq!(at, line, "{check}: {shown}");
    }
    let err = load("kind = \"smelter-table\"\nmode = \"metals\"", "cmr", "m")
        .expect_err("a row-labelling mode without a `label` accepted");
    assert!(error_at(&err).1.contains("needs a `label`"), "{err}");
}

/// A `smelter-table` message may use only what its mode fills: the counts for a mode that
/// reports rows, the problem for `caption`, the stated and actual counts for `counts`; another
/// mode's placeholder is an error at the message's line, naming the mode.
#[test]
fn smelter_table_messages_are_checked_against_their_mode() {
    for (mode, label, message, refused) in [
        (
            "caption",
            "label = { missing = \"m\", uncaptioned = \"u\" }",
            "{count} rows",
            Some("count"),
        ),
        ("header", "label = \"h\"", "{total} rows", Some("total")),
        (
            "counts",
            "label = { stated = \"s\", annex = \"a\" }",
            "{count}",
            Some("count"),
        ),
        ("metals", "label = \"{cell}\"", "{phrase}", Some("phrase")),
        (
            "metals",
            "label = \"{cell}\"",
            "{count} of {total}: {cell}",
            None,
        ),
        (
            "caption",
            "label = { missing = \"m\", uncaptioned = \"u\" }\nphrases.problem = { missing = \"has none\", uncaptioned = \"has no caption\" }",
            "The report {problem}",
            None,
        ),
    ] {
        let check = format!("kind = \"smelter-table\"\nmode = \"{mode}\"\n{label}");
        match (load(&check, "cmr", message), refused) {
            (Err(err), Some(name)) => {
                let (at, shown) = error_at(&err);
                let expected = format!(
                    "`message` uses `{{{name}}}`, which a `smelter-table` check in mode `{mode}` does not fill"
                );
                assert!(shown.contains(&expected), "{mode}, {message}: {shown}");
                assert_eq!(at, 7, "{mode}, {message}: {shown}");
            }
            (Ok(_), None) => {}
            (Ok(_), Some(name)) => panic!("{mode}: a message with `{{{name}}}` accepted"),
            (Err(err), None) => panic!("{mode}, {message}: refused: {err}"),
        }
    }
}

/// `require-field`'s named labels are checked at load, each error at its line of the TOML: a
/// label the field does not have, an empty or malformed one, a placeholder.
#[test]
fn require_field_labels_are_checked_at_load() {
    for (check, expected) in [
        (
            r#"field = "registrant-name"
label = { blank = "x" }"#,
            "a `require-field` check of `registrant-name` has no label `blank`: its labels are `missing`",
        ),
        (
            r#"field = "contact-person"
label = { blank = "x" }"#,
            "has no label `blank`: its labels are `missing`, `phone-only`, `name-only`",
        ),
        (
            r#"field = "signature-date"
label = { blank = "" }"#,
            "`label.blank` must not be empty",
        ),
        (
            r#"field = "signature-date"
label = { missing = "{value}" }"#,
            "`label.missing` uses `{value}`, which a `require-field` check does not fill: it offers none",
        ),
        (
            r#"field = "signature-date"
label = { blank = ["x"] }"#,
            "invalid type",
        ),
    ] {
        let check = format!("kind = \"require-field\"\n{check}\nscope = \"signatures\"");
        let err = load(&check, "form-sd", "m").expect_err(&format!("`{check}` accepted"));
        let (at, shown) = error_at(&err);
        assert!(shown.contains(expected), "{check}: {shown}");
        assert_eq!(at, 15, "{check}: {shown}");
    }
}

/// The human output of the generated rule of `check` alone on a fixture of `tests/fixtures`.
fn output_of(check: &str, document: &str, message: &str, fixture: &str) -> String {
    let set = load(check, document, message).expect("the pack loads");
    let path = root().join("tests/fixtures").join(fixture);
    common::human(&common::lint_file(&set, &path, &["GEN-00001"]))
}

/// A pack's own `smelter-table` labels are shown, filled for each row, and its message may use
/// the first row's values.
#[test]
fn a_packs_smelter_table_row_labels_are_shown() {
    let shown = output_of(
        "kind = \"smelter-table\"\nmode = \"metals\"\nlabel = \"{cell}: not a metal\"",
        "cmr",
        "The first unknown metal is {cell} ({count} of {total})",
        "rules/CMR-SMELT-004/fail.txt",
    );
    assert!(shown.contains("^^^^^^ Silver: not a metal"), "{shown}");
    assert!(
        shown.contains("The first unknown metal is Silver (1 of 6)"),
        "{shown}"
    );
    let shown = output_of(
        "kind = \"smelter-table\"\nmode = \"complete\"\nlabel = { row = \"lacks {missing}\", metal = \"M\", name = \"N\", country = \"the country\", status = \"S\" }",
        "cmr",
        "Rows lack cells",
        "rules/CMR-SMELT-003/fail.txt",
    );
    assert!(shown.contains(" lacks the country\n"), "{shown}");
}

/// `require-field` shows a pack's labels for a missing, blank or partial value, or its
/// documented defaults for those the pack does not give; a string is the missing label.
#[test]
fn a_packs_require_field_labels_are_shown() {
    for (label, fixture, expected) in [
        ("", "fail-blank-date-line.md", "^ left blank here"),
        (
            "label = \"no date at all\"",
            "fail-blank-date-line.md",
            "^ left blank here",
        ),
        ("label = \"no date at all\"", "fail.md", "^ no date at all"),
        (
            "label = { blank = \"fill in the date\" }",
            "fail-blank-date-line.md",
            "^ fill in the date",
        ),
    ] {
        let check = format!(
            "kind = \"require-field\"\nfield = \"signature-date\"\nscope = \"signatures\"\n{label}"
        );
        let fixture = format!("rules/SD-SIG-005/{fixture}");
        let shown = output_of(&check, "form-sd", "No date", &fixture);
        assert!(shown.contains(expected), "{label}: {shown}");
    }
    for (label, expected) in [
        ("", "^ no contact name"),
        (
            "label = { phone-only = \"whose number is this?\" }",
            "^ whose number is this?",
        ),
    ] {
        let check = format!(
            "kind = \"require-field\"\nfield = \"contact-person\"\nscope = \"cover\"\n{label}"
        );
        let shown = output_of(
            &check,
            "form-sd",
            "No contact",
            "rules/SD-COVER-008/fail.md",
        );
        assert!(shown.contains(expected), "{label}: {shown}");
    }
}

/// A pack's `complete-list` may take its members from a section of a built-in list of names,
/// named in its findings as the list names them: here the Covered Countries' neighbours, with
/// the DRC's own spellings keeping "Republic of the Congo" inside "Democratic Republic of the
/// Congo" from counting.
#[test]
fn a_packs_complete_list_reads_a_built_in_list() {
    let check = "kind = \"complete-list\"\nscope = \"document\"\nlabel = \"{missing}\"\ntrigger = ['adjoining']\nlist = { file = \"covered-countries.txt\", members = \"adjoining\" }\nmin = 3";
    let shown = output_of(
        check,
        "cmr",
        "Missing: {missing}",
        "rules/XF-008/fail-congo-only-inside-the-drc.txt",
    );
    assert!(
        shown.contains("Missing: the Republic of the Congo\n"),
        "{shown}"
    );
    let shown = output_of(
        check,
        "cmr",
        "Missing: {missing}",
        "rules/XF-008/pass-other-spellings-wrapped.txt",
    );
    assert!(!shown.contains("GEN-00001"), "{shown}");
}

/// `phrases`, the words a kind's placeholder stands for in each shape of its findings, are
/// checked at load, each error at its line of the TOML: needed when the message uses the
/// placeholder, every shape given and no other, only the placeholders the shape fills, and
/// refused by a check that takes none.
#[test]
fn phrases_are_checked_at_load() {
    let url_labels = "kind = \"url-format\"\nlabel = { split = \"s\", home = \"h\" }";
    for (check, message, expected, line) in [
        (
            url_labels.to_owned(),
            "The address {problem}",
            "a `url-format` check needs `phrases.problem = { ... }` with `split`, `home`",
            12,
        ),
        (
            format!("{url_labels}\nphrases.problem = {{ split = \"split\" }}"),
            "The address {problem}",
            "`phrases.problem` lacks `home`",
            15,
        ),
        (
            format!(
                "{url_labels}\nphrases.problem = {{ split = \"s\", home = \"h\", bare = \"b\" }}"
            ),
            "The address {problem}",
            "has no findings of the shape `bare`: its phrases for `problem` are `split`, `home`",
            15,
        ),
        (
            format!("{url_labels}\nphrases.what = {{ split = \"s\", home = \"h\" }}"),
            "m",
            "a `url-format` check has no phrases for `what`, only for `problem`",
            15,
        ),
        (
            format!(
                "{url_labels}\nphrases.problem = {{ split = \"s\", home = \"is the home page of {{year}}\" }}"
            ),
            "The address {problem}",
            "`phrases.problem.home` uses `{year}`",
            15,
        ),
        (
            "kind = \"smelter-table\"\nmode = \"header\"\nlabel = \"h\"\nphrases.problem = { missing = \"m\" }".to_owned(),
            "m",
            "a `smelter-table` check in mode `header` takes no `phrases`",
            16,
        ),
    ] {
        let err = load(&check, "form-sd", message).expect_err(&format!("`{check}` accepted"));
        let (at, shown) = error_at(&err);
        assert!(shown.contains(expected), "{check}: {shown}");
        assert_eq!(at, line, "{check}: {shown}");
    }
    // A message that does not use the placeholder needs no phrases.
    load(url_labels, "form-sd", "A web address is malformed").expect("loads without phrases");
}

/// A pack's own phrases are what its findings' messages say.
#[test]
fn a_packs_phrases_are_shown() {
    let shown = output_of(
        "kind = \"smelter-table\"\nmode = \"caption\"\nlabel = { missing = \"m\", uncaptioned = \"u\" }\nphrases.problem = { missing = \"lists no facilities in an annex\", uncaptioned = \"leaves its facility table untitled\" }",
        "cmr",
        "This report {problem}",
        "rules/CMR-SMELT-001/fail.txt",
    );
    assert!(
        shown.contains("This report lists no facilities in an annex")
            || shown.contains("This report leaves its facility table untitled"),
        "{shown}"
    );
}
