//! A group's internal bodies (INTERNAL-BODIES, §2.3.2).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::groups::bodies::{
    self as svc, BodyClosing, HeadChange, InternalBody, NewInternalBody,
};
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Found an internal body (chair)
///
/// The chair founds one of the group's internal bodies (集团学生发展中心、教师发展中心、质量监控中心
/// or another) on a resolution the council adopted on an `internal_body` motion. The head is
/// staff of the core who holds a council seat; the head joins the chair's office meeting in the
/// same step (OFFICE-COMPOSITION), which moves the group's version on. One active body of each
/// named kind.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/internal-bodies", operation_id = "foundInternalBody", tag = "groups",
    request_body = NewInternalBody,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "body-1-teacher"),
    ),
    responses(
        (status = 201, description = "The body", body = InternalBody,
            headers(("Location" = String, description = "The body"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`INTERNAL-BODIES` (a head who is not staff of the core or holds no council seat, a resolution that is not the council's on an internal body, a second body of a named kind), `GROUP-STATE`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "the body's head is not eligible", "status": 409,
                "code": "INTERNAL-BODIES", "detail": "#12 holds no council seat; the head of an internal body sits in the chair's office meeting, whose members all hold council seats.",
                "policy_ref": "§2.3.2", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 422, description = "`validation_failed`: e.g. no such resolution or person, a body of kind `other` without a name", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewInternalBody>,
) -> ApiResult<HttpResponse> {
    let b = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/internal-bodies/{}", b.id),
        b.version,
        &b,
    ))
}

/// List a group's internal bodies
///
/// Active and closed, by id, each with its head and the duties §2.3.2 gives its kind.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/internal-bodies", operation_id = "listInternalBodies", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1), PageQuery),
    responses((status = 200, description = "A page of bodies", body = Page<InternalBody>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let p = svc::list(&state, &ctx, id.into_inner(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Read an internal body
#[utoipa::path(
    get, path = "/api/v1/internal-bodies/{id}", operation_id = "getInternalBody", tag = "groups",
    params(("id" = i64, Path, description = "Body id", example = 1)),
    responses(
        (status = 200, description = "The body", body = InternalBody,
            headers(("ETag" = String, description = "Its version, for If-Match"))),
        (status = 404, description = "No such body in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let b = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(b.version, &b))
}

/// Change a body's head (chair)
///
/// The new head, like the first, is staff of the core with a council seat (INTERNAL-BODIES);
/// they take an office place, and the old head's place as head retires unless they head another
/// body, in the same step.
#[utoipa::path(
    put, path = "/api/v1/internal-bodies/{id}/head", operation_id = "putInternalBodyHead", tag = "groups",
    request_body = HeadChange,
    params(
        ("id" = i64, Path, description = "Body id", example = 1),
        ("If-Match" = String, Header, description = "The body's ETag", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The body", body = InternalBody,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`INTERNAL-BODIES`, `internal_body_closed`, `GROUP-STATE`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 428, description = "`precondition_required`: If-Match is missing", body = Problem),
    )
)]
pub async fn put_head(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<HeadChange>,
) -> ApiResult<HttpResponse> {
    let b = svc::change_head(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(b.version, &b))
}

/// Close a body (chair)
///
/// On a resolution the council adopted on an `internal_body` motion; the head's office place as
/// head retires with it. A closed body keeps its record.
#[utoipa::path(
    post, path = "/api/v1/internal-bodies/{id}/closure", operation_id = "closeInternalBody", tag = "groups",
    request_body = BodyClosing,
    params(
        ("id" = i64, Path, description = "Body id", example = 1),
        ("If-Match" = String, Header, description = "The body's ETag", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The body, closed", body = InternalBody,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`INTERNAL-BODIES`, `internal_body_closed`, `GROUP-STATE`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 428, description = "`precondition_required`: If-Match is missing", body = Problem),
    )
)]
pub async fn close(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<BodyClosing>,
) -> ApiResult<HttpResponse> {
    let b = svc::close(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(b.version, &b))
}
