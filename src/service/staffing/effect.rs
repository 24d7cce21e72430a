//! The office meeting's part (STAFF-ADJUST "经理事长办公会议通过"): an adjustment is tabled as an
//! office-meeting motion of type `staffing_adjustment` with the adjustment as its `subject_id`;
//! closing that motion moves it, in the closing transaction: adopted → `office_passed`, rejected
//! → `office_rejected`. No quorum, a tie or a deferral decide nothing: it may be tabled again.
//! A `staffing_adjustment` motion without a subject is a discussion, with no effect.

use super::adjust::{advance, on_agenda, step_to};
use crate::db::DbConnection;
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::domain::rules::{Rule, RuleViolation};
use crate::domain::staffing::adjust::AdjustmentAct;
use crate::error::ApiResult;
use crate::repo::council::motions::MotionRow;
use crate::repo::staffing::adjustments::{self as repo, AdjustmentRow, AdjustmentStep};
use crate::service::council::effects::{
    open_motion, subject_invalid, Closing, MotionEffect, Tabling,
};
use crate::service::Ctx;

pub struct AdjustmentDecision;

impl MotionEffect for AdjustmentDecision {
    fn motion_types(&self) -> &'static [MotionType] {
        &[MotionType::StaffingAdjustment]
    }

    fn check_tabling(&self, conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<i64>> {
        for_motion(conn, t)?;
        Ok(t.concerns_school_id)
    }

    fn tabled(
        &self,
        conn: &mut DbConnection,
        ctx: &Ctx,
        t: &Tabling<'_>,
        motion: &MotionRow,
    ) -> ApiResult<()> {
        let Some(a) = for_motion(conn, t)? else {
            return Ok(());
        };
        let s = AdjustmentStep {
            status: a.status,
            motion_id: Some(motion.id),
            ..Default::default()
        };
        advance(conn, ctx, t.group, a, &s, "table").map(|_| ())
    }

    fn closed(&self, conn: &mut DbConnection, ctx: &Ctx, c: &Closing<'_>) -> ApiResult<()> {
        if c.body != Body::Office {
            return Ok(());
        }
        // Superseded while the vote ran: the approval that superseded it decided the year.
        let Some(a) = repo::of_motion(conn, c.motion.id)?.filter(|a| a.status.is_open()) else {
            return Ok(());
        };
        let (act, action) = match c.outcome {
            MotionOutcome::Adopted => (AdjustmentAct::OfficePass, "office_pass"),
            MotionOutcome::Rejected => (AdjustmentAct::OfficeReject, "office_reject"),
            _ => return Ok(()),
        };
        let to = step_to(&a, act)?;
        let s = AdjustmentStep {
            status: to,
            office_decided_at: c.motion.closed_at,
            ..Default::default()
        };
        advance(conn, ctx, c.group, a, &s, action).map(|_| ())
    }
}

/// The adjustment a motion about to be tabled names, checked: this group's, tabled in the
/// office meeting (STAFF-ADJUST), still `proposed`, and not on another open motion.
fn for_motion(conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<AdjustmentRow>> {
    let Some(id) = t.subject_id else {
        return Ok(None);
    };
    let a = repo::find(conn, id)?
        .filter(|a| a.group_id == t.group.id)
        .ok_or_else(|| {
            subject_invalid(
                "不是本集团的编制调整方案。",
                "Not a staffing adjustment of this group.",
            )
        })?;
    if t.body != Body::Office {
        return Err(RuleViolation::of(
            Rule::StaffAdjust,
            "编制调整方案由理事长办公会议审议，不提交理事会表决。",
            "The chair's office meeting decides on a staffing adjustment, not the council.",
        )
        .into());
    }
    step_to(&a, AdjustmentAct::Table)?;
    if let Some(open) = open_motion(conn, a.motion_id)? {
        return Err(on_agenda(open));
    }
    Ok(Some(a))
}
