//! `edgar-header`: when an EDGAR `.txt` submission is linted, its header agrees with the body:
//! the rule is 13p-1, the period of report is December 31 of the reporting year, and the items
//! include 1.01.
//!
//! ```toml
//! [rule.check]
//! kind = "edgar-header"
//! label = { rule = "rule {found}", period = "period of report {found}", body = "the body states calendar year {year}", items = "items of the submission" }
//! phrases.problem = { rule = "rule {found}, not 13p-1", period = "period {found}, not December 31, {year}", items = "no Item 1.01" }
//! ```
//!
//! The labels: `rule` at a rule other than 13p-1, `period` at a period of report other than
//! December 31 of the reporting year (`{found}` is what the header gives, `{year}` the year),
//! `body` at the body's statement of that year, `items` at items that lack Item 1.01. The
//! message's `{problem}` is the phrase of the finding's shape (`rule`, `period`, `items`), which
//! may use what the label of that shape uses.

use super::kind::{Check, Kind, Run};
use super::periods::reporting_period;
use super::{Context, long_date};
use crate::rules::Finding;

/// The `edgar-header` kind.
pub const EDGAR_HEADER: Kind = Kind {
    name: "edgar-header",
    fields: &["label", "phrases"],
    placeholders: &["found", "problem", "year"],
    table: None,
    compile: |src| {
        let [rule, period, body, items] = src.labels(["rule", "period", "body", "items"])?;
        let problems = src.phrases(
            "an `edgar-header` check",
            "problem",
            [
                ("rule", &["found"]),
                ("period", &["found", "year"]),
                ("items", &[]),
            ],
        )?;
        Ok(Check::new(EdgarHeader {
            rule,
            period,
            body,
            items,
            problems,
        }))
    },
};

/// A compiled `edgar-header` check: its labels (see the module's documentation).
#[derive(Debug)]
struct EdgarHeader {
    rule: String,
    period: String,
    body: String,
    items: String,
    /// The words of `{problem}` for a finding at `rule`, `period` and `items`.
    problems: [String; 3],
}

impl Run for EdgarHeader {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        edgar_header(self, cx, out);
    }
}

fn edgar_header(check: &EdgarHeader, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(header) = &doc.fields.edgar else {
        return;
    };
    let finding = |range, label: &str, mut values: Vec<(&str, String)>, problem: &str| {
        let problem = super::fill(problem, &values);
        values.push(("problem", problem));
        cx.labelled(range, label, &values)
    };
    for &rule in &header.rules {
        let name = doc.slice(rule).trim();
        if name != "13p-1" {
            out.push(finding(
                rule,
                &check.rule,
                vec![("found", name.to_owned())],
                &check.problems[0],
            ));
        }
    }
    if let (Some(period), Some(body)) = (header.period, reporting_period(doc)) {
        let expected = (body.year, 12, 31);
        if (period.date.year, period.date.month, period.date.day) != expected {
            let values = vec![
                ("found", long_date(period.date)),
                ("year", body.year.to_string()),
            ];
            let body_label = super::fill(&check.body, &values);
            let mut found = finding(period.range, &check.period, values, &check.problems[1]);
            found.secondary.push((body.range, body_label));
            out.push(found);
        }
    }
    let numbered: Vec<&str> = header
        .items
        .iter()
        .map(|&r| doc.slice(r).trim())
        .filter(|s| s.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    if !numbered.is_empty() && !numbered.contains(&"1.01") {
        out.push(finding(
            header.items[0],
            &check.items,
            Vec::new(),
            &check.problems[2],
        ));
    }
}
