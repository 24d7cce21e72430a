use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::groups::group::{self as svc, GroupQuery, NewGroup};
use crate::service::groups::view::{Group, GroupItem};
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Authorise a core school to lead a new group
///
/// The county bureau authorises a school of `quality` standing in its county (GRP-CORE-QUALITY)
/// that leads no other active group (GRP-CORE-UNIQUE) to lead a new group, which starts as
/// `authorized`.
#[utoipa::path(
    post, path = "/api/v1/groups", operation_id = "authorizeGroup", tag = "groups",
    request_body = NewGroup,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "authorize-dy1x")),
    responses(
        (status = 201, description = "Authorised", body = Group,
            headers(("Location" = String, description = "The group"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "A rule refused it: `GRP-COUNTY`, `GRP-CORE-QUALITY`, `GRP-CORE-UNIQUE`, `GRP-ONE-MEMBERSHIP`, or `group_code_taken`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "Core school is not of quality standing", "status": 409,
                "code": "GRP-CORE-QUALITY", "detail": "School #3 is of ordinary standing; only a quality school may lead a group.", "policy_ref": "§2.2",
                "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: Json<NewGroup>,
) -> ApiResult<HttpResponse> {
    let g = svc::create(&state, &ctx, body.into_inner()).await?;
    Ok(created(format!("/api/v1/groups/{}", g.id), g.version, &g))
}

/// List groups
///
/// Groups in the caller's scope: a bureau's county, a school's own groups, a seat holder's
/// groups, or all for the prefecture.
#[utoipa::path(
    get, path = "/api/v1/groups", operation_id = "listGroups", tag = "groups",
    params(GroupQuery, PageQuery),
    responses((status = 200, description = "A page of groups", body = Page<GroupItem>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    q: Query<GroupQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::list(&state, &ctx, q.into_inner(), page.into_inner()).await?))
}

/// Read a group
///
/// With its members, council and charter in brief, and `allowed_actions`: the steps the caller
/// may take next.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}", operation_id = "getGroup", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses((status = 200, description = "The group", body = Group, headers(("ETag" = String, description = "Its version"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let g = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(g.version, &g))
}
