//! What a motion does besides becoming a resolution is its type's effect: the council adopting
//! a charter draft marks it adopted; the office meeting passing a cadre nomination moves the
//! nomination on. Each area implements [`MotionEffect`] for its motion types and lists it in
//! [`crate::service::effects::REGISTRY`]; the council's tabling and closing call whatever is
//! registered, so a new area (staffing adjustments, exchange plans, pay distribution plans)
//! never edits the council code.

use crate::db::DbConnection;
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::error::{ApiError, ApiResult, ErrorKind, FieldError};
use crate::repo::council::motions::MotionRow;
use crate::repo::groups::group::GroupRow;
use crate::service::council::views::Resolution;
use crate::service::Ctx;

/// A motion about to be tabled, as its effect checks it.
#[derive(Debug, Clone, Copy)]
pub struct Tabling<'a> {
    pub group: &'a GroupRow,
    pub body: Body,
    pub motion_type: MotionType,
    /// The member school the chair says the motion concerns.
    pub concerns_school_id: Option<i64>,
    /// The record the motion decides (a cadre nomination, …), as `subject_id` names it.
    pub subject_id: Option<i64>,
}

/// A motion just closed, as its effect sees it.
#[derive(Debug, Clone, Copy)]
pub struct Closing<'a> {
    pub group: &'a GroupRow,
    pub body: Body,
    pub motion: &'a MotionRow,
    pub outcome: MotionOutcome,
    /// The resolution the motion became, if it was adopted.
    pub resolution: Option<&'a Resolution>,
}

/// The effect of the motions of some types. Every step runs in the transaction of the request
/// that tables or closes the motion, so an effect that fails undoes the whole step.
pub trait MotionEffect: Sync {
    /// The motion types this effect belongs to; a type has at most one effect.
    fn motion_types(&self) -> &'static [MotionType];

    /// Checks a motion about to be tabled and gives the school it concerns (the subject's, where
    /// the subject belongs to one). A `subject_id` the effect does not take is refused.
    fn check_tabling(&self, conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<i64>> {
        let _ = conn;
        no_subject(t)?;
        Ok(t.concerns_school_id)
    }

    /// The motion is tabled: link the subject to it.
    fn tabled(
        &self,
        conn: &mut DbConnection,
        ctx: &Ctx,
        t: &Tabling<'_>,
        motion: &MotionRow,
    ) -> ApiResult<()> {
        let _ = (conn, ctx, t, motion);
        Ok(())
    }

    /// The motion is closed.
    fn closed(&self, conn: &mut DbConnection, ctx: &Ctx, c: &Closing<'_>) -> ApiResult<()>;
}

/// `422` for a `subject_id` on a motion whose type decides no record.
pub fn no_subject(t: &Tabling<'_>) -> ApiResult<()> {
    match t.subject_id {
        None => Ok(()),
        Some(_) => Err(subject_invalid(
            &format!(
                "议案类型 {} 不审议具体记录，请勿填写 subject_id。",
                t.motion_type
            ),
            &format!(
                "A {} motion decides no record of its own: leave subject_id out.",
                t.motion_type
            ),
        )),
    }
}

/// The motion a record was last tabled as (`motion_id`), if it is still being voted on: a
/// record on an open motion is neither tabled again nor changed until the vote closes.
pub fn open_motion(
    conn: &mut crate::db::DbConnection,
    motion_id: Option<i64>,
) -> ApiResult<Option<i64>> {
    let Some(id) = motion_id else {
        return Ok(None);
    };
    Ok(crate::repo::council::motions::find(conn, id)?
        .filter(|m| m.status == crate::domain::council::MotionStatus::Open)
        .map(|m| m.id))
}

/// A `422` about the motion's `subject_id`.
pub fn subject_invalid(zh: &str, en: &str) -> ApiError {
    ApiError::new(ErrorKind::Validation, zh, en).with_errors(vec![FieldError::new(
        "subject_id",
        zh,
        en,
    )])
}

/// The effect registered for `t`, if any.
pub fn of(t: MotionType) -> Option<&'static dyn MotionEffect> {
    crate::service::effects::REGISTRY
        .iter()
        .copied()
        .find(|e| e.motion_types().contains(&t))
}

/// Checks a motion about to be tabled with its type's effect (or refuses a subject when the
/// type has none); gives the school it concerns.
pub fn check_tabling(conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<i64>> {
    match of(t.motion_type) {
        Some(e) => e.check_tabling(conn, t),
        None => {
            no_subject(t)?;
            Ok(t.concerns_school_id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_motion_type_has_at_most_one_effect() {
        for t in MotionType::ALL {
            let n = crate::service::effects::REGISTRY
                .iter()
                .filter(|e| e.motion_types().contains(t))
                .count();
            assert!(n <= 1, "{t} has {n} effects");
        }
        assert!(of(MotionType::Charter).is_some());
        assert!(of(MotionType::CadreNomination).is_some());
        assert!(of(MotionType::StaffingAdjustment).is_some());
        assert!(of(MotionType::PerformancePayDistribution).is_some());
        assert!(of(MotionType::WorkPlan).is_none());
    }
}
