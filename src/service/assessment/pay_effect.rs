//! The office meeting's part of PAY-POOL ("经理事长办公会议通过"): a distribution plan is tabled
//! as an office-meeting motion of type `performance_pay_distribution` with the plan as its
//! `subject_id`; closing the motion moves it in the closing transaction: adopted →
//! `office_passed`, rejected → `office_rejected`. No quorum, a tie or a deferral decide
//! nothing. Such a motion without a subject is a discussion, with no effect.

use super::pay_plans::{on_agenda, step, wrong_status};
use crate::db::DbConnection;
use crate::domain::assessment::PayPlanStatus;
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::ApiResult;
use crate::repo::assessment::pay::{self as repo, PlanFields, PlanRow};
use crate::repo::council::motions::MotionRow;
use crate::service::council::effects::{
    open_motion, subject_invalid, Closing, MotionEffect, Tabling,
};
use crate::service::Ctx;

pub struct PayPlanDecision;

impl MotionEffect for PayPlanDecision {
    fn motion_types(&self) -> &'static [MotionType] {
        &[MotionType::PerformancePayDistribution]
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
        let Some(p) = for_motion(conn, t)? else {
            return Ok(());
        };
        let f = PlanFields {
            motion_id: Some(motion.id),
            ..p.fields()
        };
        step(conn, ctx, t.group, p, &f, "table").map(|_| ())
    }

    fn closed(&self, conn: &mut DbConnection, ctx: &Ctx, c: &Closing<'_>) -> ApiResult<()> {
        if c.body != Body::Office {
            return Ok(());
        }
        // Revised while the vote ran cannot happen (a revision is refused while it is open).
        let Some(p) = repo::plan_of_motion(conn, c.motion.id)?
            .filter(|p| p.status == PayPlanStatus::Proposed)
        else {
            return Ok(());
        };
        let (to, action) = match c.outcome {
            MotionOutcome::Adopted => (PayPlanStatus::OfficePassed, "office_pass"),
            MotionOutcome::Rejected => (PayPlanStatus::OfficeRejected, "office_reject"),
            _ => return Ok(()),
        };
        let f = PlanFields {
            status: to,
            office_decided_at: c.motion.closed_at.or(p.office_decided_at),
            ..p.fields()
        };
        step(conn, ctx, c.group, p, &f, action).map(|_| ())
    }
}

/// The plan a motion about to be tabled names, checked: this group's, in the office meeting,
/// `proposed`, and not on another open motion.
fn for_motion(conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<PlanRow>> {
    let Some(id) = t.subject_id else {
        return Ok(None);
    };
    let p = repo::find_plan_id(conn, id)?
        .filter(|p| p.group_id == t.group.id)
        .ok_or_else(|| {
            subject_invalid(
                "不是本集团的绩效工资分配方案。",
                "Not a performance-pay distribution plan of this group.",
            )
        })?;
    if t.body != Body::Office {
        return Err(RuleViolation::of(
            Rule::PayPool,
            "绩效工资分配方案由理事长办公会议审议，不提交理事会表决。",
            "The chair's office meeting passes the distribution plan, not the council.",
        )
        .into());
    }
    if p.status != PayPlanStatus::Proposed {
        return Err(wrong_status(
            &p,
            "修改后才能再次提交审议。",
            "revise it before tabling it again.",
        ));
    }
    if let Some(open) = open_motion(conn, p.motion_id)? {
        return Err(on_agenda(open));
    }
    Ok(Some(p))
}
