//! `form-edition`: the exhibits item is numbered as in the edition of Form SD in force when the
//! report was filed (or signed): Item 2.01 before March 16, 2021, Item 3.01 from then on. An
//! undated draft is judged by its reporting year, whose report is filed by May 31 of the next.
//!
//! ```toml
//! check = { kind = "form-edition" }
//! ```

use super::kind::{Check, Kind, Run};
use super::{Context, long_date};
use crate::date::Date;
use crate::parse::{LineKind, Scope};
use crate::rules::Finding;

/// The `form-edition` kind.
pub const FORM_EDITION: Kind = Kind {
    name: "form-edition",
    fields: &[],
    placeholders: &["expected", "found", "when"],
    table: None,
    compile: |_| Ok(Check::new(FormEdition)),
};

/// A compiled `form-edition` check, which takes no configuration.
#[derive(Debug)]
struct FormEdition;

impl Run for FormEdition {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        form_edition(cx, out);
    }
}

/// The effective date of the 2020 amendments (Release No. 34-90679) that moved the exhibits item.
pub const ITEM_3_01_FROM: Date = Date {
    year: 2021,
    month: 3,
    day: 16,
};

fn form_edition(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(item) = doc.scope(Scope::ExhibitsItem) else {
        return;
    };
    let numbered = doc
        .lines
        .iter()
        .filter(|l| item.range.contains_range(l.range))
        .find_map(|l| match &l.kind {
            LineKind::Item(i) if matches!(i.number.as_str(), "2.01" | "3.01") => {
                Some((i.range, i.number.clone()))
            }
            LineKind::Section { item: Some(i), .. }
                if matches!(i.number.as_str(), "2.01" | "3.01") =>
            {
                Some((i.range, i.number.clone()))
            }
            _ => None,
        });
    let Some((range, number)) = numbered else {
        return;
    };
    let dated = doc
        .fields
        .edgar
        .as_ref()
        .and_then(|h| h.filed)
        .map(|d| (d, "filed"))
        .or(doc.fields.signature_date.map(|d| (d, "signed")));
    let (expected, when, secondary) = match dated {
        Some((date, how)) => (
            edition_on(date.date),
            format!("on {}", long_date(date.date)),
            (date.range, format!("{how} {}", long_date(date.date))),
        ),
        // An undated draft: a report on year Y is filed by May 31 of Y + 1, so the year tells
        // the edition, except for 2020, whose reports could be filed on either side of the
        // change.
        None => {
            let Some(period) = super::periods::reporting_period(doc) else {
                return;
            };
            let filed_in = period.year + 1;
            let expected = match filed_in {
                y if y > ITEM_3_01_FROM.year => "3.01",
                y if y < ITEM_3_01_FROM.year => "2.01",
                _ => return,
            };
            (
                expected,
                format!(
                    "for reporting year {} (filed by May 31, {filed_in})",
                    period.year
                ),
                (period.range, format!("reporting year {}", period.year)),
            )
        }
    };
    if number == expected {
        return;
    }
    let values = [
        ("found", number.clone()),
        ("expected", expected.to_owned()),
        ("when", when),
    ];
    let mut finding = cx.finding_with(range, format!("Item {number}"), &values);
    finding.secondary.push(secondary);
    out.push(finding);
}

/// The exhibits item's number in the edition of Form SD in force on `date`.
fn edition_on(date: Date) -> &'static str {
    if date >= ITEM_3_01_FROM {
        "3.01"
    } else {
        "2.01"
    }
}
