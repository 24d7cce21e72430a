//! The paths a published assessment opens (§2.4.4), each flagged with the evidence: an
//! outstanding potential school may spin off (SPIN-OFF), a failing school gets a rectification
//! order (the road to REVOKE), a failing group is reviewed for dissolution (DISSOLVE), and a
//! new or weak member whose growth period ends is due a growth review (GROWTH-3Y).

use chrono::NaiveDate;

use super::{Grade, OutcomeFlag};
use crate::domain::registry::enums::SchoolStanding as Standing;

/// One assessed school as the flags see it.
#[derive(Debug, Clone, Copy)]
pub struct Unit {
    pub school_id: i64,
    pub is_core: bool,
    pub standing: Standing,
    pub grade: Option<Grade>,
    pub growth_until: Option<NaiveDate>,
}

/// The flags of a year's results: `group_grade` is the group level's, `units` the schools'.
pub fn flags(
    year: i32,
    group_grade: Option<Grade>,
    units: &[Unit],
) -> Vec<(OutcomeFlag, Option<i64>)> {
    let mut out = Vec::new();
    if group_grade == Some(Grade::Fail) {
        out.push((OutcomeFlag::DissolutionReview, None));
    }
    for u in units {
        if u.grade == Some(Grade::Fail) {
            out.push((OutcomeFlag::RectificationAdvised, Some(u.school_id)));
        }
        if !u.is_core && u.standing == Standing::Potential && u.grade == Some(Grade::Excellent) {
            out.push((OutcomeFlag::SpinOffCandidate, Some(u.school_id)));
        }
        // The review follows the results of the year in which the period ends, or the year
        // before (results are published early in the next year).
        if !u.is_core
            && u.growth_until
                .is_some_and(|d| chrono::Datelike::year(&d) <= year + 1)
        {
            out.push((OutcomeFlag::GrowthReviewDue, Some(u.school_id)));
        }
    }
    out
}
