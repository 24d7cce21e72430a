//! Teachers' outcomes in a hiring round and their later steps.

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::hiring::outcomes::{self as svc, NewHiringOutcome, OutcomeQuery, StepInput};
use crate::service::hiring::views::HiringOutcome;
use crate::service::page::{Page, PageQuery};
use crate::service::{AppState, Ctx};

/// Record a teacher's outcome
///
/// The chair records a teacher's outcome in an open round: `hired` to a vacant post of the
/// round, with the four criteria scores (the weighted total is computed by the round's method
/// for the post's category), or `not_hired`; with the reason, the date, the deciding body and
/// the document. The teacher is staff of the core or a current member; the teacher's current
/// post and employment status in the registry change at once. A graded professional-technical
/// post needs a title of its grade or above (`409 HIRE-TWO-WAY`). Refused with
/// `409 HIRE-TWO-WAY` for any other starting status, `hiring_outcome_exists` when the teacher
/// has an outcome in the round, `post_filled` when the post is filled, `not_a_member` when the
/// post's school has left the group, `hiring_round_closed` once the round is closed.
#[utoipa::path(
    post, path = "/api/v1/hiring-rounds/{id}/outcomes", operation_id = "recordHiringOutcome", tag = "hiring",
    request_body = NewHiringOutcome,
    params(
        ("id" = i64, Path, description = "Round id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response.", example = "hire-12"),
    ),
    responses(
        (status = 201, description = "Recorded", body = HiringOutcome,
            headers(("Location" = String, description = "The outcome"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`HIRE-TWO-WAY`, `hiring_outcome_exists`, `post_filled`, `not_a_member`, `hiring_round_closed`", body = Problem,
            example = json!({"type": "https://edugroups.example/problems/conflict", "title": "Post filled",
                "status": 409, "code": "post_filled", "detail": "The post is filled already, by outcome #4.",
                "request_id": "6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"})),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewHiringOutcome>,
) -> ApiResult<HttpResponse> {
    let o = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/hiring-outcomes/{}", o.id),
        o.version,
        &o,
    ))
}

/// List a round's outcomes
///
/// By id, filtered by `status`, `person_id` and `school_id` (the teacher's school, or the
/// post's), each with its steps. A member school's administrator sees its own teachers'
/// outcomes and those filling its posts only.
#[utoipa::path(
    get, path = "/api/v1/hiring-rounds/{id}/outcomes", operation_id = "listHiringOutcomes", tag = "hiring",
    params(("id" = i64, Path, description = "Round id", example = 1), OutcomeQuery, PageQuery),
    responses((status = 200, description = "A page of outcomes", body = Page<HiringOutcome>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<OutcomeQuery>,
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

/// Read an outcome
///
/// Where it stands, the post held, a hire's scores and every step.
#[utoipa::path(
    get, path = "/api/v1/hiring-outcomes/{id}", operation_id = "getHiringOutcome", tag = "hiring",
    params(("id" = i64, Path, description = "Outcome id", example = 5)),
    responses((status = 200, description = "The outcome", body = HiringOutcome,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let o = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(o.version, &o))
}

/// Take an outcome's next step
///
/// After `not_hired`, `transfer_training` (转岗培训); after it, `reassigned` to a vacant post of
/// the round (its title must fit) or `contract_ended` (解除聘用关系); each with its reason,
/// date, deciding body and document, and the teacher's current post in the registry follows.
/// Steps are taken after the round has closed too. Refused with `409 HIRE-TWO-WAY` out of
/// order (e.g. `reassigned` before transfer training), `hiring_outcome_final` once the outcome
/// has ended, `post_filled` when the post is filled, `not_a_member` when its school has left.
#[utoipa::path(
    post, path = "/api/v1/hiring-outcomes/{id}/steps", operation_id = "stepHiringOutcome", tag = "hiring",
    request_body = StepInput,
    params(
        ("id" = i64, Path, description = "Outcome id", example = 5),
        ("If-Match" = Option<String>, Header, description = "The outcome's ETag; checked when given", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The outcome as it now stands", body = HiringOutcome,
            headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Not the group's chair", body = Problem),
        (status = 409, description = "`HIRE-TWO-WAY`, `hiring_outcome_final`, `post_filled`, `not_a_member`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn step(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<StepInput>,
) -> ApiResult<HttpResponse> {
    let o = svc::step(&state, &ctx, id.into_inner(), m.0, body.into_inner()).await?;
    Ok(ok_tagged(o.version, &o))
}
