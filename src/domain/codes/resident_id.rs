//! Resident ID number (居民身份证号码, GB 11643-1999).
//!
//! This is personal data: callers must never log it and should show it only
//! through [`mask`] unless the user's role needs the full number.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Number of characters in a number.
const LEN: usize = 18;

/// Weights of positions 1–17 (2^(18−i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character for each value of `Σ mod 11`.
const CHECKS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Earliest accepted birth year; anything earlier is a typing error.
const MIN_YEAR: i32 = 1900;

/// Why a string is not a valid resident ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentIdError {
    /// Not 18 characters.
    Length,
    /// Not 17 digits followed by a digit or X.
    Character,
    /// Positions 7–14 are not a real date between 1900 and today.
    BirthDate,
    /// The last character is not the computed check character.
    CheckDigit { expected: char },
}

impl fmt::Display for ResidentIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length => write!(f, "an ID number has 18 characters"),
            Self::Character => write!(f, "an ID number is 17 digits and a digit or X"),
            Self::BirthDate => write!(f, "invalid birth date in ID number"),
            // The expected character is deliberately not shown: it would help
            // forge numbers and could leak into logs next to the number.
            Self::CheckDigit { .. } => write!(f, "wrong check digit in ID number"),
        }
    }
}

/// A valid resident ID number and what it encodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// The number, trimmed, with a lower-case `x` upper-cased.
    pub number: String,
    /// Birth date from positions 7–14.
    pub birth_date: NaiveDate,
    /// Sex from the sequence number (position 17): even means female.
    pub female: bool,
}

/// Computes the check character for 17 digits; `None` unless `first17` is
/// exactly 17 ASCII digits.
pub fn check_digit(first17: &str) -> Option<char> {
    if first17.len() != LEN - 1 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let index = usize::try_from(sum % 11).ok()?;
    CHECKS.get(index).copied()
}

/// Appends the correct check character to 17 digits (for demo and test
/// data); `None` under the same conditions as [`check_digit`].
pub fn with_check_digit(first17: &str) -> Option<String> {
    let c = check_digit(first17)?;
    let mut number = String::with_capacity(LEN);
    number.push_str(first17);
    number.push(c);
    Some(number)
}

/// Parses and validates a number: length, characters, birth date (real,
/// from 1900, not in the future) and check character, in that order.
pub fn parse(s: &str) -> Result<ResidentId, ResidentIdError> {
    let number = s.trim().replace('x', "X");
    if number.chars().count() != LEN {
        return Err(ResidentIdError::Length);
    }
    // 18 characters; all ASCII is checked below, so byte slicing is safe after.
    let bytes = number.as_bytes();
    if bytes.len() != LEN
        || !bytes[..LEN - 1].iter().all(u8::is_ascii_digit)
        || !(bytes[LEN - 1].is_ascii_digit() || bytes[LEN - 1] == b'X')
    {
        return Err(ResidentIdError::Character);
    }
    let birth_date = birth_date(&number[6..14]).ok_or(ResidentIdError::BirthDate)?;
    let expected = check_digit(&number[..LEN - 1]).ok_or(ResidentIdError::Character)?;
    if bytes[LEN - 1] != expected as u8 {
        return Err(ResidentIdError::CheckDigit { expected });
    }
    let female = (bytes[16] - b'0').is_multiple_of(2);
    Ok(ResidentId {
        number,
        birth_date,
        female,
    })
}

/// Reads `YYYYMMDD` (already known to be digits) as a plausible birth date.
fn birth_date(yyyymmdd: &str) -> Option<NaiveDate> {
    let year: i32 = yyyymmdd.get(0..4)?.parse().ok()?;
    let month: u32 = yyyymmdd.get(4..6)?.parse().ok()?;
    let day: u32 = yyyymmdd.get(6..8)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let today = crate::domain::clock::today();
    (date.year() >= MIN_YEAR && date <= today).then_some(date)
}

