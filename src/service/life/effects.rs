//! What an approved application does, inside the decision's transaction. The rules are checked
//! again on the rows as they are now: the application may have waited while things changed.
//!
//! After the growth period (GROWTH-3Y) §2.4.4 gives a grown tight member two ways on, and the
//! bureau's approval recognises it as a potential school ("允许其作为潜力学校") in both:
//! graduation ends the membership ("脱离紧密型集团独立办学"), while conversion keeps the school a
//! current member of the same group on collaborative terms ("或作为协作型集团成员继续保留在集团内
//! 发展"). A converted member is no longer bound by the tight rules (executive principal,
//! one in one out, cadre nominations): its growth period is over and, keeping its own management
//! (§2.2.2 "管理体制不变"), it has no executive principal.

use super::spin_off::authorise;
use super::views::SpinOffGroup;
use super::{end_membership, membership_snapshot, today};
use crate::db::DbConnection;
use crate::domain::life::{
    check_growth_exit, check_is_member, check_members_may_leave, ApplicationKind,
};
use crate::domain::registry::SchoolStanding;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships::{self, MembershipRow};
use crate::repo::life::applications::ApplicationRow;
use crate::repo::registry::schools::{self, SchoolFields};
use crate::service::groups::access::{self, record_step};
use crate::service::registry::schools::{change as school_change, School};
use crate::service::{stale, Ctx};

/// Applies approved application `a` of group `g`; the id of a spin-off's new group.
pub(crate) fn apply(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    a: &ApplicationRow,
) -> ApiResult<Option<i64>> {
    let kind = a.kind;
    let m = match a.membership_id {
        Some(mid) => memberships::find(conn, mid)?,
        None => memberships::latest_in_group(conn, g.id, a.school_id)?,
    }
    .ok_or_else(ApiError::internal)?;
    // Whether it leaves or stays (conversion), the school must still be a member now.
    check_is_member(m.school_id, m.status)?;
    check_members_may_leave(g.status)?;
    // GROWTH-3Y holds for every way out (time only moves on, but a rule is checked on the rows
    // as they are).
    check_growth_exit(m.school_id, kind, m.terms, m.growth_until, today())?;
    let mut new_group = None;
    match kind {
        ApplicationKind::ConvertToCollaborative => {
            convert(conn, ctx, g, &m)?;
            recognise_potential(conn, ctx, m.school_id)?;
        }
        ApplicationKind::GraduateIndependent => {
            end_membership(conn, ctx, g, &m, kind.exit_reason(), Some(a.id))?;
            recognise_potential(conn, ctx, m.school_id)?;
        }
        ApplicationKind::SpinOff => {
            end_membership(conn, ctx, g, &m, kind.exit_reason(), Some(a.id))?;
            let spec: SpinOffGroup = a
                .payload_json
                .as_deref()
                .and_then(|j| serde_json::from_str(j).ok())
                .ok_or_else(ApiError::internal)?;
            new_group = Some(authorise(conn, ctx, g, m.school_id, &spec, a.id)?.id);
        }
        ApplicationKind::Withdraw => {
            end_membership(conn, ctx, g, &m, kind.exit_reason(), Some(a.id))?;
        }
    }
    let after = access::touch(conn, g)?;
    let mut reason = format!(
        "核准申请 #{}（{}），学校 #{}：{}",
        a.id,
        kind.label_zh(),
        m.school_id,
        a.reason
    );
    if let Some(id) = new_group {
        reason.push_str(&format!("；另行组建集团 #{id}"));
    }
    let action = format!("member_{}", kind.exit_reason().as_str());
    record_step(conn, ctx, g, &after, &action, Some(reason))?;
    Ok(new_group)
}

/// Conversion (§2.4.4 "作为协作型集团成员继续保留在集团内发展"): the membership stays current in
/// the same group, on collaborative terms, with its change in the feed. Only one application per
/// member is open at a time, so there is none left to cancel.
fn convert(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    m: &MembershipRow,
) -> ApiResult<MembershipRow> {
    let converted =
        memberships::convert_to_collaborative(conn, m.id, m.version, crate::repo::now())?
            .ok_or_else(|| stale(m.version + 1))?;
    let key = crate::service::groups::access::membership_key(conn, g, converted.school_id)?;
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: Op::Updated,
            action: "membership.convert_to_collaborative".into(),
            entity: "membership",
            entity_id: converted.id.to_string(),
            natural_key: key,
            county_code: Some(g.county_code.clone()),
            before: Some(membership_snapshot(m)),
            after: Some(membership_snapshot(&converted)),
            published: true,
        },
    )?;
    Ok(converted)
}

/// The bureau's approval recognises a graduating or converting school as a potential school.
fn recognise_potential(conn: &mut DbConnection, ctx: &Ctx, school_id: i64) -> ApiResult<()> {
    let s = schools::find(conn, school_id)?.ok_or_else(ApiError::internal)?;
    if s.standing == SchoolStanding::Potential {
        return Ok(());
    }
    let fields = SchoolFields {
        standing: SchoolStanding::Potential,
        ..SchoolFields::from(&s)
    };
    let after = schools::update(conn, s.id, s.version, &fields, crate::repo::now())?
        .ok_or_else(|| stale(s.version + 1))?;
    let (before, after) = (School::from_row(s), School::from_row(after));
    changes::record(
        conn,
        &ctx.audit_actor(),
        school_change(
            Op::Updated,
            "school.standing",
            &after,
            Some(&before),
            Some(&after),
        ),
    )?;
    Ok(())
}
