use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::optional as optional_json;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::ok_tagged;
use crate::service::life::applications::{self as svc, ApplicationQuery};
use crate::service::life::decisions::{self, Cancellation, DecisionInput};
use crate::service::life::views::Application;
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// List applications (the bureau's inbox)
///
/// `?status=submitted` is the county bureau's inbox of what awaits its approval (核准). A bureau
/// sees its county's applications, a school's administrators their school's and, as chair, their
/// group's; ordered by id.
#[utoipa::path(
    get, path = "/api/v1/applications", operation_id = "listApplications", tag = "group-life",
    params(ApplicationQuery, PageQuery),
    responses((status = 200, description = "A page of applications", body = Page<Application>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    q: Query<ApplicationQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = svc::list(&state, &ctx, q.into_inner(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read an application
///
/// An application as it stands, with its decision once the bureau has made it. The applicant,
/// the chair of its group and the bureau of its county see it.
#[utoipa::path(
    get, path = "/api/v1/applications/{id}", operation_id = "getApplication", tag = "group-life",
    params(("id" = i64, Path, description = "Application id", example = 3)),
    responses((status = 200, description = "The application", body = Application,
        headers(("ETag" = String, description = "Its version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let a = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(a.version, &a))
}

/// Decide an application (bureau)
///
/// The county bureau approves (核准) or rejects (with `note`) a submitted application. Approval
/// applies it in the same transaction, checking its rules again: the membership ends with the
/// application's reason, a graduating or converting school is recognised as a potential school,
/// and a spin-off's new group is authorised (`new_group_id`). Of two concurrent decisions exactly
/// one wins: the other gets `409 application_decided`, or `412` when it sent a stale `If-Match`.
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/decision", operation_id = "decideApplication", tag = "group-life",
    request_body = DecisionInput,
    params(
        ("id" = i64, Path, description = "Application id", example = 3),
        ("If-Match" = Option<String>, Header, description = "The application's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The decided application", body = Application,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`application_decided`; on approval a rule refused it: `GROWTH-3Y`, `SPIN-OFF`, `MEMBERSHIP-STATE`, `GROUP-STATE`, `GRP-CORE-UNIQUE`, `GRP-ONE-MEMBERSHIP`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/conflict", "title": "Conflict with the current state", "status": 409,
                "code": "application_decided", "detail": "The application is decided or cancelled already.",
                "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn decide(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<DecisionInput>,
) -> ApiResult<HttpResponse> {
    let a = decisions::decide(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(a.version, &a))
}

/// Cancel an application
///
/// The applicant withdraws a submitted application (`cancelled`); the body may be empty.
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/cancellation", operation_id = "cancelApplication", tag = "group-life",
    request_body(content = Option<Cancellation>, description = "Empty, or a note"),
    params(
        ("id" = i64, Path, description = "Application id", example = 3),
        ("If-Match" = Option<String>, Header, description = "The application's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The cancelled application", body = Application,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`application_decided`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn cancel(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let input: Cancellation = optional_json(&req, &body)?;
    let a = decisions::cancel(&state, &ctx, id.into_inner(), m.0, input).await?;
    Ok(ok_tagged(a.version, &a))
}
