//! `edgar-header`: when an EDGAR `.txt` submission is linted, its header agrees with the body:
//! the rule is 13p-1, the period of report is December 31 of the reporting year, and the items
//! include 1.01.
//!
//! ```toml
//! check = { kind = "edgar-header" }
//! ```

use super::kind::{Check, Kind, Run};
use super::periods::reporting_period;
use super::{Context, long_date};
use crate::rules::Finding;

/// The `edgar-header` kind.
pub const EDGAR_HEADER: Kind = Kind {
    name: "edgar-header",
    fields: &[],
    placeholders: &["problem"],
    table: None,
    compile: |_| Ok(Check::new(EdgarHeader)),
};

/// A compiled `edgar-header` check, which takes no configuration.
#[derive(Debug)]
struct EdgarHeader;

impl Run for EdgarHeader {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        edgar_header(cx, out);
    }
}

fn edgar_header(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(header) = &doc.fields.edgar else {
        return;
    };
    let finding = |range, label: String, problem: String| {
        cx.finding_with(range, label, &[("problem", problem)])
    };
    for &rule in &header.rules {
        let name = doc.slice(rule).trim();
        if name != "13p-1" {
            out.push(finding(
                rule,
                format!("rule {name}"),
                format!("the header's rule is {name}, not 13p-1"),
            ));
        }
    }
    if let (Some(period), Some(body)) = (header.period, reporting_period(doc)) {
        let expected = (body.year, 12, 31);
        if (period.date.year, period.date.month, period.date.day) != expected {
            let problem = format!(
                "the header's period of report is {}, but the report covers calendar year {}",
                long_date(period.date),
                body.year
            );
            let mut found = finding(
                period.range,
                format!("period of report {}", long_date(period.date)),
                problem,
            );
            found.secondary.push((
                body.range,
                format!("the body states calendar year {}", body.year),
            ));
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
            "items of the submission".to_owned(),
            "the header's items do not include Item 1.01".to_owned(),
        ));
    }
}
