//! School identification code (学校标识码), assigned by the Ministry of
//! Education: `AA BB CCCCCC` = category (2), province (2), sequence (6).
//!
//! No check digit is known, so only the format and the province are checked.

use std::fmt;

/// Number of digits in a code.
const LEN: usize = 10;

/// Why a code is rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchoolCodeError {
    /// Not exactly 10 ASCII digits.
    Format,
    /// Digits 3–4 are not the deployment's province code.
    Province { expected: String },
}

impl fmt::Display for SchoolCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Format => write!(f, "a school identification code is 10 digits"),
            Self::Province { expected } => write!(
                f,
                "school identification code is not from province {expected}"
            ),
        }
    }
}

/// Whether `code` is exactly 10 ASCII digits (no trimming: stored codes are
/// expected to be clean).
fn well_formed(code: &str) -> bool {
    code.len() == LEN && code.bytes().all(|b| b.is_ascii_digit())
}

/// Validates a code against the deployment's two-digit province code
/// (e.g. `"52"` for Guizhou), which comes from settings.
pub fn validate(code: &str, province: &str) -> Result<(), SchoolCodeError> {
    if !well_formed(code) {
        return Err(SchoolCodeError::Format);
    }
    if code.get(2..4) != Some(province) {
        return Err(SchoolCodeError::Province {
            expected: province.to_owned(),
        });
    }
    Ok(())
}

/// The school category (first two digits, e.g. `"21"` primary), or `None`
/// if the code is not well formed — a category read from garbage would mislead.
pub fn category(code: &str) -> Option<&str> {
    if well_formed(code) {
        code.get(..2)
    } else {
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn valid_guizhou_codes() {
        assert_eq!(validate("2152012345", "52"), Ok(()));
        assert_eq!(validate("1152000001", "52"), Ok(()));
        assert_eq!(validate("5152999999", "52"), Ok(()));
    }

    #[test]
    fn other_province_rejected() {
        assert_eq!(
            validate("2111012345", "52"),
            Err(SchoolCodeError::Province {
                expected: "52".to_owned()
            })
        );
        // The province is read from digits 3–4, not 1–2.
        assert!(validate("5221012345", "52").is_err());
    }

    #[test]
    fn bad_formats() {
        for code in [
            "",
            "215201234",
            "21520123456",
            "21520l2345",
            " 2152012345",
            "２152012345",
            "-152012345",
        ] {
            assert_eq!(
                validate(code, "52"),
                Err(SchoolCodeError::Format),
                "{code:?}"
            );
        }
    }

    #[test]
    fn categories() {
        assert_eq!(category("1152000001"), Some("11"));
        assert_eq!(category("2152012345"), Some("21"));
        assert_eq!(category("3652000001"), Some("36"));
        assert_eq!(category("21"), None);
        assert_eq!(category("ab52012345"), None);
    }

    #[test]
    fn errors_display() {
        assert!(SchoolCodeError::Format.to_string().contains("10 digits"));
        let e = SchoolCodeError::Province {
            expected: "52".to_owned(),
        };
        assert!(e.to_string().contains("52"));
    }
}
