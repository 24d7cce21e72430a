//! `POST /groups/{id}/members/{school_id}/exit`: a member leaves. Every reason but `revoked`
//! files an application the bureau approves (核准, §2.4.4); `revoked` is the bureau's own act,
//! taken directly once a rectification order was ignored (REVOKE). Conversion is asked for here
//! too, as the other way out of a tight membership's growth period, but once approved the school
//! stays in the group as a collaborative member (§2.4.4; see `effects`).

use serde::Deserialize;
use utoipa::ToSchema;

use super::applications::{may_apply, not_the_applicant, submit};
use super::views::{self, Application, SpinOffGroup};
use super::{current_member, end_membership, today};
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::{FormationPattern, GroupKind};
use crate::domain::life::{
    check_growth_exit, check_members_may_leave, check_revoke, check_spin_off, is_refused,
    ExitReason, OrderFacts, RectificationStatus,
};
use crate::error::{ApiError, ApiResult};
use crate::repo::life::rectification;
use crate::repo::registry::schools;
use crate::service::checks::Checks;
use crate::service::groups::access::{self, record_step};
use crate::service::groups::facts::school_facts;
use crate::service::groups::view::{self, Group};
use crate::service::{AppState, Ctx, IfMatch};

/// The group a spin-off asks to form, as sent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "都匀市第三小学教育集团", "kind": "collaborative", "pattern": "other"}))]
pub struct NewGroupInput {
    #[schema(required = true)]
    pub name: Option<String>,
    #[schema(required = true, value_type = GroupKind)]
    pub kind: Option<String>,
    #[schema(required = true, value_type = FormationPattern)]
    pub pattern: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "reason": "graduated_independent",
    "note": "三年成长考核期满，改薄提质成效明显，申请脱离紧密型集团独立办学。"
}))]
pub struct ExitRequest {
    /// `withdrawn`, `graduated_independent`, `converted_to_collaborative`, `spun_off` (each an
    /// application to the bureau) or `revoked` (the bureau, directly). An approved
    /// `converted_to_collaborative` does not end the membership: the school stays in the group
    /// on collaborative terms (§2.4.4).
    #[schema(required = true, value_type = ExitReason)]
    pub reason: Option<String>,
    /// The grounds: the application's, or the revocation's.
    #[schema(required = true)]
    pub note: Option<String>,
    /// For `spun_off`: the group the school asks to form as its core.
    pub new_group: Option<NewGroupInput>,
}

/// What an exit gives: an application awaiting the bureau, or the group after a revocation.
#[derive(serde::Serialize, serde::Deserialize)]
pub enum ExitOutcome {
    Applied(Application),
    Revoked(Group),
}

struct Valid {
    reason: ExitReason,
    note: String,
    new_group: Option<SpinOffGroup>,
}

fn validate(input: ExitRequest) -> ApiResult<Valid> {
    let mut c = Checks::new();
    let reason = c
        .required("reason", input.reason)
        .and_then(|v| c.enum_code("reason", &v, ExitReason::parse, ExitReason::codes()));
    if reason == Some(ExitReason::Dissolved) {
        c.push(
            "reason",
            "成员随集团解散而退出，请使用解散集团接口。",
            "Members leave with a dissolution: use the group's dissolution.",
        );
    }
    if reason == Some(ExitReason::AgreementNotConfirmed) {
        c.push(
            "reason",
            "加入协议未获确认由教育局在确认加入时作出，请使用确认加入接口。",
            "An agreement is declined by the bureau's confirmation of the join, not by an exit.",
        );
    }
    let note = c
        .required("note", input.note)
        .map(|n| c.text("note", &n, 2, 2000));
    let mut new_group = None;
    match (reason, input.new_group) {
        (Some(ExitReason::SpunOff), Some(n)) => {
            let name = c
                .required("new_group.name", n.name)
                .map(|v| c.text("new_group.name", &v, 2, 100));
            let kind = c.required("new_group.kind", n.kind).and_then(|v| {
                c.enum_code("new_group.kind", &v, GroupKind::parse, GroupKind::codes())
            });
            let pattern = c.required("new_group.pattern", n.pattern).and_then(|v| {
                c.enum_code(
                    "new_group.pattern",
                    &v,
                    FormationPattern::parse,
                    FormationPattern::codes(),
                )
            });
            if let (Some(name), Some(kind), Some(pattern)) = (name, kind, pattern) {
                new_group = Some(SpinOffGroup {
                    name,
                    kind,
                    pattern,
                });
            }
        }
        (Some(ExitReason::SpunOff), None) => c.push(
            "new_group",
            "另行组建集团须说明新集团的名称、类型和组建模式。",
            "A spin-off names the new group: name, kind and pattern.",
        ),
        (_, Some(_)) => c.push(
            "new_group",
            "只有 spun_off 需要填写新集团。",
            "Only spun_off takes a new group.",
        ),
        _ => {}
    }
    c.finish()?;
    match (reason, note) {
        (Some(reason), Some(note)) => Ok(Valid {
            reason,
            note,
            new_group,
        }),
        _ => Err(ApiError::internal()),
    }
}

