//! Assessment frameworks (ASSESS-FRAMEWORK): the county's for a year, or the prefecture's
//! templates.

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::assessment::frameworks::{
    self as svc, Framework, FrameworkQuery, FrameworkRevision, NewFramework,
};
use crate::service::{AppState, Ctx};

/// Make an assessment framework
///
/// A county bureau makes its county's framework for a year; the prefecture bureau makes a
/// template (no county) that counties copy. Give the dimensions and indicators, `copy_from` a
/// template or earlier framework, or `template: true` for the service's built-in template
/// (every computed metric and the usual manual indicators). Each indicator scores one level
/// (`group`, `core`, `member`); within each level the weights sum to 100, a group level is
/// required, and a computed indicator reads a metric of its own level (`ASSESS-FRAMEWORK`).
/// Each framework of a county's year gets the next `edition`.
#[utoipa::path(
    post, path = "/api/v1/assessment-frameworks", operation_id = "createAssessmentFramework", tag = "assessment",
    request_body = NewFramework,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "framework-2026")),
    responses(
        (status = 201, description = "The framework", body = Framework,
            headers(("Location" = String, description = "The framework"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not a bureau", body = Problem),
        (status = 409, description = "`ASSESS-FRAMEWORK`: weights that do not sum to 100 in a level, no group level, a metric of another level", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. no year, a code with spaces, none or several of dimensions, copy_from and template", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: Json<NewFramework>,
) -> ApiResult<HttpResponse> {
    let f = svc::create(&state, &ctx, body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/assessment-frameworks/{}", f.id),
        f.version,
        &f,
    ))
}

/// List assessment frameworks
///
/// The caller's county's frameworks and the prefecture's templates (every county's for
/// prefecture-wide callers), newest year first.
#[utoipa::path(
    get, path = "/api/v1/assessment-frameworks", operation_id = "listAssessmentFrameworks", tag = "assessment",
    params(FrameworkQuery),
    responses(
        (status = 200, description = "The frameworks", body = Vec<Framework>),
        (status = 400, description = "`invalid_query`: e.g. a year out of range", body = Problem),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    q: Query<FrameworkQuery>,
) -> ApiResult<HttpResponse> {
    let l = svc::list(&state, &ctx, q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(l))
}

/// Read an assessment framework
#[utoipa::path(
    get, path = "/api/v1/assessment-frameworks/{id}", operation_id = "getAssessmentFramework", tag = "assessment",
    params(("id" = i64, Path, description = "Framework id", example = 1)),
    responses(
        (status = 200, description = "The framework", body = Framework, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such framework in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let f = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(f.version, &f))
}

/// Revise a draft framework
///
/// Replaces the title and the dimensions of a `draft`. A framework an assessment was opened
/// under is `locked` (`409 framework_locked`): copy it into a new edition instead.
#[utoipa::path(
    put, path = "/api/v1/assessment-frameworks/{id}", operation_id = "reviseAssessmentFramework", tag = "assessment",
    request_body = FrameworkRevision,
    params(
        ("id" = i64, Path, description = "Framework id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The framework as it now stands", body = Framework, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the framework's bureau", body = Problem),
        (status = 404, description = "No such framework in your scope", body = Problem),
        (status = 409, description = "`framework_locked`, `ASSESS-FRAMEWORK`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn revise(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<FrameworkRevision>,
) -> ApiResult<HttpResponse> {
    let f = svc::revise(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(f.version, &f))
}
