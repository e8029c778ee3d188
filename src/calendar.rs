//! Business days of the SEC and the Form SD filing deadline.
//!
//! Form SD is due by May 31 of the year after the reporting calendar year (General Instructions
//! B.1/B.2). When that day is a Saturday, Sunday or federal legal holiday, Exchange Act Rule 0-3(a)
//! lets papers be filed on the first business day following. The holidays are those of
//! 5 U.S.C. 6103 listed in 17 CFR 201.104; other days the SEC was closed (such as the Dec. 5, 2018
//! national day of mourning) come from configuration as extra closures.
//!
//! Dates are computed with plain integer arithmetic. The holiday schedule is the current one
//! (Monday holidays since 1971, Veterans Day on Nov. 11 since 1978, Martin Luther King Jr. Day
//! since 1986, Juneteenth since 2021); years before 1978 are computed with the same rules.

use serde::Serialize;

use crate::date::Date;

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Monday first, as ISO 8601 numbers the days.
    pub const ALL: [Self; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    /// Days since Monday: 0 for Monday … 6 for Sunday.
    fn index(self) -> u8 {
        match self {
            Self::Monday => 0,
            Self::Tuesday => 1,
            Self::Wednesday => 2,
            Self::Thursday => 3,
            Self::Friday => 4,
            Self::Saturday => 5,
            Self::Sunday => 6,
        }
    }
}

/// Why a day is not a business day of the SEC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Closure {
    Saturday,
    Sunday,
    /// A federal legal holiday, by its statutory name, on its observed date.
    Holiday(&'static str),
    /// A day configured as closed: the SEC was closed although it was neither a weekend nor a
    /// federal holiday.
    Extra,
}

impl Closure {
    /// The closure in words, to follow "was" or "is": "a Saturday", "Memorial Day, a federal
    /// holiday".
    pub fn describe(&self) -> String {
        match self {
            Self::Saturday => "a Saturday".to_owned(),
            Self::Sunday => "a Sunday".to_owned(),
            Self::Holiday(name) => format!("{name}, a federal holiday"),
            Self::Extra => "a day the SEC was closed".to_owned(),
        }
    }
}

/// The last timely filing day of a Form SD and why it is not May 31, if it is not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub date: Date,
    /// Why May 31 was not the deadline: the closure of May 31 and of each following day that was
    /// skipped, in date order. Empty when May 31 is the deadline.
    pub reasons: Vec<(Date, Closure)>,
}

/// Names of the federal legal holidays, as 5 U.S.C. 6103(a) gives them.
const NEW_YEARS_DAY: &str = "New Year's Day";
const MLK_DAY: &str = "Birthday of Martin Luther King, Jr.";
const WASHINGTONS_BIRTHDAY: &str = "Washington's Birthday";
const MEMORIAL_DAY: &str = "Memorial Day";
const JUNETEENTH: &str = "Juneteenth National Independence Day";
const INDEPENDENCE_DAY: &str = "Independence Day";
const LABOR_DAY: &str = "Labor Day";
const COLUMBUS_DAY: &str = "Columbus Day";
const VETERANS_DAY: &str = "Veterans Day";
const THANKSGIVING_DAY: &str = "Thanksgiving Day";
const CHRISTMAS_DAY: &str = "Christmas Day";

/// The month and day Form SD is due, in the year after the reporting year.
const DUE_MONTH: u8 = 5;
const DUE_DAY: u8 = 31;

