//! `form-edition`: the exhibits item is numbered as in the edition of Form SD in force when the
//! report was filed (or signed): Item 2.01 before March 16, 2021, Item 3.01 from then on, as
//! `rules/data/form-editions.txt` lists the editions. An undated draft is judged by its
//! reporting year, whose report is filed by May 31 of the next.
//!
//! ```toml
//! check = { kind = "form-edition", label = { item = "Item {found}", filed = "filed {date}", signed = "signed {date}", year = "reporting year {year}" } }
//! ```

use std::sync::LazyLock;

use super::kind::{Check, Kind, Run};
use super::{Context, long_date};
use crate::data;
use crate::date::Date;
use crate::parse::{LineKind, Scope};
use crate::rules::Finding;

/// The `form-edition` kind.
pub const FORM_EDITION: Kind = Kind {
    name: "form-edition",
    fields: &["label"],
    placeholders: &["date", "expected", "found", "when", "year"],
    table: None,
    compile: |src| {
        let [item, filed, signed, year] = src.labels(["item", "filed", "signed", "year"])?;
        Ok(Check::new(FormEdition {
            item,
            filed,
            signed,
            year,
        }))
    },
};

/// A compiled `form-edition` check, with its labels: `item` at the item's number; at what tells
/// the edition, `filed` or `signed` (the date, `{date}`) or, for an undated draft, `year` (the
/// reporting year, `{year}`). `{date}` and `{year}` are filled only where they are known.
#[derive(Debug)]
struct FormEdition {
    item: String,
    filed: String,
    signed: String,
    year: String,
}

impl Run for FormEdition {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        form_edition(self, cx, out);
    }
}

/// An edition of Form SD, as `rules/data/form-editions.txt` gives it.
#[derive(Debug, PartialEq, Eq)]
struct Edition {
    /// The number it gives the exhibits item: "2.01", "3.01".
    item: &'static str,
    /// The day it took effect; `None` for the first.
    from: Option<Date>,
}

/// The editions, oldest first.
static EDITIONS: LazyLock<Vec<Edition>> = LazyLock::new(|| data::load(editions()));

const FILE: &str = "form-editions.txt";

fn editions() -> Result<Vec<Edition>, String> {
    let lines = data::list(FILE, data::text("form-editions.txt"))?;
    let mut editions: Vec<Edition> = Vec::with_capacity(lines.len());
    for line in lines {
        let (item, from) = match line.split_once(' ') {
            Some((item, from)) => (item, Some(iso_date(from)?)),
            None => (line, None),
        };
        let ordered = match (editions.last(), from) {
            (None, None) => true,
            (Some(last), Some(from)) => last.from.is_none_or(|d| d < from),
            _ => false,
        };
        if !ordered {
            return Err(format!(
                "rules/data/{FILE}: `{line}`: the first edition has no date, and each later one a date after the one before"
            ));
        }
        editions.push(Edition { item, from });
    }
    Ok(editions)
}

/// A date written YYYY-MM-DD.
fn iso_date(text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let date = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse(), m.parse(), d.parse()) {
                (Ok(year), Ok(month @ 1..=12), Ok(day @ 1..=31)) => Some(Date { year, month, day }),
                _ => None,
            }
        }
        _ => None,
    };
    date.ok_or_else(|| format!("rules/data/{FILE}: `{text}` is not a date written YYYY-MM-DD"))
}

fn form_edition(check: &FormEdition, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let Some(item) = doc.scope(Scope::ExhibitsItem) else {
        return;
    };
    let numbered = doc
        .lines
        .iter()
        .filter(|l| item.range.contains_range(l.range))
        .find_map(|l| match &l.kind {
            LineKind::Item(i) if is_edition_item(&i.number) => Some((i.range, i.number.clone())),
            LineKind::Section { item: Some(i), .. } if is_edition_item(&i.number) => {
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
        .map(|d| (d, &check.filed))
        .or(doc.fields.signature_date.map(|d| (d, &check.signed)));
    let (expected, when, secondary) = match dated {
        Some((date, how)) => (
            edition_on(date.date),
            format!("on {}", long_date(date.date)),
            (date.range, how, ("date", long_date(date.date))),
        ),
        // An undated draft: a report on year Y is filed by May 31 of Y + 1, so the year tells
        // the edition, except for 2020, whose reports could be filed on either side of the
        // change.
        None => {
            let Some(period) = super::periods::reporting_period(doc) else {
                return;
            };
            let filed_in = period.year + 1;
            let Some(expected) = edition_in(filed_in) else {
                return;
            };
            (
                expected,
                format!(
                    "for reporting year {} (filed by May 31, {filed_in})",
                    period.year
                ),
                (period.range, &check.year, ("year", period.year.to_string())),
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
        secondary.2,
    ];
    let mut finding = cx.labelled(range, &check.item, &values);
    finding
        .secondary
        .push((secondary.0, super::fill(secondary.1, &values)));
    out.push(finding);
}

/// Whether `number` is the exhibits item's number in an edition of Form SD.
fn is_edition_item(number: &str) -> bool {
    EDITIONS.iter().any(|e| e.item == number)
}

/// The exhibits item's number in the edition of Form SD in force on `date`.
fn edition_on(date: Date) -> &'static str {
    EDITIONS
        .iter()
        .rev()
        .find(|e| e.from.is_none_or(|from| from <= date))
        .map_or("", |e| e.item)
}

/// The exhibits item's number in the edition in force all through `year`; `None` when an edition
/// took effect that year.
fn edition_in(year: u16) -> Option<&'static str> {
    if EDITIONS
        .iter()
        .any(|e| e.from.is_some_and(|d| d.year == year))
    {
        return None;
    }
    Some(edition_on(Date {
        year,
        month: 1,
        day: 1,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rules/data/form-editions.txt` loads (a malformed line fails here), and gives each date
    /// the edition in force.
    #[test]
    fn editions_load_and_tell_the_item() {
        let editions = editions().unwrap_or_else(|err| panic!("{err}"));
        assert!(editions.len() >= 2);
        let day = |year, month, day| Date { year, month, day };
        assert_eq!(edition_on(day(2021, 3, 15)), "2.01");
        assert_eq!(edition_on(day(2021, 3, 16)), "3.01");
        assert_eq!(edition_in(2020), Some("2.01"));
        assert_eq!(edition_in(2021), None);
        assert_eq!(edition_in(2022), Some("3.01"));
        assert!(iso_date("2021-3-16").is_err() && iso_date("2021-13-01").is_err());
    }
}
