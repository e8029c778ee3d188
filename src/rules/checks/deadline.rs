//! `deadline`: the report was signed (or filed) after its reporting year ended and no later
//! than the filing deadline: May 31 of the next year, moved to the next business day over
//! weekends, federal holidays and configured SEC closures.
//!
//! ```toml
//! check = { kind = "deadline", date = "signature-date", early-severity = "warning",
//!           early-message = "..." }
//! ```

use super::periods::reporting_period;
use super::{Context, long_date};
use crate::calendar;
use crate::rules::Finding;
use crate::rules::Severity;

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

#[derive(Debug)]
pub struct Deadline {
    pub date: DateSource,
    /// Severity and message for a date inside the reporting year (signed too early).
    pub early: Option<(Severity, String)>,
}

impl Deadline {
    pub(super) fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let field = match self.date {
            DateSource::Signature => cx.doc.fields.signature_date,
            DateSource::Filing => cx.doc.fields.edgar.as_ref().and_then(|h| h.filed),
        };
        let (Some(field), Some(period)) = (field, reporting_period(cx.doc)) else {
            return;
        };
        let year = period.year;
        let deadline = calendar::filing_deadline(year, &cx.settings.extra_closures);
        let period_label = format!("reporting period: calendar year {year}");
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
            let label = format!(
                "{} is after the deadline of {}{why}",
                long_date(field.date),
                long_date(deadline.date)
            );
            let mut finding = cx.finding_with(field.range, label, &values);
            finding.secondary.push((period.range, period_label));
            out.push(finding);
        } else if let Some((severity, message)) = &self.early
            && field.date.year <= year
        {
            let label = format!(
                "{} is before the reporting period ended",
                long_date(field.date)
            );
            let mut finding = cx.finding_with(field.range, label, &values);
            finding.severity = *severity;
            finding.message = super::fill(message, &values);
            finding.secondary.push((period.range, period_label));
            out.push(finding);
        }
    }
}
