//! Unified social credit code (统一社会信用代码, GB 32100-2015).
//!
//! A wrong check character is reported, not refused: some early pilot codes
//! fail the check and the education bureau may accept them anyway.

use std::fmt;

/// The 31 symbols of the code, in value order (no I, O, S, V, Z).
pub const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Number of characters in a full code.
const LEN: usize = 18;

/// Modulus of the check computation (the size of [`CHARSET`]).
const MODULUS: u32 = 31;

/// A code that cannot be a USCC at all (as opposed to one with a wrong check
/// character, which [`parse`] reports in [`UsccCheck::check_ok`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsccError {
    /// Not 18 characters.
    Length,
    /// A character outside [`CHARSET`]; `position` is 1-based so it can be
    /// shown to users as is.
    Character { position: usize },
}

impl fmt::Display for UsccError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length => write!(f, "a unified social credit code has 18 characters"),
            Self::Character { position } => write!(
                f,
                "invalid character at position {position} of the unified social credit code"
            ),
        }
    }
}

/// A well-formed code and the outcome of its check-character test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsccCheck {
    /// The code as normalized by [`normalize`].
    pub code: String,
    /// Whether the 18th character is the computed check character.
    pub check_ok: bool,
    /// The check character computed from the first 17 characters.
    pub expected_check: char,
}

/// Trims surrounding whitespace and upper-cases ASCII letters, because codes
/// are often typed or pasted in lower case.
pub fn normalize(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

/// Value (0–30) of a character, or `None` if it is not in [`CHARSET`].
fn value_of(c: char) -> Option<u32> {
    CHARSET
        .chars()
        .position(|x| x == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Computes the check character for the first 17 characters of a code.
///
/// Weights are 3^i mod 31 (`1 3 9 27 19 …`); the check value is
/// `31 − (Σ mod 31)` with 31 mapped to 0. Returns `None` unless `first17` is
/// exactly 17 characters of [`CHARSET`] (no normalization is applied).
pub fn check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != LEN - 1 {
        return None;
    }
    let mut sum = 0u32;
    let mut weight = 1u32;
    for c in first17.chars() {
        sum = (sum + value_of(c)? * weight) % MODULUS;
        weight = weight * 3 % MODULUS;
    }
    let check = (MODULUS - sum) % MODULUS;
    CHARSET.chars().nth(usize::try_from(check).ok()?)
}

/// Parses a code after [`normalize`]: a format error is an `Err`, a wrong
/// check character is `Ok` with `check_ok == false`.
pub fn parse(s: &str) -> Result<UsccCheck, UsccError> {
    let code = normalize(s);
    if code.chars().count() != LEN {
        return Err(UsccError::Length);
    }
    if let Some(i) = code.chars().position(|c| value_of(c).is_none()) {
        return Err(UsccError::Character { position: i + 1 });
    }
    let first17: String = code.chars().take(LEN - 1).collect();
    // All characters are in the charset and there are 17, so this succeeds.
    let expected_check = check_char(&first17).ok_or(UsccError::Length)?;
    let check_ok = code.ends_with(expected_check);
    Ok(UsccCheck {
        code,
        check_ok,
        expected_check,
    })
}

/// Appends the correct check character to 17 characters (for demo and test
/// data); `None` under the same conditions as [`check_char`].
pub fn with_check_char(first17: &str) -> Option<String> {
    let c = check_char(first17)?;
    let mut code = String::with_capacity(LEN);
    code.push_str(first17);
    code.push(c);
    Some(code)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// A real, published code (cross-checked by an independent computation).
    const REAL: &str = "91350100M000100Y43";

    #[test]
    fn charset_has_31_distinct_symbols() {
        let mut chars: Vec<char> = CHARSET.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        assert_eq!(chars.len(), 31);
        for banned in ['I', 'O', 'S', 'V', 'Z'] {
            assert!(!CHARSET.contains(banned));
        }
    }

    #[test]
    fn real_world_code_passes() {
        let r = parse(REAL).unwrap();
        assert!(r.check_ok);
        assert_eq!(r.expected_check, '3');
        assert_eq!(r.code, REAL);
        assert_eq!(check_char(&REAL[..17]), Some('3'));
    }

    #[test]
    fn generated_school_code_passes() {
        // A public institution (事业单位, prefix 12) registered in Duyun.
        let code = with_check_char("12522701MB1234567").unwrap();
        assert_eq!(code, "12522701MB1234567T");
        let r = parse(&code).unwrap();
        assert!(r.check_ok);
        assert_eq!(r.expected_check, 'T');
    }

    #[test]
    fn check_value_31_maps_to_zero() {
        // All zeros sum to 0, so c = 31 − 0 = 31 → 0.
        assert_eq!(check_char("00000000000000000"), Some('0'));
        assert!(parse("000000000000000000").unwrap().check_ok);
    }

    #[test]
    fn weights_match_the_standard() {
        // A single 1 at position i contributes exactly weight_i.
        let weights = [
            1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
        ];
        let chars: Vec<char> = CHARSET.chars().collect();
        for (i, w) in weights.iter().enumerate() {
            let mut s = vec!['0'; 17];
            s[i] = '1';
            let s: String = s.into_iter().collect();
            let expected = chars[(31 - w % 31) % 31];
            assert_eq!(check_char(&s), Some(expected), "position {}", i + 1);
        }
    }

    #[test]
    fn wrong_check_char_is_ok_but_flagged() {
        let r = parse("91350100M000100Y44").unwrap();
        assert!(!r.check_ok);
        assert_eq!(r.expected_check, '3');
        assert_eq!(r.code, "91350100M000100Y44");
    }

    #[test]
    fn lower_case_and_whitespace_are_normalized() {
        let r = parse("  91350100m000100y43\n").unwrap();
        assert!(r.check_ok);
        assert_eq!(r.code, REAL);
        assert_eq!(normalize(" 12ab "), "12AB");
    }

    #[test]
    fn bad_lengths() {
        assert_eq!(parse(""), Err(UsccError::Length));
        assert_eq!(parse("91350100M000100Y4"), Err(UsccError::Length));
        assert_eq!(parse("91350100M000100Y433"), Err(UsccError::Length));
        assert_eq!(check_char("9135"), None);
        assert_eq!(check_char(REAL), None);
        assert_eq!(with_check_char("9135"), None);
    }

    #[test]
    fn bad_characters_report_their_position() {
        // O is excluded from the charset.
        assert_eq!(
            parse("O1350100M000100Y43"),
            Err(UsccError::Character { position: 1 })
        );
        assert_eq!(
            parse("91350100M000100YI3"),
            Err(UsccError::Character { position: 17 })
        );
        assert_eq!(
            parse("91350100M000100Y4-"),
            Err(UsccError::Character { position: 18 })
        );
        // Non-ASCII counts as one character, not as its UTF-8 bytes.
        assert_eq!(
            parse("9135010０M000100Y43"),
            Err(UsccError::Character { position: 8 })
        );
        assert_eq!(check_char("91350100s000100Y4"), None);
    }

    #[test]
    fn errors_display() {
        assert!(UsccError::Length.to_string().contains("18"));
        assert!(UsccError::Character { position: 5 }
            .to_string()
            .contains("position 5"));
    }
}
