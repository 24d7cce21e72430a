use actix_web::{web, HttpResponse};

use crate::error::ApiResult;
use crate::http::query::Query;
use crate::service::council::resolutions::{self as svc, ResolutionQuery};
use crate::service::council::views::Resolution;
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// List a group's resolutions
///
/// By id, filtered by `motion_type` and the `year` of the number. Resolutions are never
/// changed or deleted.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/resolutions", operation_id = "listResolutions", tag = "council",
    params(("id" = i64, Path, description = "Group id", example = 1), ResolutionQuery, PageQuery),
    responses((status = 200, description = "A page of resolutions", body = Page<Resolution>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<ResolutionQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = svc::list(
        &state,
        &ctx,
        id.into_inner(),
        q.into_inner(),
        page.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a resolution
///
/// A numbered resolution (`{group code}-{year}-{nnn}`): an adopted motion, which never changes.
#[utoipa::path(
    get, path = "/api/v1/resolutions/{id}", operation_id = "getResolution", tag = "council",
    params(("id" = i64, Path, description = "Resolution id", example = 1)),
    responses((status = 200, description = "The resolution", body = Resolution))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let r = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(r))
}
