//! Group funds and pooled resources (§2.3.3, §3.3): the county's yearly allocation to a group
//! by purpose, spent only on that purpose within it (FUNDS-PURPOSE), and the entries that show
//! every pooled use of a member's people, goods and money in the account of the member bearing
//! it (ACCOUNTS-INDEPENDENT). Plain functions, tested without a database.

pub mod vocab;

pub use vocab::{FundEntryKind, FundEntrySource, FundPurpose, FundQuantityUnit};

use chrono::NaiveDate;

/// Hundredths in a unit: quantities are stored as whole hundredths so that sums are exact.
pub const CENTI: i64 = 100;

/// Person-days an exchange lends within calendar year `year`, in hundredths: the exchange's
/// days in the year (both ends counted; an open end runs to the year's end) times
/// `share_percent / 100`. `0` when it has no day in the year.
pub fn exchange_person_days_centi(
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    share_percent: i32,
    year: i32,
) -> i64 {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return 0;
    };
    let from = starts_on.max(first);
    let until = ends_on.map_or(last, |e| e.min(last));
    if until < from {
        return 0;
    }
    let days = (until - from).num_days() + 1;
    // days × share% = days × share / 100 units = days × share hundredths.
    days * i64::from(share_percent.clamp(0, 100))
}

/// What remains of a purpose's allocation once `spent` is spent (negative when overspent,
/// which FUNDS-PURPOSE never lets happen).
pub fn remaining(allocated: i64, spent: i64) -> i64 {
    allocated.saturating_sub(spent)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn person_days_are_clipped_to_the_year_and_scaled_by_the_share() {
        // 2026-09-01..2027-07-15: 122 days in 2026.
        assert_eq!(
            exchange_person_days_centi(d(2026, 9, 1), Some(d(2027, 7, 15)), 100, 2026),
            12_200
        );
        assert_eq!(
            exchange_person_days_centi(d(2026, 9, 1), Some(d(2027, 7, 15)), 50, 2026),
            6_100
        );
        assert_eq!(
            exchange_person_days_centi(d(2026, 9, 1), Some(d(2027, 7, 15)), 100, 2027),
            19_600
        );
        assert_eq!(
            exchange_person_days_centi(d(2026, 9, 1), None, 100, 2025),
            0
        );
    }
}
