//! `reporting-year` and `calendar-period`: every statement of the reporting period names the
//! same calendar year as the cover, and covers January 1 to December 31 of one year.
//!
//! ```toml
//! check = { kind = "reporting-year", label = { here = "reporting year {found}", reference = "{reference} states reporting year {expected}" } }
//! check = { kind = "calendar-period", label = { span = "from {start} to {end}", ending = "a year ending {end}" } }
//! ```

use super::kind::{Check, Kind, Run};
use super::{Context, long_date};
use crate::parse::Scope;
use crate::parse::document::{Document, PeriodStatement};
use crate::rules::Finding;

/// The `reporting-year` kind.
pub const REPORTING_YEAR: Kind = Kind {
    name: "reporting-year",
    fields: &["label"],
    placeholders: &["expected", "found", "reference"],
    table: None,
    compile: |src| {
        let [here, reference] = src.labels(["here", "reference"])?;
        Ok(Check::new(ReportingYear { here, reference }))
    },
};

/// A compiled `reporting-year` check, with its labels: `here` at the statement of another
/// year, `reference` at the statement it is compared with.
#[derive(Debug)]
struct ReportingYear {
    here: String,
    reference: String,
}

impl Run for ReportingYear {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        reporting_year(self, cx, out);
    }
}

/// The `calendar-period` kind.
pub const CALENDAR_PERIOD: Kind = Kind {
    name: "calendar-period",
    fields: &["label"],
    placeholders: &["end", "period", "start"],
    table: None,
    compile: |src| {
        let [span, ending] = src.labels(["span", "ending"])?;
        Ok(Check::new(CalendarPeriod { span, ending }))
    },
};

/// A compiled `calendar-period` check, with its labels: `span` at a period from `{start}` to
/// `{end}` in two years, `ending` at a year that ends on `{end}`, not December 31 (`{start}`
/// is not filled there).
#[derive(Debug)]
struct CalendarPeriod {
    span: String,
    ending: String,
}

impl Run for CalendarPeriod {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        calendar_period(self, cx, out);
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
fn reporting_year(check: &ReportingYear, cx: &Context<'_>, out: &mut Vec<Finding>) {
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
        let mut finding = cx.labelled(statement.range, &check.here, &values);
        finding
            .secondary
            .push((reference.range, super::fill(&check.reference, &values)));
        out.push(finding);
    }
}

/// Reports every period statement that is not January 1 to December 31 of one calendar year,
/// and every non-calendar period ("July 1, 2020 to June 30, 2021", "fiscal year ended June 30").
fn calendar_period(check: &CalendarPeriod, cx: &Context<'_>, out: &mut Vec<Finding>) {
    for statement in &cx.doc.fields.periods {
        if let (Some(s), Some(e)) = (statement.start, statement.end)
            && s.year != e.year
        {
            let values = [
                ("period", cx.doc.slice(statement.range).to_owned()),
                ("start", long_date(s)),
                ("end", long_date(e)),
            ];
            out.push(cx.labelled(statement.range, &check.span, &values));
        }
    }
    for (range, start, end) in crate::parse::find_other_periods(&cx.doc.reading) {
        let mut values = vec![
            ("period", cx.doc.slice(range).to_owned()),
            ("end", long_date(end)),
        ];
        let label = match start {
            Some(s) => {
                values.push(("start", long_date(s)));
                &check.span
            }
            None => &check.ending,
        };
        out.push(cx.labelled(range, label, &values));
    }
}
