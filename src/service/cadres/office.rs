//! The office meeting's part (经集团理事长办公会通过): a nomination is tabled as an office-meeting
//! motion of type `cadre_nomination` (`nomination_id` on the motion), and closing that motion
//! moves it, in the closing transaction: adopted (by the count, or by the chair after hearing
//! the members where the charter says so) → `office_passed`, rejected → `office_rejected`. No
//! quorum, a tie or a deferral decide nothing: the nomination may be tabled again.
//!
//! The link lives on the nomination (`motion_id`), so motions need no column of their own and a
//! motion's outcome reaches at most one nomination.

use serde::Deserialize;
use utoipa::ToSchema;

use super::views::Nomination;
use super::{load, record};
use crate::db::DbConnection;
use crate::domain::cadres::{check_deciding_body, next, NominationAct, NominationStatus};
use crate::domain::council::{Body, MotionOutcome, MotionType};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::cadres::nominations::{self as repo, NominationRow, NominationStep};
use crate::repo::changes::Op;
use crate::repo::council::motions::MotionRow;
use crate::repo::groups::group::GroupRow;
use crate::service::council::effects::{
    open_motion, subject_invalid, Closing, MotionEffect, Tabling,
};
use crate::service::groups::access;
use crate::service::{stale, AppState, Ctx, IfMatch};

fn invalid(zh: &str, en: &str) -> ApiError {
    subject_invalid(zh, en)
}

fn on_agenda(motion: i64) -> ApiError {
    ApiError::conflict_of(Conflict::NominationOnAgenda,
        format!("该提名已列入议案 #{motion}，表决结束前不能再次提交或撤回。"),
        format!("The nomination is on motion #{motion}; it cannot be tabled again or withdrawn until that vote closes."),
    )
}

/// The office meeting's decision on a nomination (§2.4.2 "经集团理事长办公会通过"): a
/// `cadre_nomination` motion names the nomination as its `subject_id`, and its outcome moves it.
pub struct NominationDecision;

impl MotionEffect for NominationDecision {
    fn motion_types(&self) -> &'static [MotionType] {
        &[MotionType::CadreNomination]
    }

    fn check_tabling(&self, conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<i64>> {
        Ok(for_motion(conn, t)?.map_or(t.concerns_school_id, |n| Some(n.school_id)))
    }

    fn tabled(
        &self,
        conn: &mut DbConnection,
        ctx: &Ctx,
        t: &Tabling<'_>,
        motion: &MotionRow,
    ) -> ApiResult<()> {
        let n = for_motion(conn, t)?;
        link(conn, ctx, t.group, n, motion)
    }

    fn closed(&self, conn: &mut DbConnection, ctx: &Ctx, c: &Closing<'_>) -> ApiResult<()> {
        on_close(conn, ctx, c.group, c.body, c.motion, c.outcome)
    }
}

/// Checks a motion about to be tabled with a nomination as its subject; returns the nomination
/// (whose school the motion concerns, so that its seat holders may be recused).
fn for_motion(conn: &mut DbConnection, t: &Tabling<'_>) -> ApiResult<Option<NominationRow>> {
    let (g, body, motion_type, concerns) = (t.group, t.body, t.motion_type, t.concerns_school_id);
    let Some(id) = t.subject_id else {
        return Ok(None);
    };
    let n = repo::find(conn, id)?
        .filter(|n| n.group_id == g.id)
        .ok_or_else(|| {
            invalid(
                "不是本集团的干部提名。",
                "Not a cadre nomination of this group.",
            )
        })?;
    check_deciding_body(n.post, body, motion_type)?;
    if concerns.is_some_and(|s| s != n.school_id) {
        return Err(invalid(
            "议案所涉学校与提名的学校不一致。",
            "The motion concerns another school than the nomination.",
        ));
    }
    next(n.post, n.status, NominationAct::OfficePass)?;
    if let Some(open) = open_motion(conn, n.motion_id)? {
        return Err(on_agenda(open));
    }
    Ok(Some(n))
}

/// Links the tabled motion to its nomination, in the tabling transaction.
fn link(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    n: Option<NominationRow>,
    motion: &MotionRow,
) -> ApiResult<()> {
    let Some(n) = n else { return Ok(()) };
    let s = NominationStep {
        status: n.status,
        motion_id: Some(motion.id),
        ..Default::default()
    };
    let after = repo::step(conn, n.id, n.version, n.status, &s, crate::repo::now())?
        .ok_or_else(|| stale(n.version + 1))?;
    let before = Nomination::from_row(n);
    record(
        conn,
        ctx,
        g,
        Op::Updated,
        "table",
        Some(&before),
        &Nomination::from_row(after),
    )
}

/// Moves the nomination of a closed office motion, in the closing transaction.
fn on_close(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    body: Body,
    motion: &MotionRow,
    outcome: MotionOutcome,
) -> ApiResult<()> {
    if body != Body::Office || motion.motion_type != MotionType::CadreNomination {
        return Ok(());
    }
    let Some(n) = repo::of_motion(conn, motion.id)? else {
        return Ok(());
    };
    let (act, action) = match outcome {
        MotionOutcome::Adopted => (NominationAct::OfficePass, "office_pass"),
        MotionOutcome::Rejected => (NominationAct::OfficeReject, "office_reject"),
        _ => return Ok(()),
    };
    let to = next(n.post, n.status, act)?;
    let s = NominationStep {
        status: to,
        office_decided_at: motion.closed_at,
        ..Default::default()
    };
    let after = repo::step(conn, n.id, n.version, n.status, &s, crate::repo::now())?
        .ok_or_else(|| stale(n.version + 1))?;
    let before = Nomination::from_row(n);
    record(
        conn,
        ctx,
        g,
        Op::Updated,
        action,
        Some(&before),
        &Nomination::from_row(after),
    )
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"note": "拟调整人选，撤回提名。"}))]
pub struct Withdrawal {
    /// The reasons, at most 2000 characters.
    pub note: Option<String>,
}

/// The chair withdraws a nomination the office meeting has not decided on.
pub async fn withdraw(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: Withdrawal,
) -> ApiResult<Nomination> {
    let mut c = crate::service::checks::Checks::new();
    let note = c.optional_text("note", input.note, 2000);
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, n) = load(conn, &ctx, id)?;
            access::ensure_chair(&ctx, &g)?;
            if let Some(m) = &if_match {
                m.check(n.version)?;
            }
            let to = next(n.post, n.status, NominationAct::Withdraw)?;
            if let Some(open) = open_motion(conn, n.motion_id)? {
                return Err(on_agenda(open));
            }
            debug_assert_eq!(to, NominationStatus::Withdrawn);
            let s = NominationStep {
                status: to,
                note,
                ..Default::default()
            };
            let after = repo::step(conn, n.id, n.version, n.status, &s, crate::repo::now())?
                .ok_or_else(|| stale(n.version + 1))?;
            let before = Nomination::from_row(n);
            let after = Nomination::from_row(after);
            record(
                conn,
                &ctx,
                &g,
                Op::Updated,
                "withdraw",
                Some(&before),
                &after,
            )?;
            Ok(after)
        })
        .await
}
