//! Council and office meetings (§2.3.2): convening, attendance, motions, votes, closing a
//! motion into a resolution, and the minutes.
//!
//! Who acts: the chair (the core school's administrator, `groups::access::ensure_chair`)
//! convenes, records attendance, tables, closes and defers; a seat holder votes for its seat
//! or, as proxy, for a seat that gave it its proxy; a third of the council's seats may demand
//! an extraordinary council meeting. Everyone who sees the group (`groups::access::load`) reads.
//! Every change is one `Db::write` transaction with its audit entry; writers are serialised by
//! the write gate, so concurrent votes and closes are decided one after another.

pub mod attendance;
pub mod close;
pub mod demand;
pub mod effects;
pub mod meetings;
pub mod minutes;
pub mod motions;
pub mod resolutions;
pub mod rules;
pub mod views;
pub mod votes;

use crate::db::DbConnection;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::council::meetings::{self as meetings_repo, MeetingRow};
use crate::repo::council::motions::{self as motions_repo, MotionRow};
use crate::repo::groups::group::GroupRow;
use crate::service::groups::access;
use crate::service::Ctx;

/// The meeting and its group, or `404` when either is absent or outside the caller's scope.
pub(crate) fn load_meeting(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, MeetingRow)> {
    let m = meetings_repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = access::load(conn, ctx, m.group_id)?;
    Ok((g, m))
}

/// The motion with its meeting and group, or `404` as for [`load_meeting`].
pub(crate) fn load_motion(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: i64,
) -> ApiResult<(GroupRow, MeetingRow, MotionRow)> {
    let motion = motions_repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let (g, m) = load_meeting(conn, ctx, motion.meeting_id)?;
    Ok((g, m, motion))
}

/// A `409` for a step the resource's state no longer allows, with a stable code.
pub(crate) fn state_conflict(code: Conflict, zh: &str, en: &str) -> ApiError {
    ApiError::conflict_of(code, zh, en)
}

/// One change of a meeting, motion, vote or resolution, for the audit log and the feed.
pub(crate) struct Audit {
    pub op: Op,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    /// A key a feed consumer knows the record by (a resolution's number).
    pub natural_key: Option<String>,
    pub after: serde_json::Value,
    /// `false` keeps an entry out of the change feed (a secret ballot's votes).
    pub published: bool,
}

/// Records `a` in the current transaction, scoped to the group's county.
pub(crate) fn record(conn: &mut DbConnection, ctx: &Ctx, g: &GroupRow, a: Audit) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: a.op,
            action: a.action.to_string(),
            entity: a.entity,
            entity_id: a.entity_id,
            natural_key: a.natural_key,
            county_code: Some(g.county_code.clone()),
            before: None,
            after: Some(a.after),
            published: a.published,
        },
    )?;
    Ok(())
}
