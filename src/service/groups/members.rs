//! A school joins a group while it is prepared or after it is established (§2.1.1, §2.2): by the
//! bureau's assignment, which takes effect at once, or by an agreement the core school signed
//! and records, which takes effect when the bureau arranges it ("由县（市）教育行政部门安排其通过
//! ……签订协议的形式加入"): the membership is `prospective` until the bureau confirms it
//! (`confirmation`). Every join rule is checked when the join is recorded, so that a prospective
//! membership holds its place, and again at the confirmation.

use chrono::{Months, NaiveDate};
use serde::Deserialize;
use utoipa::ToSchema;

use super::access;
use super::facts::{roles_besides, school_facts, tight_count};
use super::view::{self, Group};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::formation::{
    check_county, check_join_basis, check_one_membership, check_stage_downward,
    check_tight_legal_rep, check_tight_size,
};
use crate::domain::groups::workflow::check_accepts_members;
use crate::domain::groups::{JoinBasis, JoinRequest, TargetGroup};
use crate::domain::life::MembershipStatus;
use crate::domain::registry::SchoolStanding;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::GroupRow;
use crate::repo::groups::memberships::{self, NewMembershipRow};
use crate::repo::registry::schools::SchoolRow;
use crate::repo::registry::{persons, schools};
use crate::service::checks::Checks;
use crate::service::{AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "school_id": 5, "basis": "signed_agreement", "signed_on": "2026-03-01",
    "agreement_ref": "都一小集协〔2026〕1号", "executive_principal_id": 12
}))]
pub struct NewMember {
    #[schema(required = true)]
    pub school_id: Option<i64>,
    /// `bureau_assignment` (by the county bureau; new, weak and newly opened schools; `active` at
    /// once) or `signed_agreement` (recorded by the core school; any other school; `prospective`
    /// until the bureau confirms it).
    #[schema(required = true, value_type = JoinBasis)]
    pub basis: Option<String>,
    /// Date the agreement was signed (signed agreements).
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub signed_on: Option<NaiveDate>,
    /// The agreement's reference (signed agreements).
    pub agreement_ref: Option<String>,
    /// The member's executive principal: required in a tight group (GRP-TIGHT-LEGAL-REP).
    pub executive_principal_id: Option<i64>,
}

/// The join rules (§2.1.1, §2.2) for `school` joining `g` today on `join`, checked when a join
/// is recorded and again when the bureau confirms an agreement; `except` is the membership being
/// confirmed, which holds its own place. Returns the end of the growth period a join today
/// gives (GROWTH-3Y: new and weak members grow for a period before they may leave or stay).
pub(crate) fn check_join(
    conn: &mut DbConnection,
    g: &GroupRow,
    school: &SchoolRow,
    join: &JoinRequest,
    executive_principal_id: Option<i64>,
    except: Option<i64>,
) -> ApiResult<Option<NaiveDate>> {
    let status = g.status;
    check_accepts_members(status)?;
    let kind = g.kind;
    let facts = school_facts(school);
    // GRP-COUNTY first: of a school of another county nothing more is looked at.
    check_county(&g.county_code, &facts)?;
    let core = schools::find(conn, g.core_school_id)?.ok_or_else(ApiError::internal)?;
    let roles = roles_besides(conn, school.id, except)?;
    check_one_membership(
        &facts,
        &TargetGroup {
            id: g.id,
            kind,
            core_school_id: g.core_school_id,
        },
        &roles,
    )?;
    check_stage_downward(&core.type_code, &school.type_code)?;
    let today = crate::domain::clock::today();
    check_join_basis(facts.standing, join, today)?;
    let settings = super::settings::effective(conn, &g.county_code)?;
    // A member that stayed on collaborative terms (§2.4.4) holds no tight place; a prospective
    // join holds one.
    let places: Vec<_> = memberships::places_of_group(conn, g.id)?
        .into_iter()
        .filter(|m| Some(m.id) != except)
        .collect();
    let cap = g.member_cap.unwrap_or(0).max(0) as u32;
    check_tight_size(kind, status, tight_count(&places), cap, &settings)?;
    check_tight_legal_rep(kind, &school_facts(&core), &facts, executive_principal_id)?;
    Ok(matches!(
        facts.standing,
        SchoolStanding::Weak | SchoolStanding::NewlyOpened
    )
    .then(|| today.checked_add_months(Months::new(12 * settings.growth_period_years)))
    .flatten())
}

