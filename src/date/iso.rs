//! ISO 8601 dates and date-times as articles carry them (`published`,
//! `updated`, `<time datetime>`), parsed once into a [`Timestamp`].

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::Date;

/// An ISO 8601 calendar date (`2017-05-31`) or date-time (`2017-05-31T09:30`,
/// with optional seconds and fraction, and an optional `Z` or `±hh:mm`
/// offset), as the publisher wrote it, with its calendar date.
///
/// It serializes as the text, so an article's JSON keeps the publisher's
/// form; [`Timestamp::date`] is the day it names (in the writer's own time
/// zone: `2017-05-31T23:30-05:00` is 31 May).
///
/// ```
/// use rtl_article::date::Timestamp;
/// let t = Timestamp::parse(" 2024-02-29T23:59Z ").unwrap();
/// assert_eq!(t.as_str(), "2024-02-29T23:59Z");
/// assert_eq!(t.date().day, 29);
/// assert!(Timestamp::parse("15/5/2017").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    date: Date,
}

impl Timestamp {
    /// Parse `s` (leading and trailing white space ignored); `None` when it
    /// is not an ISO 8601 date or date-time, or names a day that does not
    /// exist.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        let (date, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let date = calendar_date(date)?;
        if !time.is_none_or(is_time_with_offset) {
            return None;
        }
        Some(Timestamp {
            text: s.to_string(),
            date,
        })
    }

    /// The text as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The calendar date.
    pub fn date(&self) -> Date {
        self.date
    }
}

/// The error of parsing a [`Timestamp`] from a string that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotIso8601;

impl fmt::Display for NotIso8601 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected an ISO 8601 date or date-time")
    }
}

impl std::error::Error for NotIso8601 {}

impl FromStr for Timestamp {
    type Err = NotIso8601;

    fn from_str(s: &str) -> Result<Timestamp, NotIso8601> {
        Timestamp::parse(s).ok_or(NotIso8601)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl From<Date> for Timestamp {
    fn from(date: Date) -> Timestamp {
        Timestamp { text: date.iso(), date }
    }
}

/// Whether `s` is an ISO 8601 calendar date or date-time (see [`Timestamp`]).
///
/// ```
/// use rtl_article::date::is_iso_date;
/// assert!(is_iso_date("2017-05-31"));
/// assert!(is_iso_date("2017-05-31T09:30:00.250+03:00"));
/// assert!(is_iso_date("2024-02-29T23:59Z"));
/// assert!(!is_iso_date("2023-02-29"));
/// assert!(!is_iso_date("15/5/2017"));
/// ```
pub fn is_iso_date(s: &str) -> bool {
    Timestamp::parse(s).is_some()
}

/// ASCII digits as a number (no sign, no empty string).
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn calendar_date(s: &str) -> Option<Date> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(digits(y)? as i32, digits(m)?, digits(d)?)
}

fn is_time_with_offset(s: &str) -> bool {
    let (time, offset) = if let Some(t) = s.strip_suffix('Z') {
        (t, None)
    } else if let Some(i) = s.rfind(['+', '-']) {
        (&s[..i], Some(&s[i + 1..]))
    } else {
        (s, None)
    };
    let offset_ok = offset
        .is_none_or(|o| matches!(o.split_once(':'), Some((h, m)) if two_digits_upto(h, 23) && two_digits_upto(m, 59)));
    let (hms, fraction) = match time.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (time, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let fields_ok = match parts.as_slice() {
        [h, m] => fraction.is_none() && two_digits_upto(h, 23) && two_digits_upto(m, 59),
        [h, m, sec] => two_digits_upto(h, 23) && two_digits_upto(m, 59) && two_digits_upto(sec, 60),
        _ => false,
    };
    offset_ok && fields_ok && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn two_digits_upto(s: &str, max: u32) -> bool {
    s.len() == 2 && digits(s).is_some_and(|v| v <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_and_offsets() {
        assert!(is_iso_date("2017-05-31T09:30:00.123456789Z"));
        assert!(is_iso_date("2017-05-31T09:30-05:00"));
        assert!(!is_iso_date("2017-05-31T24:00"));
        assert!(!is_iso_date("2017-5-31"));
        assert!(!is_iso_date("2017-05-31T09:30:00."));
        assert!(!is_iso_date("2017-05-31T09:30.5"));
        assert!(!is_iso_date("2017-05-31T09:30+3"));
        assert!(!is_iso_date("2017-05-31x"));
        assert!(!is_iso_date("٢٠١٧-٠٥-١٥"));
        assert!(!is_iso_date("2017-00-10"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn keeps_the_text_and_serializes_as_it() {
        let t = Timestamp::parse("2017-05-27T09:30:00+03:00").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2017-05-27T09:30:00+03:00\"");
        assert_eq!(t.date(), Date::new(2017, 5, 27).unwrap());
        assert_eq!(Timestamp::from(Date::new(2017, 1, 2).unwrap()).as_str(), "2017-01-02");
    }
}
