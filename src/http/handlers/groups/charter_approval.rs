//! The charter's approval (核准, §2.3.2) and its versions. Registered by `handlers::cadres`
//! with the rest of issue 4's routes, documented under the `groups` tag beside the charter.

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::ok_tagged;
use crate::service::groups::charter::Charter;
use crate::service::groups::charter_approval::{
    self as svc, CharterDecisionInput, CharterVersionItem,
};
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Submit the charter for approval
///
/// The chair submits the newest charter version, adopted by a council charter resolution, to
/// the county bureau for approval: `adopted` → `submitted`. Until the bureau decides, no new
/// draft can start. Refused with `409 CHARTER-APPROVAL` when the newest version is not
/// `adopted` (a draft the council has not passed, or one already submitted or decided),
/// `CHARTER-SECTIONS` when a required section is missing, `no_charter` without any.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/charter/submission", operation_id = "submitCharter", tag = "groups",
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The charter's ETag; checked when given", example = "\"2\""),
    ),
    responses(
        (status = 200, description = "The version, submitted", body = Charter,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`CHARTER-APPROVAL`, `CHARTER-SECTIONS`, `no_charter`, `GROUP-STATE` (the group is neither preparing nor established)", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "how the charter is approved", "status": 409,
                "code": "CHARTER-APPROVAL", "detail": "The council must adopt the draft before it is submitted (version 2: draft).",
                "policy_ref": "§2.3.2", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
) -> ApiResult<HttpResponse> {
    let c = svc::submit(&state, &ctx, id.into_inner(), m.0).await?;
    Ok(ok_tagged(c.version, &c))
}

/// Approve or reject the charter
///
/// The county bureau decides on the submitted version (核准). `approve`: it is in force, and the
/// version in force until now is `superseded` in the same step. `reject` (with the reasons in
/// `note`): it is `rejected` and the version in force, if any, stays in force; the chair amends
/// with a new draft (`PUT …/charter`) that the council adopts and the chair submits again. Of two
/// officers deciding at once exactly one wins: the other gets `409 CHARTER-APPROVAL` (`412`
/// with a stale `If-Match`).
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/charter/approval", operation_id = "decideCharterApproval", tag = "groups",
    request_body = CharterDecisionInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The charter's ETag; checked when given", example = "\"3\""),
    ),
    responses(
        (status = 200, description = "The version as decided", body = Charter,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 409, description = "`CHARTER-APPROVAL`: no version awaits approval (e.g. another officer decided first); `no_charter`; `GROUP-STATE` (dissolved)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn approval(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<CharterDecisionInput>,
) -> ApiResult<HttpResponse> {
    let c = svc::decide_on(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(c.version, &c))
}

/// List the charter's versions
///
/// Every version, oldest first, without its text: its status, whether it is in force, the
/// resolution that adopted it, when it was submitted and decided.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/charter/versions", operation_id = "listCharterVersions", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1), PageQuery),
    responses((status = 200, description = "A page of versions", body = Page<CharterVersionItem>))
)]
pub async fn versions(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = svc::versions(&state, &ctx, id.into_inner(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one charter version
///
/// Its full text and rules of procedure, as adopted, submitted or approved; an earlier version
/// stays readable after it is superseded.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/charter/versions/{version_no}", operation_id = "getCharterVersion", tag = "groups",
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("version_no" = i32, Path, description = "Version number, from 1", example = 1),
    ),
    responses((status = 200, description = "The version", body = Charter,
        headers(("ETag" = String, description = "Its row version"))))
)]
pub async fn version(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
) -> ApiResult<HttpResponse> {
    let (id, no) = path.into_inner();
    let c = svc::version(&state, &ctx, id, no).await?;
    Ok(ok_tagged(c.version, &c))
}
