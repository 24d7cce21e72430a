//! A county's staffing totals per year (STAFF-COUNTY-TOTAL).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::staffing::totals::{self as svc, TotalsInput};
use crate::service::staffing::views::StaffingTotals;
use crate::service::{AppState, Ctx};

/// List a county's staffing totals
///
/// Every year the county has set totals for, newest first.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/staffing-totals", operation_id = "listStaffingTotals", tag = "staffing",
    params(("code" = String, Path, description = "County code", example = "522701")),
    responses(
        (status = 200, description = "The county's years", body = Vec<StaffingTotals>),
        (status = 404, description = "No such county in your scope", body = Problem),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let t = svc::list(&state, &ctx, code.into_inner()).await?;
    Ok(HttpResponse::Ok().json(t))
}

/// Read a county's staffing totals for a year
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/staffing-totals/{year}", operation_id = "getStaffingTotals", tag = "staffing",
    params(
        ("code" = String, Path, description = "County code", example = "522701"),
        ("year" = i32, Path, description = "Staffing year", example = 2026),
    ),
    responses(
        (status = 200, description = "The totals", body = StaffingTotals, headers(("ETag" = String, description = "Their version"))),
        (status = 404, description = "No totals for that year, or no such county in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(String, i32)>,
) -> ApiResult<HttpResponse> {
    let (code, year) = path.into_inner();
    let t = svc::get(&state, &ctx, code, year).await?;
    Ok(ok_tagged(t.version, &t))
}

/// Set a county's staffing totals for a year
///
/// The county bureau sets its teaching-staff quota (教职工编制总量), its senior and intermediate
/// professional-technical posts, and the extra share of such posts a group's core may get
/// (`senior_bonus_percent`, 0 to 10, 10 by default). `If-Match: "0"` creates the year; the
/// current ETag replaces it. Totals never drop below what the county's groups hold already.
#[utoipa::path(
    put, path = "/api/v1/counties/{code}/staffing-totals/{year}", operation_id = "putStaffingTotals", tag = "staffing",
    request_body = TotalsInput,
    params(
        ("code" = String, Path, description = "County code", example = "522701"),
        ("year" = i32, Path, description = "Staffing year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` to create, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The totals as they now stand", body = StaffingTotals, headers(("ETag" = String, description = "Their version"))),
        (status = 403, description = "Not the county's bureau", body = Problem),
        (status = 404, description = "No such county in your scope", body = Problem),
        (status = 409, description = "`STAFF-COUNTY-TOTAL`: the county's groups hold more than the new totals", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(String, i32)>,
    m: IfMatchHeader,
    body: Json<TotalsInput>,
) -> ApiResult<HttpResponse> {
    let (code, year) = path.into_inner();
    let t = svc::put(&state, &ctx, code, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(t.version, &t))
}
