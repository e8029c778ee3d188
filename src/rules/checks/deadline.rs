//! `deadline`: the report was signed (or filed) after its reporting year ended and no later
//! than the filing deadline: May 31 of the next year, moved to the next business day over
//! weekends, federal holidays and configured SEC closures.
//!
//! ```toml
//! check = { kind = "deadline", date = "signature-date", early-severity = "warning",
//!           early-message = "..." }
//! ```

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
    fields: &["date", "early-severity", "early-message"],
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
    Ok(Check::new(Deadline { date, early }))
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
    /// Severity and message for a date inside the reporting year (signed too early).
    pub early: Option<(Severity, String)>,
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
