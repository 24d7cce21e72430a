//! `POST /groups/{id}/members/{school_id}/confirmation`: the bureau arranges a join by agreement
//! (§2.1.1 "由县（市）教育行政部门安排其通过与集团……以签订协议的形式加入"). Approved, the
//! `prospective` membership becomes `active` on the day of the confirmation, every join rule
//! checked again on the rows as they are now (the school or the group may have changed since
//! the chair recorded it), and its growth period, if any, starts then. Declined, with reasons,
//! it ends as `agreement_not_confirmed` and frees its place.

use super::access;
use super::members::check_join;
use super::view::{self, Group};
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::workflow::check_accepts_members;
use crate::domain::groups::{JoinBasis, JoinRequest};
use crate::domain::life::check_confirmable;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::memberships;
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::life::decisions::{DecisionInput, Verdict};
use crate::service::life::membership_snapshot;
use crate::service::{stale, AppState, Ctx, IfMatch};

pub async fn confirm(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    school_id: i64,
    if_match: Option<IfMatch>,
    input: DecisionInput,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let note = input
        .note
        .map(|n| c.text("note", &n, 1, 2000))
        .filter(|n| !n.trim().is_empty());
    if input.decision == Verdict::Reject && note.is_none() {
        c.push(
            "note",
            "不予确认须说明理由。",
            "Declining an agreement must give its reasons.",
        );
    }
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            access::ensure_role(
                &ctx,
                Role::CountyBureau,
                "只有县级教育局可以确认协议加入的成员。",
                "Only the county bureau confirms a join by agreement.",
            )?;
            if let Some(m) = &if_match {
                m.check(g.version)?;
            }
            let m = memberships::latest_in_group(conn, g.id, school_id)?
                .ok_or_else(ApiError::not_found)?;
            check_confirmable(school_id, m.status, m.basis)?;
            // Joins are decided while the group takes members: a dossier under review is frozen.
            check_accepts_members(g.status)?;
            let by = ctx.principal.sub.clone();
            let now = crate::repo::now();
            let today = crate::domain::clock::today();
            let (after, action) = match input.decision {
                Verdict::Approve => {
                    let school = schools::find(conn, school_id)?.ok_or_else(ApiError::internal)?;
                    let join = JoinRequest {
                        basis: JoinBasis::SignedAgreement,
                        signed_on: m.signed_on,
                        agreement_ref: m.agreement_ref.clone(),
                    };
                    let growth_until = check_join(
                        conn,
                        &g,
                        &school,
                        &join,
                        m.executive_principal_id,
                        Some(m.id),
                    )?;
                    let row = memberships::confirm(
                        conn,
                        m.id,
                        m.version,
                        today,
                        growth_until,
                        &by,
                        note.as_deref(),
                        now,
                    )?;
                    (row, "membership.confirm")
                }
                Verdict::Reject => {
                    let reasons = note.as_deref().ok_or_else(ApiError::internal)?;
                    let row =
                        memberships::decline(conn, m.id, m.version, today, &by, reasons, now)?;
                    (row, "membership.agreement_not_confirmed")
                }
            };
            let after = after.ok_or_else(|| stale(m.version + 1))?;
            let key = access::membership_key(conn, &g, school_id)?;
            changes::record(
                conn,
                &ctx.audit_actor(),
                Change {
                    op: Op::Updated,
                    action: action.to_string(),
                    entity: "membership",
                    entity_id: after.id.to_string(),
                    natural_key: key,
                    county_code: Some(g.county_code.clone()),
                    before: Some(membership_snapshot(&m)),
                    after: Some(membership_snapshot(&after)),
                    published: true,
                },
            )?;
            let group = access::touch(conn, &g)?;
            view::build(conn, &ctx.principal, group)
        })
        .await
}
