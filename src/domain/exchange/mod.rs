//! Teacher exchange (§2.4.2, §2.4.3): what an exchange record is (`vocab`), when a teacher's
//! exchanges overlap (EXCH-OVERLAP, `overlap`), and the compliance figures computed from the
//! records of a group's year (EXCH-GROUP-10, EXCH-BACKBONE-40, EXCH-CORE-10,
//! EXCH-NEW-SCHOOL-SUBJECT and weak-subject coverage, `compliance`).
//!
//! The EXCH figures are compliance rules (DOMAIN.md): they are computed and reported with what
//! is missing, never used to refuse a record. EXCH-OVERLAP is the one that refuses.

pub mod compliance;
pub mod overlap;
pub mod plan;
pub mod scope;
pub mod treatment;
pub mod vocab;

#[cfg(test)]
mod tests;

pub use vocab::{
    ExchangeAct, ExchangeKind, ExchangeStatus, PersonnelRelation, PlanDrafter, PlanStatus,
    Treatment,
};

use chrono::NaiveDate;

/// A teacher's time away from the school of record: `share_percent` of the teaching time from
/// `starts_on` to `ends_on` (both included; open-ended without an end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// 100 for a full-time exchange; 1–99 for part-time cross-school teaching.
    pub share_percent: u32,
}

impl Span {
    /// Whether the two spans share a day.
    pub fn overlaps(&self, other: &Span) -> bool {
        let ends_before = |a: &Span, b: &Span| a.ends_on.is_some_and(|e| e < b.starts_on);
        !ends_before(self, other) && !ends_before(other, self)
    }

    /// Whether the span is on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|e| day <= e)
    }

    /// Whether the span has a day in calendar year `year`: an exchange from September to July
    /// counts in both years it touches.
    pub fn touches_year(&self, year: i32) -> bool {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return false;
        };
        self.overlaps(&Span {
            starts_on: first,
            ends_on: Some(last),
            share_percent: 0,
        })
    }
}
