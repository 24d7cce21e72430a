//! Hiring rounds and their posts.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::hiring::rounds::{
    self as svc, NewHiringPost, NewHiringRound, RoundClosing, RoundQuery,
};
use crate::service::hiring::views::{HiringPost, HiringRound};
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Open a hiring round
///
/// The chair (the core school's administrator) opens a two-way hiring round (岗位双向聘用,
/// §2.4.2) for a staffing year, with the group's assessment method for each post category it
/// offers: the weights of ethics (师德), ability (能力), performance (业绩) and contribution
/// (贡献), integers adding up to 100 (`422` on the method otherwise). Refused with
/// `409 GROUP-STATE` before the group is established.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/hiring-rounds", operation_id = "createHiringRound", tag = "hiring",
    request_body = NewHiringRound,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response.", example = "hiring-2026"),
    ),
    responses(
        (status = 201, description = "Opened", body = HiringRound,
            headers(("Location" = String, description = "The round"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`GROUP-STATE` (not established)", body = Problem),
        (status = 422, description = "A field is invalid: e.g. a method whose weights do not add up to 100", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewHiringRound>,
) -> ApiResult<HttpResponse> {
    let r = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/hiring-rounds/{}", r.id),
        r.version,
        &r,
    ))
}

/// List a group's hiring rounds
///
/// By id, filtered by `year` and `status`, each with its methods and posts (a member school's
/// administrator sees its own school's posts only).
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/hiring-rounds", operation_id = "listHiringRounds", tag = "hiring",
    params(("id" = i64, Path, description = "Group id", example = 1), RoundQuery, PageQuery),
    responses((status = 200, description = "A page of rounds", body = Page<HiringRound>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<RoundQuery>,
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

/// Read a hiring round
///
/// Its methods, status and posts, each post with the outcome that fills it; a member school's
/// administrator sees its own school's posts only.
#[utoipa::path(
    get, path = "/api/v1/hiring-rounds/{id}", operation_id = "getHiringRound", tag = "hiring",
    params(("id" = i64, Path, description = "Round id", example = 1)),
    responses((status = 200, description = "The round", body = HiringRound,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let r = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(r.version, &r))
}

/// Close a hiring round
///
/// The chair closes the round: it takes no more posts nor new outcomes; outcomes already
/// recorded still take their later steps (transfer training, reassignment, the contract's
/// end). Closing a closed round is `409 hiring_round_closed`.
#[utoipa::path(
    post, path = "/api/v1/hiring-rounds/{id}/close", operation_id = "closeHiringRound", tag = "hiring",
    request_body = RoundClosing,
    params(
        ("id" = i64, Path, description = "Round id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The round's ETag; checked when given", example = "\"3\""),
    ),
    responses(
        (status = 200, description = "The round, closed", body = HiringRound,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`hiring_round_closed`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn close(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<RoundClosing>,
) -> ApiResult<HttpResponse> {
    let r = svc::close(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(r.version, &r))
}

/// Offer a post in a round
///
/// The chair offers a post at the core or a current member school: a category the round has a
/// method for, a level that fits it, the bonus flag and a name. The round's posts for one
/// school, category, level and bonus never exceed that school's allocation for the round's
/// year (`post_allocations`, in effect once the bureau approved an adjustment):
/// `409 STAFF-POOL` names the numbers. `409 hiring_round_closed` once the round is closed.
#[utoipa::path(
    post, path = "/api/v1/hiring-rounds/{id}/posts", operation_id = "createHiringPost", tag = "hiring",
    request_body = NewHiringPost,
    params(("id" = i64, Path, description = "Round id", example = 1)),
    responses(
        (status = 201, description = "Offered", body = HiringPost,
            headers(("Location" = String, description = "The post"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`STAFF-POOL` (beyond the allocation), `hiring_round_closed`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/rule-violation", "title": "The group's staffing pool",
                "status": 409, "code": "STAFF-POOL", "detail": "The member is allocated 2 such posts for the year; the round would offer 3, 1 too many.",
                "policy_ref": "§2.4.1, §2.4.2", "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn create_post(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewHiringPost>,
) -> ApiResult<HttpResponse> {
    let p = svc::add_post(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/hiring-posts/{}", p.id)))
        .json(p))
}

/// Read a hiring post
///
/// The post and the outcome that fills it; a member school's administrator reads its own
/// school's posts only.
#[utoipa::path(
    get, path = "/api/v1/hiring-posts/{id}", operation_id = "getHiringPost", tag = "hiring",
    params(("id" = i64, Path, description = "Post id", example = 3)),
    responses((status = 200, description = "The post", body = HiringPost))
)]
pub async fn get_post(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let p = svc::get_post(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(p))
}
