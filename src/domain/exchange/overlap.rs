//! EXCH-OVERLAP: a teacher is in at most one full-time exchange at a time, and the shares of
//! part-time exchanges on any one day never add up to more than 100%.

use chrono::NaiveDate;

use super::Span;

/// The day on which a new span would take the teacher over 100%, with the total and the
/// records that hold the time that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overbooked {
    pub on: NaiveDate,
    pub total_percent: u32,
    pub with: Vec<i64>,
}

/// Checks `new` against the teacher's other exchanges that hold time (`(record id, span)`).
///
/// The busiest day of `new` is the first day of `new` or of one of the spans it overlaps (a
/// total only rises where a span starts), so those are the only days looked at.
pub fn check(existing: &[(i64, Span)], new: &Span) -> Result<(), Overbooked> {
    let overlapping: Vec<&(i64, Span)> = existing.iter().filter(|(_, s)| s.overlaps(new)).collect();
    let mut days: Vec<NaiveDate> = overlapping
        .iter()
        .map(|(_, s)| s.starts_on)
        .filter(|d| new.covers(*d))
        .collect();
    days.push(new.starts_on);
    days.sort();
    days.dedup();
    for day in days {
        let on_day: Vec<&(i64, Span)> = overlapping
            .iter()
            .copied()
            .filter(|(_, s)| s.covers(day))
            .collect();
        let total = new.share_percent + on_day.iter().map(|(_, s)| s.share_percent).sum::<u32>();
        if total > 100 {
            let mut with: Vec<i64> = on_day.iter().map(|(id, _)| *id).collect();
            with.sort_unstable();
            return Err(Overbooked {
                on: day,
                total_percent: total,
                with,
            });
        }
    }
    Ok(())
}
