//! `reporting-year` and `calendar-period`: every statement of the reporting period names the
//! same calendar year as the cover, and covers January 1 to December 31 of one year.
//!
//! ```toml
//! check = { kind = "reporting-year" }
//! check = { kind = "calendar-period" }
//! ```

use super::kind::{Check, Kind, Run};
use super::{Context, long_date};
use crate::parse::Scope;
use crate::parse::document::{Document, PeriodStatement};
use crate::rules::Finding;

/// The `reporting-year` kind.
pub const REPORTING_YEAR: Kind = Kind {
    name: "reporting-year",
    fields: &[],
    placeholders: &["expected", "found", "reference"],
    table: None,
    compile: |_| Ok(Check::new(ReportingYear)),
};

/// A compiled `reporting-year` check, which takes no configuration.
#[derive(Debug)]
struct ReportingYear;

impl Run for ReportingYear {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        reporting_year(cx, out);
    }
}

/// The `calendar-period` kind.
pub const CALENDAR_PERIOD: Kind = Kind {
    name: "calendar-period",
    fields: &[],
    placeholders: &["period"],
    table: None,
    compile: |_| Ok(Check::new(CalendarPeriod)),
};

/// A compiled `calendar-period` check, which takes no configuration.
#[derive(Debug)]
struct CalendarPeriod;

impl Run for CalendarPeriod {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        calendar_period(cx, out);
    }
}

/// The statement that fixes the reporting year: the cover's Rule 13p-1 line, else the first
/// statement in Item 1.01, in the CMR, or anywhere.
pub fn reporting_period(doc: &Document) -> Option<&PeriodStatement> {
    [
        Scope::PeriodLine,
        Scope::Item101,
        Scope::Cmr,
        Scope::Document,
    ]
    .into_iter()
    .find_map(|scope| doc.fields.periods.iter().find(|p| p.scope == scope))
}

fn where_stated(scope: Scope) -> &'static str {
    match scope {
        Scope::PeriodLine => "the cover",
        Scope::Item101 => "Item 1.01",
        Scope::Cmr => "the Conflict Minerals Report",
        _ => "the filing",
    }
}

/// Reports every period statement whose year differs from the reporting year.
fn reporting_year(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(reference) = reporting_period(cx.doc) else {
        return;
    };
    for statement in &cx.doc.fields.periods {
        if statement.year == reference.year {
            continue;
        }
        let values = [
            ("found", statement.year.to_string()),
            ("expected", reference.year.to_string()),
            ("reference", where_stated(reference.scope).to_owned()),
        ];
        let mut finding = cx.finding_with(
            statement.range,
            format!("reporting year {}", statement.year),
            &values,
        );
        finding.secondary.push((
            reference.range,
            format!(
                "{} states reporting year {}",
                where_stated(reference.scope),
                reference.year
            ),
        ));
        out.push(finding);
    }
}

/// Reports every period statement that is not January 1 to December 31 of one calendar year,
/// and every non-calendar period ("July 1, 2020 to June 30, 2021", "fiscal year ended June 30").
fn calendar_period(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for statement in &cx.doc.fields.periods {
        let spans_years =
            matches!((statement.start, statement.end), (Some(s), Some(e)) if s.year != e.year);
        if spans_years {
            let (start, end) = (statement.start, statement.end);
            let label = match (start, end) {
                (Some(s), Some(e)) => format!("from {} to {}", long_date(s), long_date(e)),
                _ => "this period".to_owned(),
            };
            out.push(cx.finding_with(
                statement.range,
                label,
                &[("period", cx.doc.slice(statement.range).to_owned())],
            ));
        }
    }
    for (range, start, end) in crate::parse::find_other_periods(&cx.doc.reading) {
        let label = match start {
            Some(s) => format!("from {} to {}", long_date(s), long_date(end)),
            None => format!("a year ending {}", long_date(end)),
        };
        out.push(cx.finding_with(range, label, &[("period", cx.doc.slice(range).to_owned())]));
    }
}
