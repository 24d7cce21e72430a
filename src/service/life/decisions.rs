//! The bureau decides an application (核准 or not), or the applicant cancels it. Approval
//! applies the effect in the same transaction; the application moves only from `submitted` at
//! the version read, so of two concurrent decisions exactly one wins (the other gets
//! `409 application_decided`, or `412` when it sent `If-Match`).

use serde::Deserialize;
use utoipa::ToSchema;

use super::applications::{decided, load, may_apply, record};
use super::effects::apply;
use super::views::{self, Application};
use crate::domain::auth::{Permission, Role};
use crate::domain::life::ApplicationStatus;
use crate::error::{ApiError, ApiResult};
use crate::repo::groups::memberships;
use crate::repo::life::applications::{self as repo, ApplicationDecision};
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

crate::vocab_enum! {
    /// The bureau's decision on an application (核准 or not).
    pub enum Verdict ("application_decision") {
        Approve = ("approve", "核准", "approve"),
        Reject = ("reject", "不予核准", "reject"),
    }
}

/// The bureau's decision; a rejection gives its reasons.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision": "approve", "note": "经县教育局核准。"}))]
pub struct DecisionInput {
    pub decision: Verdict,
    pub note: Option<String>,
}

/// The applicant withdraws its application.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"note": "经集团协商，暂不退出。"}))]
pub struct Cancellation {
    pub note: Option<String>,
}

pub async fn decide(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: DecisionInput,
) -> ApiResult<Application> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let note = input.note.map(|n| c.text("note", &n, 1, 2000));
    if input.decision == Verdict::Reject && note.as_deref().is_none_or(str::is_empty) {
        c.push(
            "note",
            "不予核准须说明理由。",
            "A rejection must give its reasons.",
        );
    }
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a) = load(conn, &ctx, id)?;
            crate::service::groups::access::ensure_role(
                &ctx,
                Role::CountyBureau,
                "只有县级教育局可以核准申请。",
                "Only the county bureau decides applications.",
            )?;
            if let Some(m) = &if_match {
                m.check(a.version)?;
            }
            if a.status != ApplicationStatus::Submitted {
                return Err(decided());
            }
            let (status, new_group_id) = match input.decision {
                Verdict::Approve => (ApplicationStatus::Approved, apply(conn, &ctx, &g, &a)?),
                Verdict::Reject => (ApplicationStatus::Rejected, None),
            };
            let now = crate::repo::now();
            let d = ApplicationDecision {
                status,
                decided_by: Some(ctx.principal.sub.clone()),
                decided_at: Some(now),
                decision_note: note,
                new_group_id,
            };
            let after = repo::decide(conn, a.id, a.version, &d, now)?
                .ok_or_else(|| stale(a.version + 1))?;
            let action = match status {
                ApplicationStatus::Approved => "application.approve",
                _ => "application.reject",
            };
            record(conn, &ctx, action, Some(&a), &after)?;
            views::application(conn, after)
        })
        .await
}

pub async fn cancel(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: Cancellation,
) -> ApiResult<Application> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let note = input.note.map(|n| c.text("note", &n, 1, 2000));
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, a) = load(conn, &ctx, id)?;
            let kind = a.kind;
            // Who may cancel is who may apply, for the membership as it now stands.
            let m = match a.membership_id {
                Some(mid) => memberships::find(conn, mid)?,
                None => memberships::latest_in_group(conn, g.id, a.school_id)?,
            }
            .ok_or_else(ApiError::internal)?;
            if !may_apply(&ctx.principal, &g, &m, kind) {
                return Err(ApiError::forbidden(
                    "只有申请方可以撤回申请。",
                    "Only the applicant may cancel an application.",
                ));
            }
            if let Some(m) = &if_match {
                m.check(a.version)?;
            }
            if a.status != ApplicationStatus::Submitted {
                return Err(decided());
            }
            let d = ApplicationDecision {
                status: ApplicationStatus::Cancelled,
                decided_by: Some(ctx.principal.sub.clone()),
                decided_at: Some(crate::repo::now()),
                decision_note: note,
                new_group_id: None,
            };
            let after = repo::decide(conn, a.id, a.version, &d, crate::repo::now())?
                .ok_or_else(|| stale(a.version + 1))?;
            record(conn, &ctx, "application.cancel", Some(&a), &after)?;
            views::application(conn, after)
        })
        .await
}
