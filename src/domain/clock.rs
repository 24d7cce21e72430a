//! Dates as Qiannan reads them.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// China Standard Time is UTC+8, all year.
const CST_OFFSET_HOURS: i64 = 8;

/// Today in China Standard Time: a document dated this morning in Duyun is not "in the future"
/// for UTC, and a join on New Year's morning belongs to the new year.
pub fn today() -> NaiveDate {
    date_of(Utc::now())
}

/// The China Standard Time date of an instant.
pub fn date_of(t: DateTime<Utc>) -> NaiveDate {
    (t + chrono::Duration::hours(CST_OFFSET_HOURS)).date_naive()
}

/// The China Standard Time year of an instant (resolution numbers are per year).
pub fn year_of(t: DateTime<Utc>) -> i32 {
    date_of(t).year()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_day_turns_at_16_00_utc() {
        let before = Utc.with_ymd_and_hms(2026, 12, 31, 15, 59, 0).single();
        let after = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).single();
        assert_eq!(before.map(year_of), Some(2026));
        assert_eq!(after.map(year_of), Some(2027));
        assert_eq!(after.map(date_of), NaiveDate::from_ymd_opt(2027, 1, 1));
    }
}
