//! The steps of a rectification order after it is issued: the member reports (`responded`),
//! the bureau resolves it (`resolved`) or finds the report not rectified (`not_rectified`, with
//! its reasons: a refusal to rectify, the ground REVOKE asks for). Each moves the order only from
//! the version read and never a closed one, so a late report cannot reopen what the bureau
//! decided.

use serde::Deserialize;
use utoipa::ToSchema;

use super::rectification::{bureau_only, load, record};
use super::views::{self, RectificationOrder};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::life::RectificationStatus;
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::groups::group::GroupRow;
use crate::repo::life::rectification::{self as repo, OrderChange, OrderRow};
use crate::service::checks::Checks;
use crate::service::{stale, AppState, Ctx, IfMatch};

/// The member's report, or the bureau's note on resolving.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"response": "已停止有偿补课，退还费用并对相关教师作出处理。"}))]
pub struct OrderResponse {
    #[schema(required = true)]
    pub response: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"note": "经核查，已整改到位。"}))]
pub struct OrderResolution {
    pub note: Option<String>,
}

/// The bureau's finding that the report does not rectify the violation (整改不到位).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "经核查，违规收取的费用仍未退还，整改不到位。"}))]
pub struct OrderRejection {
    /// Why the report does not rectify the violation (2–2000 characters).
    #[schema(required = true)]
    pub reason: Option<String>,
}

fn closed(status: RectificationStatus) -> ApiError {
    ApiError::conflict_of(
        Conflict::OrderResolved,
        format!("整改通知已办结（{}），不能再办理。", status.label_zh()),
        format!(
            "The rectification order is closed already ({}).",
            status.as_str()
        ),
    )
}

pub async fn respond(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: OrderResponse,
) -> ApiResult<RectificationOrder> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let response = c
        .required("response", input.response)
        .map(|v| c.text("response", &v, 2, 4000));
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, o) = load(conn, &ctx, id)?;
            let p = &ctx.principal;
            if !(p.role == Role::SchoolAdmin && p.school == Some(o.school_id)) {
                return Err(ApiError::forbidden(
                    "只有被责令整改的成员学校可以报送整改情况。",
                    "Only the member school under the order reports on it.",
                ));
            }
            change(
                conn,
                &ctx,
                &g,
                o,
                if_match,
                "rectification_order.respond",
                OrderChange {
                    status: Some(RectificationStatus::Responded),
                    response: Some(response),
                    responded_at: Some(Some(crate::repo::now())),
                    ..Default::default()
                },
            )
        })
        .await
}

pub async fn resolve(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: OrderResolution,
) -> ApiResult<RectificationOrder> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let note = input.note.map(|v| c.text("note", &v, 1, 2000));
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, o) = load(conn, &ctx, id)?;
            bureau_only(&ctx)?;
            change(
                conn,
                &ctx,
                &g,
                o,
                if_match,
                "rectification_order.resolve",
                OrderChange {
                    status: Some(RectificationStatus::Resolved),
                    resolved_at: Some(Some(crate::repo::now())),
                    resolution_note: Some(note),
                    ..Default::default()
                },
            )
        })
        .await
}

/// The bureau finds the member's report not rectified: a decision on the report, so only an
/// answered order (`responded`) is rejected; an unanswered one needs no finding, its lapsed
/// deadline is the refusal.
pub async fn reject(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: Option<IfMatch>,
    input: OrderRejection,
) -> ApiResult<RectificationOrder> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let reason = c
        .required("reason", input.reason)
        .map(|v| c.text("reason", &v, 2, 2000));
    c.finish()?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let (g, o) = load(conn, &ctx, id)?;
            bureau_only(&ctx)?;
            if o.status == RectificationStatus::Issued {
                if let Some(m) = &if_match {
                    m.check(o.version)?;
                }
                return Err(ApiError::conflict_of(
                    Conflict::OrderNotAnswered,
                    "成员学校尚未报送整改情况，无从认定整改不到位；整改期限届满仍未报送的，即属拒不整改。",
                    "The school has not reported on the order, so there is no report to find not \
                     rectified; once the deadline passes unanswered, that is the refusal.",
                ));
            }
            let now = crate::repo::now();
            change(
                conn,
                &ctx,
                &g,
                o,
                if_match,
                "rectification_order.reject",
                OrderChange {
                    status: Some(RectificationStatus::NotRectified),
                    rejected_at: Some(Some(now)),
                    rejection_note: Some(reason),
                    ..Default::default()
                },
            )
        })
        .await
}

/// Writes `change` to an order that is open (not resolved or rejected) and still at the
/// version read.
fn change(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    o: OrderRow,
    if_match: Option<IfMatch>,
    action: &str,
    change: OrderChange,
) -> ApiResult<RectificationOrder> {
    if let Some(m) = &if_match {
        m.check(o.version)?;
    }
    if o.status.is_final() {
        return Err(closed(o.status));
    }
    let after = repo::update(conn, o.id, o.version, &change, crate::repo::now())?
        .ok_or_else(|| stale(o.version + 1))?;
    record(conn, ctx, g, action, &after)?;
    views::order(conn, after)
}
