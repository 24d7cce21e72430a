//! The official codes of the demo records, valid by the same rules the API checks
//! (REFERENCE-CODES.md) and unique, so that the demo never trips a uniqueness constraint.

use std::collections::HashSet;

use super::rng::Rng;
use crate::domain::codes::{resident_id, uscc};

/// Guizhou's province digits in a school identification code.
pub const PROVINCE: &str = "52";

/// The MOE category of a school type: 11 kindergarten, 21 primary, 31 junior (with nine-year),
/// 34 senior (with complete secondary and twelve-year).
pub fn category(type_code: &str) -> &'static str {
    match type_code {
        "111" => "11",
        "211" | "218" => "21",
        "311" | "312" => "31",
        _ => "34",
    }
}

/// A school identification code: category, province, then a six-digit sequence `27CCNN` (27 for
/// the prefecture, the county's place in the list, the school's place in the county), so demo
/// codes are unique and easy to recognise.
pub fn school_code(type_code: &str, county_index: usize, school_index: usize) -> String {
    format!(
        "{}{PROVINCE}27{:02}{:02}",
        category(type_code),
        (county_index + 1) % 100,
        (school_index + 1) % 100
    )
}

/// Hands out codes that have not been handed out before.
#[derive(Debug, Default)]
pub struct Issued {
    seen: HashSet<String>,
}

impl Issued {
    /// Counts `code` as handed out already (by another run of the plan).
    pub fn reserve(&mut self, code: &str) {
        self.seen.insert(code.to_string());
    }

    /// A unified social credit code of a public institution (`12`) registered in `county`, with
    /// an organisation code in the style of the old ones (eight digits and a check symbol).
    pub fn uscc(&mut self, rng: &mut Rng, county: &str) -> Result<String, String> {
        let charset: Vec<char> = uscc::CHARSET.chars().collect();
        for _ in 0..1_000 {
            let mut first17 = format!("12{county}");
            for _ in 0..8 {
                first17.push(charset.get(rng.below(10)).copied().unwrap_or('0'));
            }
            first17.push(
                charset
                    .get(rng.below(charset.len()))
                    .copied()
                    .unwrap_or('0'),
            );
            let code = uscc::with_check_char(&first17)
                .ok_or_else(|| format!("cannot make a credit code for county {county}"))?;
            if self.seen.insert(code.clone()) {
                return Ok(code);
            }
        }
        Err(format!("ran out of credit codes for county {county}"))
    }

    /// A resident ID number of someone registered in `county`, born in `year`; the sequence is odd
    /// for men and even for women, as GB 11643 has it.
    pub fn resident_id(
        &mut self,
        rng: &mut Rng,
        county: &str,
        year: i32,
        female: bool,
    ) -> Result<String, String> {
        for _ in 0..1_000 {
            let month = rng.between(1, 12);
            let day = rng.between(1, 28);
            let sequence = rng.between(0, 499) * 2 + i32::from(!female);
            let first17 = format!("{county}{year:04}{month:02}{day:02}{sequence:03}");
            let number = resident_id::with_check_digit(&first17)
                .ok_or_else(|| format!("cannot make an ID number for county {county}"))?;
            if self.seen.insert(number.clone()) {
                return Ok(number);
            }
        }
        Err(format!("ran out of ID numbers for county {county}"))
    }
}
