//! A group's life after establishment (§2.4.4): members leave on the bureau's approval of an
//! application (withdrawal, graduation, spin-off) or stay on as collaborative members
//! (conversion), the bureau revokes a membership
//! after an ignored rectification order, and it dissolves a badly run group.
//!
//! Every act is one `Db::write` transaction: the rules are checked on the rows read inside it
//! (the write gate serialises writers, so two decisions cannot both apply), the membership and
//! group rows move only from the version read, and the change feed and, where the group changes,
//! its history are written in the same transaction.

pub mod applications;
pub mod decisions;
pub mod dissolution;
pub mod effects;
pub mod exits;
pub mod rectification;
pub mod rectification_steps;
pub mod spin_off;
pub mod views;

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::life::{
    check_is_member, check_membership_transition, ExitReason, MembershipStatus,
};
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships::{self, MembershipRow};
use crate::service::{stale, Ctx};

/// Today as the service counts dates (growth periods, deadlines): China Standard Time.
pub(crate) fn today() -> NaiveDate {
    crate::domain::clock::today()
}

/// The school's current membership of `g`: `404` when it never was a member (its existence in
/// the group is what the path names), `409 MEMBERSHIP-STATE` when it has left, or when it is a
/// join by agreement the bureau has not confirmed (`prospective`: not a member yet).
pub(crate) fn current_member(
    conn: &mut DbConnection,
    g: &GroupRow,
    school_id: i64,
) -> ApiResult<MembershipRow> {
    let m = memberships::latest_in_group(conn, g.id, school_id)?.ok_or_else(ApiError::not_found)?;
    check_is_member(school_id, m.status)?;
    Ok(m)
}

pub(crate) fn membership_snapshot(m: &MembershipRow) -> serde_json::Value {
    serde_json::json!({
        "id": m.id, "group_id": m.group_id, "school_id": m.school_id, "basis": m.basis,
        "terms": m.terms, "executive_principal_id": m.executive_principal_id,
        "status": m.status, "joined_on": m.joined_on, "left_on": m.left_on,
        "exit_reason": m.exit_reason, "growth_until": m.growth_until,
        "decided_at": m.decided_at, "decided_by": m.decided_by,
        "decision_note": m.decision_note, "version": m.version,
    })
}

/// Ends a membership for `reason`, with its change; submitted applications about it other
/// than `keep` (the one being approved) are cancelled, since nothing is left to decide. The
/// caller moves the group's version on and records the step in its history.
pub(crate) fn end_membership(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    m: &MembershipRow,
    reason: ExitReason,
    keep: Option<i64>,
) -> ApiResult<MembershipRow> {
    check_membership_transition(m.school_id, m.status, MembershipStatus::Ended)?;
    let now = crate::repo::now();
    let ended = memberships::end(conn, m.id, m.version, today(), reason.as_str(), now)?
        .ok_or_else(|| stale(m.version + 1))?;
    let key = crate::service::groups::access::membership_key(conn, g, ended.school_id)?;
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: Op::Updated,
            action: format!("membership.{}", reason.as_str()),
            entity: "membership",
            entity_id: ended.id.to_string(),
            natural_key: key,
            county_code: Some(g.county_code.clone()),
            before: Some(membership_snapshot(m)),
            after: Some(membership_snapshot(&ended)),
            published: true,
        },
    )?;
    applications::cancel_submitted(
        conn,
        ctx,
        g,
        Some(ended.id),
        keep,
        "成员资格已终止，申请自动撤回。",
    )?;
    Ok(ended)
}
