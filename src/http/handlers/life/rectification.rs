use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::optional as optional_json;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::life::rectification::{self as svc, NewOrder, OrderQuery};
use crate::service::life::rectification_steps::{
    self as steps, OrderRejection, OrderResolution, OrderResponse,
};
use crate::service::life::views::RectificationOrder;
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Order a member to rectify (bureau)
///
/// The county bureau orders a current member of the group to rectify a violation of national
/// rules or of the charter by `deadline` (not in the past). If the deadline passes with the order
/// unanswered, or the bureau finds the school's report not rectified (`…/rejection`), the school
/// has refused to rectify and the bureau may revoke the membership (REVOKE).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/rectification-orders", operation_id = "issueRectificationOrder", tag = "group-life",
    request_body = NewOrder,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "order-5-1"),
    ),
    responses(
        (status = 201, description = "The order", body = RectificationOrder,
            headers(("Location" = String, description = "The order"), ("ETag" = String, description = "Its version"))),
        (status = 422, description = "`validation_failed`: e.g. a deadline in the past, or a school that is not a current member", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewOrder>,
) -> ApiResult<HttpResponse> {
    let o = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/rectification-orders/{}", o.id),
        o.version,
        &o,
    ))
}

/// List a group's rectification orders
///
/// By id, with `overdue` computed for today. A member's administrators see their own school's
/// orders; the chair and the county's officers see all.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/rectification-orders", operation_id = "listRectificationOrders", tag = "group-life",
    params(("id" = i64, Path, description = "Group id", example = 1), OrderQuery, PageQuery),
    responses((status = 200, description = "A page of orders", body = Page<RectificationOrder>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<OrderQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let p = svc::list(
        &state,
        &ctx,
        id.into_inner(),
        q.into_inner(),
        page.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Read a rectification order
///
/// A rectification order with its status; `overdue` is computed from the deadline in China
/// Standard Time, never stored.
#[utoipa::path(
    get, path = "/api/v1/rectification-orders/{id}", operation_id = "getRectificationOrder", tag = "group-life",
    params(("id" = i64, Path, description = "Order id", example = 2)),
    responses((status = 200, description = "The order", body = RectificationOrder,
        headers(("ETag" = String, description = "Its version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let o = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(o.version, &o))
}

/// Report on a rectification order (member)
///
/// The administrator of the school under the order reports what it has done (`responded`). A
/// report does not resolve the order: the bureau does, once satisfied.
#[utoipa::path(
    post, path = "/api/v1/rectification-orders/{id}/response", operation_id = "respondToRectificationOrder", tag = "group-life",
    request_body = OrderResponse,
    params(
        ("id" = i64, Path, description = "Order id", example = 2),
        ("If-Match" = Option<String>, Header, description = "The order's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The order as it now stands", body = RectificationOrder,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`order_resolved`: the order is closed (resolved, or found not rectified)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn respond(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<OrderResponse>,
) -> ApiResult<HttpResponse> {
    let o = steps::respond(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(o.version, &o))
}

/// Resolve a rectification order (bureau)
///
/// The county bureau finds the violation rectified (`resolved`); a resolved order is never
/// overdue. The body may be empty.
#[utoipa::path(
    post, path = "/api/v1/rectification-orders/{id}/resolution", operation_id = "resolveRectificationOrder", tag = "group-life",
    request_body(content = Option<OrderResolution>, description = "Empty, or a note"),
    params(
        ("id" = i64, Path, description = "Order id", example = 2),
        ("If-Match" = Option<String>, Header, description = "The order's ETag; checked when given", example = "\"2\""),
    ),
    responses(
        (status = 200, description = "The resolved order", body = RectificationOrder,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`order_resolved`: the order is closed (resolved, or found not rectified)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn resolve(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let input: OrderResolution = optional_json(&req, &body)?;
    let o = steps::resolve(&state, &ctx, id.into_inner(), m.0, input).await?;
    Ok(ok_tagged(o.version, &o))
}

/// Find a report not rectified (bureau)
///
/// The county bureau decides that the member's report does not rectify the violation
/// (`not_rectified`, 整改不到位), giving its reasons. The order is closed: no further report or
/// resolution (`409 order_resolved`), and it is a ground for revoking the membership (REVOKE,
/// "拒不整改"). Only an answered order (`responded`) is rejected: an unanswered one is
/// `409 order_not_answered`, its lapsed deadline being the refusal.
#[utoipa::path(
    post, path = "/api/v1/rectification-orders/{id}/rejection", operation_id = "rejectRectificationOrder", tag = "group-life",
    request_body = OrderRejection,
    params(
        ("id" = i64, Path, description = "Order id", example = 2),
        ("If-Match" = Option<String>, Header, description = "The order's ETag; checked when given", example = "\"2\""),
    ),
    responses(
        (status = 200, description = "The order, `not_rectified`", body = RectificationOrder,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`order_resolved` (closed already) or `order_not_answered`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: no reason given", body = Problem),
    )
)]
pub async fn reject(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<OrderRejection>,
) -> ApiResult<HttpResponse> {
    let o = steps::reject(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(o.version, &o))
}
