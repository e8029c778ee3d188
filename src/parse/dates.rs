//! Dates and reporting-period statements in the forms filings write them.

use std::sync::LazyLock;

use regex::Regex;

use crate::patterns::ascii;

use crate::date::Date;
use crate::span::TextRange;

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// "May 27, 2021", "May 27th, 2021", "27 May 2021", and dates in numbers (see [`numeric_date`]):
/// "5/27/2021", "27.05.2021", "2021-05-27".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    ascii(&format!(
        r"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(\d{{4}})\b|\b(\d{{4}}|\d{{1,2}})([-/.])(\d{{1,2}})([-/.])(\d{{4}}|\d{{1,2}})\b"
    ))
});

/// "January 1[, 2020] to December 31, 2020", "year ended December 31, 2016", "calendar year 2016".
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"(?i)\b(?:from\s+|between\s+)?january\s+1(?:st)?(?:\s*,?\s*(\d{4}))?\s*,?\s*(?:to|through|thru|and|-)\s*december\s+31(?:st)?\s*,?\s*(\d{4})\b|\b(?:fiscal\s+|calendar\s+)?year\s+end(?:ed|ing)\s+december\s+31\s*,?\s*(\d{4})\b|\bcalendar\s+year\s+(?:of\s+)?(\d{4})\b|\breporting\s+year\s+(?:of\s+)?(\d{4})\b|\b(\d{4})\s+(?:calendar|reporting)\s+(?:year|period)\b",
    )
});

/// The start of a statement of a period: "reporting period from", "fiscal year ended".
static OTHER_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    ascii(
        r"(?i)\b(?:reporting\s+period|period|year)\s+(?:from|between|beginning)\s|\b(?:fiscal\s+year|(?:twelve|12)[-\s]+months?|(?:fifty-two|fifty-three|52|53)[-\s]+weeks?)\s+ended\s",
    )
});

/// How far after "period from" the two dates of a period may be.
const PERIOD_WINDOW: usize = 80;

/// Periods that are not a calendar year: "the reporting period from July 1, 2020 to June 30,
/// 2021" (start and end), "fiscal year ended June 30, 2021" (end only). Ranges are relative to
/// `text`.
pub fn find_other_periods(text: &str) -> Vec<(TextRange, Option<Date>, Date)> {
    let mut found = Vec::new();
    for m in OTHER_PERIOD.find_iter(text) {
        let window_end = crate::span::floor_char_boundary(text, m.end() + PERIOD_WINDOW);
        let window = &text[m.end()..window_end];
        let mut dates = find_dates(window);
        let fiscal = m
            .as_str()
            .to_ascii_lowercase()
            .trim_end()
            .ends_with("ended");
        let (start, end, end_range) = if fiscal {
            match dates.next() {
                Some((r, d)) if r.start() <= 2 => (None, d, r),
                _ => continue,
            }
        } else {
            match (dates.next(), dates.next()) {
                (Some((r1, s)), Some((r2, e)))
                    if r1.start() <= 2 && r2.start() <= r1.end() + 12 =>
                {
                    (Some(s), e, r2)
                }
                _ => continue,
            }
        };
        let calendar_year = end.month == 12
            && end.day == 31
            && start.is_none_or(|s| s.month == 1 && s.day == 1 && s.year == end.year);
        if !calendar_year {
            let range = TextRange::new(m.start(), m.end() + end_range.end());
            found.push((range, start, end));
        }
    }
    found
}

/// Every date in `text`, with its range relative to `text`.
pub fn find_dates(text: &str) -> impl Iterator<Item = (TextRange, Date)> + '_ {
    DATE.captures_iter(text).filter_map(|caps| {
        let whole = caps.get(0)?;
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if caps.get(1).is_some() {
            make_date(num(3)?, month_number(caps.get(1)?.as_str())?, num(2)?)
        } else if caps.get(5).is_some() {
            make_date(num(6)?, month_number(caps.get(5)?.as_str())?, num(4)?)
        } else {
            let separator = caps.get(8)?.as_str();
            if caps.get(10)?.as_str() != separator {
                return None;
            }
            let year_first = caps.get(7)?.len() == 4;
            let year_last = caps.get(11)?.len() == 4;
            numeric_date(
                separator,
                year_first,
                year_last,
                [num(7)?, num(9)?, num(11)?],
            )
        }?;
        Some((TextRange::from(whole.range()), date))
    })
}

/// A date written in numbers, `parts` in the order written, read by the convention of its
/// separator. With the year first it is year, month, day ("2021-05-27", "2021/05/27",
/// "2021.05.27"). With the year last, a slash is the US order, month/day/year ("5/27/2021"),
/// and a dot the European one, day.month.year ("27.05.2021"); when that order gives no date and
/// the other does ("27/05/2021", "05.27.2021": a number over 12 can only be the day), the other
/// is read. So "05/06/2021" is May 6 and "05.06.2021" is June 5. Dashes with the year last
/// ("05-06-2021") are read in neither order, as filings use both.
fn numeric_date(
    separator: &str,
    year_first: bool,
    year_last: bool,
    parts: [u32; 3],
) -> Option<Date> {
    let [first, middle, last] = parts;
    match (year_first, year_last, separator) {
        (true, false, _) => make_date(first, middle, last),
        (false, true, "/") => {
            make_date(last, first, middle).or_else(|| make_date(last, middle, first))
        }
        (false, true, ".") => {
            make_date(last, middle, first).or_else(|| make_date(last, first, middle))
        }
        _ => None,
    }
}

