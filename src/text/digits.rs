//! Digit systems: Western (0-9), Arabic-Indic (٠-٩, U+0660) and Extended
//! Arabic-Indic (۰-۹, U+06F0, Persian and Urdu), converted for display and
//! read for values.

/// The value of a decimal digit in any of the three systems.
///
/// ```
/// use rtl_article::text::digits::digit_value;
/// assert_eq!(digit_value('7'), Some(7));
/// assert_eq!(digit_value('٧'), Some(7));
/// assert_eq!(digit_value('۷'), Some(7));
/// assert_eq!(digit_value('x'), None);
/// ```
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Whether `c` is a decimal digit in any of the three systems.
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// `c` as a Western digit, if it is a digit; other characters unchanged.
pub fn to_western_char(c: char) -> char {
    match digit_value(c) {
        Some(d) => char::from(b'0' + d as u8),
        None => c,
    }
}

/// `c` as an Arabic-Indic digit (٠-٩), if it is a digit; other characters unchanged.
pub fn to_arabic_indic_char(c: char) -> char {
    match digit_value(c) {
        // 0x0660 + d is always a valid char for d in 0..=9.
        Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
        None => c,
    }
}

/// Every digit in `s` as a Western digit.
///
/// ```
/// use rtl_article::text::digits::to_western;
/// assert_eq!(to_western("٢٠١٧/٥/١٥"), "2017/5/15");
/// ```
pub fn to_western(s: &str) -> String {
    s.chars().map(to_western_char).collect()
}

/// Every digit in `s` as an Arabic-Indic digit.
///
/// ```
/// use rtl_article::text::digits::to_arabic_indic;
/// assert_eq!(to_arabic_indic("32 سيارة"), "٣٢ سيارة");
/// ```
pub fn to_arabic_indic(s: &str) -> String {
    s.chars().map(to_arabic_indic_char).collect()
}