pub async fn exit(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    school_id: i64,
    if_match: Option<IfMatch>,
    input: ExitRequest,
) -> ApiResult<ExitOutcome> {
    ctx.require(Permission::GroupsRead)?;
    let v = validate(input)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            let Some(kind) = v.reason.application_kind() else {
                return revoke(conn, &ctx, g, school_id, if_match, v.note).map(ExitOutcome::Revoked);
            };
            let p = &ctx.principal;
            let own = p.role == Role::SchoolAdmin && p.school == Some(school_id);
            if !(access::is_chair(p, &g) || own) {
                return Err(ApiError::forbidden(
                    "退出由成员学校或集团（理事长）申请，另行组建由成员学校申请；成长期满独立办学或转为协作型成员由集团（理事长）申请。",
                    "A member or the chair applies for withdrawal, the member for spin-off; the chair applies for graduation and conversion.",
                ));
            }
            if let Some(m) = &if_match {
                m.check(g.version)?;
            }
            let m = current_member(conn, &g, school_id)?;
            if !may_apply(p, &g, &m, kind) {
                return Err(not_the_applicant(&m, kind));
            }
            check_members_may_leave(g.status)?;
            // GROWTH-3Y for every way out; SPIN-OFF for a spin-off.
            check_growth_exit(school_id, kind, m.terms, m.growth_until, today())?;
            if v.reason == ExitReason::SpunOff {
                let s = schools::find(conn, school_id)?.ok_or_else(ApiError::internal)?;
                check_spin_off(school_id, school_facts(&s).standing)?
            }
            let row = submit(conn, &ctx, &g, &m, kind, v.note, v.new_group.as_ref())?;
            views::application(conn, row).map(ExitOutcome::Applied)
        })
        .await
}

/// REVOKE: the bureau ends the membership of a member that refused to rectify (拒不整改): an
/// order left unanswered past its deadline, or found not rectified.
fn revoke(
    conn: &mut crate::db::DbConnection,
    ctx: &Ctx,
    g: crate::repo::groups::group::GroupRow,
    school_id: i64,
    if_match: Option<IfMatch>,
    note: String,
) -> ApiResult<Group> {
    crate::service::groups::access::ensure_role(
        ctx,
        Role::CountyBureau,
        "只有县级教育局可以取消成员资格。",
        "Only the county bureau revokes a membership.",
    )?;
    if let Some(m) = &if_match {
        m.check(g.version)?;
    }
    let m = current_member(conn, &g, school_id)?;
    check_members_may_leave(g.status)?;
    let orders: Vec<OrderFacts> = rectification::of_membership(conn, m.id)?
        .iter()
        .map(|o| OrderFacts {
            id: o.id,
            deadline: o.deadline,
            status: o.status,
        })
        .collect();
    let today = today();
    check_revoke(school_id, &orders, today)?;
    end_membership(conn, ctx, &g, &m, ExitReason::Revoked, None)?;
    let after = access::touch(conn, &g)?;
    let refused: Vec<String> = orders
        .iter()
        .filter(|o| is_refused(o, today))
        .map(|o| match o.status {
            RectificationStatus::NotRectified => format!("#{}（整改不到位）", o.id),
            _ => format!("#{}（逾期未报送整改情况）", o.id),
        })
        .collect();
    let reason = format!(
        "取消学校 #{school_id} 的成员资格（拒不整改的整改通知：{}）：{note}",
        refused.join("、")
    );
    record_step(conn, ctx, &g, &after, "member_revoked", Some(reason))?;
    view::build(conn, &ctx.principal, after)
}
