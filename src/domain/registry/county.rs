//! The county-level divisions of Qiannan (GB/T 2260), for validating token claims without a
//! query; the `counties` table holds the same rows (a test keeps the two equal).

pub const PREFECTURE_CODE: &str = "522700";

pub const COUNTY_CODES: &[&str] = &[
    "522701", "522702", "522722", "522723", "522725", "522726", "522727", "522728", "522729",
    "522730", "522731", "522732",
];

pub fn is_county(code: &str) -> bool {
    COUNTY_CODES.contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_in_the_code_list_are_not_counties() {
        assert!(is_county("522701"));
        assert!(!is_county("522721"));
        assert!(!is_county("522724"));
        assert!(!is_county(PREFECTURE_CODE));
    }
}
