//! `deadline`: the report was signed (or filed) after its reporting year ended and no later
//! than the filing deadline: May 31 of the next year, moved to the next business day over
//! weekends, federal holidays and configured SEC closures.
//!
//! ```toml
//! check = { kind = "deadline", date = "signature-date", early-severity = "warning",
//!           early-message = "...", label = { late = "{date} is after the deadline of {deadline}{why}",
//!           early = "{date} is before the reporting period ended",
//!           period = "reporting period: calendar year {year}" } }
//! ```
//!
//! The labels: `late` at a date after the deadline, `early` (only with `early-message`) at a
//! date before the reporting period ended, `period` at the statement of the reporting period.

use super::kind::{Check, CheckSource, Kind, Run};
use super::periods::reporting_period;
use super::{Context, long_date};
use crate::calendar;
use crate::error::Result;
use crate::rules::Finding;
use crate::rules::Severity;
use crate::rules::pack::severity;

/// The `deadline` kind.
pub const DEADLINE: Kind = Kind {
    name: "deadline",
    fields: &["date", "early-severity", "early-message", "label"],
    placeholders: &["date", "deadline", "why", "year"],
    table: None,
    compile,
};

fn compile(src: &CheckSource<'_, '_>) -> Result<Check> {
    let raw = src.raw;
    let raw_date = raw
        .date
        .as_ref()
        .ok_or_else(|| src.needs("a `deadline` check needs `date`"))?;
    let date = DateSource::from_name(raw_date.get_ref()).ok_or_else(|| {
        src.error(
            raw_date.span(),
            format!(
                "unknown date `{}`: expected signature-date or filing-date",
                raw_date.get_ref()
            ),
        )
    })?;
    let early = match (&raw.early_severity, &raw.early_message) {
        (Some(s), Some(m)) => Some((severity(src.pack, s)?, m.get_ref().clone())),
        (None, None) => None,
        (Some(s), None) => {
            return Err(src.error(
                s.span(),
                "`early-severity` needs `early-message`: give both or neither",
            ));
        }
        (None, Some(m)) => {
            return Err(src.error(
                m.span(),
                "`early-message` needs `early-severity`: give both or neither",
            ));
        }
    };
    let (late, early_label, period) = if early.is_some() {
        let [late, early, period] = src.labels(["late", "early", "period"])?;
        (late, early, period)
    } else {
        let [late, period] = src.labels(["late", "period"])?;
        (late, String::new(), period)
    };
    Ok(Check::new(Deadline {
        date,
        early: early.map(|(severity, message)| (severity, message, early_label)),
        late,
        period,
    }))
}

/// Which date of the filing is compared with the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// The date in the signature block, a proxy for the filing date.
    Signature,
    /// The filing date in an EDGAR submission header.
    Filing,
}

impl DateSource {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "signature-date" => Some(Self::Signature),
            "filing-date" => Some(Self::Filing),
            _ => None,
        }
    }
}

/// A compiled `deadline` check.
#[derive(Debug)]
pub struct Deadline {
    pub date: DateSource,
    /// Severity, message and label for a date inside the reporting year (signed too early).
    pub early: Option<(Severity, String, String)>,
    /// The label at a date after the deadline.
    pub late: String,
    /// The label at the statement of the reporting period.
    pub period: String,
}

impl Run for Deadline {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let field = match self.date {
            DateSource::Signature => cx.doc.fields.signature_date,
            DateSource::Filing => cx.doc.fields.edgar.as_ref().and_then(|h| h.filed),
        };
        let (Some(field), Some(period)) = (field, reporting_period(cx.doc)) else {
            return;
        };
        let year = period.year;
        let deadline = calendar::filing_deadline(year, &cx.settings.extra_closures);
        let mut values = vec![
            ("date", long_date(field.date)),
            ("year", year.to_string()),
            ("deadline", long_date(deadline.date)),
        ];
        if field.date > deadline.date {
            let why = match deadline.reasons.first() {
                Some((day, closure)) => {
                    format!(" ({} was {})", long_date(*day), closure.describe())
                }
                None => String::new(),
            };
            values.push(("why", why.clone()));
            let mut finding = cx.labelled(field.range, &self.late, &values);
            finding
                .secondary
                .push((period.range, super::fill(&self.period, &values)));
            out.push(finding);
        } else if let Some((severity, message, label)) = &self.early
            && field.date.year <= year
        {
            let mut finding = cx.labelled(field.range, label, &values);
            finding.severity = *severity;
            finding.message = super::fill(message, &values);
            finding
                .secondary
                .push((period.range, super::fill(&self.period, &values)));
            out.push(finding);
        }
    }
}
