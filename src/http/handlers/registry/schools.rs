use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::page::{Page, PageQuery};
use crate::service::registry::schools::{self as svc, NewSchool, School, SchoolPatch, SchoolQuery};
use crate::service::{AppState, Ctx};

/// Register a school
///
/// The county bureau (or an integration) registers a school or kindergarten of its county. Every
/// invalid field is listed at once in a `422`; a unified social credit code whose check
/// character does not compute is refused unless `accept_uscc_check_warning` is true.
#[utoipa::path(
    post, path = "/api/v1/schools", operation_id = "createSchool", tag = "registry",
    request_body = NewSchool,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response.", example = "3f2c9b1e-create-school")),
    responses(
        (status = 201, description = "Registered", body = School,
            headers(("Location" = String, description = "The new school"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "`school_code_taken`: the MOE code is registered already", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: Json<NewSchool>,
) -> ApiResult<HttpResponse> {
    let school = svc::create(&state, &ctx, body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/schools/{}", school.id),
        school.version,
        &school,
    ))
}

/// List schools
///
/// Schools in the caller's scope, by id, filtered by the query parameters.
#[utoipa::path(
    get, path = "/api/v1/schools", operation_id = "listSchools", tag = "registry",
    params(SchoolQuery, PageQuery),
    responses((status = 200, description = "A page of schools", body = Page<School>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    q: Query<SchoolQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = svc::list(&state, &ctx, q.into_inner(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a school
///
/// A school or kindergarten of the registry, with its `ETag` for `If-Match`.
#[utoipa::path(
    get, path = "/api/v1/schools/{id}", operation_id = "getSchool", tag = "registry",
    params(("id" = i64, Path, description = "School id", example = 1)),
    responses((status = 200, description = "The school", body = School,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let school = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(school.version, &school))
}

/// Update a school
///
/// Send only the fields that change; `null` clears a nullable field. `If-Match` must carry the
/// `ETag` last read. The code and the county never change.
#[utoipa::path(
    patch, path = "/api/v1/schools/{id}", operation_id = "updateSchool", tag = "registry",
    request_body = SchoolPatch,
    params(
        ("id" = i64, Path, description = "School id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses((status = 200, description = "The school as it now stands", body = School,
        headers(("ETag" = String, description = "The new version"))))
)]
pub async fn update(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
    body: Json<SchoolPatch>,
) -> ApiResult<HttpResponse> {
    let school = svc::update(
        &state,
        &ctx,
        id.into_inner(),
        if_match.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(school.version, &school))
}

/// Delete a school
///
/// Only a school with no persons attached; the change feed carries its code.
#[utoipa::path(
    delete, path = "/api/v1/schools/{id}", operation_id = "deleteSchool", tag = "registry",
    params(
        ("id" = i64, Path, description = "School id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "`school_in_use`: persons still have their personnel record here", body = Problem),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
) -> ApiResult<HttpResponse> {
    svc::delete(&state, &ctx, id.into_inner(), if_match.required()?).await?;
    Ok(HttpResponse::NoContent().finish())
}