/// Masks a number for display: first 4 and last 2 characters kept, 12 `*`
/// in between (`5227************1X`). Input of any other length than 18 is
/// fully masked, keeping its length.
pub fn mask(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    // Anything but a well-formed length is shown as stars only: a partial number is still personal data.
    if chars.len() != 18 {
        return "*".repeat(chars.len());
    }
    let mut masked: String = chars[..4].iter().collect();
    masked.push_str(&"*".repeat(12));
    masked.extend(&chars[chars.len() - 2..]);
    masked
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "11010519491231002X";

    #[test]
    fn standard_example_passes() {
        let id = parse(EXAMPLE).unwrap();
        assert_eq!(id.number, EXAMPLE);
        assert_eq!(
            id.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert!(id.female);
        assert_eq!(check_digit(&EXAMPLE[..17]), Some('X'));
    }

    #[test]
    fn lower_case_x_and_whitespace_accepted() {
        let id = parse(" 11010519491231002x ").unwrap();
        assert_eq!(id.number, EXAMPLE);
    }

    #[test]
    fn generated_numbers_pass_and_carry_sex() {
        let male = with_check_digit("52270119900101123").unwrap();
        assert_eq!(male, "522701199001011238");
        let id = parse(&male).unwrap();
        assert!(!id.female);
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1990, 1, 1).unwrap());

        // 2000 is a leap year, so 29 February exists.
        let female = with_check_digit("52270120000229002").unwrap();
        assert_eq!(female, "522701200002290027");
        assert!(parse(&female).unwrap().female);
    }

    #[test]
    fn wrong_check_digit() {
        assert_eq!(
            parse("110105194912310021"),
            Err(ResidentIdError::CheckDigit { expected: 'X' })
        );
        assert_eq!(
            parse("52270119900101123X"),
            Err(ResidentIdError::CheckDigit { expected: '8' })
        );
    }

    #[test]
    fn bad_lengths() {
        assert_eq!(parse(""), Err(ResidentIdError::Length));
        assert_eq!(parse("11010519491231002"), Err(ResidentIdError::Length));
        assert_eq!(parse("11010519491231002X1"), Err(ResidentIdError::Length));
        // Old 15-digit numbers are not accepted.
        assert_eq!(parse("110105491231002"), Err(ResidentIdError::Length));
        assert_eq!(check_digit("1101"), None);
        assert_eq!(with_check_digit(EXAMPLE), None);
    }

    #[test]
    fn bad_characters() {
        assert_eq!(parse("1101051949123100XX"), Err(ResidentIdError::Character));
        assert_eq!(parse("X10105194912310021"), Err(ResidentIdError::Character));
        assert_eq!(parse("11010519491231002Y"), Err(ResidentIdError::Character));
        // 18 characters but not 18 bytes.
        assert_eq!(
            parse("11010519491231002５"),
            Err(ResidentIdError::Character)
        );
        assert_eq!(check_digit("1101051949123100X"), None);
    }

    #[test]
    fn impossible_birth_dates() {
        // 31 February, month 13, day 00, 29 February of a non-leap year.
        for first17 in [
            "11010519490231002",
            "11010519491331002",
            "11010519491200002",
            "11010519010229002",
        ] {
            let n = with_check_digit(first17).unwrap();
            assert_eq!(parse(&n), Err(ResidentIdError::BirthDate), "{first17}");
        }
    }

    #[test]
    fn birth_dates_out_of_range() {
        let before_1900 = with_check_digit("11010518991231002").unwrap();
        assert_eq!(parse(&before_1900), Err(ResidentIdError::BirthDate));
        let future = with_check_digit("11010599991231002").unwrap();
        assert_eq!(parse(&future), Err(ResidentIdError::BirthDate));
        let first_day = with_check_digit("11010519000101002").unwrap();
        assert!(parse(&first_day).is_ok());
    }

    #[test]
    fn born_today_is_accepted() {
        let today = crate::domain::clock::today().format("%Y%m%d");
        let n = with_check_digit(&format!("110105{today}002")).unwrap();
        assert!(parse(&n).is_ok());
    }

    #[test]
    fn masking() {
        assert_eq!(mask("52272519851110004X"), "5227************4X");
        assert_eq!(mask(EXAMPLE), "1101************2X");
        assert_eq!(mask("12345"), "*****");
        assert_eq!(mask(""), "");
        assert_eq!(mask("123456"), "******");
    }

    #[test]
    fn errors_display_without_the_expected_digit() {
        assert!(ResidentIdError::Length.to_string().contains("18"));
        let s = ResidentIdError::CheckDigit { expected: 'X' }.to_string();
        assert!(s.contains("check digit"));
        assert!(!s.contains('X'));
        assert!(!ResidentIdError::BirthDate.to_string().is_empty());
        assert!(!ResidentIdError::Character.to_string().is_empty());
    }
}