/// Days since 1970-01-01 of a proleptic Gregorian date (negative before it).
///
/// Howard Hinnant's `days_from_civil`; out-of-range months and days are not rejected, they only
/// give a meaningless number.
fn days_from_civil(date: Date) -> i64 {
    let month = i64::from(date.month);
    let year = i64::from(date.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The day of the week of `date` (proleptic Gregorian calendar).
pub fn weekday(date: Date) -> Weekday {
    // 1970-01-01 was a Thursday, three days after a Monday.
    match (days_from_civil(date) + 3).rem_euclid(7) {
        0 => Weekday::Monday,
        1 => Weekday::Tuesday,
        2 => Weekday::Wednesday,
        3 => Weekday::Thursday,
        4 => Weekday::Friday,
        5 => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

/// Whether `year` has a February 29.
pub fn is_leap_year(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// The number of days of `month` (1–12) in `year`; 0 for a month outside 1–12.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The day after `date`. December 31 of year 65535 has no successor and is returned unchanged.
pub fn next_day(date: Date) -> Date {
    if date.day < days_in_month(date.year, date.month) {
        Date {
            day: date.day + 1,
            ..date
        }
    } else if date.month < 12 {
        Date {
            month: date.month + 1,
            day: 1,
            ..date
        }
    } else {
        match date.year.checked_add(1) {
            Some(year) => Date {
                year,
                month: 1,
                day: 1,
            },
            None => date,
        }
    }
}

/// The day before `date`. January 1 of year 0 is returned unchanged.
fn previous_day(date: Date) -> Date {
    if date.day > 1 {
        Date {
            day: date.day - 1,
            ..date
        }
    } else if date.month > 1 {
        let month = date.month - 1;
        Date {
            month,
            day: days_in_month(date.year, month),
            ..date
        }
    } else {
        match date.year.checked_sub(1) {
            Some(year) => Date {
                year,
                month: 12,
                day: 31,
            },
            None => date,
        }
    }
}

/// The `n`th (1-based) `day` of `month` in `year`.
fn nth_weekday(year: u16, month: u8, day: Weekday, n: u8) -> Date {
    let first = Date {
        year,
        month,
        day: 1,
    };
    let offset = (day.index() + 7 - weekday(first).index()) % 7;
    Date {
        day: 1 + offset + 7 * n.saturating_sub(1),
        ..first
    }
}

/// The last `day` of `month` in `year`.
fn last_weekday(year: u16, month: u8, day: Weekday) -> Date {
    let last = Date {
        year,
        month,
        day: days_in_month(year, month),
    };
    let offset = (weekday(last).index() + 7 - day.index()) % 7;
    Date {
        day: last.day.saturating_sub(offset),
        ..last
    }
}

/// The day a fixed-date holiday is observed (5 U.S.C. 6103(b); E.O. 11582): a Saturday holiday
/// on the Friday before, a Sunday holiday on the Monday after.
fn observed(holiday: Date) -> Date {
    match weekday(holiday) {
        Weekday::Saturday => previous_day(holiday),
        Weekday::Sunday => next_day(holiday),
        _ => holiday,
    }
}

/// The observed date of a holiday fixed on `month`/`day` of `year`.
fn fixed(year: u16, month: u8, day: u8) -> Date {
    observed(Date { year, month, day })
}

/// The federal legal holidays of `year`, observed dates, with their names, in date order.
///
/// Each holiday of `year` appears once, on the day it is observed. New Year's Day on a Saturday
/// is observed on December 31 of the year before, so that entry, first in the list, can carry
/// the previous year: the list for 2022 starts with 2021-12-31.
pub fn federal_holidays(year: u16) -> Vec<(Date, &'static str)> {
    let mut holidays = vec![(fixed(year, 1, 1), NEW_YEARS_DAY)];
    if year >= 1986 {
        holidays.push((nth_weekday(year, 1, Weekday::Monday, 3), MLK_DAY));
    }
    holidays.extend([
        (
            nth_weekday(year, 2, Weekday::Monday, 3),
            WASHINGTONS_BIRTHDAY,
        ),
        (last_weekday(year, 5, Weekday::Monday), MEMORIAL_DAY),
    ]);
    if year >= 2021 {
        holidays.push((fixed(year, 6, 19), JUNETEENTH));
    }
    holidays.extend([
        (fixed(year, 7, 4), INDEPENDENCE_DAY),
        (nth_weekday(year, 9, Weekday::Monday, 1), LABOR_DAY),
        (nth_weekday(year, 10, Weekday::Monday, 2), COLUMBUS_DAY),
        (fixed(year, 11, 11), VETERANS_DAY),
        (
            nth_weekday(year, 11, Weekday::Thursday, 4),
            THANKSGIVING_DAY,
        ),
        (fixed(year, 12, 25), CHRISTMAS_DAY),
    ]);
    holidays.sort_by_key(|&(date, _)| date);
    holidays
}

/// The federal holiday observed on `date`, if any, including a New Year's Day of the next year
/// observed on December 31.
fn holiday_on(date: Date) -> Option<&'static str> {
    let this_year = federal_holidays(date.year);
    let next_year = match date.year.checked_add(1) {
        Some(year) if date.month == 12 => federal_holidays(year),
        _ => Vec::new(),
    };
    this_year
        .into_iter()
        .chain(next_year)
        .find(|&(day, _)| day == date)
        .map(|(_, name)| name)
}

/// Why a day is not a business day, if it is not one.
///
/// A weekend is reported before a holiday or an extra closure on the same day.
pub fn closure(date: Date, extra_closures: &[Date]) -> Option<Closure> {
    match weekday(date) {
        Weekday::Saturday => Some(Closure::Saturday),
        Weekday::Sunday => Some(Closure::Sunday),
        _ => holiday_on(date)
            .map(Closure::Holiday)
            .or_else(|| extra_closures.contains(&date).then_some(Closure::Extra)),
    }
}

/// The last day a Form SD for `reporting_year` is timely: May 31 of the next year, moved to the
/// next business day (Rule 0-3(a)).
pub fn filing_deadline(reporting_year: u16, extra_closures: &[Date]) -> Deadline {
    let mut date = Date {
        year: reporting_year.saturating_add(1),
        month: DUE_MONTH,
        day: DUE_DAY,
    };
    let mut reasons = Vec::new();
    while let Some(reason) = closure(date, extra_closures) {
        reasons.push((date, reason));
        let next = next_day(date);
        if next == date {
            break;
        }
        date = next;
    }
    Deadline { date, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// A reporting year, its deadline, the deadline's weekday, and the closures skipped.
    type Row = (u16, Date, Weekday, Vec<(Date, Closure)>);

    /// Requirements §0.4, reporting years 2013–2030.
    fn table() -> Vec<Row> {
        use Closure::{Holiday, Saturday, Sunday};
        use Weekday::{Friday, Monday, Thursday, Tuesday, Wednesday};
        vec![
            (
                2013,
                date(2014, 6, 2),
                Monday,
                vec![(date(2014, 5, 31), Saturday), (date(2014, 6, 1), Sunday)],
            ),
            (
                2014,
                date(2015, 6, 1),
                Monday,
                vec![(date(2015, 5, 31), Sunday)],
            ),
            (2015, date(2016, 5, 31), Tuesday, vec![]),
            (2016, date(2017, 5, 31), Wednesday, vec![]),
            (2017, date(2018, 5, 31), Thursday, vec![]),
            (2018, date(2019, 5, 31), Friday, vec![]),
            (
                2019,
                date(2020, 6, 1),
                Monday,
                vec![(date(2020, 5, 31), Sunday)],
            ),
            (
                2020,
                date(2021, 6, 1),
                Tuesday,
                vec![(date(2021, 5, 31), Holiday("Memorial Day"))],
            ),
            (2021, date(2022, 5, 31), Tuesday, vec![]),
            (2022, date(2023, 5, 31), Wednesday, vec![]),
            (2023, date(2024, 5, 31), Friday, vec![]),
            (
                2024,
                date(2025, 6, 2),
                Monday,
                vec![(date(2025, 5, 31), Saturday), (date(2025, 6, 1), Sunday)],
            ),
            (
                2025,
                date(2026, 6, 1),
                Monday,
                vec![(date(2026, 5, 31), Sunday)],
            ),
            (
                2026,
                date(2027, 6, 1),
                Tuesday,
                vec![(date(2027, 5, 31), Holiday("Memorial Day"))],
            ),
            (2027, date(2028, 5, 31), Wednesday, vec![]),
            (2028, date(2029, 5, 31), Thursday, vec![]),
            (2029, date(2030, 5, 31), Friday, vec![]),
            (
                2030,
                date(2031, 6, 2),
                Monday,
                vec![(date(2031, 5, 31), Saturday), (date(2031, 6, 1), Sunday)],
            ),
        ]
    }

    #[test]
    fn deadlines_match_the_requirements_table() {
        let table = table();
        assert_eq!(table.len(), 18);
        for (year, due, day, reasons) in table {
            let deadline = filing_deadline(year, &[]);
            assert_eq!(deadline.date, due, "reporting year {year}");
            assert_eq!(weekday(deadline.date), day, "reporting year {year}");
            assert_eq!(deadline.reasons, reasons, "reporting year {year}");
            assert_eq!(closure(deadline.date, &[]), None, "reporting year {year}");
        }
    }

    #[test]
    fn weekday_of_known_dates() {
        assert_eq!(weekday(date(1970, 1, 1)), Weekday::Thursday);
        assert_eq!(weekday(date(2000, 1, 1)), Weekday::Saturday);
        assert_eq!(weekday(date(2000, 2, 29)), Weekday::Tuesday);
        assert_eq!(weekday(date(1900, 3, 1)), Weekday::Thursday);
        assert_eq!(weekday(date(1600, 1, 1)), Weekday::Saturday);
        assert_eq!(weekday(date(2012, 8, 22)), Weekday::Wednesday);
        assert_eq!(weekday(date(2014, 6, 2)), Weekday::Monday);
        assert_eq!(weekday(date(2018, 12, 5)), Weekday::Wednesday);
        assert_eq!(weekday(date(2021, 5, 27)), Weekday::Thursday);
        assert_eq!(weekday(date(2024, 12, 31)), Weekday::Tuesday);
        assert_eq!(weekday(date(2026, 7, 4)), Weekday::Saturday);
    }

    #[test]
    fn weekday_survives_invalid_and_extreme_dates() {
        assert_eq!(weekday(date(0, 1, 1)), Weekday::Saturday);
        assert_eq!(weekday(date(u16::MAX, 12, 31)), Weekday::Tuesday);
        // Nonsense dates give some weekday rather than a panic.
        let _ = weekday(date(0, 0, 0));
        let _ = weekday(date(u16::MAX, 255, 255));
        let _ = closure(date(2021, 13, 40), &[]);
        assert_eq!(next_day(date(2021, 13, 40)), date(2022, 1, 1));
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2023));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2023, 4), 30);
        assert_eq!(days_in_month(2023, 12), 31);
        assert_eq!(days_in_month(2023, 0), 0);
        assert_eq!(days_in_month(2023, 13), 0);
        let total: u32 = (1..=12).map(|m| u32::from(days_in_month(2024, m))).sum();
        assert_eq!(total, 366);
    }

    #[test]
    fn next_day_rolls_over_months_and_years() {
        assert_eq!(next_day(date(2024, 2, 28)), date(2024, 2, 29));
        assert_eq!(next_day(date(2024, 2, 29)), date(2024, 3, 1));
        assert_eq!(next_day(date(2023, 2, 28)), date(2023, 3, 1));
        assert_eq!(next_day(date(2025, 5, 31)), date(2025, 6, 1));
        assert_eq!(next_day(date(2025, 12, 31)), date(2026, 1, 1));
        assert_eq!(next_day(date(u16::MAX, 12, 31)), date(u16::MAX, 12, 31));
        assert_eq!(previous_day(date(2025, 1, 1)), date(2024, 12, 31));
        assert_eq!(previous_day(date(2024, 3, 1)), date(2024, 2, 29));
        assert_eq!(previous_day(date(0, 1, 1)), date(0, 1, 1));
    }

    #[test]
    fn next_day_agrees_with_day_numbers() {
        let mut day = date(1999, 1, 1);
        for _ in 0..(366 * 30) {
            let next = next_day(day);
            assert_eq!(days_from_civil(next), days_from_civil(day) + 1, "{day:?}");
            assert_eq!(previous_day(next), day);
            day = next;
        }
    }

    #[test]
    fn holidays_of_2026() {
        let expected = vec![
            (date(2026, 1, 1), "New Year's Day"),
            (date(2026, 1, 19), "Birthday of Martin Luther King, Jr."),
            (date(2026, 2, 16), "Washington's Birthday"),
            (date(2026, 5, 25), "Memorial Day"),
            (date(2026, 6, 19), "Juneteenth National Independence Day"),
            (date(2026, 7, 3), "Independence Day"),
            (date(2026, 9, 7), "Labor Day"),
            (date(2026, 10, 12), "Columbus Day"),
            (date(2026, 11, 11), "Veterans Day"),
            (date(2026, 11, 26), "Thanksgiving Day"),
            (date(2026, 12, 25), "Christmas Day"),
        ];
        assert_eq!(federal_holidays(2026), expected);
    }

    #[test]
    fn holidays_of_2021_match_opm() {
        // OPM's 2021 list: Juneteenth observed on Friday June 18, Independence Day on Monday
        // July 5, Christmas on Friday December 24.
        let dates: Vec<Date> = federal_holidays(2021).into_iter().map(|(d, _)| d).collect();
        assert_eq!(
            dates,
            vec![
                date(2021, 1, 1),
                date(2021, 1, 18),
                date(2021, 2, 15),
                date(2021, 5, 31),
                date(2021, 6, 18),
                date(2021, 7, 5),
                date(2021, 9, 6),
                date(2021, 10, 11),
                date(2021, 11, 11),
                date(2021, 11, 25),
                date(2021, 12, 24),
            ]
        );
    }

    #[test]
    fn fixed_holidays_move_off_weekends() {
        let on = |year, name| {
            federal_holidays(year)
                .into_iter()
                .find(|&(_, n)| n == name)
                .map(|(d, _)| d)
        };
        assert_eq!(on(2026, "Independence Day"), Some(date(2026, 7, 3)));
        assert_eq!(on(2022, "Christmas Day"), Some(date(2022, 12, 26)));
        assert_eq!(
            on(2021, "Juneteenth National Independence Day"),
            Some(date(2021, 6, 18))
        );
        assert_eq!(on(2023, "Veterans Day"), Some(date(2023, 11, 10)));
        assert_eq!(on(2023, "New Year's Day"), Some(date(2023, 1, 2)));
        assert_eq!(
            closure(date(2026, 7, 3), &[]),
            Some(Closure::Holiday("Independence Day"))
        );
        assert_eq!(closure(date(2026, 7, 4), &[]), Some(Closure::Saturday));
        assert_eq!(closure(date(2022, 12, 25), &[]), Some(Closure::Sunday));
        assert_eq!(
            closure(date(2022, 12, 26), &[]),
            Some(Closure::Holiday("Christmas Day"))
        );
    }

    #[test]
    fn new_years_day_on_a_saturday_is_observed_the_year_before() {
        let holidays = federal_holidays(2022);
        assert_eq!(
            holidays.first(),
            Some(&(date(2021, 12, 31), "New Year's Day"))
        );
        assert_eq!(holidays.len(), 11);
        assert!(holidays[1..].iter().all(|&(d, _)| d.year == 2022));
        assert_eq!(
            closure(date(2021, 12, 31), &[]),
            Some(Closure::Holiday("New Year's Day"))
        );
        assert_eq!(closure(date(2022, 1, 1), &[]), Some(Closure::Saturday));
    }

    #[test]
    fn holidays_are_weekdays_in_date_order() {
        for year in 1990..=2060 {
            let holidays = federal_holidays(year);
            assert!(holidays.windows(2).all(|w| w[0].0 < w[1].0), "{year}");
            for (day, name) in holidays {
                let wd = weekday(day);
                assert!(
                    wd != Weekday::Saturday && wd != Weekday::Sunday,
                    "{year} {name}"
                );
                assert_eq!(
                    closure(day, &[]),
                    Some(Closure::Holiday(name)),
                    "{year} {name}"
                );
            }
        }
    }

    #[test]
    fn juneteenth_only_from_2021_and_mlk_day_from_1986() {
        let names =
            |year| -> Vec<&str> { federal_holidays(year).into_iter().map(|(_, n)| n).collect() };
        assert!(!names(2020).contains(&"Juneteenth National Independence Day"));
        assert!(names(2021).contains(&"Juneteenth National Independence Day"));
        assert_eq!(federal_holidays(2020).len(), 10);
        assert_eq!(closure(date(2020, 6, 19), &[]), None);
        assert!(!names(1985).contains(&"Birthday of Martin Luther King, Jr."));
        assert!(names(1986).contains(&"Birthday of Martin Luther King, Jr."));
    }

    #[test]
    fn monday_and_thursday_holidays() {
        let on = |year, name| {
            federal_holidays(year)
                .into_iter()
                .find(|&(_, n)| n == name)
                .map(|(d, _)| d)
        };
        assert_eq!(on(2021, "Memorial Day"), Some(date(2021, 5, 31)));
        assert_eq!(on(2027, "Memorial Day"), Some(date(2027, 5, 31)));
        assert_eq!(on(2025, "Memorial Day"), Some(date(2025, 5, 26)));
        assert_eq!(on(2024, "Thanksgiving Day"), Some(date(2024, 11, 28)));
        assert_eq!(
            on(2025, "Birthday of Martin Luther King, Jr."),
            Some(date(2025, 1, 20))
        );
        assert_eq!(on(2025, "Washington's Birthday"), Some(date(2025, 2, 17)));
        assert_eq!(on(2025, "Labor Day"), Some(date(2025, 9, 1)));
        assert_eq!(on(2025, "Columbus Day"), Some(date(2025, 10, 13)));
    }

    #[test]
    fn business_days_have_no_closure() {
        assert_eq!(closure(date(2019, 5, 31), &[]), None);
        assert_eq!(closure(date(2018, 12, 5), &[]), None);
        assert_eq!(
            closure(date(2018, 12, 5), &[date(2018, 12, 5)]),
            Some(Closure::Extra)
        );
        // A weekend is the reason even when the day is also configured as closed.
        assert_eq!(
            closure(date(2025, 5, 31), &[date(2025, 5, 31)]),
            Some(Closure::Saturday)
        );
    }

    #[test]
    fn an_extra_closure_on_may_31_moves_the_deadline_a_day() {
        let closed = [date(2016, 5, 31)];
        let deadline = filing_deadline(2015, &closed);
        assert_eq!(deadline.date, date(2016, 6, 1));
        assert_eq!(deadline.reasons, vec![(date(2016, 5, 31), Closure::Extra)]);
    }

    #[test]
    fn an_extra_closure_on_a_friday_skips_the_weekend_too() {
        let deadline = filing_deadline(2018, &[date(2019, 5, 31)]);
        assert_eq!(deadline.date, date(2019, 6, 3));
        assert_eq!(
            deadline.reasons,
            vec![
                (date(2019, 5, 31), Closure::Extra),
                (date(2019, 6, 1), Closure::Saturday),
                (date(2019, 6, 2), Closure::Sunday),
            ]
        );
    }

    #[test]
    fn reasons_explain_every_skipped_day() {
        // May 31, 2020 is a Sunday; June 1 and 2 configured as closed.
        let closed = [date(2020, 6, 1), date(2020, 6, 2)];
        let deadline = filing_deadline(2019, &closed);
        assert_eq!(deadline.date, date(2020, 6, 3));
        assert_eq!(
            deadline.reasons,
            vec![
                (date(2020, 5, 31), Closure::Sunday),
                (date(2020, 6, 1), Closure::Extra),
                (date(2020, 6, 2), Closure::Extra),
            ]
        );
        // The reasons are exactly the days from May 31 up to the deadline.
        let mut day = date(2020, 5, 31);
        for &(skipped, reason) in &deadline.reasons {
            assert_eq!(skipped, day);
            assert_eq!(closure(skipped, &closed), Some(reason));
            day = next_day(day);
        }
        assert_eq!(day, deadline.date);
    }

    #[test]
    fn closures_elsewhere_in_the_year_do_not_matter() {
        // The Dec. 5, 2018 national day of mourning did not move the CY2018 deadline.
        assert_eq!(
            filing_deadline(2018, &[date(2018, 12, 5)]),
            filing_deadline(2018, &[])
        );
    }

    #[test]
    fn the_last_year_does_not_loop() {
        let deadline = filing_deadline(u16::MAX, &[]);
        assert_eq!(deadline.date.year, u16::MAX);
        assert!(deadline.date.month >= 5);
    }

    #[test]
    fn closures_describe_themselves() {
        assert_eq!(Closure::Saturday.describe(), "a Saturday");
        assert_eq!(Closure::Sunday.describe(), "a Sunday");
        assert_eq!(
            Closure::Holiday("Memorial Day").describe(),
            "Memorial Day, a federal holiday"
        );
        assert_eq!(Closure::Extra.describe(), "a day the SEC was closed");
    }
}