pub async fn add(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: NewMember,
) -> ApiResult<Group> {
    if !(ctx.principal.can(Permission::GroupsAuthorize)
        || ctx.principal.can(Permission::GroupsLead))
    {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            "只有县级教育局（组织安排）或核心成员（签订协议）可以吸纳成员。",
            "Only the county bureau (assignment) or the core school (signed agreement) adds members.",
        ));
    }
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            if let Some(m) = &if_match {
                m.check(g.version)?;
            }
            let mut c = Checks::new();
            let basis = c
                .required("basis", input.basis.clone())
                .and_then(|v| c.enum_code("basis", &v, JoinBasis::parse, JoinBasis::codes()));
            let mut school = None;
            if let Some(sid) = c.required("school_id", input.school_id) {
                // A school of another county exists: GRP-COUNTY names it below (by id and county
                // code only). Only an id that is no school at all is a validation error.
                match schools::find(conn, sid)? {
                    Some(s) => school = Some(s),
                    None => c.push("school_id", "没有该学校。", "No such school."),
                }
            }
            if let Some(pid) = input.executive_principal_id {
                match persons::find(conn, pid)? {
                    Some(p) if p.county_code == g.county_code => {
                        if p.kind != crate::domain::registry::PersonKind::Staff {
                            c.push("executive_principal_id", "学生家长不是教职工，不能担任执行校（园）长。", "A parent is not staff and cannot be an executive principal.");
                        }
                    }
                    _ => c.push("executive_principal_id", "本县没有该人员。", "No such person in this county."),
                }
            }
            if input.agreement_ref.as_ref().is_some_and(|r| r.chars().count() > 100) {
                c.push("agreement_ref", "协议编号不超过 100 字。", "At most 100 characters.");
            }
            c.finish()?;
            let (Some(basis), Some(school)) = (basis, school) else {
                return Err(ApiError::internal());
            };
            // The bureau assigns; the core records the agreements it signed.
            match basis {
                JoinBasis::BureauAssignment if ctx.principal.role != Role::CountyBureau => {
                    return Err(ApiError::forbidden("组织安排只能由县级教育局作出。", "Only the county bureau assigns schools."))
                }
                JoinBasis::SignedAgreement if !access::is_chair(&ctx.principal, &g) => {
                    return Err(ApiError::forbidden("加入协议由核心成员登记。", "Signed agreements are recorded by the core school."))
                }
                _ => {}
            }
            let join = JoinRequest {
                basis,
                signed_on: input.signed_on,
                agreement_ref: input.agreement_ref.clone().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()),
            };
            let growth_until = check_join(conn, &g, &school, &join, input.executive_principal_id, None)?;
            // An agreement waits for the bureau; its growth period, if any, starts then.
            let (status, growth_until) = match basis {
                JoinBasis::BureauAssignment => (MembershipStatus::Active, growth_until),
                JoinBasis::SignedAgreement => (MembershipStatus::Prospective, None),
            };
            let now = crate::repo::now();
            let m = memberships::insert(
                conn,
                &NewMembershipRow {
                    group_id: g.id,
                    school_id: school.id,
                    basis,
                    agreement_ref: join.agreement_ref,
                    signed_on: join.signed_on,
                    executive_principal_id: input.executive_principal_id,
                    status,
                    joined_on: crate::domain::clock::today(),
                    growth_until,
                    terms: g.kind,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let after = access::touch(conn, &g)?;
            changes::record(
                conn,
                &ctx.audit_actor(),
                Change {
                    op: Op::Created,
                    action: format!("membership.{}", basis.as_str()),
                    entity: "membership",
                    entity_id: m.id.to_string(),
                    natural_key: Some(access::membership_key_of(&g, &school.code)),
                    county_code: Some(g.county_code.clone()),
                    before: None,
                    after: Some(serde_json::json!({
                        "group_id": g.id, "school_id": school.id, "basis": basis.as_str(),
                        "agreement_ref": m.agreement_ref, "signed_on": m.signed_on,
                        "executive_principal_id": m.executive_principal_id, "joined_on": m.joined_on,
                        "growth_until": m.growth_until, "status": m.status, "terms": m.terms,
                    })),
                    published: true,
                },
            )?;
            view::build(conn, &ctx.principal, after)
        })
        .await
}
