//! The office meeting's part (EXCH-PLAN "经理事长办公会议通过"): a plan is tabled as an
//! office-meeting motion of type `exchange_plan` with the plan as its `subject_id`; closing the
//! motion moves it in the closing transaction: adopted → `office_passed`, rejected →
//! `office_rejected`. No quorum, a tie or a deferral decide nothing. An `exchange_plan` motion
//! without a subject is a discussion, with no effect.

use super::plans::{on_agenda, view};
use super::record;
use crate::db::DbConnection;
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::domain::exchange::PlanStatus;
use crate::domain::rules::{Rule, RuleViolation};
use crate::error::ApiResult;
use crate::repo::changes::Op;
use crate::repo::council::motions::MotionRow;
use crate::repo::exchange::plans::{self as repo, PlanFields, PlanRow};
use crate::repo::groups::group::GroupRow;
use crate::service::council::effects::{
    open_motion, subject_invalid, Closing, MotionEffect, Tabling,
};
use crate::service::{stale, Ctx};

pub struct PlanDecision;

impl MotionEffect for PlanDecision {
    fn motion_types(&self) -> &'static [MotionType] {
        &[MotionType::ExchangePlan]
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
        let status = p.status;
        step(
            conn,
            ctx,
            t.group,
            p,
            status,
            Some(motion.id),
            None,
            "table",
        )
    }

    fn closed(&self, conn: &mut DbConnection, ctx: &Ctx, c: &Closing<'_>) -> ApiResult<()> {
        if c.body != Body::Office {
            return Ok(());
        }
        // Revised while the vote ran cannot happen (a revision is refused while it is open).
        let Some(p) =
            repo::of_motion(conn, c.motion.id)?.filter(|p| p.status == PlanStatus::Proposed)
        else {
            return Ok(());
        };
        let (to, action) = match c.outcome {
            MotionOutcome::Adopted => (PlanStatus::OfficePassed, "office_pass"),
            MotionOutcome::Rejected => (PlanStatus::OfficeRejected, "office_reject"),
            _ => return Ok(()),
        };
        let motion = p.motion_id;
        step(
            conn,
            ctx,
            c.group,
            p,
            to,
            motion,
            c.motion.closed_at,
            action,
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    p: PlanRow,
    status: PlanStatus,
    motion_id: Option<i64>,
    decided_at: Option<chrono::NaiveDateTime>,
    action: &str,
) -> ApiResult<()> {
    let f = PlanFields {
        title: p.title.clone(),
        drafted_by: p.drafted_by,
        status,
        lines_json: p.lines_json.clone(),
        note: p.note.clone(),
        motion_id,
        office_decided_at: decided_at.or(p.office_decided_at),
    };
    let row = repo::update(conn, p.id, p.version, &f, crate::repo::now())?
        .ok_or_else(|| stale(p.version + 1))?;
    let before = view(conn, p)?;
    let after = view(conn, row)?;
    record(
        conn,
        ctx,
        &g.county_code,
        Op::Updated,
        "exchange_plan",
        after.id.to_string(),
        Some(format!("{}:{}", g.code, after.year)),
        &format!("exchange_plan.{action}"),
        Some(&before),
        &after,
    )
}

/// The plan a motion about to be tabled names, checked: this group's, in the office meeting,
/// `proposed`, and not on another open motion.
fn for_motion(conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<PlanRow>> {
    let Some(id) = t.subject_id else {
        return Ok(None);
    };
    let p = repo::find_id(conn, id)?
        .filter(|p| p.group_id == t.group.id)
        .ok_or_else(|| {
            subject_invalid(
                "不是本集团的年度交流计划。",
                "Not an exchange plan of this group.",
            )
        })?;
    if t.body != Body::Office {
        return Err(RuleViolation::of(
            Rule::ExchPlan,
            "年度交流计划由理事长办公会议审议，不提交理事会表决。",
            "The chair's office meeting decides on the exchange plan, not the council.",
        )
        .into());
    }
    if p.status != PlanStatus::Proposed {
        return Err(RuleViolation::of(
            Rule::ExchPlan,
            format!(
                "交流计划状态为“{}”；修改后才能再次提交审议。",
                p.status.label_zh()
            ),
            format!(
                "The plan is {}; revise it before tabling it again.",
                p.status.as_str()
            ),
        )
        .into());
    }
    if let Some(open) = open_motion(conn, p.motion_id)? {
        return Err(on_agenda(open));
    }
    Ok(Some(p))
}
