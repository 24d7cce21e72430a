//! The formation workflow (§2.3.1): plan → preparing → dossier → bureau review → leading-group
//! approval, with send-backs. Each step is the role's DOMAIN.md gives it, moves the group only
//! from the status the state machine allows (`409 GROUP-STATE` otherwise, so two officers acting
//! at once cannot both win), and is recorded with actor, time and reason.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::access::{self, record_step};
use super::charter::missing_of;
use super::view::{self, Group};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::groups::formation::check_establish_dossier;
use crate::domain::groups::workflow::next;
use crate::domain::groups::{
    CharterSection, DossierFacts, GroupKind, GroupStatus, JoinBasis, Transition,
};
use crate::error::ApiResult;
use crate::repo::council::seats;
use crate::repo::groups::group::{self as repo, GroupChange, GroupRow};
use crate::repo::groups::{charters, memberships, transitions};
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"plan_text": "一、组建目的……二、成员范围……三、管理架构……"}))]
pub struct PlanSubmission {
    /// The formation plan drafted by the core school.
    #[schema(required = true)]
    pub plan_text: Option<String>,
}

crate::vocab_enum! {
    /// A reviewer's decision on a formation plan or a dossier.
    pub enum ReviewDecision ("review_decision") {
        Approve = ("approve", "通过", "approve"),
        Return = ("return", "退回", "return"),
    }
}

/// A reviewer's decision; returning requires the reasons.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "return", "reason": "成员学校加入协议缺少签署日期。"}))]
pub struct Review {
    pub decision: ReviewDecision,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DossierSubmission {
    /// A note to the bureau.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"from": "dossier_submitted", "to": "preparing", "action": "bureau_return_dossier",
    "actor_sub": "officer-1", "actor_role": "county_bureau", "at": "2026-03-05T08:00:00Z", "reason": "章程缺少议事规则。"}))]
pub struct HistoryEntry {
    pub from: Option<GroupStatus>,
    pub to: GroupStatus,
    pub action: String,
    pub actor_sub: String,
    pub actor_role: String,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, serde::Deserialize)]
pub struct History {
    pub items: Vec<HistoryEntry>,
}

/// Moves the group by one step, after the caller-specific checks of `guard`.
async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    transition: Transition,
    reason: Option<String>,
    guard: impl FnOnce(&mut DbConnection, &Ctx, &GroupRow) -> ApiResult<GroupChange> + Send + 'static,
) -> ApiResult<Group> {
    let mut c = Checks::new();
    let reason = c.optional_text("reason", reason, 2000);
    if transition.needs_reason() && reason.is_none() {
        c.push(
            "reason",
            "退回须说明理由。",
            "A return must give its reasons.",
        );
    }
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            if let Some(m) = &if_match {
                m.check(g.version)?;
            }
            let to = next(g.status, transition)?;
            let mut change = guard(conn, &ctx, &g)?;
            change.status = Some(to);
            let after = repo::update(conn, g.id, g.version, &change, crate::repo::now())?
                .ok_or_else(|| stale(g.version + 1))?;
            record_step(conn, &ctx, &g, &after, transition.as_str(), reason)?;
            view::build(conn, &ctx.principal, after)
        })
        .await
}

fn only(ctx: &Ctx, role: Role, zh: &str, en: &str) -> ApiResult<()> {
    access::ensure_role(ctx, role, zh, en)
}

pub async fn submit_plan(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: PlanSubmission,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsLead)?;
    let mut c = Checks::new();
    let text = c
        .required("plan_text", input.plan_text)
        .map(|t| c.text("plan_text", &t, 10, 20_000));
    c.finish()?;
    step(
        state,
        ctx,
        id,
        if_match,
        Transition::SubmitPlan,
        None,
        move |_, ctx, g| {
            access::ensure_chair(ctx, g)?;
            Ok(GroupChange {
                plan_text: Some(text),
                ..Default::default()
            })
        },
    )
    .await
}

pub async fn review_plan(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    r: Review,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsAuthorize)?;
    let t = match r.decision {
        ReviewDecision::Approve => Transition::ApprovePlan,
        ReviewDecision::Return => Transition::ReturnPlan,
    };
    step(state, ctx, id, if_match, t, r.reason, |_, ctx, _| {
        only(
            ctx,
            Role::CountyBureau,
            "只有县级教育局可以初审组建方案。",
            "Only the county bureau reviews formation plans.",
        )?;
        Ok(GroupChange::default())
    })
    .await
}

