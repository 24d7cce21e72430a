//! What follows from the assessment and beside it: growth reviews (GROWTH-3Y) and inspections
//! by education supervision (§3.4).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::assessment::growth::{
    self, GrowthDecisionInput, GrowthReview, NewGrowthReview,
};
use crate::service::assessment::inspections::{self, Inspection, InspectionQuery, NewInspection};
use crate::service::{AppState, Ctx};

/// Propose a growth review
///
/// When a new or weak member's growth period ends (by the end of the year after the
/// assessment's), the chair proposes, on the published assessment's evidence, that it leave
/// to run independently (`graduate_independent`), stay as a collaborative member
/// (`convert_to_collaborative`) or have its period extended (`extend`, 1–3 years). Leaving and
/// converting file the application in the same step (`application_id`): the bureau approves it
/// in its inbox and the exit follows. An extension is decided on the review.
#[utoipa::path(
    post, path = "/api/v1/assessments/{id}/growth-reviews", operation_id = "createGrowthReview", tag = "assessment",
    request_body = NewGrowthReview,
    params(
        ("id" = i64, Path, description = "Assessment id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "growth-2026-5"),
    ),
    responses(
        (status = 201, description = "The review", body = GrowthReview,
            headers(("Location" = String, description = "The review"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 404, description = "No such assessment in your scope, or the school is not a member", body = Problem),
        (status = 409, description = "`GROWTH-3Y` (unpublished results, no growth period, a period not ending yet or not over for leaving), `application_pending`", body = Problem),
        (status = 422, description = "`validation_failed`", body = Problem),
    )
)]
pub async fn create_review(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewGrowthReview>,
) -> ApiResult<HttpResponse> {
    let r = growth::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/growth-reviews/{}", r.id),
        r.version,
        &r,
    ))
}

/// List a group's growth reviews
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/growth-reviews", operation_id = "listGrowthReviews", tag = "assessment",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses(
        (status = 200, description = "Newest first", body = Vec<GrowthReview>),
        (status = 404, description = "No such group in your scope", body = Problem),
    )
)]
pub async fn list_reviews(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let l = growth::list(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(l))
}

/// Read a growth review
#[utoipa::path(
    get, path = "/api/v1/growth-reviews/{id}", operation_id = "getGrowthReview", tag = "assessment",
    params(("id" = i64, Path, description = "Review id", example = 1)),
    responses(
        (status = 200, description = "The review", body = GrowthReview, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such review in your scope", body = Problem),
    )
)]
pub async fn get_review(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let r = growth::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(r.version, &r))
}

/// Decide an extension of a growth period
///
/// The county bureau approves (the period's end moves by `extend_years`) or rejects, with
/// reasons, a review proposing an extension. A review that filed an application is decided on
/// that application (`409 growth_review_decided`).
#[utoipa::path(
    post, path = "/api/v1/growth-reviews/{id}/decision", operation_id = "decideGrowthReview", tag = "assessment",
    request_body = GrowthDecisionInput,
    params(
        ("id" = i64, Path, description = "Review id", example = 1),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The review", body = GrowthReview, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the county bureau", body = Problem),
        (status = 404, description = "No such review in your scope", body = Problem),
        (status = 409, description = "`growth_review_decided`, `GROWTH-3Y`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a rejection without reasons", body = Problem),
        (status = 428, description = "`precondition_required`: no If-Match", body = Problem),
    )
)]
pub async fn decide_review(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<GrowthDecisionInput>,
) -> ApiResult<HttpResponse> {
    let r = growth::decide(
        &state,
        &ctx,
        id.into_inner(),
        m.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(r.version, &r))
}

/// Record an inspection
///
/// Education supervision (the `inspector` role) records an inspection of an established group
/// or one of its schools: kind, date, rating (`excellent | good | pass | fail`), summary and
/// findings. A finding that requires rectification issues a rectification order to the member
/// it names, in the same step (`rectification_order_id`; the order's `inspection_id` links
/// back). The year's ratings feed the computed indicator `inspection_rating`.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/inspections", operation_id = "createInspection", tag = "assessment",
    request_body = NewInspection,
    params(
        ("id" = i64, Path, description = "Group id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe.", example = "inspection-2026-11"),
    ),
    responses(
        (status = 201, description = "The inspection", body = Inspection,
            headers(("Location" = String, description = "The inspection"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not an inspector", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`GROUP-STATE`: not established", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a rating not in the vocabulary, an order for the core or a school outside the group", body = Problem),
    )
)]
pub async fn create_inspection(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewInspection>,
) -> ApiResult<HttpResponse> {
    let i = inspections::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(format!("/api/v1/inspections/{}", i.id), 1, &i))
}

/// List a group's inspections
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/inspections", operation_id = "listInspections", tag = "assessment",
    params(("id" = i64, Path, description = "Group id", example = 1), InspectionQuery),
    responses(
        (status = 200, description = "Newest first", body = Vec<Inspection>),
        (status = 400, description = "`invalid_query`: e.g. a year out of range", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
    )
)]
pub async fn list_inspections(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<InspectionQuery>,
) -> ApiResult<HttpResponse> {
    let l = inspections::list(&state, &ctx, id.into_inner(), q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(l))
}

/// Read an inspection
#[utoipa::path(
    get, path = "/api/v1/inspections/{id}", operation_id = "getInspection", tag = "assessment",
    params(("id" = i64, Path, description = "Inspection id", example = 1)),
    responses(
        (status = 200, description = "The inspection", body = Inspection),
        (status = 404, description = "No such inspection in your scope", body = Problem),
    )
)]
pub async fn get_inspection(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let i = inspections::get(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(i))
}
