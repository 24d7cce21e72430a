//! What an approved application does, inside the decision's transaction. The rules are checked
//! again on the rows as they are now: the application may have waited while things changed.
//!
//! Graduation and conversion (GROWTH-3Y) both end the tight membership, and the bureau's
//! approval recognises the school as a potential school ("允许其作为潜力学校"), which is how
//! §2.4.4 names both outcomes. Conversion is recorded as its own exit reason,
//! `converted_to_collaborative`: the school is no longer bound by the tight group's rules (one
//! legal representative, executive principal, one-in-one-out), and as a potential school it
//! continues with a collaborative group by a signed agreement (GRP-JOIN-BASIS). A group here has
//! one kind, so a collaborative member cannot sit inside a tight group's membership list.

use super::spin_off::authorise;
use super::views::SpinOffGroup;
use super::{end_membership, membership_status, today};
use crate::db::DbConnection;
use crate::domain::groups::life::{
    check_growth_period, check_members_may_leave, check_membership_transition, ApplicationKind,
    MembershipStatus,
};
use crate::domain::groups::GroupKind;
use crate::domain::registry::SchoolStanding;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Op};
use crate::repo::groups::applications::ApplicationRow;
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships;
use crate::repo::registry::schools::{self, SchoolFields};
use crate::service::groups::access::{self, record_step, status_of};
use crate::service::registry::schools::{change as school_change, School};
use crate::service::{stale, Ctx};

/// Applies approved application `a` of group `g`; the id of a spin-off's new group.
pub(crate) fn apply(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    a: &ApplicationRow,
) -> ApiResult<Option<i64>> {
    let kind = ApplicationKind::parse(&a.kind).ok_or_else(ApiError::internal)?;
    let m = match a.membership_id {
        Some(mid) => memberships::find(conn, mid)?,
        None => memberships::latest_in_group(conn, g.id, a.school_id)?,
    }
    .ok_or_else(ApiError::internal)?;
    check_membership_transition(m.school_id, membership_status(&m), MembershipStatus::Ended)?;
    check_members_may_leave(status_of(g))?;
    if matches!(
        kind,
        ApplicationKind::GraduateIndependent | ApplicationKind::ConvertToCollaborative
    ) {
        let group_kind = GroupKind::parse(&g.kind).unwrap_or(GroupKind::Collaborative);
        check_growth_period(m.school_id, group_kind, m.growth_until, today())?;
    }
    end_membership(conn, ctx, g, &m, kind.exit_reason(), Some(a.id))?;
    let mut new_group = None;
    match kind {
        ApplicationKind::GraduateIndependent | ApplicationKind::ConvertToCollaborative => {
            recognise_potential(conn, ctx, m.school_id)?;
        }
        ApplicationKind::SpinOff => {
            let spec: SpinOffGroup = a
                .payload_json
                .as_deref()
                .and_then(|j| serde_json::from_str(j).ok())
                .ok_or_else(ApiError::internal)?;
            new_group = Some(authorise(conn, ctx, g, m.school_id, &spec, a.id)?.id);
        }
        ApplicationKind::Withdraw => {}
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

/// The bureau's approval recognises a graduating or converting school as a potential school.
fn recognise_potential(conn: &mut DbConnection, ctx: &Ctx, school_id: i64) -> ApiResult<()> {
    let s = schools::find(conn, school_id)?.ok_or_else(ApiError::internal)?;
    if s.standing == SchoolStanding::Potential.as_str() {
        return Ok(());
    }
    let fields = SchoolFields {
        code: s.code.clone(),
        name: s.name.clone(),
        county_code: s.county_code.clone(),
        type_code: s.type_code.clone(),
        urban_rural_code: s.urban_rural_code.clone(),
        location: s.location.clone(),
        standing: SchoolStanding::Potential.as_str().into(),
        uscc: s.uscc.clone(),
        uscc_check_ok: s.uscc_check_ok,
        legal_representative_id: s.legal_representative_id,
        staffing_quota: s.staffing_quota,
        address: s.address.clone(),
        opened_on: s.opened_on,
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