/// A reporting-period statement found in `text`.
pub struct Period {
    pub range: TextRange,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub year: u16,
}

/// Every reporting-period statement in `text`, with ranges relative to `text`.
pub fn find_periods(text: &str) -> impl Iterator<Item = Period> + '_ {
    PERIOD.captures_iter(text).filter_map(|caps| {
        let whole = caps.get(0)?;
        let year_of = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (start, end, year) = if let Some(end_year) = year_of(2) {
            let start_year = year_of(1).unwrap_or(end_year);
            (
                make_date(start_year, 1, 1),
                make_date(end_year, 12, 31),
                end_year,
            )
        } else if let Some(y) = year_of(3) {
            (None, make_date(y, 12, 31), y)
        } else {
            let y = year_of(4).or_else(|| year_of(5)).or_else(|| year_of(6))?;
            (make_date(y, 1, 1), make_date(y, 12, 31), y)
        };
        Some(Period {
            range: TextRange::from(whole.range()),
            start,
            end,
            year: u16::try_from(year).ok()?,
        })
    })
}

fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (day <= days).then_some(Date {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(u16, u8, u8)> {
        find_dates(text)
            .map(|(_, d)| (d.year, d.month, d.day))
            .collect()
    }

    #[test]
    fn reads_the_date_forms_filings_use() {
        assert_eq!(dates("May 27, 2021"), [(2021, 5, 27)]);
        assert_eq!(dates("Officer May 27th, 2021"), [(2021, 5, 27)]);
        assert_eq!(dates("signed 27 May 2021."), [(2021, 5, 27)]);
        assert_eq!(dates("on 5/27/2021"), [(2021, 5, 27)]);
        assert_eq!(dates("2021-05-27"), [(2021, 5, 27)]);
        assert_eq!(dates("Sept. 2, 2014"), [(2014, 9, 2)]);
        assert!(dates("February 30, 2021").is_empty());
        assert!(dates("May 2021").is_empty());
    }

    #[test]
    fn reads_dates_in_numbers_by_the_convention_of_their_separator() {
        // Year first: year, month, day, whatever the separator.
        assert_eq!(
            dates("2021/5/27 and 2021.05.27"),
            [(2021, 5, 27), (2021, 5, 27)]
        );
        // A slash is month/day/year, a dot day.month.year ...
        assert_eq!(dates("05/06/2021"), [(2021, 5, 6)]);
        assert_eq!(dates("05.06.2021"), [(2021, 6, 5)]);
        assert_eq!(dates("signed 27.05.2020."), [(2020, 5, 27)]);
        assert_eq!(dates("Date: 1.6.2020"), [(2020, 6, 1)]);
        // ... unless only the other order is a date.
        assert_eq!(dates("27/05/2020"), [(2020, 5, 27)]);
        assert_eq!(dates("05.27.2020"), [(2020, 5, 27)]);
        // Neither order, mixed separators, dashes with the year last, no year: no date.
        for none in [
            "13.13.2020",
            "31.02.2020",
            "27.05/2020",
            "05-06-2021",
            "27.05.20",
            "1.01.02",
            "Exhibit 1.01",
        ] {
            assert!(dates(none).is_empty(), "{none}");
        }
        // A date after a number that is none still reads.
        assert_eq!(dates("13.13.2020 then 27.05.2020"), [(2020, 5, 27)]);
    }

    #[test]
    fn finds_periods_that_are_not_a_calendar_year() {
        let text = "for the reporting period from July 1, 2020 to June 30, 2021, and the fiscal year ended June 30, 2021; not the period from January 1, 2020 to December 31, 2020; the twelve months ended September 30, 2023";
        let found = find_other_periods(text);
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].2,
            Date {
                year: 2021,
                month: 6,
                day: 30
            }
        );
        assert!(found[1].1.is_none());
    }

    #[test]
    fn reads_reporting_periods() {
        let p: Vec<_> = find_periods("from January 1 to December 31, 2020.").collect();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].year, 2020);
        let p: Vec<_> = find_periods("for the year ended December 31, 2016").collect();
        assert_eq!(p[0].year, 2016);
        let p: Vec<_> = find_periods("between January 1, 2013 and December 31, 2013").collect();
        assert_eq!(p[0].start.map(|d| d.year), Some(2013));
        let p: Vec<_> = find_periods("for calendar year 2020 in").collect();
        assert_eq!(p[0].year, 2020);
        let p: Vec<_> = find_periods("Report for the Reporting Year 2022").collect();
        assert_eq!(p[0].year, 2022);
        let p: Vec<_> = find_periods("for the 2021 calendar year").collect();
        assert_eq!(p[0].year, 2021);
    }
}
