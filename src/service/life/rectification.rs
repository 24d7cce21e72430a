//! Rectification orders (责令整改, §2.4.4): the bureau orders a member to rectify a violation by a
//! deadline, the member reports what it did, and the bureau decides on the report: resolved once
//! it is satisfied, or not rectified (整改不到位) with its reasons. REVOKE asks for a refusal to
//! rectify: an order left unanswered past its deadline, or one found not rectified.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::today;
use super::views::{self, sees_member_record, RectificationOrder};
use crate::db::DbConnection;
use crate::domain::auth::{Permission, Role};
use crate::domain::life::RectificationStatus;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::groups::group::{self as groups, GroupRow};
use crate::repo::groups::memberships;
use crate::repo::life::rectification::{self as repo, NewOrderRow, OrderRow};
use crate::service::checks::Checks;
use crate::service::groups::access::{self, is_chair};
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"school_id": 5, "violation": "违规有偿补课，违反集团章程第十二条。", "deadline": "2026-12-31"}))]
pub struct NewOrder {
    /// A current (`active`) member of the group.
    #[schema(required = true)]
    pub school_id: Option<i64>,
    #[schema(required = true)]
    pub violation: Option<String>,
    /// Not before today.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    #[param(example = 5)]
    pub school_id: Option<i64>,
    /// Any of these statuses (repeat the parameter for several).
    #[serde(default)]
    #[param(example = json!(["issued"]))]
    pub status: Vec<RectificationStatus>,
}

/// The order's change, for the audit log and the change feed.
pub(crate) fn record(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    action: &str,
    o: &OrderRow,
) -> ApiResult<()> {
    changes::record(
        conn,
        &ctx.audit_actor(),
        Change {
            op: if o.version == 1 {
                Op::Created
            } else {
                Op::Updated
            },
            action: action.to_string(),
            entity: "rectification_order",
            entity_id: o.id.to_string(),
            natural_key: None,
            county_code: Some(g.county_code.clone()),
            before: None,
            after: Some(serde_json::json!({
                "id": o.id, "group_id": o.group_id, "school_id": o.school_id,
                "membership_id": o.membership_id, "deadline": o.deadline, "status": o.status,
                "responded_at": o.responded_at, "resolved_at": o.resolved_at,
                "rejected_at": o.rejected_at, "version": o.version,
            })),
            published: true,
        },
    )?;
    Ok(())
}

pub(crate) fn bureau_only(ctx: &Ctx) -> ApiResult<()> {
    access::ensure_role(
        ctx,
        Role::CountyBureau,
        "只有县级教育局可以下达整改通知或对整改情况作出认定。",
        "Only the county bureau issues rectification orders and decides on them.",
    )
}

/// The order and its group, or `404` when absent or outside the caller's scope.
pub(crate) fn load(conn: &mut DbConnection, ctx: &Ctx, id: i64) -> ApiResult<(GroupRow, OrderRow)> {
    let o = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let g = groups::find(conn, o.group_id)?.ok_or_else(ApiError::not_found)?;
    if !sees_member_record(&ctx.principal, &g, o.school_id) {
        return Err(ApiError::not_found());
    }
    Ok((g, o))
}

pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    input: NewOrder,
) -> ApiResult<RectificationOrder> {
    ctx.require(Permission::GroupsRead)?;
    let mut c = Checks::new();
    let school_id = c.required("school_id", input.school_id);
    let violation = c
        .required("violation", input.violation)
        .map(|v| c.text("violation", &v, 2, 2000));
    let deadline = c.required("deadline", input.deadline);
    if deadline.is_some_and(|d| d < today()) {
        c.push(
            "deadline",
            "整改期限不能早于今天。",
            "The deadline cannot be in the past.",
        );
    }
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            bureau_only(&ctx)?;
            let member = match school_id {
                Some(s) => memberships::current_of_group(conn, g.id)?
                    .into_iter()
                    .find(|m| m.school_id == s),
                None => None,
            };
            if school_id.is_some() && member.is_none() {
                c.push(
                    "school_id",
                    "不是本集团的在册成员。",
                    "Not a current member of this group.",
                );
            }
            c.finish()?;
            let (Some(m), Some(violation), Some(deadline)) = (member, violation, deadline) else {
                return Err(ApiError::internal());
            };
            let o = issue_in(conn, &ctx, &g, &m, violation, deadline, None)?;
            views::order(conn, o)
        })
        .await
}

/// Issues an order to member `m` in the current transaction: the bureau's own, or one an
/// inspection's finding requires (`inspection_id`).
pub(crate) fn issue_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    m: &crate::repo::groups::memberships::MembershipRow,
    violation: String,
    deadline: NaiveDate,
    inspection_id: Option<i64>,
) -> ApiResult<OrderRow> {
    let now = crate::repo::now();
    let o = repo::insert(
        conn,
        &NewOrderRow {
            group_id: g.id,
            school_id: m.school_id,
            membership_id: Some(m.id),
            violation,
            deadline,
            status: RectificationStatus::Issued,
            issued_by: ctx.principal.sub.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
            inspection_id,
        },
    )?;
    record(conn, ctx, g, "rectification_order.issue", &o)?;
    Ok(o)
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: OrderQuery,
    page: PageQuery,
) -> ApiResult<Page<RectificationOrder>> {
    ctx.require(Permission::GroupsRead)?;
    let w = page.window()?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let p = &ctx.principal;
            // A member's administrators see their own school's orders; the chair sees all.
            let school = match p.role {
                Role::SchoolAdmin if !is_chair(p, &g) => Some(p.school.unwrap_or(-1)),
                Role::CouncilMember => return Ok(Page::empty()),
                _ => q.school_id,
            };
            if q.school_id.is_some_and(|s| Some(s) != school) {
                return Ok(Page::empty());
            }
            let rows = repo::of_group(conn, g.id, school, &q.status, w.after_id, w.limit + 1)?;
            let page = paginate(rows, w, |o| o.id, |o| o);
            let items = views::orders(conn, page.items)?;
            Ok(Page {
                items,
                next_cursor: page.next_cursor,
                total: None,
            })
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<RectificationOrder> {
    ctx.require(Permission::GroupsRead)?;
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let (_, o) = load(conn, &ctx, id)?;
            views::order(conn, o)
        })
        .await
}
