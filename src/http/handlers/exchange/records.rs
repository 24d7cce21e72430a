//! Exchange records: one per teacher movement (§2.4.2, §2.4.3).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::exchange::acts::{self, ExchangeActInput};
use crate::service::exchange::records::{self as svc, ExchangeQuery, NewExchange};
use crate::service::exchange::views::Exchange;
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Record an exchange
///
/// One teacher movement of the group: a rotation, a backbone or management dispatch from the
/// core, cross-school teaching (part-time, and the one kind that may go to a school outside
/// the group, `EXCH-SCOPE`) or cross-stage teaching. The chair records its group's exchanges,
/// the county bureau any of its county's. A teacher is in at most one full-time exchange at a
/// time and part-time shares never exceed 100% on any day (`EXCH-OVERLAP`, checked against the
/// teacher's planned, active and completed exchanges in the same transaction). Recorded
/// `planned` unless `status` says it is already `active` or `completed`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/exchanges", operation_id = "createExchange", tag = "exchange",
    request_body = NewExchange,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "exchange-2026-12"),
    ),
    responses(
        (status = 201, description = "The exchange", body = Exchange,
            headers(("Location" = String, description = "The exchange"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair or the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`EXCH-OVERLAP`, `EXCH-SCOPE`, `EXCH-PLAN` (the cited plan is not passed), `GROUP-STATE`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "No overlapping exchanges", "status": 409,
                "code": "EXCH-OVERLAP", "detail": "On 2026-09-01 the teacher would be exchanged for 200% of their time (with exchange(s) 7), above 100%.",
                "policy_ref": "§2.4.3", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 422, description = "`validation_failed`: e.g. a teacher of another county, an unknown subject, a part-time rotation", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewExchange>,
) -> ApiResult<HttpResponse> {
    let x = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/exchanges/{}", x.id),
        x.version,
        &x,
    ))
}

/// List a group's exchanges
///
/// By id; of a `year` (exchanges with a day in it), `kind`, `status`, `person_id` or
/// `plan_id` if given. A member school's administrator sees the exchanges leaving or reaching
/// its own school.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/exchanges", operation_id = "listExchanges", tag = "exchange",
    params(("id" = i64, Path, description = "Group id", example = 1), ExchangeQuery, PageQuery),
    responses(
        (status = 200, description = "A page of exchanges", body = Page<Exchange>),
        (status = 400, description = "`invalid_query`: e.g. a year out of range", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<ExchangeQuery>,
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

/// Read an exchange
#[utoipa::path(
    get, path = "/api/v1/exchanges/{id}", operation_id = "getExchange", tag = "exchange",
    params(("id" = i64, Path, description = "Exchange id", example = 7)),
    responses(
        (status = 200, description = "The exchange", body = Exchange, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such exchange in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let x = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(x.version, &x))
}

/// Start, complete or cancel an exchange
///
/// `start` moves a planned exchange to active; `complete` ends an active one on `on` (today by
/// default; earlier than the planned end ends it early); `cancel` ends a planned or active one
/// and frees the time it held. Each is a change on the feed.
#[utoipa::path(
    post, path = "/api/v1/exchanges/{id}/acts", operation_id = "actOnExchange", tag = "exchange",
    request_body = ExchangeActInput,
    params(
        ("id" = i64, Path, description = "Exchange id", example = 7),
        ("If-Match" = Option<String>, Header, description = "The exchange's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The exchange", body = Exchange, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair or the county bureau", body = Problem),
        (status = 404, description = "No such exchange in your scope", body = Problem),
        (status = 409, description = "`exchange_status`: the act does not apply in the exchange's status (or another request changed it meanwhile, without If-Match)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
    )
)]
pub async fn act(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<ExchangeActInput>,
) -> ApiResult<HttpResponse> {
    let x = acts::act(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(x.version, &x))
}
