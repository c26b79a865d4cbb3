//! Dates: the one home of calendar arithmetic, ISO 8601 parsing and the
//! Hijri calendar.
//!
//! Every other module that needs a date takes a [`Date`] or a
//! [`Timestamp`] from here rather than parsing strings itself: the
//! article's `published` and `updated` are parsed once, at import, into a
//! [`Timestamp`] that keeps the publisher's text (for `datetime`
//! attributes and JSON-LD) beside the calendar date (for display and for
//! resolving "yesterday" in the annotator).
//!
//! ```
//! use rtl_article::date::{Date, Timestamp};
//! let published: Timestamp = "2017-05-27T09:30:00+03:00".parse().unwrap();
//! assert_eq!(published.date(), Date::new(2017, 5, 27).unwrap());
//! assert_eq!(published.as_str(), "2017-05-27T09:30:00+03:00");
//! assert_eq!(published.date().weekday(), 6); // a Saturday (0 = Sunday)
//! assert!("2017-02-29".parse::<Timestamp>().is_err());
//! ```

pub mod hijri;
mod iso;

pub use iso::{is_iso_date, Timestamp};

/// A day of the proleptic Gregorian calendar, years 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1–9999.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// The date, when it exists (no 31 April, no 29 February 2017).
    ///
    /// ```
    /// use rtl_article::date::Date;
    /// assert!(Date::new(2016, 2, 29).is_some());
    /// assert!(Date::new(2017, 2, 29).is_none());
    /// assert!(Date::new(0, 1, 1).is_none());
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        is_valid(year, month, day).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date `days` days after 1970-01-01, when it lies in years 1–9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::new(y, m, d)
    }

    /// The day of the week, 0 = Sunday … 6 = Saturday.
    pub fn weekday(self) -> u32 {
        weekday(self.days()) as u32
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` of `year` (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `year-month-day` exists, in years 1–9999.
pub fn is_valid(year: i32, month: u32, day: u32) -> bool {
    (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm; any
/// year, no validity check).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `days` after 1970-01-01 (the inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m as u32, d as u32)
}

/// The weekday of a day count, 0 = Sunday … 6 = Saturday (1970-01-01 was a
/// Thursday).
pub fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 17_317, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(weekday(days_from_civil(2017, 5, 31)), 3); // a Wednesday
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1));
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2016, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2017, 13), 0);
        assert!(!is_valid(2017, 4, 31));
        assert!(!is_valid(10_000, 1, 1));
    }
}
