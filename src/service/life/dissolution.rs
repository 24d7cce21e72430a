//! DISSOLVE (§2.4.4 "对集团管理混乱，整体社会效益低下的，可予以解散并追究相关人员责任"): the
//! bureau dissolves a group and records who is held accountable. Every membership ends with the
//! group, its council and office seats are retired, open meetings are closed with their open
//! motions deferred, and applications still waiting are cancelled; nothing is deleted, so the
//! group, its history, resolutions and minutes stay readable.

use serde::Deserialize;
use utoipa::ToSchema;

use super::applications::cancel_submitted;
use super::{end_membership, today};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::council::MotionOutcome;
use crate::domain::council::{Ballot, MeetingStatus, MotionStatus};
use crate::domain::groups::workflow::next;
use crate::domain::groups::Transition;
use crate::domain::life::{check_dissolve, ExitReason};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::council::meetings as meetings_repo;
use crate::repo::council::motions::{self as motions_repo, MotionClose};
use crate::repo::council::{seats, votes};
use crate::repo::groups::group::{self as repo, GroupChange, GroupRow};
use crate::repo::groups::memberships;
use crate::service::checks::Checks;
use crate::service::council::views::Meeting;
use crate::service::council::{meetings, motions, record};
use crate::service::groups::access::{self, record_step};
use crate::service::groups::view::{self, Group};
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "reason": "集团管理混乱，连续两年考核不合格，整体社会效益低下。",
    "accountability_note": "对原理事长予以诫勉谈话，责成核心成员学校作出书面检查。"
}))]
pub struct Dissolution {
    /// Why the group is dissolved; kept in its history.
    #[schema(required = true)]
    pub reason: Option<String>,
    /// How those responsible are held accountable (追究相关人员责任); kept on the group.
    #[schema(required = true)]
    pub accountability_note: Option<String>,
}

pub async fn dissolve(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: Dissolution,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let reason = c
        .required("reason", input.reason)
        .map(|r| c.text("reason", &r, 2, 2000));
    let note = c
        .required("accountability_note", input.accountability_note)
        .map(|r| c.text("accountability_note", &r, 2, 2000));
    c.finish()?;
    let (Some(reason), Some(note)) = (reason, note) else {
        return Err(ApiError::internal());
    };
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            crate::service::groups::access::ensure_role(
                &ctx,
                Role::CountyBureau,
                "只有县级教育局可以解散集团。",
                "Only the county bureau dissolves a group.",
            )?;
            if let Some(m) = &if_match {
                m.check(g.version)?;
            }
            let status = g.status;
            check_dissolve(status, &note)?;
            let to = next(status, Transition::Dissolve)?;
            // Every place ends with the group, a join awaiting the bureau's confirmation too.
            for m in memberships::places_of_group(conn, g.id)? {
                end_membership(conn, &ctx, &g, &m, ExitReason::Dissolved, None)?;
            }
            cancel_submitted(conn, &ctx, &g, None, None, "集团已解散，申请自动撤回。")?;
            wind_up_meetings(conn, &ctx, &g)?;
            seats::retire_all(conn, g.id, "council")?;
            seats::retire_all(conn, g.id, "office")?;
            let change = GroupChange {
                status: Some(to),
                dissolved_on: Some(Some(today())),
                dissolution_note: Some(Some(note)),
                ..Default::default()
            };
            let after = repo::update(conn, g.id, g.version, &change, crate::repo::now())?
                .ok_or_else(|| stale(g.version + 1))?;
            record_step(
                conn,
                &ctx,
                &g,
                &after,
                Transition::Dissolve.as_str(),
                Some(reason),
            )?;
            view::build(conn, &ctx.principal, after)
        })
        .await
}

/// Closes the group's convened meetings, deferring their open motions first (a dissolved group
/// decides nothing more; a secret ballot forgets who voted how, as when the chair defers).
fn wind_up_meetings(conn: &mut DbConnection, ctx: &Ctx, g: &GroupRow) -> ApiResult<()> {
    let open = meetings_repo::list(conn, g.id, &[], 0, i64::MAX)?
        .into_iter()
        .filter(|m| m.status == MeetingStatus::Convened);
    for m in open {
        for row in motions_repo::of_meeting(conn, m.id)? {
            if row.status != MotionStatus::Open {
                continue;
            }
            let now = crate::repo::now();
            let change = MotionClose {
                status: MotionStatus::Deferred,
                outcome: Some(MotionOutcome::Deferred),
                closed_at: Some(now),
                ..MotionClose::default()
            };
            let moved = motions_repo::close(conn, row.id, row.version, &change, now)?
                .ok_or_else(|| stale(row.version + 1))?;
            if moved.ballot == Ballot::Secret {
                votes::blank_choices(conn, moved.id)?;
            }
            let view = motions::motion_view(conn, moved)?;
            record(
                conn,
                ctx,
                g,
                motions::audit(Op::Updated, "motion.defer", &view),
            )?;
        }
        let closed = meetings_repo::advance(
            conn,
            m.id,
            m.version,
            MeetingStatus::Closed,
            crate::repo::now(),
        )?
        .ok_or_else(|| stale(m.version + 1))?;
        let meeting = Meeting::from_row(closed);
        record(
            conn,
            ctx,
            g,
            meetings::audit(Op::Updated, "meeting.close", &meeting),
        )?;
    }
    Ok(())
}
