//! The steps of a rectification order after it is issued: the member reports (`responded`),
//! the bureau resolves it. Each moves the order only from the version read and never a resolved
//! one, so a late report cannot reopen what the bureau closed.

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

fn resolved() -> ApiError {
    ApiError::conflict_of(
        Conflict::OrderResolved,
        "整改通知已办结。",
        "The rectification order is resolved already.",
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

/// Writes `change` to an order that is not resolved and still at the version read.
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
    if o.status == RectificationStatus::Resolved {
        return Err(resolved());
    }
    let after = repo::update(conn, o.id, o.version, &change, crate::repo::now())?
        .ok_or_else(|| stale(o.version + 1))?;
    record(conn, ctx, g, action, &after)?;
    views::order(conn, after)
}
