use actix_web::{web, HttpResponse};

use crate::error::ApiResult;
use crate::service::registry::counties::{self as svc, County, CountyList};
use crate::service::{AppState, Ctx};

/// List the prefecture and its counties
///
/// The 12 county-level divisions of Qiannan and the prefecture itself (GB/T 2260).
#[utoipa::path(
    get, path = "/api/v1/counties", operation_id = "listCounties", tag = "registry",
    responses((status = 200, description = "All divisions", body = CountyList))
)]
pub async fn list(state: web::Data<AppState>, ctx: Ctx) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::list(&state, &ctx).await?))
}

/// Read a county
///
/// A county-level division of the prefecture (GB/T 2260), or the prefecture itself. Public
/// reference data: every caller sees all thirteen.
#[utoipa::path(
    get, path = "/api/v1/counties/{code}", operation_id = "getCounty", tag = "registry",
    params(("code" = String, Path, description = "GB/T 2260 code", example = "522701")),
    responses((status = 200, description = "The county", body = County))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::get(&state, &ctx, code.into_inner()).await?))
}
