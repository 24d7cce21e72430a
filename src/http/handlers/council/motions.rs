use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::optional as optional_json;
use crate::http::json::Json;
use crate::http::respond::{created, ok_tagged};
use crate::service::council::close::{self, CloseInput};
use crate::service::council::motions::{self as svc, NewMotion};
use crate::service::council::views::{Motion, MotionDetail, Vote};
use crate::service::council::votes::{self, VoteInput};
use crate::service::{AppState, Ctx};

/// Table a motion
///
/// The chair puts a motion to a convened meeting. Its threshold and quorum are fixed now, from
/// the governing charter's rules of procedure or else the county's settings, so that a later
/// charter change does not alter an open motion. The chair lists the seat holders recused for
/// a conflict of interest. A council charter motion needs a charter draft to adopt. An office
/// `cadre_nomination` motion may carry `nomination_id`: closing it adopted (or by the chair's
/// decision after hearing) passes the nomination, rejected ends it (CADRE-VP, CADRE-MIDDLE).
#[utoipa::path(
    post, path = "/api/v1/meetings/{id}/motions", operation_id = "tableMotion", tag = "council",
    request_body = NewMotion,
    params(
        ("id" = i64, Path, description = "Meeting id", example = 1),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response."),
    ),
    responses(
        (status = 201, description = "Tabled", body = Motion,
            headers(("Location" = String, description = "The new motion"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "`meeting_closed`; `no_charter_draft`; `nomination_on_agenda`; `CADRE-VP`, `CADRE-MIDDLE` (the office meeting has decided on the nomination)", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewMotion>,
) -> ApiResult<HttpResponse> {
    let m = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(format!("/api/v1/motions/{}", m.id), m.version, &m))
}

/// Read a motion
///
/// With its roll call for an open ballot; a secret ballot shows only how many seats voted
/// (and the tally once closed), never who voted how.
#[utoipa::path(
    get, path = "/api/v1/motions/{id}", operation_id = "getMotion", tag = "council",
    params(("id" = i64, Path, description = "Motion id", example = 1)),
    responses((status = 200, description = "The motion", body = MotionDetail,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let m = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(m.motion.version, &m))
}

/// Vote
///
/// A seat holder votes for its own seat, or for a seat that gave it its proxy at the meeting
/// (its own seat being present). One vote per seat; sending again changes it until the motion
/// closes. Refused with `409 MOTION-THRESHOLD` for a closed motion, an absent or recused seat.
/// The vote replaces only this seat's own choice, so no `If-Match` is needed.
#[utoipa::path(
    put, path = "/api/v1/motions/{id}/votes/{seat_id}", operation_id = "castVote", tag = "council",
    request_body = VoteInput,
    params(
        ("id" = i64, Path, description = "Motion id", example = 1),
        ("seat_id" = i64, Path, description = "The seat voting", example = 3),
    ),
    responses(
        (status = 200, description = "The seat's vote", body = Vote),
        (status = 403, description = "Not the seat's holder nor its proxy", body = Problem),
        (status = 409, description = "`MOTION-THRESHOLD`: the motion is closed, or the seat is absent or recused", body = Problem),
    )
)]
pub async fn vote(
    state: web::Data<AppState>,
    ctx: Ctx,
    path: web::Path<(i64, i64)>,
    body: Json<VoteInput>,
) -> ApiResult<HttpResponse> {
    let (motion, seat) = path.into_inner();
    let v = votes::cast(&state, &ctx, motion, seat, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Close a motion
///
/// The chair closes the vote: the entitled seats, those present (in person or by proxy) and the
/// recused are frozen, the votes counted and the outcome decided (`adopted`, `rejected`,
/// `no_quorum` or `tied`) against the threshold fixed when the motion was tabled. An adopted
/// motion becomes a numbered resolution; a council charter resolution marks the charter draft
/// adopted. A secret ballot keeps only the tally. For an office motion under a charter where the
/// chair decides after hearing the members, send `{"decision": "adopt"|"reject"}`; otherwise
/// the body may be empty. Of two concurrent closes exactly one wins: the other gets `409`, or
/// `412` when its `If-Match` is stale.
#[utoipa::path(
    post, path = "/api/v1/motions/{id}/close", operation_id = "closeMotion", tag = "council",
    request_body(content = Option<CloseInput>, description = "Empty, or the chair's decision"),
    params(
        ("id" = i64, Path, description = "Motion id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The motion's ETag", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The closed motion", body = Motion,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`motion_not_open`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn close(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let input: CloseInput = optional_json(&req, &body)?;
    let m = close::close(&state, &ctx, id.into_inner(), if_match.0, input).await?;
    Ok(ok_tagged(m.version, &m))
}

/// Defer a motion
///
/// The chair defers an open motion (`deferred`); it is not counted.
#[utoipa::path(
    post, path = "/api/v1/motions/{id}/defer", operation_id = "deferMotion", tag = "council",
    params(
        ("id" = i64, Path, description = "Motion id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The motion's ETag", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The deferred motion", body = Motion,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`motion_not_open`", body = Problem),
        (status = 412, description = "`precondition_failed`: If-Match is stale", body = Problem),
    )
)]
pub async fn defer(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
) -> ApiResult<HttpResponse> {
    let m = svc::defer(&state, &ctx, id.into_inner(), if_match.0).await?;
    Ok(ok_tagged(m.version, &m))
}
