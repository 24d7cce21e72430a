//! The dates and times a request may carry: from 1900-01-01 to 2200-12-31 (a school opened in
//! the nineteenth century is not in any county's registry; a deadline past 2200 is a typo), and
//! times in RFC 3339 without leap seconds (`23:59:60` is refused: the service stores instants
//! to the microsecond and a leap second has no place among them).
//!
//! Fields use these through `#[serde(deserialize_with = …)]`, so a bad value is refused with
//! the field's name before any rule runs.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Deserializer};

/// How an out-of-range value's error begins, so that the JSON layer answers it as a `422`
/// (a well-formed value that fails a check) rather than a `400` (a malformed body).
pub const REFUSED: &str = "not accepted: ";

pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2200;

fn check_year<E: serde::de::Error>(year: i32) -> Result<(), E> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(E::custom(format!(
            "{REFUSED}the year {year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}"
        )))
    }
}

fn checked_date<E: serde::de::Error>(d: NaiveDate) -> Result<NaiveDate, E> {
    check_year(d.year())?;
    Ok(d)
}

fn checked_time<E: serde::de::Error>(t: DateTime<Utc>) -> Result<DateTime<Utc>, E> {
    check_year(t.year())?;
    if t.nanosecond() >= 1_000_000_000 {
        return Err(E::custom(format!("{REFUSED}a leap second (23:59:60)")));
    }
    Ok(t)
}

/// An optional date in range.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(d)?
        .map(checked_date)
        .transpose()
}

/// A patch's date: absent (`None`), `null` (`Some(None)`) or a date in range.
pub fn date_patch<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<NaiveDate>>, D::Error> {
    Ok(Some(
        Option::<NaiveDate>::deserialize(d)?
            .map(checked_date)
            .transpose()?,
    ))
}

/// An optional instant in range, without a leap second.
pub fn datetime<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(d)?
        .map(checked_time)
        .transpose()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct D {
        #[serde(default, deserialize_with = "date")]
        on: Option<NaiveDate>,
        #[serde(default, deserialize_with = "datetime")]
        at: Option<DateTime<Utc>>,
    }

    fn parse(s: &str) -> Result<D, serde_json::Error> {
        serde_json::from_str(s)
    }

    #[test]
    fn in_range_and_without_leap_seconds() {
        assert!(parse(r#"{"on": "1900-01-01", "at": "2200-12-31T23:59:59Z"}"#).is_ok());
        assert!(
            parse(r#"{"on": null, "at": null}"#).is_ok_and(|d| d.on.is_none() && d.at.is_none())
        );
        for bad in [
            r#"{"on": "1899-12-31"}"#,
            r#"{"on": "0000-01-01"}"#,
            r#"{"on": "-0001-01-01"}"#,
            r#"{"on": "+10000-01-01"}"#,
            r#"{"on": "2026-02-30"}"#,
            r#"{"at": "2026-12-31T23:59:60Z"}"#,
            r#"{"at": "2201-01-01T00:00:00Z"}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
