//! What a group pools besides its members' quotas: the special quota, and what members that do
//! not pool all of theirs pool by their agreements (STAFF-POOL).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::staffing::quotas::{self as svc, SpecialQuotaInput};
use crate::service::staffing::terms::{self, Pooling, PoolingInput};
use crate::service::staffing::views::SpecialQuota;
use crate::service::{AppState, Ctx};

/// Read a group's special quota for a year
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/special-quotas/{year}", operation_id = "getSpecialQuota", tag = "staffing",
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Staffing year", example = 2026),
    ),
    responses(
        (status = 200, description = "The special quota", body = SpecialQuota, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "None for that year, or no such group in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let q = svc::get(&state, &ctx, id, year).await?;
    Ok(ok_tagged(q.version, &q))
}

/// Set a group's special quota for a year
///
/// The county bureau adds a special development quota or headcount (集团发展专项编制或员额) to
/// an established group's pool, for the purposes §2.4.1 names: the council's internal bodies,
/// and the management teams and backbone teachers the core sends out. `If-Match: "0"` creates
/// it. It never drops below what the pool carries (`STAFF-POOL`).
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/special-quotas/{year}", operation_id = "putSpecialQuota", tag = "staffing",
    request_body = SpecialQuotaInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("year" = i32, Path, description = "Staffing year", example = 2026),
        ("If-Match" = String, Header, description = "`\"0\"` to create, else the ETag last read", example = "\"0\""),
    ),
    responses(
        (status = 200, description = "The special quota as it now stands", body = SpecialQuota, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`STAFF-POOL` (the pool would carry less than is allocated), `GROUP-STATE` (not established)", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i32)>,
    m: IfMatchHeader,
    body: Json<SpecialQuotaInput>,
) -> ApiResult<HttpResponse> {
    let (id, year) = path.into_inner();
    let q = svc::put(&state, &ctx, id, year, m.required()?, body.into_inner()).await?;
    Ok(ok_tagged(q.version, &q))
}

/// Record what a member pools by its agreement
///
/// The chair records the staffing clause of a member's agreement (§2.4.1 "对其他成员的编制和员额
/// 可根据协议进行统筹"): a number of its posts (`pooled_quota`) or a share of its quota
/// (`pooled_share`, percent); neither means it pools none. The core and weak or newly opened
/// members pool their whole quota and take no terms (`422`). The terms never shrink the pool
/// below what `year` carries (`STAFF-POOL`). The answer's `membership_version` is the
/// membership's new ETag.
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/members/{school_id}/pooling", operation_id = "putMemberPooling", tag = "staffing",
    request_body = PoolingInput,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("school_id" = i64, Path, description = "The member school", example = 5),
        ("If-Match" = Option<String>, Header, description = "The membership's ETag; checked when given", example = "\"2\""),
    ),
    responses(
        (status = 200, description = "The member's terms as they now stand", body = Pooling),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 404, description = "Not a current member, or no such group in your scope", body = Problem),
        (status = 409, description = "`STAFF-POOL`, `GROUP-STATE`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
    )
)]
pub async fn pooling(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i64)>,
    m: IfMatchHeader,
    body: Json<PoolingInput>,
) -> ApiResult<HttpResponse> {
    let (id, school) = path.into_inner();
    let p = terms::put(&state, &ctx, id, school, m.0, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(p))
}
