//! A group's yearly funds by purpose (FUNDS-PURPOSE, §3.3).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::funds::allocations::{self as svc, GroupFunds, GroupFundsInput};
use crate::service::{AppState, Ctx};

/// Read a group's funds for a year
///
/// The county's allocation by purpose, with what the group's funds have paid for each (net of
/// reversals) and what remains. For whoever sees the group.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/funds/{year}", operation_id = "getGroupFunds", tag = "funds",
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Year", example = 2026),
    ),
    responses(
        (status = 200, description = "The group's funds", body = GroupFunds, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such group in your scope, or no funds for the year", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let f = svc::get(&state, &ctx, id, year).await?;
    Ok(ok_tagged(f.version, &f))
}

/// Put a group's funds for a year
///
/// The county bureau records the year's allocation by purpose (`If-Match: "0"` creates it):
/// one line per purpose of `fund_purpose`, `other` with a description. `FUNDS-PURPOSE`: a
/// purpose's allocation never drops below what it has spent (reverse entries first).
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/funds/{year}", operation_id = "putGroupFunds", tag = "funds",
    request_body = GroupFundsInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` to create, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The funds as they now stand", body = GroupFunds, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`FUNDS-PURPOSE`: below what a purpose has spent", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a purpose twice, `other` without a description, a negative amount", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
    m: IfMatchHeader,
    body: Json<GroupFundsInput>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let f = svc::put(&state, &ctx, id, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(f.version, &f))
}
