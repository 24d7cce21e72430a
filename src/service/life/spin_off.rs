//! SPIN-OFF (§2.4.4): on the bureau's approval an outstanding potential school leaves its group
//! and is authorised to lead a new one ("允许其另行组建教育集团"), which starts `authorized` in the
//! same county and then follows the formation workflow like any other.
//!
//! GRP-CORE-QUALITY asks for a quality core authorised by the bureau; §2.4.4 is its exception
//! for a potential school, and the approval of the spin-off is the bureau's authorisation. So
//! SPIN-OFF is checked in its place; GRP-COUNTY, GRP-CORE-UNIQUE and GRP-ONE-MEMBERSHIP still
//! hold, checked after the old membership has ended.

use super::views::SpinOffGroup;
use crate::db::DbConnection;
use crate::domain::groups::formation::{check_core_unique, check_county, check_member_may_lead};
use crate::domain::groups::GroupStatus;
use crate::domain::life::check_spin_off;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Op};
use crate::repo::groups::group::{self as repo, GroupRow, NewGroupRow};
use crate::repo::groups::transitions::{self, TransitionRow};
use crate::repo::registry::schools;
use crate::service::groups::access::group_change;
use crate::service::groups::facts::{active_roles, school_facts};
use crate::service::Ctx;

/// Authorises `school_id`, which has just left `old`, to lead the group `spec` describes.
pub(crate) fn authorise(
    conn: &mut DbConnection,
    ctx: &Ctx,
    old: &GroupRow,
    school_id: i64,
    spec: &SpinOffGroup,
    application_id: i64,
) -> ApiResult<GroupRow> {
    let school = schools::find(conn, school_id)?.ok_or_else(ApiError::internal)?;
    let facts = school_facts(&school);
    check_county(&old.county_code, &facts)?;
    check_spin_off(school.id, facts.standing)?;
    let roles = active_roles(conn, school.id)?;
    check_core_unique(school.id, &roles, None)?;
    check_member_may_lead(&facts, spec.kind, &roles)?;
    let code = crate::service::groups::group::next_code(conn, &old.county_code)?;
    let now = crate::repo::now();
    let row = repo::insert(
        conn,
        &NewGroupRow {
            code,
            name: spec.name.clone(),
            county_code: old.county_code.clone(),
            kind: spec.kind,
            pattern: spec.pattern,
            core_school_id: school.id,
            status: GroupStatus::Authorized,
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )?;
    transitions::record(
        conn,
        &TransitionRow {
            id: 0,
            group_id: row.id,
            from_status: None,
            to_status: row.status,
            action: "authorize".into(),
            actor_sub: ctx.principal.sub.clone(),
            actor_role: ctx.principal.role.as_str().into(),
            reason: Some(format!(
                "经核准另行组建（申请 #{application_id}），核心成员学校 #{} 原属集团 {}。",
                school.id, old.code
            )),
            at: now,
        },
    )?;
    changes::record(
        conn,
        &ctx.audit_actor(),
        group_change(Op::Created, "group.authorize", None, &row),
    )?;
    Ok(row)
}