/// What the dossier holds, for GRP-ESTABLISH-DOSSIER: its members are the `active` ones, so a
/// join by agreement the bureau has not confirmed does not count.
pub fn dossier_facts(conn: &mut DbConnection, g: &GroupRow) -> ApiResult<DossierFacts> {
    let members = memberships::current_of_group(conn, g.id)?;
    let missing_basis = members
        .iter()
        .filter(|m| {
            m.basis == JoinBasis::SignedAgreement
                && (m.signed_on.is_none()
                    || m.agreement_ref
                        .as_deref()
                        .is_none_or(|r| r.trim().is_empty()))
        })
        .count();
    let council = seats::active(conn, g.id, "council")?;
    let charter = charters::latest(conn, g.id)?;
    let missing: Vec<CharterSection> = match &charter {
        Some(c) => missing_of(c),
        None => CharterSection::ALL.to_vec(),
    };
    Ok(DossierFacts {
        plan_approved: !matches!(
            g.status,
            GroupStatus::Authorized | GroupStatus::PlanSubmitted
        ),
        member_count: members.len() as u32,
        members_missing_basis: missing_basis as u32,
        council_elected: g.council_elected_at.is_some() && !council.is_empty(),
        charter_drafted: charter.is_some(),
        charter_missing_sections: missing,
        // Adopted, submitted or approved: a version the bureau rejected no longer counts.
        charter_adopted_by_council: charter
            .as_ref()
            .is_some_and(|c| c.adopted_resolution_id.is_some() && c.status.passed_by_council()),
    })
}

pub async fn submit_dossier(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: DossierSubmission,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsLead)?;
    step(
        state,
        ctx,
        id,
        if_match,
        Transition::SubmitDossier,
        input.note,
        |conn, ctx, g| {
            access::ensure_chair(ctx, g)?;
            check_establish_dossier(&dossier_facts(conn, g)?)?;
            Ok(GroupChange::default())
        },
    )
    .await
}

pub async fn review_dossier(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    r: Review,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsAuthorize)?;
    let t = match r.decision {
        ReviewDecision::Approve => Transition::BureauApproveDossier,
        ReviewDecision::Return => Transition::BureauReturnDossier,
    };
    step(
        state,
        ctx,
        id,
        if_match,
        t,
        r.reason,
        move |conn, ctx, g| {
            only(
                ctx,
                Role::CountyBureau,
                "只有县级教育局可以初审组建材料。",
                "Only the county bureau reviews dossiers.",
            )?;
            if t == Transition::BureauApproveDossier {
                // The dossier may have changed since it was submitted; it must still be complete.
                check_establish_dossier(&dossier_facts(conn, g)?)?;
            }
            Ok(GroupChange::default())
        },
    )
    .await
}

/// The county leading group's final approval (审核同意): the group is established, and a tight
/// group's size is fixed for one-in-one-out (GRP-TIGHT-SIZE).
pub async fn approve_dossier(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    r: Review,
) -> ApiResult<Group> {
    ctx.require(Permission::GroupsApprove)?;
    let t = match r.decision {
        ReviewDecision::Approve => Transition::LeadingGroupApprove,
        ReviewDecision::Return => Transition::LeadingGroupReturn,
    };
    step(
        state,
        ctx,
        id,
        if_match,
        t,
        r.reason,
        move |conn, ctx, g| {
            only(
                ctx,
                Role::CountyLeadingGroup,
                "只有县级党委教育工作领导小组可以审核同意。",
                "Only the county education leading group gives final approval.",
            )?;
            if t == Transition::LeadingGroupReturn {
                return Ok(GroupChange::default());
            }
            // GRP-TIGHT-SIZE's size is the places on tight terms (a member that stayed on
            // collaborative terms holds none, §2.4.4; a join by agreement awaiting the bureau
            // holds one); a collaborative group counts all.
            let current = memberships::places_of_group(conn, g.id)?;
            let members = if g.kind == GroupKind::Tight {
                super::facts::tight_count(&current) as i32
            } else {
                current.len() as i32
            };
            Ok(GroupChange {
                member_cap: Some(Some(members)),
                established_on: Some(Some(crate::domain::clock::today())),
                ..Default::default()
            })
        },
    )
    .await
}

pub async fn history(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<History> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, id)?;
            let items = transitions::of_group(conn, g.id)?
                .into_iter()
                .map(|t| HistoryEntry {
                    from: t.from_status,
                    to: t.to_status,
                    action: t.action,
                    actor_sub: t.actor_sub,
                    actor_role: t.actor_role,
                    at: t.at.and_utc(),
                    reason: t.reason,
                })
                .collect();
            Ok(History { items })
        })
        .await
}
