//! Filings with the county's staffing office (STAFF-ADJUST "定期报编制部门备案").

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::created;
use crate::service::page::{Page, PageQuery};
use crate::service::staffing::filing::{self as svc, NewFiling};
use crate::service::staffing::views::Filing;
use crate::service::{AppState, Ctx};

/// File approved adjustments with the staffing office
///
/// The county bureau records its filing for a period: it lists every approved adjustment of the
/// county not filed yet and approved on or before `filed_on`. One filing per county and period.
#[utoipa::path(
    post, path = "/api/v1/counties/{code}/staffing-filings", operation_id = "fileStaffingAdjustments", tag = "staffing",
    request_body = NewFiling,
    params(
        ("code" = String, Path, description = "County code", example = "522701"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "filing-2026-h1"),
    ),
    responses(
        (status = 201, description = "The filing and what it lists", body = Filing,
            headers(("Location" = String, description = "The filing"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county's bureau", body = Problem),
        (status = 404, description = "No such county in your scope", body = Problem),
        (status = 409, description = "`nothing_to_file`, `filing_period_taken`", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    code: web::Path<String>,
    body: Json<NewFiling>,
) -> ApiResult<HttpResponse> {
    let f = svc::create(&state, &ctx, code.into_inner(), body.into_inner()).await?;
    Ok(created(format!("/api/v1/staffing-filings/{}", f.id), 1, &f))
}

/// List a county's staffing filings
#[utoipa::path(
    get, path = "/api/v1/counties/{code}/staffing-filings", operation_id = "listStaffingFilings", tag = "staffing",
    params(("code" = String, Path, description = "County code", example = "522701"), PageQuery),
    responses(
        (status = 200, description = "A page of filings", body = Page<Filing>),
        (status = 404, description = "No such county in your scope", body = Problem),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    code: web::Path<String>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let p = svc::list(&state, &ctx, code.into_inner(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Read a staffing filing
#[utoipa::path(
    get, path = "/api/v1/staffing-filings/{id}", operation_id = "getStaffingFiling", tag = "staffing",
    params(("id" = i64, Path, description = "Filing id", example = 1)),
    responses(
        (status = 200, description = "The filing", body = Filing),
        (status = 404, description = "No such filing in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let f = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(f))
}
