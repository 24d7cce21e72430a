//! Two-way hiring (崗位雙向聘用, §2.4.2, HIRE-TWO-WAY): the chair opens a round for a year with
//! the group's assessment method per post category, offers posts at members within their
//! allocations (STAFF-POOL), records each teacher's outcome and its later steps, and closes the
//! round. The path and the rules are `domain::hiring`'s.
//!
//! Who sees what: everyone who sees the group reads its rounds (the county bureau, the
//! prefecture, inspectors, the chair, seat holders); a member school's administrator sees only
//! its own school's posts, and the outcomes of its own teachers or filling its posts. Only the
//! chair (the core school's administrator) acts; the body that decided a step is recorded on it.
//!
//! Every step changes the teacher's current post in the registry (`persons.hiring_post_id`,
//! `persons.employment_status`), audited as a `person` change in the step's transaction.

pub mod outcomes;
pub mod rounds;
pub mod views;

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::auth::Role;
use crate::domain::clock::today;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::GroupRow;
use crate::repo::hiring::rounds::{self as repo, RoundRow};
use crate::service::checks::Checks;
use crate::service::groups::access;
use crate::service::Ctx;

/// The round and its group, or `404` when either is absent or outside the caller's scope.
pub(crate) fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<(GroupRow, RoundRow)> {
    let r = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = access::load(conn, ctx, r.group_id)?;
    Ok((g, r))
}

/// The one school a caller sees the posts and outcomes of: a member school's administrator
/// sees its own; `None` (all) for everyone else who sees the group, the chair included.
pub(crate) fn own_school(ctx: &Ctx, g: &GroupRow) -> Option<i64> {
    let p = &ctx.principal;
    match (p.role, p.school) {
        (Role::SchoolAdmin, Some(s)) if s != g.core_school_id => Some(s),
        (Role::SchoolAdmin, None) => Some(0),
        _ => None,
    }
}

/// `409 hiring_round_closed` unless the round is open.
pub(crate) fn ensure_open(r: &RoundRow) -> ApiResult<()> {
    if r.status == crate::domain::hiring::RoundStatus::Open {
        return Ok(());
    }
    Err(ApiError::conflict_of(
        Conflict::HiringRoundClosed,
        format!(
            "该轮双向聘用已于 {} 结束。",
            r.closed_on.map(|d| d.to_string()).unwrap_or_default()
        ),
        format!(
            "The hiring round closed on {}.",
            r.closed_on.map(|d| d.to_string()).unwrap_or_default()
        ),
    ))
}

/// Whether the school is the group's core or one of its current (`active`) members.
pub(crate) fn is_member(conn: &mut DbConnection, g: &GroupRow, school_id: i64) -> ApiResult<bool> {
    if school_id == g.core_school_id {
        return Ok(true);
    }
    Ok(
        crate::repo::groups::memberships::current_of_group(conn, g.id)?
            .iter()
            .any(|m| m.school_id == school_id),
    )
}

/// A document's date: not in the future (China Standard Time), not before `earliest`.
pub(crate) fn check_date(c: &mut Checks, field: &str, d: NaiveDate, earliest: Option<NaiveDate>) {
    if d > today() {
        c.push(
            field,
            "日期不能晚于今天。",
            "The date cannot be in the future.",
        );
    }
    if let Some(e) = earliest.filter(|e| d < *e) {
        c.push(
            field,
            format!("日期不能早于 {e}。"),
            format!("The date cannot be before {e}."),
        );
    }
}

/// Records one act in the current transaction, with the group's county.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record<T: serde::Serialize>(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    op: Op,
    entity: &'static str,
    action: &str,
    id: i64,
    before: Option<&T>,
    after: &T,
) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op,
            action: format!("{entity}.{action}"),
            entity,
            entity_id: id.to_string(),
            natural_key: None,
            county_code: Some(g.county_code.clone()),
            before: before.and_then(|b| serde_json::to_value(b).ok()),
            after: serde_json::to_value(after).ok(),
            published: true,
        },
    )?;
    Ok(())
}
