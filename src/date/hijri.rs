//! Hijri (Umm al-Qura) ↔ Gregorian conversion for the date recognizer.
//!
//! Arabic news from the Gulf dates statements in the Hijri calendar
//! ("19 شعبان 1438 هـ"); readers' `<time datetime>` needs the Gregorian day.
//! The conversion uses the Umm al-Qura calendar (the official calendar of
//! Saudi Arabia, tables published by KACST) as implemented by
//! [`icu_calendar`]; outside the table's years (1300–1600 AH) ICU falls back to
//! the tabular algorithm, which may be a day off.

use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Gregorian};

/// The Gregorian `(year, month, day)` of an Umm al-Qura Hijri date, or
/// `None` when the date does not exist (month 13, day 30 of a 29-day month).
///
/// ```
/// use rtl_article::date::hijri::to_gregorian;
/// // 1 Ramadan 1438 AH.
/// assert_eq!(to_gregorian(1438, 9, 1), Some((2017, 5, 27)));
/// assert_eq!(to_gregorian(1438, 13, 1), None);
/// ```
pub fn to_gregorian(year: i32, month: u32, day: u32) -> Option<(i32, u32, u32)> {
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    let hijri = Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let greg = hijri.to_calendar(Gregorian);
    Some((
        greg.year().extended_year(),
        u32::from(greg.month().ordinal),
        u32::from(greg.day_of_month().0),
    ))
}

/// The Umm al-Qura Hijri `(year, month, day)` of a Gregorian date, or `None`
/// when the Gregorian date does not exist (31 April).
///
/// ```
/// use rtl_article::date::hijri::from_gregorian;
/// assert_eq!(from_gregorian(2017, 5, 27), Some((1438, 9, 1)));
/// ```
pub fn from_gregorian(year: i32, month: u32, day: u32) -> Option<(i32, u32, u32)> {
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    let greg = Date::try_new_gregorian(year, month, day).ok()?;
    let hijri = greg.to_calendar(Hijri::new_umm_al_qura());
    Some((
        hijri.year().extended_year(),
        u32::from(hijri.month().ordinal),
        u32::from(hijri.day_of_month().0),
    ))
}
