//! The steps of the formation workflow. Each accepts `If-Match` (checked when given); without it
//! the state machine still refuses a step that no longer applies (`409 GROUP-STATE`).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::groups::formation::{
    self as svc, DossierSubmission, History, PlanSubmission, Review,
};
use crate::service::groups::members::{self, NewMember};
use crate::service::groups::view::Group;
use crate::service::{AppState, Ctx};

/// Submit the formation plan
///
/// The core school submits its formation plan to the bureau: `authorized` → `plan_submitted`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/formation-plan", operation_id = "submitFormationPlan", tag = "groups",
    request_body = PlanSubmission,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"1\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: not in a status that takes this step", body = Problem),
    )
)]
pub async fn submit_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<PlanSubmission>,
) -> ApiResult<HttpResponse> {
    let g = svc::submit_plan(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Review the formation plan
///
/// The bureau's first review (初审): `approve` → `preparing`; `return` (with `reason`) →
/// `authorized`, to be resubmitted.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/formation-plan/review", operation_id = "reviewFormationPlan", tag = "groups",
    request_body = Review,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"2\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: the plan is not awaiting review (e.g. another officer reviewed it first)", body = Problem),
    )
)]
pub async fn review_plan(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Review>,
) -> ApiResult<HttpResponse> {
    let g = svc::review_plan(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Add a member school
///
/// While the group is `preparing` or `established`: the bureau assigns (new, weak and newly
/// opened schools), or the core records a signed agreement (any other school).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/members", operation_id = "addMember", tag = "groups",
    request_body = NewMember,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"3\""),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "join-5")),
    responses(
        (status = 201, description = "The group with its new member", body = Group,
            headers(("Location" = String, description = "The group"))),
        (status = 409, description = "A rule refused it: `GROUP-STATE`, `GRP-COUNTY`, `GRP-ONE-MEMBERSHIP`, `GRP-STAGE-DOWNWARD`, `GRP-JOIN-BASIS`, `GRP-TIGHT-SIZE`, `GRP-TIGHT-LEGAL-REP`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "Tight group is full", "status": 409,
                "code": "GRP-TIGHT-SIZE", "detail": "A tight group starts with at most 3 members besides the core; it has 3.", "policy_ref": "§2.2.1",
                "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn add_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<NewMember>,
) -> ApiResult<HttpResponse> {
    let g = members::add(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(crate::http::respond::created(
        format!("/api/v1/groups/{}", g.id),
        g.version,
        &g,
    ))
}

/// Submit the dossier
///
/// The core submits the agreements, the council list and the charter draft passed by the
/// council: `preparing` → `dossier_submitted`, if GRP-ESTABLISH-DOSSIER holds.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dossier", operation_id = "submitDossier", tag = "groups",
    request_body = DossierSubmission,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"7\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GRP-ESTABLISH-DOSSIER` (what is missing is listed) or `GROUP-STATE`", body = Problem),
    )
)]
pub async fn submit_dossier(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<DossierSubmission>,
) -> ApiResult<HttpResponse> {
    let g = svc::submit_dossier(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Review the dossier (bureau)
///
/// `approve` → `bureau_reviewed`; `return` (with `reason`) → `preparing`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dossier/review", operation_id = "reviewDossier", tag = "groups",
    request_body = Review,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"8\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: not awaiting the bureau's review (another officer may have reviewed it first)", body = Problem),
    )
)]
pub async fn review_dossier(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Review>,
) -> ApiResult<HttpResponse> {
    let g = svc::review_dossier(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// Approve the establishment (county leading group)
///
/// The county Party committee's education work leading group gives final approval (审核同意):
/// `approve` → `established`; `return` (with `reason`) → `preparing`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/dossier/approval", operation_id = "approveDossier", tag = "groups",
    request_body = Review,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The group's ETag; checked when given", example = "\"9\"")),
    responses(
        (status = 200, description = "The group as it now stands", body = Group),
        (status = 409, description = "`GROUP-STATE`: the bureau has not reviewed the dossier", body = Problem),
    )
)]
pub async fn approve_dossier(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<Review>,
) -> ApiResult<HttpResponse> {
    let g = svc::approve_dossier(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}

/// The group's history
///
/// Every transition: from, to, actor, time and reason, oldest first.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/history", operation_id = "getGroupHistory", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses((status = 200, description = "The transitions", body = History))
)]
pub async fn history(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::history(&state, &ctx, id.into_inner()).await?))
}
